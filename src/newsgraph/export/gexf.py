"""The actor graph as GEXF 1.2 for Gephi, with time intervals for its timeline.

The graph is `newsgraph.export.graph.build_graph`; it is written in dynamic mode with
`timeformat="date"`: an event edge lives on its day (`start` = `end`), an alignment from the
first day of `valid_from` to the last day of `valid_until` (open at either end when unknown).
Edges without any interval (undated events) are visible at every time. In Gephi: File > Open,
then Window > Timeline.

>>> write_gexf(engine, Path("kb.gexf"))                # doctest: +SKIP
[PosixPath('kb.gexf')]
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from sqlalchemy import Engine

from newsgraph.export.graph import build_graph


def write_gexf(engine: Engine, path: Path) -> list[Path]:
    """Write the actor graph to `path` as dynamic GEXF."""
    graph = build_graph(engine)
    graph.graph["mode"] = "dynamic"
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key  # GEXF edge ids: ours, not a counter
    nx.write_gexf(graph, path)
    return [path]
