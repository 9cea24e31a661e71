"""Request parameters shared by the JSON API and the HTML pages, parsed once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy import Engine

from newsgraph.learn.defaults import default_event_confidence
from newsgraph.store import queries
from newsgraph.store.queries import EventFilter


def get_engine(request: Request) -> Engine:
    """The knowledge base the app was created with."""
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


MinConfidence = Annotated[
    float | None,
    Query(
        ge=0.0,
        le=1.0,
        description="Hide events below this confidence (default: what the event model doubts; "
        "0 shows all).",
    ),
]


def confidence_floor(min_confidence: float | None) -> float:
    """The confidence under which events are hidden: the request's, else the shipped one."""
    return default_event_confidence() if min_confidence is None else min_confidence


def event_filter(
    engine: EngineDep,
    actor: Annotated[str | None, Query(description="Source actor: id or name.")] = None,
    target: Annotated[str | None, Query(description="Target actor: id or name.")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. THREATEN.")] = None,
    since: Annotated[str | None, Query(description="Earliest date, ISO (2019, 2019-05).")] = None,
    until: Annotated[str | None, Query(description="Latest date, ISO.")] = None,
    country: Annotated[str | None, Query(description="An actor's ISO alpha-3 code.")] = None,
    modality: Annotated[str | None, Query(description="asserted, reported, denied...")] = None,
    document: Annotated[str | None, Query(description="Document id.")] = None,
    agent: Annotated[
        str | None, Query(description="Either side's CAMEO agent type: REB, MIL, CVL...")
    ] = None,
    min_confidence: MinConfidence = None,
) -> EventFilter:
    return EventFilter(
        actor=queries.entity_id(engine, actor),
        target=queries.entity_id(engine, target),
        type=type.upper() if type else None,
        since=since or None,
        until=until or None,
        country=country.upper() if country else None,
        modality=modality or None,
        document=document or None,
        agent=agent.upper() if agent else None,
        min_confidence=confidence_floor(min_confidence),
    )


EventFilterDep = Annotated[EventFilter, Depends(event_filter)]
