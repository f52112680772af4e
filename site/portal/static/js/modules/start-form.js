// start-form: open the static form (cached, offline-capable) with the self-check's answers.
onModule('start-form', function (form) {
  var partner = $('input[name=partner]', form);
  if (partner) {
    // Remember who shared Sawt, so the form can say so (and the person can refuse it) even later.
    try { localStorage.setItem('sawt.partner', JSON.stringify({ slug: partner.value, name: form.getAttribute('data-partner'), at: Date.now() })); } catch (e) { /* private mode */ }
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var query = $$('input[type=hidden]', form).filter(function (i) { return i.name !== 'lang'; })
      .map(function (i) { return i.name + '=' + encodeURIComponent(i.value); }).join('&');
    location.href = form.getAttribute('data-target') + '?' + query;
  });
});
