"""Analyst curation: merge two entities, split a surface off one, and keep every reference whole.

Every operation here is derived from `schema.ENTITY_REFERENCES`, the one list of columns that
name entities, so a new referencing column is repointed, cleaned up and checked without
touching this module.

>>> record_decision(engine, "merge", "person:guaido", "person:juan-guaido")  # doctest: +SKIP
>>> dangling_references(engine)                                              # doctest: +SKIP
[]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Text, and_, delete, func, insert, select, update

from newsgraph.errors import CurationError
from newsgraph.folding import search_key
from newsgraph.store import firsts, tallies
from newsgraph.store import schema as t

ACTIONS = ("merge", "split")
# Entity types an analyst may merge without --force: an actor and its metonyms are the same
# kind of thing; a person is never a state, a weapon never a place.
_COMPATIBLE = [
    {"state", "armed_force", "organization"},
    {"organization", "media", "group", "armed_force"},
]


@dataclass(frozen=True, slots=True)
class Dangling:
    """A reference to an entity id the knowledge base does not hold."""

    column: str  # table.column
    row: str  # the referencing row's key
    entity_id: str


def record_decision(
    engine: Engine,
    action: str,
    source: str,
    target: str,
    *,
    surface: str | None = None,
    note: str | None = None,
    force: bool = False,
) -> None:
    """Record an analyst's merge or split and apply it to every stored reference, atomically.

    Raises CurationError (one line, nothing changed) for decisions that cannot be right:
    unknown action or ids, self-merge, merging different kinds of actor without `force`,
    splitting a surface the entity is never called by.
    """
    if action not in ACTIONS:
        raise CurationError(f"unknown curation action {action!r}: use merge or split")
    with engine.begin() as connection:
        source_row = _entity(connection, source)
        if action == "merge":
            _check_merge(connection, source_row, source, target, force=force)
        else:
            _check_split(connection, source_row, source, target, surface)
        connection.execute(
            insert(t.entity_merges).values(
                source_id=source,
                target_id=target,
                action=action,
                surface=surface,
                note=note,
                created_at=datetime.now(UTC),
            )
        )
        if action == "merge":
            repoint(connection, source, target)
            connection.execute(delete(t.entities).where(t.entities.c.id == source))
            tallies.add(connection, {"entities": -1})
            tallies.recount_entities(connection, [target])
            firsts.refresh_entities(connection, [source, target])
        else:
            _insert_like(connection, target, source_row, name=surface)
            connection.execute(
                update(t.mentions)
                .where(t.mentions.c.entity_id == source, t.mentions.c.text == surface)
                .values(entity_id=target)
            )
            tallies.recount_entities(connection, [source, target])


def _entity(connection: Connection, entity_id: str) -> Any:
    row = connection.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
    if row is None:
        raise CurationError(
            f"no entity {entity_id!r} in the knowledge base (see `newsgraph actors`)"
        )
    return row


def _check_merge(
    connection: Connection, source_row: Any, source: str, target: str, *, force: bool
) -> None:
    if source == target:
        raise CurationError(f"cannot merge {source!r} into itself")
    target_row = _entity(connection, target)
    kinds = {source_row.type, target_row.type}
    if not force and len(kinds) > 1 and not any(kinds <= group for group in _COMPATIBLE):
        raise CurationError(
            f"{source!r} is a {source_row.type} and {target!r} a {target_row.type}; "
            "pass --force to merge different kinds of actor"
        )


def _check_split(
    connection: Connection, source_row: Any, source: str, target: str, surface: str | None
) -> None:
    if not surface:
        raise CurationError("a split needs the mention text that names the other actor")
    if source == target:
        raise CurationError(f"cannot split {source!r} off into itself")
    named = connection.execute(
        select(t.mentions.c.id).where(
            t.mentions.c.entity_id == source, t.mentions.c.text == surface
        )
    ).first()
    if named is None:
        raise CurationError(f"{source!r} is never mentioned as {surface!r}")
    found = connection.execute(select(t.entities.c.type).where(t.entities.c.id == target)).first()
    if found is not None and found.type != source_row.type:
        raise CurationError(f"{target!r} exists already as a {found.type}")


def _insert_like(connection: Connection, entity_id: str, model: Any, *, name: str | None) -> None:
    exists = connection.execute(select(t.entities.c.id).where(t.entities.c.id == entity_id))
    if exists.first() is not None:
        return
    tallies.add(connection, {"entities": 1})
    connection.execute(
        insert(t.entities).values(
            id=entity_id,
            name=name or model.name,
            search_key=search_key(name or model.name),
            type=model.type,
            country=model.country,
            known=False,
            attributes={},
        )
    )


def repoint(connection: Connection, source: str, target: str) -> None:
    """Move every reference to `source` onto `target`, in every referencing column."""
    for reference in t.ENTITY_REFERENCES:
        if reference.kind == "list":
            _repoint_list(connection, reference, source, target)
        elif reference.table.primary_key.columns.contains_column(
            reference.table.c[reference.column]
        ):
            _repoint_key(connection, reference, source, target)
        else:
            column = reference.table.c[reference.column]
            connection.execute(
                update(reference.table).where(column == source).values({reference.column: target})
            )


def _repoint_key(
    connection: Connection, reference: t.EntityReference, source: str, target: str
) -> None:
    """A key column: rows that would collide with one already naming `target` are dropped."""
    table, column = reference.table, reference.table.c[reference.column]
    others = [c for c in table.primary_key.columns if c is not column]
    keep = select(*others).where(column == target)
    clash = [row._tuple() for row in connection.execute(keep)]
    for values in clash:
        connection.execute(
            delete(table).where(
                column == source, *[c == v for c, v in zip(others, values, strict=True)]
            )
        )
    connection.execute(update(table).where(column == source).values({reference.column: target}))


def _list_rows(
    connection: Connection, reference: t.EntityReference, entity_id: str | None = None
) -> Iterator[tuple[Any, list[str]]]:
    table = reference.table
    column = table.c[reference.column]
    query = select(table.c.id, column)
    if entity_id is not None:
        # a cheap pre-filter on the JSON text; the exact test is done on the decoded list
        query = query.where(column.cast(Text).contains(json.dumps(entity_id)))
    for row in connection.execute(query):
        values = row[1] if isinstance(row[1], list) else json.loads(row[1] or "[]")
        yield row[0], [str(v) for v in values]


def _repoint_list(
    connection: Connection, reference: t.EntityReference, source: str, target: str
) -> None:
    table = reference.table
    for row_id, values in list(_list_rows(connection, reference, source)):
        if source not in values:
            continue
        moved = list(dict.fromkeys(target if v == source else v for v in values))
        connection.execute(
            update(table).where(table.c.id == row_id).values({reference.column: moved})
        )


def referenced_ids(connection: Connection, among: set[str] | None = None) -> set[str]:
    """Every entity id some stored fact names; with `among`, only which of those ids are still
    named (looked up by index, so the cost follows the candidates, not the KB)."""
    used: set[str] = set()
    wanted = sorted(among) if among is not None else None
    for reference in t.ENTITY_REFERENCES:
        if reference.kind == "list":
            if wanted is None:
                for _, values in _list_rows(connection, reference):
                    used.update(values)
            for entity_id in wanted or ():
                rows = _list_rows(connection, reference, entity_id)
                if any(entity_id in values for _, values in rows):
                    used.add(entity_id)
            continue
        column = reference.table.c[reference.column]
        if wanted is None:
            used.update(connection.scalars(select(column).where(column.is_not(None)).distinct()))
            continue
        for start in range(0, len(wanted), 500):
            chunk = column.in_(wanted[start : start + 500])
            used.update(connection.scalars(select(column).where(chunk).distinct()))
    return used


def delete_orphan_entities(connection: Connection, candidates: set[str] | None = None) -> int:
    """Remove entities no remaining fact names; returns how many went. With `candidates`
    (the entities a removed document named) only those are checked, by index lookups, so
    removing one document costs what that document held rather than a scan of the KB."""
    if candidates is not None:
        # an entity still mentioned is no orphan: its maintained mention count says so at
        # once, where looking it up in every column read all of, say, Russia's 100,000
        # mentions (22 of 85 ms to remove a document from a 100,000-document PostgreSQL KB)
        candidates = candidates - set(_still_mentioned(connection, candidates))
    used = referenced_ids(connection, candidates)
    if candidates is not None:
        orphans = sorted(candidates - used)
    else:
        orphans = [e for e in connection.scalars(select(t.entities.c.id)) if e not in used]
    for start in range(0, len(orphans), 500):
        connection.execute(
            delete(t.entities).where(t.entities.c.id.in_(orphans[start : start + 500]))
        )
    tallies.add(connection, {"entities": -len(orphans)})
    return len(orphans)


def _still_mentioned(connection: Connection, candidates: set[str]) -> Iterator[str]:
    ordered = sorted(candidates)
    entities = t.entities
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        yield from connection.scalars(
            select(entities.c.id).where(entities.c.id.in_(chunk), entities.c.mention_count > 0)
        )


def stale_counts(engine: Engine) -> list[tuple[str, int, int]]:
    """Entities whose maintained mention count disagrees with their mentions:
    (id, stored, actual). Empty when the writer and curation kept the aggregate right."""
    m = t.mentions
    actual = (
        select(m.c.entity_id, func.count().label("n")).group_by(m.c.entity_id).subquery("actual")
    )
    query = (
        select(t.entities.c.id, t.entities.c.mention_count, func.coalesce(actual.c.n, 0))
        .join(actual, actual.c.entity_id == t.entities.c.id, isouter=True)
        .where(t.entities.c.mention_count != func.coalesce(actual.c.n, 0))
    )
    with engine.connect() as connection:
        return [(row[0], row[1], row[2]) for row in connection.execute(query)]


def dangling_references(engine: Engine) -> list[Dangling]:
    """Every reference, in every referencing column, to an entity the KB does not hold."""
    found: list[Dangling] = []
    with engine.connect() as connection:
        for reference in t.ENTITY_REFERENCES:
            found.extend(_dangling(connection, reference))
    return found


def _dangling(connection: Connection, reference: t.EntityReference) -> list[Dangling]:
    table = reference.table
    if reference.kind == "list":
        known = set(connection.scalars(select(t.entities.c.id)))
        return [
            Dangling(reference.name, str(row_id), value)
            for row_id, values in _list_rows(connection, reference)
            for value in values
            if value not in known
        ]
    column = table.c[reference.column]
    key = list(table.primary_key.columns)
    query = (
        select(*key, column)
        .select_from(table.outerjoin(t.entities, t.entities.c.id == column))
        .where(and_(column.is_not(None), t.entities.c.id.is_(None)))
    )
    return [
        Dangling(reference.name, ":".join(str(v) for v in row[:-1]), str(row[-1]))
        for row in connection.execute(query)
    ]
