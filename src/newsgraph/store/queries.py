"""Questions analysts ask of the knowledge base; every answer row carries its evidence.

Each function returns plain rows (dicts) so the CLI can print them as tables, JSON or CSV and
the web app can render them. Evidence is `{document, sentence, start, end, text}` where `text`
is the sentence-level span of the document the fact was read from.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Label,
    Row,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    text,
)

from newsgraph.errors import QueryError
from newsgraph.folding import search_key
from newsgraph.store import schema as t
from newsgraph.store import tallies

Rows = list[dict[str, Any]]


def evidence_text(table: Any) -> Label[Any]:
    """The characters a fact was read from, cut out of its document by the database: only the
    span travels, never the whole text (a column for any fact table's select)."""
    d = t.documents.alias("evidence_document")
    c = table.c
    length = case((c.end > c.start, c.end - c.start), else_=0)
    return (
        select(func.substr(d.c.text, c.start + 1, length))
        .where(d.c.id == c.document_id)
        .correlate_except(d)
        .scalar_subquery()
        .label("evidence_text")
    )


def evidence(row: Any) -> dict[str, Any]:
    """A fact row's evidence (`document`, `sentence`, `start`, `end`, `text`); the row was
    selected with `evidence_text`."""
    m = row._mapping  # read by key: a Row's attributes cost five times as much per access
    return {
        "document": m["document_id"],
        "sentence": m["sentence"],
        "start": m["start"],
        "end": m["end"],
        "text": m["evidence_text"] or "",
    }


def find_entity(engine: Engine, name: str) -> dict[str, Any] | None:
    """An entity by id, exact name, or the best name match (most mentioned); names match
    without regard to case or diacritics ("guaido" finds "Juan Guaidó")."""
    key = search_key(name)
    ranked = (t.entities.c.mention_count.desc(), t.entities.c.id)
    with engine.connect() as c:
        # several actors can share a name ("Supreme Court", one per country): the most
        # mentioned of them
        row = c.execute(
            select(t.entities)
            .where(
                or_(
                    t.entities.c.id == name,
                    t.entities.c.name == name,
                    t.entities.c.search_key == key,
                )
            )
            .order_by((t.entities.c.id == name).desc(), (t.entities.c.name == name).desc(), *ranked)
        ).first()
        if row is None:
            # most mentioned first, from the maintained count: no scan of mentions
            partial = or_(
                t.entities.c.name.ilike(f"%{name}%"),
                t.entities.c.search_key.contains(key, autoescape=True),
            )
            row = c.execute(select(t.entities).where(partial).order_by(*ranked)).first()
        if row is None:
            named = select(t.mentions.c.entity_id).where(t.mentions.c.text == name)
            query = select(t.entities).where(t.entities.c.id.in_(named)).order_by(*ranked)
            row = c.execute(query).first()
    return dict(row._mapping) if row is not None else None


def entity_id(engine: Engine, name: str | None) -> str | None:
    """The id of the actor a filter names (by id or name); a name nothing matches is returned
    as given, so it filters to nothing rather than to everything."""
    if not name:
        return None
    found = find_entity(engine, name)
    return str(found["id"]) if found else name


def actors(engine: Engine, search: str = "", *, type: str | None = None, limit: int = 50) -> Rows:
    """Entities whose name matches, with mention and document counts, most mentioned first
    (the counts are maintained by the writer and curation, so this reads no mentions)."""
    e = t.entities
    query = (
        select(
            e.c.id,
            e.c.name,
            e.c.type,
            e.c.country,
            e.c.mention_count.label("mentions"),
            e.c.document_count.label("documents"),
        )
        .order_by(e.c.mention_count.desc(), e.c.name)
        .limit(limit)
    )
    if search:
        query = query.where(
            or_(
                e.c.name.ilike(f"%{search}%"),
                e.c.search_key.contains(search_key(search), autoescape=True),
            )
        )
    if type:
        query = query.where(e.c.type == type)
    with engine.connect() as c:
        return [dict(r._mapping) for r in c.execute(query)]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters events can be selected by; empty fields do not filter."""

    actor: str | None = None
    target: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    modality: str | None = None
    document: str | None = None
    agent: str | None = None  # CAMEO agent type of either side: REB, MIL, CVL ...
    # events the coder itself doubts (confidence below this) are left out; None shows all
    min_confidence: float | None = None
    dated: bool = False  # only events with a date (a timeline has no place for the others)

    def where(self, probe: frozenset[str] = frozenset()) -> list[ColumnElement[bool]]:
        """SQL conditions on `events` for every filter that is set. The sides in `probe`
        ("source", "target") are tested event by event instead (see `frequent_sides`)."""
        e, ea = t.events, t.event_actors
        conditions: list[ColumnElement[bool]] = []
        for entity_id, role in ((self.actor, "source"), (self.target, "target")):
            if entity_id and role in probe:
                # an actor in many events: walking the newest events and probing each finds
                # a page sooner than gathering all of them (Trump as source: 350 ms -> ms)
                on_side = select(ea.c.event_id).where(
                    ea.c.event_id == e.c.id, ea.c.entity_id == entity_id, ea.c.role == role
                )
                conditions.append(on_side.exists())
            elif entity_id:
                # materialised first: an actor's events are few, and PostgreSQL otherwise walks
                # the newest-first index probing each event (300 ms for an actor of 2019)
                with_actor = (
                    select(ea.c.event_id)
                    .where(and_(ea.c.entity_id == entity_id, ea.c.role == role))
                    .cte(f"{role}_events")
                    .prefix_with("MATERIALIZED", dialect="postgresql")
                )
                conditions.append(e.c.id.in_(select(with_actor.c.event_id)))
        if self.country:
            with_country = (
                select(ea.c.event_id)
                .join(t.entities, t.entities.c.id == ea.c.entity_id)
                .where(t.entities.c.country == self.country)
            )
            conditions.append(e.c.id.in_(with_country))
        for column, value in (
            (e.c.type, self.type),
            (e.c.modality, self.modality),
            (e.c.document_id, self.document),
        ):
            if value:
                conditions.append(column == value)
        if self.agent:
            conditions.append(
                or_(e.c.source_agent_code == self.agent, e.c.target_agent_code == self.agent)
            )
        if self.min_confidence:
            conditions.append(e.c.confidence >= self.min_confidence)
        if self.dated:
            conditions.append(e.c.date.is_not(None))
        if self.since:
            conditions.append(e.c.date >= self.since)
        if self.until:
            conditions.append(e.c.date <= self.until + "~")  # "~" sorts after any ISO suffix
        return conditions


def events(
    engine: Engine,
    *,
    actor: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    modality: str | None = None,
    document: str | None = None,
    agent: str | None = None,
    min_confidence: float | None = None,
    limit: int = 200,
    offset: int = 0,
) -> Rows:
    """Events matching every given filter, newest first, with actors, report count, evidence.
    A side named only by what it is ("insurgents") shows that text among its actors."""
    selected = EventFilter(
        actor, target, type, since, until, country, modality, document, agent, min_confidence
    )
    return filtered_events(engine, selected, limit=limit, offset=offset)


def newest_events() -> tuple[ColumnElement[Any], ...]:
    """The order of every newest-first event list: by date, undated last, then by id (the
    order the PostgreSQL newest-first indexes and the keyset cursor follow)."""
    return (t.events.c.date.desc().nulls_last(), t.events.c.id)


def filtered_events(
    engine: Engine,
    selected: EventFilter,
    *,
    limit: int = 200,
    offset: int = 0,
    after: str | None = None,
    with_evidence: bool = True,
) -> Rows:
    """`events` with the filters given as one object (what the web app passes around).

    Newest first (undated last, then by id). `after` is the cursor of the last row of the
    previous page (`event_cursor`): the next page then starts with an index seek instead of
    counting past `offset` rows, so reading page 10,000 costs what page 1 does. Without
    `with_evidence` the rows' evidence has no text (a caller that keeps few of them cuts it
    for those with `fact_evidence`)."""
    e = t.events
    newest = newest_events()
    with engine.connect() as c:
        probe = frequent_sides(c, selected)
        # the page's ids first, then their rows: evidence is cut only for the rows shown (a
        # sort computes every selected column of every candidate row before it limits)
        page = select(e.c.id).where(*selected.where(probe)).order_by(*newest)
        page = page.limit(limit).offset(offset)
        if after is not None:
            page = page.where(_after(after))
        shown = page.subquery("page")
        text_of = evidence_text(e) if with_evidence else literal(None).label("evidence_text")
        query = (
            select(e, t.event_clusters.c.reports, text_of)
            .join(shown, shown.c.id == e.c.id)
            .join(t.event_clusters, t.event_clusters.c.id == e.c.cluster_id)
            .order_by(*newest)
        )
        rows = list(c.execute(query))
        actors_of = _event_actors(c, [r.id for r in rows])
    return [_event_row(r, actors_of) for r in rows]


# an actor on one side of at least this many events is probed event by event (EventFilter)
FREQUENT_ACTOR = 5_000


def frequent_sides(connection: Any, selected: EventFilter) -> frozenset[str]:
    """The sides whose actor is on that side of FREQUENT_ACTOR events or more (a capped count
    over the entity's index entries), only on PostgreSQL, whose planner cannot tell."""
    if connection.dialect.name != "postgresql":
        return frozenset()
    ea = t.event_actors
    found = set()
    for entity_id, role in ((selected.actor, "source"), (selected.target, "target")):
        if not entity_id:
            continue
        rows = select(ea.c.event_id).where(ea.c.entity_id == entity_id, ea.c.role == role)
        capped = select(func.count()).select_from(rows.limit(FREQUENT_ACTOR).subquery())
        if connection.scalar(capped) >= FREQUENT_ACTOR:
            found.add(role)
    return frozenset(found)


def event_cursor(row: dict[str, Any]) -> str:
    """The keyset cursor of an event row: the page after it starts past its date and id."""
    raw = json.dumps([row["date"], row["id"]], ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _after(cursor: str) -> ColumnElement[bool]:
    e = t.events
    try:
        date, event_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(event_id, str) or not isinstance(date, str | None):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error) as error:
        raise QueryError(f"not an event cursor: {cursor[:40]!r}") from error
    if date is None:  # undated rows come last, by id
        return and_(e.c.date.is_(None), e.c.id > event_id)
    return or_(e.c.date < date, and_(e.c.date == date, e.c.id > event_id), e.c.date.is_(None))


# facets are counted over at most this many of the selected events (the newest), and a total
# is counted exactly up to COUNT_CAP: exact on any KB or selection smaller than that, a bounded
# cost on a KB of millions (the answer says when a bound cut in)
FACET_WINDOW = 5_000
COUNT_CAP = 100_000


def event_facets(engine: Engine, selected: EventFilter) -> dict[str, list[tuple[str, int]]]:
    """How the events a filter selects divide by type, modality, actor country and agent,
    and how many there are (`total`). Counts are among the newest FACET_WINDOW of them
    (`window` is present when that cut in); the total is exact up to COUNT_CAP (`capped`
    is present when there are more)."""
    e = t.events
    conditions = selected.where()
    with engine.connect() as c:
        total = _capped_count(c, conditions)
        newest = newest_events()
        rows = c.execute(
            select(e.c.id, e.c.type, e.c.modality, e.c.source_agent_code, e.c.target_agent_code)
            .where(*conditions)
            .order_by(*newest)
            .limit(FACET_WINDOW)
        ).all()
        countries = event_countries(c, [r.id for r in rows])
    agents = Counter(code for r in rows for code in (r[3], r[4]) if code is not None)
    facets: dict[str, list[tuple[str, int]]] = {
        "type": _ranked(Counter(r.type for r in rows)),
        "modality": _ranked(Counter(r.modality for r in rows)),
        "country": _ranked(countries),
        "agent": _ranked(agents),
        "total": [("events", total)],
    }
    if total > FACET_WINDOW:
        facets["window"] = [("newest", FACET_WINDOW)]
    if total > COUNT_CAP:
        facets["capped"] = [("at least", COUNT_CAP)]
    return facets


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda r: -r[1])


