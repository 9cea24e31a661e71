// Reader: the legend's checkboxes show or hide each kind of highlight; clicking a quote or a
// citation in the text (outside a nested link) jumps to its entry in the facts panel.
"use strict";
(() => {
  const article = document.getElementById("article");
  for (const box of document.querySelectorAll("#legend input[data-kind]")) {
    box.addEventListener("change", () => article.classList.toggle(`show-${box.dataset.kind}`, box.checked));
  }
  article.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    const fact = event.target.closest("[data-fact]");
    if (fact) window.location.hash = fact.dataset.fact;
  });
  const target = document.getElementById("evidence");
  // Centre the evidence span (the browser's own jump to #evidence puts it at the very top,
  // or misses when the layout is still settling).
  if (target && ["", "#evidence"].includes(window.location.hash)) {
    window.addEventListener("load", () => target.scrollIntoView({ block: "center" }));
  }
})();
