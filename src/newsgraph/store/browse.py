"""Queries for browsing the knowledge base: the document list, one document with all its facts
(what the web reader highlights), the alignment/interaction network and facts by place.

Like `queries`, every function returns plain rows and every fact row keeps its span, so a
view can point at the characters a fact was read from.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, or_, select

from newsgraph.store import queries
from newsgraph.store import schema as t

Rows = list[dict[str, Any]]

_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_ACTOR_TYPES = ("person", "state", "organization", "armed_force", "group", "media")


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Filters for the document list; `search` is full text, the rest exact."""

    search: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None


def documents(
    engine: Engine, selected: DocumentFilter, *, limit: int = 50, offset: int = 0
) -> tuple[Rows, int]:
    """One page of documents (newest first, or best match first when searching) and the total
    number that match, each with its fact counts and, when searching, a snippet."""
    d = t.documents
    conditions: list[ColumnElement[bool]] = []
    snippets: dict[str, str] = {}
    if selected.search:
        hits = queries.search(engine, selected.search, limit=1000, snippets=False)
        snippets = {h["id"]: h["snippet"] for h in hits}
        conditions.append(d.c.id.in_(list(snippets)))
    if selected.outlet:
        conditions.append(d.c.outlet == selected.outlet)
    if selected.since:
        conditions.append(d.c.published >= selected.since)
    if selected.until:
        conditions.append(d.c.published <= selected.until)
    n_events = (
        select(func.count()).where(t.events.c.document_id == d.c.id).scalar_subquery()
    ).label("events")
    n_quotes = (
        select(func.count()).where(t.quotes.c.document_id == d.c.id).scalar_subquery()
    ).label("quotes")
    columns = [d.c.id, d.c.title, d.c.outlet, d.c.published, d.c.source, d.c.length]
    query = select(*columns, n_events, n_quotes).where(*conditions)
    with engine.connect() as c:
        total = c.scalar(select(func.count()).select_from(d).where(*conditions)) or 0
        if snippets:
            # only the page's documents get their fact counts: the hits are already ranked
            kept = set(c.scalars(select(d.c.id).where(*conditions)))
            ranked = [i for i in snippets if i in kept][offset : offset + limit]
            order = {doc_id: rank for rank, doc_id in enumerate(ranked)}
            rows = [dict(r._mapping) for r in c.execute(query.where(d.c.id.in_(ranked)))]
            rows.sort(key=lambda r: order[r["id"]])
        else:
            ordered = query.order_by(d.c.published.desc(), d.c.title).limit(limit).offset(offset)
            rows = [dict(r._mapping) for r in c.execute(ordered)]
    if snippets:  # cut only for the page shown, once the connection above is returned
        among = [row["id"] for row in rows]
        cut = queries.search(engine, selected.search or "", limit=limit, among=among)
        snippets = {h["id"]: h["snippet"] for h in cut}
    for row in rows:
        row["snippet"] = snippets.get(row["id"])
    return rows, total


def outlets(engine: Engine) -> list[tuple[str, int]]:
    """Outlets with their document counts, most documents first."""
    d = t.documents
    query = (
        select(d.c.outlet, func.count())
        .where(d.c.outlet.is_not(None))
        .group_by(d.c.outlet)
        .order_by(func.count().desc(), d.c.outlet)
    )
    with engine.connect() as c:
        return [(outlet, n) for outlet, n in c.execute(query)]


def document(engine: Engine, document_id: str) -> dict[str, Any] | None:
    """A document with its text, sentence spans and every fact read from it."""
    with engine.connect() as c:
        row = c.execute(select(t.documents).where(t.documents.c.id == document_id)).first()
        if row is None:
            return None
        found = dict(row._mapping)
        extraction = found.pop("extraction") or {}
        found["sentences"] = [(s["start"], s["end"]) for s in extraction.get("sentences", [])]
        found["mentions"] = _rows(
            c,
            select(t.mentions, t.entities.c.name, t.entities.c.type)
            .join(t.entities, t.entities.c.id == t.mentions.c.entity_id)
            .where(t.mentions.c.document_id == document_id)
            .order_by(t.mentions.c.start),
        )
        for table in (t.time_expressions, t.citations, t.roles, t.arms_transfers, t.deployments):
            found[table.name] = _rows(
                c, select(table).where(table.c.document_id == document_id).order_by(table.c.start)
            )
        found["quotes"] = _document_quotes(c, document_id)
        found["relations"] = _document_relations(c, document_id)
        found["names"] = _names(c, found)
    found["events"] = queries.events(engine, document=document_id, limit=100_000)
    found["events"].sort(key=lambda e: (e["evidence"]["start"] or 0, e["id"]))
    return found


