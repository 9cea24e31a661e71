"""Docs stay in step with the code: every setting and CLI option is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from newsgraph.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_every_setting_is_documented(name: str) -> None:
    assert f"| `{name}` |" in (DOCS / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "option",
    ["--format", "--published", "--outlet", "--model", "--lexicon", "--config", "--max-bytes",
     "--encoding", "--batch-size", "--no-text"],
)  # fmt: skip
def test_every_extract_option_is_documented(option: str) -> None:
    assert f"`{option}" in (DOCS / "cli.md").read_text(encoding="utf-8")