def _capped_count(connection: Any, conditions: list[ColumnElement[bool]]) -> int:
    """How many events the conditions select: the maintained tally when there are none, else
    a count that stops after COUNT_CAP + 1 rows."""
    if not conditions:
        return tallies.read(connection)["events"]
    bounded = select(t.events.c.id).where(*conditions).limit(COUNT_CAP + 1).subquery()
    return connection.scalar(select(func.count()).select_from(bounded)) or 0


def event_countries(connection: Any, event_ids: Sequence[str]) -> Counter[str]:
    """Per country: how many of these events have an actor of that country. Looked up by the
    events' keys in chunks: PostgreSQL otherwise hash-joined the window with every event actor
    of the KB (280 ms at 100,000 documents)."""
    ea, ents = t.event_actors, t.entities
    found: Counter[str] = Counter()
    events = func.count(func.distinct(ea.c.event_id))  # counted by the database, not here
    for start in range(0, len(event_ids), 500):
        query = (
            select(ents.c.country, events)
            .join(ents, ents.c.id == ea.c.entity_id)
            .where(ea.c.event_id.in_(event_ids[start : start + 500]), ents.c.country.is_not(None))
            .group_by(ents.c.country)
        )
        found.update(dict(connection.execute(query).tuples().all()))
    return found


