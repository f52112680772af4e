// track: find a grievance without leaving the page; the tracking link's secret is in the fragment,
// which browsers never send to a server, and is wiped from the address bar once read.
onModule('track', function (form) {
  var out = el('div');
  form.parentNode.insertBefore(out, form.nextSibling);
  function render(view) {
    var node = $('#track-template').content.cloneNode(true);
    $('[data-slot=reference]', node).textContent = view.reference;
    $('[data-slot=status]', node).textContent = STRINGS.statuses[view.status] || view.status;
    $('[data-slot=created_at]', node).textContent = view.created_at.slice(0, 10);
    var list = $('.timeline', node), item = $('li', list);
    list.removeChild(item);
    view.timeline.slice().reverse().forEach(function (entry) {
      var li = item.cloneNode(true);
      $('[data-slot=at]', li).textContent = entry.at.slice(0, 10);
      $('[data-slot=what]', li).textContent = entry.status ? STRINGS.statuses[entry.status] || entry.status : '';
      var msg = $('[data-slot=message]', li);
      if (entry.message) msg.textContent = entry.message; else msg.remove();
      list.appendChild(li);
    });
    out.textContent = '';
    out.appendChild(node);
    $('h2', out).setAttribute('tabindex', '-1');
    $('h2', out).focus();
  }
  function find() {
    announce(t('searching'));
    postJSON('/api/track', { reference: form.reference.value, tracking_code: form.tracking_code.value }).then(function (r) {
      if (r.status === 200) { showErrors(form, []); return render(r.body); }
      out.textContent = '';
      showErrors(form, (r.body && r.body.errors) || []);
    }, function () { showErrors(form, [{ field: null, message: t('offline') }]); });
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); find(); });
  var m = location.hash.match(/r=([^&]+)&c=([^&]+)/);
  if (m) {
    form.reference.value = decodeURIComponent(m[1]);
    form.tracking_code.value = decodeURIComponent(m[2]);
    history.replaceState(null, '', location.pathname);
    find();
  }
});
