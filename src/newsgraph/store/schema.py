"""The knowledge base schema (SQLAlchemy Core): the only description of the tables.

Statement model: every fact row points to its document, sentence and character span
(`sentence`, `start`, `end`) and to the in-article citation covering it (`citation`, the
citation's id within its document). Record time is `documents.ingested_at`; world time is the
fact's own date columns (`date`, `valid_from`, `valid_until`).

    documents ─┬─ sentences, citations, dates, mentions, roles
               ├─ events ── event_actors ── entities
               ├─ quotes, relations, arms_transfers (+ arms_systems), deployments
               └─ (events.cluster → event_clusters: one real event reported by many documents)
    entity_merges: analyst decisions (merge A into B, split) that survive re-ingest
    entity_corrections: an analyst's country or sector for an actor, applied on every ingest
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
    true,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _doc_fk() -> Column[str]:
    return Column(
        "document_id",
        String(32),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _span() -> list[Column[int]]:
    return [Column("sentence", Integer), Column("start", Integer), Column("end", Integer)]


documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("external_id", Text),
    Column("title", Text),
    Column("outlet", Text, index=True),  # the outlet list groups by it
    Column("outlet_id", String(200)),
    Column("author", Text),
    Column("url", Text),
    Column("volume", String(50)),
    Column("issue", String(50)),
    Column("published", String(10), index=True),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("published_basis", Text),
    Column("language", String(10)),
    Column("length", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("extraction", JSON, nullable=False),  # the contract object, for exact re-export
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False, index=True),
    Column("country", String(3), index=True),
    Column("search_key", Text, index=True),  # folding.search_key(name): "guaido" finds "Guaidó"
    Column("known", Boolean, nullable=False, default=False),
    Column("attributes", JSON, nullable=False),
    # maintained aggregates (writer, remove, merge, split keep them): how often and in how
    # many documents the entity is mentioned, so "most mentioned" lists need no scan of mentions
    Column("mention_count", Integer, nullable=False, default=0, server_default="0"),
    Column("document_count", Integer, nullable=False, default=0, server_default="0"),
    Index("ix_entities_mention_count", "mention_count"),
)

entity_merges = Table(
    "entity_merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(200), nullable=False, index=True),
    Column("target_id", String(200), nullable=False),
    Column("action", String(10), nullable=False),  # merge | split
    Column("surface", Text),  # for a split: the mention text that names the split-off entity
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

entity_corrections = Table(
    "entity_corrections",
    metadata,
    # not an enforced reference: a correction outlives the documents that name its actor, so
    # it applies again when they are ingested anew
    Column("entity_id", String(200), primary_key=True),
    Column("country", String(3)),  # ISO 3166 alpha-3, or NULL for "none"
    Column("sector", String(3)),  # CAMEO agent type
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("entity_id", String(200), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    *_span(),
    # an entity's documents, newest rows last: the dossier reads its latest documents only
    Index("ix_mentions_entity_document", "entity_id", "document_id"),
)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("entity_id", String(200), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("qualifier", Text),
    Column("organization", Text),
    Column("organization_id", String(200)),
    Column("country", String(3)),
    Column("valid_from", String(10)),
    Column("valid_until", String(10)),
    *_span(),
)

citations = Table(
    "citations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("local_id", String(10), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("outlet", Text),
    Column("media_id", String(200), index=True),
    Column("date", String(10)),
    Column("covers", JSON, nullable=False),
    Column("problems", JSON, nullable=False),
    *_span(),
)

time_expressions = Table(
    "time_expressions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("text", Text, nullable=False),
    Column("granularity", String(20), nullable=False),
    Column("value", String(40)),
    Column("range_start", String(10)),
    Column("range_end", String(10)),
    Column("relation", String(10)),
    *_span(),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(12), nullable=False, index=True),
    Column("date", String(40), index=True),
    Column("reports", Integer, nullable=False, default=0),
)

events = Table(
    "events",
    metadata,
    Column("id", String(48), primary_key=True),  # document id + local id
    _doc_fk(),
    Column("cluster_id", String(40), ForeignKey("event_clusters.id"), nullable=False, index=True),
    Column("type", String(12), nullable=False, index=True),
    Column("mode", String(40)),
    Column("context", String(40)),
    Column("cameo", String(4)),
    Column("trigger", Text),
    Column("date", String(40), index=True),
    Column("date_basis", String(12)),
    Column("location", String(200)),
    Column("modality", String(14), nullable=False, index=True),
    Column("negated", Boolean, nullable=False),
    Column("mutual", Boolean, nullable=False),
    # what kind of actor each side is ("insurgents": REB); a side may be only that
    Column("source_agent", String(200)),
    Column("source_agent_code", String(3), index=True),
    Column("target_agent", String(200)),
    Column("target_agent_code", String(3), index=True),
    Column("attributed_to", String(200)),
    Column("quote", String(10)),
    Column("citation", String(10)),
    Column("confidence", Float, nullable=False),
    # a named actor on each side (event_actors holds both roles): what the network draws.
    # Curation repoints sides but never removes one, so the flag set on write stays true
    Column("two_sided", Boolean, nullable=False, default=False, server_default=false()),
    *_span(),
    # newest-first lists filtered by one column read these in order and stop at the page size
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_modality_date", "modality", "date"),
    # events per place (the map) and curation's repointing of a place read this
    Index("ix_events_location", "location"),
)

# Newest-first lists put undated events last. SQLite's DESC already does (NULL sorts lowest)
# and reads its plain indexes backwards; PostgreSQL needs indexes in DESC NULLS LAST order,
# else it sorts every candidate row (events_newest: 628 ms at 100,000 documents).
for _name, _columns in (
    ("ix_events_newest", ()),
    ("ix_events_type_newest", ("type",)),
    ("ix_events_modality_newest", ("modality",)),
):
    Index(
        _name, *(events.c[c] for c in _columns), events.c.date.desc().nulls_last(), events.c.id
    ).ddl_if(dialect="postgresql")

# the network's newest two-sided events, read in order without probing the one-sided ones
# (six in seven events lack a named side: 35,000 probes for 5,000 interactions at 100k)
TWO_SIDED = events.c.two_sided == true()
Index("ix_events_two_sided", events.c.date, sqlite_where=TWO_SIDED).ddl_if(dialect="sqlite")
Index(
    "ix_events_two_sided_newest",
    events.c.date.desc().nulls_last(),
    events.c.id,
    postgresql_where=TWO_SIDED,
).ddl_if(dialect="postgresql")

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(48), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(6), primary_key=True),  # source | target
    Column("entity_id", String(200), primary_key=True),
    Index("ix_event_actors_entity_role", "entity_id", "role"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("local_id", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("speaker", String(200), index=True),
    Column("speaker_agent", String(200)),
    Column("speaker_agent_code", String(3), index=True),
    Column("addressee", String(200)),
    Column("verb", Text),
    Column("stance", String(12), nullable=False),
    Column("date", String(40)),
    Column("citation", String(10)),
    *_span(),
    Index("ix_quotes_speaker_date", "speaker", "date"),
)
# the newest quotes, read in order (SQLite reads a plain index backwards, undated last;
# PostgreSQL needs the order spelled): the quote list had sorted every quote (600 ms at 100k)
Index("ix_quotes_date", quotes.c.date).ddl_if(dialect="sqlite")
Index("ix_quotes_newest", quotes.c.date.desc().nulls_last(), quotes.c.id.desc()).ddl_if(
    dialect="postgresql"
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("subject", String(200), nullable=False, index=True),
    Column("relation", String(20), nullable=False, index=True),
    Column("object", String(200), nullable=False, index=True),
    Column("valid_from", String(10), index=True),  # the KB's date range reads its ends
    Column("valid_until", String(10)),
    Column("negated", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("citation", String(10)),
    *_span(),
)

arms_transfers = Table(
    "arms_transfers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("supplier", JSON, nullable=False),
    Column("recipient", JSON, nullable=False),
    Column("systems", JSON, nullable=False),
    Column("quantity", Float),
    Column("value", Float),
    Column("value_currency", String(3)),
    Column("value_bound", String(10)),
    Column("period", String(40)),
    Column("status", String(10)),
    Column("citation", String(10)),
    *_span(),
)

deployments = Table(
    "deployments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("actor", JSON, nullable=False),
    Column("location", String(200)),
    Column("size", Float),
    Column("size_bound", String(10)),
    Column("commander", String(200)),
    Column("date", String(40)),
    Column("citation", String(10)),
    *_span(),
)


alignment_firsts = Table(
    "alignment_firsts",
    metadata,
    # when the KB first saw each (subject, relation, object): the earliest publication of a
    # document stating it. Maintained by the writer, removal and curation, so "in force as of"
    # questions need no grouping of every alignment ever stored
    Column("subject", String(200), primary_key=True),
    Column("relation", String(20), primary_key=True),
    Column("object", String(200), primary_key=True),
    Column("first_seen", String(10)),
    Index("ix_alignment_firsts_object", "object"),
)

tallies = Table(
    "tallies",
    metadata,
    # maintained row counts of the tables the home page and /api/counts report, kept in
    # the same transaction as every write, so "how big is the KB" reads a few rows, not millions
    Column("name", String(40), primary_key=True),
    Column("rows", BigInteger, nullable=False),
)


@dataclass(frozen=True, slots=True)
class EntityReference:
    """A column that names entities: one id (`scalar`) or a JSON list of ids (`list`).

    `enforced` columns carry a foreign key to `entities.id` (the ones every knowledge base has
    had since the first revision); the others are kept consistent by the writer, by curation
    (merge, split, remove) and are verified by `newsgraph check`, all derived from this list.
    """

    table: Table
    column: str
    kind: Literal["scalar", "list"] = "scalar"
    enforced: bool = False

    @property
    def name(self) -> str:
        return f"{self.table.name}.{self.column}"


ENTITY_REFERENCES: tuple[EntityReference, ...] = (
    EntityReference(mentions, "entity_id", enforced=True),
    EntityReference(roles, "entity_id", enforced=True),
    EntityReference(roles, "organization_id"),
    EntityReference(documents, "outlet_id"),
    EntityReference(citations, "media_id"),
    EntityReference(events, "location"),
    EntityReference(events, "attributed_to"),
    EntityReference(event_actors, "entity_id", enforced=True),
    EntityReference(quotes, "speaker", enforced=True),
    EntityReference(quotes, "addressee", enforced=True),
    EntityReference(relations, "subject", enforced=True),
    EntityReference(relations, "object", enforced=True),
    EntityReference(arms_transfers, "supplier", "list"),
    EntityReference(arms_transfers, "recipient", "list"),
    EntityReference(arms_transfers, "systems", "list"),
    EntityReference(deployments, "actor", "list"),
    EntityReference(deployments, "location"),
    EntityReference(deployments, "commander"),
)
"""Every column that holds entity ids: the one declaration merge, split, orphan cleanup,
foreign keys, the writer's id resolution and the consistency check are derived from."""

