"""The web UI in a real browser (Debian's headless Chromium through Playwright): what only a
browser shows — clicks, scripts that must run (network, timeline, map) and scripts that must not
(a document's own). Screenshots go to the `screenshots` folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import WEB_ARTICLE

TIMEOUT = 20_000


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")


def _read_lavrov_threat(page: Any, base: str, title: str, screenshots: Path, tag: str) -> None:
    """Reader -> click Lavrov -> dossier -> click his threat's evidence -> that sentence."""
    _open(page, f"{base}/documents")
    page.get_by_role("link", name=title).first.click()
    page.wait_for_selector("#article")
    assert page.locator("#article a.fact.entity").count() > 5
    assert page.locator("#article a.fact.event").count() >= 2
    page.screenshot(path=str(screenshots / f"{tag}-reader.png"), full_page=True)

    page.locator('#article a[data-entity="person:sergei-lavrov"]').first.click()
    page.wait_for_url(re.compile(r"/actors/person:sergei-lavrov$"))
    assert "Sergei Lavrov" in page.locator("h1").inner_text()
    page.screenshot(path=str(screenshots / f"{tag}-dossier.png"), full_page=True)

    # the Wikinews-trained tagger doubts "warned" as a threat: the dossier hides it, says so
    page.locator("#show-doubted").click()
    page.wait_for_url(re.compile(r"/actors/person:sergei-lavrov\?min_confidence=0$"))
    threat = page.locator("#events-source tr.event", has_text="THREATEN").first
    sentence = threat.locator("a.evidence-link").inner_text().strip("“”")
    threat.locator("a.evidence-link").click()
    page.wait_for_url(re.compile(r"/documents/doc_\w+\?span=\d+-\d+#evidence$"))
    marked = page.locator("mark#evidence")
    assert marked.is_visible()
    assert marked.inner_text() == sentence and "warned" in sentence
    top, bottom = marked.evaluate(
        "m => [m.getBoundingClientRect().top, m.getBoundingClientRect().bottom]"
    )
    assert top > 0 and bottom < page.viewport_size["height"]  # scrolled into view
    page.screenshot(path=str(screenshots / f"{tag}-evidence.png"))
    assert not page.errors


def test_reader_to_dossier_to_evidence(page: Any, live_app: str, screenshots: Path) -> None:
    title = WEB_ARTICLE.splitlines()[0]
    _read_lavrov_threat(page, live_app, title, screenshots, "web")


def test_seed_article_reader_dossier_evidence(
    page: Any, seed_live_app: str, screenshots: Path
) -> None:
    title = "Russia Steps Deeper Into the Venezuelan Battleground"
    _read_lavrov_threat(page, seed_live_app, title, screenshots, "seed")
    broken = page.locator("#article .citation.broken")
    assert broken.count() == 2  # "(, April 30)" and "(, May 1)" name no outlet


def test_document_scripts_never_run(page: Any, live_app: str, screenshots: Path) -> None:
    _open(page, f"{live_app}/documents?q=banners")
    assert "<script>" in page.locator("table.documents").inner_text()  # the title, as text
    page.locator("table.documents a").first.click()
    page.wait_for_selector("#article")
    text = page.locator("#article").inner_text()
    assert '<script>window.__xss = "body"; alert(1)</script>' in text
    assert "onerror=\"window.__xss = 'img'\"" in text
    assert page.locator("#article script, #article img, #article b").count() == 0
    page.locator("#article").hover()
    _open(page, f"{live_app}/events")
    _open(page, f"{live_app}/actors")
    page.screenshot(path=str(screenshots / "hostile-actors.png"))
    assert page.evaluate("() => window.__xss") is None
    assert page.dialogs == [] and page.errors == []


