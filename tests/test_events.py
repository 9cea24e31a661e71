"""Events on small hand-written sentences: every PLOVER type, modality, negation, compound
actors, passive voice, relative clauses and reported speech (real model and lexicon)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph import Event, Extraction

Run = Callable[..., Extraction]


def events_of(result: Extraction, kind: str) -> list[Event]:
    return [e for e in result.events if e.type == kind]


def names(result: Extraction, ids: tuple[str, ...]) -> set[str]:
    by_id = {e.id: e.name for e in result.entities}
    return {by_id[i] for i in ids}


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        ("Russia agreed with China on a new trade deal.", "AGREE", {"Russia"}, {"China"}),
        ("Pompeo met Lavrov in Helsinki on Monday.", "CONSULT", {"Mike Pompeo"}, {"Sergei Lavrov"}),
        ("France praised Germany for its leadership.", "SUPPORT", {"France"}, {"Germany"}),
        # a symmetric act of a compound subject: both are sources, and it is mutual
        (
            "Japan and India will cooperate on maritime security.",
            "COOPERATE",
            {"Japan", "India"},
            set(),
        ),
        ("Israel released Palestinian prisoners.", "CONCEDE", {"Israel"}, {"Palestine"}),
        ("Turkey sent humanitarian aid to Syria.", "AID", {"Turkey"}, {"Syria"}),
        ("Russia withdrew its troops from Georgia.", "RETREAT", {"Russia"}, set()),
        ("Ukraine urged Germany to deliver tanks.", "REQUEST", {"Ukraine"}, {"Germany"}),
        (
            "The United States accused Iran of attacking tankers.",
            "ACCUSE",
            {"United States"},
            {"Iran"},
        ),
        ("Cuba rejected the proposal from Brazil.", "REJECT", {"Cuba"}, set()),
        (
            "North Korea threatened Japan with missile strikes.",
            "THREATEN",
            {"North Korea"},
            {"Japan"},
        ),
        (
            "Thousands of Venezuelans protested against Maduro in Caracas.",
            "PROTEST",
            {"Venezuela"},
            {"Nicolás Maduro"},
        ),
        (
            "The European Union imposed sanctions on Russia.",
            "SANCTION",
            {"European Union"},
            {"Russia"},
        ),
        ("Russia deployed troops to Belarus.", "MOBILIZE", {"Russia"}, set()),
        ("Venezuela arrested two Colombian journalists.", "COERCE", {"Venezuela"}, {"Colombia"}),
        ("Israel bombed Hamas positions in Gaza.", "ASSAULT", {"Israel"}, {"Hamas"}),
    ],
)
def test_every_plover_type(
    run: Run, text: str, kind: str, source: set[str], target: set[str]
) -> None:
    result = run(text)
    found = events_of(result, kind)
    assert found, [(e.type, e.trigger) for e in result.events]
    event = found[0]
    assert source <= names(result, event.source)
    assert target <= names(result, event.target)
    assert event.cameo.isdigit()
    assert result.document.text[event.evidence.start : event.evidence.end]


def test_passive_voice(run: Run) -> None:
    result = run("Ukraine was attacked by Russia on Tuesday.")
    (event,) = events_of(result, "ASSAULT")
    assert names(result, event.source) == {"Russia"} and names(result, event.target) == {"Ukraine"}


def test_compound_actors(run: Run) -> None:
    result = run("Russia and China condemned the United States and Britain.")
    (event,) = events_of(result, "ACCUSE")
    assert names(result, event.source) == {"Russia", "China"}
    assert names(result, event.target) == {"United States", "United Kingdom"}


@pytest.mark.parametrize(
    "text",
    [
        # the small model reads this list as appositions of "US"
        "The US, Russia, and Switzerland met yesterday.",
        # ... and hangs "and Vladimir Putin" on "Obama" while "Barack" is the subject
        "Barack Obama and Vladimir Putin will meet in Zurich.",
    ],
)
def test_compound_subjects_the_parser_splits_still_count(run: Run, text: str) -> None:
    result = run(text)
    (event,) = events_of(result, "CONSULT")
    named = names(result, event.source) | names(result, event.target)
    expected = {"Barack Obama", "Vladimir Putin"} if "Obama" in text else {
        "United States", "Russia", "Switzerland"
    }  # fmt: skip
    assert named == expected and event.mutual


def test_relative_clause(run: Run) -> None:
    result = run("Hezbollah, which attacked Israel last year, denied the report.")
    (event,) = events_of(result, "ASSAULT")
    assert names(result, event.source) == {"Hezbollah"} and names(result, event.target) == {
        "Israel"
    }


def test_reported_speech_is_attributed(run: Run) -> None:
    result = run("Lavrov said that Ukraine had attacked Russia.")
    (event,) = events_of(result, "ASSAULT")
    assert event.modality == "reported"
    assert names(result, (event.attributed_to or "",)) == {"Sergei Lavrov"}
    assert names(result, event.source) == {"Ukraine"}


@pytest.mark.parametrize(
    ("text", "modality", "negated"),
    [
        ("Russia attacked Ukraine.", "asserted", False),
        ("Russia did not attack Ukraine.", "asserted", True),
        ("Russia will attack Ukraine.", "planned", False),
        ("Russia plans to attack Ukraine.", "planned", False),
        ("Russia may attack Ukraine.", "hypothetical", False),
        ("Russia threatened to attack Ukraine.", "threatened", False),
        ("Russia denied attacking Ukraine.", "denied", False),
        ("Russia allegedly attacked Ukraine.", "alleged", False),
        ("Moscow urged Russia to attack Ukraine.", "hypothetical", False),
        ("Belarus wants Russia to attack Ukraine.", "hypothetical", False),
    ],
)
def test_modality_and_negation(run: Run, text: str, modality: str, negated: bool) -> None:
    (event,) = events_of(run(text), "ASSAULT")
    assert (event.modality.value, event.negated) == (modality, negated)


def test_a_refusal_to_cooperate_is_cameo_reject(run: Run) -> None:
    (refused,) = events_of(run("Obama said he would not provide aid to Israel."), "AID")
    assert refused.negated and refused.cameo == "120"
    # the negation of a governing verb is not the helper's refusal
    result = run("Obama would not give permission to Russia to help Israel.")
    (blocked,) = events_of(result, "AID")
    assert blocked.negated and blocked.cameo.startswith("07")
    (attack,) = events_of(run("Russia did not attack Ukraine."), "ASSAULT")
    assert attack.cameo.startswith("19")


def test_nominal_event_between(run: Run) -> None:
    result = run("The conversation between Pompeo and Lavrov lasted an hour.")
    (event,) = events_of(result, "CONSULT")
    assert names(result, event.source + event.target) == {"Mike Pompeo", "Sergei Lavrov"}


def test_date_from_sentence_then_citation(run: Run) -> None:
    result = run(
        "On May 1, Russia attacked Ukraine. Then Russia attacked Georgia (TASS, April 28)."
    )
    first, second = events_of(result, "ASSAULT")
    assert (first.date, first.date_basis) == ("2019-05-01", "sentence")
    assert (second.date, second.date_basis, second.citation) == ("2019-04-28", "citation", "c1")


def test_an_era_in_a_nested_clause_does_not_date_the_event(run: Run) -> None:
    text = (
        "Bolsonaro opposed Macron's statement: \"The suggestion evokes a mentality that is out of"
        ' place in the 21st century."'
    )
    (event,) = [e for e in run(text).events if e.type == "REJECT"]
    assert event.date is None
    (older,) = run("In the 1980s, the Soviet Union invaded Afghanistan.").events
    assert older.date == "1980s"
