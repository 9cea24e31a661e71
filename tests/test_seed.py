"""Acceptance on the seed article (../shared/corpus/seed): skipped where ../shared is absent."""

from __future__ import annotations

import re

import pytest

from newsgraph import Entity, Extraction

pytestmark = pytest.mark.shared

PEOPLE = ["Guaidó", "Maduro", "Chávez", "Pompeo", "Putin", "Lavrov", "Tonkoshkurov"]
WEAPONS = ["Su-30MK2V", "T-72", "S-300VM", "BuK-M2", "Pechora-2M", "Smerch", "Igla-S"]
CITED = ["Caracas Chronicles", "Vzglyad", "Moskovsky Komsomolets", "Vesti", "RT"]


def entity_named(seed: Extraction, surface: str) -> list[Entity]:
    return [e for e in seed.entities if any(surface in m.text for m in e.mentions)]


def test_document_metadata(seed: Extraction) -> None:
    doc = seed.document
    assert doc.title == "Russia Steps Deeper Into the Venezuelan Battleground"
    assert (doc.outlet, doc.volume, doc.issue) == ("Eurasia Daily Monitor", "16", "64")
    assert doc.published.inferred and doc.published.date is not None
    assert doc.published.date.startswith("2019") and doc.published.date >= "2019-05-02"


def test_all_eight_parenthetical_citations(seed: Extraction) -> None:
    cites = [c for c in seed.citations if c.kind == "parenthetical"]
    assert len(cites) == 8
    assert all(c.date is not None and re.fullmatch(r"2019-\d\d-\d\d", c.date) for c in cites)
    broken = [c for c in cites if "missing outlet" in c.problems]
    assert [c.date for c in broken] == ["2019-04-30", "2019-05-01"]
    assert {c.outlet for c in cites if c.outlet} == set(CITED)


@pytest.mark.parametrize("surname", PEOPLE)
def test_each_person_is_one_entity_with_all_mentions(seed: Extraction, surname: str) -> None:
    (person,) = [e for e in entity_named(seed, surname) if e.type == "person"]
    # "pro-Guaidó" names Guaidó; "the Maduro regime" is an organisation of its own
    expected = len(re.findall(rf"{surname}(?! regime)", seed.document.text))
    assert len([m for m in person.mentions if surname in m.text]) == expected


def test_tonkoshkurov_age_rank_and_post(seed: Extraction) -> None:
    (person,) = entity_named(seed, "Tonkoshkurov")
    assert ("age", 59) in {(a.key, a.value) for a in person.attributes}
    titles = {r.title: r for r in person.roles}
    assert titles["Colonel General"].kind == "rank"
    post = titles["chief of staff of the Russian Land Forces (Sukhoputnye Voyska)"]
    assert post.organization_id is not None and post.country == "RUS"
    former = titles["deputy chief of the General Staff of the Russian Armed Forces"]
    assert former.end == "2018-05"


@pytest.mark.parametrize("weapon", WEAPONS)
def test_weapons_typed_weapon(seed: Extraction, weapon: str) -> None:
    (entity,) = entity_named(seed, weapon)
    assert entity.type == "weapon"


@pytest.mark.parametrize("outlet", CITED)
def test_cited_outlets_typed_media(seed: Extraction, outlet: str) -> None:
    assert {e.type for e in entity_named(seed, outlet)} == {"media"}


def test_moscow_and_kremlin_on_russia(seed: Extraction) -> None:
    (russia,) = [e for e in seed.entities if e.id == "state:RUS"]
    surfaces = {m.text for m in russia.mentions}
    assert {"Moscow", "Kremlin", "Russia", "Russian"} <= surfaces


def test_no_false_dates(seed: Extraction) -> None:
    texts = " | ".join(d.text for d in seed.dates)
    for bad in ("59", "T-72", "$11", "11 billion"):
        assert all(bad not in d.text for d in seed.dates), texts
    assert all(" may " not in f" {d.text} " for d in seed.dates)


def test_dates_normalised(seed: Extraction) -> None:
    by_text = {d.text: d for d in seed.dates}
    assert by_text["the end of March 2019"].range_start == "2019-03-21"
    assert by_text["since January 2019"].relation == "since"
    assert by_text["Until May 2018"].range_end == "2018-05-31"
    assert by_text["the 1980s"].value == "1980s"


def _named(seed: Extraction, ids: tuple[str, ...]) -> set[str]:
    by_id = {e.id: e.name for e in seed.entities}
    return {by_id[i] for i in ids}


def test_seed_phone_call(seed: Extraction) -> None:
    calls = [e for e in seed.events if e.type == "CONSULT" and e.date == "2019-05-01"
             and _named(seed, e.source + e.target) == {"Mike Pompeo", "Sergei Lavrov"}]  # fmt: skip
    assert calls and all(e.citation for e in calls)


def test_seed_threat_with_quote(seed: Extraction) -> None:
    (threat,) = [e for e in seed.events if e.type == "THREATEN" and e.trigger == "warned"]
    assert _named(seed, threat.source) == {"Sergei Lavrov"} and _named(seed, threat.target) == {
        "Mike Pompeo"
    }
    quote = next(q for q in seed.quotes if q.id == threat.quote)
    assert quote.text.startswith("The continuation of aggressive actions")
    assert _named(seed, (quote.speaker or "",)) == {"Sergei Lavrov"}


def test_seed_accusation_and_denials(seed: Extraction) -> None:
    accusations = [
        e for e in seed.events if e.type == "ACCUSE" and "Sergei Lavrov" in _named(seed, e.source)
    ]
    assert any("United States" in _named(seed, e.target) for e in accusations)
    denials = [e for e in seed.events if e.type == "REJECT"]
    assert any("Russia" in _named(seed, e.source) for e in denials)


def test_seed_deployment_and_arms(seed: Extraction) -> None:
    (deployment,) = seed.deployments
    assert (
        deployment.date == "2019-03"
        and deployment.size is not None
        and deployment.size.value == 100
    )
    assert _named(seed, (deployment.commander or "",)) == {"Vasily Tonkoshkurov"}
    (transfer,) = seed.arms_transfers
    assert _named(seed, transfer.supplier) == {"Russia"} and _named(seed, transfer.recipient) == {
        "Venezuela"
    }
    assert len(transfer.systems) == 7
    assert (
        transfer.value is not None
        and transfer.value.value == 11e9
        and transfer.value.bound == "at_least"
    )


def test_seed_alignments(seed: Extraction) -> None:
    found = {
        (r.relation, *_named(seed, (r.subject,)), *_named(seed, (r.object,)))
        for r in seed.relations
    }
    for supporter in (
        "Russia",
        "China",
        "Cuba",
        "Turkey",
        "Iran",
        "Nicaragua",
        "Bolivia",
        "Mexico",
    ):
        assert ("supports", supporter, "Nicolás Maduro") in found
    for recogniser in ("United States", "European Union"):
        assert ("recognizes", recogniser, "Juan Guaidó") in found


def test_seed_every_fact_has_evidence(seed: Extraction) -> None:
    text = seed.document.text
    facts = [*seed.events, *seed.quotes, *seed.relations, *seed.arms_transfers, *seed.deployments]
    for fact in facts:
        assert text[fact.evidence.start : fact.evidence.end].strip()
