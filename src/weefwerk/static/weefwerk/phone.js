// The phone page: keeps the number of notes on the wall up to date and reloads when the
// facilitator opens, closes or starts voting (never while you are typing). WebSocket first,
// polling the small JSON view while there is no connection. Forms work without this script.
(function () {
  "use strict";
  const configNode = document.getElementById("telefoon-instellingen");
  if (!configNode) return;
  const config = JSON.parse(configNode.textContent);
  const texts = document.getElementById("telefoon-teksten").dataset;
  const status = document.querySelector("[data-phone-status]");
  const known = new Set(config.assignments);
  let backoff = 1000;
  let pollTimer = null;
  let lastAnnounced = 0;
  let announceTimer = null;
  let voting = null;

  const countText = (n) => (n === 1 ? texts.one : texts.many.replace("%(n)s", String(n)));

  function typing() {
    return Array.from(document.querySelectorAll("textarea, input[type=file]")).some(
      (field) => (field.value || "").trim() !== "",
    );
  }

  function changed() {
    if (typing()) {
      status.textContent = texts.changedTyping;
      return;
    }
    status.textContent = texts.changed;
    window.setTimeout(() => window.location.reload(), 800);
  }

  function setCount(assignment, count) {
    const node = document.querySelector('[data-count="' + assignment + '"]');
    if (!node) return;
    const text = countText(count);
    if (node.textContent !== text) node.textContent = text;
    // The live region says it at most every ten seconds, so a screen reader is not flooded.
    const wait = Math.max(0, 10000 - (Date.now() - lastAnnounced));
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(() => {
      lastAnnounced = Date.now();
      status.textContent = text;
    }, wait);
  }

  function handle(event) {
    if (event.type === "count") setCount(event.assignment, event.count);
    else if (event.type === "refresh") changed();
  }

  async function poll() {
    try {
      const response = await fetch(config.state, { headers: { Accept: "application/json" } });
      // 403: the session was closed; 410: the link expired. The page itself says so.
      if (response.status === 403 || response.status === 410) return changed();
      if (!response.ok) return;
      const data = await response.json();
      const ids = data.assignments.map((a) => a.id);
      const votingNow = data.assignments.map((a) => a.id + ":" + a.voting).join(",");
      if (voting !== null && votingNow !== voting) return changed();
      voting = votingNow;
      if (ids.length !== known.size || ids.some((id) => !known.has(id))) return changed();
      data.assignments.forEach((a) => setCount(a.id, a.count));
    } catch (error) {
      // Offline for a moment; the next poll tries again.
    }
  }

  // Every 5 seconds without a live connection; every 15 with one, because the server sends
  // counts to phones at most every few seconds and the last one may be skipped.
  function startPolling(every) {
    if (pollTimer !== null) window.clearInterval(pollTimer);
    poll();
    pollTimer = window.setInterval(poll, every || 5000);
  }

  function connect() {
    if (!("WebSocket" in window)) return startPolling(5000);
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    let socket;
    try {
      socket = new WebSocket(scheme + window.location.host + config.ws);
    } catch (error) {
      return startPolling(5000);
    }
    socket.addEventListener("open", () => {
      backoff = 1000;
      startPolling(15000);
    });
    socket.addEventListener("message", (message) => {
      try {
        handle(JSON.parse(message.data));
      } catch (error) {
        // skip what we cannot read
      }
    });
    socket.addEventListener("close", () => {
      startPolling(5000);
      const wait = backoff + Math.random() * 1000;
      backoff = Math.min(backoff * 2, 30000);
      window.setTimeout(connect, wait);
    });
  }

  connect();
})();
