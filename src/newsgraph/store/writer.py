"""Write extractions to the knowledge base: one transaction per document, idempotent.

A document already present (same content hash) adds nothing. Analyst decisions recorded in
`entity_merges` are applied to every fact as it is written, so they survive re-ingest.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from newsgraph.contract import to_dict
from newsgraph.folding import search_key
from newsgraph.models import Entity, EntityType, Event, Evidence, Extraction
from newsgraph.store import corrections, firsts, tallies
from newsgraph.store import schema as t
from newsgraph.store.curation import delete_orphan_entities
from newsgraph.store.db import dialect_insert

_REFERENCES_BY_TABLE: dict[str, list[t.EntityReference]] = {}
for _reference in t.ENTITY_REFERENCES:
    _REFERENCES_BY_TABLE.setdefault(_reference.table.name, []).append(_reference)
_ENTITY_TYPES = {kind.value for kind in EntityType}

# Statements run for every document, built once: SQLAlchemy then skips rebuilding them and
# regenerating their cache keys, which cost more than the SQLite work of a small document.
_KNOWN_DOCUMENT = select(t.documents.c.id).where(t.documents.c.id == bindparam("id"))
_DECISIONS = select(t.entity_merges).order_by(t.entity_merges.c.id)
_KNOWN_ENTITIES = select(t.entities.c.id).where(
    t.entities.c.id.in_(bindparam("ids", expanding=True))
)
_KNOWN_CLUSTERS = select(t.event_clusters.c.id).where(
    t.event_clusters.c.id.in_(bindparam("ids", expanding=True))
)
# SQLite's INSERT OR IGNORE ... RETURNING per table, built on first use (_insert_ignoring_conflicts)
_IGNORING: dict[str, Any] = {}
_INSERTS = {table: insert(table) for table in (t.documents, t.entities, t.event_clusters,
                                               t.event_actors, *t.FACT_TABLES)}  # fmt: skip
_RECOUNT = (
    update(t.event_clusters)
    .where(t.event_clusters.c.id.in_(bindparam("ids", expanding=True)))
    .values(
        reports=select(func.count(func.distinct(t.events.c.document_id)))
        .where(t.events.c.cluster_id == t.event_clusters.c.id)
        .scalar_subquery()
    )
)


@dataclass(frozen=True, slots=True)
class Saved:
    """What writing one document did."""

    document_id: str
    new: bool
    facts: int


class EntityMap:
    """Analyst decisions: merged ids point to their target; split surfaces to their new id."""

    def __init__(self, connection: Connection) -> None:
        self.merged: dict[str, str] = {}
        self.split: dict[tuple[str, str], str] = {}
        for row in connection.execute(_DECISIONS):
            if row.action == "merge":
                self.merged[row.source_id] = row.target_id
            elif row.action == "split" and row.surface:
                self.split[(row.source_id, row.surface)] = row.target_id

    def resolve(self, entity_id: str, surface: str | None = None) -> str:
        if surface is not None and (entity_id, surface) in self.split:
            return self.split[(entity_id, surface)]
        seen = set()
        while entity_id in self.merged and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.merged[entity_id]
        return entity_id


def document_exists(engine: Engine, document_id: str) -> bool:
    with engine.connect() as connection:
        found = connection.execute(select(t.documents.c.id).where(t.documents.c.id == document_id))
        return found.first() is not None


def existing_documents(engine: Engine, document_ids: list[str]) -> set[str]:
    """Which of these documents the knowledge base already holds."""
    if not document_ids:
        return set()
    with engine.connect() as connection:
        return set(
            connection.scalars(select(t.documents.c.id).where(t.documents.c.id.in_(document_ids)))
        )


# SQLite's page cache for a connection that writes (the default is 2 MB): the upper pages of
# a large KB's indexes stay in memory from one document to the next. Writing into a
# 100,000-document KB against an empty one: 1.49x -> 1.41x (median of 6 alternating rounds,
# twice). Only writers set it, so `serve`'s connections keep the default.
_WRITER_CACHE = "PRAGMA cache_size=-32768"


def save_extraction(
    engine: Engine, extraction: Extraction, *, now: datetime | None = None
) -> Saved:
    """Store one document and all its facts atomically; a known document is left alone.

    Safe with concurrent writers: the document row is inserted first with "on conflict do
    nothing", so of two processes writing the same document one stores it and the other
    stores nothing; entities and event clusters are inserted the same way.
    """
    document = extraction.document
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(_WRITER_CACHE)
        if connection.execute(_KNOWN_DOCUMENT, {"id": document.id}).first() is not None:
            return Saved(document.id, False, 0)
        ids = EntityMap(connection)
        doc_row = resolve_references(t.documents, [_document_row(extraction, now)], ids)
        if not _insert_ignoring_conflicts(connection, t.documents, doc_row):
            return Saved(document.id, False, 0)
        rows = _fact_rows(extraction, ids)
        events = _event_rows(extraction, ids)
        rows[t.events], rows[t.event_actors] = events.events, events.actors
        for table, table_rows in rows.items():
            resolve_references(table, table_rows, ids)
        new_entities = _upsert_entities(
            connection, extraction, ids, [(t.documents, doc_row), *rows.items()]
        )
        new_clusters = _insert_ignoring_conflicts(
            connection, t.event_clusters, list(events.clusters.values())
        )
        for table in (*t.FACT_TABLES, t.event_actors):
            if rows[table]:
                connection.execute(_INSERTS[table], rows[table])
        _count_mentions(connection, rows[t.mentions], +1)
        firsts.note(connection, _triples(rows[t.relations]), doc_row[0]["published"])
        if events.clusters:
            _recount(connection, list(events.clusters))
        written = {table.name: len(rows[table]) for table in t.FACT_TABLES}
        written |= {"documents": 1, "entities": new_entities, "event_clusters": new_clusters}
        tallies.add(connection, written)  # last: the shared tally rows are locked briefly
    return Saved(document.id, True, sum(len(r) for r in rows.values()))


def resolve_references(
    table: Any, rows: list[dict[str, Any]], ids: EntityMap
) -> list[dict[str, Any]]:
    """Apply analyst decisions to every entity-id column of `table` (from the registry)."""
    for reference in _REFERENCES_BY_TABLE.get(table.name, ()):
        for row in rows:
            value = row.get(reference.column)
            if value is None:
                continue
            if reference.kind == "list":
                row[reference.column] = list(dict.fromkeys(ids.resolve(v) for v in value))
            else:
                row[reference.column] = ids.resolve(value)
    return rows


def _referenced(table_rows: Iterable[tuple[Any, list[dict[str, Any]]]]) -> set[str]:
    found: set[str] = set()
    for table, rows in table_rows:
        for reference in _REFERENCES_BY_TABLE.get(table.name, ()):
            for row in rows:
                value = row.get(reference.column)
                if value is None:
                    continue
                found.update(value if reference.kind == "list" else [value])
    return found


def _insert_ignoring_conflicts(
    connection: Connection, table: Any, rows: list[dict[str, Any]]
) -> int:
    """Insert rows, skipping those whose key another writer stored first; how many landed."""
    if not rows:
        return 0
    # RETURNING says which rows landed: rowcount is -1 ("unknown") under psycopg, and the
    # caller's next step (storing the document's facts) depends on the answer
    keys = list(table.primary_key.columns)
    if connection.dialect.name == "sqlite":
        # SQLite's own spelling: SQLAlchemy caches a plain INSERT's compiled form, but compiles
        # its SQLite INSERT (ON CONFLICT) anew for every document
        statement = _IGNORING.get(table.name)
        if statement is None:
            statement = _IGNORING[table.name] = (
                insert(table).prefix_with("OR IGNORE").returning(*keys)
            )
    else:
        statement = dialect_insert(connection, table).on_conflict_do_nothing().returning(*keys)
    return len(connection.execute(statement, rows).all())


def _document_row(extraction: Extraction, now: datetime | None) -> dict[str, Any]:
    doc = extraction.document
    return {
        "id": doc.id,
        "source": doc.source,
        "external_id": doc.external_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "outlet_id": doc.outlet_id,
        "author": doc.author,
        "url": doc.url,
        "volume": doc.volume,
        "issue": doc.issue,
        "published": doc.published.date,
        "published_inferred": doc.published.inferred,
        "published_basis": doc.published.basis,
        "language": doc.language,
        "length": len(doc.text),
        "text": doc.text,
        "extraction": to_dict(extraction, include_text=False),
        "ingested_at": now or datetime.now(UTC),
    }


def _upsert_entities(
    connection: Connection,
    extraction: Extraction,
    ids: EntityMap,
    table_rows: Iterable[tuple[Any, list[dict[str, Any]]]],
) -> int:
    """Insert the document's entities the KB lacks, and a stub for any other id a fact names
    (an outlet the text never mentions), so no stored reference points at nothing; returns
    how many were new."""
    wanted: dict[str, dict[str, Any]] = {}
    for entity in extraction.entities:
        row = _entity_row(entity)
        wanted.setdefault(ids.resolve(entity.id), row)
        for mention in entity.mentions:
            wanted.setdefault(ids.resolve(entity.id, mention.text), row)
    for entity_id in _referenced(table_rows) - set(wanted):
        wanted[entity_id] = _stub_row(entity_id, extraction)
    existing = set(connection.scalars(_KNOWN_ENTITIES, {"ids": list(wanted)}))
    rows = [
        {**row, "id": key, "search_key": search_key(row["name"])}
        for key, row in wanted.items()
        if key not in existing
    ]
    inserted = _insert_ignoring_conflicts(connection, t.entities, rows)
    corrections.improve_countries(connection, {k: wanted[k] for k in existing})
    corrections.apply_corrections(connection, [row["id"] for row in rows])
    return inserted


def _entity_row(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type.value,
        "country": entity.country,
        "known": entity.known,
        "attributes": {a.key: a.value for a in entity.attributes},
    }


def _stub_row(entity_id: str, extraction: Extraction) -> dict[str, Any]:
    kind, _, slug = entity_id.partition(":")
    document = extraction.document
    name = document.outlet if entity_id == document.outlet_id and document.outlet else slug
    return {
        "name": name or entity_id,
        "type": kind if kind in _ENTITY_TYPES else "organization",
        "country": None,
        "known": True,
        "attributes": {},
    }


def _span(evidence: Evidence) -> dict[str, int]:
    return {"sentence": evidence.sentence, "start": evidence.start, "end": evidence.end}


def _fact_rows(extraction: Extraction, ids: EntityMap) -> dict[Any, list[dict[str, Any]]]:
    """Rows of every fact table for one document (entity ids as extracted, mentions split)."""
    doc_id = extraction.document.id
    rows: dict[Any, list[dict[str, Any]]] = {table: [] for table in t.FACT_TABLES}
    for entity in extraction.entities:
        for m in entity.mentions:
            rows[t.mentions].append(
                {
                    "document_id": doc_id,
                    "entity_id": ids.resolve(entity.id, m.text),
                    "text": m.text,
                    "kind": m.kind.value,
                    "sentence": m.sentence,
                    "start": m.start,
                    "end": m.end,
                }
            )
        for role in entity.roles:
            if role.evidence is None:
                continue  # gazetteer knowledge, not a statement of this document
            rows[t.roles].append(
                {
                    "document_id": doc_id,
                    "entity_id": entity.id,
                    "title": role.title,
                    "kind": role.kind,
                    "qualifier": role.qualifier,
                    "organization": role.organization,
                    "organization_id": role.organization_id,
                    "country": role.country,
                    "valid_from": role.start,
                    "valid_until": role.end,
                    **_span(role.evidence),
                }
            )
    for c in extraction.citations:
        rows[t.citations].append(
            {
                "document_id": doc_id,
                "local_id": c.id,
                "kind": c.kind,
                "text": c.text,
                "outlet": c.outlet,
                "media_id": c.media_id,
                "date": c.date,
                "covers": list(c.sentences),
                "problems": list(c.problems),
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
            }
        )
    for d in extraction.dates:
        rows[t.time_expressions].append(
            {
                "document_id": doc_id,
                "text": d.text,
                "granularity": d.granularity.value,
                "value": d.value,
                "range_start": d.range_start,
                "range_end": d.range_end,
                "relation": d.relation,
                "sentence": d.sentence,
                "start": d.start,
                "end": d.end,
            }
        )
    _quote_rows(rows, extraction)
    _relation_rows(rows, extraction)
    _arms_rows(rows, extraction)
    return rows


def _quote_rows(rows: Mapping[Any, list[dict[str, Any]]], extraction: Extraction) -> None:
    doc_id = extraction.document.id
    for q in extraction.quotes:
        rows[t.quotes].append(
            {
                "document_id": doc_id,
                "local_id": q.id,
                "text": q.text,
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_agent": q.speaker_agent.text if q.speaker_agent else None,
                "speaker_agent_code": q.speaker_agent.code if q.speaker_agent else None,
                "addressee": q.addressee,
                "verb": q.verb,
                "stance": q.stance,
                "date": q.date,
                "citation": q.citation,
                **_span(q.evidence),
            }
        )


def _relation_rows(rows: Mapping[Any, list[dict[str, Any]]], extraction: Extraction) -> None:
    doc_id = extraction.document.id
    for r in extraction.relations:
        rows[t.relations].append(
            {
                "document_id": doc_id,
                "subject": r.subject,
                "relation": r.relation,
                "object": r.object,
                "valid_from": r.valid_from,
                "valid_until": r.valid_until,
                "negated": r.negated,
                "confidence": r.confidence,
                "citation": r.citation,
                **_span(r.evidence),
            }
        )


def _arms_rows(rows: Mapping[Any, list[dict[str, Any]]], extraction: Extraction) -> None:
    doc_id = extraction.document.id
    for a in extraction.arms_transfers:
        rows[t.arms_transfers].append(
            {
                "document_id": doc_id,
                "supplier": list(a.supplier),
                "recipient": list(a.recipient),
                "systems": list(a.systems),
                "quantity": a.quantity.value if a.quantity else None,
                "value": a.value.value if a.value else None,
                "value_currency": a.value.unit if a.value else None,
                "value_bound": a.value.bound if a.value else None,
                "period": a.period,
                "status": a.status,
                "citation": a.citation,
                **_span(a.evidence),
            }
        )
    for d in extraction.deployments:
        rows[t.deployments].append(
            {
                "document_id": doc_id,
                "actor": list(d.actor),
                "location": d.location,
                "size": d.size.value if d.size else None,
                "size_bound": d.size.bound if d.size else None,
                "commander": d.commander,
                "date": d.date,
                "citation": d.citation,
                **_span(d.evidence),
            }
        )


def cluster_key(event: Event, document_id: str, ids: EntityMap) -> str:
    """Events of one type between the same actors on the same day are one real event, however
    many documents report it; undated events, and events that name no entity at all
    ("protesters clashed with police"), are not merged across documents."""
    sources = ",".join(sorted(ids.resolve(s) for s in event.source))
    targets = ",".join(sorted(ids.resolve(x) for x in event.target))
    if event.source_agent:
        sources += f"~{event.source_agent.code}"
    if event.target_agent:
        targets += f"~{event.target_agent.code}"
    named = event.source or event.target
    when = event.date if event.date and named else f"undated:{document_id}"
    raw = f"{event.type}|{sources}|{targets}|{when}|{event.negated}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class _EventRows:
    events: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    clusters: dict[str, dict[str, Any]]


def _event_rows(extraction: Extraction, ids: EntityMap) -> _EventRows:
    """A document's events, their sides and the clusters (one real event) they belong to."""
    doc_id = extraction.document.id
    event_rows: list[dict[str, Any]] = []
    actor_rows: list[dict[str, Any]] = []
    clusters: dict[str, dict[str, Any]] = {}
    for e in extraction.events:
        key = cluster_key(e, doc_id, ids)
        clusters.setdefault(key, {"id": key, "type": e.type, "date": e.date, "reports": 0})
        event_id = f"{doc_id}:{e.id}"
        event_rows.append(
            {
                "id": event_id,
                "document_id": doc_id,
                "cluster_id": key,
                "type": e.type,
                "mode": e.mode,
                "context": e.context,
                "cameo": e.cameo,
                "trigger": e.trigger,
                "date": e.date,
                "date_basis": e.date_basis,
                "location": e.location,
                "modality": e.modality.value,
                "negated": e.negated,
                "mutual": e.mutual,
                "source_agent": e.source_agent.text if e.source_agent else None,
                "source_agent_code": e.source_agent.code if e.source_agent else None,
                "target_agent": e.target_agent.text if e.target_agent else None,
                "target_agent_code": e.target_agent.code if e.target_agent else None,
                "attributed_to": e.attributed_to,
                "quote": e.quote,
                "citation": e.citation,
                "confidence": e.confidence,
                "two_sided": bool(e.source) and bool(e.target),
                **_span(e.evidence),
            }
        )
        actors = {("source", ids.resolve(x)) for x in e.source} | {
            ("target", ids.resolve(x)) for x in e.target
        }
        actor_rows += [{"event_id": event_id, "role": role, "entity_id": a} for role, a in actors]
    return _EventRows(event_rows, actor_rows, clusters)


