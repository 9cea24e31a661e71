"""Parsing and scoring of the event benchmarks, on tiny hand-written files (no model)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsgraph.coding import code_entity, coded_events, with_codes
from newsgraph.errors import ConfigError
from newsgraph.evaluation import (
    PloverRecord,
    PloverResult,
    PloverScore,
    SentenceResult,
    evaluate_petrarch,
    evaluate_plover,
    event_triples,
    load_petrarch,
    load_plover,
    parse_petrarch,
    plover_result,
    score_sentences,
)
from newsgraph.models import (
    Attribute,
    Document,
    Entity,
    EntityType,
    Event,
    Evidence,
    Extraction,
    Modality,
)

PETRARCH_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
####################
#   a comment block that is not XML, naming <EventCoding...> and <Sentence ...> tags
####################
<Environment><Verbfile>CAMEO.2.0.txt</Verbfile></Environment>
<Sentences>
<Sentence category="AFP" date="20080806" id="S1" evaluate="true"/>
<!-- PATTERN * TALKS [046] <Sentence id="commented" evaluate="true"/> -->
<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="CHN" />
<EventCoding eventcode="0431" sourcecode="USA" targetcode="CHNGOV" />
<Text>
The US leader visited
Beijing &amp; Shanghai.
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
<Text>parse blocks are ignored</Text>
</Parse></Sentence>
<Sentence category="TEST" date="121108" id="S2" evaluate="true">
<EventCoding noevents="True" />
<Text>Nothing happened.</Text>
</Sentence>
<Sentence category="OTHER" date="20150101" id="S4" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="NGAREB" targetcode="NGAMUS" />
<Text>
</Text>
<Parse>
1	Boko	Boko	PROPN	NNP	Number=Sing	2	name	_	_
</Parse></Sentence>
<Sentence category="TEST" date="20150609" id="S3" evaluate="false"/>
<EventCoding eventcode="190" sourcecode="ISR" targetcode="PSE" />
<Text>Not evaluated.</Text>
</Sentences>
</Validation>
"""

PLOVER_RECORDS = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "documentation"},
    {
        "id": "R1",
        "event": "DEMAND",
        "date": "2000-01-01",
        "text": "Japan demanded that Italy withdraw.",
        "source": [{"actorText": "Japan", "code": "JAP", "sector": "GOV"}],
        "target": [{"actorText": "Italy", "code": "ITLGOV"}],
    },
    {
        "id": "R2",
        "event": "INVESTIGATE",
        "date": "2000-01-02",
        "text": "The UN investigated.",
        "source": [{"actorText": "UN", "code": "IGO"}],
        "target": "",
        "mode": "",
    },
    {"id": "R3", "event": "FIGHT", "date": "", "text": "Clashes.", "source": None, "mode": "other"},
]


def entity(
    ident: str,
    country: str | None = None,
    *,
    type: EntityType = EntityType.STATE,
    kind: str | None = None,
) -> Entity:
    attributes = (Attribute("kind", kind),) if kind else ()
    return Entity(ident, ident, type, (), country=country, attributes=attributes)


def event(
    type: str,
    cameo: str,
    source: tuple[str, ...],
    target: tuple[str, ...],
    *,
    negated: bool = False,
    confidence: float = 0.5,
    mutual: bool = False,
    location: str | None = None,
) -> Event:
    return Event(f"event:{type}:{confidence}", type, cameo, source, target, "trigger",
                 Evidence("d", 0, 0, 0), negated=negated, confidence=confidence,
                 mutual=mutual, location=location)  # fmt: skip


def extraction(entities: tuple[Entity, ...] = (), events: tuple[Event, ...] = ()) -> Extraction:
    """An extraction of these entities and events, coded as the pipeline codes them."""
    document = Document("d", "text", "test")
    coded = tuple(with_codes(entities))
    return Extraction(document, (), coded, (), (), events=tuple(coded_events(events, coded)))


STATES = (entity("state:USA", "USA"), entity("state:CHN", "CHN"), entity("state:RUS", "RUS"))


# --- PETRARCH2 --------------------------------------------------------------------------------