def _event_actors(connection: Any, event_ids: Sequence[str]) -> dict[str, dict[str, list[Any]]]:
    found: dict[str, dict[str, list[Any]]] = {
        i: {"source": [], "target": [], "source_ids": [], "target_ids": []} for i in event_ids
    }
    if not event_ids:
        return found
    query = (
        select(t.event_actors.c.event_id, t.event_actors.c.role, t.entities.c.id, t.entities.c.name)
        .join(t.entities, t.entities.c.id == t.event_actors.c.entity_id)
        .where(t.event_actors.c.event_id.in_(event_ids))
        .order_by(t.entities.c.name)
    )
    for event_id, role, entity_id, name in connection.execute(query):
        found[event_id][role].append(name)
        found[event_id][role + "_ids"].append(entity_id)
    return found


def _event_row(row: Row[Any], actors_of: dict[str, dict[str, list[Any]]]) -> dict[str, Any]:
    actors = actors_of[row.id]
    m = row._mapping  # by key: five times cheaper than a Row's attributes (see `evidence`)
    return {
        "id": m["id"],
        "date": m["date"],
        "type": m["type"],
        "mode": m["mode"],
        "cameo": m["cameo"],
        "source": actors["source"] or ([m["source_agent"]] if m["source_agent"] else []),
        "target": actors["target"] or ([m["target_agent"]] if m["target_agent"] else []),
        "source_ids": actors["source_ids"],
        "target_ids": actors["target_ids"],
        "source_agent": m["source_agent_code"],
        "target_agent": m["target_agent_code"],
        "trigger": m["trigger"],
        "modality": m["modality"],
        "negated": m["negated"],
        "location": m["location"],
        "attributed_to": m["attributed_to"],
        "confidence": m["confidence"],
        "reports": m["reports"],
        "citation": m["citation"],
        "evidence": evidence(row),
    }


