// track: find a grievance without leaving the page; the tracking link's secret is in the fragment,
// which browsers never send to a server, and is wiped from the address bar once read. The last
// state seen is kept on the phone and shown, with its date, when there is no connection.
onModule('track', function (form) {
  var out = el('div');
  form.parentNode.insertBefore(out, form.nextSibling);
  function fill(node, slot, text) { var n = $('[data-slot="' + slot + '"]', node); if (n) n.textContent = text; return n; }
  function hide(node, slot, yes) { var n = $('[data-slot="' + slot + '"]', node); if (n) n.hidden = !!yes; return n; }
  function render(view, code, seenAt) {
    var node = $('#track-template').content.cloneNode(true), S = STRINGS;
    fill(node, 'reference', view.reference);
    fill(node, 'status', S.statuses[view.status] || view.status);
    fill(node, 'created_at', view.created_at.slice(0, 10));
    var next = view.next_step;
    hide(node, 'next', !next);
    if (next) { fill(node, 'step', S.steps[next.step]); fill(node, 'due', next.due_at.slice(0, 10)); hide(node, 'late', !next.overdue); }
    hide(node, 'orientation', !view.orientation);
    if (view.orientation) { fill(node, 'card', S.cards[view.orientation]); $('[data-slot=card-link]', node).href += '/' + view.orientation + '/'; }
    if (seenAt) fill(node, 'stale', t('stale').replace('%(date)s', new Date(seenAt).toLocaleString(LANG))).hidden = false;
    var list = $('.timeline', node), item = $('li', list);
    list.removeChild(item);
    view.timeline.slice().reverse().forEach(function (e) {
      var li = item.cloneNode(true);
      fill(li, 'at', e.at.slice(0, 10));
      hide(li, 'who', e.by !== 'you');
      fill(li, 'what', e.status ? S.statuses[e.status] || e.status : '');
      if (e.template) fill(li, 'template', S.templates[e.template]); else $('[data-slot=template]', li).remove();
      if (e.message) fill(li, 'message', e.message); else $('[data-slot=message]', li).remove();
      if (e.documents) fill(li, 'documents', t('documents', e.documents)); else $('[data-slot=documents]', li).remove();
      list.appendChild(li);
    });
    var reply = $('[data-slot=reply]', node), withdraw = $('[data-slot=withdraw]', node);
    reply.hidden = !view.can_reply || !!seenAt;
    withdraw.hidden = !view.can_withdraw || !!seenAt;
    out.textContent = '';
    out.appendChild(node);
    answer($('[data-slot=reply]', out), view, code);
    $('[data-slot=withdraw]', out).addEventListener('click', function () { leave(view, code); });
    $('h2', out).setAttribute('tabindex', '-1');
    $('h2', out).focus();
  }
  // An answer leaves like a filing: kept on the phone first, sent by the outbox with its own key.
  function answer(reply, view, code) {
    reply.key = uuid();
    var ref = view.reference.replace(/-/g, ''), input = $('input[type=file]', reply);
    function mark(rec) {
      rec.kind = 'reply'; rec.subject = t('answer_to').replace('%(ref)s', view.reference);
      rec.endpoint = '/api/grievances/' + ref + '/replies';
      return rec;
    }
    input.addEventListener('change', function () {
      var picked = Array.prototype.slice.call(input.files);
      input.value = '';
      Store.update(reply.key, mark).then(function () { return need('attach'); }).then(function () { Sawt.Attach.add(reply, picked); });
    });
    reply.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = reply.text.value.trim();
      if (!text) return showErrors(reply, [{ field: 'text', message: t('required') }]);
      Store.update(reply.key, function (rec) {
        mark(rec).state = 'queued';
        rec.payload = { tracking_code: code, text: text };
        return rec;
      }).then(function () { fill(reply, 'reply-state', t('queued')); Outbox.flush(true); });
    });
    document.addEventListener('sawt:filing', function (e) {
      if (e.detail.id !== reply.key) return;
      if (e.detail.state === 'sent') { announce(t('replied')); find(); }
      else if (e.detail.state === 'attention') showErrors(reply, (e.detail.body && e.detail.body.errors) || []);
      else fill(reply, 'reply-state', t(e.detail.state === 'queued' ? 'queued' : 's_sending'));
    });
  }
  function leave(view, code) {
    if (!confirm(t('confirm_withdraw'))) return;
    postJSON('/api/grievances/' + view.reference.replace(/-/g, '') + '/withdraw', { tracking_code: code }, { 'Idempotency-Key': uuid() })
      .then(function (r) { if (r.status === 200) find(); else showErrors(form, (r.body && r.body.errors) || []); },
        function () { showErrors(form, [{ field: null, message: t('offline') }]); });
  }
  function find() {
    var code = form.tracking_code.value, ref = form.reference.value.toUpperCase().replace(/[^0-9A-Z]/g, '');
    announce(t('searching'));
    postJSON('/api/track', { reference: form.reference.value, tracking_code: code }).then(function (r) {
      if (r.status === 200) {
        showErrors(form, []);
        Store.update('view:' + ref, function (rec) { rec.state = 'view'; rec.view = r.body; rec.code_hint = true; return rec; }).catch(function () {});
        return render(r.body, code);
      }
      out.textContent = '';
      showErrors(form, (r.body && r.body.errors) || []);
    }, function () {
      Store.get('view:' + ref).then(function (rec) {
        if (rec && rec.view) render(rec.view, code, rec.updated);
        else showErrors(form, [{ field: null, message: t('offline') }]);
      }, function () { showErrors(form, [{ field: null, message: t('offline') }]); });
    });
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); find(); });
  var m = location.hash.match(/r=([^&]+)&c=([^&]+)/);
  if (m) {
    form.reference.value = decodeURIComponent(m[1]);
    form.tracking_code.value = decodeURIComponent(m[2]);
    history.replaceState(null, '', location.pathname);
    find();
  }
});
