"""The JSON contract: real output validates against the shipped JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable

import jsonschema
import pytest

from newsgraph import SCHEMA_VERSION, Extraction, json_schema, to_dict, to_json

TEXTS = [
    "Russia Steps In\n\nPublication: Eurasia Daily Monitor Volume: 16 Issue: 64\n\n"
    "Moscow deployed 100 troops at the end of March 2019 (Vzglyad, April 30). "
    "Colonel General Ivan Petrenkov (59) leads them (, May 1).",
    "The minister told Reuters on Monday that talks in Geneva had failed since 2015.",
    "Nothing but plain words here without any names",
]


@pytest.mark.parametrize("text", TEXTS)
def test_output_validates_against_the_schema(
    extract_text: Callable[..., Extraction], text: str
) -> None:
    data = to_dict(extract_text(text))
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert data["schema"] == SCHEMA_VERSION


def test_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_json_round_trips_and_can_drop_text(extract_text: Callable[..., Extraction]) -> None:
    result = extract_text(TEXTS[0])
    full = json.loads(to_json(result))
    assert full["document"]["text"] == result.document.text
    assert full["document"]["length"] == len(result.document.text)
    slim = json.loads(to_json(result, include_text=False))
    assert "text" not in slim["document"]
    jsonschema.validate(slim, json_schema())


def test_evidence_spans_index_the_text(extract_text: Callable[..., Extraction]) -> None:
    data = to_dict(extract_text(TEXTS[0]))
    text = data["document"]["text"]
    for entity in data["entities"]:
        for role in entity["roles"]:
            if role["evidence"]:
                ev = role["evidence"]
                assert text[ev["start"] : ev["end"]].strip()
                assert ev["document"] == data["document"]["id"]
        for key, ev in entity["attribute_evidence"].items():
            assert str(entity["attributes"][key]) in text[ev["start"] : ev["end"]]
    for citation in data["citations"]:
        assert text[citation["start"] : citation["end"]] == citation["text"]
    for date in data["dates"]:
        assert text[date["start"] : date["end"]] == date["text"]
