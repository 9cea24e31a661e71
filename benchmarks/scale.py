"""How query time grows with the knowledge base: grow a KB by replicating an ingested one (fresh
ids, dates shifted so time filters keep selecting a slice), then time every analyst query as a
library call and every web page and API endpoint, at each size.

    newsgraph ingest --db base.db ../shared/corpus/wikinews_2019_2020.jsonl
    python benchmarks/scale.py base.db --db big.db --sizes 10000 100000 --runs 5
    python benchmarks/scale.py base.db --db postgresql://app:app@127.0.0.1:54329/app_test \\
        --sizes 10000 100000

Replication copies rows with SQL-free bulk inserts through SQLAlchemy Core: no extraction runs,
so 100,000 documents take minutes. Replica k gets new document, event and cluster ids and its
full ISO dates moved k * SHIFT_DAYS days later; entities are shared, as real coverage names the
same actors again and again. Prints one markdown table row per query and size (median and p95
in ms), the disk used and the peak memory of this process (which serves the web app
in-process), and the time to write one real extracted document into the KB at that size.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select, text

from newsgraph.store import queries
from newsgraph.store import schema as t
from newsgraph.store.db import open_database

SHIFT_DAYS = 3
ROUNDS = 6
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(.*)$", re.S)
_BATCH = 5_000
# which columns hold ids that a replica renames, and which hold dates that it shifts
_DOCUMENT_ID = {"documents": "id"}
_DATES = {
    "documents": ("published",),
    "events": ("date",),
    "event_clusters": ("date",),
    "quotes": ("date",),
    "relations": ("valid_from", "valid_until"),
    "citations": ("date",),
    "deployments": ("date",),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="an ingested knowledge base to replicate (SQLite file)")
    parser.add_argument("--db", required=True, help="the KB to grow: SQLite file or URL")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-web", action="store_true")
    parser.add_argument(
        "--only", metavar="TEXT", help="time only the queries and pages whose label holds TEXT"
    )
    parser.add_argument("--build-only", action="store_true", help="grow the KB, time nothing")
    parser.add_argument(
        "--ingest-sample",
        metavar="JSONL",
        help="also time writing these documents (extracted once, first 20) into the KB at each "
        "size against an empty KB; they are removed again afterwards",
    )
    parser.add_argument(
        "--empty-db",
        help="an empty KB of the same kind for the write comparison (default: a temporary "
        "SQLite file; give an empty PostgreSQL database when timing PostgreSQL)",
    )
    args = parser.parse_args()
    base = _read_base(open_database(args.base))
    engine = open_database(args.db)
    print(f"base: {len(base['documents'])} documents; target {_shown(args.db)}")
    sample = _extract_sample(args.ingest_sample) if args.ingest_sample else []
    for size in args.sizes:
        started = time.perf_counter()
        made = grow(engine, base, size)
        print(f"\n## {size:,} documents (built {made:,} in {time.perf_counter() - started:.0f} s;"
              f" {_disk(engine, args.db)})")  # fmt: skip
        _analyze(engine)
        if args.build_only:
            continue
        print("\n| query | median ms | p95 ms | rows |\n|---|---:|---:|---:|")
        calls = library_calls(engine) + ([] if args.no_web else web_calls(engine))
        for label, call in calls:
            if args.only is None or args.only in label:
                _report(label, call, args.runs)
        if sample:
            empty = open_database(args.empty_db) if args.empty_db else None
            timed = _write_ms(empty, engine, sample)
            print(f"\nwriting and removing {len(sample)} documents: {timed}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak memory of this process (queries + in-process web app): {rss:.0f} MB")


def _extract_sample(path: str) -> list[Any]:
    from itertools import islice

    from newsgraph.ingest import load_documents
    from newsgraph.models import Skipped
    from newsgraph.pipeline import Extractor

    extractor = Extractor()
    documents = islice(load_documents([path], settings=extractor.settings), 20)
    return [r for r in extractor.extract(documents) if not isinstance(r, Skipped)]


def _write_ms(empty: Engine | None, grown: Engine, sample: list[Any]) -> str:
    """Median ms per document to write `sample`, and to remove it again, into an empty KB
    (`empty`, or with None a fresh SQLite KB in a temporary folder) and into the grown one.
    Rounds alternate between the two, so drift of the machine hits both alike."""
    import tempfile

    from newsgraph.store.writer import remove_document, save_extraction

    with tempfile.TemporaryDirectory() as folder:
        targets = {"empty": empty or open_database(str(Path(folder) / "empty.db")), "this": grown}
        writes: dict[str, list[float]] = {name: [] for name in targets}
        removals: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(ROUNDS):
            for name, target in targets.items():
                written = []
                for extraction in sample:
                    started = time.perf_counter()
                    saved = save_extraction(target, extraction)
                    if saved.new:  # a document the KB already held is neither timed nor removed
                        writes[name].append((time.perf_counter() - started) * 1000)
                        written.append(saved.document_id)
                for document_id in written:
                    started = time.perf_counter()
                    remove_document(target, document_id)
                    removals[name].append((time.perf_counter() - started) * 1000)
    if not writes["this"] or not writes["empty"]:
        return "the sample documents were already in a KB"
    write = [statistics.median(writes[n]) for n in ("empty", "this")]
    remove = [statistics.median(removals[n]) for n in ("empty", "this")]
    return (
        f"write median {write[0]:.1f} ms empty, {write[1]:.1f} ms here "
        f"({write[1] / write[0]:.2f}x); remove {remove[0]:.1f} ms empty, {remove[1]:.1f} ms here "
        f"({remove[1] / remove[0]:.2f}x), {ROUNDS} alternating rounds"
    )


def _read_base(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    tables = (t.entities, t.documents, t.event_clusters, *t.FACT_TABLES, t.event_actors)
    with engine.connect() as c:
        return {
            table.name: [dict(r._mapping) for r in c.execute(select(table))] for table in tables
        }


def grow(engine: Engine, base: dict[str, list[dict[str, Any]]], size: int) -> int:
    """Add replicas of `base` until the KB holds at least `size` documents; returns how many
    documents were added. Replica numbers continue from what the KB already holds."""
    with engine.connect() as c:
        have = c.scalar(select(func.count()).select_from(t.documents)) or 0
    per = len(base["documents"])
    first, added = have // per + 1, 0
    if have == 0:
        with engine.begin() as c:  # entities are shared by all replicas, copied once
            for chunk in _chunks(base["entities"]):
                c.execute(insert(t.entities), chunk)
        first = 0
    k = first
    while have + added < size:
        with engine.begin() as c:
            for table, rows in _replica(base, k):
                for chunk in _chunks(rows):
                    c.execute(insert(table), chunk)
        added += per
        k += 1
        if k % 20 == 0:
            print(f"  replica {k}: {have + added:,} documents", file=sys.stderr)
    return added


def _replica(base: dict[str, list[dict[str, Any]]], k: int) -> Iterator[tuple[Table, list[Any]]]:
    def doc(old: str) -> str:
        return old if k == 0 else "doc_" + hashlib.sha1(f"{old}:{k}".encode()).hexdigest()[:20]

    def cluster(old: str) -> str:
        return old if k == 0 else hashlib.sha1(f"{old}:{k}".encode()).hexdigest()[:20]

    def event(old: str) -> str:
        document, local = old.rsplit(":", 1)
        return f"{doc(document)}:{local}"

    def shifted(row: dict[str, Any], table: str) -> dict[str, Any]:
        for column in _DATES.get(table, ()):
            row[column] = _shift(row[column], k)
        return row

    yield t.documents, [shifted({**r, "id": doc(r["id"])}, "documents") for r in base["documents"]]
    yield (
        t.event_clusters,
        [shifted({**r, "id": cluster(r["id"])}, "event_clusters") for r in base["event_clusters"]],
    )
    for table in t.FACT_TABLES:
        rows = []
        for r in base[table.name]:
            row = {**r, "document_id": doc(r["document_id"])}
            if table is t.events:
                row["id"], row["cluster_id"] = event(r["id"]), cluster(r["cluster_id"])
            else:
                row.pop("id", None)  # autoincrement keys are the database's
            rows.append(shifted(row, table.name))
        yield table, rows
    yield t.event_actors, [{**r, "event_id": event(r["event_id"])} for r in base["event_actors"]]


def _shift(value: Any, k: int) -> Any:
    if not isinstance(value, str) or k == 0:
        return value
    match = _ISO_DAY.match(value)
    if match is None:
        return value
    try:
        day = date.fromisoformat(match[1]) + timedelta(days=k * SHIFT_DAYS)
    except ValueError:
        return value
    return day.isoformat() + match[2]


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(rows), _BATCH):
        yield rows[i : i + _BATCH]


def _analyze(engine: Engine) -> None:
    """Replicas bypass the writer: recompute the maintained aggregates, then statistics."""
    from newsgraph.store import tallies

    with engine.begin() as c:
        if hasattr(tallies, "rebuild"):  # absent in versions before the aggregates
            tallies.rebuild(c)
        c.execute(text("ANALYZE"))


def library_calls(engine: Engine) -> list[tuple[str, Callable[[], Any]]]:
    """The CLI's queries as library calls (the CLI only prints what these return)."""
    russia = queries.entity_id(engine, "Russia")
    return [
        ("dossier Russia (`actor Russia`)", lambda: queries.dossier(engine, "Russia")),
        ("events --actor Russia", lambda: queries.events(engine, actor=russia)),
        ("events --type ASSAULT --since 2020-01-01",
         lambda: queries.events(engine, type="ASSAULT", since="2020-01-01")),
        ("events (newest 200)", lambda: queries.events(engine)),
        ("alignments --as-of 2019-05-01 (CLI: newest 1,000)",
         lambda: queries.alignments(engine, as_of="2019-05-01", limit=1000)),
        ("alignments --as-of 2019-05-01 (all rows)",
         lambda: queries.alignments(engine, as_of="2019-05-01")),
        ("actors Trump", lambda: queries.actors(engine, "Trump")),
        ("actors (most mentioned)", lambda: queries.actors(engine)),
        ("search election", lambda: queries.search(engine, "election")),
        ("timeline --actor Russia", lambda: queries.timeline(engine, actor=russia)),
        ("quotes (newest 200)", lambda: queries.quotes(engine)),
        ("counts (home page, /api/counts)", lambda: queries.counts(engine)),
    ]  # fmt: skip


