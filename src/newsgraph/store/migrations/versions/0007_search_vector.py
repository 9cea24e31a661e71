"""PostgreSQL: full-text search reads a stored `search_vector` column (title and text as an
English tsvector, kept by the database) through its GIN index, and can rank hits; documents
have a newest-first index (published DESC NULLS LAST, id) for an actor's latest documents.
Both databases: quotes by (speaker, date), so a speaker's newest quotes are read in order.

Before, search matched an expression index on `to_tsvector(title || text)`. Whenever the
planner chose a sequential scan instead (a freshly copied or not yet analysed table), every
document was parsed again for each query: 280 ms for 366 documents. A stored vector costs a
scan nothing but the match. SQLite keeps its FTS5 table.

The upgrade rewrites the documents table once: about 4 minutes for the 100,000-document
benchmark KB on 2 cores.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    bind = op.get_bind()
    # 0001 creates tables from the current schema.py, so a new database has this index already
    if "ix_quotes_speaker_date" not in {i["name"] for i in sa.inspect(bind).get_indexes("quotes")}:
        op.create_index("ix_quotes_speaker_date", "quotes", ["speaker", "date"])
    if bind.dialect.name != "postgresql":
        return
    if "search_vector" not in {c["name"] for c in sa.inspect(bind).get_columns("documents")}:
        op.execute(
            f"ALTER TABLE documents ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({VECTOR}) STORED"
        )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_documents_search ON documents USING GIN (search_vector)"
    )
    op.execute("DROP INDEX IF EXISTS ix_documents_fts")
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_documents_newest ON documents "
        "(published DESC NULLS LAST, id)"
    )


def downgrade() -> None:
    op.drop_index("ix_quotes_speaker_date", table_name="quotes")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_newest")
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING GIN ({VECTOR})")
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
        op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS search_vector")
