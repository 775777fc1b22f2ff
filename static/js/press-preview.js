// Live preview of a press release: the texts as typed are sent to the server, which fills the
// placeholders and returns the escaped HTML (or the problem), shown beside each language's text.
(function () {
  "use strict";
  var form = document.getElementById("press-release-form");
  if (!form || !window.fetch) { return; }
  var timer = null;
  function refresh() {
    ["az", "en"].forEach(function (lang) {
      var target = document.getElementById("preview-" + lang);
      fetch(form.dataset.previewUrl + "?lang=" + lang, {
        method: "POST", body: new FormData(form), credentials: "same-origin"
      }).then(function (response) {
        return response.text();
      }).then(function (html) {
        target.innerHTML = html;  // server-rendered and escaped
      }).catch(function () { /* keep the last preview */ });
    });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
