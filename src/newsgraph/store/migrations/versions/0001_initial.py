"""Initial knowledge base: documents, entities, facts, event clusters, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

from newsgraph.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
    "content_rowid='rowid')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
]
_POSTGRES_FTS = [
    "CREATE INDEX ix_documents_fts ON documents USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
]


def upgrade() -> None:
    bind = op.get_bind()
    # the first revision creates the tables as schema.py describes them; later revisions
    # change them with explicit operations
    metadata.create_all(bind)
    statements = _SQLITE_FTS if bind.dialect.name == "sqlite" else _POSTGRES_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    metadata.drop_all(bind)
