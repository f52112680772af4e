// stats: the public figures, loaded as a small JSON and drawn as tables in the page's language.
onModule('stats', function (box) {
  function count(v) { return v === '<5' ? t('fewer') : v === '5+' ? t('atleast') : String(v); }
  function table(title, rows) {
    box.appendChild(el('h2', {}, title));
    var tb = box.appendChild(el('table', { 'class': 'list' }));
    var head = tb.appendChild(el('thead')).appendChild(el('tr'));
    head.appendChild(el('th', { scope: 'col' }, title));
    head.appendChild(el('th', { scope: 'col' }, t('grievances')));
    var body = tb.appendChild(el('tbody'));
    rows.forEach(function (r) { var tr = body.appendChild(el('tr')); tr.appendChild(el('td', {}, r[0])); tr.appendChild(el('td', {}, count(r[1]))); });
  }
  Promise.all([
    fetch('/api/stats').then(function (r) { return r.json(); }),
    fetch(box.getAttribute('data-countries')).then(function (r) { return r.json(); }).catch(function () { return []; })
  ]).then(function (got) {
    var s = got[0], countries = {}, N = STRINGS.names;
    got[1].forEach(function (p) { countries[p[0]] = p[1]; });
    box.textContent = '';
    var dl = box.appendChild(el('dl', { 'class': 'summary' }));
    [[t('total'), count(s.total)],
     [t('oriented'), s.share_oriented === null ? '–' : t('in100', Math.round(s.share_oriented * 100))],
     [t('median'), s.median_days_to_first_answer === null ? '–' : String(s.median_days_to_first_answer)]].forEach(function (p) {
      var d = dl.appendChild(el('div')); d.appendChild(el('dt', {}, p[0])); d.appendChild(el('dd', {}, p[1]));
    });
    table(t('months'), s.months.map(function (m) { return [m.month, m.count]; }));
    ['status', 'type', 'category', 'country', 'region', 'partner'].forEach(function (dim) {
      var names = dim === 'country' ? countries : N[dim] || {};
      table(t(dim), Object.keys(s[dim]).map(function (k) { return [names[k] || k, s[dim][k]]; }));
    });
    if ((s.administrations || []).length) {  // what each administration did with the files sent to it
      box.appendChild(el('h2', {}, t('administrations')));
      var tb = box.appendChild(el('table', { 'class': 'list' })), head = tb.appendChild(el('thead')).appendChild(el('tr'));
      ['administration', 'forwarded', 'answered', 'median_answer', 'overdue'].forEach(function (k) { head.appendChild(el('th', { scope: 'col' }, t(k))); });
      var body = tb.appendChild(el('tbody'));
      s.administrations.forEach(function (a) {
        var tr = body.appendChild(el('tr'));
        [a.names[LANG] || a.administration, count(a.forwarded), count(a.answered),
         a.median_days_to_answer === null ? '–' : String(a.median_days_to_answer), count(a.overdue_now)].forEach(function (v) { tr.appendChild(el('td', {}, v)); });
      });
    }
  }, function () { box.textContent = t('offline'); });
});