for _reference in ENTITY_REFERENCES:
    if _reference.enforced:
        _reference.table.append_constraint(
            ForeignKeyConstraint([_reference.column], ["entities.id"])
        )


def leads_an_index(table: Table, column: str) -> bool:
    """Whether an index (or the primary key) of `table` starts with `column`."""
    keys = [[c.name for c in index.columns] for index in table.indexes]
    keys.append([c.name for c in table.primary_key.columns])
    return any(key and key[0] == column for key in keys)


# Every one-id reference is indexed: removing a document deletes the entities it alone named,
# and each deletion looks the id up in every referencing column (the foreign-key check, and
# the orphan test for the unenforced ones). Unindexed, those were scans of whole fact tables:
# 2.2 s to remove one document from a 100,000-document SQLite KB.
REFERENCE_INDEXES = tuple(
    Index(f"ix_{r.table.name}_{r.column}_ref", r.table.c[r.column])
    for r in ENTITY_REFERENCES
    if r.kind == "scalar" and not leads_an_index(r.table, r.column)
)

FACT_TABLES = (
    mentions,
    roles,
    citations,
    time_expressions,
    events,
    quotes,
    relations,
    arms_transfers,
    deployments,
)

TALLIED = (documents, entities, *FACT_TABLES, event_clusters)
"""The tables whose row counts `tallies` keeps (what `queries.counts` reports)."""
