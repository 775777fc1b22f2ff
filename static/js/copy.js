// "Copy" buttons: copy the text of the element named by data-copy (the field stays selectable
// by hand where the clipboard is not available).
document.addEventListener("click", function (event) {
  "use strict";
  var button = event.target.closest("[data-copy]");
  if (!button) { return; }
  var field = document.querySelector(button.getAttribute("data-copy"));
  field.select();
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(function () { button.textContent = "✓"; });
  } else {
    document.execCommand("copy");
    button.textContent = "✓";
  }
});
