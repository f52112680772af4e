// track: find a grievance without leaving the page; the tracking link's secret is in the fragment,
// which browsers never send to a server, and is wiped from the address bar once read (this tab
// keeps it for a reload, in sessionStorage). The last state seen is kept on the phone and shown,
// with its date, when there is no connection — to whoever gives the same code again.
var SEEN = 'sawt.track';
// The code checked offline against a hash of it, never kept in the clear with the view.
function digest(code) {
  return Promise.resolve().then(function () {
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(code.toUpperCase().replace(/[^0-9A-Z]/g, '')));
  }).then(function (h) {
    return Array.prototype.map.call(new Uint8Array(h), function (x) { return (x + 256).toString(16).slice(1); }).join('');
  });
}
onModule('track', function (form) {
  var out = el('div'), active;  // active: the answer form on show
  form.parentNode.insertBefore(out, form.nextSibling);
  function fill(node, slot, text) { var n = $('[data-slot="' + slot + '"]', node); if (n) n.textContent = text; return n; }
  function hide(node, slot, yes) { var n = $('[data-slot="' + slot + '"]', node); if (n) n.hidden = !!yes; return n; }
  function render(view, code, seenAt) {
    var node = $('#track-template').content.cloneNode(true), S = STRINGS;
    fill(node, 'reference', view.reference);
    fill(node, 'status', S.statuses[view.status] || view.status);
    fill(node, 'created_at', inWords(view.created_at));
    var next = view.next_step;
    hide(node, 'next', !next);
    if (next) { fill(node, 'step', t('expected').replace('%(step)s', S.steps[next.step]).replace('%(date)s', inWords(next.due_at))); hide(node, 'late', !next.overdue); }
    var clocks = view.administrations || [], list0 = $('[data-slot=clocks] ul', node);
    hide(node, 'clocks', !clocks.length);
    clocks.forEach(function (c) {  // each administration the file went to, dates in words
      var said = c.answered_at ? 'answered' : c.overdue ? 'late' : 'sent';
      list0.appendChild(el('li', {}, S.clock[said].replace('%(administration)s', (c.names || {})[LANG] || c.administration)
        .replace('%(date)s', inWords(c.answered_at || c.forwarded_at)).replace('%(due)s', inWords(c.due_at))));
    });
    hide(node, 'orientation', !view.orientation);
    hide(node, 'disagree', ['resolved', 'closed', 'inadmissible'].indexOf(view.status) < 0);  // after a decision
    if (view.orientation) { fill(node, 'card', S.cards[view.orientation]); $('[data-slot=card-link]', node).href += '/' + view.orientation + '/'; }
    if (seenAt) fill(node, 'stale', t('stale').replace('%(date)s', inWords(seenAt, true))).hidden = false;
    var list = $('.timeline', node), item = $('li', list);
    list.removeChild(item);
    view.timeline.slice().reverse().forEach(function (e) {
      var li = item.cloneNode(true);
      fill(li, 'at', inWords(e.at));
      hide(li, 'who', e.by !== 'you');
      fill(li, 'what', e.status ? S.statuses[e.status] || e.status : '');
      if (e.fields) fill(li, 'what', t('corrected').replace('%(fields)s', new Intl.ListFormat(LANG).format(e.fields.map(function (f) { return S.details[f]; }))));
      if (e.template) fill(li, 'template', S.templates[e.template]); else $('[data-slot=template]', li).remove();
      if (e.message) fill(li, 'message', e.message); else $('[data-slot=message]', li).remove();
      var other = e.message && e.language && e.language !== LANG && S.languages[e.language];
      if (other) { $('[data-slot=message]', li).lang = e.language; fill(li, 'written', t('written') + ' ' + other); }
      else $('[data-slot=written]', li).remove();
      if (e.documents) fill(li, 'documents', t('documents', e.documents)); else $('[data-slot=documents]', li).remove();
      list.appendChild(li);
    });
    // Offline, the answer form still shows over the last state seen: the answer waits on the phone.
    hide(node, 'reply', !view.can_reply);
    hide(node, 'withdraw', !view.can_withdraw || !!seenAt);
    out.textContent = '';
    out.appendChild(node);
    answer($('[data-slot=reply]', out), view, code);
    $('[data-slot=withdraw]', out).addEventListener('click', function () { leave(view, code); });
    $('h2', out).setAttribute('tabindex', '-1');
    $('h2', out).focus();
  }
  // An answer leaves like a filing: typed into a draft kept on the phone (one per grievance, found
  // again after a reload), queued, and sent by the outbox with its own key.
  function answer(reply, view, code) {
    var ref = view.reference.replace(/-/g, ''), input = $('input[type=file]', reply), voice = $('[data-module=voice]', reply), timer;
    reply.key = uuid();
    // A recording attached tells the answer: the written one may then be left out (schemas/follow_up.py).
    function voiced(rec) { return (rec.files || []).some(function (f) { return f.kind === 'voice'; }); }
    function mark(rec) {
      rec.kind = 'reply'; rec.ref = view.reference; rec.subject = t('answer_to').replace('%(ref)s', view.reference);
      rec.endpoint = '/api/grievances/' + ref + '/replies';
      rec.values = { text: reply.text.value };
      rec.payload = { tracking_code: code, text: reply.text.value.trim() };
      if (voiced(rec)) rec.payload.text_recorded = true;
      return rec;
    }
    function editable(rec) { return rec.state === 'draft' || rec.state === 'attention'; }
    function show(state, body) {
      var locked = state === 'queued' || state === 'sending';
      reply.text.readOnly = locked;
      $('button[type=submit]', reply).disabled = locked;
      hide(reply, 'take-back', !locked);
      hide(reply, 'send-now', !locked);  // offered while it waits
      hide(reply, 'busy', true);
      hide(reply, 'unsure', true);
      fill(reply, 'reply-state', locked ? Outbox.said(body, state) : '');
    }
    function restore(rec) {
      reply.text.value = (rec.values || {}).text || '';
      if ((rec.files || []).length) need('attach').then(function () { Sawt.Attach.render(reply, rec.files); });
      if (rec.state === 'attention') showErrors(reply, rec.errors || []);
      show(rec.state, rec);
    }
    Store.all().then(function (all) {
      var mine = all.filter(function (f) { return f.kind === 'reply' && f.ref === view.reference && f.state !== 'sent'; })[0];
      if (mine) { reply.key = mine.id; restore(mine); }
    }, function () {});
    reply.text.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        Store.update(reply.key, function (rec) { return editable(rec) ? mark(rec) : null; })
          .then(function () { Outbox.tell({ id: reply.key, state: 'draft' }); });
      }, 400);
    });
    input.addEventListener('change', function () {
      var picked = Array.prototype.slice.call(input.files);
      input.value = '';
      Store.update(reply.key, function (rec) { return editable(rec) ? mark(rec) : null; })
        .then(function () { return need('attach'); }).then(function () { Sawt.Attach.add(reply, picked); });
    });
    // The recorder comes with the documents' chunk (recorder.js), into this answer's draft.
    voice.addEventListener('click', function () {
      Store.update(reply.key, function (rec) { return editable(rec) ? mark(rec) : null; })
        .then(function () { return need('attach'); }).then(function () { Sawt.Recorder(voice); });
    });
    $('[data-slot=send-now]', reply).addEventListener('click', function () { Outbox.flush(true); });
    $('[data-slot=take-back]', reply).addEventListener('click', function () {
      need('send').then(function () { return Sawt.Sender.takeBack(reply.key); }).catch(function () { return 'unsure'; }).then(function (how) {
        if (how === 'draft') return reply.text.focus();
        if (how === 'sent') return find();
        announce(hide(reply, how, false).textContent);
      });
    });
    reply.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = reply.text.value.trim(), empty;
      Store.update(reply.key, function (rec) {
        if (!editable(rec)) return null;  // queued or sent already, from another tab
        if ((empty = !text && !voiced(rec))) return null;
        mark(rec).state = 'queued';
        rec.attempts = 0; delete rec.errors; delete rec.why; delete rec.next_try;
        return rec;
      }).then(function () {
        showErrors(reply, empty ? [{ field: 'text', message: t('answer_required') }] : []);
        return empty || Store.get(reply.key).then(function (rec) {
          Outbox.emit(rec.id, rec.state, rec);
          Outbox.flush(true);
        });
      });
    });
    reply.show = show;
    reply.restore = restore;
    active = reply;
  }
  document.addEventListener('sawt:filing', function (e) {
    var d = e.detail, reply = active;
    if (!reply || d.id !== reply.key) return;
    if (d.state === 'sent') { announce(t('replied')); return find(); }
    if (d.state === 'attention') showErrors(reply, (d.body && d.body.errors) || []);
    if (d.far && d.state === 'draft') return Store.get(reply.key).then(reply.restore);
    reply.show(d.state, d.body);
  });
  function leave(view, code) {
    if (!confirm(t('confirm_withdraw'))) return;
    postJSON('/api/grievances/' + view.reference.replace(/-/g, '') + '/withdraw', { tracking_code: code }, { 'Idempotency-Key': uuid() })
      .then(function (r) { if (r.status === 200 && r.body.ok) find(); else showErrors(form, r.body.errors || []); },
        function () { showErrors(form, [{ field: null, message: t('offline') }]); });
  }
  function offline() { showErrors(form, [{ field: null, message: t('offline') }]); }
  function find() {
    var code = form.tracking_code.value, reference = form.reference.value, ref = reference.toUpperCase().replace(/[^0-9A-Z]/g, '');
    announce(t('searching'));
    postJSON('/api/track', { reference: reference, tracking_code: code }).then(function (r) {
      if (r.status === 200 && r.body.ok && r.body.timeline) {
        showErrors(form, []);
        try { sessionStorage.setItem(SEEN, JSON.stringify({ r: reference, c: code })); } catch (e) { /* private mode */ }
        digest(code).then(function (hash) {
          return Store.update('view:' + ref, function (rec) { rec.state = 'view'; rec.view = r.body; rec.code_hash = hash; return rec; });
        }).catch(function () {});
        return render(r.body, code);
      }
      out.textContent = '';
      showErrors(form, r.body.errors || []);
      // A wrong code or an unknown reference: what to do next, and a person to call.
      $('#track-help').hidden = !(r.body.errors || []).some(function (e) { return e.code === 'not_found'; });
    }, function () {
      Promise.all([Store.get('view:' + ref), digest(code)]).then(function (got) {
        var rec = got[0];
        if (rec && rec.view && rec.code_hash === got[1]) render(rec.view, code, rec.updated);
        else offline();
      }, offline);
    });
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); find(); });
  var m = location.hash.match(/r=([^&]+)&c=([^&]+)/), seen;
  try { seen = JSON.parse(sessionStorage.getItem(SEEN) || 'null'); } catch (e) { seen = null; }
  if (m) {
    seen = { r: decodeURIComponent(m[1]), c: decodeURIComponent(m[2]) };
    history.replaceState(null, '', location.pathname);
  }
  if (seen) {
    form.reference.value = seen.r;
    form.tracking_code.value = seen.c;
    find();
  }
});
