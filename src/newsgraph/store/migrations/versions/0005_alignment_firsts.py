"""When the KB first saw each alignment is kept in `alignment_firsts` (maintained by the
writer, removal and curation), so "in force as of" questions group nothing at query time.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsgraph.store import firsts
from newsgraph.store import schema as t

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # 0001 creates tables from the current schema.py, so new databases have the table
    if not sa.inspect(bind).has_table("alignment_firsts"):
        t.alignment_firsts.create(bind)
    firsts.rebuild(bind)


def downgrade() -> None:
    op.drop_table("alignment_firsts")
