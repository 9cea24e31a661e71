"""The event lexicon as package data: the shipped agents, a user file that extends them, and
clear errors for a malformed one."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import LexiconError
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
