// print-page: a print button, shown only when the script can press it.
onModule('print-page', function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});
