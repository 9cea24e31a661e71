"""Several ingest processes on one knowledge base, started together on a fresh SQLite file or
PostgreSQL database, all succeed and leave exactly what one ingest of the same files leaves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine

from newsgraph.store import queries
from newsgraph.store.curation import dangling_references
from newsgraph.store.db import open_database

TEXTS = [
    "Moscow Acts\n\nOn May 1, 2019, Russia attacked Ukraine (TASS, May 2). "
    "Maduro is supported by Russia and China.\n",
    "Another Report\n\nOn May 1, 2019, Russia attacked Ukraine, Reuters reported. "
    "Since January 2019, Guaidó has been recognized as interim president by the United States.\n",
    "Talks\n\nOn May 3, 2019, Sergei Lavrov met Mike Pompeo in Helsinki. China criticised the "
    "United States.\n",
]
WRITERS = 3


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _ingest_together(db: str, corpus: Path, writers: int) -> list[subprocess.CompletedProcess[str]]:
    command = [sys.executable, "-c", "from newsgraph.cli import app; app()", "ingest", str(corpus)]
    procs = [
        subprocess.Popen(
            [*command, "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(writers)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def _content(engine: Engine) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    events = sorted(
        (r["type"], ",".join(r["source_ids"]), ",".join(r["target_ids"]))
        for r in queries.events(engine, limit=1000)
    )
    return queries.counts(engine), events


def test_concurrent_ingests_equal_one_ingest(kb: Engine, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    url = kb.url.render_as_string(hide_password=False)
    db = url.replace("sqlite:///", "").replace("postgresql+psycopg://", "postgresql://")
    kb.dispose()
    if url.startswith("sqlite"):
        Path(db).unlink()  # a brand-new file: the writers race to create and migrate it
    results = _ingest_together(db, corpus, WRITERS)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    reference = open_database(str(tmp_path / "one.db"))
    single = _ingest_together(str(tmp_path / "one.db"), corpus, 1)
    assert single[0].returncode == 0, single[0].stderr
    together = open_database(db)
    assert _content(together) == _content(reference)
    assert dangling_references(together) == []
