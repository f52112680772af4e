// dates: dates in words, as the server writes them (functions/web/dates.py): Arabic as in Morocco
// with Western digits, English day-month-year; an ISO date is never shown in a sentence. Only in the
// bundles that show dates (the form page has no byte to spare: its receipt gets this with the chunk).
var inWords = (function () {
  var lang = document.documentElement.lang, tag = { ar: 'ar-MA-u-nu-latn', en: 'en-GB' }[lang] || lang;
  return function (iso, withTime) {
    var d = new Date(iso), o = { day: 'numeric', month: 'long', year: 'numeric' };
    if (isNaN(d)) return '';
    if (withTime) { o.hour = '2-digit'; o.minute = '2-digit'; o.hourCycle = 'h23'; } else o.timeZone = 'UTC';
    try {
      return new Intl.DateTimeFormat(tag, o).formatToParts(d).map(function (p) {
        return p.type === 'day' && p.value === '1' && lang === 'fr' ? '1er' : p.value;  // "1er avril"
      }).join('');
    } catch (e) { return d.toISOString().slice(0, 10); }
  };
})();
