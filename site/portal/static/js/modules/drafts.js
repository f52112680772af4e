// drafts: every answer is kept on the phone as it is typed (one draft per filing, keyed by the
// filing's Idempotency-Key), restored with ?draft=<id> (restore.js), and listed when the form opens.
Form.raw = function (form) {
  var values = {};
  $$('input,select,textarea', form).forEach(function (f) {
    if (!f.name || f.name.charAt(0) === '_' || f.name === 'lang' || f.type === 'file') return;
    if (f.type === 'radio') { if (f.checked) values[f.name] = f.value; }
    else values[f.name] = f.type === 'checkbox' ? (f.checked ? 'true' : '') : f.value;
  });
  return values;
};

onModule('drafts', function (box) {
  var form = $('#grievance-form'), timer, dirty;
  var wanted = (/[?&]draft=([\w-]+)/.exec(location.search) || [])[1];
  function save() {
    clearTimeout(timer);
    if (!dirty) return;
    dirty = false;
    var values = Form.raw(form), wrote;
    Store.update(form.key, function (rec) {
      if (rec.state !== 'draft' && rec.state !== 'attention') return null; // queued or sent: frozen
      rec.values = values;
      rec.subject = values.subject;
      wrote = rec.state;
      return rec;
    }).then(function () { if (wrote) Outbox.tell({ id: form.key, state: wrote }); }, function () {});
  }
  function later() { dirty = true; clearTimeout(timer); timer = setTimeout(save, 400); }
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  // The last words typed are kept when the person leaves or switches away (phones end hidden tabs).
  window.addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', function () { if (document.hidden) save(); });
  // Said as soon as it is known: what is typed here is not kept on this phone.
  document.addEventListener('sawt:volatile', function () { box.textContent = t('volatile'); box.hidden = false; });
  Store.all().then(function (all) {
    var mine = all.filter(function (f) { return f.id === wanted && f.state !== 'view'; })[0];
    if (mine) {
      form.key = mine.id;
      return need('restore').then(function () { Form.restore(form, mine); });
    }
    var drafts = all.filter(function (f) { return f.state === 'draft' && f.values && !f.kind; })
      .sort(function (a, b) { return b.updated - a.updated; }).slice(0, 3);
    drafts.forEach(function (d) {
      var a = el('a', { href: '?draft=' + d.id }, t('continue_draft') + (d.subject ? ' ' + d.subject : ''));
      box.appendChild(el('p')).appendChild(a);
    });
    box.hidden = !drafts.length && !Store.volatile;
  }, function () {});
});
