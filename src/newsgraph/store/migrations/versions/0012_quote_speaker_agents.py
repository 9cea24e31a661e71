"""Quotes record what kind of speaker an unnamed one is: "officials said" (GOV), "police
told" (COP).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

from newsgraph.store.migrations.columns import add_text_columns, drop_text_columns

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_COLUMNS = (("speaker_agent", 200), ("speaker_agent_code", 3))
_INDEXED = ("speaker_agent_code",)


def upgrade() -> None:
    add_text_columns("quotes", _COLUMNS, _INDEXED)


def downgrade() -> None:
    drop_text_columns("quotes", _COLUMNS, _INDEXED)
