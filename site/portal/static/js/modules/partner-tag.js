// partner-tag: a filing that came through a partner's link says so, and the person can refuse it.
onModule('partner-tag', function (box) {
  var slug = (/[?&]partner=([\w-]+)/.exec(location.search) || [])[1], saved = null;
  try { saved = JSON.parse(localStorage.getItem('sawt.partner') || 'null'); } catch (e) { saved = null; }
  // A link shared at a consulate counts for a month; after that the form is anyone's.
  if (!slug && saved && Date.now() - saved.at < 30 * 86400000) slug = saved.slug;
  if (!slug) return;
  $('input[name=partner]', box).value = slug;
  $('[data-slot=partner-name]', box).textContent = saved && saved.slug === slug && saved.name ? saved.name : slug;
  box.hidden = false;
});
