"""Page load times of the web UI over a knowledge base, served by uvicorn as `newsgraph serve`
does, measured over HTTP (server time + transfer) and, with --browser, in headless Chromium
until the interactive pages have drawn (network, timeline, map).

    newsgraph ingest --db wikinews.db ../shared/corpus/wikinews_2019_2020.jsonl
    python benchmarks/web_pages.py wikinews.db --browser

Prints one row per page: median and slowest of --repeat loads after one warm-up, and size.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import threading
import time
from urllib.parse import quote

import httpx
import uvicorn

from newsgraph.store import browse, queries
from newsgraph.store.db import open_database
from newsgraph.web import create_app

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="SQLite file or postgresql:// URL of a knowledge base")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time pages in Chromium")
    args = parser.parse_args()
    engine = open_database(args.db)
    counts = queries.counts(engine)
    print(f"knowledge base {args.db}: " + ", ".join(f"{n:,} {k}" for k, n in counts.items()))
    base, server = _serve(engine)
    pages = _pages(engine)
    print(f"\n{'page':58} {'median ms':>9} {'max ms':>7} {'KB':>7}")
    with httpx.Client(base_url=base, timeout=120) as client:
        for label, url in pages:
            client.get(url).raise_for_status()
            times, size = [], 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                size = len(response.content)
            print(
                f"{label:58} {statistics.median(times):9.0f} {max(times):7.0f} {size / 1024:7.0f}"
            )
    if args.browser:
        _browser_times(base, pages, args.repeat)
    server.should_exit = True


def _pages(engine: object) -> list[tuple[str, str]]:
    """The pages to time, with the busiest document and actor of this knowledge base."""
    rows, _ = browse.documents(engine, browse.DocumentFilter(), limit=10_000)  # type: ignore[arg-type]
    busiest = max(rows, key=lambda r: r["events"] + r["quotes"])
    actor = queries.actors(engine, type="state", limit=1)[0]  # type: ignore[arg-type]
    return [
        ("home", "/"),
        ("documents (page 1)", "/documents"),
        ("documents, full-text search 'election'", "/documents?q=election"),
        (f"reader: busiest document ({busiest['events']} events)", f"/documents/{busiest['id']}"),
        ("actors", "/actors"),
        (f"dossier: most mentioned state ({actor['name']})", f"/actors/{quote(actor['id'])}"),
        ("events (page 1, facets)", "/events"),
        ("events, type ASSAULT", "/events?type=ASSAULT"),
        ("network page", "/network"),
        ("  /api/network (80 actors)", "/api/network?max_nodes=80"),
        ("timeline page", "/timeline"),
        ("  /api/timeline", "/api/timeline"),
        ("map page", "/map"),
        ("  /api/map", "/api/map"),
        ("events CSV download (all)", "/api/events.csv"),
    ]


def _browser_times(base: str, pages: list[tuple[str, str]], repeat: int) -> None:
    from playwright.sync_api import sync_playwright  # a dev dependency: only for --browser

    ready = {"/network": "body[data-network-ready]:not([data-network-ready=''])",
             "/timeline": "#timeline[data-ready]", "/map": "#map[data-ready]"}  # fmt: skip
    print(f"\n{'in Chromium, until drawn':58} {'median ms':>9} {'max ms':>7}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for label, url in pages:
            if url.startswith("/api/"):
                continue
            times = []
            for _ in range(repeat + 1):
                started = time.perf_counter()
                page.goto(base + url, wait_until="load")
                if url in ready:
                    page.wait_for_selector(ready[url], state="attached", timeout=120_000)
                times.append((time.perf_counter() - started) * 1000)
            times = times[1:]
            print(f"{label:58} {statistics.median(times):9.0f} {max(times):7.0f}")
        browser.close()


def _serve(engine: object) -> tuple[str, uvicorn.Server]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(engine)  # type: ignore[arg-type]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


if __name__ == "__main__":
    main()
