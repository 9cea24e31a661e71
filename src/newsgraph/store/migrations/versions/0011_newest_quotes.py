"""Quotes are listed newest first from an index (SQLite: `ix_quotes_date`, read backwards;
PostgreSQL: `ix_quotes_newest`, date DESC NULLS LAST, id DESC): the quote list had sorted
every quote with its evidence (600 ms at 100,000 documents).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_quotes_newest ON quotes (date DESC NULLS LAST, id DESC)"
        )
    else:
        op.execute("CREATE INDEX IF NOT EXISTS ix_quotes_date ON quotes (date)")


def downgrade() -> None:
    for name in ("ix_quotes_newest", "ix_quotes_date"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
