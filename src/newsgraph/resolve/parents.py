"""Countries of bodies named after the body they belong to: "NASA Jet Propulsion Laboratory",
"Harvard Medical School", "Gazprom Neft", "Cairo University Hospital".

Runs after the gazetteer and the actor knowledge base, for an organisation they left without a
country: the longest opening words of its name that name one known body (a gazetteer entry or
a knowledge-base record of an organisation, with a country, unambiguous) give that body's
country. Precision first:
- the opening must leave at least one word of the name after it, and that word must start a
  capitalised word (a body's own name, "Laboratory", not "said");
- a person's name never counts ("Trump Organization" is a company, not Trump's country's
  government), nor a state's or a place's (the text-first step, `resolve/countries.py`, reads
  "Kenya Wildlife Service" as Kenyan);
- a knowledge-base record counts for an opening of two words or more, or for an abbreviation
  written in capitals of four letters or more ("NASA"), and never a party's (parties are named
  with everyday words: "Alliance", "Free and Equal"); a one-word opening otherwise counts only
  as a hand-written gazetteer entry ("Gazprom Neft");
- an opening that names bodies of two countries gives nothing.

A body the text names only as the one a person holds a post in ("Juan Guaidó, speaker of the
National Assembly") takes the country of the people of known country who hold its posts, when
they agree (`with_holders_countries`): a reader does not take Venezuela's National Assembly for
Russia's because the story is about Russia.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsgraph.lexicon.actor_kb import ActorKB
from newsgraph.lexicon.gazetteer import Gazetteer
from newsgraph.models import COUNTRY_BASIS, COUNTRY_CONFIDENCE, Entity, EntityType, country_inferred

# the kinds of actor a body's name may open with another body's, and be part of it
_BODIES = frozenset({EntityType.ORGANIZATION, EntityType.GROUP, EntityType.MEDIA})
_KNOWN_BODIES = frozenset({
    EntityType.ORGANIZATION, EntityType.GROUP, EntityType.MEDIA, EntityType.ARMED_FORCE,
})  # fmt: skip
# a name's words, split at spaces and at the dash of a joint name ("Harvard–Smithsonian")
_WORDS = re.compile(r"[^\s\-–]+")
_POSSESSIVE = re.compile(r"['’]s$")
_PARTY = "PTY"
# the attributes that say a country was inferred, dropped when the text gives one
_INFERENCE_KEYS = frozenset({COUNTRY_BASIS, COUNTRY_CONFIDENCE})


def with_parent_countries(
    entities: Sequence[Entity],
    kb: ActorKB | None,
    gazetteer: Gazetteer | None,
    published: str | None,
) -> list[Entity]:
    """The entities, a body without a country given the country of the known body its name
    opens with."""
    out = []
    for entity in entities:
        country = None
        if entity.type in _BODIES and not entity.country and not entity.known:
            country = parent_country(entity.name, kb, gazetteer, published)
        out.append(replace(entity, country=country) if country else entity)
    return out


def parent_country(
    name: str, kb: ActorKB | None, gazetteer: Gazetteer | None, published: str | None
) -> str | None:
    """The country of the known body the name opens with (longest opening first)."""
    bare = name.removeprefix("the ").removeprefix("The ")
    words = list(_WORDS.finditer(bare))
    for size in range(len(words) - 1, 0, -1):
        if not words[size].group()[:1].isupper():
            continue
        opening = _POSSESSIVE.sub("", bare[: words[size - 1].end()])
        known = [*_gazetteer_bodies(opening, gazetteer), *_kb_bodies(opening, kb, published)]
        if known:
            # a person's or a place's name, or bodies of two countries: no parent to go by
            countries = set(known)
            return countries.pop() if len(countries) == 1 else None
    return None


def _gazetteer_bodies(name: str, gazetteer: Gazetteer | None) -> list[str | None]:
    """The countries of the gazetteer's entries so named; None for one that is no body,
    is named so only ambiguously, or has no country."""
    if gazetteer is None:
        return []
    return [
        entry.country if entry.type in _KNOWN_BODIES and not ambiguous else None
        for entry, _kind, ambiguous in gazetteer.lookup(name)
    ]


def _kb_bodies(name: str, kb: ActorKB | None, published: str | None) -> list[str | None]:
    """The countries of the knowledge base's records so named (None for a person's)."""
    if kb is None:
        return []
    if not (_capitals(name) or len(name.split()) >= 2):
        return []
    matches = [m for m in kb.lookup(name, on=published) if m.record.plausible_on(published)]
    return [
        m.record.country
        if m.record.type == "organization" and _PARTY not in m.record.sectors
        else None
        for m in matches
        if m.via != "abbreviation" or _capitals(name)
    ]


def _capitals(name: str) -> bool:
    return len(name) >= 4 and name.isalpha() and name.isupper()


def with_holders_countries(entities: Sequence[Entity]) -> list[Entity]:
    """The entities, a body with no country of its own (or one only inferred from the document)
    given the one country of the people the text says hold a post in it."""
    holders: dict[str, set[str]] = defaultdict(set)
    for person in entities:
        if person.type != EntityType.PERSON or not person.country:
            continue
        for role in person.roles:
            if role.evidence is not None and role.organization_id:
                holders[role.organization_id].add(person.country)
    out = []
    for entity in entities:
        found = holders.get(entity.id, set())
        if len(found) == 1 and _unplaced_body(entity):
            kept = tuple(a for a in entity.attributes if a.key not in _INFERENCE_KEYS)
            entity = replace(entity, country=next(iter(found)), attributes=kept)
        out.append(entity)
    return out


def _unplaced_body(entity: Entity) -> bool:
    """A body no list knows, with no country or one only inferred from the document."""
    return (entity.type in _BODIES and not entity.known
            and (entity.country is None or country_inferred(entity)))  # fmt: skip
