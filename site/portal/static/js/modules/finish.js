// finish (a chunk, loaded at "check your answers"): the review of every answer, and the receipt.
(function (S) {
  var $ = S.$, $$ = S.$$, el = S.el, t = S.t, Form = S.Form, announce = S.announce;
Form.text = function (form, f) {
  if (f.tagName === 'SELECT') return f.options[f.selectedIndex].text;
  if (f.type === 'radio') return $('label[for="' + f.id + '"]', form).textContent;
  if (f.type === 'checkbox') return t(f.checked ? 'yes' : 'no');
  return f.value;
};

// "Check your answers": every visible answer, by step, each with a way back to change it.
Form.reviewNow = function (form) {
  if (!$('.review', form)) {
    return S.fragment('review-template').then(function (node) {
      form.appendChild(node);
      $('[data-take-back]', form).addEventListener('click', function () { Form.takeBack(form); });
      $('[data-download]', form).addEventListener('click', function () {
        S.need('send').then(function () { return S.Store.get(form.key); }).then(function (rec) { S.Sender.download(rec); });
      });
      return Form.reviewNow(form);
    });
  }
  var box = $('.review-answers', form);
  box.textContent = '';
  Form.steps(form).forEach(function (step) {
    var dl = el('dl', { 'class': 'summary' }), groups = [], said = [];
    function row(name, text, field) {
      var line = dl.appendChild(el('div'));
      line.appendChild(el('dt', {}, name));
      var dd = line.appendChild(el('dd', { dir: 'auto' }, text));
      if (!field) return;
      var change = dd.appendChild(el('button', { type: 'button', 'class': 'link' }, t('change')));
      change.appendChild(el('span', { 'class': 'vh' }, ' ' + name));
      change.addEventListener('click', function () {
        // Continue on that step comes straight back here.
        form.backToReview = true;
        // Waiting to be sent, it is locked: "Change" takes it back first, so the edit is what goes.
        if (form.locked) return Form.takeBack(form, step, field);
        Form.show(form, step, true);
        field.focus();
      });
    }
    $$('.file-name', step).forEach(function (n) { row($('select', n.closest('li')).selectedOptions[0].text, n.textContent); });
    // Only what the person answered and could see: no hidden carriers (the partner's tag), no
    // unticked box, no part that does not apply.
    $$('input[name],select[name],textarea[name]', step).forEach(function (f) {
      if (f.type === 'hidden' || f.closest('[data-show-if][hidden],[data-module][hidden]') || (f.type === 'radio' && !f.checked)) return;
      if (f.type === 'checkbox' ? !f.checked : !f.value.trim()) return;
      // A member of a group is one row, "Member 1": their answers together.
      var member = f.closest('[data-row]'), at = groups.indexOf(member);
      if (member && at >= 0) { said[at].textContent += ' ' + f.value.trim(); return; }
      if (member) {
        row($('legend', member).textContent, f.value.trim(), f);
        groups.push(member);
        said.push(dl.lastChild.lastChild.firstChild);
        return;
      }
      var name = S.fieldName(f.type === 'radio' ? f.closest('fieldset') : f);
      if (name) row(name, f.type === 'date' ? inWords(f.value) : Form.text(form, f), f);
    });
    if (dl.children.length) { box.appendChild(el('h3', {}, $('h2', step).textContent)); box.appendChild(dl); }
  });
  Form.show(form, null);
};

// The state of a filing sent from here, and what can be done while it waits: send now, take it
// back to edit (it is locked for sending until then), and download a copy when this phone cannot
// keep it, or may not (storage without the browser's promise to keep it).
Form.statusNow = function (form, state, body) {
  var box = $('.sending', form), msg = S.Outbox.said(body, state);
  function part(name, show) { $('[data-part=' + name + ']', box).hidden = !show; }
  box.hidden = false;
  $('p[role=status]', box).textContent = msg;
  part('fragile', S.Store.fragile && !S.Store.volatile);
  part('download', S.Store.fragile || S.Store.volatile);
  part('busy', false);
  part('unsure', false);
  announce(msg);
};

// Resolves once it is an editable draft again (then shows the step asked for), or says why not:
// being sent right now, or it may already be with the Ombudsman and there is no connection to ask.
Form.takeBack = function (form, step, field) {
  var box = $('.sending', form);
  return S.need('send').then(function () { return S.Sender.takeBack(form.key); }).catch(function () { return 'unsure'; })
    .then(function (how) {
      if (how === 'sent') return S.Store.get(form.key).then(function (rec) { Form.receipt(form, rec.receipt); });
      if (how !== 'draft') {
        $('[data-part=' + how + ']', box).hidden = false;
        return announce($('[data-part=' + how + ']', box).textContent);
      }
      announce($('[data-part=back]', box).textContent);
      if (step) { Form.show(form, step, true); field.focus(); }
    });
};

// The receipt has its own address: a reload (or a tap on "Back" then "Forward") shows it again
// from what this phone keeps, never an empty form.
Form.receiptNow = function (form, body) {
  return S.fragment('receipt-template').then(function (node) {
    show(node, body);
    history.replaceState({ receipt: form.key }, '', location.pathname + '?receipt=' + form.key);
  });
};

function show(node, body) {
  $$('[data-slot]', node).forEach(function (slot) {
    var key = slot.getAttribute('data-slot');
    if (key === 'link') slot.href += '#r=' + body.reference + '&c=' + body.tracking_code;
    else slot.textContent = key === 'created_at' ? inWords(body.created_at) : body[key];
  });
  var main = $('main');
  main.textContent = '';
  main.appendChild(node);
  $('h1', main).setAttribute('tabindex', '-1');
  $('h1', main).focus();
  announce(t('sent'));
}
})(window.Sawt);
