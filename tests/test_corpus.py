"""Every Wikinews article of ../shared extracts without error (skipped where it is absent)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from newsgraph import Extraction, Extractor, json_schema, to_dict

pytestmark = pytest.mark.shared


def test_wikinews_corpus_extracts_and_validates(shared: Path, extractor: Extractor) -> None:
    results = list(extractor.extract_paths([shared / "corpus" / "wikinews_2019_2020.jsonl"]))
    extractions = [r for r in results if isinstance(r, Extraction)]
    assert len(results) == len(extractions) >= 290
    validator = jsonschema.Draft202012Validator(json_schema())
    for result in extractions[::10]:
        validator.validate(to_dict(result))
    assert all(r.document.published.date and not r.document.published.inferred for r in extractions)
    assert sum(len(r.entities) for r in extractions) > 290 * 5
    assert sum(len(r.dates) for r in extractions) > 290
