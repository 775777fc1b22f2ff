// Shows an event's time in the visitor's own zone when it differs from Baku (progressive
// enhancement: without scripts the Baku time alone is shown).
(function () {
  "use strict";
  var own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!own || own === "Asia/Baku") { return; }
  var time = document.querySelector(".event-page time.event-time");
  var slot = document.querySelector(".local-time");
  if (!time || !slot) { return; }
  // Azerbaijani is written numerically (30.11.2026, 12:00): many browsers ship no Azerbaijani
  // month names and would print placeholders such as "M11".
  var named = document.documentElement.lang === "en";
  var options = named
    ? {weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
       timeZoneName: "short"}
    : {day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
       hourCycle: "h23", timeZoneName: "short"};
  var text = new Intl.DateTimeFormat("en-GB", options).format(new Date(time.getAttribute("datetime")));
  if (!named) { text = text.replace(/\//g, "."); }  // 30/11/2026 → 30.11.2026
  slot.textContent = "· " + slot.getAttribute("data-label") + ": " + text;
  slot.hidden = false;
})();
