"""The knowledge base as a networkx MultiDiGraph, shared by the GEXF and GraphML exports.

Nodes are actor entities (`ACTOR_TYPES`) keyed by entity id, with `label` and `name` (the
canonical name), `type` and `country` (alpha-3, when known); an entity of another type (a place,
a weapon) becomes a node only when an edge needs it. Edges, keyed by a stable id:

- events, source -> target for each pair: `kind="event"`, `label` the PLOVER type, `cameo`,
  `date` (any precision), `modality`, `confidence`, `document`; `start` = `end` = the date when
  it is a full day, so Gephi's timeline shows the event on that day (a partial or missing date
  gives no interval: the edge is always visible);
- alignments, subject -> object: `kind="relation"`, `label` the relation (`supports`, ...),
  `valid_from`/`valid_until` as stored, `start` the first day of `valid_from` and `end` the last
  day of `valid_until` when known, `confidence`, `document`.

Negated facts ("did not attack") are left out: an edge says that something happened or holds.
No attribute is ever None (neither GEXF nor GraphML can hold it): unknown values are omitted.

>>> graph = build_graph(engine)                        # doctest: +SKIP
>>> graph.nodes["state:RUS"]["type"]                  # doctest: +SKIP
'state'
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from sqlalchemy import Engine

from newsgraph.store import export_rows as rows

ACTOR_TYPES = frozenset({"person", "state", "organization", "armed_force", "group", "media"})


def build_graph(engine: Engine) -> nx.MultiDiGraph:
    """A `networkx.MultiDiGraph` of actors, events and alignments (see the module docstring)."""
    entities = rows.entities(engine)
    graph = nx.MultiDiGraph(name="newsgraph")
    for entity in entities.values():
        if entity["type"] in ACTOR_TYPES:
            graph.add_node(entity["id"], **_node_attributes(entity))
    for event in rows.events(engine):
        found = event["actors"]
        if event["negated"]:
            continue
        for source in found["source"]:
            for target in found["target"]:
                key = f"{event['id']}|{source}|{target}"
                _add_edge(graph, entities, source, target, key, _event_attributes(event))
    for relation in rows.relations(engine):
        if relation["negated"]:
            continue
        key = (
            f"{relation['document_id']}|{relation['sentence']}|{relation['start']}|"
            f"{relation['subject']}|{relation['relation']}|{relation['object']}"
        )
        attributes = _relation_attributes(relation)
        _add_edge(graph, entities, relation["subject"], relation["object"], key, attributes)
    return graph


def _add_edge(
    graph: nx.MultiDiGraph,
    entities: dict[str, rows.Row],
    source: str,
    target: str,
    key: str,
    attributes: dict[str, Any],
) -> None:
    for entity_id in (source, target):
        if entity_id not in graph:
            entity = entities.get(entity_id, {"id": entity_id, "name": entity_id, "type": None})
            graph.add_node(entity_id, **_node_attributes(entity))
    graph.add_edge(source, target, key=key, **attributes)


def _node_attributes(entity: rows.Row) -> dict[str, Any]:
    return _present(
        label=entity["name"],
        name=entity["name"],
        type=entity["type"],
        country=entity.get("country"),
    )


def _event_attributes(event: rows.Row) -> dict[str, Any]:
    day = event["date"] if rows.is_day(event["date"]) else None
    return _present(
        kind="event",
        label=event["type"],
        cameo=event["cameo"],
        date=event["date"],
        modality=event["modality"],
        confidence=event["confidence"],
        document=event["document_id"],
        start=day,
        end=day,
    )


def _relation_attributes(relation: rows.Row) -> dict[str, Any]:
    since = rows.date_bounds(relation["valid_from"])
    until = rows.date_bounds(relation["valid_until"])
    return _present(
        kind="relation",
        label=relation["relation"],
        valid_from=relation["valid_from"],
        valid_until=relation["valid_until"],
        confidence=relation["confidence"],
        document=relation["document_id"],
        start=since[0].isoformat() if since else None,
        end=until[1].isoformat() if until else None,
    )


def _present(**attributes: Any) -> dict[str, Any]:
    return {name: value for name, value in attributes.items() if value is not None}