def quote_select() -> Select[Any]:
    """Quotes with their speaker's name (`speaker_name`; null when the speaker is unknown)."""
    speakers = t.entities.alias("speakers")
    return select(t.quotes, speakers.c.name.label("speaker_name"), evidence_text(t.quotes)).join(
        speakers, speakers.c.id == t.quotes.c.speaker, isouter=True
    )


def relation_select(*, with_evidence: bool = True) -> Select[Any]:
    """Alignment rows with the names of their subject and object (`subject_name`,
    `object_name`) and, unless told otherwise, their evidence text."""
    r, subj, obj = t.relations, t.entities.alias("subj"), t.entities.alias("obj")
    query = (
        select(r, subj.c.name.label("subject_name"), obj.c.name.label("object_name"))
        .join(subj, subj.c.id == r.c.subject)
        .join(obj, obj.c.id == r.c.object)
    )
    return query.add_columns(evidence_text(r)) if with_evidence else query


def fact_evidence(connection: Any, table: Any, ids: Sequence[Any]) -> dict[Any, dict[str, Any]]:
    """Evidence of these rows of a fact table, by id: fetched for the rows an answer shows,
    after it has chosen them."""
    found: dict[Any, dict[str, Any]] = {}
    wanted = list(dict.fromkeys(ids))
    c = table.c
    for start in range(0, len(wanted), 500):
        query = select(c.id, c.document_id, c.sentence, c.start, c.end, evidence_text(table)).where(
            c.id.in_(wanted[start : start + 500])
        )
        found.update((row.id, evidence(row)) for row in connection.execute(query))
    return found


