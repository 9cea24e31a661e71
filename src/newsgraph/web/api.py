"""The JSON REST API (`/api/...`), described by the OpenAPI document at `/api/openapi.json`.

Every fact row carries `evidence` {document, sentence, start, end, text} and `evidence_url`,
the reader page that shows the sentence with the span highlighted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any

import pycountry
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Engine

from newsgraph.errors import QueryError
from newsgraph.store import browse, queries
from newsgraph.web.filters import EngineDep, EventFilterDep, MinConfidence, confidence_floor

router = APIRouter(prefix="/api", tags=["knowledge base"])

Limit = Annotated[int, Query(ge=1, le=10_000)]
# bounded so that no offset overflows the database's integers (an answer, not a 500)
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


def evidence_url(evidence: dict[str, Any]) -> str:
    """The reader page showing this evidence span."""
    return f"/documents/{evidence['document']}?span={evidence['start']}-{evidence['end']}#evidence"


def _with_urls(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "evidence_url": evidence_url(row["evidence"])} for row in rows]


@router.get("/counts")
def counts(engine: EngineDep) -> dict[str, int]:
    """Rows per table."""
    return queries.counts(engine)


@router.get("/documents")
def documents(
    engine: EngineDep,
    q: Annotated[str | None, Query(description="Full-text search.")] = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Documents matching a full-text search and filters, with fact counts."""
    selected = browse.DocumentFilter(q or None, outlet or None, since or None, until or None)
    rows, total = browse.documents(engine, selected, limit=limit, offset=offset)
    return {"total": total, "documents": rows}


@router.get("/documents/{document_id}")
def document(engine: EngineDep, document_id: str) -> dict[str, Any]:
    """One document: text, sentence spans and every fact read from it."""
    found = browse.document(engine, document_id)
    if found is None:
        raise HTTPException(404, f"No document {document_id!r} in the knowledge base.")
    return found


@router.get("/actors")
def actors(
    engine: EngineDep, q: str = "", type: str | None = None, limit: Limit = 50
) -> list[dict[str, Any]]:
    """Actors whose name matches, most mentioned first."""
    return queries.actors(engine, q, type=type or None, limit=limit)


@router.get("/actors/{entity_id:path}")
def actor(
    engine: EngineDep, entity_id: str, min_confidence: MinConfidence = None
) -> dict[str, Any]:
    """An actor's dossier (by id or name); its events hide what the event model doubts
    unless `min_confidence` says otherwise (0 shows all)."""
    found = queries.dossier(engine, entity_id, min_confidence=confidence_floor(min_confidence))
    if found is None:
        raise HTTPException(404, f"No actor {entity_id!r} in the knowledge base.")
    for key in ("roles", "alignments", "events_as_source", "events_as_target", "quotes"):
        found[key] = _with_urls(found[key])
    return found


@router.get("/events")
def events(
    request: Request,
    response: Response,
    engine: EngineDep,
    selected: EventFilterDep,
    limit: Limit = 200,
    offset: Offset = 0,
    after: Annotated[
        str | None,
        Query(max_length=2000, description="Cursor from the previous page's Link header."),
    ] = None,
) -> list[dict[str, Any]]:
    """Events matching every filter, newest first, with evidence. A full page carries a
    `Link: <...>; rel="next"` header (and `X-Next-Cursor`): follow it to page by keyset,
    which stays fast however deep you go."""
    try:
        rows = queries.filtered_events(engine, selected, limit=limit, offset=offset, after=after)
    except QueryError as e:
        raise HTTPException(422, str(e)) from e
    if len(rows) == limit:
        cursor = queries.event_cursor(rows[-1])
        following = request.url.remove_query_params(["after", "offset"])
        response.headers["Link"] = f'<{following.include_query_params(after=cursor)}>; rel="next"'
        response.headers["X-Next-Cursor"] = cursor
    return _with_urls(rows)


# rows per query while streaming the CSV: the first bytes leave after one page's work, and
# memory holds one chunk, not the whole answer
CSV_CHUNK = 1_000


@router.get("/events.csv", response_class=StreamingResponse)
def events_csv(
    engine: EngineDep, selected: EventFilterDep, limit: Limit = 10_000
) -> StreamingResponse:
    """The same events as CSV (one row per event; actor lists joined with ';'), newest first,
    streamed in chunks read by keyset: the download starts at once however many rows follow."""
    # the first chunk is read before the response starts: a database error is still a 500
    # with its message, not a download cut short after the header
    first = queries.filtered_events(engine, selected, limit=min(CSV_CHUNK, limit))
    return StreamingResponse(
        _csv_chunks(engine, selected, first, limit),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.csv"'},
    )


