"""Queries whose cost follows the answer (#18): maintained counts stay right through ingest,
removal, merge and split; hot queries read indexes, never a whole table of facts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, inspect, select

from newsgraph.models import Extraction
from newsgraph.store import browse, firsts, queries, tallies
from newsgraph.store import schema as t
from newsgraph.store.curation import record_decision, stale_counts
from newsgraph.store.writer import remove_document, save_extraction

ARTICLES = (
    "Russian Foreign Minister Sergei Lavrov met Venezuelan President Nicolás Maduro in "
    "Caracas on May 2. Lavrov said Russia supports Maduro. The United States condemned "
    "the visit and imposed sanctions on Venezuela.",
    "Venezuelan opposition leader Juan Guaidó called for protests in Caracas on May 4. "
    "Police arrested dozens of protesters. Russia denounced the United States, and Lavrov "
    "criticized Washington.",
)


def _counts(engine: Engine) -> dict[str, tuple[int, int]]:
    with engine.connect() as c:
        rows = c.execute(select(t.entities.c.id, t.entities.c.mention_count,
                                t.entities.c.document_count))  # fmt: skip
        return {r[0]: (r[1], r[2]) for r in rows}


def _consistent(engine: Engine) -> bool:
    """Every maintained aggregate equals a recount from the rows."""
    assert stale_counts(engine) == []
    assert tallies.stale(engine) == []
    assert firsts.stale(engine) == []
    assert _two_sided_stale(engine) == []
    return True


def _two_sided_stale(engine: Engine) -> list[str]:
    """Events whose `two_sided` flag disagrees with their stored sides."""
    with engine.connect() as c:
        roles: dict[str, set[str]] = {}
        for event_id, role in c.execute(select(t.event_actors.c.event_id, t.event_actors.c.role)):
            roles.setdefault(event_id, set()).add(role)
        flags = c.execute(select(t.events.c.id, t.events.c.two_sided)).all()
    return [i for i, flag in flags if flag != (roles.get(i, set()) == {"source", "target"})]


def test_maintained_counts_follow_ingest_curation_and_removal(
    kb: Engine, extract_text: Callable[..., Extraction]
) -> None:
    saved = [save_extraction(kb, extract_text(text)) for text in ARTICLES]
    assert _consistent(kb)
    with kb.connect() as c:  # so that the two-sided flag's check proves something
        assert c.scalar(select(func.count()).where(t.events.c.two_sided.is_(True)))
    assert queries.counts(kb)["documents"] == 2
    counts = _counts(kb)
    assert counts["state:RUS"][1] == 2  # named in both documents
    assert counts["state:RUS"][0] >= 3
    # "most mentioned" is the same answer a count over all mentions gives
    with kb.connect() as c:
        recount = dict(
            c.execute(select(t.mentions.c.entity_id, func.count()).group_by(t.mentions.c.entity_id))
            .tuples()
            .all()
        )
    for row in queries.actors(kb, limit=1000):
        assert row["mentions"] == recount.get(row["id"], 0)
    person = next(i for i in counts if i.startswith("person:") and "lavrov" in i)
    record_decision(kb, "merge", person, "state:RUS", force=True)
    assert _consistent(kb)
    with kb.connect() as c:
        surface = c.scalar(select(t.mentions.c.text).where(t.mentions.c.entity_id == "state:RUS",
                                                         t.mentions.c.text == "Lavrov").limit(1))  # fmt: skip
    assert surface == "Lavrov"
    record_decision(kb, "split", "state:RUS", "person:lavrov-again", surface="Lavrov")
    assert _consistent(kb)
    assert remove_document(kb, saved[0].document_id)
    assert _consistent(kb)
    assert _counts(kb)["state:RUS"][1] == 1


def _plans(engine: Engine, calls: list[Callable[[], Any]]) -> list[tuple[str, str]]:
    """(statement, its query plan) for every SELECT the calls run. PostgreSQL plans with
    sequential scans switched off: a scan left in the plan then means no index could serve."""
    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        for call in calls:
            call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    sqlite = engine.dialect.name == "sqlite"
    plans = []
    with engine.connect() as c:
        raw = c.connection.driver_connection
        assert raw is not None
        cursor = raw.cursor()
        if not sqlite:
            cursor.execute("SET enable_seqscan = off")
        for statement, parameters in statements:
            cursor.execute(
                ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statement, parameters
            )
            plans.append((statement, "\n".join(str(r[-1]).strip() for r in cursor.fetchall())))
    return plans


@pytest.fixture()
def small_kb(kb: Engine, extract_text: Callable[..., Extraction]) -> Engine:
    for text_ in ARTICLES:
        save_extraction(kb, extract_text(text_))
    # no ANALYZE: without statistics SQLite plans as for large tables, which is what matters
    return kb


_FACT_TABLES = ("events", "mentions", "event_actors", "quotes", "documents", "relations")


def _full_scans(plan: str, table: str) -> list[str]:
    sqlite = [line for line in plan.splitlines()
              if re.match(rf"SCAN {table}( |$)", line) and "USING" not in line]  # fmt: skip
    postgres = [line for line in plan.splitlines() if re.search(rf"Seq Scan on {table}\b", line)]
    return sqlite + postgres


def test_hot_queries_read_indexes_not_whole_fact_tables(small_kb: Engine) -> None:
    engine = small_kb
    calls: list[Callable[[], Any]] = [
        lambda: queries.dossier(engine, "Russia"),
        lambda: queries.events(engine, actor="state:RUS"),
        lambda: queries.events(engine, target="state:USA", type="ACCUSE"),
        lambda: queries.events(engine, type="ASSAULT", since="2019-01-01"),
        lambda: queries.events(engine),
        lambda: queries.actors(engine, "Lavrov"),
        lambda: queries.actors(engine),
        lambda: queries.search(engine, "Caracas"),
        lambda: queries.quotes(engine, speaker="state:RUS"),
        lambda: queries.quotes(engine),
        lambda: queries.counts(engine),
        lambda: queries.alignments(engine, entity="state:RUS"),
        lambda: browse.documents(engine, browse.DocumentFilter(), limit=10),
        lambda: browse.date_range(engine),
    ]
    plans = _plans(engine, calls)
    assert len(plans) > 20
    for statement, plan in plans:
        for table in _FACT_TABLES:
            assert not _full_scans(plan, table), f"full scan of {table}:\n{plan}\n{statement}"


def test_every_column_naming_one_entity_is_indexed_in_the_database(small_kb: Engine) -> None:
    """Removing a document deletes the entities only it named; each deletion looks the id up
    in every referencing column, so each must lead an index of the migrated database."""
    inspector = inspect(small_kb)
    for reference in t.ENTITY_REFERENCES:
        if reference.kind != "scalar":
            continue  # JSON lists of ids: read from the few rows of their document
        table = reference.table.name
        keys = [i["column_names"] for i in inspector.get_indexes(table)]
        keys.append(inspector.get_pk_constraint(table)["constrained_columns"])
        assert any(key and key[0] == reference.column for key in keys), reference.name


def test_the_network_reads_its_interactions_from_the_two_sided_index(small_kb: Engine) -> None:
    """The network's event window walks the partial index of two-sided events newest first
    (SQLite plans as for large tables without statistics; PostgreSQL picks by table size, so
    on a few rows it is only held to reading no table whole), and draws the same edges as
    the events' stored sides give."""
    plans = _plans(small_kb, [lambda: browse.network(small_kb, browse.NetworkFilter())])
    (plan,) = [p for statement, p in plans if "JOIN event_actors AS src" in statement]
    if small_kb.dialect.name == "sqlite":
        assert "ix_events_two_sided" in plan, plan
    assert not [table for table in _FACT_TABLES if _full_scans(plan, table)], plan
    drawn = browse.network(small_kb, browse.NetworkFilter())["edges"]
    interactions = {(e["source"], e["target"], e["label"]) for e in drawn if e["kind"] == "event"}
    expected = set()
    for row in queries.events(small_kb, limit=10_000, min_confidence=None):
        if not row["negated"]:
            expected |= {
                (s, o, row["type"]) for s in row["source_ids"] for o in row["target_ids"] if s != o
            }
    assert interactions and interactions <= expected