def quotes(
    engine: Engine, *, speaker: str | None = None, stance: str | None = None, limit: int = 200
) -> Rows:
    """Quotes and claims, newest first (undated last), optionally of one speaker or stance.
    The page's ids are chosen first by walking the date index, then their rows and evidence:
    sorting every quote with its evidence cost 600 ms at 100,000 documents."""
    q = t.quotes
    newest = (q.c.date.desc().nulls_last(), q.c.id.desc())
    page = select(q.c.id).order_by(*newest).limit(limit)
    if speaker:
        page = page.where(q.c.speaker == speaker)
    if stance:
        page = page.where(q.c.stance == stance)
    with engine.connect() as c:
        query = quote_select().where(q.c.id.in_(list(c.scalars(page)))).order_by(*newest)
        return [
            {
                # a speaker named only by what it is shows as that ("officials")
                "speaker": r.speaker_name or r.speaker_agent,
                "speaker_id": r.speaker,
                "speaker_agent": r.speaker_agent_code,
                "stance": r.stance,
                "kind": r.kind,
                "text": r.text,
                "date": r.date,
                "evidence": evidence(r),
            }
            for r in c.execute(query)
        ]


def alignments(
    engine: Engine,
    *,
    as_of: str | None = None,
    stated_by: str | None = None,
    entity: str | None = None,
    relation: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    with_evidence: bool = True,
) -> Rows:
    """Alignments in force on `as_of` (world time: begun by then, not ended before it);
    `stated_by` keeps only those published by that date (record time). Listed by relation and
    subject. With a `limit`, the page is the most recently written alignments that match
    (`offset` skips that many of the newest), found by walking the primary key rather than by
    sorting every match, then listed the same way: its cost follows the page, not the KB.

    When an alignment began is its stated valid time where the text gives one, else the first
    date the knowledge base saw it (the earliest publication of a document stating the same
    subject, relation and object); each row says which (`since`, `since_basis`: "stated",
    "first reported" or "unknown"). Without this, an as-of question about 1900 returned nearly
    every alignment, since few texts state when a relation began."""
    r = t.relations
    narrowing = []
    if entity:
        narrowing.append(or_(r.c.subject == entity, r.c.object == entity))
    if relation:
        narrowing.append(r.c.relation == relation)
    seen = t.alignment_firsts  # first reports, maintained by the writer, removal and curation
    its_first = and_(
        seen.c.subject == r.c.subject,
        seen.c.relation == r.c.relation,
        seen.c.object == r.c.object,
    )
    query = (
        relation_select(with_evidence=False)
        .add_columns(t.documents.c.published, seen.c.first_seen)
        .join(t.documents, t.documents.c.id == r.c.document_id)
        .join(seen, its_first)
        .where(r.c.negated.is_(False))
        .order_by(r.c.relation, "subject_name")
    )
    if as_of:
        query = query.where(*_in_force(as_of, seen.c.first_seen))
    if stated_by:
        query = query.where(
            or_(t.documents.c.published.is_(None), t.documents.c.published <= stated_by)
        )
    query = query.where(*narrowing)
    if limit is not None:
        # the page's ids first, walking the primary key newest first: sorted by relation and
        # name, the first page had to sort every alignment in force (150 ms on PostgreSQL
        # at 100k documents), and joined to the first reports PostgreSQL sorted them all too
        first_seen = select(seen.c.first_seen).where(its_first).scalar_subquery()
        page = select(r.c.id).where(r.c.negated.is_(False), *narrowing)
        if as_of:
            page = page.where(*_in_force(as_of, first_seen))
        if stated_by:
            published = select(t.documents.c.published).where(t.documents.c.id == r.c.document_id)
            stated = published.scalar_subquery()
            page = page.where(or_(stated.is_(None), stated <= stated_by))
        page = page.order_by(r.c.id.desc()).limit(limit).offset(offset)
    with engine.connect() as c:
        if limit is not None:
            # then their rows by key: given the page as a subquery, PostgreSQL scanned every
            # alignment to hash-join it (100 of 105 ms for the network's 2,000)
            query = query.where(r.c.id.in_(list(c.scalars(page)))).order_by(r.c.id)
        rows = c.execute(query).all()
        shown = fact_evidence(c, r, [row.id for row in rows]) if with_evidence else {}
        return [
            {
                "id": row.id,
                "subject": row.subject_name,
                "relation": row.relation,
                "object": row.object_name,
                "subject_id": row.subject,
                "object_id": row.object,
                "valid_from": row.valid_from,
                "valid_until": row.valid_until,
                "since": row.valid_from or row.first_seen,
                "since_basis": _since_basis(row.valid_from, row.first_seen),
                "stated": row.published,
                "evidence": shown.get(row.id),
            }
            for row in rows
        ]


