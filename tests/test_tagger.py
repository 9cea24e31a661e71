"""The learned event tagger (newsgraph.learn.tagger): candidates, decoding and the compiled
scorer, with tiny hand-written fixture models (training never runs in tests) and the shipped
one."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph import Extractor, Settings
from newsgraph.annotate.frames import DocView
from newsgraph.errors import ModelError
from newsgraph.learn.defaults import default_event_confidence
from newsgraph.learn.linear import CompiledModel, LinearModel
from newsgraph.learn.tagger import (
    NONE,
    EventTagger,
    builtin_tagger,
    candidates,
    load_tagger,
)
from newsgraph.lexicon.patterns import EventLexicon
from newsgraph.models import Entity, Event

CLASSES = (NONE, "ASSAULT", "PROTEST", "CONSULT")


class _Spy:
    """Stands in for the tagger: hands back what it would have judged."""

    def __init__(self) -> None:
        self.seen: tuple[DocView, list[Event], tuple[Entity, ...]] | None = None
        self.threshold = 0.0

    def tag(
        self, view: DocView, events: list[Event], lexicon: EventLexicon,
        entities: tuple[Entity, ...],
    ) -> list[Event]:  # fmt: skip
        self.seen = (view, list(events), entities)
        return list(events)


@pytest.fixture
def tag_with(extractor: Extractor) -> Iterator[object]:
    """Run a fixture tagger over the rules' events of a text; give back its events."""
    kept = extractor.tagger
    spy = _Spy()

    def run(text: str, tagger: EventTagger | None) -> tuple[list[Event], list[Event]]:
        extractor.tagger = spy  # type: ignore[assignment]
        extractor.extract_text(text)
        assert spy.seen is not None
        view, events, entities = spy.seen
        tagged = tagger.tag(view, events, extractor.events, entities) if tagger else events
        return events, tagged

    yield run
    extractor.tagger = kept


def _tagger(weights: dict[str, tuple[float, ...]], **meta: object) -> EventTagger:
    """A fixture model over (NONE, ASSAULT, PROTEST, CONSULT) that leans to NONE."""
    settings = {"drop": 0.9, "add": 0.5, "relabel": 1.01, **meta}
    return EventTagger(LinearModel(CLASSES, (2.0, 0.0, 0.0, 0.0), weights, meta=settings))


def test_candidates_are_content_words_and_every_rule_trigger(
    extractor: Extractor, tag_with
) -> None:  # fmt: skip
    spy = _Spy()
    kept, extractor.tagger = extractor.tagger, spy  # type: ignore[assignment]
    try:
        extractor.extract_text("Russia attacked the convoy near the border on Monday.")
    finally:
        extractor.tagger = kept
    assert spy.seen is not None
    view, events, entities = spy.seen
    judged, unplaced = candidates(view, events, extractor.events, entities)
    by_word = {c.token.text: c for c in judged}
    assert unplaced == []
    assert by_word["attacked"].rule_event is not None
    assert by_word["attacked"].features["rule=ASSAULT"] == 1.0
    assert by_word["convoy"].rule_event is None and by_word["convoy"].features["norule"] == 1.0
    assert not {"the", "near", "on", "."} & set(by_word)
    assert [c.token.i for c in judged] == sorted(c.token.i for c in judged)


def test_a_rule_event_is_kept_and_scored_dropped_or_relabelled(tag_with) -> None:
    text = "Russia attacked Ukraine."
    events, kept = tag_with(text, _tagger({"lemma=attack": (0.0, 4.0, 0.0, 0.0)}))
    (rule,) = [e for e in events if e.type == "ASSAULT"]
    (event,) = [e for e in kept if e.trigger == "attacked"]
    assert event.type == "ASSAULT" and 0.8 < event.confidence < 1.0
    assert event.source == rule.source and event.cameo == rule.cameo  # the rules' coding stays
    _, dropped = tag_with(text, _tagger({"lemma=attack": (6.0, 0.0, 0.0, 0.0)}))
    assert not [e for e in dropped if e.trigger == "attacked"]
    relabel = _tagger({"lemma=attack": (0.0, 0.0, 5.0, 0.0)}, relabel=0.25)
    _, relabelled = tag_with(text, relabel)
    (protest,) = [e for e in relabelled if e.trigger == "attacked"]
    assert protest.type == "PROTEST" and protest.cameo == "140" and protest.mode is None
    # a margin nothing reaches keeps the rules' type, scored by its own probability
    _, typed = tag_with(text, _tagger({"lemma=attack": (0.0, 0.0, 5.0, 0.0)}))
    (same,) = [e for e in typed if e.trigger == "attacked"]
    assert same.type == "ASSAULT" and same.confidence < 0.05


