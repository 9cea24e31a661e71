"""What the actor knowledge base costs: indexing, opening, lookups, and extraction with it on
and off over the same texts in the same run.

    python benchmarks/actor_kb.py                  # 100 Wikinews articles of ../shared
    python benchmarks/actor_kb.py --limit 300

Extraction is timed in rounds that alternate "on" and "off" (one Extractor each, built before
timing), so drift of the machine hits both alike; the table reports the median round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "wikinews_2019_2020.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ["NEWSGRAPH_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsgraph-kb-bench-")

    from newsgraph.lexicon.actor_kb import ActorKB

    started = time.perf_counter()
    kb = ActorKB.open()
    built = time.perf_counter() - started
    opens = []
    for _ in range(20):
        started = time.perf_counter()
        ActorKB.open().lookup("warm up the connection")
        opens.append(time.perf_counter() - started)
    print(f"records                 {kb.count():,}")
    print(f"index build (cold)      {built:.2f} s")
    print(f"open + first lookup     {statistics.median(opens) * 1000:.2f} ms (median of 20)")

    docs = _documents(args.corpus, args.limit)
    from newsgraph import Extractor, Settings

    on, off = Extractor(Settings()), Extractor(Settings(actor_kb=()))
    names = [e.name for text, day in docs for e in on.extract_text(text, published=day).entities]
    started = time.perf_counter()
    for name in names:
        kb.lookup(name, on="2019-06-01")
    per_lookup = (time.perf_counter() - started) / max(1, len(names))
    print(f"lookup                  {per_lookup * 1e6:.0f} µs per name ({len(names):,} names)")

    timings: dict[str, list[float]] = {"on": [], "off": []}
    for _ in range(args.rounds):
        for label, extractor in (("off", off), ("on", on)):
            started = time.perf_counter()
            for text, day in docs:
                extractor.extract_text(text, published=day)
            timings[label].append(time.perf_counter() - started)
    median_on, median_off = (statistics.median(timings[k]) for k in ("on", "off"))
    words = sum(len(text.split()) for text, _ in docs)
    print(f"extraction, {len(docs)} articles ({words:,} words), median of {args.rounds} rounds:")
    print(f"  knowledge base off    {median_off:.2f} s")
    print(f"  knowledge base on     {median_on:.2f} s  ({median_on / median_off:.3f}x)")


def _documents(path: Path, limit: int) -> list[tuple[str, date | None]]:
    if not path.is_file():
        raise SystemExit(f"{path} not found: give a JSONL corpus with text and date fields.")
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            raw = str(row.get("date") or row.get("published") or "")[:10]
            day = date.fromisoformat(raw) if len(raw) == 10 else None
            docs.append((str(row["text"]), day))
            if len(docs) >= limit:
                break
    return docs


if __name__ == "__main__":
    main()