def web_calls(engine: Engine) -> list[tuple[str, Callable[[], Any]]]:
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    client = TestClient(create_app(engine))
    russia = queries.entity_id(engine, "Russia")

    def get(url: str) -> Callable[[], Any]:
        def call() -> Any:
            response = client.get(url)
            response.raise_for_status()
            return response.content

        return call

    urls = [
        "/", "/documents", "/documents?q=election", "/documents?page=50", "/actors",
        "/actors?q=Trump", f"/actors/{russia}", f"/events?actor={russia}", "/events",
        "/network", "/timeline", "/api/counts", f"/api/actors/{russia}",
        f"/api/events?actor={russia}", "/api/events.csv?type=ASSAULT",
        "/api/events/facets", "/api/alignments?as_of=2019-05-01", "/api/network",
        "/api/timeline?actor=Russia", "/api/search?q=election", "/api/actors?q=Trump",
        "/api/map", "/api/quotes", "/api/timeline",
    ]  # fmt: skip

    def first_bytes(url: str) -> Callable[[], Any]:
        def call() -> Any:  # a streamed download: how long until its first rows arrive
            with client.stream("GET", url) as response:
                response.raise_for_status()
                return next(response.iter_bytes())

        return call

    streamed = "/api/events.csv?type=ASSAULT"
    return [(f"GET {url}", get(url)) for url in urls] + [
        (f"GET {streamed} (first bytes)", first_bytes(streamed))
    ]


def _report(label: str, call: Callable[[], Any], runs: int) -> None:
    result = call()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"| {label} | {statistics.median(times):.0f} | {p95:.0f} | {_size(result)} |")


def _size(result: Any) -> str:
    if isinstance(result, list):
        return str(len(result))
    if isinstance(result, dict):
        return str(sum(len(v) for v in result.values() if isinstance(v, list)))
    if isinstance(result, bytes):
        return f"{len(result) / 1024:.0f} KB"
    return ""


def _disk(engine: Engine, target: str) -> str:
    if engine.dialect.name == "sqlite":
        return f"{Path(target).stat().st_size / 1e9:.2f} GB on disk"
    with engine.connect() as c:
        size = c.scalar(text("SELECT pg_database_size(current_database())")) or 0
    return f"{size / 1e9:.2f} GB on disk"


def _shown(target: str) -> str:
    return re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", target)


if __name__ == "__main__":
    main()
