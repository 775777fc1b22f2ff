// While messages are being prepared or sent, the delivery card ([data-poll]) follows the outbox:
// every few seconds the page is fetched again and the card's parts marked data-follow take the
// fresh text. The page itself never reloads (a timed reload sends a screen reader back to the top
// and loses what was being typed). The count is a polite live region whose text changes only when
// the count does; the card stops following once nothing is waiting. Without scripts the card's
// "Refresh" link does the same by hand.
(function () {
  "use strict";
  var card = document.querySelector("[data-poll]");
  if (!card || !window.fetch || !window.DOMParser) { return; }
  var every = parseInt(card.getAttribute("data-poll"), 10) || 5000;

  function update(fresh) {
    card.querySelectorAll("[data-follow]").forEach(function (part) {
      var now = fresh.querySelector('[data-follow="' + part.getAttribute("data-follow") + '"]');
      if (!now) { return; }
      if (part.getAttribute("role") === "status") {  // the live region stays the same element
        if (part.textContent !== now.textContent) { part.textContent = now.textContent; }
      } else if (!part.contains(document.activeElement)) {  // never pull a focused button away
        part.innerHTML = now.innerHTML;
      }
    });
  }

  function follow() {
    fetch(window.location.href, {headers: {"Accept": "text/html"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(card.id);
        if (!fresh) { return; }
        update(fresh);
        if (fresh.hasAttribute("data-poll")) { window.setTimeout(follow, every); }
      })
      .catch(function () { window.setTimeout(follow, every * 2); });
  }
  window.setTimeout(follow, every);
}());
