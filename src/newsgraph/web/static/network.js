// Network: actors and their alignment and event edges as of the slider's date (cytoscape.js).
"use strict";
(() => {
  const form = document.getElementById("network-controls");
  const slider = document.getElementById("as-of");
  const label = document.getElementById("as-of-label");
  const panel = document.getElementById("edge-panel");
  const DAY = 86400000;
  const low = form.dataset.low ? Date.parse(form.dataset.low) : null;
  const high = form.dataset.high ? Date.parse(form.dataset.high) : null;
  if (low !== null && high !== null) {
    slider.max = String(Math.round((high - low) / DAY));
    slider.value = slider.max;
  } else {
    slider.disabled = true;
  }
  const asOf = () => (low === null ? "" : new Date(low + Number(slider.value) * DAY).toISOString().slice(0, 10));
  const COLORS = { person: "#3b6fb6", state: "#b6523b", organization: "#6b8e23", armed_force: "#7a4b9a",
    group: "#c98b1c", media: "#2a9d8f", weapon: "#555", place: "#8d6e63" };
  const EDGE_COLORS = { supports: "#2e7d32", recognizes: "#1565c0", opposes: "#c62828", allied_with: "#2e7d32",
    loyal_to: "#6a1b9a", supplies_arms_to: "#ef6c00", leads: "#455a64", commands: "#455a64" };

  const cy = cytoscape({
    container: document.getElementById("graph"),
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { label: "data(name)", "font-size": 10, "text-valign": "bottom",
        "background-color": "data(color)", width: "data(size)", height: "data(size)" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.75 } },
      { selector: "edge.event", style: { "line-style": "dashed" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#111", "line-color": "#111" } },
    ],
  });
  window.newsgraphNetwork = cy;

  function parameters() {
    const query = new URLSearchParams();
    for (const box of form.querySelectorAll("input[name=relation]:checked")) query.append("relation", box.value);
    if (!form.querySelector("input[name=relation]:checked")) query.append("relation", "none");
    query.set("events", form.elements.events.checked ? "true" : "false");
    if (form.elements.event_type.value) query.set("event_type", form.elements.event_type.value);
    query.set("max_nodes", form.elements.max_nodes.value || "80");
    const date = slider.value === slider.max ? "" : asOf();
    if (date) query.set("as_of", date);
    label.textContent = date || "all dates";
    return query;
  }

  async function load() {
    document.body.dataset.networkReady = "";
    const graph = await ng.json(`/api/network?${parameters()}`);
    const elements = graph.nodes.map((n) => ({ group: "nodes", data: { id: n.id, name: n.name, type: n.type,
      color: COLORS[n.type] || "#999", size: 12 + 6 * Math.sqrt(n.degree) } }));
    for (const e of graph.edges) {
      elements.push({ group: "edges", classes: e.kind, data: { id: e.id, source: e.source, target: e.target,
        label: e.label, kind: e.kind, count: e.count, date: e.date, evidence: e.evidence,
        color: e.kind === "event" ? "#90a4ae" : EDGE_COLORS[e.label] || "#607d8b", width: 1 + Math.log2(1 + e.count) } });
    }
    cy.elements().remove();
    cy.add(elements);
    const layout = cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000 });
    layout.one("layoutstop", () => { document.body.dataset.networkReady = String(graph.nodes.length); });
    layout.run();
  }

  cy.on("tap", "node", (event) => { window.location.href = ng.actorUrl(event.target.id()); });
  cy.on("tap", "edge", (event) => {
    const d = event.target.data();
    const source = cy.getElementById(d.source).data("name");
    const target = cy.getElementById(d.target).data("name");
    panel.replaceChildren(
      ng.el("h2", {}, `${source} — ${d.label.replace(/_/g, " ")} → ${target}`),
      ng.el("p", {}, d.kind === "event" ? `${d.count} event(s), latest ${d.date || "undated"}` : `alignment${d.date ? ` since ${d.date}` : ""}`),
      ng.evidenceList(d.evidence),
    );
    panel.dataset.edge = d.id;
  });

  let timer = null;
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  load();
})();
