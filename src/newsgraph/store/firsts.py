"""When the knowledge base first saw each alignment (`alignment_firsts`): the earliest
publication date of a document stating the same subject, relation and object.

The writer lowers a triple's date as documents arrive; removal and curation recompute the
triples they touch from the rows (index lookups, so their cost follows what they change).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, Select, case, delete, func, insert, or_, select, tuple_

from newsgraph.store import schema as t
from newsgraph.store.db import dialect_insert

Triple = tuple[str, str, str]


def note(connection: Connection, triples: Iterable[Triple], published: str | None) -> None:
    """A document published on `published` states these triples: keep the earliest date
    (SQL's min: a known date wins over none). Sorted, so concurrent writers lock in order."""
    rows = [
        {"subject": s, "relation": r, "object": o, "first_seen": published}
        for s, r, o in sorted(set(triples))
    ]
    if not rows:
        return
    f = t.alignment_firsts
    statement = dialect_insert(connection, f)
    new = statement.excluded.first_seen
    earliest = case(
        (f.c.first_seen.is_(None), new),
        (new.is_(None), f.c.first_seen),
        (new < f.c.first_seen, new),
        else_=f.c.first_seen,
    )
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[f.c.subject, f.c.relation, f.c.object], set_={"first_seen": earliest}
        ),
        rows,
    )


def refresh_triples(connection: Connection, triples: Iterable[Triple]) -> None:
    """Recompute these triples from the stored alignments (after a removal)."""
    wanted = sorted(set(triples))
    f, r = t.alignment_firsts, t.relations
    for start in range(0, len(wanted), 200):
        chunk = wanted[start : start + 200]
        connection.execute(
            delete(f).where(tuple_(f.c.subject, f.c.relation, f.c.object).in_(chunk))
        )
        connection.execute(
            insert(f).from_select(
                ["subject", "relation", "object", "first_seen"],
                _grouped().where(tuple_(r.c.subject, r.c.relation, r.c.object).in_(chunk)),
            )
        )


def forget(connection: Connection, triples: Iterable[Triple], published: str | None) -> None:
    """A document published on `published` was removed with its statements of these triples:
    recompute only the triples whose first date it may have set. Where another report is
    dated earlier (or the document had no date and the triple has one), that report stays
    and the date stands: a triple stated in thousands of documents is not regrouped each
    time one of them goes."""
    wanted = sorted(set(triples))
    f = t.alignment_firsts
    stale: list[Triple] = []
    for start in range(0, len(wanted), 200):
        chunk = wanted[start : start + 200]
        stored = {
            (s, r, o): first
            for s, r, o, first in connection.execute(
                select(f).where(tuple_(f.c.subject, f.c.relation, f.c.object).in_(chunk))
            ).tuples()
        }
        stale += [triple for triple in chunk if _may_have_set(stored, triple, published)]
    refresh_triples(connection, stale)


def _may_have_set(stored: dict[Triple, str | None], triple: Triple, published: str | None) -> bool:
    if triple not in stored:
        return True
    first = stored[triple]
    if first is None:
        return True  # every report was undated: the removed one may have been the last
    return published is not None and published <= first


def refresh_entities(connection: Connection, entity_ids: Iterable[str]) -> None:
    """Recompute every triple naming these entities (after a merge or split repointed them)."""
    ids = sorted(set(entity_ids))
    f, r = t.alignment_firsts, t.relations
    connection.execute(delete(f).where(or_(f.c.subject.in_(ids), f.c.object.in_(ids))))
    connection.execute(
        insert(f).from_select(
            ["subject", "relation", "object", "first_seen"],
            _grouped().where(or_(r.c.subject.in_(ids), r.c.object.in_(ids))),
        )
    )


def rebuild(connection: Connection) -> None:
    """Recompute every triple (a new table, or a bulk load that bypassed the writer)."""
    connection.execute(delete(t.alignment_firsts))
    connection.execute(
        insert(t.alignment_firsts).from_select(
            ["subject", "relation", "object", "first_seen"], _grouped()
        )
    )


def _grouped() -> Select[Any]:
    r, d = t.relations, t.documents
    return (
        select(r.c.subject, r.c.relation, r.c.object, func.min(d.c.published))
        .join(d, d.c.id == r.c.document_id)
        .group_by(r.c.subject, r.c.relation, r.c.object)
    )


def stale(engine: Engine) -> list[tuple[Triple, str | None, str | None]]:
    """Triples whose stored first date disagrees with the rows: (triple, stored, actual);
    a missing or extra triple shows None on its empty side."""
    with engine.connect() as connection:
        stored = {
            (s, r, o): d for s, r, o, d in connection.execute(select(t.alignment_firsts)).tuples()
        }
        actual = {(s, r, o): d for s, r, o, d in connection.execute(_grouped()).tuples()}
    return [
        (triple, stored.get(triple), actual.get(triple))
        for triple in sorted(set(stored) | set(actual))
        if triple not in stored or triple not in actual or stored[triple] != actual[triple]
    ]
