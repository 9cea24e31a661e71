"""The learned modality model (newsgraph.learn.modality): quote features, the margins, the
shipped weights and what it changes in the product's output. Fixture models are hand-written;
training never runs in tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from newsgraph import Extractor, Settings
from newsgraph.annotate.frames import DocView
from newsgraph.learn.linear import LinearModel
from newsgraph.learn.modality import (
    MODEL_FILE,
    ModalityModel,
    builtin_modality_model,
    by_sentence,
    load_modality_model,
    quote_features,
)
from newsgraph.models import Event, Evidence, Extraction, Modality


def _view(extractor: Extractor, found: Extraction) -> DocView:
    doc = extractor.nlp(found.document.text)
    return DocView(doc, found.document.id, found.entities, found.dates, found.citations)


def _event(found: Extraction, trigger: str) -> Event:
    return next(e for e in found.events if e.trigger == trigger)


def test_quote_features_say_whose_words_an_event_is_told_in(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    found = extract_text(
        '"Police beat us and arrested my brother," said Maria Lopez. Rebels attacked a town.'
    )
    view = _view(extractor, found)
    quotes = by_sentence(found.quotes)
    inside = quote_features(view, _event(found, "beat"), quotes)
    assert inside["in_quote=direct"] == 1.0 and "quote_speaker_other" in inside
    assert quote_features(view, _event(found, "attacked"), quotes) == {"no_quote": 1.0}


def test_only_the_rules_default_is_replaced_and_only_by_the_margin() -> None:
    linear = LinearModel(("asserted", "reported"), (0.0,), {})
    model = ModalityModel(linear, 0.2)
    probabilities = {"asserted": 0.1, "hypothetical": 0.2, "reported": 0.7}
    event = Event("ev1", "ASSAULT", "180", (), (), "beat", Evidence("d", 0, 0, 4))
    assert model.decided(event, probabilities).modality == Modality.REPORTED
    for cued in (Modality.HYPOTHETICAL, Modality.PLANNED, Modality.ALLEGED):
        read_from_a_cue = replace(event, modality=cued)  # "could", "will", "allegedly"
        assert model.decided(read_from_a_cue, probabilities) == read_from_a_cue
    close = {"asserted": 0.45, "hypothetical": 0.0, "reported": 0.55}
    assert model.decided(event, close) == event  # 0.10 more probable is under 0.2


def test_a_fixture_model_changes_the_products_modality_through_a_folder(
    tmp_path: Path, extract_text: Callable[..., Extraction]
) -> None:
    linear = LinearModel(("asserted", "hypothetical"), (0.0,), {"no_quote": (4.0,)})
    (tmp_path / MODEL_FILE).write_text(json.dumps(ModalityModel(linear, 0.0).to_json()), "utf-8")
    text = (
        '"Police beat the protesters and arrested my brother," said Maria Lopez. '
        "Rebels attacked a town on Monday."
    )
    with_model = Extractor(Settings(event_model=str(tmp_path)))
    assert with_model.modality is not None and with_model.tagger is None
    document = extract_text(text).document
    after = next(iter(with_model.extract([document])))
    with_model.modality = None  # the same pipeline, rules only
    before = next(iter(with_model.extract([document])))
    assert isinstance(before, Extraction) and isinstance(after, Extraction)
    assert _event(before, "attacked").modality == Modality.ASSERTED
    assert _event(after, "attacked").modality == Modality.HYPOTHETICAL  # no quote: the model
    # the rules' `reported` (read from "said") is never replaced
    assert _event(before, "arrested").modality == _event(after, "arrested").modality


def test_no_modality_model_ships_while_it_does_not_beat_the_rules_on_dev() -> None:
    # scripts/train_modality.py removes its weights when the product's dev modality score
    # does not beat the rules' (docs/evaluation.md, stop 29): the rules decide
    assert builtin_modality_model() is None


def test_settings_name_the_model(tmp_path: Path) -> None:
    assert load_modality_model("rules") is None
    assert load_modality_model(str(tmp_path)) is None  # a folder without modality.json