def test_first_report_of_an_alignment_moves_when_its_document_goes(
    kb: Engine, extract_text: Callable[..., Extraction]
) -> None:
    text_ = "Russia supports Nicolás Maduro, the Kremlin said."
    early = save_extraction(kb, extract_text(text_ + " It was May 1.", published="2019-05-02"))
    save_extraction(kb, extract_text(text_ + " It was June 1.", published="2019-06-02"))
    rows = queries.alignments(kb, entity="state:RUS")
    assert rows and {r["since"] for r in rows} == {"2019-05-02"}
    assert [r for r in queries.alignments(kb, as_of="2019-05-10") if r["subject_id"] == "state:RUS"]
    assert remove_document(kb, early.document_id)
    assert _consistent(kb)
    assert {r["since"] for r in queries.alignments(kb, entity="state:RUS")} == {"2019-06-02"}
    assert not [
        r for r in queries.alignments(kb, as_of="2019-05-10") if r["subject_id"] == "state:RUS"
    ]


def test_first_report_stays_while_an_earlier_report_remains(
    kb: Engine, extract_text: Callable[..., Extraction]
) -> None:
    """Removal regroups a triple only when the removed document may have set its first date;
    whichever report goes, the stored date equals a regrouping of what is left."""
    text_ = "Russia supports Nicolás Maduro, the Kremlin said."
    early = save_extraction(kb, extract_text(text_ + " Early.", published="2019-05-02"))
    late = save_extraction(kb, extract_text(text_ + " Late.", published="2019-06-02"))
    undated = save_extraction(kb, extract_text(text_ + " Undated."))

    def since() -> set[str | None]:
        return {r["since"] for r in queries.alignments(kb, entity="state:RUS")}

    for removed, expected in ((late, {"2019-05-02"}), (undated, {"2019-05-02"})):
        assert remove_document(kb, removed.document_id)
        assert _consistent(kb) and since() == expected
    assert remove_document(kb, early.document_id)
    assert _consistent(kb) and since() == set()


