"""The events as PLOVER/POLECAT-style JSON lines, one event per line.

    {"id": "doc_8ffc…:e2", "date": "2019-05-01", "event": "ASSAULT", "mode": null,
     "context": null, "cameo": "190",
     "source": [{"actorText": "Russia", "code": "RUS", "agent": null, "entity": "state:RUS"}],
     "target": [{"actorText": "civilians", "code": null, "agent": "CVL", "entity": null}],
     "text": "Russia attacked Ukraine on May 1, 2019 (TASS, May 2).", "modality": "asserted",
     "negated": false, "confidence": 0.8, "reports": 1, "document": "doc_8ffc…",
     "url": null, "publication": null, "version": "PLOVER 2.0 / newsgraph 1.2"}

`code` is the actor's country (ISO 3166 alpha-3) or null; `agent` the side's CAMEO agent type
("Syrian rebels": SYR, REB), and a side named only by what it is ("civilians") is one actor
with that text, its agent and no entity; `text` the sentence-level span the
event was read from; `reports` how many documents report the same real event (its cluster);
`publication` the publishing outlet. Every event is written, negated ones included.

>>> write_plover(engine, Path("events.jsonl"))         # doctest: +SKIP
[PosixPath('events.jsonl')]
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from newsgraph.coding import Coded, side_codes
from newsgraph.export.cameo import coded_entities
from newsgraph.store import export_rows as rows

VERSION = "PLOVER 2.0 / newsgraph 1.2"


def write_plover(engine: Engine, path: Path) -> list[Path]:
    """Write one PLOVER record per event to `path`."""
    entities = rows.entities(engine)
    coded = coded_entities(engine, entities)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for event in rows.events(engine):
            record = plover_record(event, event["actors"], entities, coded)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [path]


def plover_record(
    event: rows.Row,
    actors: dict[str, list[str]],
    entities: dict[str, rows.Row],
    coded: Mapping[str, Coded],
) -> dict[str, Any]:
    """One event row (from `rows.events`) as a PLOVER record."""
    return {
        "id": event["id"],
        "date": event["date"],
        "event": event["type"],
        "mode": event["mode"],
        "context": event["context"],
        "cameo": event["cameo"],
        "source": _side(event, "source", actors, entities, coded),
        "target": _side(event, "target", actors, entities, coded),
        "text": event["evidence_text"],
        "modality": event["modality"],
        "negated": event["negated"],
        "confidence": event["confidence"],
        "reports": event["reports"],
        "document": event["document_id"],
        "url": event["url"],
        "publication": event["outlet"],
        "version": VERSION,
    }


def _side(
    event: rows.Row,
    role: str,
    actors: dict[str, list[str]],
    entities: dict[str, rows.Row],
    coded: Mapping[str, Coded],
) -> list[dict[str, Any]]:
    """The side's actors as coding.py codes them: `code` the CAMEO prefix (country, IGO or
    IMG), `agent` the agent type; a side named only by what it is has no entity."""
    return [
        {
            "actorText": (entities.get(side.entity, {}).get("name", side.entity)
                          if side.entity else event[f"{role}_agent"]),
            "code": side.prefix,
            "agent": side.agent,
            "entity": side.entity,
        }
        for side in side_codes(role, actors[role], event.get(f"{role}_agent_code"), coded)
    ]  # fmt: skip
