// Shared helpers. Data from the knowledge base is never parsed as HTML: elements are built
// with createElement and filled with textContent.
"use strict";
window.ng = {
  el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },
  svg(tag, attributes) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    return node;
  },
  async json(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  },
  // Entity ids are "type:slug": keep the colon readable, encode anything else.
  actorUrl(id) {
    return `/actors/${encodeURIComponent(id).replace(/%3A/g, ":")}`;
  },
  evidenceList(evidence) {
    const list = ng.el("ul", { class: "plain" });
    for (const ev of evidence) {
      list.append(ng.el("li", {}, ng.el("a", { href: ev.url, class: "evidence-link" }, `“${ev.text}”`)));
    }
    return list;
  },
};