def test_parse_petrarch_reads_text_codings_and_dates_only_of_evaluated_sentences() -> None:
    sentences = parse_petrarch(PETRARCH_XML)
    assert [s.id for s in sentences] == ["S1", "S2", "S4"]
    first, second, third = sentences
    assert first.text == "The US leader visited Beijing & Shanghai."
    assert first.published == date(2008, 8, 6)
    assert first.gold == {("USA", "CHN", "04")}  # a set: two codings, one root-level triple
    assert second.gold == frozenset()
    assert second.published is None  # "121108" is not YYYYMMDD
    assert third.text == ""  # only a parse: we never code from parses


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<Validation></Validation>", "no <Sentence"),
        ('<Sentence id="X" date="20080806" evaluate="true"/>\n', "X has no <Text>"),
        (
            '<Sentence id="Y" date="20080806" evaluate="true"/><EventCoding eventcode="04" />'
            "<Text>t</Text>",
            "lacks 'sourcecode'",
        ),
    ],
)
def test_malformed_petrarch_file_raises_config_error(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "validation.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_petrarch(path)


def test_missing_file_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_petrarch(tmp_path / "absent.xml")
    with pytest.raises(ConfigError, match="does not exist"):
        load_plover(tmp_path / "absent.json")


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (entity("state:USA", "USA"), "USA"),
        (entity("person:putin", "RUS", type=EntityType.PERSON), "RUS"),
        (
            entity("organization:nato", type=EntityType.ORGANIZATION, kind="military alliance"),
            "IGO",
        ),
        (entity("organization:un", type=EntityType.ORGANIZATION, kind="intergovernmental"), "IGO"),
        (
            entity("organization:eu", type=EntityType.ORGANIZATION, kind="supranational union"),
            "IGO",
        ),
        (entity("organization:african-union", type=EntityType.ORGANIZATION), "IGO"),
        (entity("organization:msf", type=EntityType.ORGANIZATION, kind="ngo"), None),
        (entity("person:someone", type=EntityType.PERSON), None),
        (entity("group:unionists", type=EntityType.GROUP), None),
        (entity("group:isis", type=EntityType.GROUP, kind="terrorist organisation"), "IMG"),
        (None, None),
    ],
)
def test_actor_prefix(actor: Entity | None, expected: str | None) -> None:
    """The evaluation reads the product's coding (coding.py): an actor's CAMEO prefix."""
    assert (code_entity(actor).prefix if actor else None) == expected


def test_event_triples_pairs_every_coded_source_with_every_target() -> None:
    unknown = entity("person:nobody", type=EntityType.PERSON)
    events = (
        event("CONSULT", "042", ("state:USA", "state:RUS"), ("state:CHN",)),
        event("ASSAULT", "190", ("state:USA",), ("state:CHN",), negated=True),
        event("ACCUSE", "112", ("state:USA",), ()),
        event("AGREE", "030", ("state:USA",), ("state:USA", "person:nobody", "missing")),
    )
    triples = event_triples(extraction((*STATES, unknown), events))
    # the extractor keeps a same-country pair only for two different groups ("Georgian
    # demonstrators attacked the Georgian government"), so scoring keeps it too; an actor
    # with no country is PETRARCH's "---"; an id naming no entity, and no target, pair nothing
    assert triples == {
        ("USA", "CHN", "04"),
        ("RUS", "CHN", "04"),
        ("USA", "USA", "03"),
        ("USA", "---", "03"),
    }


def test_triples_leave_out_what_did_not_happen_but_keep_refusals() -> None:
    wished = replace(
        event("AID", "070", ("state:USA",), ("state:RUS",)), modality=Modality.HYPOTHETICAL
    )
    refused = event("AID", "120", ("state:USA",), ("state:CHN",), negated=True)
    undone = event("ASSAULT", "190", ("state:RUS",), ("state:CHN",), negated=True)
    assert event_triples(extraction(STATES, (wished, refused, undone))) == {("USA", "CHN", "12")}


