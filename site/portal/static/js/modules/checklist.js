// checklist (a chunk, loaded once a category is chosen): the documents to prepare for it, fetched
// (and cached) with the chunk's first use.
Sawt.checklist = function (box) {
  var Form = Sawt.Form, form = box.closest('form'), list = $('ul', box), data;
  function show() {
    var category = Form.value(form, 'category');
    if (!category || !data) { box.hidden = !list.children.length; return; }
    var items = data[category].concat(Form.value(form, 'filed_by_representative') === 'true' ? data._representative : []);
    list.textContent = '';
    items.forEach(function (text) { list.appendChild(el('li', {}, text)); });
    box.hidden = false;
  }
  function load() {
    if (data) return show();
    fetch(box.getAttribute('data-src')).then(function (r) { return r.json(); }).then(function (d) { data = d; show(); }, function () {});
  }
  form.addEventListener('change', function (e) {
    if (e.target.name === 'category' || e.target.name === 'filed_by_representative') load();
  });
  load();
};
