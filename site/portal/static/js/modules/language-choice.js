// language-choice: the root page opens in the browser's preferred language of ours, when it has
// one (without JavaScript, or with none of ours, it stays the chooser, that language first).
onModule('language-choice', function (list) {
  var ours = $$('a', list).map(function (a) { return a.getAttribute('lang'); });
  var wanted = (navigator.languages || [navigator.language || '']).map(function (l) { return l.slice(0, 2); });
  for (var i = 0; i < wanted.length; i++) {
    var at = ours.indexOf(wanted[i]);
    if (at > -1) {
      var item = list.children[at];
      item.querySelector('a').classList.add('suggested');
      list.insertBefore(item, list.firstChild);
      return location.replace('/' + ours[at] + '/');  // (replace: Back does not bounce here again)
    }
  }
});
// not-found: the one error page the CDN answers for any missing address speaks every language; the
// address's prefix (/fr/…, /p/<partner>/fr/…) says which one the person reads.
onModule('not-found', function (list) {
  var m = location.pathname.match(/^\/(?:p\/[^\/]+\/)?([a-z]{2})(?:\/|$)/), item = m && $('li[lang="' + m[1] + '"]', list);
  if (item) $$('li', list).forEach(function (li) { li.hidden = li !== item; });
});