def _in_force(as_of: str, first_seen: ColumnElement[Any]) -> list[ColumnElement[bool]]:
    """An alignment is in force on `as_of` when it began by then (its stated valid time, else
    its first report) and had not ended before it."""
    r = t.relations
    began = func.coalesce(r.c.valid_from, first_seen)
    return [
        or_(began.is_(None), began <= as_of),
        or_(r.c.valid_until.is_(None), r.c.valid_until >= as_of[:7]),
    ]


def _since_basis(valid_from: str | None, first_seen: str | None) -> str:
    if valid_from:
        return "stated"
    return "first reported" if first_seen else "unknown"


def timeline(
    engine: Engine, *, actor: str | None = None, type: str | None = None, limit: int = 500
) -> Rows:
    """Dated events in date order (one row per real event: clusters, not reports)."""
    selections = [EventFilter(actor=actor, type=type, dated=True)]
    if actor:
        selections.append(EventFilter(target=actor, type=type, dated=True))
    # evidence is cut only for the rows kept: many reports of one event collapse to one row
    rows = [
        row
        for selected in selections
        for row in filtered_events(engine, selected, limit=limit, with_evidence=False)
    ]
    seen: set[str] = set()
    out = []
    for row in sorted((r for r in rows if r["date"]), key=lambda r: r["date"]):
        key = f"{row['type']}{row['source']}{row['target']}{row['date']}"
        if key not in seen:
            seen.add(key)
            out.append(row)
    with engine.connect() as c:
        shown = fact_evidence(c, t.events, [row["id"] for row in out])
    return [{**row, "evidence": shown[row["id"]]} for row in out]


