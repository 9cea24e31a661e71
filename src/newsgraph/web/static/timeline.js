// Timeline: dated events on a time axis, one row per event type (or per source actor).
"use strict";
(() => {
  const box = document.getElementById("timeline");
  const detail = document.getElementById("timeline-detail");
  const rowsBy = new URLSearchParams(window.location.search).get("rows") || "type";
  document.querySelector("select[name=rows]").value = rowsBy;
  const WIDTH = 1000, ROW = 26, LEFT = 170, TOP = 24;

  // Event dates may be a year, a month or a day: place each at its start.
  const parse = (date) => {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || "");
    return m ? Date.UTC(Number(m[1]), Number(m[2] || 1) - 1, Number(m[3] || 1)) : null;
  };

  function show(event) {
    detail.replaceChildren(
      ng.el("h2", {}, `${event.type} · ${event.date}`),
      ng.el("p", {}, `${event.source.join(", ") || "?"} → ${event.target.join(", ") || "?"} (${event.modality})`),
      ng.evidenceList([{ ...event.evidence, url: event.evidence_url }]),
    );
    detail.dataset.event = event.id;
  }

  async function draw() {
    const query = new URLSearchParams();
    if (box.dataset.actor) query.set("actor", box.dataset.actor);
    if (box.dataset.type) query.set("type", box.dataset.type);
    const events = (await ng.json(`/api/timeline?${query}`)).filter((e) => parse(e.date) !== null);
    if (!events.length) {
      box.replaceChildren(ng.el("p", { class: "empty" }, "No dated events."));
      box.dataset.ready = "0";
      return;
    }
    const key = (e) => (rowsBy === "actor" ? e.source[0] || "?" : e.type);
    const counts = new Map();
    for (const e of events) counts.set(key(e), (counts.get(key(e)) || 0) + 1);
    const rows = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a)).slice(0, 40);
    const times = events.map((e) => parse(e.date));
    let low = Math.min(...times), high = Math.max(...times);
    if (high === low) { low -= 15 * 86400000; high += 15 * 86400000; }
    const x = (t) => LEFT + ((t - low) / (high - low)) * (WIDTH - LEFT - 50);
    const height = TOP + rows.length * ROW + 10;
    const svg = ng.svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", class: "timeline-svg" });
    rows.forEach((row, i) => {
      const y = TOP + i * ROW + ROW / 2;
      const text = ng.svg("text", { x: LEFT - 8, y: y + 4, "text-anchor": "end", class: "row-label" });
      text.textContent = `${row} (${counts.get(row)})`;
      svg.append(ng.svg("line", { x1: LEFT, x2: WIDTH - 20, y1: y, y2: y, class: "row-line" }), text);
    });
    const firstYear = new Date(low).getUTCFullYear(), lastYear = new Date(high).getUTCFullYear();
    const monthly = lastYear - firstYear < 2;
    for (let year = firstYear; year <= lastYear; year++) {
      for (let month = 0; month < (monthly ? 12 : 1); month++) {
        const t = Date.UTC(year, month, 1);
        if (t < low || t > high) continue;
        const tick = ng.svg("text", { x: x(t), y: 14, "text-anchor": "middle", class: "tick" });
        tick.textContent = monthly ? `${year}-${String(month + 1).padStart(2, "0")}` : String(year);
        svg.append(ng.svg("line", { x1: x(t), x2: x(t), y1: 18, y2: height, class: "grid" }), tick);
      }
    }
    for (const event of events) {
      const row = rows.indexOf(key(event));
      if (row < 0) continue;
      const dot = ng.svg("circle", { cx: x(parse(event.date)), cy: TOP + row * ROW + ROW / 2, r: 5,
        class: `dot event-${event.type.toLowerCase()}`, tabindex: "0", "data-event": event.id });
      const title = ng.svg("title");
      title.textContent = `${event.date} ${event.type}: ${event.source.join(", ")} → ${event.target.join(", ")}`;
      dot.append(title);
      dot.addEventListener("click", () => show(event));
      dot.addEventListener("keydown", (k) => { if (k.key === "Enter") show(event); });
      svg.append(dot);
    }
    box.replaceChildren(svg);
    box.dataset.ready = String(events.length);
  }
  draw().catch((error) => box.replaceChildren(ng.el("p", { class: "error" }, String(error))));
})();
