"""Write extractions to the knowledge base: one transaction per document, idempotent.

A document already present (same content hash) adds nothing. Analyst decisions recorded in
`entity_merges` are applied to every fact as it is written, so they survive re-ingest.
"""

from __future__ import annotations

import hashlib
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
    union,
    update,
)

from newsgraph.contract import to_dict
from newsgraph.models import Entity, Event, Evidence, Extraction
from newsgraph.store import schema as t

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


def save_extraction(
    engine: Engine, extraction: Extraction, *, now: datetime | None = None
) -> Saved:
    """Store one document and all its facts atomically; a known document is left alone."""
    document = extraction.document
    with engine.begin() as connection:
        if connection.execute(_KNOWN_DOCUMENT, {"id": document.id}).first() is not None:
            return Saved(document.id, False, 0)
        ids = EntityMap(connection)
        _insert_document(connection, extraction, now or datetime.now(UTC))
        _upsert_entities(connection, extraction.entities, ids)
        facts = _insert_facts(connection, extraction, ids)
    return Saved(document.id, True, facts)


def _insert_document(connection: Connection, extraction: Extraction, now: datetime) -> None:
    doc = extraction.document
    connection.execute(
        _INSERTS[t.documents],
        {
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
            "ingested_at": now,
        },
    )


def _upsert_entities(connection: Connection, entities: Iterable[Entity], ids: EntityMap) -> None:
    wanted = {ids.resolve(e.id): e for e in entities}
    for entity in entities:
        for mention in entity.mentions:
            split_id = ids.resolve(entity.id, mention.text)
            wanted.setdefault(split_id, entity)
    existing = set(connection.scalars(_KNOWN_ENTITIES, {"ids": list(wanted)}))
    rows = [
        {
            "id": entity_id,
            "name": entity.name,
            "type": entity.type.value,
            "country": entity.country,
            "known": entity.known,
            "attributes": {a.key: a.value for a in entity.attributes},
        }
        for entity_id, entity in wanted.items()
        if entity_id not in existing
    ]
    if rows:
        connection.execute(_INSERTS[t.entities], rows)


def _span(evidence: Evidence) -> dict[str, int]:
    return {"sentence": evidence.sentence, "start": evidence.start, "end": evidence.end}


def _insert_facts(connection: Connection, extraction: Extraction, ids: EntityMap) -> int:
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
                    "entity_id": ids.resolve(entity.id),
                    "title": role.title,
                    "kind": role.kind,
                    "qualifier": role.qualifier,
                    "organization": role.organization,
                    "organization_id": _opt(ids, role.organization_id),
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
                "media_id": _opt(ids, c.media_id),
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
    _quote_rows(rows, extraction, ids)
    _relation_rows(rows, extraction, ids)
    _arms_rows(rows, extraction, ids)
    for table, table_rows in rows.items():
        if table_rows and table is not t.events:
            connection.execute(_INSERTS[table], table_rows)
    count = sum(len(r) for r in rows.values())
    return count + _insert_events(connection, extraction, ids)


def _opt(ids: EntityMap, entity_id: str | None) -> str | None:
    return ids.resolve(entity_id) if entity_id else None


def _quote_rows(
    rows: Mapping[Any, list[dict[str, Any]]], extraction: Extraction, ids: EntityMap
) -> None:
    doc_id = extraction.document.id
    for q in extraction.quotes:
        rows[t.quotes].append(
            {
                "document_id": doc_id,
                "local_id": q.id,
                "text": q.text,
                "kind": q.kind,
                "speaker": _opt(ids, q.speaker),
                "addressee": _opt(ids, q.addressee),
                "verb": q.verb,
                "stance": q.stance,
                "date": q.date,
                "citation": q.citation,
                **_span(q.evidence),
            }
        )


def _relation_rows(
    rows: Mapping[Any, list[dict[str, Any]]], extraction: Extraction, ids: EntityMap
) -> None:
    doc_id = extraction.document.id
    for r in extraction.relations:
        rows[t.relations].append(
            {
                "document_id": doc_id,
                "subject": ids.resolve(r.subject),
                "relation": r.relation,
                "object": ids.resolve(r.object),
                "valid_from": r.valid_from,
                "valid_until": r.valid_until,
                "negated": r.negated,
                "confidence": r.confidence,
                "citation": r.citation,
                **_span(r.evidence),
            }
        )


def _arms_rows(
    rows: Mapping[Any, list[dict[str, Any]]], extraction: Extraction, ids: EntityMap
) -> None:
    doc_id = extraction.document.id
    for a in extraction.arms_transfers:
        rows[t.arms_transfers].append(
            {
                "document_id": doc_id,
                "supplier": [ids.resolve(s) for s in a.supplier],
                "recipient": [ids.resolve(r) for r in a.recipient],
                "systems": [ids.resolve(s) for s in a.systems],
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
                "actor": [ids.resolve(x) for x in d.actor],
                "location": _opt(ids, d.location),
                "size": d.size.value if d.size else None,
                "size_bound": d.size.bound if d.size else None,
                "commander": _opt(ids, d.commander),
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


def _insert_events(connection: Connection, extraction: Extraction, ids: EntityMap) -> int:
    """All events of a document in three statements, then their clusters' report counts."""
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
                "location": _opt(ids, e.location),
                "modality": e.modality.value,
                "negated": e.negated,
                "mutual": e.mutual,
                "source_agent": e.source_agent.text if e.source_agent else None,
                "source_agent_code": e.source_agent.code if e.source_agent else None,
                "target_agent": e.target_agent.text if e.target_agent else None,
                "target_agent_code": e.target_agent.code if e.target_agent else None,
                "attributed_to": _opt(ids, e.attributed_to),
                "quote": e.quote,
                "citation": e.citation,
                "confidence": e.confidence,
                **_span(e.evidence),
            }
        )
        actors = {("source", ids.resolve(x)) for x in e.source} | {
            ("target", ids.resolve(x)) for x in e.target
        }
        actor_rows += [{"event_id": event_id, "role": role, "entity_id": a} for role, a in actors]
    if not event_rows:
        return 0
    known = set(connection.scalars(_KNOWN_CLUSTERS, {"ids": list(clusters)}))
    fresh = [row for key, row in clusters.items() if key not in known]
    if fresh:
        connection.execute(_INSERTS[t.event_clusters], fresh)
    connection.execute(_INSERTS[t.events], event_rows)
    if actor_rows:
        connection.execute(_INSERTS[t.event_actors], actor_rows)
    _recount(connection, list(clusters))
    return len(event_rows) + len(actor_rows)


