// Small behaviours of the staff pages, named by data- attributes in the templates (the
// Content-Security-Policy allows no inline handlers). Every page works without them:
//   data-tick-all="ids"     a checkbox (hidden until this runs) that ticks every input[name=ids];
//   data-submit-on-change   a select that sends its form when changed (a button does it too);
//   data-select-on-click    a read-only field whose whole text is selected by a click, to copy.
(function () {
  "use strict";
  document.querySelectorAll("input[data-tick-all]").forEach(function (tickAll) {
    var selector = 'input[type="checkbox"][name="' + tickAll.dataset.tickAll + '"]';
    tickAll.hidden = false;
    tickAll.addEventListener("change", function () {
      document.querySelectorAll(selector).forEach(function (box) { box.checked = tickAll.checked; });
    });
  });
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form.requestSubmit) { select.form.requestSubmit(); } else { select.form.submit(); }
    });
  });
  document.querySelectorAll("input[data-select-on-click]").forEach(function (field) {
    field.addEventListener("click", function () { field.select(); });
  });
})();
