// The moderator's attendance list: type to find, arrows to choose, Enter to mark.
// Without this script every row's button still works as a plain form.
(function () {
  "use strict";
  var app = document.getElementById("mark-app");
  if (!app) return;
  var input = document.getElementById("find");
  var status = document.getElementById("mark-status");
  var counter = document.getElementById("present-count");
  var rows = Array.prototype.slice.call(app.querySelectorAll("li[data-person]"));
  var chosen = null;
  var LOOSE = { "ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u" };

  // The same folding as umid_events.core.aztext.search_key.
  function fold(text) {
    text = text.normalize("NFC").replace(/I/g, "ı").replace(/İ/g, "i").toLowerCase();
    text = text.replace(/[əışçğöü]/g, function (c) { return LOOSE[c]; });
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  function visible() { return rows.filter(function (row) { return !row.hidden; }); }

  function choose(row) {
    if (chosen) chosen.classList.remove("chosen");
    chosen = row;
    if (row) { row.classList.add("chosen"); row.scrollIntoView({ block: "nearest" }); }
  }

  function filter() {
    var words = fold(input.value).split(" ").filter(Boolean);
    rows.forEach(function (row) {
      var key = row.dataset.key;
      row.hidden = !words.every(function (word) { return key.indexOf(word) !== -1; });
    });
    var shown = visible();
    choose(words.length && shown.length ? shown[0] : null);
  }

  function show(row, present) {
    row.dataset.present = present ? "1" : "0";
    row.classList.toggle("list-group-item-success", present);
    var badge = row.querySelector(".state");
    badge.textContent = present ? badge.dataset.presentLabel : badge.dataset.absentLabel;
    badge.className = "badge state " + (present ? "text-bg-success" : "text-bg-secondary");
    var button = row.querySelector("button.toggle");
    button.textContent = present ? button.dataset.unmarkLabel : button.dataset.markLabel;
    button.className = "btn btn-sm toggle " + (present ? "btn-outline-secondary" : "btn-success");
    row.querySelector("input[name=present]").value = present ? "0" : "1";
    counter.textContent = rows.filter(function (r) { return r.dataset.present === "1"; }).length;
  }

  function toggle(row) {
    var form = row.querySelector("form");
    var wanted = row.dataset.present !== "1";
    row.classList.add("opacity-50");
    row.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || app.dataset.error);
        show(row, data.present);
        status.textContent = "";
      });
    }).catch(function (error) {
      status.textContent = error.message && error.message !== "Failed to fetch" ? error.message : app.dataset.error;
      show(row, !wanted);
    }).finally(function () {
      row.classList.remove("opacity-50");
      row.removeAttribute("aria-busy");
    });
  }

  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (event) {
    var shown = visible();
    var index = shown.indexOf(chosen);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!shown.length) return;
      index = event.key === "ArrowDown" ? Math.min(index + 1, shown.length - 1) : Math.max(index - 1, 0);
      choose(shown[index]);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!chosen && shown.length === 1) choose(shown[0]);
      if (!chosen) return;
      toggle(chosen);
      input.value = "";
      filter();
      input.focus();
    } else if (event.key === "Escape") {
      input.value = "";
      filter();
    }
  });
  rows.forEach(function (row) {
    row.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      toggle(row);
    });
  });
})();