def search(
    engine: Engine,
    query: str,
    *,
    limit: int = 20,
    snippets: bool = True,
    among: Sequence[str] | None = None,
) -> Rows:
    """Full-text search over documents (SQLite FTS5 or PostgreSQL full text), best match
    first; a query without a single word (quotes, spaces, punctuation) finds nothing. Without
    `snippets` the hits carry none (cutting them is the costly part on PostgreSQL); `among`
    restricts the search to these document ids (to cut snippets for one page of hits)."""
    words = search_words(query)
    if not words:
        return []
    only = "" if among is None else " AND {}.id IN :among"  # for the documents' alias
    params: dict[str, Any] = {"n": limit}
    if among is not None:
        params["among"] = list(among)
    with engine.connect() as c:
        if engine.dialect.name == "sqlite":
            snippet = "snippet(documents_fts, 1, '[', ']', '…', 12)" if snippets else "NULL"
            sql = text(
                f"SELECT d.id, d.title, d.published, {snippet} AS snippet "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                f"WHERE documents_fts MATCH :q{only.format('d')} ORDER BY rank LIMIT :n"
            )
            # plain words, each quoted: user input never reaches FTS5 syntax
            params["q"] = " ".join(f'"{w}"' for w in words)
        else:
            # the headline is cut from a window around the first word's first occurrence
            # (ts_headline parses all the text it is given: 5x slower on whole articles), and
            # marks any of the words, since the window may not hold all of them
            window = "substr(d.text, greatest(1, strpos(lower(d.text), :first) - 150), 400)"
            any_word = "replace(plainto_tsquery('english', :q)::text, '&', '|')::tsquery"
            snippet = f"ts_headline('english', {window}, {any_word})" if snippets else "NULL"
            params["first"] = words[0].lower()
            # the stored vector and its GIN index (migration 0007); hits ranked best first,
            # among at most RANK_WINDOW of them so a word in every document stays bounded
            sql = text(
                f"SELECT d.id, d.title, d.published, {snippet} AS snippet FROM documents d "
                "JOIN (SELECT h.id, ts_rank(h.search_vector, plainto_tsquery('english', :q)) "
                "AS score FROM documents h WHERE h.search_vector @@ "
                f"plainto_tsquery('english', :q){only.format('h')} LIMIT :window) r "
                "ON r.id = d.id ORDER BY r.score DESC, d.id LIMIT :n"
            )
            params["q"] = " ".join(words)
            params["window"] = RANK_WINDOW
        if among is not None:
            sql = sql.bindparams(bindparam("among", expanding=True))
        rows = c.execute(sql, params)
        return [dict(r._mapping) for r in rows]


# PostgreSQL ranks at most this many hits of a search (the first found: ranking reads each
# hit's stored vector, ~40 us apiece, so 5,000 hits cost 200 ms at 100,000 documents); SQLite's
# FTS5 ranks all of them, cheaply
RANK_WINDOW = 1_000
# a search uses at most this many words: enough for any real query, and a pasted novel costs
# no more than a sentence
MAX_SEARCH_WORDS = 32
_WORD = re.compile(r"\w+")


def search_words(query: str) -> list[str]:
    """The words of a user's query (letters and digits only, at most MAX_SEARCH_WORDS)."""
    return _WORD.findall(query)[:MAX_SEARCH_WORDS]


# an actor's dossier reads co-occurrence and cited sources from its latest documents, and
# lists at most this many rows of each kind of fact (the newest)
DOSSIER_DOCUMENTS = 100
DOSSIER_ROWS = 100


def _latest_documents(connection: Any, entity_id: str, named_in: int) -> list[str]:
    """The DOSSIER_DOCUMENTS most recent documents naming the entity. An actor named in many
    documents is found by walking documents newest first and stopping at the window (a few
    thousand index probes); one named in few by sorting its own documents."""
    d, m = t.documents, t.mentions
    # undated documents last, as SQLite sorts them: PostgreSQL puts NULL first in a descending
    # order, and walked its 13,000 undated documents before the newest (45 ms at 100k)
    newest = (d.c.published.desc().nulls_last(), d.c.id)
    if named_in > 20 * DOSSIER_DOCUMENTS:
        names = select(m.c.id).where(m.c.document_id == d.c.id, m.c.entity_id == entity_id)
        query = select(d.c.id).where(names.exists()).order_by(*newest)
    else:
        query = (
            select(d.c.id)
            .join(m, m.c.document_id == d.c.id)
            .where(m.c.entity_id == entity_id)
            .group_by(d.c.id, d.c.published)
            .order_by(*newest)
        )
    return list(connection.scalars(query.limit(DOSSIER_DOCUMENTS)))