def _rows(connection: Any, query: Any) -> Rows:
    return [dict(r._mapping) for r in connection.execute(query)]


def _document_quotes(connection: Any, document_id: str) -> Rows:
    query = queries.quote_select().where(t.quotes.c.document_id == document_id)
    return _rows(connection, query.order_by(t.quotes.c.start))


def _document_relations(connection: Any, document_id: str) -> Rows:
    """Every alignment read from the document, negated ones too (the reader shows "not")."""
    query = queries.relation_select().where(t.relations.c.document_id == document_id)
    return _rows(connection, query.order_by(t.relations.c.start))


def _names(connection: Any, found: dict[str, Any]) -> dict[str, str]:
    """Names of the entities that arms transfers and deployments refer to by id."""
    ids: set[str] = set()
    for transfer in found["arms_transfers"]:
        ids.update(transfer["supplier"] + transfer["recipient"] + transfer["systems"])
    for deployment in found["deployments"]:
        ids.update(deployment["actor"])
        ids.update(i for i in (deployment["location"], deployment["commander"]) if i)
    query = select(t.entities.c.id, t.entities.c.name).where(t.entities.c.id.in_(sorted(ids)))
    return dict(connection.execute(query).tuples().all())


# the network draws its event edges from at most this many event reports (the latest up to
# its date) and at most this many alignments: enough for any drawing of max_nodes actors, and
# the cost stays bounded as the KB grows
MAX_NETWORK_EVENTS = 5_000
MAX_NETWORK_ALIGNMENTS = 2_000


@dataclass(frozen=True, slots=True)
class NetworkFilter:
    """Which edges the network shows: alignments in force `as_of` (of the given relations) and,
    when `events` is set, event interactions dated up to `as_of`."""

    as_of: str | None = None
    relations: tuple[str, ...] = ()
    events: bool = True
    event_types: tuple[str, ...] = ()
    max_nodes: int = 150


def network(engine: Engine, selected: NetworkFilter) -> dict[str, Rows]:
    """Nodes (actors) and edges (alignments; event interactions grouped by source, target and
    type) with evidence for each edge, trimmed to the `max_nodes` best-connected actors."""
    edges = [
        {
            "id": f"r{i}",
            "kind": "alignment",
            "label": row["relation"],
            "source": row["subject_id"],
            "target": row["object_id"],
            "count": 1,
            "date": row["valid_from"],
            "evidence": [row["id"]],  # cut below, for the edges kept
        }
        for i, row in enumerate(
            queries.alignments(
                engine,
                as_of=selected.as_of,
                limit=MAX_NETWORK_ALIGNMENTS,
                with_evidence=False,
            )
        )
        if not selected.relations or row["relation"] in selected.relations
    ]
    if selected.events:
        edges += _interaction_edges(engine, selected)
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge["source"]] += edge["count"]
        degree[edge["target"]] += edge["count"]
    kept = set(sorted(degree, key=lambda n: (-degree[n], n))[: selected.max_nodes])
    edges = [e for e in edges if e["source"] in kept and e["target"] in kept]
    with engine.connect() as c:
        # evidence is cut only for the edges kept, of both kinds
        for kind, table in (("alignment", t.relations), ("event", t.events)):
            of_kind = [e for e in edges if e["kind"] == kind]
            shown = queries.fact_evidence(c, table, [i for e in of_kind for i in e["evidence"]])
            for edge in of_kind:
                edge["evidence"] = [shown[i] for i in edge["evidence"]]
        query = select(t.entities.c.id, t.entities.c.name, t.entities.c.type, t.entities.c.country)
        nodes = _rows(c, query.where(t.entities.c.id.in_(sorted(kept))))
    for node in nodes:
        node["degree"] = degree[node["id"]]
    return {"nodes": nodes, "edges": edges}