def _csv_chunks(
    engine: Engine, selected: queries.EventFilter, rows: list[dict[str, Any]], limit: int
) -> Iterator[str]:
    """The header, then `rows` and the chunks after them until `limit` rows or no more."""
    yield events_to_csv([], header=True)
    sent = 0
    while rows:
        yield events_to_csv(_with_urls(rows), header=False)
        sent += len(rows)
        wanted = min(CSV_CHUNK, limit - sent)
        if len(rows) < CSV_CHUNK or wanted <= 0:
            return
        after = queries.event_cursor(rows[-1])
        rows = queries.filtered_events(engine, selected, limit=wanted, after=after)


CSV_COLUMNS = [
    "id", "date", "type", "mode", "cameo", "source", "target", "source_ids", "target_ids",
    "source_agent", "target_agent", "trigger", "modality", "negated", "location",
    "attributed_to", "confidence", "reports", "citation",
]  # fmt: skip


def events_to_csv(rows: list[dict[str, Any]], *, header: bool = True) -> str:
    """Event rows as CSV text with the evidence span, its sentence and its reader link."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow([*CSV_COLUMNS, "document", "sentence", "start", "end", "evidence", "url"])
    for row in rows:
        cells = [";".join(v) if isinstance(v, list) else v for v in (row[c] for c in CSV_COLUMNS)]
        ev = row["evidence"]
        cells += [ev["document"], ev["sentence"], ev["start"], ev["end"], ev["text"]]
        writer.writerow([*cells, row["evidence_url"]])
    return out.getvalue()


@router.get("/events/facets")
def event_facets(engine: EngineDep, selected: EventFilterDep) -> dict[str, Any]:
    """How the selected events divide by type, modality and actor country."""
    return queries.event_facets(engine, selected)


@router.get("/quotes")
def quotes(
    engine: EngineDep, speaker: str | None = None, stance: str | None = None, limit: Limit = 200
) -> list[dict[str, Any]]:
    """Quotes and reported claims, with speaker and stance."""
    return _with_urls(queries.quotes(engine, speaker=speaker, stance=stance, limit=limit))


@router.get("/alignments")
def alignments(
    engine: EngineDep,
    as_of: Annotated[str | None, Query(description="In force on this date.")] = None,
    stated_by: Annotated[str | None, Query(description="Published by this date.")] = None,
    entity: str | None = None,
    relation: str | None = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Alignments (supports, recognizes, opposes...) with their valid time, a page at a time:
    the `limit` most recently written that match (`offset` moves to older ones), listed by
    relation and subject."""
    rows = queries.alignments(
        engine,
        as_of=as_of,
        stated_by=stated_by,
        entity=entity,
        relation=relation,
        limit=limit,
        offset=offset,
    )
    return _with_urls(rows)


@router.get("/network")
def network(
    engine: EngineDep,
    as_of: str | None = None,
    relation: Annotated[list[str] | None, Query(description="Alignment relations.")] = None,
    events: bool = True,
    event_type: Annotated[list[str] | None, Query(description="PLOVER types.")] = None,
    max_nodes: Annotated[int, Query(ge=2, le=2000)] = 150,
) -> dict[str, Any]:
    """Actors and their alignment and event edges as of a date, each edge with evidence."""
    selected = browse.NetworkFilter(
        as_of=as_of or None,
        relations=tuple(relation or ()),
        events=events,
        event_types=tuple(t.upper() for t in event_type or ()),
        max_nodes=max_nodes,
    )
    graph = browse.network(engine, selected)
    for edge in graph["edges"]:
        edge["evidence"] = _with_evidence_urls(edge["evidence"])
    low, high = browse.date_range(engine)
    return {**graph, "range": {"start": low, "end": high}}


def _with_evidence_urls(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**e, "url": evidence_url(e)} for e in evidence]


@router.get("/timeline")
def timeline(
    engine: EngineDep, actor: str | None = None, type: str | None = None, limit: Limit = 2000
) -> list[dict[str, Any]]:
    """Dated events in date order, one row per real event."""
    actor_id = queries.entity_id(engine, actor)
    rows = queries.timeline(
        engine, actor=actor_id, type=type.upper() if type else None, limit=limit
    )
    return _with_urls(rows)


@router.get("/map")
def map_data(engine: EngineDep) -> dict[str, Any]:
    """Places with coordinates and per-country activity, for the map."""
    rows = browse.countries(engine)
    for row in rows:
        found = pycountry.countries.get(alpha_3=row["country"])
        row["numeric"] = found.numeric if found else None  # the world outline's country ids
        row["name"] = found.name if found else row["country"]
    # countries' event counts are over the newest `events_window` events
    return {"places": browse.places(engine), "countries": rows, "events_window": browse.MAP_WINDOW}


@router.get("/search")
def search(engine: EngineDep, q: str, limit: Limit = 20) -> list[dict[str, Any]]:
    """Full-text search over documents."""
    return queries.search(engine, q, limit=limit)
