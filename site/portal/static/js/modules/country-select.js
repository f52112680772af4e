// country-select: the page carries the common countries only; "another country" fetches the full
// list (a small cached file) and puts it in place, keeping the person's place in the form.
onModule('country-select', function (select) {
  select.addEventListener('change', function () {
    if (select.value !== 'other') return;
    fetch(select.getAttribute('data-all')).then(function (r) { return r.json(); }).then(function (all) {
      var common = $$('option', select).filter(function (o) { return o.value && o.value !== 'other'; });
      var first = select.options[0];
      select.textContent = '';
      select.appendChild(first);
      var group = select.appendChild(el('optgroup', { label: t('common') }));
      common.forEach(function (o) { group.appendChild(o); });
      group = select.appendChild(el('optgroup', { label: t('all') }));
      all.forEach(function (pair) { group.appendChild(el('option', { value: pair[0] }, pair[1])); });
      select.value = '';
      select.focus();
    }, function () { select.value = ''; announce(t('offline')); });
  });
});
