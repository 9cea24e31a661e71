"""A state official's country where the text gives none: the only state the story names.

"The Minister of the Interior, Mauricio Lopez" in a story that names Guatemala and no other
state holds Guatemala's post, though the story also names Mexican cartels, a Salvadoran gang
and a French news agency (so it has no one home country, `resolve.countries.home_country`,
and the country model is unsure). A post that belongs to a state (its title codes it as
government, legislature, judiciary, military, police or intelligence) is that state's when
the story is set in one state only: its states, places and the state bodies the gazetteer
knows are all of one country (a London police sergeant from New Zealand is no New Zealander's
officer). The country is marked `country_basis` "document": inferred,
so a later document that states it replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph.coding import code_entity
from newsgraph.lexicon.compiled import ActorCodes
from newsgraph.models import COUNTRY_BASIS, Attribute, CountryBasis, Entity, EntityType
from newsgraph.resolve.countries import unplaced

# the agent codes of posts that belong to a state
STATE_AGENTS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
_NO_STATE = frozenset({"ATA"})
# what says which states a story is set in: its states and places, and the state bodies the
# gazetteer knows ("the Metropolitan Police" sets it in Britain, though it never names Britain);
# not an armed group or a cartel (they cross borders) nor an outlet (it reports from afar)
_SETTING = frozenset({EntityType.STATE, EntityType.PLACE})
_KNOWN_BODIES = frozenset({EntityType.ORGANIZATION, EntityType.ARMED_FORCE})


def with_officials_states(
    entities: Sequence[Entity], codes: ActorCodes | None = None
) -> list[Entity]:
    """The entities, each person with no country whose post belongs to a state given the
    only state the story is set in."""
    states = {e.country for e in entities if e.country and _places(e)} - _NO_STATE
    if len(states) != 1:
        return list(entities)
    (state,) = states
    basis = Attribute(COUNTRY_BASIS, CountryBasis.DOCUMENT.value)
    return [
        replace(e, country=state, attributes=(*e.attributes, basis))
        if e.type == EntityType.PERSON
        and unplaced(e)
        and code_entity(e, codes).agent in STATE_AGENTS
        else e
        for e in entities
    ]


def _places(entity: Entity) -> bool:
    return entity.type in _SETTING or (entity.known and entity.type in _KNOWN_BODIES)
