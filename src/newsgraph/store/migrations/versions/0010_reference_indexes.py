"""Every column that names one entity is indexed (`schema.REFERENCE_INDEXES`): removing a
document deletes the entities only it named, and each deletion looks the id up in every
referencing column. Six were unindexed, so each removal scanned whole fact tables: 2.2 s per
document on the 100,000-document SQLite benchmark KB.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# as schema.REFERENCE_INDEXES derived them when this revision was written
_COLUMNS = (
    ("roles", "organization_id"),
    ("documents", "outlet_id"),
    ("events", "attributed_to"),
    ("quotes", "addressee"),
    ("deployments", "location"),
    ("deployments", "commander"),
)


def upgrade() -> None:
    bind = op.get_bind()
    for table, column in _COLUMNS:
        # 0001 creates tables from the current schema.py, so a new database has them already
        if f"ix_{table}_{column}_ref" not in {
            i["name"] for i in sa.inspect(bind).get_indexes(table)
        }:
            op.create_index(f"ix_{table}_{column}_ref", table, [column])


def downgrade() -> None:
    for table, column in _COLUMNS:
        op.drop_index(f"ix_{table}_{column}_ref", table_name=table)
