"""Quotes record what kind of speaker an unnamed one is: "officials said" (GOV), "the study
reported" (EDU).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_COLUMNS = (("speaker_agent", 200), ("speaker_agent_code", 3))
_INDEXED = ("speaker_agent_code",)


def upgrade() -> None:
    # 0001 creates the tables from the current schema.py, so a database made by this
    # version already has the columns; one made by an older version gains them here
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("quotes")}
    missing = [(name, size) for name, size in _COLUMNS if name not in existing]
    if not missing:
        return
    with op.batch_alter_table("quotes") as batch:
        for name, size in missing:
            batch.add_column(sa.Column(name, sa.String(size), nullable=True))
            if name in _INDEXED:
                batch.create_index(f"ix_quotes_{name}", [name])


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        for name in _INDEXED:
            batch.drop_index(f"ix_quotes_{name}")
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
