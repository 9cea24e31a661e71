"""What newsgraph knows of an actor, and from where (`newsgraph actor-info NAME`).

Three sources, in the order the pipeline consults them:
- the hand-written gazetteer (lexicon/gazetteer/*.yaml and any --lexicon file): an entry there
  is used as it is and the actor knowledge base is not asked;
- the actor knowledge base (lexicon/actors, and the `actor_kb` setting's files): each record
  with its country, sectors, positions, and the dataset, record id, snapshot commit and
  licence it was built from; on a date, the post held then and the CAMEO code it gives;
- with a knowledge-base database: the stored entities of that name, where their country came
  from (`country_basis`) and any analyst correction.

Nothing here loads spaCy or a model.

>>> info = actor_info("Paul Kagame", on="2019-05-01")        # doctest: +SKIP
>>> info["actor_kb"][0]["held_on_date"]["title"]             # doctest: +SKIP
'President'
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine, select

from newsgraph.coding import Coded
from newsgraph.folding import fold
from newsgraph.lexicon.actor_kb import open_actor_kb, parse_record
from newsgraph.lexicon.gazetteer import Entry, load_gazetteer
from newsgraph.models import COUNTRY_BASIS
from newsgraph.settings import Settings
from newsgraph.store import queries
from newsgraph.store import schema as t
from newsgraph.store.corrections import corrections

GAZETTEER = "hand-written gazetteer (lexicon/gazetteer, --lexicon files): used as it is"


def actor_info(
    name: str, *, on: str | None = None, settings: Settings | None = None,
    engine: Engine | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Everything known of `name` (a name, alias or entity id), with where it came from."""
    settings = settings or Settings()
    entries = _gazetteer_entries(name, settings)
    records = _kb_records(name, on, settings)
    return {
        "name": name,
        "on": on,
        "used": "gazetteer" if entries else ("actor_kb" if records else None),
        "gazetteer": [_entry(e, kind) for e, kind in entries],
        "actor_kb": records,
        "knowledge_base": _stored(engine, name) if engine is not None else [],
    }


def _gazetteer_entries(name: str, settings: Settings) -> list[tuple[Entry, str]]:
    gazetteer = load_gazetteer(settings.lexicon_paths)
    found: dict[str, tuple[Entry, str]] = {}
    if name in gazetteer.entries:
        found[name] = (gazetteer.entries[name], "id")
    for form in dict.fromkeys((name, fold(name))):
        for entry, kind, _ in gazetteer.lookup(form):
            found.setdefault(entry.id, (entry, kind))
    return list(found.values())


def _entry(entry: Entry, kind: str) -> dict[str, Any]:
    return {
        "id": entry.id,
        "name": entry.name,
        "type": entry.type.value,
        "country": entry.country,
        "named_by": kind,
        "aliases": list(entry.aliases),
        "roles": [
            {
                "title": r.title,
                "organization": r.organization,
                "country": r.country,
                "start": r.start,
                "end": r.end,
            }
            for r in entry.roles
        ],
        "attributes": dict(entry.attributes),
        "source": GAZETTEER,
    }


def _kb_records(name: str, on: str | None, settings: Settings) -> list[dict[str, Any]]:
    kb = open_actor_kb(settings.actor_kb)
    if kb is None:
        return []
    out = []
    for body, via in kb.raw(name):
        record = parse_record(body)
        held = record.position_on(on)
        sector = record.sector_on(on)
        out.append(
            {
                **body,
                "named_by": via,
                "plausible_on_date": record.plausible_on(on),
                "held_on_date": asdict(held) if held is not None else None,
                "cameo_on_date": Coded(record.country, sector).code,
            }
        )
    return out


def _stored(engine: Engine, name: str) -> list[dict[str, Any]]:
    e = t.entities
    # the name search takes its own connection: asked first, never while holding another
    ids = [row["id"] for row in queries.actors(engine, name, limit=10)]
    with engine.connect() as connection:
        exact = connection.scalars(select(e.c.id).where(e.c.id == name)).first()
        if exact and exact not in ids:
            ids.insert(0, exact)
        fixes = corrections(connection, ids)
        rows = connection.execute(select(e).where(e.c.id.in_(ids))).fetchall()
    by_id = {row.id: row for row in rows}
    out = []
    for entity_id in ids:
        row = by_id[entity_id]
        attributes = dict(row.attributes or {})
        out.append(
            {
                "id": row.id, "name": row.name, "type": row.type, "country": row.country,
                "country_basis": attributes.get(COUNTRY_BASIS)
                or ("gazetteer" if row.known else ("actor_kb" if "actor_kb" in attributes
                                                   else "text")),
                "sector": attributes.get("sector"), "agent": attributes.get("agent"),
                "cameo": attributes.get("cameo"), "actor_kb": attributes.get("actor_kb"),
                "mentions": row.mention_count, "documents": row.document_count,
                "correction": _correction(fixes.get(entity_id)),
            }
        )  # fmt: skip
    return out


def _correction(fix: dict[str, Any] | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {k: fix[k] for k in ("country", "sector", "note")} | {
        "at": fix["created_at"].isoformat() if fix["created_at"] else None
    }
