"""Events record what kind of actor each side is: "insurgents" (REB), "government forces" (MIL).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("source_agent", 200),
    ("source_agent_code", 3),
    ("target_agent", 200),
    ("target_agent_code", 3),
)
_INDEXED = ("source_agent_code", "target_agent_code")


def upgrade() -> None:
    # 0001 creates the tables from the current schema.py, so a database made by this
    # version already has the columns; one made by an older version gains them here
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("events")}
    missing = [(name, size) for name, size in _COLUMNS if name not in existing]
    if not missing:
        return
    with op.batch_alter_table("events") as batch:
        for name, size in missing:
            batch.add_column(sa.Column(name, sa.String(size), nullable=True))
            if name in _INDEXED:
                batch.create_index(f"ix_events_{name}", [name])


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for name in _INDEXED:
            batch.drop_index(f"ix_events_{name}")
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