_ADD_MENTIONS = (
    update(t.entities)
    .where(t.entities.c.id == bindparam("entity"))
    .values(
        mention_count=t.entities.c.mention_count + bindparam("mentions"),
        document_count=t.entities.c.document_count + bindparam("documents"),
    )
)


def _count_mentions(connection: Connection, mention_rows: list[dict[str, Any]], sign: int) -> None:
    """Keep the entities' mention and document counts (the maintained aggregate lists sort
    by) in step with one document's mentions, added (+1) or removed (-1). Ids are sorted so
    concurrent PostgreSQL writers lock shared entities in the same order."""
    per_entity = Counter(row["entity_id"] for row in mention_rows)
    if per_entity:
        connection.execute(
            _ADD_MENTIONS,
            [
                {"entity": e, "mentions": sign * n, "documents": sign}
                for e, n in sorted(per_entity.items())
            ],
        )


def _recount(connection: Connection, cluster_ids: list[str]) -> None:
    """Reports of a cluster = the number of distinct documents with an event in it."""
    connection.execute(_RECOUNT, {"ids": cluster_ids})


def remove_document(engine: Engine, document_id: str) -> bool:
    """Retract a document and every fact that rests only on it; True if it was there."""
    with engine.begin() as connection:
        found = connection.execute(
            select(t.documents.c.id, t.documents.c.published).where(t.documents.c.id == document_id)
        ).first()
        if found is None:
            return False
        clusters = set(
            connection.scalars(
                select(t.events.c.cluster_id).where(t.events.c.document_id == document_id)
            )
        )
        mention_rows = [
            {"entity_id": e}
            for e in connection.scalars(
                select(t.mentions.c.entity_id).where(t.mentions.c.document_id == document_id)
            )
        ]
        named = _named_by(connection, document_id)
        stated = _triples(
            connection.execute(
                select(t.relations.c.subject, t.relations.c.relation, t.relations.c.object).where(
                    t.relations.c.document_id == document_id
                )
            ).mappings()
        )
        event_ids = select(t.events.c.id).where(t.events.c.document_id == document_id)
        connection.execute(delete(t.event_actors).where(t.event_actors.c.event_id.in_(event_ids)))
        removed: dict[str, int] = {}
        for table in t.FACT_TABLES:
            gone = connection.execute(delete(table).where(table.c.document_id == document_id))
            removed[table.name] = -gone.rowcount
        connection.execute(delete(t.documents).where(t.documents.c.id == document_id))
        removed["documents"] = -1
        if clusters:
            _recount(connection, list(clusters))
            emptied = delete(t.event_clusters).where(
                t.event_clusters.c.id.in_(sorted(clusters)), t.event_clusters.c.reports == 0
            )
            removed["event_clusters"] = -connection.execute(emptied).rowcount
        _count_mentions(connection, mention_rows, -1)
        firsts.forget(connection, stated, found.published)
        delete_orphan_entities(connection, named)
        tallies.add(connection, removed)
    return True


def _triples(rows: Iterable[Any]) -> list[firsts.Triple]:
    return [(row["subject"], row["relation"], row["object"]) for row in rows]


def _named_by(connection: Connection, document_id: str) -> set[str]:
    """Every entity id the document's rows reference, in every registered column."""
    named: set[str] = set()
    for reference in t.ENTITY_REFERENCES:
        table = reference.table
        column = table.c[reference.column]
        if table is t.event_actors:
            of_document = select(t.events.c.id).where(t.events.c.document_id == document_id)
            query = select(column).where(t.event_actors.c.event_id.in_(of_document))
        else:
            key = table.c.id if table is t.documents else table.c.document_id
            query = select(column).where(key == document_id)
        for value in connection.scalars(query):
            if value is None:
                continue
            if reference.kind == "list":
                values = value if isinstance(value, list) else json.loads(value)
                named.update(str(v) for v in values)
            else:
                named.add(value)
    return named
