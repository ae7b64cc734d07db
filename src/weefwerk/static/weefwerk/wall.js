// The live wall: listens on a WebSocket for notes, votes and refreshes; reconnects with backoff
// and polls the wall's JSON view while there is no connection (for example behind a proxy
// without WebSockets). Note text is only ever set with textContent, never as HTML.
(function () {
  "use strict";
  const configNode = document.getElementById("muur-instellingen");
  const board = document.querySelector("[data-wall-board]");
  if (!configNode || !board) return;
  const config = JSON.parse(configNode.textContent);
  const texts = document.getElementById("muur-teksten").dataset;
  const countNode = document.querySelector("[data-wall-count]");
  const votingNode = document.querySelector("[data-wall-voting]");
  const rankingSection = document.querySelector("[data-wall-ranking]");
  const rankingList = document.querySelector("[data-wall-ranking-list]");

  let state = null;
  const fresh = new Set();
  let socket = null;
  let backoff = 1000;
  let pollTimer = null;
  let renderQueued = false;

  const fill = (template, n) => template.replace("%(n)s", String(n));
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function columnOf(note) {
    if (state.layout === "category") return note.category || "";
    if (state.layout === "group") return note.group ? String(note.group) : "";
    return "";
  }

  function render() {
    renderQueued = false;
    if (!state) return;
    const keys = new Set(state.columns.map((c) => c.key));
    const clusters = new Map(state.clusters.map((c) => [c.id, c.name]));
    const byColumn = new Map(state.columns.map((c) => [c.key, []]));
    const notes = Array.from(state.notesById.values()).filter((n) => !n.merged_into);
    notes.sort((a, b) => {
      const ca = a.cluster === null ? Infinity : a.cluster;
      const cb = b.cluster === null ? Infinity : b.cluster;
      return ca - cb || a.id - b.id;
    });
    for (const note of notes) {
      const key = columnOf(note);
      byColumn.get(keys.has(key) ? key : "").push(note);
    }
    const frag = document.createDocumentFragment();
    state.columns.forEach((column, index) => {
      const section = el("section", "ww-board__column");
      const heading = el("h2", "ww-board__title", column.title);
      heading.id = "kolom-" + (index + 1);
      section.setAttribute("aria-labelledby", heading.id);
      const list = el("ul", "ww-board__notes");
      for (const note of byColumn.get(column.key)) {
        const hidden = note.text === null;
        const item = el("li", "ww-sticky" + (hidden ? " ww-sticky--hidden" : ""));
        if (fresh.has(note.id)) item.classList.add("ww-sticky--new");
        item.dataset.note = note.id;
        if (note.cluster !== null && clusters.has(note.cluster)) {
          item.append(el("span", "ww-sticky__cluster", clusters.get(note.cluster)), "\n");
        }
        item.append(document.createTextNode(hidden ? texts.hidden : note.text));
        if (note.author) item.append(el("span", "ww-sticky__meta", note.author));
        if (note.votes) {
          const votes = note.votes === 1 ? texts.voteOne : fill(texts.voteMany, note.votes);
          item.append(el("span", "ww-sticky__meta", votes));
        }
        list.append(item);
      }
      section.append(heading, list);
      frag.append(section);
    });
    board.replaceChildren(frag);
    fresh.clear();
    setCount(notes.length);
    setVoting();
    if (rankingSection) {
      rankingList.replaceChildren(
        ...state.ranking.map((row) =>
          el("li", "", (row.text === null ? texts.hiddenRank : row.text) + " (" + row.votes + ")"),
        ),
      );
      rankingSection.hidden = state.ranking.length === 0;
    }
  }

  function queueRender() {
    if (!renderQueued) {
      renderQueued = true;
      window.requestAnimationFrame(render);
    }
  }

  function setCount(n) {
    const text = n === 1 ? texts.one : fill(texts.many, n);
    if (countNode.textContent !== text) countNode.textContent = text;
  }

  function setVoting() {
    const cast = state.votesCast === 1 ? texts.votesOne : fill(texts.votes, state.votesCast);
    const text = state.assignment.voting === "open" ? " · " + cast : "";
    if (votingNode.textContent !== text) votingNode.textContent = text;
  }

  function load(data) {
    if (!data || !data.assignment || data.assignment.id !== config.assignment) return;
    const known = state ? state.notesById : new Map();
    state = {
      assignment: data.assignment,
      layout: data.layout,
      columns: data.columns,
      clusters: data.clusters,
      ranking: data.ranking,
      votesCast: data.votes_cast,
      notesById: new Map(data.notes.map((n) => [n.id, n])),
    };
    for (const id of state.notesById.keys()) if (state && known.size && !known.has(id)) fresh.add(id);
    queueRender();
  }

  async function fetchState() {
    try {
      const response = await fetch(config.json, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.ok) load(await response.json());
    } catch (error) {
      // Offline for a moment: the next poll or reconnect tries again.
    }
  }

  function handle(event) {
    if (!state) return;
    if (event.type === "note") {
      const note = event.note;
      if (note.assignment !== config.assignment) return;
      if (note.merged_into) state.notesById.delete(note.id);
      else {
        if (!state.notesById.has(note.id)) fresh.add(note.id);
        state.notesById.set(note.id, note);
      }
      queueRender();
      checkCount(event.count);
    } else if (event.type === "note.deleted") {
      if (event.assignment !== config.assignment) return;
      state.notesById.delete(event.id);
      queueRender();
      checkCount(event.count);
    } else if (event.type === "votes") {
      if (event.assignment !== config.assignment) return;
      state.votesCast = event.cast;
      setVoting();
    } else if (event.type === "refresh") {
      if (event.assignment === null || event.assignment === config.assignment) fetchState();
    }
  }

  // Each note event says how many notes there are. When the wall has another number it
  // missed an event (a reconnect, a full channel): fetch the whole state, at most once a second.
  let checkTimer = null;
  function checkCount(count) {
    if (typeof count !== "number" || checkTimer !== null) return;
    checkTimer = window.setTimeout(() => {
      checkTimer = null;
      const live = Array.from(state.notesById.values()).filter((n) => !n.merged_into).length;
      if (live !== count) fetchState();
    }, 1000);
  }

  function startPolling() {
    if (pollTimer === null) pollTimer = window.setInterval(fetchState, config.poll || 2000);
  }

  function stopPolling() {
    if (pollTimer !== null) window.clearInterval(pollTimer);
    pollTimer = null;
  }

  function connect() {
    if (!("WebSocket" in window)) {
      startPolling();
      return;
    }
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + config.ws);
    } catch (error) {
      startPolling();
      return;
    }
    socket.addEventListener("open", () => {
      backoff = 1000;
      stopPolling();
      fetchState(); // catch up on whatever happened while disconnected
    });
    socket.addEventListener("message", (message) => {
      try {
        handle(JSON.parse(message.data));
      } catch (error) {
        // An event we cannot read is skipped; the next refresh brings the wall up to date.
      }
    });
    socket.addEventListener("close", () => {
      socket = null;
      startPolling();
      const wait = backoff + Math.random() * 500;
      backoff = Math.min(backoff * 2, 30000);
      window.setTimeout(connect, wait);
    });
  }

  fetchState().then(connect);
})();
