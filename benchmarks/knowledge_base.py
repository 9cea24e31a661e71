"""Knowledge-base numbers: ingest throughput, re-ingest (must add nothing), size per 1,000
articles, and query latencies, on the seed plus the Wikinews corpus.

    python benchmarks/knowledge_base.py                  # SQLite in a temporary folder
    python benchmarks/knowledge_base.py --db postgresql://app:app@127.0.0.1:54329/app_test
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsgraph import Extractor, Settings
from newsgraph.kb import ingest
from newsgraph.store import queries
from newsgraph.store.db import open_database

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    target = args.db or str(folder / "kb.db")
    engine = open_database(target)
    extractor = Extractor(Settings())
    inputs = [
        SHARED / "seed" / "russia_venezuela_edm_2019.txt",
        SHARED / "wikinews_2019_2020.jsonl",
    ]

    start = time.perf_counter()
    first = ingest(extractor, engine, inputs)
    seconds = time.perf_counter() - start
    counts = queries.counts(engine)
    print(f"ingest: {first.added} documents, {first.facts:,} facts in {seconds:.1f} s "
          f"= {first.added / seconds:.2f} documents/s")  # fmt: skip
    again = ingest(extractor, engine, inputs)
    print(f"re-ingest: {again.added} new documents, {again.facts} facts; counts unchanged: "
          f"{queries.counts(engine) == counts}")  # fmt: skip
    print("rows:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    if not args.db:
        size = sum(p.stat().st_size for p in folder.glob("kb.db*"))
        print(
            f"SQLite size: {size / 1e6:.1f} MB = "
            f"{size / 1e6 / counts['documents'] * 1000:.0f} MB per 1,000 articles"
        )
    _latency("dossier Russia", lambda: queries.dossier(engine, "Russia"))
    _latency(
        "events actor=Russia type=ASSAULT",
        lambda: queries.events(engine, actor="state:RUS", type="ASSAULT"),
    )
    _latency("events since 2020-01-01", lambda: queries.events(engine, since="2020-01-01"))
    _latency("alignments as of 2019-05-01", lambda: queries.alignments(engine, as_of="2019-05-01"))
    _latency("full-text 'Venezuela'", lambda: queries.search(engine, "Venezuela"))


def _latency(label: str, run: Callable[[], object], repeat: int = 7) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<36} median {statistics.median(times):7.1f} ms  (min {min(times):.1f})")


if __name__ == "__main__":
    main()
