"""Exports: a small real knowledge base, exported in every format and read back by each
format's own consumer library (json + jsonschema, csv, networkx, stix2)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
import stix2
from sqlalchemy import Engine

from newsgraph import ConfigError, Extraction, Extractor, json_schema, to_json
from newsgraph.export import FORMATS, export
from newsgraph.kb import ingest
from newsgraph.store.db import open_database
from newsgraph.store.queries import counts

PUBLISHED = date(2019, 5, 3)
TEXTS = {
    "attack.txt": "Russia attacks Ukraine\n\n"
    "Russia attacked Ukraine on May 1, 2019 (TASS, May 2). Maduro is supported by Russia and "
    "China. Lavrov warned Pompeo, “The continuation of aggressive actions may result in the "
    "gravest of consequences.”\n",
    "venezuela.txt": "Moscow backs Caracas\n\n"
    "Since January 2019, Russia has recognized Maduro as president of Venezuela. Russia "
    "delivered S-300 missiles to Venezuela. On April 30, 2019, Guaidó accused Russia of "
    "interfering in Venezuela (Reuters, April 30). The United States did not attack Venezuela. "
    "Security forces arrested dozens of protesters in Caracas.\n",
}
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor, texts: Path) -> Engine:
    kb = open_database(str(tmp_path_factory.mktemp("kb") / "kb.db"))
    summary = ingest(extractor, kb, [texts], published=PUBLISHED)
    assert summary.added == len(TEXTS)
    return kb


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_format_is_listed() -> None:
    assert set(FORMATS) == {"jsonl", "csv", "gexf", "graphml", "neo4j", "plover", "cameo", "stix"}


def test_an_unknown_format_is_a_config_error(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="choose one of jsonl, csv"):
        export(engine, "pdf", tmp_path / "kb.pdf")


def test_an_unwritable_destination_is_a_config_error(engine: Engine, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="Cannot write the csv export"):
        export(engine, "csv", blocker / "tables")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_writes_the_files_it_returns(engine: Engine, tmp_path: Path, fmt: str) -> None:
    destination = tmp_path / "out" / f"kb.{fmt}"
    written = export(engine, fmt, destination)
    assert written
    for path in written:
        assert path.is_file() and path.stat().st_size > 0
        assert path == destination or path.parent == destination


def test_a_file_format_goes_into_an_existing_folder(engine: Engine, tmp_path: Path) -> None:
    assert export(engine, "gexf", tmp_path) == [tmp_path / "newsgraph.gexf"]


def test_jsonl_is_what_extract_prints(
    engine: Engine, extractor: Extractor, texts: Path, tmp_path: Path
) -> None:
    [path] = export(engine, "jsonl", tmp_path / "kb.jsonl")
    results = list(extractor.extract_paths([texts], published=PUBLISHED))
    printed = [to_json(r) for r in results if isinstance(r, Extraction)]
    assert path.read_text(encoding="utf-8").splitlines() == printed


def test_jsonl_lines_validate_against_the_schema(engine: Engine, tmp_path: Path) -> None:
    [path] = export(engine, "jsonl", tmp_path / "kb.jsonl")
    lines = read_jsonl(path)
    assert len(lines) == len(TEXTS)
    validator = jsonschema.Draft202012Validator(json_schema())
    for data in lines:
        validator.validate(data)
        assert data["document"]["text"] in TEXTS.values()


def test_csv_tables_hold_every_row(engine: Engine, tmp_path: Path) -> None:
    written = export(engine, "csv", tmp_path / "tables")
    stored = counts(engine)
    for path in written:
        _, rows = read_csv(path)
        assert len(rows) == stored[path.stem], path.name
    header, _ = read_csv(tmp_path / "tables" / "documents.csv")
    assert "title" in header and "text" not in header and "extraction" not in header


def test_csv_events_carry_their_actors(engine: Engine, tmp_path: Path) -> None:
    export(engine, "csv", tmp_path / "tables")
    _, events = read_csv(tmp_path / "tables" / "events.csv")
    assault = next(e for e in events if e["type"] == "ASSAULT" and e["date"] == "2019-05-01")
    assert (assault["source"], assault["target"], assault["cameo"]) == (
        "state:RUS", "state:UKR", "190"
    )  # fmt: skip
    assert assault["negated"] == "false"
    # "Maduro is supported by Russia and China" states an alignment, not an event
    assert not [e for e in events if e["trigger"] == "supported"]


def test_gexf_reads_back_with_time_intervals(engine: Engine, tmp_path: Path) -> None:
    [path] = export(engine, "gexf", tmp_path / "kb.gexf")
    graph = nx.read_gexf(path)
    assert graph.is_multigraph() and graph.graph["mode"] == "dynamic"
    assert graph.nodes["state:RUS"]["type"] == "state"
    assert graph.nodes["state:RUS"]["label"] == "Russia"
    assert graph.nodes["state:RUS"]["country"] == "RUS"
    # the headline's "Russia attacks Ukraine" is an undated edge of its own
    [assault] = [
        d
        for d in graph.get_edge_data("state:RUS", "state:UKR").values()
        if d["kind"] == "event" and d.get("start")
    ]
    assert (assault["label"], assault["start"], assault["end"]) == (
        "ASSAULT", "2019-05-01", "2019-05-01"
    )  # fmt: skip
    recognizes = next(
        d
        for d in graph.get_edge_data("state:RUS", "person:nicolas-maduro").values()
        if d["label"] == "recognizes"
    )
    assert recognizes["kind"] == "relation"
    assert recognizes["start"] == "2019-01-01" and "end" not in recognizes
    [threat] = graph.get_edge_data("person:sergei-lavrov", "person:mike-pompeo").values()
    assert threat["label"] == "THREATEN" and "start" not in threat  # undated: always visible
    assert not graph.has_edge("state:USA", "state:VEN")  # "did not attack"


def test_graphml_reads_back(engine: Engine, tmp_path: Path) -> None:
    [path] = export(engine, "graphml", tmp_path / "kb.graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.nodes["state:RUS"]["type"] == "state"
    assert graph.nodes["person:sergei-lavrov"]["name"] == "Sergei Lavrov"
    labels = {d["label"]: d for d in graph.get_edge_data("state:RUS", "state:UKR").values()}
    assert labels["ASSAULT"]["kind"] == "event"
    assert labels["ASSAULT"]["date"] == labels["ASSAULT"]["start"] == "2019-05-01"
    supports = {
        d["label"] for d in graph.get_edge_data("state:CHN", "person:nicolas-maduro").values()
    }
    assert supports == {"supports"}  # an alignment; no SUPPORT event is told at "supported"


NEO4J_HEADERS = {
    "nodes_entities.csv": ["id:ID", "name", "type", "country", ":LABEL"],
    "nodes_documents.csv": ["id:ID", "title", "published", "url", ":LABEL"],
    "rels_events.csv": [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "plover",
        "cameo",
        "date",
        "modality",
        "document",
    ],
    "rels_alignments.csv": [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "valid_from",
        "valid_until",
        "document",
    ],
    "rels_mentions.csv": [":START_ID", ":END_ID", ":TYPE"],
}


def test_neo4j_files_are_ready_for_admin_import(engine: Engine, tmp_path: Path) -> None:
    written = export(engine, "neo4j", tmp_path / "neo4j")
    assert sorted(p.name for p in written) == sorted(NEO4J_HEADERS)
    tables = {}
    for path in written:
        header, rows = read_csv(path)
        assert header == NEO4J_HEADERS[path.name]
        tables[path.stem] = rows
    nodes = tables["nodes_entities"] + tables["nodes_documents"]
    node_ids = {n["id:ID"] for n in nodes}
    assert len(node_ids) == len(nodes)
    for name in ("rels_events", "rels_alignments", "rels_mentions"):
        for rel in tables[name]:
            assert {rel[":START_ID"], rel[":END_ID"]} <= node_ids, rel
    russia = next(n for n in tables["nodes_entities"] if n["id:ID"] == "state:RUS")
    assert russia[":LABEL"] == "Entity;State" and russia["name"] == "Russia"
    assert {d[":LABEL"] for d in tables["nodes_documents"]} == {"Document"}
    assert any(
        (r[":START_ID"], r[":END_ID"], r[":TYPE"], r["date"])
        == ("state:RUS", "state:UKR", "ASSAULT", "2019-05-01")
        for r in tables["rels_events"]
    )
    assert any(r[":TYPE"] == "RECOGNIZES" and r["valid_from"] for r in tables["rels_alignments"])
    mentions = [(r[":START_ID"], r[":END_ID"]) for r in tables["rels_mentions"]]
    assert len(mentions) == len(set(mentions))
    assert {r[":TYPE"] for r in tables["rels_mentions"]} == {"MENTIONS"}


PLOVER_FIELDS = {
    "id", "date", "event", "mode", "context", "cameo", "source", "target", "text", "modality",
    "negated", "confidence", "reports", "document", "url", "publication", "version",
}  # fmt: skip


def test_plover_lines_are_events(engine: Engine, tmp_path: Path) -> None:
    [path] = export(engine, "plover", tmp_path / "events.jsonl")
    records = read_jsonl(path)
    assert len(records) == counts(engine)["events"]
    for record in records:
        assert set(record) == PLOVER_FIELDS
        assert record["event"] in PLOVER_TYPES
        assert record["version"] == "PLOVER 2.0 / newsgraph 1.2"
    assault = next(r for r in records if r["event"] == "ASSAULT" and r["date"] == "2019-05-01")
    assert assault["source"] == [
        {"actorText": "Russia", "code": "RUS", "agent": None, "entity": "state:RUS"}
    ]
    assert assault["target"][0]["actorText"] == "Ukraine"
    assert assault["text"] == "Russia attacked Ukraine on May 1, 2019 (TASS, May 2)."
    assert (assault["reports"], assault["negated"], assault["cameo"]) == (1, False, "190")
    assert any(r["negated"] for r in records)  # kept here, with the flag
    # a side named only by what it is: its text and CAMEO agent type, no entity
    arrest = next(r for r in records if r["event"] == "COERCE")
    assert arrest["source"] == [
        {"actorText": "Security forces", "code": None, "agent": "COP", "entity": None}
    ]
    assert arrest["target"][0]["agent"] == "OPP"


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        return list(reader.fieldnames or []), list(reader)


def test_cameo_table_codes_actors_and_events_as_gdelt_does(engine: Engine, tmp_path: Path) -> None:
    from newsgraph.export.cameo import COLUMNS

    [path] = export(engine, "cameo", tmp_path / "events.tsv")
    header, rows = read_tsv(path)
    assert tuple(header) == COLUMNS
    assert {r["EventId"] for r in rows} == {
        r["id"] for r in read_jsonl(export(engine, "plover", tmp_path / "p.jsonl")[0])
    }
    assault = next(r for r in rows if r["EventRootCode"] == "19" and r["Day"] == "20190501")
    assert (assault["Actor1Code"], assault["Actor1Name"], assault["Actor1CountryCode"]) == (
        "RUS",
        "Russia",
        "RUS",
    )
    assert (assault["Actor2Code"], assault["Actor2Name"]) == ("UKR", "Ukraine")
    assert (assault["EventCode"], assault["EventBaseCode"], assault["QuadClass"]) == (
        "190",
        "190",
        "4",
    )
    assert float(assault["GoldsteinScale"]) == -10.0  # the public CAMEO weight of 190
    assert (assault["MonthYear"], assault["Year"], assault["IsRootEvent"]) == (
        "201905",
        "2019",
        "1",
    )
    assert assault["Evidence"] == "Russia attacked Ukraine on May 1, 2019 (TASS, May 2)."
    assert assault["Modality"] == "asserted" and assault["Negated"] == "0"
    # "Security forces arrested dozens of protesters in Caracas": agents only, no country
    arrest = next(r for r in rows if r["PloverType"] == "COERCE")
    assert (arrest["Actor1Code"], arrest["Actor1Type1Code"], arrest["Actor1Entity"]) == (
        "COP",
        "COP",
        "",
    )
    assert arrest["Actor2Code"] == "OPP"
    assert all("\t" not in v and "\n" not in v for r in rows for v in r.values() if v)


def test_contract_events_carry_their_coded_sides(extract_text: Any) -> None:
    found = extract_text("Syrian rebels attacked government forces in Aleppo on May 1, 2019.")
    doc = json.loads(to_json(found))
    jsonschema.validate(doc, json_schema())
    attack = next(e for e in doc["events"] if e["type"] == "ASSAULT")
    source = next(c for c in attack["coded"] if c["role"] == "source")
    assert (source["prefix"], source["agent"], source["code"]) == ("SYR", "REB", "SYRREB")


def test_stix_bundle_parses_and_every_reference_resolves(engine: Engine, tmp_path: Path) -> None:
    [path] = export(engine, "stix", tmp_path / "kb.stix.json")
    bundle = stix2.parse(path.read_text(encoding="utf-8"), allow_custom=False)
    by_id = {o.id: o for o in bundle.objects}
    relationships = [o for o in bundle.objects if o.type == "relationship"]
    assert relationships
    for rel in relationships:
        assert rel.source_ref in by_id and rel.target_ref in by_id
    for o in bundle.objects:
        if o.type in ("report", "note"):
            assert set(o.object_refs) <= set(by_id), o.id
    russia = next(o for o in bundle.objects if o.type == "identity" and o.name == "Russia")
    assert russia.sectors == ["government-national"]
    assault = next(
        r
        for r in relationships
        if r.relationship_type == "assault" and r.source_ref == russia.id and "start_time" in r
    )
    assert by_id[assault.target_ref].name == "Ukraine"
    assert assault.start_time.date() == date(2019, 5, 1)
    assert assault.external_references[0].source_name == "newsgraph"
    assert {"supports", "recognizes", "supplies-arms-to", "located-at"} <= {
        r.relationship_type for r in relationships
    }
    located = next(
        r
        for r in relationships
        if r.source_ref == russia.id and r.relationship_type == "located-at"
    )
    assert by_id[located.target_ref].country == "RU"
    assert any(o.type == "infrastructure" and o.name == "S-300" for o in bundle.objects)
    reports = [o for o in bundle.objects if o.type == "report"]
    assert len(reports) == len(TEXTS)
    assert {r.name for r in reports} == {"Russia attacks Ukraine", "Moscow backs Caracas"}
    assert all(r.published.date() == PUBLISHED for r in reports)


def test_stix_export_is_stable(engine: Engine, tmp_path: Path) -> None:
    [first] = export(engine, "stix", tmp_path / "a.json")
    [second] = export(engine, "stix", tmp_path / "b.json")
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_stix_bundle_passes_the_validator(engine: Engine, tmp_path: Path) -> None:
    import stix2validator as validator

    [path] = export(engine, "stix", tmp_path / "kb.stix.json")
    results = validator.validate_file(str(path))
    assert results.is_valid, validator.print_results(results)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-05-01", {"Year": 2019, "MonthYear": 201905, "Day": 20190501}),
        ("2019-05", {"Year": 2019, "MonthYear": 201905}),
        ("2019", {"Year": 2019}),
        ("2019-W18", {"Year": 2019}),
        ("2010s", {}),
        (None, {}),
    ],
)
def test_cameo_dates_are_as_precise_as_the_event_date(
    value: str | None, expected: dict[str, int]
) -> None:
    from newsgraph.export.cameo import _dates

    assert _dates(value) == expected


def test_cameo_quad_class_and_goldstein() -> None:
    from newsgraph.export.cameo import goldstein, quad_class

    assert [quad_class(c) for c in ("036", "0874", "112", "190", "", "99")] == [
        1,
        2,
        3,
        4,
        None,
        None,
    ]
    assert goldstein("036") == 4.0 and goldstein("190") == -10.0
    assert goldstein("0361") == 4.0  # not listed: its base code's weight
    assert goldstein("") is None
