"""The learned country model (newsgraph.learn.countries): the story's countries, features,
the cut, what it may fill, the shipped weights. Fixture models are hand-written; training
never runs in tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from newsgraph import Extractor, Settings
from newsgraph.coding import Coded
from newsgraph.learn.countries import (
    MODEL_FILE,
    CountryModel,
    StoryCountries,
    builtin_country_model,
    load_country_model,
    wants_country,
)
from newsgraph.learn.linear import LinearModel
from newsgraph.models import Entity, EntityType, Extraction, Mention

STORY = (
    "Protests spread across Chile and Peru this week. Thousands marched in Lima on Monday, and "
    "police used tear gas. Maria Soto, a teacher who joined the march in Santiago, said the "
    "protesters were peaceful. Peru's government declared a state of emergency."
)


def _attributes(entity: Entity) -> dict[str, object]:
    return {a.key: a.value for a in entity.attributes}


def _named(found: Extraction, name: str) -> Entity:
    return next(e for e in found.entities if e.name == name)


def test_the_story_weighs_countries_and_says_where_each_is_named(
    extract_text: Callable[..., Extraction],
) -> None:
    rules = Extractor(Settings(event_model="rules"))
    found = next(iter(rules.extract([extract_text(STORY).document])))
    assert isinstance(found, Extraction)
    story = StoryCountries.of(found.entities)
    assert story.weight["PER"] > story.weight["CHL"] > 0
    soto = _named(found, "Maria Soto")
    assert soto.country is None  # the rules give her none: the story is about two countries
    chile = story.features(soto, "CHL", None)
    peru = story.features(soto, "PER", None)
    assert "same_sentence=place" in chile and "same_sentence=place" not in peru
    assert chile["rank=1"] == 1.0 and peru["rank=0"] == 1.0
    assert story.gaps("PER", soto.mentions[0].sentence) == (1, 1)


def _entity(kind: EntityType, country: str | None = None) -> Entity:
    return Entity("e1", "X", kind, (Mention(0, 1, "X", 0),), country=country)


def test_only_actors_without_a_country_on_purpose_or_otherwise_want_one() -> None:
    assert wants_country(_entity(EntityType.PERSON), Coded(None, "CVL"))
    assert not wants_country(_entity(EntityType.PERSON, "PER"), Coded("PER", None))
    assert not wants_country(_entity(EntityType.ORGANIZATION), Coded("IGO", None))  # the UN
    assert not wants_country(_entity(EntityType.PLACE), Coded(None, None))


def test_a_fixture_model_fills_by_its_cut_and_leaves_a_sentence_or_two_alone(
    tmp_path: Path, extract_text: Callable[..., Extraction]
) -> None:
    linear = LinearModel(("no", "yes"), (-2.0,), {"same_sentence=place": (4.0,)})
    (tmp_path / MODEL_FILE).write_text(json.dumps(CountryModel(linear, 0.5).to_json()), "utf-8")
    with_model = Extractor(Settings(event_model=str(tmp_path)))
    found = next(iter(with_model.extract([extract_text(STORY).document])))
    assert isinstance(found, Extraction)
    soto = _attributes(_named(found, "Maria Soto"))
    assert _named(found, "Maria Soto").country == "CHL"
    assert soto["country_basis"] == "context" and float(str(soto["country_confidence"])) >= 0.5
    short = "Maria Soto, a teacher in Santiago, met officials from Peru."
    alone = next(iter(with_model.extract([extract_text(short).document])))
    assert isinstance(alone, Extraction)
    assert _named(alone, "Maria Soto").country is None  # no story to weigh: the rules decide


def test_the_shipped_model_places_an_unknown_person_by_the_place_named_with_her(
    extract_text: Callable[..., Extraction],
) -> None:
    soto = _named(extract_text(STORY), "Maria Soto")
    assert soto.country == "CHL"
    assert _attributes(soto)["country_basis"] == "context"


def test_the_shipped_model_was_trained_on_train_and_chosen_on_dev(tmp_path: Path) -> None:
    model = builtin_country_model()
    assert model is not None
    meta = model.model.meta or {}
    assert meta["trained_on"] == "newsgraph-gold train"
    assert meta["chosen_on"] == "newsgraph-gold dev"
    assert 0.0 < model.threshold < 1.0
    assert load_country_model("rules") is None
    assert load_country_model(str(tmp_path)) is None
