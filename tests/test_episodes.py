"""Dates taken from the episode (newsgraph.learn.episodes): the earlier dates an undated event
may take, their features, the cut, and what a model changes in the product's output. Fixture
models are hand-written; training never runs in tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from newsgraph import Extractor, Settings
from newsgraph.annotate.frames import DocView
from newsgraph.learn.episodes import (
    CARRY,
    EPISODE,
    MODEL_FILE,
    EpisodeDates,
    load_episode_dates,
    references,
)
from newsgraph.learn.linear import LinearModel
from newsgraph.models import Event, Extraction

TEXT = (
    "Police arrested ten protesters in Lagos on Monday. "
    "Officers also seized weapons from the group.\n\n"
    "In 2015, the army attacked a village. "
    "The governor criticized the police."
)


def _view(extractor: Extractor, found: Extraction) -> DocView:
    doc = extractor.nlp(found.document.text)
    return DocView(doc, found.document.id, found.entities, found.dates, found.citations)


def _event(found: Extraction, trigger: str) -> Event:
    return next(e for e in found.events if e.trigger == trigger)


def _model(weights: dict[str, float], bias: float = -2.0, cut: float = 0.5) -> EpisodeDates:
    # a binary model keeps one row of weights, for its second class
    linear = LinearModel(("no", CARRY), (bias,), {k: (v,) for k, v in weights.items()})
    return EpisodeDates(linear, cut)


def test_references_are_the_dates_stated_before_most_recent_first(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    found = extract_text(TEXT, published="2019-05-08")
    view = _view(extractor, found)
    seized = _event(found, "seized")
    assert seized.date is None  # its own sentence gives no time
    [monday] = references(view, seized, found.events)
    assert monday.value == "2019-05-06" and monday.rank == 0
    assert {"last", "last_day", "last_event"} <= monday.kinds
    criticized = _event(found, "criticized")
    values = [r.value for r in references(view, criticized, found.events)]
    assert values[:2] == ["2015", "2019-05-06"]  # the year was stated last


def test_pair_features_read_the_distance_paragraphs_and_tense(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    found = extract_text(TEXT, published="2019-05-08")
    pairs = EpisodeDates.pairs(_view(extractor, found), found.events, found.quotes, "2019-05-08")
    by_value = {(found.events[i].trigger, ref.value): f for i, ref, f in pairs}
    seized = by_value[("seized", "2019-05-06")]
    assert seized["dist=1"] == seized["paragraphs=0"] == seized["tag=VBD"] == 1.0
    assert seized["vs_pub=week"] == seized["cue=also"] == 1.0
    later = by_value[("criticized", "2019-05-06")]
    assert later["paragraphs=1"] == 1.0 and later["dist=3-4"] == 1.0


def test_the_best_date_is_taken_from_the_cut_and_marked_episode(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    found = extract_text(TEXT, published="2019-05-08")
    view = _view(extractor, found)
    # a day stated in the sentence just before: P 0.62; "In 2015" just before "criticized" is a
    # year: P 0.38
    model = _model({"dist=1": 3.0, "gran=day": 1.0}, bias=-3.5)
    dated = {e.trigger: e for e in model.assign(view, found.events, found.quotes, "2019-05-08")}
    assert (dated["seized"].date, dated["seized"].date_basis) == ("2019-05-06", EPISODE)
    assert dated["criticized"].date is None
    assert dated["arrested"] == _event(found, "arrested")  # dated by its own words: untouched
    strict = _model({"dist=1": 3.0, "gran=day": 1.0}, bias=-3.5, cut=0.7)
    kept = strict.assign(view, found.events, found.quotes, "2019-05-08")
    assert list(kept) == list(found.events)


def test_a_fixture_model_dates_events_through_a_folder(
    tmp_path: Path, extract_text: Callable[..., Extraction]
) -> None:
    model = _model({"kind=last_day": 4.0})
    (tmp_path / MODEL_FILE).write_text(json.dumps(model.to_json()), encoding="utf-8")
    with_model = Extractor(Settings(event_model=str(tmp_path)))
    assert with_model.episodes is not None and with_model.episodes.cut == 0.5
    found = next(iter(with_model.extract([extract_text(TEXT).document])))
    assert isinstance(found, Extraction)
    seized = _event(found, "seized")
    assert (seized.date, seized.date_basis) == ("2019-04-29", EPISODE)


def test_settings_name_the_model(tmp_path: Path) -> None:
    assert load_episode_dates("rules") is None
    assert load_episode_dates(str(tmp_path)) is None  # a folder without the file
