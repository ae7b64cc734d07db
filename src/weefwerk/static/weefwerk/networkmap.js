// The interactive network map (networkmap/map.html): Cytoscape.js with the fcose layout.
//
// Data comes from kaart.json; every change goes to the JSON endpoints of networkmap/api.py.
// All words come from the page (the "map-texts" JSON block), so this file holds no Dutch.
// window.weefwerkMap exposes `ready` (a promise of the timings, also written to the
// data-ready attribute), the Cytoscape instance and a few functions for tests and benchmarks.
(function () {
  "use strict";

  const root = document.getElementById("netwerkkaart");
  if (!root || typeof window.cytoscape === "undefined") return;

  const $ = (id) => document.getElementById(id);
  const T = JSON.parse($("map-texts").textContent);
  const fmt = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
  const canEdit = root.dataset.canEdit === "true";
  const PLACEHOLDER = root.dataset.placeholder;
  const urls = {
    data: root.dataset.urlData,
    elementCreate: root.dataset.urlElementCreate,
    elementUpdate: root.dataset.urlElementUpdate,
    elementDelete: root.dataset.urlElementDelete,
    connectionCreate: root.dataset.urlConnectionCreate,
    connectionUpdate: root.dataset.urlConnectionUpdate,
    connectionDelete: root.dataset.urlConnectionDelete,
    positions: root.dataset.urlPositions,
    analysis: root.dataset.urlAnalysis,
    analysisPage: root.dataset.urlAnalysisPage,
  };
  const urlFor = (template, pk) => template.replace(PLACEHOLDER, String(pk));

  // Above this many elements: the quick ("draft") layout, straight edges without arrows,
  // and names only when zoomed in far enough to read them (or for large and marked elements).
  const LARGE = 1000;
  const LABEL_ZOOM = 0.55;
  const LABEL_SIZE = 48;
  const MAX_UNDO = 50;
  const ELEMENT_FIELDS = ["label", "kind", "status", "description", "domains", "tags", "rhythm", "missing_note"];
  const CONNECTION_FIELDS = ["kind", "custom_kind", "direction", "strength", "role", "note"];

  const timings = { start: performance.now() };
  let resolveReady;
  const ready = new Promise((resolve) => {
    resolveReady = resolve;
  });

  const state = {
    elements: new Map(), // pk -> element data
    connections: new Map(), // pk -> connection data
    legend: null,
    domains: new Map(), // id -> {label, colour}
    kinds: new Map(), // value -> {label, colour, shape}
    connectionKinds: new Map(), // value -> {label}
    statuses: new Map(),
    colourBy: "kind",
    sizeBy: "none",
    focus: null, // {pk, steps}
    selected: null,
    editingConnection: null,
    hidden: new Map(), // Cytoscape id -> hidden as last applied
    large: false,
    labels: true, // every name drawn (small maps, or zoomed in on a large one)
    // From the analysis (analyse.json): measures to colour by, webbers and weak spots.
    measures: new Map(), // key -> {label, values, categorical, colours}
    scale: [],
    highlight: null, // {confirmed_webbers, candidate_webbers, articulation_points, bridges}
    highlightWebbers: false,
    highlightWeak: false,
  };
  // Ids change when undo re-creates something that was deleted: old pk -> new pk.
  const alias = { n: new Map(), c: new Map() };
  const live = (type, pk) => {
    let current = Number(pk);
    while (alias[type].has(current)) current = alias[type].get(current);
    return current;
  };
  let cy = null;
  let busy = false;

  const api = (window.weefwerkMap = { ready, timings, state });

  // ------------------------------------------------------------------------------------------
  // Talking to the server.

  class ApiError extends Error {
    constructor(message, errors, status) {
      super(message);
      this.errors = errors || {};
      this.status = status || 0;
    }
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : root.dataset.csrf;
  }

  async function send(url, body, options = {}) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        keepalive: Boolean(options.keepalive),
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrfToken(),
        },
        body: JSON.stringify(body || {}),
      });
    } catch (error) {
      throw new ApiError(T.network_error);
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = {};
    }
    if (!response.ok) {
      const message = response.status === 403 ? T.forbidden : data.message || T.save_failed;
      const errors = Object.assign({}, data.errors || {});
      throw new ApiError(message, errors, response.status);
    }
    return data;
  }

  // ------------------------------------------------------------------------------------------
  // Messages and form errors.

  function announce(message, isError) {
    const status = $("map-status");
    status.textContent = message || "";
    status.classList.toggle("ww-map__status--error", Boolean(isError));
  }

  function clearErrors(form) {
    form.querySelectorAll(".ww-map__error").forEach((node) => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach((control) => {
      control.removeAttribute("aria-invalid");
      const original = control.dataset.describedby;
      if (original) control.setAttribute("aria-describedby", original);
      else control.removeAttribute("aria-describedby");
    });
  }

  function showErrors(form, error) {
    clearErrors(form);
    const general = [];
    let first = null;
    Object.entries(error.errors || {}).forEach(([name, messages]) => {
      const control = form.querySelector(`[name="${name}"]`);
      if (!control) {
        general.push(...messages);
        return;
      }
      const message = document.createElement("p");
      message.className = "utrecht-form-field-error-message ww-map__error";
      message.id = `${control.id || form.id + "-" + name}-error`;
      message.textContent = messages.join(" ");
      const field = control.closest(".utrecht-form-field, fieldset") || control.parentElement;
      const label = field.querySelector("label, legend");
      if (label && label.parentElement === field) label.after(message);
      else if (label) label.parentElement.after(message);
      else field.prepend(message);
      if (!("describedby" in control.dataset)) {
        control.dataset.describedby = control.getAttribute("aria-describedby") || "";
      }
      control.setAttribute("aria-invalid", "true");
      control.setAttribute(
        "aria-describedby",
        `${control.dataset.describedby} ${message.id}`.trim(),
      );
      first = first || control;
    });
    if (general.length || !first) {
      const alert = document.createElement("div");
      alert.className = "utrecht-alert utrecht-alert--error ww-map__error";
      alert.setAttribute("role", "alert");
      alert.textContent = [error.message, ...general].join(" ");
      form.prepend(alert);
    }
    announce(error.message, true);
    if (first) first.focus();
  }

  // ------------------------------------------------------------------------------------------
  // How elements look.

  const NO_VALUE_COLOUR = "#ffffff";

  // Five equal steps between the lowest and the highest value of a measure.
  function measureBins(measure) {
    const numbers = Object.values(measure.values).map(Number);
    const low = numbers.length ? Math.min(...numbers) : 0;
    const high = numbers.length ? Math.max(...numbers) : 0;
    return { low, high, steps: Math.max(state.scale.length, 1) };
  }

  function measureColour(measure, pk) {
    const value = measure.values[pk];
    if (value === undefined || value === null) return NO_VALUE_COLOUR;
    if (measure.categorical) return (measure.colours || {})[String(value)] || "#6b6b6b";
    const bins = measure.bins || (measure.bins = measureBins(measure));
    if (bins.high <= bins.low) return state.scale[0];
    const index = Math.min(bins.steps - 1, Math.floor(((value - bins.low) / (bins.high - bins.low)) * bins.steps));
    return state.scale[index];
  }

  function colourOf(element) {
    if (state.measures.has(state.colourBy)) return measureColour(state.measures.get(state.colourBy), element.id);
    if (state.colourBy === "domain") {
      const domain = element.domains.find((id) => state.domains.has(id));
      return domain ? state.domains.get(domain).colour : state.legend.no_domain_colour;
    }
    const kind = state.kinds.get(element.kind);
    return kind ? kind.colour : "#6b6b6b";
  }

  function shapeOf(element) {
    const kind = state.kinds.get(element.kind);
    return kind ? kind.shape : "ellipse";
  }

  // Colour and shape come from a rule per kind (worked out once, not per element); a node
  // only reads its own colour or size from its data when the map is coloured or sized by
  // something else ("coloured", "sized").
  function nodeClasses(element) {
    const classes = [`k-${element.kind}`];
    if (element.status !== "active") classes.push(`status-${element.status}`);
    if (state.colourBy !== "kind") classes.push("coloured");
    if (state.sizeBy !== "none") classes.push("sized");
    return classes.join(" ");
  }

  function nodeDefinition(element, position) {
    const definition = {
      group: "nodes",
      data: {
        id: `n${element.id}`,
        pk: element.id,
        label: element.label,
        colour: colourOf(element),
        shape: shapeOf(element),
        size: 30,
      },
      classes: nodeClasses(element),
    };
    if (position) definition.position = { x: position[0], y: position[1] };
    return definition;
  }

  function edgeDefinition(connection) {
    const classes = connection.status === "active" ? [] : [`status-${connection.status}`];
    if (!state.large) classes.push(`dir-${connection.direction}`);
    return {
      group: "edges",
      data: {
        id: `c${connection.id}`,
        pk: connection.id,
        source: `n${connection.source}`,
        target: `n${connection.target}`,
        strength: connection.strength,
      },
      classes: classes.join(" "),
    };
  }

  const TEXT_STYLE = {
    label: "data(label)",
    "font-size": 11,
    "font-family": "system-ui, sans-serif",
    color: "#1a1a1a",
    "text-valign": "bottom",
    "text-halign": "center",
    "text-margin-y": 4,
    "text-wrap": "ellipsis",
    "text-max-width": "140px",
    "text-outline-color": "#ffffff",
    "text-outline-width": 2,
    "min-zoomed-font-size": 7,
  };

  // A large map gets a lean style sheet: every property is worked out for each of thousands
  // of elements before the first frame, so no text properties while the names are hidden and
  // no arrows (the edges are straight "haystack" lines).
  function styles() {
    const edgeColour = "#6f6f6f";
    const arrows = !state.large;
    const edgeStyle = {
      width: "mapData(strength, 1, 3, 1, 4)",
      "line-color": edgeColour,
      "curve-style": state.large ? "haystack" : "bezier",
    };
    if (arrows) {
      Object.assign(edgeStyle, {
        "target-arrow-color": edgeColour,
        "source-arrow-color": edgeColour,
        "arrow-scale": 0.9,
      });
    }
    return [
      {
        selector: "node",
        style: Object.assign(
          {
            "background-color": "#6b6b6b",
            shape: "ellipse",
            width: 30,
            height: 30,
            "border-width": 2,
            "border-color": "#1a1a1a",
          },
          state.labels ? TEXT_STYLE : { label: "" },
        ),
      },
      ...Array.from(state.kinds.values(), (kind) => ({
        selector: `node.k-${kind.value}`,
        style: { "background-color": kind.colour, shape: kind.shape },
      })),
      { selector: "node.coloured", style: { "background-color": "data(colour)" } },
      { selector: "node.sized", style: { width: "data(size)", height: "data(size)" } },
      {
        selector: "node.status-proposed",
        style: { "border-style": "dashed", "border-width": 3, "background-opacity": 0.6 },
      },
      {
        selector: "node.status-wanted",
        style: { "border-style": "dotted", "border-width": 3, "background-opacity": 0.35 },
      },
      { selector: "edge", style: edgeStyle },
      ...(arrows
        ? [
            { selector: "edge.dir-directed", style: { "target-arrow-shape": "triangle" } },
            {
              selector: "edge.dir-mutual",
              style: { "target-arrow-shape": "triangle", "source-arrow-shape": "triangle" },
            },
          ]
        : []),
      { selector: "edge.status-proposed, edge.status-wanted", style: { "line-style": "dashed" } },
      { selector: ".hidden", style: { display: "none" } },
      ...(state.labels
        ? []
        : [
            {
              selector: `node[size >= ${LABEL_SIZE}], node.match, node:selected, node.webber-confirmed, node.webber-candidate, node.weak-spot`,
              style: TEXT_STYLE,
            },
          ]),
      {
        selector: "node.webber-candidate",
        style: { "underlay-color": "#6a1b9a", "underlay-opacity": 0.55, "underlay-padding": 5, "underlay-shape": "ellipse" },
      },
      {
        selector: "node.webber-confirmed",
        style: { "underlay-color": "#6a1b9a", "underlay-opacity": 0.9, "underlay-padding": 10, "underlay-shape": "ellipse" },
      },
      { selector: "node.weak-spot", style: { "border-color": "#c0120c", "border-width": 6, "border-style": "solid" } },
      {
        selector: "edge.bridge",
        style: { "line-color": "#c0120c", "target-arrow-color": "#c0120c", "source-arrow-color": "#c0120c", width: 6, "z-index": 10 },
      },
      {
        selector: "node.match",
        style: {
          "underlay-color": "#ffbf47",
          "underlay-opacity": 1,
          "underlay-padding": 8,
          "underlay-shape": "ellipse",
        },
      },
      {
        selector: "node:selected",
        style: {
          "border-width": 5,
          "border-color": "#000000",
          "underlay-color": "#ffbf47",
          "underlay-opacity": 0.9,
          "underlay-padding": 6,
        },
      },
      {
        selector: "edge:selected",
        style: {
          "line-color": "#000000",
          "target-arrow-color": "#000000",
          "source-arrow-color": "#000000",
        },
      },
    ];
  }

  // Size by a metric. More metrics come from the analysis (addMetric) when it is there.
  const metrics = {
    none: null,
    degree: (pk, degrees) => (degrees.get(pk) || { total: 0 }).total,
    indegree: (pk, degrees) => (degrees.get(pk) || { in: 0 }).in,
    outdegree: (pk, degrees) => (degrees.get(pk) || { out: 0 }).out,
  };

  function degrees() {
    const result = new Map();
    const get = (pk) => {
      if (!result.has(pk)) result.set(pk, { in: 0, out: 0, total: 0 });
      return result.get(pk);
    };
    state.connections.forEach((connection) => {
      const source = get(connection.source);
      const target = get(connection.target);
      source.total += 1;
      target.total += 1;
      source.out += 1;
      target.in += 1;
      if (connection.direction !== "directed") {
        source.in += 1;
        target.out += 1;
      }
    });
    return result;
  }

  function applySizes() {
    const metric = metrics[state.sizeBy];
    if (!cy) return;
    if (!metric) {
      cy.batch(() => cy.nodes().data("size", 30).removeClass("sized"));
      return;
    }
    const counted = degrees();
    const values = new Map();
    let max = 0;
    state.elements.forEach((element, pk) => {
      const value = Math.max(0, Number(metric(pk, counted)) || 0);
      values.set(pk, value);
      max = Math.max(max, value);
    });
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const value = values.get(node.data("pk")) || 0;
        node.data("size", max ? 18 + 46 * Math.sqrt(value / max) : 30);
      });
      cy.nodes().addClass("sized");
    });
  }

  const LOCAL_METRICS = { degree: "degree", in_degree: "indegree", out_degree: "outdegree" };

  function addColourOption(key, label) {
    const select = $("map-colour");
    if (select.querySelector(`option[value="${CSS.escape(key)}"]`)) return;
    const option = document.createElement("option");
    option.value = key;
    option.textContent = label;
    select.append(option);
  }

  // Webbers and weak spots as style classes, and the same as text beside the map.
  function applyHighlights() {
    if (!cy) return;
    const marks = state.highlight || {};
    const node = (pk) => cy.getElementById(`n${live("n", pk)}`);
    cy.batch(() => {
      cy.elements(".webber-confirmed, .webber-candidate, .weak-spot, .bridge").removeClass(
        "webber-confirmed webber-candidate weak-spot bridge",
      );
      if (state.highlightWebbers) {
        (marks.confirmed_webbers || []).forEach((pk) => node(pk).addClass("webber-confirmed"));
        (marks.candidate_webbers || []).forEach((pk) => node(pk).addClass("webber-candidate"));
      }
      if (state.highlightWeak) {
        (marks.articulation_points || []).forEach((pk) => node(pk).addClass("weak-spot"));
        (marks.bridges || []).forEach(([a, b]) => node(a).edgesWith(node(b)).addClass("bridge"));
      }
    });
    renderHighlightText();
    renderLegend();
  }
  api.applyHighlights = applyHighlights;

  function labelOf(pk) {
    const element = state.elements.get(live("n", pk));
    return element ? element.label : String(pk);
  }

  function renderHighlightText() {
    const section = $("map-highlight-section");
    const marks = state.highlight || {};
    const lists = [];
    if (state.highlightWebbers) {
      lists.push([T.highlight_confirmed, (marks.confirmed_webbers || []).map(labelOf)]);
      lists.push([T.highlight_candidates, (marks.candidate_webbers || []).map(labelOf)]);
    }
    if (state.highlightWeak) {
      lists.push([T.highlight_articulation, (marks.articulation_points || []).map(labelOf)]);
      lists.push([T.highlight_bridges, (marks.bridges || []).map(([a, b]) => `${labelOf(a)} – ${labelOf(b)}`)]);
    }
    section.hidden = !lists.length;
    const parts = [];
    const LIMIT = 30;
    lists.forEach(([title, labels]) => {
      const heading = document.createElement("h3");
      heading.className = "utrecht-heading-5";
      heading.textContent = title;
      parts.push(heading);
      if (!labels.length) {
        const none = document.createElement("p");
        none.className = "utrecht-paragraph";
        none.textContent = T.highlight_none;
        parts.push(none);
        return;
      }
      const list = document.createElement("ul");
      list.className = "utrecht-unordered-list";
      labels
        .slice()
        .sort((a, b) => a.localeCompare(b, "nl"))
        .slice(0, LIMIT)
        .forEach((label) => {
          const item = document.createElement("li");
          item.className = "utrecht-unordered-list__item";
          item.textContent = label;
          list.append(item);
        });
      parts.push(list);
      if (labels.length > LIMIT) {
        const more = document.createElement("p");
        more.className = "utrecht-paragraph";
        more.textContent = fmt(T.highlight_more, { n: labels.length - LIMIT });
        parts.push(more);
      }
    });
    $("map-highlight-text").replaceChildren(...parts);
    if (lists.length) {
      const webbers = state.highlightWebbers
        ? (marks.confirmed_webbers || []).length + (marks.candidate_webbers || []).length
        : 0;
      const weak = state.highlightWeak
        ? (marks.articulation_points || []).length + (marks.bridges || []).length
        : 0;
      announce(fmt(T.highlight_summary, { webbers, weak }));
    }
  }

  function addMetric(key, label, valueOf) {
    metrics[key] = (pk) => valueOf(pk);
    const select = $("map-size");
    if (!select.querySelector(`option[value="${CSS.escape(key)}"]`)) {
      const option = document.createElement("option");
      option.value = key;
      option.textContent = label;
      select.append(option);
    }
  }
  api.addMetric = addMetric;

  async function loadAnalysis() {
    if (!urls.analysis) return;
    try {
      const response = await fetch(urls.analysis, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      let measures = data.measures || [];
      if (!Array.isArray(measures)) {
        measures = Object.entries(measures).map(([key, measure]) => ({ key, ...measure }));
      }
      state.scale = data.scale || [];
      measures.forEach((measure) => {
        const values = measure.values || {};
        state.measures.set(measure.key, { label: measure.label || measure.key, ...measure, values });
        addColourOption(measure.key, measure.label || measure.key);
        // Counted on the page already (every status): no second option with the same name.
        if (measure.categorical || LOCAL_METRICS[measure.key]) return;
        addMetric(measure.key, measure.label || measure.key, (pk) => Number(values[pk]) || 0);
      });
      if (data.highlight) {
        state.highlight = data.highlight;
        $("map-highlight").hidden = false;
      }
      api.analysisLoaded = true;
    } catch (error) {
      // Without the analysis the map sizes by the number of connections only.
    }
  }

  // On a large map: the names appear once the zoom passes LABEL_ZOOM (one style update).
  function updateLabels() {
    if (!state.large || !cy) return;
    const show = cy.zoom() >= LABEL_ZOOM;
    if (show === state.labels) return;
    state.labels = show;
    cy.style(styles());
  }
  api.updateLabels = updateLabels;

  // ------------------------------------------------------------------------------------------
  // Layout.

  // The layout (fcose) and SVG export scripts load when they are first needed: a map that
  // was arranged before does not wait for 300 KB of scripts it does not use.
  const scriptsLoaded = new Map();
  function loadScript(src) {
    if (!scriptsLoaded.has(src)) {
      scriptsLoaded.set(
        src,
        new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.head.append(script);
        }),
      );
    }
    return scriptsLoaded.get(src);
  }
  async function loadScripts(list) {
    for (const src of (list || "").split(" ").filter(Boolean)) await loadScript(src);
  }
  api.loadLayoutScripts = () => loadScripts(root.dataset.scriptsLayout);

  async function runLayout(elements, options) {
    if (options.name === "fcose") await loadScripts(root.dataset.scriptsLayout);
    return new Promise((resolve) => {
      const layout = elements.layout(options);
      layout.one("layoutstop", () => resolve());
      layout.run();
    });
  }

  function fcoseOptions(count, extra) {
    const large = count > LARGE;
    return Object.assign(
      {
        name: "fcose",
        quality: large ? "draft" : "default",
        randomize: true,
        animate: false,
        fit: false,
        nodeDimensionsIncludeLabels: false,
        packComponents: true,
        nodeRepulsion: () => 6500,
        idealEdgeLength: () => 90,
        nodeSeparation: 90,
        numIter: large ? 1000 : 2500,
      },
      extra || {},
    );
  }

  // Elements without a saved place: start next to their placed neighbours, then let fcose
  // settle them around the placed ones (which stay where they are).
  async function placeMissing(missing) {
    const missingIds = new Set(missing.map((pk) => `n${pk}`));
    const placed = cy.nodes().filter((node) => !missingIds.has(node.id()));
    if (!placed.length) {
      await runLayout(cy.elements(), fcoseOptions(cy.nodes().length));
      return;
    }
    const box = placed.boundingBox();
    missing.forEach((pk, index) => {
      const node = cy.getElementById(`n${pk}`);
      const neighbours = node.neighborhood("node").filter((other) => !missingIds.has(other.id()));
      let x = box.x1 + box.w / 2;
      let y = box.y1 + box.h / 2;
      if (neighbours.length) {
        x = neighbours.reduce((sum, other) => sum + other.position("x"), 0) / neighbours.length;
        y = neighbours.reduce((sum, other) => sum + other.position("y"), 0) / neighbours.length;
      }
      const angle = index * 2.39996;
      node.position({ x: x + 60 * Math.cos(angle), y: y + 60 * Math.sin(angle) });
    });
    if (cy.nodes().length <= LARGE) {
      await runLayout(
        cy.elements(),
        fcoseOptions(cy.nodes().length, {
          quality: "default",
          randomize: false,
          fixedNodeConstraint: placed.map((node) => ({
            nodeId: node.id(),
            position: { x: node.position("x"), y: node.position("y") },
          })),
        }),
      );
    }
  }

  function positionsOf(nodes) {
    const result = {};
    nodes.forEach((node) => {
      result[node.data("pk")] = [node.position("x"), node.position("y")];
    });
    return result;
  }

  // Saving positions: debounced, one request for everything that moved.
  const dirty = new Set();
  let flushTimer = null;

  function markDirty(pk) {
    if (!canEdit) return;
    dirty.add(pk);
    clearTimeout(flushTimer);
    flushTimer = setTimeout(flushPositions, 600);
  }

  async function flushPositions(options) {
    clearTimeout(flushTimer);
    if (!canEdit || !dirty.size) return;
    const positions = {};
    dirty.forEach((pk) => {
      const node = cy.getElementById(`n${pk}`);
      if (node.nonempty()) {
        positions[pk] = [Math.round(node.position("x") * 10) / 10, Math.round(node.position("y") * 10) / 10];
      }
    });
    dirty.clear();
    try {
      await send(urls.positions, { positions }, options);
    } catch (error) {
      announce(T.positions_failed, true);
    }
  }
  api.flushPositions = flushPositions;

  function setPositions(positions) {
    Object.entries(positions).forEach(([pk, [x, y]]) => {
      const current = live("n", pk);
      const node = cy.getElementById(`n${current}`);
      if (node.nonempty()) {
        node.position({ x, y });
        markDirty(current);
      }
    });
    return flushPositions();
  }

  async function relayout() {
    const before = positionsOf(cy.nodes());
    await runLayout(cy.elements(), fcoseOptions(cy.nodes().length));
    fitVisible();
    if (canEdit) {
      cy.nodes().forEach((node) => markDirty(node.data("pk")));
      pushUndo({ label: T.op_layout, undo: () => setPositions(before) });
      await flushPositions();
    }
    announce(T.layout_done);
  }

  // Like cy.fit, but from the node positions alone: cy.fit measures every label first, which
  // takes a second on a large network.
  function fitVisible(elements) {
    const nodes = (elements || cy.elements()).nodes().not(".hidden");
    if (!nodes.length) return;
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    nodes.forEach((node) => {
      const { x, y } = node.position();
      const half = (node.data("size") || 30) / 2;
      x1 = Math.min(x1, x - half);
      y1 = Math.min(y1, y - half);
      x2 = Math.max(x2, x + half);
      y2 = Math.max(y2, y + half + 16); // room for the label under the node
    });
    const padding = 40;
    const width = Math.max(cy.width() - 2 * padding, 1);
    const height = Math.max(cy.height() - 2 * padding, 1);
    let zoom = Math.min(width / Math.max(x2 - x1, 1), height / Math.max(y2 - y1, 1));
    zoom = Math.max(cy.minZoom(), Math.min(zoom, 2, cy.maxZoom()));
    cy.viewport({
      zoom,
      pan: {
        x: cy.width() / 2 - zoom * (x1 + x2) / 2,
        y: cy.height() / 2 - zoom * (y1 + y2) / 2,
      },
    });
  }

  // ------------------------------------------------------------------------------------------
  // Filters, focus and search.

  function readFilters() {
    const filters = $("map-filters");
    const checked = (name) =>
      new Set(Array.from(filters.querySelectorAll(`input[name="${name}"]:checked`), (input) => input.value));
    return {
      kinds: checked("kind"),
      statuses: checked("status"),
      connectionKinds: checked("connection_kind"),
      domain: $("map-domain").value,
      tag: $("map-tag").value,
    };
  }

  function elementPasses(element, filters) {
    if (!filters.kinds.has(element.kind) || !filters.statuses.has(element.status)) return false;
    if (filters.domain === "none") {
      if (element.domains.length) return false;
    } else if (filters.domain && !element.domains.includes(Number(filters.domain))) {
      return false;
    }
    if (filters.tag && !element.tags.includes(filters.tag)) return false;
    return true;
  }

  function applyFilters() {
    const started = performance.now();
    const filters = readFilters();
    let visible = new Set();
    state.elements.forEach((element, pk) => {
      if (elementPasses(element, filters)) visible.add(pk);
    });
    const edgePasses = (connection) =>
      visible.has(connection.source) &&
      visible.has(connection.target) &&
      filters.connectionKinds.has(connection.kind) &&
      filters.statuses.has(connection.status);
    if (state.focus && state.elements.has(state.focus.pk)) {
      const neighbours = new Map();
      state.connections.forEach((connection) => {
        if (!edgePasses(connection)) return;
        if (!neighbours.has(connection.source)) neighbours.set(connection.source, []);
        if (!neighbours.has(connection.target)) neighbours.set(connection.target, []);
        neighbours.get(connection.source).push(connection.target);
        neighbours.get(connection.target).push(connection.source);
      });
      const reached = new Set([state.focus.pk]);
      let frontier = [state.focus.pk];
      for (let step = 0; step < state.focus.steps; step += 1) {
        const next = [];
        frontier.forEach((pk) =>
          (neighbours.get(pk) || []).forEach((other) => {
            if (!reached.has(other)) {
              reached.add(other);
              next.push(other);
            }
          }),
        );
        frontier = next;
      }
      visible = reached;
    }
    let edgeCount = 0;
    state.connections.forEach((connection) => {
      if (edgePasses(connection)) edgeCount += 1;
    });
    // Only what changed, as two collections: one class change each, in one batch.
    const toHide = [];
    const toShow = [];
    const sort = (item, hide) => {
      const id = item.id();
      if (state.hidden.get(id) === hide) return;
      state.hidden.set(id, hide);
      (hide ? toHide : toShow).push(item);
    };
    cy.nodes().forEach((node) => sort(node, !visible.has(node.data("pk"))));
    // A connection to a hidden element is not drawn anyway (Cytoscape hides it with its end),
    // so connections only get the class for their own filters: far fewer style changes.
    const ownFilters = (connection) =>
      filters.connectionKinds.has(connection.kind) && filters.statuses.has(connection.status);
    cy.edges().forEach((edge) => {
      const connection = state.connections.get(edge.data("pk"));
      sort(edge, !connection || !ownFilters(connection));
    });
    if (toHide.length || toShow.length) {
      cy.batch(() => {
        if (toHide.length) cy.collection(toHide).addClass("hidden");
        if (toShow.length) cy.collection(toShow).removeClass("hidden");
      });
    }
    updateSummary(visible.size, edgeCount);
    timings.lastFilter = performance.now() - started;
    return timings.lastFilter;
  }
  api.applyFilters = applyFilters;

  function updateSummary(visibleElements, visibleConnections) {
    let text = fmt(T.summary, {
      elements: visibleElements,
      all_elements: state.elements.size,
      connections: visibleConnections,
      all_connections: state.connections.size,
    });
    if (state.focus && state.elements.has(state.focus.pk)) {
      text =
        fmt(T.focus_summary, { label: state.elements.get(state.focus.pk).label, steps: state.focus.steps }) + text;
    }
    if (!state.elements.size) text = T.empty;
    $("map-summary").textContent = text;
    $("map-canvas").setAttribute(
      "aria-label",
      fmt(T.canvas_label, { elements: state.elements.size, connections: state.connections.size }),
    );
  }

  function focusOn(pk, steps) {
    if (!state.elements.has(pk)) return;
    state.focus = { pk, steps };
    applyFilters();
    fitVisible();
    $("map-unfocus").disabled = false;
  }

  function unfocus() {
    state.focus = null;
    applyFilters();
    fitVisible();
    $("map-unfocus").disabled = true;
  }

  function search(query) {
    cy.nodes(".match").removeClass("match");
    const needle = query.trim().toLocaleLowerCase();
    if (!needle) {
      announce("");
      return [];
    }
    const matches = Array.from(state.elements.values()).filter((element) =>
      element.label.toLocaleLowerCase().includes(needle),
    );
    if (!matches.length) {
      announce(fmt(T.not_found, { query: query.trim() }));
      return [];
    }
    const nodes = cy.collection(matches.map((element) => cy.getElementById(`n${element.id}`)));
    nodes.addClass("match");
    const shown = nodes.not(".hidden");
    if (shown.length) fitVisible(shown.closedNeighborhood());
    const labels = matches.slice(0, 5).map((element) => element.label).join(", ");
    announce(fmt(T.found, { count: matches.length, labels: matches.length > 5 ? `${labels}, …` : labels }));
    $("map-element-select").value = String(matches[0].id);
    return matches;
  }

  // ------------------------------------------------------------------------------------------
  // Lists that follow the data: element choices, tags, the legend.

  function sortedElements() {
    return Array.from(state.elements.values()).sort((a, b) =>
      a.label.localeCompare(b.label, "nl", { sensitivity: "base" }),
    );
  }

  function optionFor(element) {
    const option = document.createElement("option");
    option.value = String(element.id);
    const kind = state.kinds.get(element.kind);
    option.textContent = kind ? `${element.label} (${kind.label.toLocaleLowerCase()})` : element.label;
    return option;
  }

  function refreshElementSelect() {
    const select = $("map-element-select");
    const current = select.value;
    const fragment = document.createDocumentFragment();
    const placeholder = document.createElement("option");
    placeholder.value = "";
    placeholder.textContent = T.choose_element;
    fragment.append(placeholder);
    sortedElements().forEach((element) => fragment.append(optionFor(element)));
    select.replaceChildren(fragment);
    if (current && state.elements.has(Number(current))) select.value = current;
  }

  function refreshTargetSelect() {
    const select = $("map-connect-target");
    if (!select) return;
    const needle = $("map-connect-filter").value.trim().toLocaleLowerCase();
    const current = select.value;
    const fragment = document.createDocumentFragment();
    sortedElements().forEach((element) => {
      if (element.id === state.selected) return;
      if (needle && !element.label.toLocaleLowerCase().includes(needle)) return;
      fragment.append(optionFor(element));
    });
    select.replaceChildren(fragment);
    if (current && select.querySelector(`option[value="${current}"]`)) select.value = current;
  }

  function refreshTags() {
    const select = $("map-tag");
    const current = select.value;
    const tags = new Set();
    state.elements.forEach((element) => element.tags.forEach((tag) => tags.add(tag)));
    const fragment = document.createDocumentFragment();
    const all = document.createElement("option");
    all.value = "";
    all.textContent = T.all_tags;
    fragment.append(all);
    Array.from(tags)
      .sort((a, b) => a.localeCompare(b, "nl"))
      .forEach((tag) => {
        const option = document.createElement("option");
        option.value = tag;
        option.textContent = tag;
        fragment.append(option);
      });
    select.replaceChildren(fragment);
    if (tags.has(current)) select.value = current;
  }

  function refreshLists() {
    refreshElementSelect();
    refreshTargetSelect();
    refreshTags();
  }

  const SVG_NS = "http://www.w3.org/2000/svg";

  function shapeIcon(shape, colour, dash, stroke, strokeWidth) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "22");
    svg.setAttribute("height", "22");
    svg.setAttribute("viewBox", "0 0 22 22");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    let figure;
    if (shape === "ellipse") {
      figure = document.createElementNS(SVG_NS, "circle");
      figure.setAttribute("cx", "11");
      figure.setAttribute("cy", "11");
      figure.setAttribute("r", "8");
    } else if (shape === "round-rectangle") {
      figure = document.createElementNS(SVG_NS, "rect");
      figure.setAttribute("x", "3");
      figure.setAttribute("y", "4");
      figure.setAttribute("width", "16");
      figure.setAttribute("height", "14");
      figure.setAttribute("rx", "3");
    } else {
      const points = {
        hexagon: "6,3 16,3 20,11 16,19 6,19 2,11",
        diamond: "11,2 20,11 11,20 2,11",
        triangle: "11,3 20,19 2,19",
      };
      figure = document.createElementNS(SVG_NS, "polygon");
      figure.setAttribute("points", points[shape] || points.diamond);
    }
    figure.setAttribute("fill", colour);
    figure.setAttribute("stroke", stroke || "#1a1a1a");
    figure.setAttribute("stroke-width", strokeWidth || "2");
    if (dash) figure.setAttribute("stroke-dasharray", dash);
    svg.append(figure);
    return svg;
  }

  function legendList(title, items) {
    const heading = document.createElement("h3");
    heading.className = "utrecht-heading-5 ww-map-legend__title";
    heading.textContent = title;
    const list = document.createElement("ul");
    list.className = "ww-map-legend__list";
    items.forEach(([icon, text]) => {
      const item = document.createElement("li");
      item.className = "ww-map-legend__item";
      if (icon) item.append(icon);
      const label = document.createElement("span");
      label.textContent = text;
      item.append(label);
      list.append(item);
    });
    return [heading, list];
  }

  function renderLegend() {
    const legend = $("map-legend");
    const parts = [];
    const kinds = Array.from(state.kinds.entries());
    const measure = state.measures.get(state.colourBy);
    if (measure) {
      parts.push(...legendList(T.legend_shape, kinds.map(([, kind]) => [shapeIcon(kind.shape, "#ffffff"), kind.label])));
      let items;
      if (measure.categorical) {
        items = Object.entries(measure.colours || {}).map(([value, colour]) => [
          shapeIcon("ellipse", colour),
          fmt(T.group, { n: value }),
        ]);
        parts.push(...legendList(fmt(T.legend_colour_group, { metric: measure.label }), items));
      } else {
        const bins = measure.bins || (measure.bins = measureBins(measure));
        const width = (bins.high - bins.low) / bins.steps;
        const number = (value) => (Math.round(value * 100) / 100).toLocaleString("nl");
        items = state.scale.map((colour, index) => [
          shapeIcon("ellipse", colour),
          fmt(T.range, { low: number(bins.low + index * width), high: number(bins.low + (index + 1) * width) }),
        ]);
        if (bins.high <= bins.low) items = [[shapeIcon("ellipse", state.scale[0]), number(bins.low)]];
        parts.push(...legendList(fmt(T.legend_colour_measure, { metric: measure.label }), items));
      }
      parts.push(...legendList("", [[shapeIcon("ellipse", NO_VALUE_COLOUR), T.no_value]]));
    } else if (state.colourBy === "domain") {
      parts.push(...legendList(T.legend_shape, kinds.map(([, kind]) => [shapeIcon(kind.shape, "#ffffff"), kind.label])));
      const domainItems = Array.from(state.domains.values()).map((domain) => [
        shapeIcon("ellipse", domain.colour),
        domain.label,
      ]);
      domainItems.push([shapeIcon("ellipse", state.legend.no_domain_colour), T.no_domain]);
      parts.push(...legendList(T.legend_domain, domainItems));
    } else {
      parts.push(...legendList(T.legend_kind, kinds.map(([, kind]) => [shapeIcon(kind.shape, kind.colour), kind.label])));
    }
    parts.push(
      ...legendList(T.legend_status, [
        [shapeIcon("ellipse", "#ffffff"), T.legend_active],
        [shapeIcon("ellipse", "#ffffff", "4 2"), T.legend_proposed],
        [shapeIcon("ellipse", "#ffffff", "1 2"), T.legend_wanted],
      ]),
    );
    const lines = [
      [null, T.legend_arrow],
      [null, T.legend_width],
    ];
    if (state.sizeBy !== "none") {
      const option = $("map-size").selectedOptions[0];
      lines.push([null, fmt(T.legend_size, { metric: option ? option.textContent : state.sizeBy })]);
    }
    parts.push(...legendList(T.legend_lines, lines));
    const marks = [];
    if (state.highlightWebbers) {
      marks.push([shapeIcon("ellipse", "#ffffff", null, "#6a1b9a", "5"), T.legend_webber_confirmed]);
      marks.push([shapeIcon("ellipse", "#ffffff", null, "#6a1b9a", "2.5"), T.legend_webber_candidate]);
    }
    if (state.highlightWeak) {
      marks.push([shapeIcon("ellipse", "#ffffff", null, "#c0120c", "4"), T.legend_weak_spot]);
      marks.push([null, T.legend_bridge]);
    }
    if (marks.length) parts.push(...legendList(T.legend_highlight, marks));
    legend.replaceChildren(...parts.filter((part) => part.textContent || part.childNodes.length));
  }

  function recolour() {
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const element = state.elements.get(node.data("pk"));
        if (element) node.data({ colour: colourOf(element), shape: shapeOf(element) });
      });
      if (state.colourBy === "kind") cy.nodes().removeClass("coloured");
      else cy.nodes().addClass("coloured");
    });
    renderLegend();
  }

  // ------------------------------------------------------------------------------------------
  // The side panel.

  function kindLabel(connection) {
    if (connection.kind === "custom" && connection.custom_kind) return connection.custom_kind;
    const kind = state.connectionKinds.get(connection.kind);
    return kind ? kind.label : connection.kind;
  }

  function connectionSentence(connection) {
    const source = state.elements.get(connection.source);
    const target = state.elements.get(connection.target);
    const arrow = connection.direction === "directed" ? "→" : connection.direction === "mutual" ? "↔" : "—";
    return `${source ? source.label : "?"} ${kindLabel(connection)} ${target ? target.label : "?"} ${arrow} (${fmt(T.strength, { n: connection.strength })})`;
  }

  function factRow(list, term, value) {
    if (!value) return;
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }

  function smallButton(text, hidden, onClick, extraClass) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `utrecht-button utrecht-button--secondary-action ww-button--small ${extraClass || ""}`.trim();
    button.append(document.createTextNode(text));
    if (hidden) {
      const context = document.createElement("span");
      context.className = "ww-visually-hidden";
      context.textContent = `: ${hidden}`;
      button.append(context);
    }
    button.addEventListener("click", onClick);
    return button;
  }

  function renderPanel(options = {}) {
    const panel = $("map-element-panel");
    const element = state.elements.get(state.selected);
    if (!element) {
      panel.hidden = true;
      state.selected = null;
      return;
    }
    panel.hidden = false;
    $("map-element-title").textContent = element.label;
    const facts = $("map-element-facts");
    facts.replaceChildren();
    const kind = state.kinds.get(element.kind);
    factRow(facts, T.facts_kind, kind ? kind.label : element.kind);
    factRow(facts, T.facts_status, (state.statuses.get(element.status) || {}).label);
    factRow(facts, T.facts_description, element.description);
    factRow(
      facts,
      T.facts_domains,
      element.domains.map((id) => (state.domains.get(id) || {}).label).filter(Boolean).join(", "),
    );
    factRow(facts, T.facts_tags, element.tags.join(", "));
    factRow(facts, T.facts_rhythm, element.rhythm);
    factRow(facts, T.facts_missing, element.missing_note);

    const list = $("map-connection-list");
    list.replaceChildren();
    const own = Array.from(state.connections.values()).filter(
      (connection) => connection.source === element.id || connection.target === element.id,
    );
    if (!own.length) {
      const item = document.createElement("li");
      item.textContent = T.no_connections;
      list.append(item);
    }
    own.forEach((connection) => {
      const item = document.createElement("li");
      item.className = "ww-map__connection";
      const sentence = connectionSentence(connection);
      const text = document.createElement("span");
      text.textContent = sentence;
      item.append(text);
      const other = connection.source === element.id ? connection.target : connection.source;
      const otherElement = state.elements.get(other);
      const actions = document.createElement("span");
      actions.className = "ww-map__connection-actions";
      actions.append(
        smallButton(T.show, otherElement ? otherElement.label : "", () => openElement(other, { focusHeading: true })),
      );
      if (canEdit) {
        actions.append(smallButton(T.edit, sentence, () => editConnection(connection.id)));
        actions.append(
          smallButton(T.delete, sentence, () => guarded(() => deleteConnection(connection.id, true))),
        );
      }
      item.append(actions);
      list.append(item);
    });

    if (canEdit) {
      if (!options.keepForm) fillElementForm(element);
      refreshTargetSelect();
      if (state.editingConnection && !state.connections.has(state.editingConnection)) {
        closeConnectionForm();
      }
    }
  }

  function openElement(pk, options = {}) {
    const previous = state.selected;
    state.selected = pk;
    if (canEdit && previous !== pk) {
      closeConnectionForm();
      clearErrors($("map-element-form"));
      clearErrors($("map-connect-form"));
      $("map-connect-filter").value = "";
    }
    renderPanel();
    if (cy) {
      cy.$(":selected").unselect();
      const node = cy.getElementById(`n${pk}`);
      node.select();
      if (options.center && node.nonempty() && !node.hasClass("hidden")) {
        cy.center(node);
      }
    }
    if (state.elements.has(pk)) $("map-element-select").value = String(pk);
    if (options.focusHeading) $("map-element-title").focus();
  }
  api.openElement = openElement;

  function fillElementForm(element) {
    const form = $("map-element-form");
    form.elements.label.value = element.label;
    form.elements.kind.value = element.kind;
    form.elements.status.value = element.status;
    form.elements.description.value = element.description;
    form.elements.tags.value = element.tags.join(", ");
    form.elements.rhythm.value = element.rhythm;
    form.elements.missing_note.value = element.missing_note;
    form.querySelectorAll('input[name="domains"]').forEach((box) => {
      box.checked = element.domains.includes(Number(box.value));
    });
  }

  function readElementForm(form) {
    return {
      label: form.elements.label.value.trim(),
      kind: form.elements.kind.value,
      status: form.elements.status.value,
      description: form.elements.description.value,
      domains: Array.from(form.querySelectorAll('input[name="domains"]:checked'), (box) => Number(box.value)),
      tags: form.elements.tags.value
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
      rhythm: form.elements.rhythm.value.trim(),
      missing_note: form.elements.missing_note.value,
    };
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  function closeConnectionForm() {
    const form = $("map-connection-form");
    if (!form) return;
    form.hidden = true;
    state.editingConnection = null;
  }

  function fillConnectionFields(form, connection) {
    form.elements.kind.value = connection.kind;
    form.elements.custom_kind.value = connection.custom_kind || "";
    form.elements.direction.value = connection.direction;
    form.elements.strength.value = String(connection.strength);
    form.elements.role.value = connection.role || "";
    form.elements.note.value = connection.note || "";
  }

  function readConnectionFields(form) {
    return {
      kind: form.elements.kind.value,
      custom_kind: form.elements.custom_kind.value.trim(),
      direction: form.elements.direction.value,
      strength: Number(form.elements.strength.value),
      role: form.elements.role.value,
      note: form.elements.note.value,
    };
  }

  function editConnection(pk) {
    const connection = state.connections.get(pk);
    const form = $("map-connection-form");
    if (!connection || !form) return;
    state.editingConnection = pk;
    clearErrors(form);
    fillConnectionFields(form, connection);
    $("map-connection-form-ends").textContent = connectionSentence(connection);
    form.hidden = false;
    form.elements.kind.focus();
  }

  // ------------------------------------------------------------------------------------------
  // Changes, each with its inverse on the undo stack.

  const undoStack = [];
  const undoButton = $("map-undo");
  const undoDefault = undoButton ? undoButton.textContent : "";

  function pushUndo(operation) {
    undoStack.push(operation);
    if (undoStack.length > MAX_UNDO) undoStack.shift();
    updateUndoButton();
  }

  function updateUndoButton() {
    if (!undoButton) return;
    const last = undoStack[undoStack.length - 1];
    undoButton.disabled = !last || busy;
    undoButton.textContent = last ? fmt(T.undo_button, { label: last.label }) : undoDefault;
  }

  async function undo() {
    const operation = undoStack.pop();
    if (!operation) {
      announce(T.undo_none);
      return;
    }
    try {
      await operation.undo();
      announce(fmt(T.undo_done, { label: operation.label }));
    } catch (error) {
      announce(error.message ? `${T.undo_failed} ${error.message}` : T.undo_failed, true);
    }
  }
  api.undo = () => guarded(undo);
  api.undoDepth = () => undoStack.length;

  // One change at a time: a second click waits for nothing and does nothing.
  async function guarded(action) {
    if (busy) return undefined;
    busy = true;
    updateUndoButton();
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiError) announce(error.message, true);
      else throw error;
      return undefined;
    } finally {
      busy = false;
      updateUndoButton();
    }
  }

  function addElementLocal(element, position) {
    state.elements.set(element.id, element);
    cy.add(nodeDefinition(element, position));
    state.hidden.set(`n${element.id}`, false);
    refreshLists();
    applySizes();
    applyFilters();
  }

  function applyElementLocal(element) {
    state.elements.set(element.id, element);
    const node = cy.getElementById(`n${element.id}`);
    node.data({ label: element.label, colour: colourOf(element), shape: shapeOf(element) });
    const kindClasses = Array.from(state.kinds.keys(), (kind) => `k-${kind}`).join(" ");
    node.removeClass(`${kindClasses} status-active status-proposed status-wanted`);
    node.addClass(nodeClasses(element));
    refreshLists();
    applyFilters();
    if (state.selected === element.id) renderPanel();
  }

  function removeElementLocal(pk) {
    Array.from(state.connections.values()).forEach((connection) => {
      if (connection.source === pk || connection.target === pk) removeConnectionLocal(connection.id, true);
    });
    state.elements.delete(pk);
    const node = cy.getElementById(`n${pk}`);
    state.hidden.delete(node.id());
    cy.remove(node);
    dirty.delete(pk);
    if (state.focus && state.focus.pk === pk) state.focus = null;
    if (state.selected === pk) {
      state.selected = null;
      renderPanel();
    }
    refreshLists();
    applySizes();
    applyFilters();
  }

  function addConnectionLocal(connection) {
    state.connections.set(connection.id, connection);
    cy.add(edgeDefinition(connection));
    state.hidden.set(`c${connection.id}`, false);
    applySizes();
    applyFilters();
    if (state.selected === connection.source || state.selected === connection.target) {
      renderPanel({ keepForm: true });
    }
  }

  function applyConnectionLocal(connection) {
    state.connections.set(connection.id, connection);
    const edge = cy.getElementById(`c${connection.id}`);
    edge.data({ strength: connection.strength });
    edge.classes(edgeDefinition(connection).classes);
    state.hidden.delete(edge.id());
    applySizes();
    applyFilters();
    renderPanel({ keepForm: true });
  }

  function removeConnectionLocal(pk, quiet) {
    state.connections.delete(pk);
    const edge = cy.getElementById(`c${pk}`);
    state.hidden.delete(edge.id());
    cy.remove(edge);
    if (state.editingConnection === pk) closeConnectionForm();
    if (!quiet) {
      applySizes();
      applyFilters();
      renderPanel({ keepForm: true });
    }
  }

  function elementPayload(element) {
    const payload = {};
    ELEMENT_FIELDS.forEach((name) => {
      payload[name] = element[name];
    });
    if (element.organisation) payload.organisation = element.organisation;
    if (element.person) payload.person = element.person;
    return payload;
  }

  function connectionPayload(connection) {
    const payload = { source: live("n", connection.source), target: live("n", connection.target), status: connection.status, tags: connection.tags };
    CONNECTION_FIELDS.forEach((name) => {
      payload[name] = connection[name];
    });
    return payload;
  }

  async function createElement(fields, record) {
    const data = await send(urls.elementCreate, fields);
    addElementLocal(data.element, data.position);
    if (record) {
      const pk = data.element.id;
      pushUndo({
        label: fmt(T.op_create, { label: data.element.label }),
        undo: () => deleteElement(pk, false),
      });
    }
    return data.element;
  }

  async function updateElement(pk, fields, record) {
    const current = live("n", pk);
    const element = state.elements.get(current);
    const before = {};
    Object.keys(fields).forEach((name) => {
      before[name] = element[name];
    });
    const data = await send(urlFor(urls.elementUpdate, current), fields);
    applyElementLocal(data.element);
    if (record) {
      pushUndo({
        label: fmt(T.op_update, { label: element.label }),
        undo: () => updateElement(current, before, false),
      });
    }
    return data.element;
  }

  async function deleteElement(pk, record) {
    const current = live("n", pk);
    const element = state.elements.get(current);
    if (!element) return;
    const node = cy.getElementById(`n${current}`);
    const position = node.nonempty() ? [node.position("x"), node.position("y")] : null;
    const connections = Array.from(state.connections.values()).filter(
      (connection) => connection.source === current || connection.target === current,
    );
    await send(urlFor(urls.elementDelete, current));
    removeElementLocal(current);
    if (record) {
      pushUndo({
        label: fmt(T.op_delete, { label: element.label }),
        undo: () => restoreElement(element, position, connections),
      });
      announce(fmt(T.deleted, { label: element.label }));
    }
  }

  async function restoreElement(element, position, connections) {
    const fields = elementPayload(element);
    if (position) {
      fields.x = position[0];
      fields.y = position[1];
    }
    const created = await createElement(fields, false);
    alias.n.set(element.id, created.id);
    for (const connection of connections) {
      await restoreConnection(connection);
    }
    openElement(created.id);
  }

  async function restoreConnection(connection) {
    const data = await send(urls.connectionCreate, connectionPayload(connection));
    alias.c.set(connection.id, data.connection.id);
    addConnectionLocal(data.connection);
  }

  async function createConnection(fields, record) {
    const data = await send(urls.connectionCreate, fields);
    addConnectionLocal(data.connection);
    if (record) {
      const pk = data.connection.id;
      pushUndo({ label: T.op_connect, undo: () => deleteConnection(pk, false) });
    }
    return data.connection;
  }

  async function updateConnection(pk, fields, record) {
    const current = live("c", pk);
    const connection = state.connections.get(current);
    const before = {};
    Object.keys(fields).forEach((name) => {
      before[name] = connection[name];
    });
    const data = await send(urlFor(urls.connectionUpdate, current), fields);
    applyConnectionLocal(data.connection);
    if (record) {
      pushUndo({ label: T.op_connection_update, undo: () => updateConnection(current, before, false) });
    }
    return data.connection;
  }

  async function deleteConnection(pk, record) {
    const current = live("c", pk);
    const connection = state.connections.get(current);
    if (!connection) return;
    await send(urlFor(urls.connectionDelete, current));
    removeConnectionLocal(current);
    if (record) {
      pushUndo({ label: T.op_connection_delete, undo: () => restoreConnection(connection) });
      announce(T.connection_deleted);
    }
  }

  // Dragging: the positions before the drag are the inverse of the move.
  const dragStart = new Map();
  let dragTimer = null;

  function finishDrag() {
    const before = {};
    let moved = false;
    dragStart.forEach((position, pk) => {
      const node = cy.getElementById(`n${pk}`);
      if (node.empty()) return;
      if (node.position("x") !== position[0] || node.position("y") !== position[1]) {
        before[pk] = position;
        markDirty(pk);
        moved = true;
      }
    });
    dragStart.clear();
    if (moved) pushUndo({ label: T.op_move, undo: () => setPositions(before) });
  }

  // ------------------------------------------------------------------------------------------
  // Export.

  function download(blob, filename) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    setTimeout(() => {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 2000);
  }

  function exportPng() {
    const box = cy.elements().not(".hidden").boundingBox();
    const scale = Math.max(0.25, Math.min(2, 4000 / Math.max(box.w || 1, box.h || 1)));
    const blob = cy.png({ output: "blob", bg: "#ffffff", full: true, scale });
    download(blob, `netwerkkaart-${root.dataset.filename}.png`);
  }

  async function exportSvg() {
    await loadScripts(root.dataset.scriptsSvg);
    const svg = cy.svg({ full: true, bg: "#ffffff", scale: 1 });
    download(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }), `netwerkkaart-${root.dataset.filename}.svg`);
  }

  // ------------------------------------------------------------------------------------------
  // Wiring the controls.

  function newElementPosition() {
    if (state.selected) {
      const node = cy.getElementById(`n${state.selected}`);
      if (node.nonempty()) return [node.position("x") + 90, node.position("y") + 40];
    }
    const extent = cy.extent();
    const jitter = () => (Math.random() - 0.5) * 60;
    return [(extent.x1 + extent.x2) / 2 + jitter(), (extent.y1 + extent.y2) / 2 + jitter()];
  }

  function wireControls() {
    const filters = $("map-filters");
    filters.addEventListener("change", (event) => {
      if (event.target.id === "map-colour") {
        state.colourBy = event.target.value;
        recolour();
      } else if (event.target.name === "highlight") {
        state.highlightWebbers = $("map-highlight-webbers").checked;
        state.highlightWeak = $("map-highlight-weak").checked;
        applyHighlights();
      } else if (event.target.id === "map-size") {
        state.sizeBy = event.target.value;
        applySizes();
        renderLegend();
      } else {
        applyFilters();
      }
    });
    $("map-reset").addEventListener("click", () => {
      filters.querySelectorAll('input[type="checkbox"]:not([name="highlight"])').forEach((box) => {
        box.checked = true;
      });
      $("map-domain").value = "";
      $("map-tag").value = "";
      applyFilters();
      fitVisible();
    });
    $("map-search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      search($("map-search").value);
    });
    $("map-focus-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const pk = Number($("map-element-select").value);
      if (!pk) return;
      focusOn(pk, Number($("map-steps").value));
      openElement(pk);
    });
    $("map-open").addEventListener("click", () => {
      const pk = Number($("map-element-select").value);
      if (pk) openElement(pk, { focusHeading: true, center: true });
    });
    $("map-unfocus").addEventListener("click", unfocus);
    $("map-fit").addEventListener("click", () => fitVisible());
    const zoomBy = (factor) =>
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    $("map-zoom-in").addEventListener("click", () => zoomBy(1.25));
    $("map-zoom-out").addEventListener("click", () => zoomBy(0.8));
    $("map-layout").addEventListener("click", () => guarded(relayout));
    $("map-png").addEventListener("click", () => {
      try {
        exportPng();
      } catch (error) {
        announce(T.png_failed, true);
      }
    });
    $("map-svg").addEventListener("click", () => {
      exportSvg().catch(() => announce(T.png_failed, true));
    });

    cy.on("tap", "node", (event) => openElement(event.target.data("pk")));
    cy.on("tap", "edge", (event) => {
      const connection = state.connections.get(event.target.data("pk"));
      if (connection) openElement(connection.source);
    });

    if (!canEdit) return;

    undoButton.addEventListener("click", () => guarded(undo));
    cy.on("grab", "node", (event) => {
      const node = event.target;
      if (!dragStart.has(node.data("pk"))) {
        dragStart.set(node.data("pk"), [node.position("x"), node.position("y")]);
      }
    });
    cy.on("free", "node", () => {
      clearTimeout(dragTimer);
      dragTimer = setTimeout(finishDrag, 0);
    });

    const newForm = $("map-new-form");
    newForm.addEventListener("submit", (event) => {
      event.preventDefault();
      guarded(async () => {
        const [x, y] = newElementPosition();
        const domain = newForm.elements.domains ? newForm.elements.domains.value : "";
        const fields = {
          label: newForm.elements.label.value.trim(),
          kind: newForm.elements.kind.value,
          status: newForm.elements.status.value,
          domains: domain ? [Number(domain)] : [],
          x,
          y,
        };
        try {
          const element = await createElement(fields, true);
          clearErrors(newForm);
          newForm.elements.label.value = "";
          openElement(element.id);
          announce(fmt(T.added, { label: element.label }));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showErrors(newForm, error);
        }
      });
    });

    const elementForm = $("map-element-form");
    elementForm.addEventListener("submit", (event) => {
      event.preventDefault();
      guarded(async () => {
        const element = state.elements.get(state.selected);
        if (!element) return;
        const values = readElementForm(elementForm);
        const changes = {};
        Object.entries(values).forEach(([name, value]) => {
          if (!same(value, element[name])) changes[name] = value;
        });
        clearErrors(elementForm);
        if (!Object.keys(changes).length) {
          announce(T.saved);
          return;
        }
        try {
          await updateElement(element.id, changes, true);
          announce(T.saved);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showErrors(elementForm, error);
        }
      });
    });
    $("map-element-delete").addEventListener("click", () => {
      if (state.selected) guarded(() => deleteElement(state.selected, true));
    });

    const connectionForm = $("map-connection-form");
    connectionForm.addEventListener("submit", (event) => {
      event.preventDefault();
      guarded(async () => {
        const connection = state.connections.get(state.editingConnection);
        if (!connection) return;
        const values = readConnectionFields(connectionForm);
        const changes = {};
        Object.entries(values).forEach(([name, value]) => {
          if (!same(value, connection[name])) changes[name] = value;
        });
        clearErrors(connectionForm);
        if (!Object.keys(changes).length) {
          closeConnectionForm();
          return;
        }
        try {
          await updateConnection(connection.id, changes, true);
          closeConnectionForm();
          announce(T.saved);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showErrors(connectionForm, error);
        }
      });
    });
    $("map-connection-cancel").addEventListener("click", closeConnectionForm);

    const connectForm = $("map-connect-form");
    $("map-connect-filter").addEventListener("input", refreshTargetSelect);
    connectForm.addEventListener("submit", (event) => {
      event.preventDefault();
      guarded(async () => {
        const fields = Object.assign(readConnectionFields(connectForm), {
          source: state.selected,
          target: Number(connectForm.elements.target.value) || null,
        });
        try {
          await createConnection(fields, true);
          clearErrors(connectForm);
          const target = state.elements.get(fields.target);
          announce(fmt(T.connected, { label: target ? target.label : "" }));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showErrors(connectForm, error);
        }
      });
    });

    // Whatever is still waiting when the page closes.
    window.addEventListener("pagehide", () => flushPositions({ keepalive: true }));
  }

  // ------------------------------------------------------------------------------------------
  // Start.

  function afterRender() {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        requestAnimationFrame(() => resolve());
      };
      cy.one("render", finish);
      setTimeout(finish, 3000);
    });
  }

  async function start() {
    let data;
    try {
      const response = await fetch(urls.data, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      timings.dataResponse = performance.now();
      data = await response.json();
      timings.dataParsed = performance.now();
    } catch (error) {
      $("map-summary").textContent = T.loading_failed;
      announce(T.loading_failed, true);
      timings.error = String(error);
      root.dataset.ready = JSON.stringify(timings);
      resolveReady(timings);
      return;
    }
    timings.dataLoaded = performance.now();

    state.legend = data.legend;
    data.legend.kinds.forEach((kind) => state.kinds.set(kind.value, kind));
    data.legend.statuses.forEach((status) => state.statuses.set(status.value, status));
    data.legend.connection_kinds.forEach((kind) => state.connectionKinds.set(kind.value, kind));
    data.legend.domains.forEach((domain) => state.domains.set(domain.id, domain));
    // kaart.json leaves out fields that have their default value.
    const defaults = data.defaults || { element: {}, connection: {} };
    const complete = (row, fields) => {
      Object.entries(fields).forEach(([name, value]) => {
        if (!(name in row)) row[name] = Array.isArray(value) ? [] : value;
      });
      return row;
    };
    data.elements.forEach((element) => state.elements.set(element.id, complete(element, defaults.element)));
    data.connections.forEach((connection) =>
      state.connections.set(connection.id, complete(connection, defaults.connection)),
    );
    state.large = data.elements.length > LARGE || data.connections.length > 3 * LARGE;
    state.labels = !state.large;

    const positions = data.positions || {};
    const missing = data.elements.filter((element) => !positions[element.id]).map((element) => element.id);
    // A large map that was arranged before: the elements in the first frame, the connections
    // in the next one. Most of a frame goes to working out the style of every element, and
    // there are three times as many connections as elements.
    const edgesLater = state.large && !missing.length;
    cy = window.cytoscape({
      container: $("map-canvas"),
      elements: [
        ...data.elements.map((element) => nodeDefinition(element, positions[element.id])),
        ...(edgesLater ? [] : data.connections.map(edgeDefinition)),
      ],
      style: styles(),
      layout: { name: "preset", fit: false },
      minZoom: 0.05,
      maxZoom: 4,
      autoungrabify: !canEdit,
      boxSelectionEnabled: false,
      selectionType: "single",
      hideEdgesOnViewport: state.large,
      textureOnViewport: state.large,
      motionBlur: false,
      pixelRatio: state.large ? 1 : "auto",
    });
    cy.on("zoom", updateLabels);
    api.cy = cy;
    timings.created = performance.now();

    if (missing.length) {
      timings.layout = missing.length === data.elements.length ? "fresh" : "partial";
      if (missing.length === data.elements.length) {
        await runLayout(cy.elements(), fcoseOptions(data.elements.length));
      } else {
        await placeMissing(missing);
      }
      missing.forEach((pk) => markDirty(pk));
    } else {
      timings.layout = "saved";
    }
    timings.layoutDone = performance.now();

    cy.elements().forEach((item) => state.hidden.set(item.id(), false));
    // On a large map the choice lists (thousands of options) wait until the first frame.
    if (!state.large) refreshLists();
    timings.lists = performance.now();
    if (state.sizeBy !== "none") applySizes();
    applyFilters();
    timings.filters = performance.now();
    fitVisible();
    timings.fit = performance.now();
    renderLegend();
    wireControls();
    timings.controls = performance.now();
    await afterRender();
    timings.firstRender = performance.now();
    if (state.large) refreshLists();
    if (edgesLater) {
      const edges = cy.add(data.connections.map(edgeDefinition));
      edges.forEach((edge) => state.hidden.set(edge.id(), false));
      applyFilters();
      await afterRender();
      timings.edgesDrawn = performance.now();
    }
    root.dataset.ready = JSON.stringify(timings);
    resolveReady(timings);
    // A promise, so that a test or benchmark can wait until the analysis is in.
    api.analysis = loadAnalysis();
  }

  start();
})();
