"""One body, written two ways in a document, is one actor:
* named again without its country: "the Argentine Security Ministry announced ... The Security
  Ministry said" (the second had taken the country the story is most about, China's);
* with and without a possessive: "the Attorney General's Office ... the Attorney General
  Office estimates".

An entity no list knows, whose name is another body's name of the document less a state's
name, demonym or possessive at its front ("Argentine", "Mexico's", "the Colombian"), or the
same name but for "'s", joins that body when there is exactly one: it gives it its mentions and
becomes one of its aliases. Two such bodies ("the Argentine Federal Police" and "the Brazilian
Federal Police") leave the short name alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.lexicon.gazetteer import Gazetteer
from newsgraph.models import Entity, EntityType
from newsgraph.resolve.acronyms import absorbed_by_owners

_BODIES = frozenset({EntityType.ORGANIZATION, EntityType.ARMED_FORCE, EntityType.GROUP})
# the longest state name or demonym before a body's own name ("United Arab Emirates")
_STATE_WORDS = 3
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def with_short_forms(entities: Sequence[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """The entities, each unknown body named without its country or its "'s" merged into the
    one body of the document named with it."""
    longer: dict[str, list[Entity]] = {}  # a name less its state -> the bodies named so
    same: dict[str, list[Entity]] = {}  # a name without "'s" -> the bodies named so
    for e in entities:
        if e.type not in _BODIES:
            continue
        # as the text names it too: the known "Federal Police of Brazil" is "the Brazilian
        # Federal Police" there
        forms = {e.name, *e.aliases, *(m.text for m in e.mentions)}
        for rest in {_key(r) for f in forms if (r := _without_state(f, gazetteer)) is not None}:
            longer.setdefault(rest, []).append(e)
        for form in {_key(f) for f in forms}:
            same.setdefault(form, []).append(e)

    def owner_of(e: Entity) -> Entity | None:
        return _owner(e, longer, same) if e.type in _BODIES else None

    return absorbed_by_owners(entities, owner_of)


def _owner(
    entity: Entity, longer: dict[str, list[Entity]], same: dict[str, list[Entity]]
) -> Entity | None:
    """The one body the entity's name is a short form of: named with its state, or the same
    but for "'s" (the one named more often keeps its name; a known one always does)."""
    key = _key(entity.name)
    owners = [o for o in longer.get(key, []) if o.id != entity.id]
    if len(owners) == 1 and owners[0].type == entity.type:
        return owners[0]
    if owners:
        return None
    twins = [o for o in same.get(key, []) if o.id != entity.id and o.type == entity.type]
    if len(twins) != 1:
        return None
    twin = twins[0]
    return twin if twin.known or len(twin.mentions) >= len(entity.mentions) else None


def _key(name: str) -> str:
    return " ".join(_POSSESSIVE.sub("", _bare(name)).lower().split())


def _bare(name: str) -> str:
    return name.removeprefix("the ").removeprefix("The ")


def _without_state(name: str, gazetteer: Gazetteer) -> str | None:
    """The name less the state's name, demonym or possessive that opens it ("Argentine
    Security Ministry" -> "Security Ministry"), when one does and something is left."""
    words = _bare(name).split()
    for size in range(min(_STATE_WORDS, len(words) - 1), 0, -1):
        opening = " ".join(words[:size])
        opening = opening.removesuffix("'s").removesuffix("’s")
        if any(
            entry.type == EntityType.STATE and not ambiguous and kind != "capital"
            for entry, kind, ambiguous in gazetteer.lookup(opening)
        ):
            return " ".join(words[size:])
    return None