def test_reader_legend_hides_a_kind(page: Any, live_app: str) -> None:
    _open(page, f"{live_app}/documents?q=gravest")
    page.locator("table.documents a").first.click()
    entity = page.locator("#article a.fact.entity").first
    colour = entity.evaluate("e => getComputedStyle(e).backgroundColor")
    page.locator('#legend input[data-kind="entity"]').uncheck()
    assert entity.evaluate("e => getComputedStyle(e).backgroundColor") != colour
    page.locator("#article .quote").first.click(position={"x": 3, "y": 5})
    assert page.evaluate("() => location.hash").startswith("#fact-quote-")


def test_network_as_of_slider_edges_and_nodes(page: Any, live_app: str, screenshots: Path) -> None:
    _open(page, f"{live_app}/network")
    page.wait_for_selector("body[data-network-ready]:not([data-network-ready=''])", timeout=TIMEOUT)
    edges = page.evaluate("() => newsgraphNetwork.edges().length")
    assert page.evaluate("() => newsgraphNetwork.nodes().length") >= 6 and edges >= 6
    page.screenshot(path=str(screenshots / "network.png"))

    _click_element(page, "edges().filter(e => e.data('label') === 'supports')[0]")
    panel = page.locator("#edge-panel")
    panel.locator("a.evidence-link").first.wait_for()
    assert "supports" in panel.inner_text()

    page.locator("#as-of").focus()
    page.keyboard.press("Home")  # the earliest day: only what had happened by then
    page.wait_for_function("() => document.body.dataset.networkReady !== ''", timeout=TIMEOUT)
    page.wait_for_function(f"() => newsgraphNetwork.edges().length < {edges}", timeout=TIMEOUT)
    assert page.locator("#as-of-label").inner_text() != "all dates"
    page.screenshot(path=str(screenshots / "network-as-of.png"))

    page.keyboard.press("End")
    page.wait_for_function(f"() => newsgraphNetwork.edges().length === {edges}", timeout=TIMEOUT)
    _click_element(page, "getElementById('person:sergei-lavrov')")
    page.wait_for_url(re.compile(r"/actors/person:sergei-lavrov$"))
    assert not page.errors


def _click_element(page: Any, selector: str) -> None:
    """A real mouse click where cytoscape drew a node (its centre) or an edge (its midpoint)."""
    x, y = page.evaluate(
        f"""() => {{
          const el = newsgraphNetwork.{selector};
          const p = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
          const box = document.getElementById('graph').getBoundingClientRect();
          return [box.left + p.x, box.top + p.y];
        }}"""
    )
    page.mouse.click(x, y)


def test_timeline_dot_opens_its_evidence(page: Any, live_app: str, screenshots: Path) -> None:
    _open(page, f"{live_app}/timeline")
    page.wait_for_selector("#timeline[data-ready]", timeout=TIMEOUT)
    dots = page.locator("#timeline circle.dot")
    assert dots.count() >= 5
    labels = page.locator("#timeline text.row-label").all_text_contents()
    assert any(label.startswith("THREATEN") for label in labels)
    page.screenshot(path=str(screenshots / "timeline.png"))
    dots.first.click()
    link = page.locator("#timeline-detail a.evidence-link")
    link.wait_for()
    link.click()
    page.wait_for_selector("mark#evidence")

    _open(page, f"{live_app}/timeline?actor=Lavrov&rows=actor")
    page.wait_for_selector("#timeline[data-ready]", timeout=TIMEOUT)
    assert page.locator("#timeline circle.dot").count() >= 2
    assert not page.errors


def test_map_draws_the_world_offline(page: Any, live_app: str, screenshots: Path) -> None:
    _open(page, f"{live_app}/map")
    page.wait_for_selector("#map[data-ready]", timeout=TIMEOUT)
    assert page.locator("#map path.country").count() > 150
    assert page.locator('#map path.country[data-country="RUS"]').count() == 1
    page.screenshot(path=str(screenshots / "map.png"))
    page.locator('#map circle.place[data-place="place:caracas"]').click()
    page.wait_for_url(re.compile(r"/actors/place:caracas$"))
    assert not page.errors
