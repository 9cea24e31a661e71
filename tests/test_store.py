"""The knowledge base on SQLite and on a real PostgreSQL: idempotent ingest, retraction,
analyst decisions, event deduplication and every query, each answer with evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from newsgraph import Extraction, Extractor
from newsgraph.kb import ingest
from newsgraph.store import queries
from newsgraph.store.curation import dangling_references, record_decision
from newsgraph.store.db import open_database, upgrade
from newsgraph.store.writer import Saved, remove_document

A = (
    "Moscow Acts\n\nOn May 1, 2019, Russia attacked Ukraine (TASS, May 2). "
    "Maduro is supported by Russia and China. Lavrov warned Pompeo, “The continuation of "
    "aggressive actions may result in the gravest of consequences.”\n"
)
B = (
    "Another Report\n\nOn May 1, 2019, Russia attacked Ukraine, Reuters reported. "
    "Since January 2019, Guaidó has been recognized as interim president by the United States.\n"
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    return folder


def test_ingest_is_idempotent(kb: Engine, extractor: Extractor, corpus: Path) -> None:
    first = ingest(extractor, kb, [corpus])
    assert (first.added, first.already_known, first.facts > 0) == (2, 0, True)
    before = queries.counts(kb)
    again = ingest(extractor, kb, [corpus])
    assert (again.added, again.already_known, again.facts) == (0, 2, 0)
    assert queries.counts(kb) == before


def test_a_writers_failure_stops_the_ingest_and_keeps_what_was_stored(
    kb: Engine, extractor: Extractor, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the writer raises is raised by `ingest`, the documents stored before stay, and a
    second run stores the rest. Results are reported in input order."""
    from newsgraph.store.writer import save_extraction as real

    seen: list[str] = []

    def failing_on_the_second(engine: Engine, extraction: Extraction) -> Saved:
        if seen:
            raise OSError("disk full")
        seen.append(extraction.document.id)
        return real(engine, extraction)

    monkeypatch.setattr("newsgraph.kb.save_extraction", failing_on_the_second)
    reported: list[str] = []
    with pytest.raises(OSError, match="disk full"):
        ingest(extractor, kb, [corpus], on_result=lambda d, _new: reported.append(d.source))
    assert queries.counts(kb)["documents"] == 1 and len(reported) == 1
    monkeypatch.setattr("newsgraph.kb.save_extraction", real)
    order: list[str] = []
    again = ingest(extractor, kb, [corpus], on_result=lambda d, _new: order.append(d.source))
    assert (again.added, again.already_known) == (1, 1)
    assert order == sorted(order)  # a.txt before b.txt, as given


def test_same_event_from_two_documents_is_one_event_with_two_reports(
    kb: Engine, extractor: Extractor, corpus: Path
) -> None:
    ingest(extractor, kb, [corpus])
    rows = queries.events(kb, type="ASSAULT", actor="state:RUS")
    assert rows and {r["reports"] for r in rows} == {2}
    assert all(r["evidence"]["text"] for r in rows)
    timeline = queries.timeline(kb, actor="state:RUS", type="ASSAULT")
    assert len(timeline) == 1 and timeline[0]["date"] == "2019-05-01"


def test_event_filters(kb: Engine, extractor: Extractor, corpus: Path) -> None:
    ingest(extractor, kb, [corpus])
    assert queries.events(kb, target="state:UKR", since="2019-05-01", until="2019-05-01")
    assert not queries.events(kb, target="state:UKR", since="2019-06-01")
    assert queries.events(kb, country="UKR")
    assert all(r["modality"] == "asserted" for r in queries.events(kb, modality="asserted"))


def test_dossier_alignments_quotes_and_search(
    kb: Engine, extractor: Extractor, corpus: Path
) -> None:
    ingest(extractor, kb, [corpus])
    dossier = queries.dossier(kb, "Russia")
    assert dossier is not None and dossier["documents"] == 2
    assert any(r["relation"] == "supports" for r in dossier["alignments"])
    assert dossier["events_as_source"] and dossier["sources_cited"]
    # A (published 2019-05-02) states Russia's support without saying since when: in force
    # from its first report; B states the recognition "since January 2019"
    rows = {
        (r["subject"], r["relation"], r["object"]): r
        for r in queries.alignments(kb, as_of="2019-05-02")
    }
    support = rows[("Russia", "supports", "Nicolás Maduro")]
    assert (support["since"], support["since_basis"]) == ("2019-05-02", "first reported")
    recognition = rows[("United States", "recognizes", "Juan Guaidó")]
    assert (recognition["since"], recognition["since_basis"]) == ("2019-01", "stated")
    earlier = {(r["subject"], r["relation"]) for r in queries.alignments(kb, as_of="2019-05-01")}
    assert earlier == {("United States", "recognizes")}
    assert not queries.alignments(kb, as_of="1900-01-01")
    assert not any(
        r[1] == "recognizes"
        for r in {
            (r["subject"], r["relation"], r["object"])
            for r in queries.alignments(kb, as_of="2018-12-01")
        }
    )
    lavrov = queries.quotes(kb, speaker="person:sergei-lavrov")
    assert lavrov and lavrov[0]["stance"] == "warn"
    hits = queries.search(kb, "recognized Guaidó")
    assert [h["title"] for h in hits] == ["Another Report"]
    assert queries.actors(kb, "Lavr")[0]["name"] == "Sergei Lavrov"


