"""Time of every export format on a knowledge base, before and after analysts' merges.

    python benchmarks/exports.py --db /tmp/wikinews.db       # an ingested KB (copied first)
    python benchmarks/exports.py                             # ingests the Wikinews corpus

After the first round, `--merges` pairs of people who share a surname are merged (the
curation path of `newsgraph merge`), and every format is exported again: a merge must not make
an export slower than linear in the KB.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Engine, func, select

from newsgraph.export import FORMATS, export
from newsgraph.store import schema as t
from newsgraph.store.curation import record_decision
from newsgraph.store.db import open_database

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an ingested SQLite KB (default: ingest Wikinews)")
    parser.add_argument("--merges", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsgraph-exports-"))
    db = work / "kb.db"
    if args.db:
        shutil.copy(args.db, db)
        engine = open_database(str(db))
    else:
        engine = _ingested(db)
    with engine.connect() as c:
        documents = c.scalar(select(func.count()).select_from(t.documents))
    print(f"{documents:,} documents")
    before = _round(engine, work / "before")
    merged = _merge(engine, args.merges)
    after = _round(engine, work / "after")
    print(f"{'format':10} {'before':>10} {'after ' + str(merged) + ' merges':>18} {'size':>12}")
    for name in FORMATS:
        print(f"{name:10} {before[name][0]:>9.2f}s {after[name][0]:>17.2f}s "
              f"{after[name][1] / 1e6:>10.1f}MB")  # fmt: skip


def _ingested(db: Path) -> Engine:
    from newsgraph import Extractor, Settings
    from newsgraph.kb import ingest

    engine = open_database(str(db))
    ingest(Extractor(Settings()), engine, [SHARED / "wikinews_2019_2020.jsonl"])
    return engine


def _round(engine: Engine, folder: Path) -> dict[str, tuple[float, int]]:
    folder.mkdir()
    out = {}
    for name, fmt in FORMATS.items():
        target = folder / (name if fmt.folder else fmt.file_name)
        started = time.perf_counter()
        paths = export(engine, name, target)
        elapsed = time.perf_counter() - started
        size = sum(p.stat().st_size for p in paths)
        out[name] = (elapsed, size)
    return out


def _merge(engine: Engine, wanted: int) -> int:
    """Merge people sharing a surname (the less mentioned into the more), as an analyst would."""
    with engine.connect() as c:
        people = c.execute(
            select(t.entities.c.id, t.entities.c.name, t.entities.c.mention_count).where(
                t.entities.c.type == "person"
            )
        ).all()
    by_surname: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for entity_id, name, mentions in people:
        by_surname[name.split()[-1].lower()].append((entity_id, mentions or 0))
    done = 0
    for group in by_surname.values():
        if len(group) < 2 or done >= wanted:
            continue
        group.sort(key=lambda g: -g[1])
        record_decision(engine, "merge", group[1][0], group[0][0], note="benchmark")
        done += 1
    return done


if __name__ == "__main__":
    main()
