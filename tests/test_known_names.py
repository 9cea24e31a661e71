"""Runs of capitalised words tried against the actor knowledge base (annotate/known_names.py)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph import Extraction
from newsgraph.annotate.known_names import known_name_spans
from newsgraph.models import EntityType

Run = Callable[..., Extraction]
PARTICLES = frozenset({"bin", "von", "der"})


def _doc(text: str | list[str], spaces: list[bool] | None = None) -> Doc:
    words = text.split(" ") if isinstance(text, str) else text
    doc = Doc(Vocab(), words=words, spaces=spaces)
    for token in doc:
        token.is_sent_start = token.i == 0
    return doc


def _found(doc: Doc, names: set[str], free: bool = True) -> list[str]:
    def known(name: str) -> EntityType | None:
        return EntityType.PERSON if name in names else None

    return [s.text for s, _ in known_name_spans(doc, known, PARTICLES, lambda a, b: free)]


def test_the_longest_known_part_of_a_run_wins() -> None:
    doc = _doc("Yesterday Ursula von der Leyen met Qaboos bin Said Al Said .")
    names = {"Ursula von der Leyen", "Leyen", "Qaboos bin Said"}
    assert _found(doc, names) == ["Ursula von der Leyen", "Qaboos bin Said"]


def test_a_name_neither_opens_nor_ends_with_a_particle_nor_crosses_a_sentence() -> None:
    doc = _doc("Ask von der Leyen . Then Maria Lopez")
    doc[5].is_sent_start = True
    assert _found(doc, {"von der Leyen", "Leyen . Then", "Ask von der Leyen"}) == [
        "Ask von der Leyen"
    ]
    assert _found(doc, {"Then Maria Lopez", "Maria Lopez"}) == ["Then Maria Lopez"]


def test_claimed_words_are_not_looked_up() -> None:
    doc = _doc("Patrice Talon spoke")
    assert _found(doc, {"Patrice Talon"}, free=False) == []


def test_a_hyphen_inside_a_word_joins_the_name() -> None:
    doc = _doc(["Awn", "Al", "-", "Khasawneh", "spoke"], [True, False, False, True, False])
    assert _found(doc, {"Awn Al-Khasawneh"}) == ["Awn Al-Khasawneh"]


def test_a_single_word_is_looked_up_only_when_it_is_no_english_word() -> None:
    def known(name: str) -> EntityType | None:
        return EntityType.ORGANIZATION if name in {"Fidesz", "Change", "Likud"} else None

    doc = _doc("Fidesz and Change beat Likud and NATO .")
    english = frozenset({"change", "and", "beat"})
    found = [s.text for s, _ in known_name_spans(doc, known, PARTICLES, lambda a, b: True, english)]
    assert found == ["Fidesz", "Likud"]
    # without a word index no single word is looked up
    assert _found(doc, {"Fidesz", "Likud"}) == []


def test_a_partys_own_one_word_name_is_found_where_ner_misses_it(run: Run) -> None:
    found = {e.name: e.country for e in run("Fidesz won the election in Hungary.").entities}
    assert found.get("Fidesz") == "HUN"
