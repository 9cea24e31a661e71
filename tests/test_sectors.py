"""The learned sector model (newsgraph.learn.sectors): features, the two cuts, coding through
the product, and the shipped weights. Fixture models are hand-written; training never runs
in tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph import Extractor, Settings
from newsgraph.learn.linear import LinearModel
from newsgraph.learn.sectors import (
    MODEL_FILE,
    SectorModel,
    builtin_sector_model,
    entity_features,
    load_sector_model,
)
from newsgraph.models import Entity, Extraction


def _entity(extraction: Extraction, name: str) -> Entity:
    return next(e for e in extraction.entities if e.name == name)


def _attributes(entity: Entity) -> dict[str, object]:
    return {a.key: a.value for a in entity.attributes}


def test_features_read_titles_name_words_and_context(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    text = "Zorblat Nanotech said its shares fell. Mary Hollis, a professor at the school, agreed."
    found = extract_text(text, published="2019-05-01")
    doc = extractor.nlp(text)
    company = entity_features(_entity(found, "Zorblat Nanotech"), doc)
    assert "name:nanotech" in company and "sentence:share" in company
    hollis = entity_features(_entity(found, "Mary Hollis"), doc)
    assert hollis["type:person"] == 1.0 and "appos:professor" in hollis


def _model(fill: float, override: float) -> SectorModel:
    """Says BUS for anything whose name has "nanotech", else weakly CVL."""
    linear = LinearModel(
        classes=("BUS", "CVL", "GOV"),
        intercepts=(0.0, 0.5, 0.0),
        weights={"name:nanotech": (5.0, 0.0, 0.0), "rule:GOV": (0.0, 0.0, 1.0)},
    )
    return SectorModel(linear, fill, override)


def test_the_cuts_decide_when_the_model_fills_or_overrides(
    extract_text: Callable[..., Extraction], extractor: Extractor
) -> None:
    text = "Zorblat Nanotech said on Monday that President Joe Biden and Mary Hollis agreed."
    found = extract_text(text, published="2021-05-01")
    doc = extractor.nlp(text)
    entities = [e for e in found.entities if e.name in {"Zorblat Nanotech", "Mary Hollis"}]
    bare = [e.__class__(**{**{s: getattr(e, s) for s in e.__slots__},  # type: ignore[attr-defined]
                           "attributes": tuple(a for a in e.attributes
                                               if a.key not in {"sector", "sector_source",
                                                                "sector_confidence", "agent",
                                                                "cameo"})})
            for e in entities]  # fmt: skip
    filled = {e.name: _attributes(e) for e in _model(0.5, 1.01).assign(bare, doc)}
    assert filled["Zorblat Nanotech"]["sector"] == "BUS"
    assert filled["Zorblat Nanotech"]["sector_source"] == "model"
    assert 0.5 <= float(str(filled["Zorblat Nanotech"]["sector_confidence"])) <= 1.0
    assert "sector" not in filled["Mary Hollis"]  # CVL, but under the fill cut
    shy = {e.name: _attributes(e) for e in _model(1.01, 1.01).assign(bare, doc)}
    assert "sector" not in shy["Zorblat Nanotech"]
    biden = _entity(found, "Joe Biden")  # the rules say GOV: kept unless the margin is met
    assert _model(0.0, 1.01).assign([biden], doc)[0] == biden


def test_the_shipped_model_codes_actors_the_rules_leave_uncoded(
    extract_text: Callable[..., Extraction],
) -> None:
    model = builtin_sector_model()
    assert model is not None and model.model.meta is not None
    assert model.model.meta["trained_on"] == "newsgraph-gold train"
    assert model.model.meta["chosen_on"] == "newsgraph-gold dev"
    found = extract_text(
        "Karen Alley, a glaciologist at the university, led the study published in Science "
        "Advances.",
        published="2019-05-01",
    )
    scientist = _attributes(_entity(found, "Karen Alley"))
    assert scientist["agent"] == "EDU" and scientist["sector_source"] == "model"
    assert 0.0 < float(str(scientist["sector_confidence"])) <= 1.0


def test_model_folders(tmp_path: Path) -> None:
    assert load_sector_model("rules") is None
    assert load_sector_model(str(tmp_path)) is None  # a folder without sectors.json
    (tmp_path / MODEL_FILE).write_text(json.dumps(_model(0.3, 0.6).to_json()), "utf-8")
    loaded = load_sector_model(str(tmp_path))
    assert loaded is not None and (loaded.fill, loaded.override) == (0.3, 0.6)
    off = Extractor(Settings(event_model="rules"))
    assert off.sectors is None


@pytest.mark.parametrize("setting", ["builtin"])
def test_an_extractor_loads_the_shipped_model(setting: str) -> None:
    assert load_sector_model(setting) is not None


def test_a_news_agency_is_media_by_its_kind(extract_text: Callable[..., Extraction]) -> None:
    # the media gazetteer's "agency" meant a news agency; coded as a government agency (GOV),
    # it was right only where the sector model overrode it
    found = extract_text("Reuters and Xinhua reported that MSNBC had the story first.")
    for entity in found.entities:
        attributes = {a.key: a.value for a in entity.attributes}
        assert attributes["agent"] == "MED" and "sector_source" not in attributes, entity.name


def test_a_person_takes_the_sector_of_the_body_they_work_for(
    extract_text: Callable[..., Extraction],
) -> None:
    found = extract_text(
        "Jane Doe of the Electronic Frontier Foundation said the law was wrong. "
        "Fox News anchor Jim Pembrook moderated the debate."
    )
    for name, sector in (("Jane Doe", "NGO"), ("Jim Pembrook", "MED")):
        assert _attributes(_entity(found, name))["agent"] == sector, name
    assert _attributes(_entity(found, "Jim Pembrook"))["sector_source"] == "affiliation"
    # a title says more than the body: the secretary stays government; and a company's
    # people are not coded as businesses
    found = extract_text(
        "Commerce Secretary Wilbur Ross, a member of the board of Tesco, spoke. "
        "Joe Smith, an engineer at Tesco, disagreed."
    )
    assert _attributes(_entity(found, "Wilbur Ross"))["agent"] == "GOV"
    assert _attributes(_entity(found, "Joe Smith")).get("sector_source") != "affiliation"


def test_a_trade_gives_a_sector_that_the_employer_overrules(
    extract_text: Callable[..., Extraction],
) -> None:
    # the sector model had read "Journalist X" and "X, a radio host" as EDU (a lone name with
    # a speech verb); a trade is the rules' guess, and the body the person works for says more
    found = extract_text(
        "Journalist Mara Quill said the vote was rigged. Tobias Renn, a radio host, agreed. "
        "Astronomer Petr Hadrava said the star was young. "
        "Greenpeace scientist Oskar Lindqvist said the ice was thin. "
        "Resident Anna Smith said the water was dirty. Nurse Lea Brandt said the ward was full."
    )
    expected = {"Mara Quill": "MED", "Tobias Renn": "MED", "Petr Hadrava": "EDU",
                "Oskar Lindqvist": "NGO", "Anna Smith": "CVL", "Lea Brandt": "HLH"}  # fmt: skip
    for name, sector in expected.items():
        assert _attributes(_entity(found, name))["agent"] == sector, name
    assert _entity(found, "Petr Hadrava").name == "Petr Hadrava"  # the trade is no part of the name
    # a people's adjective before a trade is the person's, not a group the person belongs to
    found = extract_text("He told African American radio host Dev Carter that he was wrong.")
    assert not any(e.type.value == "group" for e in found.entities)
    assert not found.relations


def test_a_listed_cartel_or_armed_group_keeps_its_code(
    extract_text: Callable[..., Extraction],
) -> None:
    # the model, with few cartels in its training data, read these as GOV and REB
    result = extract_text("The Gulf Cartel fought Los Zetas. Lashkar-e-Taiba attacked a post.")
    codes = {e.name: {a.key: a.value for a in e.attributes}.get("cameo") for e in result.entities}
    assert codes["Gulf Cartel"] == "MEXCRM" and codes["Los Zetas"] == "MEXCRM"
    assert codes["Lashkar-e-Taiba"] == "PAKREB"


def test_a_head_of_a_body_takes_the_bodys_sector(extract_text: Callable[..., Extraction]) -> None:
    # "president" alone reads as government; the company, the university and the federation
    # the text says they lead say what they are
    found = extract_text(
        "Toyota president Koji Sato said sales fell. "
        "Harvard University president Alan Garber said the ban was unlawful. "
        "Kenyan President William Ruto spoke."
    )
    for name, sector in (("Koji Sato", "BUS"), ("Alan Garber", "EDU"), ("William Ruto", "GOV")):
        assert _attributes(_entity(found, name))["agent"] == sector, name


def test_a_spokesperson_takes_the_sector_of_the_body_they_speak_for(
    extract_text: Callable[..., Extraction],
) -> None:
    # "spokesman" alone reads as government; the body named, or the kind of body before the
    # title, says whose voice it is: an armed group's, a company's, a university's, the police's
    found = extract_text(
        "Hamas spokesman Fawzi Barhoum condemned the raid. "
        "Toyota spokesperson Kaori Sato said production would resume. "
        "Mark Thompson, a spokesman for the Red Cross, said the convoy had arrived. "
        "Police spokeswoman Linda Marsh said two men were arrested. "
        "A military spokesman, Colonel Ahmed Idris, said troops advanced. "
        "Government spokesman Peter Mwangi declined to comment."
    )
    expected = (("Fawzi Barhoum", "REB"), ("Kaori Sato", "BUS"), ("Mark Thompson", "NGO"),
                ("Linda Marsh", "COP"), ("Ahmed Idris", "MIL"), ("Peter Mwangi", "GOV"))  # fmt: skip
    for name, sector in expected:
        assert _attributes(_entity(found, name))["agent"] == sector, name


def test_a_short_form_that_several_listed_people_share_names_none_of_them(
    extract_text: Callable[..., Extraction],
) -> None:
    # the knowledge base holds a Mexican and two Cuban ministers whose full names shorten to
    # "Maria Gonzalez": the short form alone is most likely none of them
    found = extract_text("Maria Gonzalez of Amnesty International said the arrests were unlawful.")
    person = _entity(found, "Maria Gonzalez")
    assert person.country is None
    assert _attributes(person)["agent"] == "NGO"


def test_a_one_party_states_ruling_party_is_never_the_opposition(
    extract_text: Callable[..., Extraction],
) -> None:
    # the sector model learned that parties out of power are OPP, and coded the CCP so
    found = extract_text("The Communist Party of China condemned the protests in Hong Kong.")
    assert _attributes(_entity(found, "Chinese Communist Party"))["agent"] == "PTY"


def test_an_international_body_is_coded_as_one_not_as_an_ngo(
    extract_text: Callable[..., Extraction],
) -> None:
    found = extract_text("The United Nations said the ceasefire in Yemen was holding.")
    (un,) = [e for e in found.entities if e.name == "United Nations"]
    attributes = {a.key: a.value for a in un.attributes}
    assert attributes["cameo"] == "IGO" and "sector" not in attributes


def test_a_secretariat_is_government_and_a_possessive_state_is_not_part_of_its_name(
    extract_text: Callable[..., Extraction],
) -> None:
    """NER read "Uruguay's" into the name, which then had no country."""
    found = extract_text(
        "Uruguay's Money Laundering Secretariat opened an inquiry into two churches on Monday."
    )
    (body,) = [e for e in found.entities if e.name == "Money Laundering Secretariat"]
    assert {a.key: a.value for a in body.attributes}["agent"] == "GOV"
    assert body.country == "URY"
