// restore (a chunk, fetched when a draft is continued or changed in another tab): the answers
// kept on the phone put back into the form.
(function (S) {
  var $ = S.$, $$ = S.$$, el = S.el, Form = S.Form;
function fill(form, values) {
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
}

// A draft continued (?draft=<id>): its answers, errors and documents; a filing waiting to be sent
// opens on its review, locked (taking it back is offered there); a sent one shows its receipt.
Form.restore = function (form, rec, quiet) {
  if (rec.state === 'sent') return Form.receipt(form, rec.receipt);
  fill(form, rec.values || {});
  Form.applyConditions(form);
  if (rec.errors) Form.showErrors(form, rec.errors);
  document.dispatchEvent(new CustomEvent('sawt:restored', { detail: rec }));
  if (!quiet) S.announce(S.t('restored'));
  if (rec.state === 'queued') {
    S.need('finish').then(function () { return Form.reviewNow(form); }).then(function () { S.Outbox.emit(rec.id, 'queued', rec, true); });
  }
};

// Another tab changed this draft: show its version here too, so that whichever tab sends it
// sends the person's last words.
Form.sync = function (form) {
  S.Store.get(form.key).then(function (rec) {
    if (!rec || (rec.state !== 'draft' && rec.state !== 'attention')) return;
    Form.restore(form, rec, true);
    if (!form.current && Form.reviewNow) Form.reviewNow(form);  // on "check your answers": redraw it
  });
};
})(window.Sawt);
