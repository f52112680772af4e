// checklist: the documents to prepare for the chosen category, fetched (and cached) when chosen.
onModule('checklist', function (box) {
  var form = box.closest('form'), list = $('ul', box), data;
  function show() {
    var category = Form.value(form, 'category');
    if (!category || !data) { box.hidden = !list.children.length; return; }
    var items = data[category].concat(Form.value(form, 'filed_by_representative') === 'true' ? data._representative : []);
    list.textContent = '';
    items.forEach(function (text) { list.appendChild(el('li', {}, text)); });
    box.hidden = false;
  }
  form.addEventListener('change', function (e) {
    if (e.target.name !== 'category' && e.target.name !== 'filed_by_representative') return;
    if (data) return show();
    fetch(box.getAttribute('data-src')).then(function (r) { return r.json(); }).then(function (d) { data = d; show(); }, function () {});
  });
  if (Form.value(form, 'category')) $('[name=category]', form).dispatchEvent(new Event('change', { bubbles: true }));
});
