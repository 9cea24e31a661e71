"""Events record what kind of actor each side is: "insurgents" (REB), "government forces" (MIL).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from newsgraph.store.migrations.columns import add_text_columns, drop_text_columns

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
    add_text_columns("events", _COLUMNS, _INDEXED)


def downgrade() -> None:
    drop_text_columns("events", _COLUMNS, _INDEXED)
