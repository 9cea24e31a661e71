"""Towns that share their name with towns of other countries, placed in the country the story
is about: "Valencia" in a story about Spain is Spain's, not Venezuela's (the more populous, which
the place index gives); "San Jose" in a story about Costa Rica is Costa Rica's capital.

Only a town the offline index placed (no gazetteer entry, no country the text gave) moves, and
only when its first country is not one the rest of the document is about and a town of its
name lies in exactly one that is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph.lexicon.places import find_place, namesake_in, namesake_index
from newsgraph.models import Attribute, Entity, EntityType
from newsgraph.resolve.countries import document_countries

_COORDINATES = frozenset({"latitude", "longitude"})


def with_namesake_towns(entities: Sequence[Entity]) -> list[Entity]:
    """The entities, each town the index placed in a country the story is not about moved to
    its namesake in the one country the story is about that has one."""
    return [_moved(e, entities) or e for e in entities]


def _moved(entity: Entity, entities: Sequence[Entity]) -> Entity | None:
    if entity.type != EntityType.PLACE or entity.known or entity.country is None:
        return None
    first = find_place(entity.name)
    if first is None or first.country != entity.country:
        return None  # not the index's placing: the text or a list gave the country
    if entity.name not in namesake_index():
        return None  # no other country's town bears the name: nothing to weigh the story for
    about = document_countries([e for e in entities if e.id != entity.id])
    if not about or entity.country in about:
        return None
    namesakes = [c for c in about if namesake_in(entity.name, {c}) is not None]
    if len(namesakes) != 1:
        return None
    town = namesake_in(entity.name, set(namesakes))
    assert town is not None
    kept = [a for a in entity.attributes if a.key not in _COORDINATES]
    coordinates = [Attribute("latitude", town.latitude), Attribute("longitude", town.longitude)]
    return replace(entity, country=town.country, attributes=(*kept, *coordinates))
