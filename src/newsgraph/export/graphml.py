"""The actor graph as GraphML, for yEd, Cytoscape, igraph and other graph tools.

The same graph as the GEXF export (`newsgraph.export.graph.build_graph`); `start` and `end`
are plain ISO date strings here. GraphML holds only scalars: any None is dropped and any other
non-scalar value written as text.

>>> write_graphml(engine, Path("kb.graphml"))          # doctest: +SKIP
[PosixPath('kb.graphml')]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import Engine

from newsgraph.export.graph import build_graph


def write_graphml(engine: Engine, path: Path) -> list[Path]:
    """Write the actor graph to `path` as GraphML."""
    graph = build_graph(engine)
    for _, data in graph.nodes(data=True):
        _make_scalar(data)
    for _, _, data in graph.edges(data=True):
        _make_scalar(data)
    nx.write_graphml(graph, path)
    return [path]


def _make_scalar(data: dict[str, Any]) -> None:
    for name, value in list(data.items()):
        if value is None:
            del data[name]
        elif not isinstance(value, str | int | float | bool):
            data[name] = str(value)
