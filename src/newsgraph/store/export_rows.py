"""Whole-knowledge-base reads for the exporters: the only SQL in this package.

Rows are plain dicts in a stable order (primary key, or document then position in the text),
so exporting the same knowledge base twice gives the same files.

>>> with_actors = event_actors(engine)                      # doctest: +SKIP
>>> with_actors["doc_8ffc5b2240c622b75edc:e2"]              # doctest: +SKIP
{'source': ['state:RUS'], 'target': ['state:UKR']}
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, Table, func, select

from newsgraph.store import schema as t

Row = dict[str, Any]

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
    with engine.connect() as connection:
        for row in connection.execute(query):
            yield dict(row._mapping)


def documents(engine: Engine, *, exclude: Collection[str] = ("text", "extraction")) -> list[Row]:
    """Document metadata in ingest order (the big `text` and `extraction` left out by default)."""
    order = (t.documents.c.ingested_at, t.documents.c.id)
    return list(table_rows(engine, t.documents, exclude=exclude, order_by=order))


def extractions(engine: Engine) -> Iterator[tuple[dict[str, Any], str]]:
    """Each stored contract object (without its text) and the document text, in ingest order."""
    query = select(t.documents.c.extraction, t.documents.c.text).order_by(
        t.documents.c.ingested_at, t.documents.c.id
    )
    with engine.connect() as connection:
        for row in connection.execute(query):
            yield row.extraction, row.text


def entities(engine: Engine) -> dict[str, Row]:
    """Every entity by id."""
    return {row["id"]: row for row in table_rows(engine, t.entities)}


def event_actors(engine: Engine) -> dict[str, dict[str, list[str]]]:
    """Source and target entity ids of every event that has any, each list sorted."""
    found: dict[str, dict[str, list[str]]] = {}
    for row in table_rows(engine, t.event_actors):
        found.setdefault(row["event_id"], {"source": [], "target": []})[row["role"]].append(
            row["entity_id"]
        )
    return found


def events(engine: Engine) -> Iterator[Row]:
    """Events with their cluster's report count, the publishing document's url and outlet and
    `evidence_text`, the span of the document the event was read from (whitespace trimmed)."""
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
        .order_by(d.c.ingested_at, e.c.document_id, e.c.sentence, e.c.start, e.c.id)
    )
    with engine.connect() as connection:
        for row in connection.execute(query):
            yield _trimmed(dict(row._mapping))


def relations(engine: Engine) -> Iterator[Row]:
    """Alignments with `evidence_text` (as for `events`), in document order."""
    r, d = t.relations, t.documents
    evidence = func.substr(d.c.text, r.c.start + 1, r.c.end - r.c.start)
    query = (
        select(r, evidence.label("evidence_text"))
        .join(d, d.c.id == r.c.document_id)
        .order_by(d.c.ingested_at, r.c.document_id, r.c.id)
    )
    with engine.connect() as connection:
        for row in connection.execute(query):
            yield _trimmed(dict(row._mapping))


def _trimmed(row: Row) -> Row:
    """A sentence span keeps the blank line after a headline: not part of the evidence."""
    return {**row, "evidence_text": (row["evidence_text"] or "").strip() or None}


def mentioned(engine: Engine) -> list[tuple[str, str]]:
    """Distinct (document id, entity id) pairs: which document names which entity."""
    m = t.mentions
    query = (
        select(m.c.document_id, m.c.entity_id).distinct().order_by(m.c.document_id, m.c.entity_id)
    )
    with engine.connect() as connection:
        return [(row.document_id, row.entity_id) for row in connection.execute(query)]


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
