"""PostgreSQL: indexes in the order newest-first lists read events (date DESC NULLS LAST, id),
alone and after type or modality. SQLite reads its plain indexes backwards and needs none.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_events_newest", ""),
    ("ix_events_type_newest", "type, "),
    ("ix_events_modality_newest", "modality, "),
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    existing = {i["name"] for i in sa.inspect(bind).get_indexes("events")}
    for name, leading in _INDEXES:
        if name not in existing:
            op.execute(f"CREATE INDEX {name} ON events ({leading}date DESC NULLS LAST, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _ in _INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