def _latest_roles(entity_id: str) -> Select[Any]:
    """The ids of the actor's DOSSIER_ROWS latest role statements: a president named with his
    title in 15,000 articles has 15,000 of them, and cutting each one's evidence took 0.6 s."""
    r = t.roles
    return (
        select(r.c.id).where(r.c.entity_id == entity_id).order_by(r.c.id.desc()).limit(DOSSIER_ROWS)
    )


def dossier(
    engine: Engine, name: str, min_confidence: float | None = None
) -> dict[str, Any] | None:
    """Everything about one actor: roles, alignments, events both ways (those at or above
    `min_confidence`, when given), quotes, co-occurring actors and the sources cited where it
    appears."""
    entity = find_entity(engine, name)
    if entity is None:
        return None
    entity_id = entity["id"]
    with engine.connect() as c:
        roles = [
            {
                "title": r.title,
                "kind": r.kind,
                "qualifier": r.qualifier,
                "organization": r.organization,
                "valid_from": r.valid_from,
                "valid_until": r.valid_until,
                "evidence": evidence(r),
            }
            for r in c.execute(
                select(t.roles, evidence_text(t.roles))
                .where(t.roles.c.id.in_(_latest_roles(entity_id)))
                .order_by(t.roles.c.id)
            )
        ]
        # co-occurrence and cited sources are read from the actor's latest documents: all of
        # them in a small KB, a bounded window for an actor named in 100,000 articles
        documents = _latest_documents(c, entity_id, entity["document_count"])
        m, ents = t.mentions, t.entities
        # who is named in those documents, gathered first by the document index: joined
        # directly, SQLite probes every entity of a type against every document (7x slower);
        # it materialises a DISTINCT CTE by itself, PostgreSQL is told to
        pairs = (
            select(m.c.entity_id, m.c.document_id)
            .where(m.c.document_id.in_(documents))
            .distinct()
            .cte("pairs")
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        shared = func.count(func.distinct(pairs.c.document_id))
        co = c.execute(
            select(ents.c.name, shared)
            .join(pairs, pairs.c.entity_id == ents.c.id)
            .where(
                ents.c.id != entity_id,
                ents.c.type.in_(["person", "state", "organization", "armed_force", "group"]),
            )
            .group_by(ents.c.name)
            .order_by(shared.desc(), ents.c.name)
            .limit(15)
        ).all()
        sources = Counter(
            r.outlet
            for r in c.execute(
                select(t.citations.c.outlet).where(
                    t.citations.c.document_id.in_(documents), t.citations.c.outlet.is_not(None)
                )
            )
        )
    return {
        "entity": entity,
        "documents": entity["document_count"],
        "documents_read": len(documents),
        "roles": roles,
        "alignments": alignments(engine, entity=entity_id, limit=DOSSIER_ROWS),
        "events_as_source": events(
            engine, actor=entity_id, min_confidence=min_confidence, limit=DOSSIER_ROWS
        ),
        "events_as_target": events(
            engine, target=entity_id, min_confidence=min_confidence, limit=DOSSIER_ROWS
        ),
        "min_confidence": min_confidence or 0.0,
        "quotes": quotes(engine, speaker=entity_id, limit=DOSSIER_ROWS),
        "co_occurring": [{"name": n, "documents": k} for n, k in co],
        "sources_cited": [{"outlet": n, "citations": k} for n, k in sources.most_common(15)],
    }


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table: the knowledge base at a glance (maintained tallies, not counts)."""
    with engine.connect() as c:
        return tallies.read(c)
