"""An analyst's correction of an actor's country or sector (`entity_corrections`), kept apart
from the entity row so it applies again when the documents naming the actor are re-ingested.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsgraph.store import schema as t

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # 0001 creates tables from the current schema.py, so new databases have the table
    if not sa.inspect(bind).has_table("entity_corrections"):
        t.entity_corrections.create(bind)


def downgrade() -> None:
    op.drop_table("entity_corrections")