def test_mutual_events_pair_from_their_subjects() -> None:
    # "the US met with Russia": the subject is the source, as PETRARCH codes it
    met = event("CONSULT", "040", ("state:USA",), ("state:RUS",), mutual=True)
    assert event_triples(extraction(STATES, (met,))) == {("USA", "RUS", "04")}
    # "The US, China and Russia met": each with the others; "... met in Beijing": the place
    among = event("CONSULT", "040", ("state:USA", "state:CHN", "state:RUS"), (), mutual=True)
    assert len(event_triples(extraction(STATES, (among,)))) == 6
    beijing = entity("place:beijing", "CHN", type=EntityType.PLACE)
    there = replace(among, location="place:beijing")
    assert event_triples(extraction((*STATES, beijing), (there,))) == {
        ("USA", "CHN", "04"),
        ("CHN", "CHN", "04"),
        ("RUS", "CHN", "04"),
    }


def test_score_sentences_is_micro_averaged() -> None:
    a, b, c = ("USA", "CHN", "04"), ("RUS", "UKR", "19"), ("IGO", "SYR", "11")
    score = score_sentences(
        [
            SentenceResult("1", "t", frozenset({a, b}), frozenset({a})),
            SentenceResult("2", "t", frozenset({c}), frozenset({b, c})),
            SentenceResult("3", "t", frozenset(), frozenset()),
        ]
    )
    assert (score.true_positives, score.predicted, score.gold) == (2, 3, 3)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_empty_score_is_zero_not_an_error() -> None:
    score = score_sentences([SentenceResult("1", "t", frozenset({("A", "B", "01")}), frozenset())])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


class FakeExtractor:
    """Answers from a table of texts and records the publication dates it was given."""

    def __init__(self, answers: dict[str, Extraction]) -> None:
        self.answers = answers
        self.published: list[date | None] = []

    def extract_text(self, text: str, *, published: date | None = None) -> Extraction:
        self.published.append(published)
        return self.answers.get(text, extraction(STATES))


def test_evaluate_petrarch_codes_each_sentence_from_its_text(tmp_path: Path) -> None:
    path = tmp_path / "validation.xml"
    path.write_text(PETRARCH_XML, encoding="utf-8")
    visited = extraction(STATES, (event("CONSULT", "042", ("state:USA",), ("state:CHN",)),))
    fake = FakeExtractor({"The US leader visited Beijing & Shanghai.": visited})
    score = evaluate_petrarch(path, fake)
    assert fake.published == [date(2008, 8, 6), None]
    assert score.skipped == ("S4",)  # empty text: not scored, and not sent to the extractor
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert score.sentences[0].predicted == {("USA", "CHN", "04")}


# --- PLOVER -----------------------------------------------------------------------------------


