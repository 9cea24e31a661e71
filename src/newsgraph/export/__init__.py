"""Exports of the whole knowledge base, one module per format.

    format    writes         for
    jsonl     one file       the extraction contract, one document per line (= `extract -f jsonl`)
    csv       a folder       one CSV table per knowledge-base table (spreadsheets, pandas, R)
    gexf      one file       the actor graph with time intervals (Gephi and its timeline)
    graphml   one file       the same actor graph (yEd, Cytoscape, igraph)
    neo4j     a folder       node and relationship CSVs for `neo4j-admin database import`
    plover    one file       events as PLOVER/POLECAT-style JSON lines
    cameo     one file       events as a GDELT-style CAMEO table (tab-separated, actor codes,
                             Goldstein scale, quad class)
    stix      one file       a STIX 2.1 bundle (OpenCTI, MISP and other CTI platforms)

>>> export(engine, "gexf", Path("kb.gexf"))            # doctest: +SKIP
[PosixPath('kb.gexf')]
>>> export(engine, "csv", Path("kb-csv"))              # doctest: +SKIP
[PosixPath('kb-csv/documents.csv'), PosixPath('kb-csv/entities.csv'), ...]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from newsgraph.errors import ConfigError
from newsgraph.export.cameo import write_cameo
from newsgraph.export.csv_tables import write_csv_tables
from newsgraph.export.gexf import write_gexf
from newsgraph.export.graphml import write_graphml
from newsgraph.export.jsonl import write_jsonl
from newsgraph.export.neo4j import write_neo4j
from newsgraph.export.plover import write_plover
from newsgraph.export.stix import write_stix


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: `write(engine, path)` writes a file, or a folder when `folder`."""

    name: str
    description: str
    write: Callable[[Engine, Path], list[Path]]
    folder: bool = False
    file_name: str = ""  # the file written when the destination is an existing folder


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "jsonl",
            "extraction contract, one document per line",
            write_jsonl,
            file_name="newsgraph.jsonl",
        ),
        Format("csv", "a folder of CSV tables", write_csv_tables, folder=True),
        Format(
            "gexf",
            "actor graph with time intervals, for Gephi",
            write_gexf,
            file_name="newsgraph.gexf",
        ),
        Format("graphml", "actor graph as GraphML", write_graphml, file_name="newsgraph.graphml"),
        Format("neo4j", "CSV files for neo4j-admin database import", write_neo4j, folder=True),
        Format(
            "plover",
            "events as PLOVER JSON lines",
            write_plover,
            file_name="newsgraph.plover.jsonl",
        ),
        Format(
            "cameo",
            "events as a GDELT-style CAMEO table",
            write_cameo,
            file_name="newsgraph.cameo.tsv",
        ),
        Format("stix", "STIX 2.1 bundle", write_stix, file_name="newsgraph.stix.json"),
    )
}
"""Every export format by name."""

__all__ = ["FORMATS", "Format", "export"]


def export(engine: Engine, fmt: str, destination: Path) -> list[Path]:
    """Export the whole knowledge base in format `fmt` to `destination`; the paths written.

    `destination` is a folder for the folder formats (`csv`, `neo4j`), created if needed; for
    the others a file, or an existing folder to write `newsgraph.<format>` into.

    >>> export(engine, "stix", Path("exports"))         # doctest: +SKIP
    [PosixPath('exports/newsgraph.stix.json')]
    """
    chosen = FORMATS.get(fmt)
    if chosen is None:
        known = ", ".join(FORMATS)
        raise ConfigError(f"Unknown export format {fmt!r}: choose one of {known}.")
    try:
        if chosen.folder:
            destination.mkdir(parents=True, exist_ok=True)
        elif destination.is_dir():
            destination = destination / chosen.file_name
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
        return chosen.write(engine, destination)
    except OSError as e:
        raise ConfigError(
            f"Cannot write the {fmt} export to {destination}: {e.strerror or e}. "
            "Choose a writable destination."
        ) from e
