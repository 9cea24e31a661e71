"""Curation never corrupts the knowledge base: merge, split and remove keep every reference
whole, on SQLite and PostgreSQL. The referencing columns come from the registry
(`schema.ENTITY_REFERENCES`), so a new column is covered here without editing this file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, DateTime, Engine, Float, Integer, insert, select
from typer.testing import CliRunner

from newsgraph import Extractor
from newsgraph.cli import app
from newsgraph.errors import CurationError
from newsgraph.kb import ingest
from newsgraph.store import queries
from newsgraph.store import schema as t
from newsgraph.store.curation import dangling_references, record_decision
from newsgraph.store.writer import remove_document

TEXT = (
    "Moscow Acts\n\nOn May 1, 2019, Russia attacked Ukraine (TASS, May 2). "
    "Maduro is supported by Russia and China. Lavrov warned Pompeo, “The continuation of "
    "aggressive actions may result in the gravest of consequences.”\n"
)


@pytest.fixture()
def consistent(kb: Engine) -> Iterator[Engine]:
    """The knowledge base; after the test, `newsgraph check` must find nothing dangling."""
    yield kb
    assert dangling_references(kb) == []


def _value(column: Any, name: str) -> Any:
    kind = column.type
    if isinstance(kind, JSON):
        return []
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer | Float):
        return 0
    if isinstance(kind, DateTime):
        return datetime.now(UTC)
    return f"{name}-{column.name}"[: getattr(kind, "length", None) or 200]


# keys that tie a seeded row to the seeded document, event and cluster
_LINKS = {"document_id": "doc_x", "cluster_id": "cl_x", "event_id": "doc_x:e1"}


def _row(table: Any, entity_id: str) -> dict[str, Any]:
    """A minimal valid row of `table` whose every registered column names `entity_id`."""
    row = {
        col.name: _value(col, table.name)
        for col in table.columns
        if not (col.primary_key and isinstance(col.type, Integer))
    }
    row.update({key: value for key, value in _LINKS.items() if key in row})
    own_id = {t.events: "doc_x:e1", t.documents: "doc_x", t.event_clusters: "cl_x"}
    if table in own_id:
        row["id"] = own_id[table]
    for reference in t.ENTITY_REFERENCES:
        if reference.table is table:
            row[reference.column] = [entity_id] if reference.kind == "list" else entity_id
    return row


def _seed_everywhere(kb: Engine, entity_id: str) -> None:
    """One row in every referencing table, naming `entity_id` in every referencing column."""
    tables = dict.fromkeys(r.table for r in t.ENTITY_REFERENCES)
    # parents before children: the document, the cluster and the event come first
    ordered = [t.documents, t.event_clusters, t.events, *tables]
    with kb.begin() as c:
        for entity in (entity_id, "state:YYY"):
            c.execute(
                insert(t.entities).values(
                    id=entity, name=entity, type="state", known=False, attributes={}
                )
            )
        for table in dict.fromkeys(ordered):
            c.execute(insert(table).values(**_row(table, entity_id)))


def _named(kb: Engine, entity_id: str) -> set[str]:
    """The referencing columns that still name `entity_id`."""
    found = set()
    with kb.connect() as c:
        for reference in t.ENTITY_REFERENCES:
            for value in c.scalars(select(reference.table.c[reference.column])):
                values = value if isinstance(value, list) else [value]
                if entity_id in values:
                    found.add(reference.name)
    return found


def test_merge_repoints_every_registered_column(consistent: Engine) -> None:
    _seed_everywhere(consistent, "state:XXX")
    assert _named(consistent, "state:XXX") == {r.name for r in t.ENTITY_REFERENCES}
    record_decision(consistent, "merge", "state:XXX", "state:YYY")
    assert _named(consistent, "state:XXX") == set()
    assert _named(consistent, "state:YYY") == {r.name for r in t.ENTITY_REFERENCES}


def test_remove_keeps_entities_any_column_names(consistent: Engine) -> None:
    _seed_everywhere(consistent, "state:XXX")
    with consistent.begin() as c:
        c.execute(
            insert(t.entities).values(
                id="state:ORPHAN", name="o", type="state", known=False, attributes={}
            )
        )
    assert not remove_document(consistent, "doc_unknown")
    assert remove_document(consistent, "doc_x")
    with consistent.connect() as c:
        left = set(c.scalars(select(t.entities.c.id)))
    # the entities only the removed document named go; an unrelated entity is not this
    # removal's business (the check is by index over the document's own references)
    assert "state:XXX" not in left and "state:ORPHAN" in left


def test_check_reports_a_dangling_reference(kb: Engine) -> None:
    _seed_everywhere(kb, "state:XXX")
    with kb.begin() as c:
        c.execute(t.deployments.update().values(actor=["state:GONE"]))
    dangling = dangling_references(kb)
    assert [(d.column, d.entity_id) for d in dangling] == [("deployments.actor", "state:GONE")]


@pytest.mark.parametrize(
    ("action", "source", "target", "options", "message"),
    [
        ("merge", "state:RUS", "state:RUS", {}, "into itself"),
        ("merge", "state:NOPE", "state:RUS", {}, "no entity 'state:NOPE'"),
        ("merge", "state:RUS", "state:NOPE", {}, "no entity 'state:NOPE'"),
        ("merge", "person:sergei-lavrov", "state:RUS", {}, "--force"),
        ("split", "person:sergei-lavrov", "person:x", {"surface": "Putin"}, "never mentioned"),
        ("split", "person:sergei-lavrov", "person:x", {}, "needs the mention text"),
        ("unmerge", "state:RUS", "state:CHN", {}, "unknown curation action"),
    ],
)
def test_invalid_decisions_are_refused_and_change_nothing(
    consistent: Engine,
    extractor: Extractor,
    tmp_path: Path,
    action: str,
    source: str,
    target: str,
    options: dict[str, Any],
    message: str,
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    ingest(extractor, consistent, [tmp_path / "a.txt"])
    before = queries.counts(consistent)
    with pytest.raises(CurationError, match=message):
        record_decision(consistent, action, source, target, **options)
    assert queries.counts(consistent) == before
    with consistent.connect() as c:
        assert c.execute(select(t.entity_merges)).first() is None


def test_forced_merge_and_split_survive_reingest(
    consistent: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    ingest(extractor, consistent, [tmp_path / "a.txt"])
    record_decision(consistent, "merge", "person:mike-pompeo", "state:RUS", force=True)
    record_decision(
        consistent, "split", "person:sergei-lavrov", "person:lavrov-junior", surface="Lavrov"
    )
    doc = next(d["id"] for d in queries.search(consistent, "Moscow Acts"))
    remove_document(consistent, doc)
    ingest(extractor, consistent, [tmp_path / "a.txt"])
    assert queries.find_entity(consistent, "person:mike-pompeo") is None
    assert _named(consistent, "person:mike-pompeo") == set()
    assert queries.find_entity(consistent, "person:lavrov-junior") is not None


def test_merging_outlets_keeps_documents_and_citations_pointing_somewhere(
    consistent: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    ingest(extractor, consistent, [tmp_path / "a.txt"])
    media = [r["id"] for r in queries.actors(consistent, type="media")]
    assert media, "the TASS citation names a media entity"
    other = "media:analyst-outlet"
    with consistent.begin() as c:
        c.execute(
            insert(t.entities).values(id=other, name="X", type="media", known=False, attributes={})
        )
    record_decision(consistent, "merge", media[0], other)
    assert _named(consistent, media[0]) == set()


def test_cli_refuses_with_one_line(consistent: Engine, tmp_path: Path) -> None:
    url = str(consistent.url.render_as_string(hide_password=False))
    db = url.replace("sqlite:///", "").replace("postgresql+psycopg://", "postgresql://")
    result = CliRunner().invoke(app, ["merge", "state:A", "state:A", "--db", db])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    checked = CliRunner().invoke(app, ["check", "--db", db])
    assert checked.exit_code == 0 and "ok" in checked.output


@pytest.mark.parametrize("name", ["Guaido", "guaidó", "GUAIDO", "Juan Guaido"])
def test_actor_lookup_ignores_case_and_diacritics(
    kb: Engine, extractor: Extractor, tmp_path: Path, name: str
) -> None:
    (tmp_path / "b.txt").write_text(
        "Report\n\nSince January 2019, Juan Guaidó has been recognized as interim president "
        "by the United States.\n",
        encoding="utf-8",
    )
    ingest(extractor, kb, [tmp_path / "b.txt"])
    found = queries.find_entity(kb, name)
    assert found is not None and found["name"] == "Juan Guaidó"
    assert [r["name"] for r in queries.actors(kb, name)] == ["Juan Guaidó"]
