"""The event lexicon as package data: the shipped agents, a user file that extends them, and
clear errors for a malformed one."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import Extractor, LexiconError, Settings
from newsgraph.lexicon.patterns import load_event_lexicon


def test_shipped_agents() -> None:
    agents = load_event_lexicon().agents
    assert (agents["rebel"], agents["government force"], agents["civilian"]) == (
        "REB",
        "MIL",
        "CVL",
    )
    assert "force" not in agents  # too vague alone: "the use of force"


def test_user_agents_add_and_override(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "meta: {kind: events}\nagents:\n  CRM: [colectivo]\n  OPP: [rebel]\n", encoding="utf-8"
    )
    agents = load_event_lexicon((str(path),)).agents
    assert (agents["colectivo"], agents["rebel"], agents["insurgent"]) == ("CRM", "OPP", "REB")


@pytest.mark.parametrize(
    "content",
    [
        "meta: {kind: events}\nagents: [rebel]\n",
        "meta: {kind: events}\nagents:\n  rebels: [rebel]\n",
        "meta: {kind: events}\nagents:\n  REB: rebel\n",
    ],
)
def test_bad_agents_are_explained(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match="agent"):
        load_event_lexicon((str(path),))


def test_modality_cues_are_data_a_user_file_extends(tmp_path: Path, extractor: Extractor) -> None:
    """The words that make an event alleged, planned, requested... live in the lexicon: a
    user's `modality` list adds to the shipped one, and the coder reads it."""
    shipped = load_event_lexicon().modality
    assert {"reportedly", "allegedly"} <= shipped.alleged_adverbs
    assert "urge" in shipped.requesting and "threaten" in shipped.threatening
    text = "Russia ostensibly attacked Ukraine on May 1, 2019."
    assert _modalities(extractor, text) == ["asserted"]
    path = tmp_path / "mine.yaml"
    path.write_text(
        "meta: {kind: events}\nmodality:\n  alleged_adverbs: [ostensibly]\n", encoding="utf-8"
    )
    extended = load_event_lexicon((str(path),)).modality
    assert "ostensibly" in extended.alleged_adverbs and "reportedly" in extended.alleged_adverbs
    mine = Extractor(Settings(lexicon_paths=(str(path),)))
    assert _modalities(mine, text) == ["alleged"]


def _modalities(extractor: Extractor, text: str) -> list[str]:
    return [e.modality.value for e in extractor.extract_text(text).events]


def test_an_unknown_modality_list_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("meta: {kind: events}\nmodality:\n  maybe_words: [perhaps]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="maybe_words"):
        load_event_lexicon((str(path),))
