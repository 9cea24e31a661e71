"""The knowledge base as the extraction contract: one JSON object per document and line.

Each line is exactly what `newsgraph extract --format jsonl` printed for that document: the
stored contract object with the document text put back under `document.text`. Entity ids are
the ones extracted; analyst merges recorded later (`entity_merges`) show in the other formats,
which read the tables.

>>> write_jsonl(engine, Path("kb.jsonl"))              # doctest: +SKIP
[PosixPath('kb.jsonl')]
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from newsgraph.store import export_rows as rows


def write_jsonl(engine: Engine, path: Path) -> list[Path]:
    """Write every document's contract object to `path`, one per line, in ingest order."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for extraction, text in rows.extractions(engine):
            document = {**extraction["document"], "text": text}
            out.write(json.dumps({**extraction, "document": document}, ensure_ascii=False) + "\n")
    return [path]
