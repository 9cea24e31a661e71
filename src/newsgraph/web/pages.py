"""The HTML pages. Each one gathers rows through the store queries and renders a template;
interactive pages (network, timeline, map) load their data from the JSON API."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsgraph.lexicon.patterns import PLOVER_TYPES
from newsgraph.store import browse, queries
from newsgraph.web.filters import EngineDep, EventFilterDep, MinConfidence, confidence_floor
from newsgraph.web.reader import document_marks, render_text

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
RELATIONS = [
    "supports", "recognizes", "opposes", "loyal_to", "allied_with", "member_of", "leads",
    "commands", "supplies_arms_to", "invested_in",
]  # fmt: skip
ACTOR_TYPES = [
    "person",
    "state",
    "organization",
    "armed_force",
    "group",
    "media",
    "weapon",
    "place",
]
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, template, context)
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, engine: EngineDep) -> HTMLResponse:
    recent, total = browse.documents(engine, browse.DocumentFilter(), limit=10)
    return _page(
        request,
        "home.html",
        counts=queries.counts(engine),
        recent=recent,
        total=total,
        actors=queries.actors(engine, limit=15),
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    engine: EngineDep,
    q: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    page: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
) -> HTMLResponse:
    selected = browse.DocumentFilter(q or None, outlet or None, since or None, until or None)
    rows, total = browse.documents(engine, selected, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    form = {"q": q, "outlet": outlet, "since": since, "until": until}
    return _page(
        request,
        "documents.html",
        rows=rows,
        total=total,
        form=form,
        outlets=browse.outlets(engine),
        pages=_pages(form, page, total),
    )


def _pages(form: dict[str, str], page: int, total: int) -> dict[str, str | None]:
    """Links to the previous and next page with the same filters."""
    kept = {k: v for k, v in form.items() if v}
    last = max(1, -(-total // PAGE_SIZE))
    return {
        "label": f"page {page} of {last}",
        "previous": "?" + urlencode({**kept, "page": page - 1}) if page > 1 else None,
        "next": "?" + urlencode({**kept, "page": page + 1}) if page < last else None,
    }


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def reader(request: Request, engine: EngineDep, document_id: str, span: str = "") -> HTMLResponse:
    found = browse.document(engine, document_id)
    if found is None:
        raise HTTPException(404, f"No document {document_id!r} in the knowledge base.")
    match = _SPAN.match(span)
    evidence = (int(match[1]), int(match[2])) if match else None
    article = render_text(found["text"], document_marks(found, evidence))
    return _page(request, "reader.html", doc=found, article=article, evidence=evidence)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, engine: EngineDep, q: str = "", type: str = "") -> HTMLResponse:
    rows = queries.actors(engine, q, type=type or None, limit=200)
    return _page(request, "actors.html", rows=rows, q=q, type=type, types=ACTOR_TYPES)


@router.get("/actors/{entity_id:path}", response_class=HTMLResponse)
def dossier_page(
    request: Request, engine: EngineDep, entity_id: str, min_confidence: MinConfidence = None
) -> HTMLResponse:
    found = queries.dossier(engine, entity_id, min_confidence=confidence_floor(min_confidence))
    if found is None:
        raise HTTPException(404, f"No actor {entity_id!r} in the knowledge base.")
    found["alignments"].sort(key=lambda r: (r["valid_from"] or r["stated"] or "", r["relation"]))
    return _page(request, "actor.html", d=found, e=found["entity"])


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    engine: EngineDep,
    selected: EventFilterDep,
    page: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
) -> HTMLResponse:
    rows = queries.filtered_events(engine, selected, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    facets = queries.event_facets(engine, selected)
    total = facets.pop("total")[0][1]
    window = facets.pop("window", [("", 0)])[0][1]
    capped = bool(facets.pop("capped", None))
    form = {
        key: request.query_params.get(key, "")
        for key in (
            "actor",
            "target",
            "type",
            "country",
            "modality",
            "since",
            "until",
            "document",
            "agent",
            "min_confidence",
        )
    }
    kept = {k: v for k, v in form.items() if v}
    return _page(
        request,
        "events.html",
        min_confidence=selected.min_confidence or 0.0,
        show_all_link="?" + urlencode({**kept, "min_confidence": "0"}),
        rows=rows,
        facets=facets,
        facet_window=window,
        capped=capped,
        total=total,
        form=form,
        query=urlencode(kept),
        facet_link=lambda key, value: "?" + urlencode({**kept, key: value}),
        pages=_pages(form, page, total),
        types=PLOVER_TYPES,
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, engine: EngineDep) -> HTMLResponse:
    low, high = browse.date_range(engine)
    return _page(
        request, "network.html", relations=RELATIONS, types=PLOVER_TYPES, low=low, high=high
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request, engine: EngineDep, actor: str = "", type: str = ""
) -> HTMLResponse:
    return _page(request, "timeline.html", actor=actor, type=type, types=PLOVER_TYPES)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return _page(request, "map.html")


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API reference, drawn from the app's own OpenAPI document (works offline)."""
    spec = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "parameters": operation.get("parameters", []),
        }
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    return _page(request, "api.html", endpoints=endpoints)
