// filings: "my grievances on this phone" — every draft, queued, needing-attention and sent filing,
// with its state always visible and each action one tap away.
onModule('filings', function (list) {
  var tpl = $('#filing-template');
  function download(f) {
    // Last resort when nothing gets through: a file the person can send another way.
    var blob = new Blob([JSON.stringify({ idempotency_key: f.id, saved: new Date(f.updated).toISOString(), grievance: f.payload }, null, 1)], { type: 'application/json' });
    var a = el('a', { href: URL.createObjectURL(blob), download: 'sawt-' + f.id.slice(0, 8) + '.json' });
    document.body.appendChild(a); a.click(); a.remove();
  }
  function render() {
    Store.all().then(function (all) {
      list.textContent = '';
      $('#no-filings').hidden = all.length > 0;
      all = all.filter(function (f) { return f.state !== 'view'; });  // (last states seen on the track page)
      $('#no-filings').hidden = all.length > 0;
      all.sort(function (a, b) { return b.updated - a.updated; }).forEach(function (f) {
        var item = tpl.content.cloneNode(true), li = $('li', item), r = f.receipt || {};
        li.setAttribute('data-state', f.state);
        $('[data-slot=title]', li).textContent = f.subject || t('untitled');
        $('[data-slot=state]', li).textContent = t('s_' + f.state);
        $('[data-slot=date]', li).textContent = new Date(r.created_at || f.updated).toLocaleString(LANG);
        $('[data-slot=reference]', li).textContent = r.reference || '';
        $('[data-slot=code]', li).textContent = r.tracking_code || '';
        $('[data-slot=track]', li).href += '#r=' + r.reference + '&c=' + r.tracking_code;
        $('[data-slot=edit]', li).href += '?draft=' + f.id;
        $$('[data-when]', li).forEach(function (n) { n.hidden = n.getAttribute('data-when').split(' ').indexOf(f.state) < 0; });
        if (f.kind === 'reply') $('[data-slot=edit]', li).hidden = true;  // an answer is written on the track page
        var errs = $('[data-slot=errors]', li);
        (f.errors || []).forEach(function (e) { errs.appendChild(el('li', {}, e.message)); });
        $('[data-act=show]', li).addEventListener('click', function () {
          var code = $('[data-slot=code]', li).closest('div');
          code.hidden = !code.hidden;
          this.setAttribute('aria-expanded', String(!code.hidden));
        });
        $('[data-act=send]', li).addEventListener('click', function () { Outbox.flush(true); });
        $('[data-act=export]', li).addEventListener('click', function () { download(f); });
        $('[data-act=remove]', li).addEventListener('click', function () {
          if (confirm(t(f.state === 'sent' ? 'confirm_remove' : 'confirm_delete'))) Store.remove(f.id).then(render);
        });
        list.appendChild(item);
      });
    });
  }
  document.addEventListener('sawt:filing', function (e) {
    if (e.detail.state !== 'idle') { announce(t('s_' + e.detail.state)); render(); }
  });
  render();
});
