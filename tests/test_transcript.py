"""Interviews: each sentence of an answer is its speaker's quote, the interviewer's questions
are not quotes, and an event told in an answer is reported by the speaker."""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.annotate.transcript import speaker_turns
from newsgraph.models import Extraction, Modality

INTERVIEW = (
    "Wikinews interviewed the mayor of Springfield, Anna Kowalski, about the strike.\n\n"
    "((WN)) What happened at the factory?\n\n"
    "((Anna Kowalski)) The police arrested twelve workers on Monday. I was shocked.\n\n"
    "((WN)) What will you do now?\n\n"
    "((Anna Kowalski)) We will meet the union next week.\n"
)


def test_answers_are_the_speakers_quotes_and_questions_are_not(
    extract_text: Callable[..., Extraction],
) -> None:
    found = extract_text(INTERVIEW, published="2020-03-02")
    kowalski = next(e.id for e in found.entities if e.name == "Anna Kowalski")
    answers = [q for q in found.quotes if q.speaker == kowalski]
    assert [q.text for q in answers] == [
        "The police arrested twelve workers on Monday.",
        "I was shocked.",
        "We will meet the union next week.",
    ]
    assert all(q.kind == "direct" for q in answers)
    assert not [q for q in found.quotes if "?" in q.text]


def test_an_event_told_in_an_answer_is_reported_by_the_speaker(
    extract_text: Callable[..., Extraction],
) -> None:
    found = extract_text(INTERVIEW, published="2020-03-02")
    kowalski = next(e.id for e in found.entities if e.name == "Anna Kowalski")
    arrest = next(e for e in found.events if e.trigger == "arrested")
    assert (arrest.modality, arrest.attributed_to) == (Modality.REPORTED, kowalski)


def test_the_speakers_own_acts_in_an_answer_are_reported_too(
    extract_text: Callable[..., Extraction],
) -> None:
    text = INTERVIEW.replace("I was shocked.", "I met the union leaders on Tuesday.")
    found = extract_text(text, published="2020-03-02")
    met = next(e for e in found.events if e.trigger == "met")
    assert met.modality == Modality.REPORTED


def test_captions_and_a_single_label_are_no_transcript() -> None:
    captions = "File: a map.\nImage: the port.\nPhoto: the mayor.\nThe mayor spoke.\n"
    assert speaker_turns(captions, []) == []
    one = "Note: prices rose.\nThe mayor spoke.\nThe council met.\n"
    assert speaker_turns(one, []) == []
    release = "Date: 3 May.\nLocation: Lagos.\nContact: the press office.\nPrices rose.\n"
    assert speaker_turns(release, []) == []


def test_colon_labels_make_a_transcript_and_questions_mark_the_interviewer() -> None:
    text = (
        "Reporter: Why did you resign?\nSmith: I had no choice.\n"
        "Reporter: Will you return?\nSmith: Never.\n"
    )
    turns = speaker_turns(text, [])
    assert [(t.label, t.interviewer) for t in turns] == [
        ("Reporter", True),
        ("Smith", False),
        ("Reporter", True),
        ("Smith", False),
    ]


def test_an_interviews_initials_label_the_person_they_spell(
    extract_text: Callable[..., Extraction],
) -> None:
    text = (
        "Wikinews interviewed researcher Natasha Gownaris about penguins.\n\n"
        "WN: Why do the females die?\n"
        "NG: We think it must be related to their smaller body size.\n"
        "WN: What comes next?\n"
        "NG: We are studying the chicks.\n"
    )
    found = extract_text(text, published="2019-02-01")
    gownaris = next(e.id for e in found.entities if e.name == "Natasha Gownaris")
    assert [q.text for q in found.quotes if q.speaker == gownaris] == [
        "We think it must be related to their smaller body size.",
        "We are studying the chicks.",
    ]
