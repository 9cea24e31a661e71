"""Hostile requests against `newsgraph serve` on a real knowledge base: every GET route, every
query parameter it reads (listed by the app itself), each with hostile values, plus hostile
path segments and forged Host headers (DNS rebinding).

    newsgraph ingest --db wikinews.db ../shared/corpus/wikinews_2019_2020.jsonl
    python benchmarks/request_fuzz.py wikinews.db

Prints requests tried and their status codes, then every request that failed a check: a 5xx,
a response without the security headers, input echoed unescaped into HTML, a forged Host
answered, or a knowledge base whose row counts changed. Exit status 1 when any failed.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from urllib.parse import quote

import httpx
from web_load import _serve  # the same `newsgraph serve` process as the load test

from newsgraph.store import browse, queries
from newsgraph.store.db import open_database
from newsgraph.web.app import get_routes

MARKER = "<script>alert('ng')</script>"
HOSTILE: list[str | bytes] = [
    '"', "'", "\x00", "   ", "", "*", "NEAR(", "a OR b", "' OR 1=1 --", "'; DROP TABLE events; --",
    "1e20", "-1", "0", "NaN", "inf", "99999999999999999999999", "x" * 50_000, "%" * 5_000,
    "_" * 5_000, "2019-13-45", "0000-00-00", "9999-99-99T99:99", MARKER, '"><img src=x>',
    "javascript:alert(1)", "state:RUS", "../../etc/passwd", "%00", "\u202e\u200b", "😀" * 1000,
    "a\nb\r\nc", b"\xed\xa0\x80\xff", b"\xc3\x28",
]  # fmt: skip
FORGED_HOSTS = ["evil.example", "127.0.0.1.evil.example", "localhost:1@evil.example"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="SQLite file or postgresql:// URL of a knowledge base")
    args = parser.parse_args()
    engine = open_database(args.db)
    before = queries.counts(engine)
    rows, _ = browse.documents(engine, browse.DocumentFilter(), limit=1)
    entity = queries.actors(engine, limit=1)[0]["id"]
    engine.dispose()
    base, server = _serve(args.db)
    statuses: collections.Counter[int] = collections.Counter()
    failures: list[str] = []
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=120) as client:
        for path, names in get_routes():
            path = re.sub(r"\{entity_id(:path)?\}", quote(entity, safe=":"), path)
            path = path.replace("{document_id}", rows[0]["id"])
            for name in names or ["q"]:
                for value in HOSTILE:
                    url = f"{path}?{name}={quote(value, safe='')}"
                    failures += _check(client.get(url), url, statuses)
        for value in HOSTILE:
            segment = quote(value, safe="")
            for path in (f"/documents/{segment}", f"/actors/{segment}", f"/api/actors/{segment}"):
                failures += _check(client.get(path), path, statuses)
        for host in FORGED_HOSTS:
            response = client.get("/api/counts", headers={"Host": host})
            statuses[response.status_code] += 1
            if response.status_code != 400:
                failures.append(f"Host: {host} -> {response.status_code} (not refused)")
    elapsed = time.perf_counter() - started
    server.terminate()
    server.wait()
    engine = open_database(args.db)
    if queries.counts(engine) != before:
        failures.append("the knowledge base's row counts changed")
    tried = sum(statuses.values())
    print(f"{tried:,} requests in {elapsed:.0f} s against {args.db}")
    print("status codes: " + ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items())))
    print(f"failed checks: {len(failures)}")
    for failure in failures[:30]:
        print("  " + failure)
    return 1 if failures else 0


def _check(response: httpx.Response, url: str, statuses: collections.Counter[int]) -> list[str]:
    statuses[response.status_code] += 1
    where = f"{url[:80]} -> {response.status_code}"
    found = []
    if response.status_code >= 500:
        found.append(where)
    if "content-security-policy" not in response.headers:
        found.append(where + " without security headers")
    if "html" in response.headers.get("content-type", "") and MARKER in response.text:
        found.append(where + " echoes input unescaped into HTML")
    return found


if __name__ == "__main__":
    sys.exit(main())
