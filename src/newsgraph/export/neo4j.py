"""The knowledge base as CSV files for Neo4j's offline bulk importer.

Files written into the destination folder:

    nodes_entities.csv    id:ID,name,type,country,:LABEL        labels Entity;Person, Entity;State…
    nodes_documents.csv   id:ID,title,published,url,:LABEL      label Document
    rels_events.csv       :START_ID,:END_ID,:TYPE,plover,cameo,date,modality,document
    rels_alignments.csv   :START_ID,:END_ID,:TYPE,valid_from,valid_until,document
    rels_mentions.csv     :START_ID,:END_ID,:TYPE               document -[:MENTIONS]-> entity

Entity and document ids share one id space (`state:RUS`, `doc_8ffc…`), so no id groups are
needed. An event becomes one relationship per (source, target) pair, typed by its PLOVER
type (`ASSAULT`); an alignment is typed by its relation upper-cased (`SUPPORTS`). Negated facts
and events missing a source or a target have no relationship here (the `csv` and `plover`
exports keep them). Import into an empty database (Neo4j 5), from the export folder:

    neo4j-admin database import full neo4j \\
        --nodes=nodes_entities.csv --nodes=nodes_documents.csv \\
        --relationships=rels_events.csv --relationships=rels_alignments.csv \\
        --relationships=rels_mentions.csv

>>> write_neo4j(engine, Path("kb-neo4j"))              # doctest: +SKIP
[PosixPath('kb-neo4j/nodes_entities.csv'), ...]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine

from newsgraph.export.csv_tables import write_csv
from newsgraph.store import export_rows as rows

ENTITY_HEADER = ("id:ID", "name", "type", "country", ":LABEL")
DOCUMENT_HEADER = ("id:ID", "title", "published", "url", ":LABEL")
EVENT_HEADER = (":START_ID", ":END_ID", ":TYPE", "plover", "cameo", "date", "modality", "document")
ALIGNMENT_HEADER = (":START_ID", ":END_ID", ":TYPE", "valid_from", "valid_until", "document")
MENTION_HEADER = (":START_ID", ":END_ID", ":TYPE")


def write_neo4j(engine: Engine, folder: Path) -> list[Path]:
    """Write the node and relationship files into `folder` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "nodes_entities.csv": (ENTITY_HEADER, _entities(engine)),
        "nodes_documents.csv": (DOCUMENT_HEADER, _documents(engine)),
        "rels_events.csv": (EVENT_HEADER, _events(engine)),
        "rels_alignments.csv": (ALIGNMENT_HEADER, _alignments(engine)),
        "rels_mentions.csv": (MENTION_HEADER, _mentions(engine)),
    }
    for name, (header, records) in files.items():
        write_csv(folder / name, header, records)
    return [folder / name for name in files]


def entity_label(entity_type: str) -> str:
    """Neo4j labels of an entity type: `Entity` and the type in PascalCase.

    >>> entity_label("armed_force")
    'Entity;ArmedForce'
    """
    return "Entity;" + "".join(part.capitalize() for part in entity_type.split("_"))


def _entities(engine: Engine) -> Iterator[tuple[object, ...]]:
    for e in rows.entities(engine).values():
        yield e["id"], e["name"], e["type"], e["country"], entity_label(e["type"])


def _documents(engine: Engine) -> Iterator[tuple[object, ...]]:
    for d in rows.documents(engine):
        yield d["id"], d["title"], d["published"], d["url"], "Document"


def _events(engine: Engine) -> Iterator[tuple[object, ...]]:
    for e in rows.events(engine):
        found = e["actors"]
        if e["negated"]:
            continue
        for source in found["source"]:
            for target in found["target"]:
                yield (
                    source,
                    target,
                    e["type"],
                    e["type"],
                    e["cameo"],
                    e["date"],
                    e["modality"],
                    e["document_id"],
                )


def _alignments(engine: Engine) -> Iterator[tuple[object, ...]]:
    for r in rows.relations(engine):
        if not r["negated"]:
            yield (
                r["subject"],
                r["object"],
                r["relation"].upper(),
                r["valid_from"],
                r["valid_until"],
                r["document_id"],
            )


def _mentions(engine: Engine) -> Iterator[tuple[object, ...]]:
    for document_id, entity_id in rows.mentioned(engine):
        yield document_id, entity_id, "MENTIONS"
