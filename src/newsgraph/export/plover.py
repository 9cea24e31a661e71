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
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from newsgraph.store import export_rows as rows

VERSION = "PLOVER 2.0 / newsgraph 1.2"


def write_plover(engine: Engine, path: Path) -> list[Path]:
    """Write one PLOVER record per event to `path`."""
    entities = rows.entities(engine)
    actors = rows.event_actors(engine)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for event in rows.events(engine):
            found = actors.get(event["id"], {"source": [], "target": []})
            record = plover_record(event, found, entities)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [path]


def plover_record(
    event: rows.Row, actors: dict[str, list[str]], entities: dict[str, rows.Row]
) -> dict[str, Any]:
    """One event row (from `rows.events`) as a PLOVER record."""
    return {
        "id": event["id"],
        "date": event["date"],
        "event": event["type"],
        "mode": event["mode"],
        "context": event["context"],
        "cameo": event["cameo"],
        "source": _side(event, "source", actors, entities),
        "target": _side(event, "target", actors, entities),
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
    event: rows.Row, role: str, actors: dict[str, list[str]], entities: dict[str, rows.Row]
) -> list[dict[str, Any]]:
    agent = event.get(f"{role}_agent_code")
    named = [_actor(i, entities, agent) for i in actors[role]]
    if named or agent is None:
        return named
    return [{"actorText": event[f"{role}_agent"], "code": None, "agent": agent, "entity": None}]


def _actor(entity_id: str, entities: dict[str, rows.Row], agent: str | None) -> dict[str, Any]:
    entity = entities.get(entity_id, {})
    return {
        "actorText": entity.get("name", entity_id),
        "code": entity.get("country"),
        "agent": agent,
        "entity": entity_id,
    }
