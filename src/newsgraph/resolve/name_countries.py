"""The country a body's own name gives it: a state's name or demonym among its words ("Russian
Land Forces"), or a large town, a listed region or a US state that opens or ends it ("the Lagos
State government", "University of Texas")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.lexicon.gazetteer import Gazetteer
from newsgraph.lexicon.places import find_place, is_us_state, subdivision_index
from newsgraph.models import EntityType, MentionKind


def country_from_words(name: str, gazetteer: Gazetteer) -> str | None:
    """ "Russian Land Forces" -> RUS: a state's name or demonym among the words of a name."""
    words = name.split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            for entry, kind, ambiguous in gazetteer.lookup(" ".join(words[i : i + size])):
                if entry.type != EntityType.STATE or ambiguous or kind == "capital":
                    continue
                # a demonym opens a name it qualifies ("Russian Land Forces"); inside one it
                # is part of another name ("Latin American")
                if kind == MentionKind.DEMONYM.value and i > 0:
                    continue
                return entry.country
    return None


# an organisation named after a town of this size or more is that town's ("Lagos State
# government", "Thames Valley Police" is not: no town); smaller towns share names too often
_TOWN_FOR_ORGANISATION = 100_000
# a city this large is meant before a province of its name abroad ("Santiago Police")
_CITY_OVER_PROVINCE = 1_000_000


def country_of_place_in(name: str, gazetteer: Gazetteer) -> str | None:
    """ "the Lagos State government" -> NGA, "Tigray People's Liberation Front" -> ETH: the
    country of a large town, a listed region or a US state that opens an organisation's name,
    or of a US state or a large town that ends it after "of" ("University of Texas",
    "University of Montreal")."""
    words = name.removeprefix("the ").removeprefix("The ").split()
    if _opens_with_person(words, gazetteer):
        return None  # "George W. Bush administration" is no body of George, South Africa
    for size in (2, 1):
        if len(words) <= size:
            continue
        opening = " ".join(words[:size])
        for entry, kind, ambiguous in gazetteer.lookup(opening):
            if (
                entry.type == EntityType.PLACE
                and entry.country
                and kind == "name"
                and not ambiguous
            ):
                return entry.country
        place = find_place(opening)
        governed = _governed_by(opening, words[size], gazetteer)
        if governed is not None and (place is None or place.population < _CITY_OVER_PROVINCE):
            return governed  # "Kent Police": the English county's, not Kent, Washington's
        if place is not None and (
            place.population >= _TOWN_FOR_ORGANISATION or _us_state(opening, gazetteer)
        ):
            return place.country
    # "University of Texas", "Supreme Court of Ohio": a US state ends the name; "University of
    # Montreal", "Archdiocese of Manila": a large town does
    of = name.rsplit(" of ", 1)
    if len(of) == 2 and _us_state(of[1].strip(), gazetteer):
        return "USA"
    town = find_place(of[1].strip()) if len(of) == 2 else None
    if town is not None and town.population >= _TOWN_FOR_ORGANISATION:
        return town.country
    return None


def _opens_with_person(words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """Whether a body's name opens with the full name of a person the gazetteer knows: the
    body is named after the person ("the George W. Bush administration"), and its first word
    is their given name, not a town."""
    for size in range(len(words) - 1, 1, -1):
        found = gazetteer.lookup(" ".join(words[:size]))
        if any(e.type == EntityType.PERSON and not ambiguous for e, _kind, ambiguous in found):
            return True
    return False


def _governed_by(opening: str, following: str, gazetteer: Gazetteer) -> str | None:
    """The country of a state, province or county that opens a body's name when the next word
    says the body is its own (`subnational_bodies`: "Hampshire Police", "Ontario Provincial
    Police", "Queensland Government"); "Tata Institute" or "Delta Party" are no Moroccan
    province's or Nigerian state's. A name that names a country too ("Georgia") is left."""
    if following.lower() not in _subnational_bodies() or _names_a_state(opening, gazetteer):
        return None
    return subdivision_index().get(opening)


@cache
def _subnational_bodies() -> frozenset[str]:
    return load_lexicon().words["subnational_bodies"]


def _us_state(name: str, gazetteer: Gazetteer) -> bool:
    """A US state's name that names no country too ("Georgia" does: "Bank of Georgia")."""
    return is_us_state(name) and not _names_a_state(name, gazetteer)


def _names_a_state(name: str, gazetteer: Gazetteer) -> bool:
    return any(entry.type == EntityType.STATE for entry, _, _ in gazetteer.lookup(name))
