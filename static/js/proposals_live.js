/* The live recording screen: type, press Enter, every moderator's screen follows.
 *
 * Each entry gets a key made here. It is kept in localStorage until the server confirms it, and
 * sent again every few seconds while it is not confirmed (a dropped connection, a server
 * restart): the server saves one proposal per key, so retries and double presses save once.
 * The screen asks the server every 2.5 seconds for what changed since its last answer.
 */
(function () {
  "use strict";
  const root = document.getElementById("live");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const text = $("entry-text"), speaker = $("entry-speaker"), registration = $("entry-registration");
  const group = $("entry-group"), community = $("entry-community"), topic = $("entry-topic");
  const authority = $("entry-authority"), options = $("speaker-options"), list = $("entries");
  const storeKey = "proposals-live-pending-" + root.dataset.event;
  const entries = new Map();  // key -> {data, state, element, sending}
  let csrf = root.dataset.csrf, cursor = null, offline = false;

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function loadPending() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function savePending() {
    const pending = [];
    for (const entry of entries.values()) if (entry.state === "pending") pending.push(entry.payload);
    try { localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* private mode */ }
  }

  function setOffline(value) {
    offline = value;
    $("connection").textContent = value ? root.dataset.labelOffline : "";
  }

  function render(entry) {
    let li = entry.element;
    if (!li) {
      li = document.createElement("li");
      li.className = "list-group-item entry";
      li.innerHTML = '<div class="d-flex justify-content-between gap-2"><strong class="entry-title"></strong>' +
        '<span class="badge entry-state"></span></div><div class="entry-text"></div>' +
        '<div class="entry-meta small text-body-secondary"></div>';
      entry.element = li;
      list.prepend(li);
      $("entry-count").textContent = String(entries.size);
    }
    const data = entry.data;
    li.dataset.key = entry.key;
    li.dataset.state = entry.state;
    if (data.created && li.dataset.created !== data.created) {  // newest first, by creation
      li.dataset.created = data.created;
      let before = null;  // the first older entry; unconfirmed ones (no date yet) stay on top
      for (const other of list.children) {
        if (other !== li && other.dataset.created && other.dataset.created < data.created) {
          before = other;
          break;
        }
      }
      list.insertBefore(li, before);
    }
    // A title made from the first words of the text is not shown twice.
    const title = data.title || "", shortTitle = title.replace(/…$/, "");
    li.querySelector(".entry-title").textContent = (data.text || "").startsWith(shortTitle) ? "" : title;
    li.querySelector(".entry-text").textContent = data.text || "";
    const waiting = data.waiting ? root.dataset.labelWaiting : "";
    const meta = [data.time, data.speaker, data.topic, data.authority, data.status, waiting].filter(Boolean).join(" · ");
    const metaBox = li.querySelector(".entry-meta");
    metaBox.textContent = meta + (entry.error ? " — " + entry.error : "");
    if (data.url) {
      const link = document.createElement("a");
      link.href = data.url; link.target = "_blank"; link.rel = "noopener";
      link.textContent = " #" + data.id;
      metaBox.append(link);
    }
    const badge = li.querySelector(".entry-state");
    const labels = {pending: root.dataset.labelPending, saved: root.dataset.labelSaved, failed: root.dataset.labelFailed};
    badge.textContent = labels[entry.state];
    badge.className = "badge entry-state " + ({pending: "text-bg-warning", saved: "text-bg-success", failed: "text-bg-danger"})[entry.state];
    li.classList.toggle("list-group-item-warning", entry.state === "pending");
  }

  function confirmFromServer(data) {
    const key = data.key || "id-" + data.id;
    let entry = entries.get(key);
    if (!entry) { entry = {key: key}; entries.set(key, entry); }
    if (entry.data && entry.state === "saved" && entry.data.version > data.version) return;
    entry.data = data; entry.state = "saved"; entry.error = null;
    render(entry);
  }

  async function send(entry) {
    if (entry.sending || entry.state !== "pending") return;
    entry.sending = true;
    try {
      const response = await fetch(root.dataset.entriesUrl, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf},
        body: JSON.stringify(entry.payload),
      });
      setOffline(false);
      if (response.ok) {
        const body = await response.json();
        confirmFromServer(body.entry);
      } else if (response.status === 422 || response.status === 409) {
        const body = await response.json().catch(() => ({}));
        entry.state = "failed"; entry.error = body.error || "";
        if (!text.value.trim()) text.value = entry.payload.text;  // nothing typed is lost
        render(entry);
      } else if (response.status === 400) {
        await refreshToken();  // an expired form token: fetch a fresh one, then retry
      }
    } catch (error) {
      setOffline(true);
    } finally {
      entry.sending = false;
      savePending();
    }
  }

  async function refreshToken() {
    await poll();
  }

  function retryPending() {
    for (const entry of entries.values()) if (entry.state === "pending") send(entry);
  }

  async function poll() {
    try {
      const url = root.dataset.feedUrl + (cursor ? "?since=" + encodeURIComponent(cursor) : "");
      const response = await fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}});
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.json();
      setOffline(false);
      if (body.csrf) csrf = body.csrf;
      for (const data of body.entries) confirmFromServer(data);
      if (body.cursor) cursor = body.cursor;
      savePending();
    } catch (error) {
      setOffline(true);
    }
  }

  function payloadFromForm() {
    return {
      key: newKey(), text: text.value.trim(), registration_id: registration.value || null,
      group: group.value || null, community_id: community.value && community.value !== "0" ? community.value : null,
      topic_id: topic.value || null, authority_id: authority.value || null,
    };
  }

  function submitEntry() {
    if (!options.hidden) return pickSpeaker();
    if (!text.value.trim()) { text.focus(); return; }
    const payload = payloadFromForm();
    const entry = {key: payload.key, payload: payload, state: "pending",
                   data: {title: "", text: payload.text, speaker: speaker.value, time: ""}};
    entries.set(entry.key, entry);
    render(entry);
    savePending();
    text.value = ""; speaker.value = ""; registration.value = "";
    text.focus();
    send(entry);
  }

  // --- the speaker, picked by typing a few letters ---
  let searchTimer = null, active = -1, found = [];
  function closeOptions() { options.hidden = true; speaker.setAttribute("aria-expanded", "false"); active = -1; }
  function showOptions() {
    options.replaceChildren();
    found.forEach((person, index) => {
      const item = document.createElement("li");
      item.className = "list-group-item list-group-item-action py-1 small" + (index === active ? " active" : "");
      item.setAttribute("role", "option");
      item.textContent = person.name + (person.community ? " · " + person.community : "") + " · " + person.group_label;
      item.addEventListener("mousedown", (event) => { event.preventDefault(); active = index; pickSpeaker(); });
      options.append(item);
    });
    options.hidden = found.length === 0;
    speaker.setAttribute("aria-expanded", String(!options.hidden));
  }
  function pickSpeaker() {
    const person = found[active >= 0 ? active : 0];
    if (person) {
      speaker.value = person.name; registration.value = person.registration_id;
      group.value = person.group;
      if (person.community_id) community.value = String(person.community_id);
    }
    closeOptions();
    text.focus();
  }
  speaker.addEventListener("input", () => {
    registration.value = "";
    clearTimeout(searchTimer);
    const query = speaker.value.trim();
    if (query.length < 2) { found = []; closeOptions(); return; }
    searchTimer = setTimeout(async () => {
      try {
        const response = await fetch(root.dataset.speakersUrl + "?q=" + encodeURIComponent(query),
                                     {credentials: "same-origin", headers: {"Accept": "application/json"}});
        found = (await response.json()).speakers; active = found.length ? 0 : -1;
        showOptions();
      } catch (error) { setOffline(true); }
    }, 150);
  });
  speaker.addEventListener("keydown", (event) => {
    if (options.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      showOptions();
    } else if (event.key === "Escape") { closeOptions(); }
  });
  speaker.addEventListener("blur", () => setTimeout(closeOptions, 150));

  // --- keyboard: Enter saves from anywhere in the form, Alt+key moves between fields ---
  $("entry").addEventListener("submit", (event) => { event.preventDefault(); submitEntry(); });
  $("entry").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.target.tagName !== "BUTTON") {
      event.preventDefault();
      submitEntry();
    } else if (event.key === "Escape") { text.focus(); }
  });
  const fields = {s: speaker, g: group, c: community, a: authority, t: topic, p: text};
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    const digit = /^Digit([1-9])$/.exec(event.code);
    if (digit) {
      const option = topic.querySelector('option[data-shortcut="' + digit[1] + '"]');
      if (option) { topic.value = option.value; event.preventDefault(); }
    } else if (fields[key] || fields[event.code.replace("Key", "").toLowerCase()]) {
      (fields[key] || fields[event.code.replace("Key", "").toLowerCase()]).focus();
      event.preventDefault();
    }
  });

  // Entries typed before a reload or a crash, still unconfirmed: show and send them again.
  for (const payload of loadPending()) {
    if (!payload || !payload.key || entries.has(payload.key)) continue;
    const entry = {key: payload.key, payload: payload, state: "pending",
                   data: {title: "", text: payload.text, speaker: "", time: ""}};
    entries.set(entry.key, entry);
    render(entry);
  }
  poll().then(retryPending);
  setInterval(poll, 2500);
  setInterval(retryPending, 3000);
  window.addEventListener("online", retryPending);
})();
