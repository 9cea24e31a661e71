"""Queries whose cost follows the answer: entities carry their mention and document counts
(maintained by the writer and by curation), and composite indexes serve the filters that
combine (events by type or modality, newest first; an entity's documents).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsgraph.store import schema as t
from newsgraph.store import tallies

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_entities_mention_count", "entities", ("mention_count",)),
    ("ix_events_type_date", "events", ("type", "date")),
    ("ix_events_modality_date", "events", ("modality", "date")),
    ("ix_events_location", "events", ("location",)),
    ("ix_documents_outlet", "documents", ("outlet",)),
    ("ix_relations_valid_from", "relations", ("valid_from",)),
    ("ix_mentions_entity_document", "mentions", ("entity_id", "document_id")),
)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    # 0001 creates tables from the current schema.py, so new databases have all of this
    existing = {c["name"] for c in inspector.get_columns("entities")}
    if "mention_count" not in existing:
        with op.batch_alter_table("entities") as batch:
            batch.add_column(
                sa.Column("mention_count", sa.Integer, nullable=False, server_default="0")
            )
            batch.add_column(sa.Column("document_count", sa.Integer, nullable=False,
                                       server_default="0"))  # fmt: skip
    for name, table, columns in _INDEXES:
        if name not in {i["name"] for i in inspector.get_indexes(table)}:
            op.create_index(name, table, list(columns))
    if not inspector.has_table("tallies"):
        t.tallies.create(bind)
    # the tallies and each entity's counts, from the rows (alignment_firsts comes in 0005)
    tallies.recount(bind)
    tallies.recount_entities(bind)


def downgrade() -> None:
    op.drop_table("tallies")
    for name, table, _ in reversed(_INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("document_count")
        batch.drop_column("mention_count")
