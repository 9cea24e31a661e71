"""The learned side ranker (newsgraph.learn.sides): candidates, features and decoding, with
a tiny hand-written fixture model (training never runs in tests) and with the shipped one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph import Extraction, Extractor, Settings
from newsgraph.annotate.events.grammar import trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.errors import ModelError
from newsgraph.learn.linear import LinearModel
from newsgraph.learn.side_candidates import side_candidates
from newsgraph.learn.sides import SideRanker, builtin_ranker, load_ranker
from newsgraph.learn.tagger import load_tagger
from newsgraph.models import Event


class _Recorder:
    def __init__(self) -> None:
        self.seen: tuple[DocView, list[Event]] | None = None

    def assign(self, view: DocView, events: list[Event]) -> list[Event]:
        self.seen = (view, list(events))
        return list(events)


@pytest.fixture
def rules_view(extractor: Extractor) -> Iterator[object]:
    """Extract a text with the rules' sides and hand back the view and events the ranker
    would receive."""
    kept = extractor.sides
    recorder = _Recorder()
    extractor.sides = recorder  # type: ignore[assignment]

    def run(text: str) -> tuple[DocView, list[Event]]:
        extractor.extract_text(text)
        assert recorder.seen is not None
        return recorder.seen

    yield run
    extractor.sides = kept


def _ranker(weights: dict[str, tuple[float, float, float]], **meta: object) -> SideRanker:
    """A fixture model over (none, source, target)."""
    settings = {"mode": "fill", "source_threshold": 0.5, "target_threshold": 0.5, **meta}
    return SideRanker(LinearModel(("none", "source", "target"), (0.0, 0.0, 0.0), weights,
                                  meta=settings))  # fmt: skip


def test_an_entity_modifying_a_noun_stands_at_the_noun_with_its_agent(rules_view) -> None:
    view, events = rules_view(
        "Georgian demonstrators launched missiles at the Georgian government."
    )
    (event,) = [e for e in events if e.type == "ASSAULT"]
    found = side_candidates(view, event, trigger_token(view.doc, event))
    placed = {(c.entity, c.agent.code if c.agent else None, c.root.text if c.root else None)
              for c in found}  # fmt: skip
    # one entity at two nouns: two candidates, so it can be both source and target
    assert ("state:GEO", "OPP", "demonstrators") in placed
    assert ("state:GEO", "GOV", "government") in placed


def test_fill_mode_fills_an_empty_role_and_keeps_the_rules_choice(rules_view) -> None:
    view, events = rules_view("Russia condemned Ukraine on Monday.")
    (event,) = [e for e in events if e.type == "ACCUSE"]
    assert event.source == ("state:RUS",)
    emptied = replace(event, target=(), target_agent=None)
    ranker = _ranker({"path=dobj|": (0.0, 0.0, 8.0), "rule=source": (0.0, 8.0, 0.0)})
    (filled,) = ranker.assign(view, [emptied])
    assert filled.source == ("state:RUS",)
    assert filled.target == ("state:UKR",)


def test_fill_mode_drops_a_side_the_model_rejects(rules_view) -> None:
    view, events = rules_view("Russia condemned Ukraine on Monday.")
    (event,) = [e for e in events if e.type == "ACCUSE"]
    ranker = _ranker({"rule=source": (9.0, -9.0, 0.0), "path=dobj|": (0.0, 0.0, 8.0)},
                     reject=0.1)  # fmt: skip
    (changed,) = ranker.assign(view, [event])
    assert changed.source == ()  # nothing else in the sentence is a likely source
    assert changed.target == ("state:UKR",)


def test_mutual_and_sideless_events_are_left_alone(rules_view) -> None:
    view, events = rules_view(
        "Barack Obama and Vladimir Putin will meet in Zurich to discuss trade."
    )
    meeting = next(e for e in events if e.type == "CONSULT")
    assert meeting.mutual and not meeting.target
    everyone_a_target = {"bias": (0.0, 0.0, 9.0)}
    (kept,) = _ranker(everyone_a_target, reject=0.0).assign(view, [meeting])
    assert kept.target == ()
    sideless = replace(meeting, source=(), mutual=False)
    (still,) = _ranker(everyone_a_target).assign(view, [sideless])
    assert still.source == () and still.target == ()


def test_the_shipped_ranker_loads_and_the_rules_setting_turns_it_off() -> None:
    ranker = builtin_ranker()
    assert ranker is not None
    meta = ranker.model.meta or {}
    assert meta["trained_on"] == "newsgraph-gold train split" and meta["chosen_on"] == "dev"
    assert ranker.mode == "fill" and min(ranker.thresholds.values()) >= 0.3  # the grid's least
    assert load_ranker("rules") is None
    assert Extractor(Settings(event_model="rules")).sides is None


def test_a_folder_with_only_a_side_ranker_is_a_usable_event_model(tmp_path: Path) -> None:
    # what `scripts/train_sides.py --out FOLDER` writes; the other learned parts stay absent
    (tmp_path / "sides.json").write_text(
        json.dumps(_ranker({"bias": (0.0, 0.0, 0.0)}).model.to_json()), encoding="utf-8"
    )
    assert load_ranker(str(tmp_path)) is not None
    assert load_tagger(str(tmp_path)) is None
    with pytest.raises(ModelError):
        load_tagger(str(tmp_path / "missing"))


def test_a_speakers_first_person_fills_an_empty_side_and_makes_no_event(
    run: Callable[..., Extraction],
) -> None:
    text = 'Asked about the talks, Merkel said: "I urged Putin to withdraw his troops."'
    urged = next(e for e in run(text).events if e.trigger == "urged")
    assert urged.source == ("person:angela-merkel",)
    assert urged.target == ("person:vladimir-putin",)
    text = 'Lavrov spoke in Moscow. "We will never recognise Guaidó," he said.'
    recognise = next(e for e in run(text).events if e.trigger == "recognise")
    assert recognise.source == ("person:sergei-lavrov",)
    # outside a quote "I" is nobody's, and a first-person subject alone makes no event
    alone = run("I urged Putin to withdraw his troops.").events
    assert next(e for e in alone if e.trigger == "urged").source == ()
    quiet = '"I think we will see," Merkel said.'
    assert run(quiet).events == ()
