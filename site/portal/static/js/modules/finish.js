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
    return S.fragment('review-template').then(function (node) { form.appendChild(node); return Form.reviewNow(form); });
  }
  var box = $('.review-answers', form);
  box.textContent = '';
  Form.steps(form).forEach(function (step) {
    var dl = el('dl', { 'class': 'summary' });
    $$('.file-name', step).forEach(function (n) {
      var row = dl.appendChild(el('div'));
      row.appendChild(el('dt', {}, $('select', n.closest('li')).selectedOptions[0].text));
      row.appendChild(el('dd', { dir: 'auto' }, n.textContent));
    });
    $$('input[name],select[name],textarea[name]', step).forEach(function (f) {
      if (f.closest('[data-show-if][hidden]') || (f.type === 'radio' && !f.checked) || (!f.value.trim() && f.type !== 'checkbox')) return;
      if (f.type === 'checkbox' && !f.checked) return;
      var label = f.type === 'radio' ? $('legend', f.closest('fieldset')) : $('label[for="' + f.id + '"]', form);
      var row = dl.appendChild(el('div'));
      var name = label ? label.textContent.replace(/\s*\(.*?\)\s*$/, '') : f.name;
      row.appendChild(el('dt', {}, name));
      var dd = row.appendChild(el('dd', { dir: 'auto' }, Form.text(form, f)));
      var change = dd.appendChild(el('button', { type: 'button', 'class': 'link' }, t('change')));
      change.appendChild(el('span', { 'class': 'vh' }, ' ' + name));
      change.addEventListener('click', function () { Form.show(form, step, true); f.focus(); });
    });
    if (dl.children.length) { box.appendChild(el('h3', {}, $('h2', step).textContent)); box.appendChild(dl); }
  });
  Form.show(form, null);
};

Form.receiptNow = function (form, body) {
  return S.fragment('receipt-template').then(function (node) { show(node, body); });
};

function show(node, body) {
  $$('[data-slot]', node).forEach(function (slot) {
    var key = slot.getAttribute('data-slot');
    if (key === 'link') slot.href += '#r=' + body.reference + '&c=' + body.tracking_code;
    else slot.textContent = key === 'created_at' ? body.created_at.slice(0, 10) : body[key];
  });
  var main = $('main');
  main.textContent = '';
  main.appendChild(node);
  $('h1', main).setAttribute('tabindex', '-1');
  $('h1', main).focus();
  announce(t('sent'));
}
})(window.Sawt);
