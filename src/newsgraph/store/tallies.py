"""Maintained row counts (`tallies`): every write adjusts them in its own transaction, so the
size of the knowledge base is a read of a dozen rows at any scale.

    >>> with engine.begin() as connection:                     # doctest: +SKIP
    ...     add(connection, {"documents": 1, "events": 12})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, Engine, func, select, update

from newsgraph.store import schema as t
from newsgraph.store.db import dialect_insert


def add(connection: Connection, deltas: Mapping[str, int]) -> None:
    """Add these row-count changes (table name -> delta). Names are sorted so concurrent
    PostgreSQL writers take the row locks in one order; zero changes are skipped."""
    rows = [{"name": name, "rows": n} for name, n in sorted(deltas.items()) if n]
    if not rows:
        return
    statement = dialect_insert(connection, t.tallies)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[t.tallies.c.name],
            set_={"rows": t.tallies.c.rows + statement.excluded.rows},
        ),
        rows,
    )


def read(connection: Connection) -> dict[str, int]:
    """Rows per tallied table (0 for a table nothing was written to)."""
    stored = dict(connection.execute(select(t.tallies.c.name, t.tallies.c.rows)).tuples().all())
    return {table.name: int(stored.get(table.name, 0)) for table in t.TALLIED}


def actual(connection: Connection) -> dict[str, int]:
    """Rows per tallied table, counted (a scan of each: for checks and repair only)."""
    return {
        table.name: connection.scalar(select(func.count()).select_from(table)) or 0
        for table in t.TALLIED
    }


def recount(connection: Connection) -> None:
    """Set every tally from a count of its table (a new or repaired knowledge base)."""
    connection.execute(t.tallies.delete())
    counted = actual(connection)
    connection.execute(t.tallies.insert(), [{"name": k, "rows": n} for k, n in counted.items()])


def rebuild(connection: Connection) -> None:
    """Recompute every maintained aggregate from the rows: the tallies, when each alignment
    was first seen, each entity's mention and document counts (after a bulk load that
    bypassed the writer, or a repair)."""
    from newsgraph.store import firsts

    recount(connection)
    firsts.rebuild(connection)
    recount_entities(connection)


def recount_entities(connection: Connection, entity_ids: Sequence[str] | None = None) -> None:
    """The mention and document counts of these entities (all, without ids), from their
    mentions: an index range per entity."""
    e, m = t.entities, t.mentions
    of_entity = m.c.entity_id == e.c.id
    query = update(e).values(
        mention_count=select(func.count()).where(of_entity).scalar_subquery(),
        document_count=select(func.count(func.distinct(m.c.document_id)))
        .where(of_entity)
        .scalar_subquery(),
    )
    if entity_ids is not None:
        query = query.where(e.c.id.in_(list(entity_ids)))
    connection.execute(query)


def stale(engine: Engine) -> list[tuple[str, int, int]]:
    """Tallies that disagree with their table: (table, stored, actual)."""
    with engine.connect() as connection:
        stored, counted = read(connection), actual(connection)
    return [(name, stored[name], counted[name]) for name in stored if stored[name] != counted[name]]
