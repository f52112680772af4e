// drafts: every answer is kept on the phone as it is typed (one draft per filing, keyed by the
// filing's Idempotency-Key), restored with ?draft=<id>, and listed when the form opens.
Form.raw = function (form) {
  var values = {};
  $$('input,select,textarea', form).forEach(function (f) {
    if (!f.name || f.name.charAt(0) === '_' || f.name === 'lang' || f.type === 'file') return;
    if (f.type === 'radio') { if (f.checked) values[f.name] = f.value; }
    else values[f.name] = f.type === 'checkbox' ? (f.checked ? 'true' : '') : f.value;
  });
  return values;
};

Form.fill = function (form, values) {
  var rows = 0;
  for (var name in values) { var m = /^members\.(\d+)\./.exec(name); if (m) rows = Math.max(rows, +m[1] + 1); }
  var add = $('button[value=add_member]', form);
  while (add && $$('[data-row]', form).length < rows) add.click();
  for (name in values) {
    $$('[name="' + name + '"]', form).forEach(function (f) {
      if (f.type === 'radio') f.checked = f.value === values[name];
      else if (f.type === 'checkbox') f.checked = values[name] === 'true';
      else {
        if (f.tagName === 'SELECT' && !$('option[value="' + values[name] + '"]', f) && values[name]) {
          f.appendChild(el('option', { value: values[name] }, values[name])); // a country from the full list
        }
        f.value = values[name];
      }
    });
  }
};

onModule('drafts', function (box) {
  var form = $('#grievance-form'), timer;
  var wanted = (/[?&]draft=([\w-]+)/.exec(location.search) || [])[1];
  function save() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var values = Form.raw(form);
      Store.update(form.key, function (rec) {
        if (rec.state !== 'draft' && rec.state !== 'attention') return null; // sent or queued: frozen
        rec.values = values;
        rec.subject = values.subject;
        return rec;
      }).catch(function () {});
    }, 400);
  }
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  Store.all().then(function (all) {
    var mine = all.filter(function (f) { return f.id === wanted; })[0];
    if (mine && (mine.state === 'draft' || mine.state === 'attention')) {
      form.key = mine.id;
      Form.fill(form, mine.values || {});
      Form.applyConditions(form);
      if (mine.errors) Form.showErrors(form, mine.errors);
      document.dispatchEvent(new CustomEvent('sawt:restored', { detail: mine }));
      announce(t('restored'));
      return;
    }
    var drafts = all.filter(function (f) { return f.state === 'draft' && f.values; })
      .sort(function (a, b) { return b.updated - a.updated; }).slice(0, 3);
    drafts.forEach(function (d) {
      var a = el('a', { href: '?draft=' + d.id }, t('continue_draft') + ' ' + (d.subject || new Date(d.updated).toLocaleDateString(LANG)));
      box.appendChild(el('p')).appendChild(a);
    });
    box.hidden = !drafts.length;
  }, function () {});
});
