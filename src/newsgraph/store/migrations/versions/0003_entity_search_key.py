"""Entities carry a search key (no diacritics, case-folded) so "Guaido" finds "Guaidó".

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsgraph.folding import search_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # 0001 creates tables from the current schema.py, so new databases have the column
    existing = {c["name"] for c in sa.inspect(bind).get_columns("entities")}
    if "search_key" not in existing:
        with op.batch_alter_table("entities") as batch:
            batch.add_column(sa.Column("search_key", sa.Text, nullable=True))
            batch.create_index("ix_entities_search_key", ["search_key"])
    entities = sa.table("entities", sa.column("id"), sa.column("name"), sa.column("search_key"))
    rows = bind.execute(
        sa.select(entities.c.id, entities.c.name).where(entities.c.search_key.is_(None))
    )
    for entity_id, name in list(rows):
        bind.execute(
            entities.update().where(entities.c.id == entity_id).values(search_key=search_key(name))
        )


def downgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.drop_index("ix_entities_search_key")
        batch.drop_column("search_key")
