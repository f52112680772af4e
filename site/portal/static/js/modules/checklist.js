// checklist (a chunk, loaded once a category is chosen): the documents to prepare for it, fetched
// (and cached) with the chunk's first use.
Sawt.checklist = function (box) {
  if (box.started) return;
  box.started = true;
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
    fetch(box.getAttribute('data-src')).then(function (r) { return r.json(); }).then(function (d) {
      data = d;
      offer(d._administrations);
      show();
    }, function () {});
  }
  // The administrations, to pick from as one types: a datalist, so any words of the person's own
  // stay an answer (the field is free text).
  function offer(names) {
    var input = form.elements.administration;
    if (!input || input.getAttribute('list') || !names) return;
    var list = form.appendChild(el('datalist', { id: 'administrations' }));
    names.forEach(function (name) { list.appendChild(el('option', { value: name })); });
    input.setAttribute('list', 'administrations');
  }
  form.addEventListener('change', function (e) {
    if (e.target.name === 'category' || e.target.name === 'filed_by_representative') load();
  });
  load();
};
