// attach-stub: the document picker works only with the script; the heavy part (photo compression,
// uploads with progress) is fetched when the person first picks a file.
onModule('attach', function (box) {
  var form = box.closest('form'), input = $('input[type=file]', box);
  input.disabled = false;
  $('[data-no-script]', box).hidden = true;
  input.addEventListener('change', function () {
    var picked = Array.prototype.slice.call(input.files);
    input.value = '';
    need('attach').then(function () { Sawt.Attach.add(form, picked); });
  });
  document.addEventListener('sawt:restored', function (e) {
    if ((e.detail.files || []).length) need('attach').then(function () { Sawt.Attach.render(form, e.detail.files); });
  });
});