def _interaction_edges(engine: Engine, selected: NetworkFilter) -> Rows:
    """One edge per (source, target, event type): how often, first/last date, and the ids of
    up to three events to cite (the most recent; `network` cuts their evidence)."""
    e, ea = t.events, t.event_actors
    src, tgt = ea.alias("src"), ea.alias("tgt")
    query = (
        select(
            src.c.entity_id.label("source"),
            tgt.c.entity_id.label("target"),
            e.c.type,
            e.c.date,
            e.c.id,
        )
        .join(src, (src.c.event_id == e.c.id) & (src.c.role == "source"))
        .join(tgt, (tgt.c.event_id == e.c.id) & (tgt.c.role == "target"))
        .where(t.TWO_SIDED, src.c.entity_id != tgt.c.entity_id, e.c.negated.is_(False))
        # newest first, undated last on both databases (PostgreSQL put undated events first);
        # no tie-break by id, which would make SQLite sort every event actor instead of
        # walking its date index
        .order_by(e.c.date.desc().nulls_last())
        .limit(MAX_NETWORK_EVENTS)
    )
    if selected.as_of:
        query = query.where(or_(e.c.date.is_(None), e.c.date <= selected.as_of + "~"))
    if selected.event_types:
        query = query.where(e.c.type.in_(selected.event_types))
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    with engine.connect() as c:
        for row in c.execute(query):
            key = (row.source, row.target, row.type)
            edge = grouped.setdefault(
                key,
                {"id": "e" + str(len(grouped)), "kind": "event", "label": row.type,
                 "source": row.source, "target": row.target, "count": 0, "date": row.date,
                 "first": row.date, "evidence": []},
            )  # fmt: skip
            edge["count"] += 1
            edge["first"] = row.date or edge["first"]
            if len(edge["evidence"]) < 3:
                edge["evidence"].append(row.id)
    return list(grouped.values())


def date_range(engine: Engine) -> tuple[str | None, str | None]:
    """The first and last day the knowledge base has dated facts or documents for (a value of
    year or month precision counts from its first day to its last)."""
    days: list[str] = []
    with engine.connect() as c:
        for column in (t.documents.c.published, t.events.c.date, t.relations.c.valid_from):
            # one aggregate per statement: then each end is a single index lookup
            low = c.scalar(select(func.min(column)))
            high = c.scalar(select(func.max(column)))
            days += [d for d in (_day(low, first=True), _day(high, first=False)) if d]
    return (min(days), max(days)) if days else (None, None)


def _day(value: str | None, *, first: bool) -> str | None:
    """'2019' -> 2019-01-01 or 2019-12-31; '2019-02' -> 2019-02-01 or 2019-02-28; '1980s' ->
    1980-01-01 or 1980-12-31 (its first year: decades sort before their years)."""
    match = _ISO_PREFIX.match(value or "")
    if match is None:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    if day:
        return f"{year:04d}-{month}-{day}"
    if month:
        last = calendar.monthrange(year, int(month))[1]
        return f"{year:04d}-{month}-{'01' if first else last}"
    return f"{year:04d}-01-01" if first else f"{year:04d}-12-31"


def places(engine: Engine) -> Rows:
    """Places with coordinates: how often each is mentioned and how many events happened
    there."""
    ents = t.entities
    located = (
        select(t.events.c.location, func.count().label("n"))
        .where(t.events.c.location.is_not(None))
        .group_by(t.events.c.location)
        .subquery()
    )
    query = (
        select(
            ents.c.id,
            ents.c.name,
            ents.c.country,
            ents.c.attributes,
            ents.c.mention_count.label("mentions"),
            func.coalesce(located.c.n, 0).label("events"),
        )
        .join(located, located.c.location == ents.c.id, isouter=True)
        .where(ents.c.type == "place")
    )
    found = []
    with engine.connect() as c:
        for row in c.execute(query):
            attributes = row.attributes or {}
            if "latitude" in attributes and "longitude" in attributes:
                found.append(
                    {
                        "id": row.id,
                        "name": row.name,
                        "country": row.country,
                        "latitude": attributes["latitude"],
                        "longitude": attributes["longitude"],
                        "mentions": row.mentions,
                        "events": row.events,
                    }
                )
    return found


# the map's per-country activity counts the newest this many events (all of them in a KB
# smaller than that): the same bounded window as the event facets
MAP_WINDOW = queries.FACET_WINDOW


def countries(engine: Engine) -> Rows:
    """Per ISO alpha-3 country: events its actors took part in (among the newest MAP_WINDOW
    events) and actors it has."""
    ents, e = t.entities, t.events
    with engine.connect() as c:
        newest = select(e.c.id).order_by(*queries.newest_events()).limit(MAP_WINDOW)
        events_by = queries.event_countries(c, list(c.scalars(newest)))
        actors_by: dict[str, int] = dict(
            c.execute(
                select(ents.c.country, func.count())
                .where(ents.c.country.is_not(None), ents.c.type.in_(_ACTOR_TYPES))
                .group_by(ents.c.country)
            )
            .tuples()
            .all()
        )
    return [
        {"country": code, "events": events_by.get(code, 0), "actors": actors_by.get(code, 0)}
        for code in sorted(set(events_by) | set(actors_by))
    ]
