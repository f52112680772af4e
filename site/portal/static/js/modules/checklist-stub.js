// checklist-stub: the matter step's chunk (the checklist, and the administrations offered as names)
// comes when a category is chosen or the administration's field entered (the form page has no byte
// to spare on load); Sawt.checklist runs once however often it is asked.
onModule('checklist', function (box) {
  var form = box.closest('form');
  function start() { need('checklist').then(function () { Sawt.checklist(box); }, function () {}); }
  function first(e) { if (e.target.name === 'category' || e.target.name === 'administration') start(); }
  form.addEventListener('change', first);
  form.addEventListener('focusin', first);
  if (Form.value(form, 'category')) start();
});