def test_a_word_the_rules_left_alone_becomes_an_event_with_the_rules_sides(tag_with) -> None:
    text = "Thousands of Chilean students paraded through Santiago against the government."
    events, tagged = tag_with(text, _tagger({"lemma=parade": (0.0, 0.0, 6.0, 0.0)}))
    assert not [e for e in events if e.trigger == "paraded"]
    (march,) = [e for e in tagged if e.trigger == "paraded"]
    assert march.type == "PROTEST" and march.cameo == "140" and march.confidence > 0.9
    assert march.source_agent is not None and march.source_agent.code == "EDU"
    assert [e.id for e in tagged] == [f"e{i + 1}" for i in range(len(tagged))]
    # no side found: still an event, told with none ("the arson")
    _, alone = tag_with("The arson shocked the town.", _tagger({"lemma=arson": (0, 6.0, 0, 0)}))
    (arson,) = [e for e in alone if e.trigger == "arson"]
    assert arson.type == "ASSAULT" and arson.source == () and arson.target == ()


def test_the_same_event_told_by_verb_and_noun_is_one_event(tag_with) -> None:
    text = "Lavrov took part in the meeting in Moscow with Tillerson."
    weights = {"lemma=meeting": (0.0, 0.0, 0.0, 6.0), "lemma=take": (0.0, 0.0, 0.0, 6.0)}
    _, tagged = tag_with(text, _tagger(weights))
    consult = [e for e in tagged if e.type == "CONSULT"]
    keys = [(e.trigger, e.evidence.sentence) for e in consult]
    assert len(keys) == len(set(keys)) and consult


def test_the_compiled_scorer_gives_the_models_probabilities() -> None:
    rng = random.Random(5)
    names = [f"f{i}" for i in range(200)]
    weights = {n: tuple(rng.uniform(-2, 2) for _ in CLASSES) for n in names}
    model = LinearModel(CLASSES, (0.5, -0.1, 0.2, 0.0), weights, temperature=1.3)
    batch = [{n: rng.choice((1.0, 0.5)) for n in rng.sample(names, 20)} | {"unseen": 1.0}
             for _ in range(30)] + [{}]  # fmt: skip
    compiled = CompiledModel(model).probabilities(batch)
    for features, fast in zip(batch, compiled, strict=True):
        slow = model.probabilities(features)
        assert set(fast) == set(CLASSES)
        assert all(abs(fast[c] - slow[c]) < 1e-9 for c in CLASSES)
    assert CompiledModel(model).probabilities([]) == []


def test_the_shipped_tagger_is_trained_on_train_chosen_on_dev_and_sets_the_default_view(
) -> None:  # fmt: skip
    tagger = builtin_tagger()
    assert tagger is not None
    meta = tagger.model.meta or {}
    assert meta["trained_on"] == "newsgraph-gold train split" and meta["chosen_on"] == "dev"
    assert set(tagger.model.classes) >= {NONE, "ASSAULT", "ACCUSE", "REQUEST"}
    assert 0.0 < tagger.add <= 1.0 and tagger.threshold == default_event_confidence()
    curve = meta["reliability_dev"]
    assert curve and all(0.0 <= b["accuracy"] <= 1.0 for b in curve)
    assert load_tagger("rules") is None
    assert Extractor(Settings(event_model="rules")).tagger is None


def test_a_model_folder_may_lack_a_tagger_but_must_exist(tmp_path: Path) -> None:
    assert load_tagger(str(tmp_path)) is None
    with pytest.raises(ModelError):
        load_tagger(str(tmp_path / "missing"))


def test_no_event_where_no_one_acted_whatever_the_model_says(tag_with) -> None:
    sure = _tagger({"lemma=strike": (0.0, 8.0, 0.0, 0.0), "lemma=kill": (0.0, 8.0, 0.0, 0.0),
                    "lemma=earthquake": (0.0, 8.0, 0.0, 0.0)})  # fmt: skip
    for text in (
        "Typhoon Hagibis struck Japan on Saturday.",
        "Twelve passengers were killed by the crash near Lagos.",
        "The earthquake killed 40 people in Albania.",
    ):
        _, tagged = tag_with(text, sure)
        assert [e for e in tagged if e.type == "ASSAULT"] == [], text


def test_where_the_rules_found_nothing_only_known_event_words_are_judged(tag_with) -> None:
    text = "Thousands of Chilean students paraded through Santiago against the government."
    weights = {"lemma=parade": (0.0, 0.0, 6.0, 0.0)}
    _, unlisted = tag_with(text, _tagger(weights, event_lemmas=["march"]))
    assert not [e for e in unlisted if e.trigger == "paraded"]
    _, listed = tag_with(text, _tagger(weights, event_lemmas=["parade"]))
    assert [e.type for e in listed if e.trigger == "paraded"] == ["PROTEST"]
    shipped = builtin_tagger()
    assert shipped is not None and len(shipped.event_lemmas) > 100
