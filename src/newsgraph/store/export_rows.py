"""Whole-knowledge-base reads for the exporters: the only SQL in this package.

Rows are plain dicts in a stable order (primary key, or document then position in the text),
so exporting the same knowledge base twice gives the same files. Every read streams: rows come
from a cursor BATCH at a time (a server-side cursor on PostgreSQL, which otherwise hands over
the whole result at once), and what completes a row (an event's actors) is looked up a batch at
a time, so an export's memory follows the batch, not the knowledge base. Only `entities` and
`document_ids` are whole: exporters look entities up by id.

>>> next(events(engine))["actors"]                        # doctest: +SKIP
{'source': ['state:RUS'], 'target': ['state:UKR']}
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, Table, func, select

from newsgraph.store import schema as t

Row = dict[str, Any]

# rows fetched, and completed, at a time
BATCH = 1_000

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def table_rows(
    engine: Engine,
    table: Table,
    *,
    exclude: Collection[str] = (),
    order_by: Collection[ColumnElement[Any]] = (),
) -> Iterator[Row]:
    """Every row of `table` without the `exclude` columns, by primary key unless `order_by`."""
    columns = [c for c in table.c if c.name not in exclude]
    query = select(*columns).order_by(*(order_by or table.primary_key.columns))
    yield from _streamed(engine, query)


def _streamed(engine: Engine, query: Select[Any]) -> Iterator[Row]:
    """The query's rows as dicts, fetched BATCH at a time."""
    with engine.connect() as connection:
        for row in connection.execution_options(yield_per=BATCH).execute(query):
            yield dict(row._mapping)


_INGEST_ORDER = (t.documents.c.ingested_at, t.documents.c.id)


def document_ids(engine: Engine) -> list[str]:
    """Every document id, in ingest order."""
    with engine.connect() as connection:
        return list(connection.scalars(select(t.documents.c.id).order_by(*_INGEST_ORDER)))


def documents(
    engine: Engine, *, exclude: Collection[str] = ("text", "extraction")
) -> Iterator[Row]:
    """Document metadata in ingest order (the big `text` and `extraction` left out by default)."""
    return table_rows(engine, t.documents, exclude=exclude, order_by=_INGEST_ORDER)


def extractions(engine: Engine) -> Iterator[tuple[dict[str, Any], str]]:
    """Each stored contract object (without its text) and the document text, in ingest order."""
    query = select(t.documents.c.extraction, t.documents.c.text).order_by(*_INGEST_ORDER)
    for row in _streamed(engine, query):
        yield row["extraction"], row["text"]


def entities(engine: Engine) -> dict[str, Row]:
    """Every entity by id."""
    return {row["id"]: row for row in table_rows(engine, t.entities)}


def with_actors(engine: Engine, events: Iterable[Row]) -> Iterator[Row]:
    """Each event row with `actors`: its source and target entity ids, each list sorted
    (empty when it has none), looked up BATCH events at a time."""
    ea = t.event_actors
    rows = iter(events)
    while batch := list(islice(rows, BATCH)):
        found: dict[str, dict[str, list[str]]] = {
            row["id"]: {"source": [], "target": []} for row in batch
        }
        query = (
            select(ea.c.event_id, ea.c.role, ea.c.entity_id)
            .where(ea.c.event_id.in_(list(found)))
            .order_by(ea.c.event_id, ea.c.role, ea.c.entity_id)
        )
        with engine.connect() as connection:
            for event_id, role, entity_id in connection.execute(query):
                found[event_id][role].append(entity_id)
        for row in batch:
            yield {**row, "actors": found[row["id"]]}


def events(engine: Engine) -> Iterator[Row]:
    """Events in document order (ingest order, then position in the text) with their `actors`
    (see `with_actors`), the cluster's report count, the publishing document's url and outlet,
    and `evidence_text`, the span the event was read from (whitespace trimmed)."""
    e, d = t.events, t.documents
    evidence = func.substr(d.c.text, e.c.start + 1, e.c.end - e.c.start)  # SQL counts from 1
    query = (
        select(
            e,
            t.event_clusters.c.reports,
            d.c.url,
            d.c.outlet,
            evidence.label("evidence_text"),
        )
        .join(t.event_clusters, t.event_clusters.c.id == e.c.cluster_id)
        .join(d, d.c.id == e.c.document_id)
        .order_by(*_INGEST_ORDER, e.c.sentence, e.c.start, e.c.id)
    )
    return with_actors(engine, (_trimmed(row) for row in _streamed(engine, query)))


def relations(engine: Engine) -> Iterator[Row]:
    """Alignments with `evidence_text` (as for `events`), in document order."""
    r, d = t.relations, t.documents
    evidence = func.substr(d.c.text, r.c.start + 1, r.c.end - r.c.start)
    query = (
        select(r, evidence.label("evidence_text"))
        .join(d, d.c.id == r.c.document_id)
        .order_by(*_INGEST_ORDER, r.c.id)
    )
    return (_trimmed(row) for row in _streamed(engine, query))


def _trimmed(row: Row) -> Row:
    """A sentence span keeps the blank line after a headline: not part of the evidence."""
    return {**row, "evidence_text": (row["evidence_text"] or "").strip() or None}


def mentioned(engine: Engine) -> Iterator[tuple[str, str]]:
    """Distinct (document id, entity id) pairs, which document names which entity: documents
    in ingest order, entities by id within each."""
    m, d = t.mentions, t.documents
    query = (
        select(m.c.document_id, m.c.entity_id, *_INGEST_ORDER)
        .distinct()
        .join(d, d.c.id == m.c.document_id)
        .order_by(*_INGEST_ORDER, m.c.entity_id)
    )
    for row in _streamed(engine, query):
        yield row["document_id"], row["entity_id"]


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of a stored ISO date at any precision; None for other values.

    >>> date_bounds("2019-02")
    (datetime.date(2019, 2, 1), datetime.date(2019, 2, 28))
    >>> date_bounds("2019-W17") is None
    True
    """
    match = _PARTIAL_DATE.match(value or "")
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            return date(year, month, day), date(year, month, day)
        if month is not None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:  # a malformed stored value such as "2019-13": no bounds rather than a crash
        return None
    return date(year, 1, 1), date(year, 12, 31)


def is_day(value: str | None) -> bool:
    """True for a full ISO day ("2019-05-01"), False for partial or undated values."""
    bounds = date_bounds(value)
    return bounds is not None and bounds[0] == bounds[1]
