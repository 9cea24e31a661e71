"""Learned alignments (newsgraph.learn.alignments): the pairs of actors a sentence names, their
features, and what a model keeps, drops and adds in the product's output. Fixture models are
hand-written; training never runs in tests."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from newsgraph import Extractor, Settings
from newsgraph.annotate.frames import DocView
from newsgraph.learn.alignments import (
    MODEL_FILE,
    NONE,
    AlignmentModel,
    candidates,
    load_alignment_model,
    pairs,
)
from newsgraph.learn.linear import LinearModel
from newsgraph.models import Extraction, Relation

TEXT = (
    "Senator Collin Peterson of the Democratic Party voted against the bill on Monday. "
    "Kenya and Somalia signed a trade deal."
)
CLASSES = (NONE, "member_of", "allied_with")


def _view(extractor: Extractor, found: Extraction) -> DocView:
    doc = extractor.nlp(found.document.text)
    return DocView(doc, found.document.id, found.entities, found.dates, found.citations)


def _model(
    weights: dict[str, tuple[float, float, float]], drop: float, add: float
) -> AlignmentModel:
    linear = LinearModel(CLASSES, (2.0, 0.0, 0.0), weights)
    return AlignmentModel(linear, drop, add)


def _names(found: Extraction, relations: Sequence[Relation]) -> set[tuple[str, str, str]]:
    name = {e.id: e.name for e in found.entities}
    return {(name[r.subject], r.relation, name[r.object]) for r in relations}


def test_pairs_are_the_actors_of_one_sentence_both_ways(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    found = extract_text(TEXT, published="2019-05-08")
    view = _view(extractor, found)
    name = {e.id: e.name for e in found.entities}
    found_pairs = {(name[p.subject], name[p.object]) for p in pairs(view)}
    assert ("Kenya", "Somalia") in found_pairs and ("Somalia", "Kenya") in found_pairs
    assert ("Collin Peterson", "Kenya") not in found_pairs  # another sentence
    features = {
        (name[p.subject], name[p.object]): f for p, _, f in candidates(view, found.relations)
    }
    peterson = features[("Collin Peterson", "Democratic Party")]
    assert peterson["rule=member_of"] == peterson["btw=of"] == peterson["btw_all=of the"] == 1.0
    assert features[("Kenya", "Somalia")]["rule=None"] == 1.0


def test_a_model_adds_what_it_is_sure_of_and_drops_what_it_doubts(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    found = extract_text(TEXT, published="2019-05-08")
    view = _view(extractor, found)
    rules = _names(found, list(found.relations))
    assert rules == {("Collin Peterson", "member_of", "Democratic Party")}
    # two states joined by "and": allied_with at P 0.59
    allied = {"btw_all=and": (0.0, 0.0, 2.5)}
    added = _names(found, _model(allied, 1.01, 0.5).assign(view, found.relations))
    assert {r for r in added if r[1] == "allied_with"} in (
        {("Kenya", "allied_with", "Somalia")},
        {("Somalia", "allied_with", "Kenya")},
    )  # once, whichever way
    assert rules < added
    assert _names(found, _model(allied, 1.01, 0.9).assign(view, found.relations)) == rules
    # a rule alignment the model gives P(NONE) 0.99 goes where the cut is under that
    doubted = {"rule=member_of": (3.0, 0.0, 0.0)}
    assert _names(found, _model(doubted, 0.9, 1.01).assign(view, found.relations)) == set()
    assert _names(found, _model(doubted, 1.01, 1.01).assign(view, found.relations)) == rules
    relations = _model(allied, 1.01, 0.5).assign(view, found.relations)
    assert [r.id for r in relations] == ["r1", "r2"]
    new = next(r for r in relations if r.relation == "allied_with")
    assert new.confidence == 0.592
    assert found.document.text[new.evidence.start : new.evidence.end] == "Kenya and Somalia"


def test_a_fixture_model_works_through_a_folder(
    tmp_path: Path, extract_text: Callable[..., Extraction]
) -> None:
    model = _model({"btw_all=and": (0.0, 0.0, 2.5)}, 1.01, 0.5)
    (tmp_path / MODEL_FILE).write_text(json.dumps(model.to_json()), encoding="utf-8")
    with_model = Extractor(Settings(event_model=str(tmp_path)))
    assert with_model.alignments is not None and with_model.alignments.add == 0.5
    found = next(iter(with_model.extract([extract_text(TEXT).document])))
    assert isinstance(found, Extraction)
    assert "allied_with" in {r.relation for r in found.relations}


def test_settings_name_the_model(tmp_path: Path) -> None:
    assert load_alignment_model("rules") is None
    assert load_alignment_model(str(tmp_path)) is None  # a folder without the file
