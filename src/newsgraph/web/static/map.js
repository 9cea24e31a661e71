// Map: the world outline (TopoJSON shipped with the app), countries shaded by events, places
// as circles. Equirectangular projection; no tiles, nothing fetched from outside.
"use strict";
(() => {
  const box = document.getElementById("map");
  const WIDTH = 1000, HEIGHT = 500;
  const project = ([lon, lat]) => [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];

  // A ring that crosses the antimeridian (Chukotka, Fiji) is drawn whole on the side where
  // most of it lies; the part beyond the edge is clipped instead of smeared across the map.
  function unwrap(ring) {
    const jumps = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
    if (!jumps || ring.some((p) => p[1] < -85)) return ring; // Antarctica's ring circles the pole
    const east = ring.reduce((sum, p) => sum + p[0], 0) > 0;
    return ring.map(([lon, lat]) => [east && lon < 0 ? lon + 360 : !east && lon > 0 ? lon - 360 : lon, lat]);
  }

  function path(geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map((rings) => rings.map((ring) =>
      "M" + unwrap(ring).map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("")).join("");
  }

  async function draw() {
    const [world, data] = await Promise.all([
      ng.json("/static/vendor/world-atlas/countries-110m.json"), ng.json("/api/map")]);
    const byNumeric = new Map(data.countries.filter((c) => c.numeric).map((c) => [c.numeric, c]));
    const most = Math.max(1, ...data.countries.map((c) => c.events));
    const svg = ng.svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: "100%", class: "map-svg" });
    for (const feature of topojson.feature(world, world.objects.countries).features) {
      if (!feature.geometry) continue;
      const country = byNumeric.get(String(feature.id).padStart(3, "0"));
      const share = country && country.events ? Math.log1p(country.events) / Math.log1p(most) : 0;
      const shape = ng.svg("path", { d: path(feature.geometry), class: "country",
        fill: share ? `rgba(182, 82, 59, ${0.15 + 0.75 * share})` : "#eceff1" });
      const title = ng.svg("title");
      title.textContent = country ? `${country.name}: ${country.events} events, ${country.actors} actors` : feature.properties.name;
      shape.append(title);
      if (country) {
        shape.dataset.country = country.country;
        shape.addEventListener("click", () => { window.location.href = `/events?country=${country.country}`; });
      }
      svg.append(shape);
    }
    for (const place of data.places.sort((a, b) => b.mentions - a.mentions)) {
      const [cx, cy] = project([place.longitude, place.latitude]);
      const dot = ng.svg("circle", { cx, cy, r: 2 + 2 * Math.sqrt(place.mentions + place.events), class: "place",
        "data-place": place.id });
      const title = ng.svg("title");
      title.textContent = `${place.name}: ${place.mentions} mentions, ${place.events} events here`;
      dot.append(title);
      dot.addEventListener("click", () => { window.location.href = ng.actorUrl(place.id); });
      svg.append(dot);
    }
    box.replaceChildren(svg);
    box.dataset.ready = String(data.places.length);
  }
  draw().catch((error) => box.replaceChildren(ng.el("p", { class: "error" }, String(error))));
})();