def test_keyset_pages_follow_one_another_like_one_long_list(small_kb: Engine) -> None:
    everything = [r["id"] for r in queries.events(small_kb, limit=10_000)]
    assert len(everything) >= 4
    paged: list[str] = []
    after = None
    while True:
        page = queries.filtered_events(small_kb, queries.EventFilter(), limit=2, after=after)
        paged += [r["id"] for r in page]
        if len(page) < 2:
            break
        after = queries.event_cursor(page[-1])
    assert paged == everything


def test_api_events_link_to_their_next_page(client: Any) -> None:
    first = client.get("/api/events", params={"limit": 1, "min_confidence": 0})
    assert first.status_code == 200 and len(first.json()) == 1
    assert 'rel="next"' in first.headers["link"]
    following = client.get(first.headers["link"].split(">")[0].lstrip("<"))
    assert following.status_code == 200
    assert following.json() and following.json()[0]["id"] != first.json()[0]["id"]
    bad = client.get("/api/events", params={"after": "not-a-cursor"})
    assert bad.status_code == 422 and "cursor" in bad.text


def test_a_knowledge_base_from_before_the_aggregates_gains_them_right(
    tmp_path: Any, extract_text: Callable[..., Extraction]
) -> None:
    from sqlalchemy import text

    from newsgraph.store.db import open_database, upgrade

    engine = open_database(str(tmp_path / "old.db"))
    for text_ in ARTICLES:
        save_extraction(engine, extract_text(text_))
    with engine.begin() as c:  # the schema as revision 0003 left it, data kept
        for index in ("entities_mention_count", "events_type_date", "events_modality_date",
                      "mentions_entity_document", "events_location", "documents_outlet",
                      "relations_valid_from"):  # fmt: skip
            c.execute(text(f"DROP INDEX ix_{index}"))
        c.execute(text("DROP TABLE tallies"))
        c.execute(text("DROP TABLE alignment_firsts"))
        c.execute(text("ALTER TABLE entities DROP COLUMN mention_count"))
        c.execute(text("ALTER TABLE entities DROP COLUMN document_count"))
        c.execute(text("DROP INDEX ix_events_two_sided"))  # and the flag of 0009
        c.execute(text("ALTER TABLE events DROP COLUMN two_sided"))
        c.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    assert "tallies" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert _consistent(engine)
    assert queries.counts(engine)["documents"] == 2


def test_frequent_actors_are_probed_with_the_same_answer(
    small_kb: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An actor on one side of many events is read by probing the newest events one by one
    (PostgreSQL); the rows are the same as by gathering the actor's events first."""
    gathered = {
        (side, entity): queries.events(small_kb, **{side: entity})
        for side in ("actor", "target")
        for entity in ("state:RUS", "state:USA", "state:VEN")
    }
    assert sum(len(rows) for rows in gathered.values()) >= 3
    monkeypatch.setattr(queries, "FREQUENT_ACTOR", 1)
    for (side, entity), rows in gathered.items():
        assert queries.events(small_kb, **{side: entity}) == rows
    if small_kb.dialect.name == "postgresql":
        with small_kb.connect() as c:
            picked = queries.frequent_sides(c, queries.EventFilter(actor="state:RUS"))
        assert picked == {"source"}


def test_an_alignments_page_is_the_newest_rows_listed_as_usual(small_kb: Engine) -> None:
    """A page of alignments walks the primary key newest first (no sort of every alignment);
    listed, a page holding them all reads like the full list, a short page keeps the newest
    rows and the offset moves on to older ones."""
    listed = queries.alignments(small_kb, with_evidence=False)
    assert len(listed) >= 2
    assert queries.alignments(small_kb, limit=10_000, with_evidence=False) == listed
    newest_first = sorted((r["id"] for r in listed), reverse=True)
    short = queries.alignments(small_kb, limit=1, with_evidence=False)
    assert [r["id"] for r in short] == newest_first[:1]
    following = queries.alignments(small_kb, limit=1, offset=1, with_evidence=False)
    assert [r["id"] for r in following] == newest_first[1:2]
    in_force = queries.alignments(small_kb, as_of="2100-01-01")
    assert queries.alignments(small_kb, as_of="2100-01-01", limit=10_000) == in_force