def _recount(connection: Connection, cluster_ids: list[str]) -> None:
    """Reports of a cluster = the number of distinct documents with an event in it."""
    connection.execute(_RECOUNT, {"ids": cluster_ids})


def remove_document(engine: Engine, document_id: str) -> bool:
    """Retract a document and every fact that rests only on it; True if it was there."""
    with engine.begin() as connection:
        found = connection.execute(
            select(t.documents.c.id).where(t.documents.c.id == document_id)
        ).first()
        if found is None:
            return False
        clusters = set(
            connection.scalars(
                select(t.events.c.cluster_id).where(t.events.c.document_id == document_id)
            )
        )
        event_ids = select(t.events.c.id).where(t.events.c.document_id == document_id)
        connection.execute(delete(t.event_actors).where(t.event_actors.c.event_id.in_(event_ids)))
        for table in t.FACT_TABLES:
            connection.execute(delete(table).where(table.c.document_id == document_id))
        connection.execute(delete(t.documents).where(t.documents.c.id == document_id))
        if clusters:
            _recount(connection, list(clusters))
        connection.execute(delete(t.event_clusters).where(t.event_clusters.c.reports == 0))
        _delete_orphan_entities(connection)
    return True


def _delete_orphan_entities(connection: Connection) -> None:
    """Entities no remaining fact names (analyst decisions keep theirs in entity_merges)."""
    used = union(
        select(t.mentions.c.entity_id),
        select(t.event_actors.c.entity_id),
        select(t.relations.c.subject),
        select(t.relations.c.object),
        select(t.quotes.c.speaker).where(t.quotes.c.speaker.is_not(None)),
        select(t.quotes.c.addressee).where(t.quotes.c.addressee.is_not(None)),
        select(t.roles.c.entity_id),
    )
    connection.execute(delete(t.entities).where(t.entities.c.id.not_in(used)))


def record_decision(
    engine: Engine,
    action: str,
    source: str,
    target: str,
    *,
    surface: str | None = None,
    note: str | None = None,
) -> None:
    """Record an analyst's merge or split and apply it to the facts already stored."""
    with engine.begin() as connection:
        connection.execute(
            insert(t.entity_merges).values(
                source_id=source,
                target_id=target,
                action=action,
                surface=surface,
                note=note,
                created_at=datetime.now(UTC),
            )
        )
        if action == "merge":
            _ensure_entity_like(connection, target, source)
            _repoint(connection, source, target, None)
        else:
            _ensure_entity_like(connection, target, source, name=surface)
            _repoint(connection, source, target, surface)


def _ensure_entity_like(
    connection: Connection, entity_id: str, model_id: str, name: str | None = None
) -> None:
    if (
        connection.execute(select(t.entities.c.id).where(t.entities.c.id == entity_id)).first()
        is not None
    ):
        return
    model = connection.execute(select(t.entities).where(t.entities.c.id == model_id)).first()
    connection.execute(
        insert(t.entities).values(
            id=entity_id,
            name=name or (model.name if model else entity_id),
            type=model.type if model else entity_id.split(":", 1)[0],
            country=model.country if model else None,
            known=False,
            attributes={},
        )
    )


def _repoint(connection: Connection, source: str, target: str, surface: str | None) -> None:
    """Move stored facts from one entity id to another (all of them, or one surface's)."""
    if surface is not None:
        connection.execute(
            update(t.mentions)
            .where(t.mentions.c.entity_id == source, t.mentions.c.text == surface)
            .values(entity_id=target)
        )
        return
    columns = [
        (t.mentions, "entity_id"),
        (t.roles, "entity_id"),
        (t.relations, "subject"),
        (t.relations, "object"),
        (t.quotes, "speaker"),
        (t.quotes, "addressee"),
        (t.events, "attributed_to"),
    ]
    for table, column in columns:
        connection.execute(update(table).where(table.c[column] == source).values({column: target}))
    existing = set(
        connection.scalars(
            select(t.event_actors.c.event_id).where(t.event_actors.c.entity_id == target)
        )
    )
    connection.execute(
        delete(t.event_actors).where(
            t.event_actors.c.entity_id == source, t.event_actors.c.event_id.in_(existing)
        )
    )
    connection.execute(
        update(t.event_actors).where(t.event_actors.c.entity_id == source).values(entity_id=target)
    )
    connection.execute(delete(t.entities).where(t.entities.c.id == source))
