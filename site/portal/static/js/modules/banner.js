// banner: on every page, say when grievances are waiting on this phone or need attention.
document.addEventListener('sawt:filing', function (e) {
  if (e.detail.state !== 'idle' || $('[data-module=filings]')) return;
  var waiting = e.detail.body.filter(function (f) { return f.state === 'queued' || f.state === 'attention'; }).length;
  var bar = $('#waiting') || $('main').insertBefore(el('p', { id: 'waiting', 'class': 'notice' }), $('main').firstChild);
  bar.hidden = !waiting;
  bar.textContent = t('waiting', waiting) + ' ';
  bar.appendChild(el('a', { href: '/' + LANG + '/my-filings/' }, t('my_filings')));
});
