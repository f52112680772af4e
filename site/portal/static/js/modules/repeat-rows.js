// repeat-rows: "add another member" without a round trip; renumbers names and ids of the copy.
onModule('repeat-rows', function (box) {
  var button = $('button[value=add_member]', box);
  button.type = 'button';
  button.addEventListener('click', function () {
    var rows = $$('[data-row]', box), last = rows[rows.length - 1], n = rows.length;
    var copy = last.cloneNode(true);
    $$('input,textarea', copy).forEach(function (f) { f.value = ''; });
    $$('[name],[id],[for],[aria-describedby]', copy).forEach(function (node) {
      ['name', 'id', 'for', 'aria-describedby'].forEach(function (a) {
        var v = node.getAttribute(a);
        if (v) node.setAttribute(a, v.replace(/(members[.-])\d+/g, '$1' + n));
      });
    });
    $$('.error', copy).forEach(function (e) { e.remove(); });
    $('legend', copy).textContent = t('member', n + 1);
    box.insertBefore(copy, button);
    $('input', copy).focus();
  });
});
