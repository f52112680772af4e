// filings: "my grievances on this phone" — every draft, queued, needing-attention and sent filing
// or answer, with its state always visible and each action one tap away.
var SHOWN = ['draft', 'queued', 'attention', 'sent'];  // (not the last states seen on the track page)
// An error names its field: the list is far from the form where the field is.
function named(e) {
  var label = e.field && STRINGS.fields[e.field.replace(/\.\d+\./, '.')];
  return (label ? label + ' — ' : '') + e.message;
}
onModule('filings', function (list) {
  var tpl = $('#filing-template');
  function sender() { return need('send').then(function () { return Sawt.Sender; }); }
  function render() {
    Store.all().then(function (all) {
      list.textContent = '';
      all = all.filter(function (f) { return SHOWN.indexOf(f.state) >= 0; });
      $('#no-filings').hidden = all.length > 0 || Store.volatile;
      $('#volatile').hidden = !Store.volatile;
      all.sort(function (a, b) { return b.updated - a.updated; }).forEach(function (f) {
        var item = tpl.content.cloneNode(true), li = $('li', item), r = f.receipt || {}, reply = f.kind === 'reply';
        function slot(name) { return $('[data-slot=' + name + ']', li); }
        li.setAttribute('data-state', f.state);
        if (f.state === 'attention') li.className = 'attention';  // its own style
        slot('title').textContent = f.subject || t('untitled');
        slot('state').textContent = t('s_' + f.state);
        slot('date').textContent = inWords(r.created_at || f.updated, true);
        slot('reference').textContent = r.reference || '';
        slot('code').textContent = r.tracking_code || '';
        var track = slot('track').getAttribute('href');
        slot('track').href = track + '#r=' + r.reference + '&c=' + r.tracking_code;
        // An answer is written on the follow-up page, reached with its code in the fragment.
        slot('edit').href = reply ? track + '#r=' + f.ref + '&c=' + (f.payload || {}).tracking_code : slot('edit').getAttribute('href') + '?draft=' + f.id;
        $$('[data-when]', li).forEach(function (n) { n.hidden = n.getAttribute('data-when').split(' ').indexOf(f.state) < 0; });
        if (reply) { slot('track').hidden = true; $('[data-act=show]', li).hidden = true; }
        if (f.state === 'queued' && f.why === 'portal') { slot('why').textContent = t('portal'); slot('why').hidden = false; }
        slot('late').hidden = !r.late;
        (f.errors || []).forEach(function (e) { slot('errors').appendChild(el('p', {}, named(e))); });
        $('[data-act=show]', li).addEventListener('click', function () {
          var code = slot('code').closest('div');
          code.hidden = !code.hidden;
          this.setAttribute('aria-expanded', String(!code.hidden));
        });
        $('[data-act=send]', li).addEventListener('click', function () { Outbox.flush(true); });
        $('[data-act=export]', li).addEventListener('click', function () { sender().then(function (s) { s.download(f); }); });
        $('[data-act=change]', li).addEventListener('click', function () {
          sender().then(function (s) { return s.takeBack(f.id); }).catch(function () { return 'unsure'; }).then(function (how) {
            if (how === 'draft') return location.assign(slot('edit').href);
            if (how !== 'sent') { slot(how).hidden = false; announce(slot(how).textContent); }
          });
        });
        $('[data-act=remove]', li).addEventListener('click', function () {
          if (confirm(t(f.state === 'sent' ? 'confirm_remove' : 'confirm_delete'))) Store.remove(f.id).then(render);
        });
        list.appendChild(item);
      });
    });
  }
  document.addEventListener('sawt:filing', function (e) {
    if (e.detail.state === 'idle') return;
    if (e.detail.state !== 'draft') announce(t('s_' + e.detail.state));  // (not each word typed in another tab)
    render();
  });
  document.addEventListener('sawt:volatile', render);
  render();
});