def write_plover(tmp_path: Path, records: object) -> Path:
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_load_plover_renames_old_events_and_normalises_codes(tmp_path: Path) -> None:
    records = load_plover(write_plover(tmp_path, PLOVER_RECORDS))
    assert [(r.id, r.type, r.mode) for r in records] == [
        ("R1", "REQUEST", None),
        ("R2", "ACCUSE", "investigate"),
        ("R3", "ASSAULT", "other"),
    ]
    first, second, third = records
    assert first.source == {"JPN"} and first.target == {"ITA"}
    assert second.source == {"IGO"} and not second.target
    assert (third.source, third.target, third.published) == (frozenset(), frozenset(), None)
    assert first.published == date(2000, 1, 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"event": "AGREE"}', "expected a JSON list"),
        ("[]", "no PLOVER event records"),
        ('[{"id": "R9", "event": "AGREE"}]', "R9 needs a non-empty 'event' and 'text'"),
        ('[{"id": "R9", "event": "AGREE", "text": "t", "date": "May 1"}]', "not YYYY-MM-DD"),
        ('[{"id": "R9", "event": "AGREE", "text": "t", "source": ["USA"]}]', "must be objects"),
    ],
)
def test_malformed_plover_file_raises_config_error(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "plover.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_plover(path)


RECORD = PloverRecord("R", "t", None, "ASSAULT", None, frozenset({"USA"}), frozenset({"CHN"}))


def test_plover_result_takes_the_most_confident_event() -> None:
    events = (
        event("CONSULT", "040", ("state:RUS",), ("state:CHN",), confidence=0.4),
        event("ASSAULT", "190", ("state:USA",), ("state:CHN",), confidence=0.9),
        event("ACCUSE", "112", ("state:RUS",), ("state:USA",), confidence=0.6),
    )
    result = plover_result(RECORD, extraction(STATES, events))
    assert result.predicted == "ASSAULT"
    assert result.types == {"CONSULT", "ASSAULT", "ACCUSE"}
    assert result.source == {"USA"} and result.target == {"CHN"}
    assert result.correct


def test_plover_result_without_events_predicts_nothing() -> None:
    result = plover_result(RECORD, extraction(STATES))
    assert (result.predicted, result.types, result.correct) == (None, frozenset(), False)


def test_plover_score_counts() -> None:
    def record(type: str, source: set[str], target: set[str]) -> PloverRecord:
        return PloverRecord("R", "t", None, type, None, frozenset(source), frozenset(target))

    def result(gold: PloverRecord, predicted: str | None, types: set[str], source: set[str],
               target: set[str]) -> PloverResult:  # fmt: skip
        return PloverResult(gold, predicted, frozenset(types), frozenset(source), frozenset(target))

    score = PloverScore(
        (
            result(record("ASSAULT", {"USA"}, {"CHN"}), "ASSAULT", {"ASSAULT"}, {"USA"}, {"RUS"}),
            result(record("ASSAULT", {"RUS"}, set()), "ASSAULT", {"ASSAULT"}, {"UKR"}, set()),
            result(
                record("AGREE", {"FRA"}, {"DEU"}), "CONSULT", {"CONSULT", "AGREE"}, set(), set()
            ),
            result(record("AGREE", {"FRA"}, set()), None, set(), set(), set()),
        )
    )
    assert score.type_accuracy == 0.5
    assert score.any_accuracy == 0.75
    assert score.coverage == 0.75
    assert score.source_accuracy == 0.5  # two correctly typed records, one source right
    assert score.target_accuracy == 0.0  # one correctly typed record has a gold target: wrong
    assert [(t.type, t.gold, t.correct) for t in score.per_type] == [
        ("AGREE", 2, 0),
        ("ASSAULT", 2, 2),
    ]
    assert score.confusion[("AGREE", "CONSULT")] == 1


def test_evaluate_plover_passes_the_record_date(tmp_path: Path) -> None:
    fake = FakeExtractor(
        {"Japan demanded that Italy withdraw.": extraction(
            (entity("state:JPN", "JPN"), entity("state:ITA", "ITA")),
            (event("REQUEST", "10", ("state:JPN",), ("state:ITA",)),),
        )}
    )  # fmt: skip
    score = evaluate_plover(write_plover(tmp_path, PLOVER_RECORDS), fake)
    assert fake.published == [date(2000, 1, 1), date(2000, 1, 2), None]
    assert [r.predicted for r in score.results] == ["REQUEST", None, None]
    assert score.source_accuracy == score.target_accuracy == 1.0


def test_a_reported_attack_that_became_an_accusation_is_coded_once() -> None:
    attack = replace(
        event("ASSAULT", "190", ("state:RUS",), ("state:CHN",)),
        modality=Modality.REPORTED,
        attributed_to="state:USA",
    )
    accusation = event("ACCUSE", "112", ("state:USA",), ("state:RUS",))
    assert event_triples(extraction(STATES, (attack, accusation))) == {("USA", "RUS", "11")}
    # reported by someone who accused no one (an outlet), the attack itself is coded
    assert event_triples(extraction(STATES, (attack,))) == {("RUS", "CHN", "19")}


def test_newsgraph_evaluate_scores_petrarch_and_plover_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    xml = tmp_path / "petr.xml"
    xml.write_text(PETRARCH_XML, encoding="utf-8")
    records = tmp_path / "plover.json"
    records.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    runner = CliRunner()
    petrarch = json.loads(runner.invoke(app, ["evaluate", str(xml), "--json"]).output)
    assert set(petrarch) >= {"precision", "recall", "f1", "gold"}
    assert petrarch["sentences"] >= 1
    plover = json.loads(runner.invoke(app, ["evaluate", str(records), "--json"]).output)
    assert plover["records"] == len(PLOVER_RECORDS) - 1  # the codebook entry is no record
    assert 0.0 <= plover["type_accuracy"] <= 1.0
