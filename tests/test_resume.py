"""kill -9 in the middle of an ingest loses nothing committed, leaves no half document, and a
second run ends with exactly the counts of an uninterrupted run."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from newsgraph import Extractor
from newsgraph.kb import ingest
from newsgraph.store import queries
from newsgraph.store import schema as t
from newsgraph.store.db import open_database

SENTENCES = [
    "Russia attacked Ukraine on May {d}, 2019.",
    "Maduro is supported by Russia, China and Cuba.",
    "Lavrov warned Pompeo on May {d}, “The continuation of aggressive actions may result in grave consequences.”",
    "The European Union imposed sanctions on Russia (TASS, May {d}).",
    "Colonel General Vasily Tonkoshkurov (59) leads the mission in Venezuela.",
]


def write_corpus(folder: Path, documents: int = 48) -> None:
    folder.mkdir()
    for n in range(documents):
        body = " ".join(s.format(d=1 + n % 28) for s in SENTENCES) * 6
        (folder / f"doc{n:03d}.txt").write_text(f"Report {n}\n\n{body}\n", encoding="utf-8")


def test_kill_minus_nine_then_resume(tmp_path: Path, extractor: Extractor) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    killed_db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(killed_db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = open_database(str(killed_db))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with engine.connect() as c:
            if (c.scalar(select(func.count()).select_from(t.documents)) or 0) >= 3:
                break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = queries.counts(engine)
    assert 0 < partial["documents"] < 48, "the kill should land mid-batch"
    with engine.connect() as c:  # no half document: every stored document has its mentions
        bare = c.scalar(
            select(func.count())
            .select_from(t.documents)
            .where(~t.documents.c.id.in_(select(t.mentions.c.document_id)))
        )
    assert bare == 0

    resumed = ingest(extractor, engine, [corpus])
    assert resumed.already_known == partial["documents"]
    reference = open_database(str(tmp_path / "reference.db"))
    ingest(extractor, reference, [corpus])
    assert queries.counts(engine) == queries.counts(reference)