def test_remove_retracts_only_what_rests_on_the_document(
    kb: Engine, extractor: Extractor, corpus: Path
) -> None:
    ingest(extractor, kb, [corpus])
    doc_b = next(d["id"] for d in queries.search(kb, "Another"))
    assert remove_document(kb, doc_b)
    assert not remove_document(kb, doc_b)
    assert {r["reports"] for r in queries.events(kb, type="ASSAULT", actor="state:RUS")} == {1}
    assert queries.find_entity(kb, "person:juan-guaido") is None
    assert queries.find_entity(kb, "state:RUS") is not None
    assert dangling_references(kb) == []
    again = ingest(extractor, kb, [corpus])
    assert (again.added, again.already_known) == (1, 1)


def test_analyst_merge_survives_reingest(kb: Engine, extractor: Extractor, corpus: Path) -> None:
    ingest(extractor, kb, [corpus])
    record_decision(kb, "merge", "state:CHN", "state:RUS")
    assert queries.find_entity(kb, "state:CHN") is None
    doc_a = next(d["id"] for d in queries.search(kb, "Moscow Acts"))
    remove_document(kb, doc_a)
    ingest(extractor, kb, [corpus])
    assert queries.find_entity(kb, "state:CHN") is None
    supporters = [r["subject"] for r in queries.alignments(kb, relation="supports")]
    assert supporters.count("Russia") >= 1 and "China" not in supporters
    assert dangling_references(kb) == []


def test_analyst_split(kb: Engine, extractor: Extractor, corpus: Path) -> None:
    ingest(extractor, kb, [corpus])
    record_decision(kb, "split", "person:sergei-lavrov", "person:lavrov-junior", surface="Lavrov")
    junior = queries.find_entity(kb, "person:lavrov-junior")
    assert junior is not None and junior["type"] == "person"
    assert dangling_references(kb) == []


def test_events_by_agent(kb: Engine, extractor: Extractor, tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(
        "Crackdown\n\nOn May 2, 2019, security forces arrested dozens of protesters in Caracas.\n",
        encoding="utf-8",
    )
    ingest(extractor, kb, [tmp_path / "c.txt"])
    (arrest,) = queries.events(kb, agent="COP")
    # a side with no entity shows what the text calls it
    assert (arrest["type"], arrest["source"], arrest["source_ids"]) == (
        "COERCE",
        ["security forces"],
        [],
    )
    assert (arrest["source_agent"], arrest["target_agent"]) == ("COP", "OPP")
    assert queries.events(kb, agent="OPP") and not queries.events(kb, agent="REB")
    facets = queries.event_facets(kb, queries.EventFilter())
    assert dict(facets["agent"]) == {"COP": 1, "OPP": 1}


def test_an_older_database_gains_the_agent_columns(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "old.db"), migrate=False)
    upgrade(engine, "0001")
    with engine.begin() as c:  # as version 0001 of the schema made it
        for column in ("source_agent_code", "target_agent_code"):
            c.execute(text(f"DROP INDEX ix_events_{column}"))
        for column in ("source_agent", "source_agent_code", "target_agent", "target_agent_code"):
            c.execute(text(f"ALTER TABLE events DROP COLUMN {column}"))
    upgrade(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("events")}
    assert {"source_agent", "source_agent_code", "target_agent", "target_agent_code"} <= columns


def test_an_unnamed_speaker_is_stored_and_listed_by_what_it_is(
    kb: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    folder = tmp_path / "unnamed"
    folder.mkdir()
    (folder / "c.txt").write_text(
        'Blast in Kabul\n\nOn May 3, 2019, a bomb exploded in Kabul. "It killed nine people '
        'and injured at least 50 more," officials said.\n',
        encoding="utf-8",
    )
    ingest(extractor, kb, [folder])
    (quote,) = [q for q in queries.quotes(kb) if q["text"].startswith("It killed")]
    assert (quote["speaker"], quote["speaker_id"], quote["speaker_agent"]) == (
        "officials", None, "GOV")  # fmt: skip


def test_bodies_named_only_by_what_they_are_stay_apart_by_country(
    kb: Engine, extractor: Extractor, tmp_path: Path
) -> None:
    """Every country has an Attorney General's Office and a Supreme Court: the KB must not
    merge Mexico's with Guatemala's into one actor with one country."""
    (tmp_path / "mx.txt").write_text(
        "Mexico City Ruling\n\nMEXICO CITY -- Mexico's Supreme Court ruled on Monday that the "
        "tax was lawful. The Attorney General's Office said it would open an inquiry.\n",
        encoding="utf-8",
    )
    (tmp_path / "gt.txt").write_text(
        "Guatemala Vote\n\nGUATEMALA CITY -- Guatemala's Supreme Court ruled on Tuesday that the "
        "vote was valid. The Attorney General's Office said it would appeal.\n",
        encoding="utf-8",
    )
    ingest(extractor, kb, [tmp_path / "mx.txt", tmp_path / "gt.txt"])
    offices = queries.actors(kb, "Attorney General")
    assert sorted((r["name"], r["country"]) for r in offices) == [
        ("Attorney General's Office", "GTM"),
        ("Attorney General's Office", "MEX"),
    ]
    assert {r["id"] for r in offices} == {
        "organization:attorney-general-s-office-gtm",
        "organization:attorney-general-s-office-mex",
    }
