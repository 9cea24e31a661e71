"""Load on the web UI: concurrent clients over every page and API endpoint, optionally while an
`ingest` process writes into the same knowledge base; status codes and latency percentiles.

    newsgraph ingest --db wikinews.db ../shared/corpus/wikinews_2019_2020.jsonl
    python benchmarks/web_load.py wikinews.db --clients 20 --requests 50 \\
        --while-ingesting ../shared/corpus/insightcrime.jsonl

The server is `newsgraph serve` itself, started as its own process (uvicorn, its worker limit
and connection pool), so client threads here do not share its interpreter. Prints requests by
status, p50, p90, p99 and the slowest request, the server's peak memory, then the same per URL
for the slowest ten.
"""

from __future__ import annotations

import argparse
import collections
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from web_pages import _pages  # the same page list as the page timings

from newsgraph.store.db import open_database

API = ["/api/actors", "/api/events", "/api/events/facets", "/api/alignments?as_of=2019-06-01",
       "/api/quotes", "/api/search?q=election", "/api/timeline", "/api/map", "/api/counts",
       "/api/network?max_nodes=80", "/api/documents?q=police"]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="SQLite file or postgresql:// URL of a knowledge base")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="per client")
    parser.add_argument("--while-ingesting", type=Path, help="ingest this file meanwhile")
    args = parser.parse_args()
    engine = open_database(args.db)
    urls = [url for _, url in _pages(engine)] + API
    engine.dispose()
    base, server = _serve(args.db)
    writer = None
    if args.while_ingesting:
        command = [sys.executable, "-m", "newsgraph", "ingest", "--db", args.db,
                   str(args.while_ingesting)]  # fmt: skip
        writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            for i in range(args.requests):
                url = urls[(number * 7 + i) % len(urls)]
                started = time.perf_counter()
                try:
                    status = http.get(url).status_code
                except httpx.HTTPError:
                    status = 0
                with lock:
                    results.append((url, status, time.perf_counter() - started))

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    writing = writer is not None and writer.poll() is None
    if writer is not None:
        writer.terminate()
    peak = _peak_rss_mb(server.pid)
    server.terminate()
    server.wait()
    _report(results, elapsed, args, writing)
    print(f"\nserver peak RSS {peak:.0f} MB")
    return 0


def _serve(db: str) -> tuple[str, subprocess.Popen[bytes]]:
    """`newsgraph serve` on a free port, once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(base + "/api/counts", timeout=5)
            return base, server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"newsgraph serve did not answer on {base}")


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), read from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _report(
    results: list[tuple[str, int, float]], elapsed: float, args: argparse.Namespace, writing: bool
) -> None:
    times = sorted(t for _, _, t in results)
    statuses = collections.Counter(s for _, s, _ in results)
    print(f"{len(results)} requests from {args.clients} clients in {elapsed:.1f} s"
          f"{' while an ingest was writing' if writing else ''}")  # fmt: skip
    print("status codes: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    print(f"p50 {_q(times, 0.5):.3f} s  p90 {_q(times, 0.9):.3f} s  p99 {_q(times, 0.99):.3f} s  "
          f"max {times[-1]:.3f} s")  # fmt: skip
    by_url: dict[str, list[float]] = collections.defaultdict(list)
    for url, _, t in results:
        by_url[url].append(t)
    print(f"\n{'slowest URLs':50} {'n':>4} {'median s':>9} {'max s':>7}")
    for url, ts in sorted(by_url.items(), key=lambda kv: -statistics.median(kv[1]))[:10]:
        print(f"{url[:50]:50} {len(ts):4} {statistics.median(ts):9.3f} {max(ts):7.3f}")


def _q(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


if __name__ == "__main__":
    sys.exit(main())
