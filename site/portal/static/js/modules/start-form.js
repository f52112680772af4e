// start-form: open the static form (cached, offline-capable) with the self-check's answers.
onModule('start-form', function (form) {
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var query = $$('input[type=hidden]', form).filter(function (i) { return i.name !== 'lang'; })
      .map(function (i) { return i.name + '=' + encodeURIComponent(i.value); }).join('&');
    location.href = form.getAttribute('data-target') + '?' + query;
  });
});
