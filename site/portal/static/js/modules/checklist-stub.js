// checklist-stub: the checklist's code comes when a category is first chosen (the form page has no
// byte to spare on load).
onModule('checklist', function (box) {
  var form = box.closest('form');
  function start() { need('checklist').then(function () { Sawt.checklist(box); }, function () {}); }
  form.addEventListener('change', function first(e) {
    if (e.target.name !== 'category') return;
    form.removeEventListener('change', first);
    start();
  });
  if (Form.value(form, 'category')) start();
});
