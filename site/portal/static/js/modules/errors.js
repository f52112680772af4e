// errors: the error summary and the message by each field, from an API error answer (GOV.UK).
function domId(field) { return 'f-' + field.replace(/[._]/g, '-'); }

// What a person calls a field: its label (or a group's legend), without "(optional)".
function fieldName(target) {
  var label = target && (target.tagName === 'FIELDSET' ? $('legend', target) : $('label[for="' + target.id + '"]'));
  return label ? label.textContent.replace(/\s*\(.*?\)\s*$/, '') : '';
}

// Codes whose message does not say what it is about (schemas/error_codes.py UNNAMED, but for the
// missing answers: each field of the form says what it needs in its own words): in the summary
// they follow the field's name; every other message names its thing by itself (GOV.UK).
var UNNAMED = ['invalid', 'invalid_type', 'unknown_field', 'not_one_of', 'too_long', 'too_short', 'too_many',
  'too_few', 'invalid_characters', 'invalid_date', 'date_in_future', 'not_for_this_filer'];

function showErrors(form, errors, reveal) {
  $$('.error-summary', form.parentNode).forEach(function (n) { n.remove(); });
  $$('.has-error', form).forEach(function (n) { n.classList.remove('has-error'); });
  $$('p.error', form).forEach(function (n) { n.remove(); });
  $$('[aria-describedby]', form).forEach(function (n) {
    n.setAttribute('aria-describedby', n.getAttribute('aria-describedby').replace(/\S+-error/g, '').trim());
  });
  if (!errors.length) return;
  var box = el('div', { 'class': 'error-summary', role: 'alert', tabindex: '-1' });
  box.appendChild(el('h2', {}, t('problem')));
  var list = box.appendChild(el('ul'));
  errors.forEach(function (e) {
    var id = e.field ? domId(e.field) : form.id, target = document.getElementById(id);
    var name = target !== form && (e.unnamed || UNNAMED.indexOf(e.code) >= 0) && fieldName(target);
    var a = list.appendChild(el('li')).appendChild(el('a', { href: '#' + id }, (name ? name + ' — ' : '') + e.message));
    a.addEventListener('click', function (ev) {
      ev.preventDefault();
      if (reveal) reveal(target);
      // A group of radios cannot take focus: its first choice does (GOV.UK).
      var focusable = target && (target.tagName === 'FIELDSET' ? $('input,select,textarea', target) : target);
      if (focusable) focusable.focus();
    });
    if (!target || target === form) return;
    (target.closest('.field') || target).classList.add('has-error');
    var anchor = target.tagName === 'FIELDSET' ? $('legend', target).nextSibling : (target.closest('.check') || target);
    anchor.parentNode.insertBefore(el('p', { 'class': 'error', id: id + '-error' }, e.message), anchor);
    target.setAttribute('aria-describedby', ((target.getAttribute('aria-describedby') || '') + ' ' + id + '-error').trim());
  });
  form.parentNode.insertBefore(box, form);
  focusSummary(box);
}
Sawt.showErrors = showErrors;
Sawt.fieldName = fieldName;
