"""What the migrations that add nullable text columns share (0002: events' side agents, 0012:
quotes' speaker agents)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


def add_text_columns(
    table: str, columns: Sequence[tuple[str, int]], indexed: Sequence[str]
) -> None:
    """Adds the columns (name, size) a table lacks, with an index `ix_<table>_<name>` on those
    in `indexed`. 0001 creates the tables from the current schema.py, so a database made by
    this version already has them; one made by an older version gains them here."""
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    missing = [(name, size) for name, size in columns if name not in existing]
    if not missing:
        return
    with op.batch_alter_table(table) as batch:
        for name, size in missing:
            batch.add_column(sa.Column(name, sa.String(size), nullable=True))
            if name in indexed:
                batch.create_index(f"ix_{table}_{name}", [name])


def drop_text_columns(
    table: str, columns: Sequence[tuple[str, int]], indexed: Sequence[str]
) -> None:
    with op.batch_alter_table(table) as batch:
        for name in indexed:
            batch.drop_index(f"ix_{table}_{name}")
        for name, _ in reversed(columns):
            batch.drop_column(name)
