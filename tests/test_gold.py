"""newsgraph-gold: the compiler that turns annotations into offsets, the shipped corpus's
validity, and the harness's arithmetic on a small hand-written gold with known scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.gold.agreement import agreement, cohen_kappa
from newsgraph.gold.compile import GoldError, compile_annotation, ontology
from newsgraph.gold.corpus import gold_schema, load_gold, split_of
from newsgraph.gold.harness import date_matches, evaluate
from newsgraph.gold.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "gold" / "newsgraph-gold.jsonl"

ARTICLE = {
    "id": "test:1",
    "title": "Talks",
    "date": "2019-05-03",
    "url": "https://example.org/talks",
    "text": (
        "Sergei Lavrov met Mike Pompeo in Helsinki on Monday. Rebels shelled Aleppo.\n"
        "Russia accused the United States of meddling. The weather was fine."
    ),
}
ANNOTATION: dict[str, Any] = {
    "id": "test:1",
    "annotator": "T",
    "entities": {
        "E1": {"name": "Sergei Lavrov", "type": "person", "country": "RUS", "sector": "GOV",
               "mentions": ["Sergei Lavrov"]},
        "E2": {"name": "Mike Pompeo", "type": "person", "country": "USA", "sector": "GOV",
               "mentions": ["Mike Pompeo"]},
        "E3": {"name": "Aleppo", "type": "place", "country": "SYR", "mentions": ["Aleppo"]},
        "E4": {"name": "Russia", "type": "state", "country": "RUS", "mentions": ["Russia"]},
        "E5": {"name": "United States", "type": "state", "country": "USA",
               "mentions": ["United States"]},
    },
    "sentences": [
        {"s": 0, "events": [{"trigger": "met", "type": "CONSULT", "mode": None,
                             "source": [{"entity": "E1", "text": "Sergei Lavrov"}],
                             "target": [{"entity": "E2", "text": "Mike Pompeo"}],
                             "modality": "asserted", "date": "2019-04-29",
                             "date_text": "on Monday", "place": None}]},
        {"s": 1, "events": [{"trigger": "shelled", "type": "ASSAULT", "mode": "heavy-weapons",
                             "source": [{"text": "Rebels", "agent": "REB"}],
                             "target": [{"entity": "E3", "text": "Aleppo"}],
                             "modality": "asserted"}]},
        {"s": 2, "events": [{"trigger": "accused", "type": "ACCUSE", "mode": "allege",
                             "source": [{"entity": "E4", "text": "Russia"}],
                             "target": [{"entity": "E5", "text": "United States"}],
                             "modality": "asserted"}],
         "quotes": [], "alignments": []},
        {"s": 3},
    ],
}  # fmt: skip


def _mention(text: str, start: int) -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text}


def _output() -> dict[str, Any]:
    """What an extractor might say: the meeting right (wrong date), the shelling as COERCE, a
    spurious SUPPORT, the accusation missed."""
    text = ARTICLE["text"]
    at = text.index

    def event(kind: str, trigger: str, sentence_start: int, **rest: Any) -> dict[str, Any]:
        evidence = {"sentence": 0, "start": sentence_start, "end": sentence_start + 40}
        return {"type": kind, "trigger": trigger, "evidence": evidence, "modality": "asserted",
                "negated": False, "source": [], "target": [], **rest}  # fmt: skip

    return {
        "entities": [
            {"id": "person:lavrov", "type": "person", "country": "RUS",
             "attributes": {"agent": "GOV", "cameo": "RUSGOV"},
             "mentions": [_mention("Sergei Lavrov", at("Sergei Lavrov"))]},
            {"id": "person:pompeo", "type": "person", "country": "RUS",
             "mentions": [_mention("Mike Pompeo", at("Mike Pompeo"))]},
            {"id": "state:RUS", "type": "state", "country": "RUS",
             "mentions": [_mention("Russia", at("Russia"))]},
        ],
        "events": [
            event("CONSULT", "met", 0, source=["person:lavrov"], target=["person:pompeo"],
                  date="2019-05-03"),
            event("COERCE", "shelled", at("Rebels"), source_agent={"text": "Rebels", "code": "REB"}),
            event("SUPPORT", "weather", at("The weather"), source=["state:RUS"]),
        ],
        "relations": [],
        "quotes": [],
    }  # fmt: skip


def test_compile_finds_offsets_and_checks_labels() -> None:
    record = compile_annotation(ARTICLE, ANNOTATION)
    text = ARTICLE["text"]
    meeting = record["events"][0]
    assert text[meeting["trigger"]["start"] : meeting["trigger"]["end"]] == "met"
    assert meeting["source"][0]["entity"] == "E1"
    assert record["sentences"] == [list(s) for s in split_sentences(text)]
    assert len(record["sentences"]) == 4
    broken = json.loads(json.dumps(ANNOTATION))
    broken["sentences"][1]["events"][0]["type"] = "SHELL"
    broken["sentences"][0]["events"][0]["trigger"] = "greeted"
    del broken["sentences"][3]
    with pytest.raises(GoldError) as caught:
        compile_annotation(ARTICLE, broken)
    problems = " | ".join(caught.value.problems)
    assert "'SHELL' is not a PLOVER event type" in problems
    assert "'greeted' (occurrence 1) is not in sentence 0" in problems
    assert "not annotated: 3" in problems


def test_a_mention_inside_a_longer_mention_belongs_to_the_longer_one() -> None:
    article = {**ARTICLE, "text": "Sudan and South Sudan met. Melania Trump greeted Trump."}
    annotation = {
        "id": "test:1",
        "entities": {
            "E1": {"name": "Sudan", "type": "state", "country": "SDN", "mentions": ["Sudan"]},
            "E2": {"name": "South Sudan", "type": "state", "country": "SSD",
                   "mentions": ["South Sudan"]},
            "E3": {"name": "Melania Trump", "type": "person", "country": "USA",
                   "mentions": ["Melania Trump"]},
            "E4": {"name": "Donald Trump", "type": "person", "country": "USA",
                   "mentions": ["Trump"]},
        },
        "sentences": [{"s": 0}, {"s": 1}],
    }  # fmt: skip
    record = compile_annotation(article, annotation)
    text = article["text"]
    found = {e["name"]: [text[a:b] for a, b in e["mentions"]] for e in record["entities"]}
    assert found["Sudan"] == ["Sudan"] and record["entities"][0]["mentions"][0][0] == 0
    assert found["South Sudan"] == ["South Sudan"]
    assert found["Donald Trump"] == ["Trump"]
    assert record["entities"][3]["mentions"] == [[text.rindex("Trump"), len(text) - 1]]


def test_harness_scores_a_known_case() -> None:
    gold = compile_annotation(ARTICLE, ANNOTATION)
    report = evaluate([gold], [_output()], keep_errors=True)
    # detection: meeting + shelling found (2 of 3 gold, 2 of 3 output)
    assert (report.detection.tp, report.detection.predicted, report.detection.gold) == (2, 3, 3)
    # typing: only the meeting
    assert report.typed.tp == 1 and report.typed.precision == pytest.approx(1 / 3)
    assert report.per_type["ACCUSE"].recall == 0.0 and report.per_type["CONSULT"].f1 == 1.0
    assert (report.pair.correct, report.pair.total) == (1, 1)
    assert (report.date.correct, report.date.total) == (0, 1)
    # entities: Pompeo's country is wrong; places are not scored
    assert (report.entity_country.correct, report.entity_country.total) == (2, 3)
    # sectors are the product's CAMEO agent: Lavrov's is given, Pompeo's is missing
    assert (report.entity_sector.correct, report.entity_sector.total) == (1, 2)
    layers = {e["layer"] for e in report.errors}
    assert {"event missed", "event spurious", "event date", "entity country"} <= layers


def test_an_international_body_is_igo_by_its_cameo_code() -> None:
    from newsgraph.gold.harness import _country_of

    assert _country_of({"country": None, "attributes": {"cameo": "IGO"}}) == "IGO"
    assert _country_of({"country": None, "attributes": {"cameo": "IGOGOV"}}) == "IGO"
    assert _country_of({"country": "USA", "attributes": {"cameo": "USAGOV"}}) == "USA"
    assert _country_of({"country": None, "attributes": {}}) is None


def test_agreement_of_an_annotation_with_itself_is_perfect() -> None:
    gold = compile_annotation(ARTICLE, ANNOTATION)
    result = agreement([gold], [gold])
    assert result.events.f1 == 1.0 and result.type_kappa == 1.0
    assert result.source.value == 1.0 and result.modality.value == 1.0


@pytest.mark.parametrize(
    ("gold", "output", "ok"),
    [
        ("2019-05", "2019-05-01", True),
        ("2019-05-01", "2019-05", False),
        ("2019", None, False),
        ("2019-06", "2019-W24", True),  # 10-16 June
        ("2019-06", "2019-W27", False),  # 1-7 July
        ("2019-06-12", "2019-W24", False),  # a week is coarser than the gold's day
    ],
)
def test_dates_compare_at_the_gold_granularity(gold: str, output: str | None, ok: bool) -> None:
    assert date_matches(gold, output) is ok


def test_splits_are_fixed_by_id() -> None:
    assert split_of("wikinews:2019-0000") == split_of("wikinews:2019-0000")
    shares = [split_of(f"x:{i}") for i in range(3000)]
    assert 0.65 < shares.count("train") / 3000 < 0.75


def test_errors_are_refused_on_the_test_split() -> None:
    result = CliRunner().invoke(
        app, ["evaluate", str(CORPUS.parent), "--split", "test", "--errors"]
    )
    assert result.exit_code == 2 and "must not steer" in result.output


# --- the shipped corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    assert CORPUS.exists(), "newsgraph-gold ships in the repository"
    return load_gold(CORPUS)


def test_shipped_corpus_is_valid(corpus: list[dict[str, Any]]) -> None:
    validator = jsonschema.Draft202012Validator(gold_schema())
    labels = ontology()
    for record in corpus:
        assert not list(validator.iter_errors(record)), record["id"]
        assert record["split"] == split_of(record["id"])
        text = record["text"]
        assert record["sentences"] == [list(s) for s in split_sentences(text)]
        for event in record["events"]:
            trigger = event["trigger"]
            assert text[trigger["start"] : trigger["end"]] == trigger["text"]
            assert event["type"] in labels["event_types"], record["id"]
            assert event["mode"] is None or event["mode"] in labels["event_types"][event["type"]]
            for side in event["source"] + event["target"]:
                if side["start"] is not None:
                    assert text[side["start"] : side["end"]] == side["text"]
        for quote in record["quotes"]:
            assert text[quote["text"]["start"] : quote["text"]["end"]] == quote["text"]["text"]


def test_shipped_corpus_never_holds_the_seed(corpus: list[dict[str, Any]]) -> None:
    assert not any("Steps Deeper Into the Venezuelan" in (r["title"] or "") for r in corpus)


def test_undated_events_have_the_v8_decisions(corpus: list[dict[str, Any]]) -> None:
    # guideline v8 (§7.3): every event told without a time of its own was decided again by
    # two annotators (and an adjudicator where they differed); the corpus holds the decisions
    record = json.loads((ROOT / "data/gold/adjudication/v8_episode_dates.json").read_text())
    final = {(d["article"], d["event"]): d["final"] for d in record["decisions"]}
    undated = [(r["id"], e) for r in corpus for e in r["events"] if not e["date_text"]]
    assert len(undated) == len(final) == record["summary"]["events"]
    assert all(final[(article, e["id"])] == e["date"] for article, e in undated)


@pytest.mark.parametrize(
    "round_file",
    [
        "v10_suspects",
        "v11_protesters",
        "v12_platforms",
        "v13_parties",
        "v14_politicians",
        "v15_platform-types",
        "v16_perpetrators",
    ],
)
def test_codes_decided_again_are_the_corpus_codes(
    corpus: list[dict[str, Any]], round_file: str
) -> None:
    # guidelines v10-v15: codes the corpus had split on, decided again by two annotators (an
    # adjudicator where they differed, scripts/gold_agents.py); the corpus holds the decisions.
    # An item is an entity ("article#E4": its sector or type, the summary's `field`) or an
    # unnamed side ("article#e7#t0": the agent of the event's first target; "s" for a source)
    record = json.loads((ROOT / f"data/gold/adjudication/{round_file}.json").read_text())
    field = record["summary"]["field"]
    by_id = {r["id"]: r for r in corpus}
    for decision in record["decisions"]:
        article, *where = decision["item"].split("#")
        if len(where) == 1:
            (entity,) = [e for e in by_id[article]["entities"] if e["id"] == where[0]]
            code = entity[field]
        else:
            (event,) = [e for e in by_id[article]["events"] if e["id"] == where[0]]
            side = event["source" if where[1][0] == "s" else "target"][int(where[1][1:])]
            code = side[field]
        assert code == decision["final"], decision["item"]
    assert record["summary"]["items"] == len(record["decisions"])


def test_cohen_kappa() -> None:
    assert cohen_kappa([("A", "A"), ("B", "B")]) == 1.0
    assert cohen_kappa([("A", "B"), ("B", "A")]) == -1.0
    # observed 0.75, expected (2*3 + 2*1) / 16 = 0.5: kappa 0.5
    assert cohen_kappa([("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")]) == pytest.approx(0.5)
    assert cohen_kappa([]) == 0.0
