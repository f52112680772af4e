// banner: on every page, say when grievances wait on this phone, which need attention (in their
// own style), and when the connection seems to need a sign-in.
document.addEventListener('sawt:filing', function (e) {
  if (e.detail.state !== 'idle' || $('[data-module=filings]')) return;
  var all = e.detail.body, main = $('main');
  var waiting = all.filter(function (f) { return f.state === 'queued'; });
  var stuck = all.filter(function (f) { return f.state === 'attention'; }).length;
  var bar = $('#waiting') || main.insertBefore(el('div', { id: 'waiting' }), main.firstChild);
  bar.hidden = !waiting.length && !stuck;
  bar.className = 'notice' + (stuck ? ' attention' : '');
  bar.textContent = '';
  if (waiting.length) {
    var portal = waiting.some(function (f) { return f.why === 'portal'; });
    bar.appendChild(el('p', {}, t('waiting', waiting.length) + (portal ? ' ' + t('portal') : '')));
  }
  if (stuck) bar.appendChild(el('p', { 'class': 'error' }, t('attention', stuck)));
  bar.appendChild(el('a', { href: '/' + LANG + '/my-filings/' }, t('my_filings')));
});
