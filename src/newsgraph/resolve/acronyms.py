"""An organisation's acronym is the organisation: "the Tigray People's Liberation Front
(TPLF) ... the TPLF said" names one actor, not two.

An entity no list knows whose name is an acronym (two to eight capitals) joins the one
organisation, group, armed force or outlet of the document whose name's initials spell it
(function words skipped: "Fuerzas Armadas Revolucionarias de Colombia" is FARC). It gives
that entity its mentions and becomes one of its aliases. When no name or several names spell
it, the acronym stays an entity of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsgraph.models import Entity, EntityType

_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
_BODIES = frozenset({
    EntityType.ORGANIZATION, EntityType.GROUP, EntityType.ARMED_FORCE, EntityType.MEDIA,
})  # fmt: skip
# words an acronym skips ("of", "the", "de"); "'s" goes with its word
_SKIPPED = frozenset({"of", "the", "and", "for", "in", "on", "de", "del", "la", "el", "du", "des"})


def initials(name: str) -> str:
    """The capitals an acronym of `name` would have: "Tigray People's Liberation Front" TPLF."""
    words = re.findall(r"[\w'’-]+", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _SKIPPED and w[0].isalpha())


def with_acronyms(entities: Sequence[Entity]) -> list[Entity]:
    """The entities, each unknown acronym merged into the one body whose initials spell it."""
    by_initials: dict[str, list[Entity]] = {}
    for e in entities:
        if e.type in _BODIES and len(e.name.split()) > 1:
            by_initials.setdefault(initials(e.name), []).append(e)

    def owner_of(e: Entity) -> Entity | None:
        if e.type not in _BODIES or not _ACRONYM.match(e.name):
            return None
        owners = by_initials.get(e.name, [])
        return owners[0] if len(owners) == 1 else None

    return absorbed_by_owners(entities, owner_of)


def absorbed_by_owners(
    entities: Sequence[Entity], owner_of: Callable[[Entity], Entity | None]
) -> list[Entity]:
    """The entities, each unknown one that `owner_of` finds an owner for (and that no other
    entity's attribute refers to) merged into it: the owner takes its mentions, and its name
    as an alias. Acronyms here; short forms of a name in `resolve/short_forms.py`."""
    referenced = {str(a.value) for e in entities for a in e.attributes}
    merged: dict[str, Entity] = {}
    absorbed: set[str] = set()
    for e in entities:
        if e.known or e.id in referenced:
            continue
        owner = owner_of(e)
        if owner is None or owner.id in absorbed:
            continue
        into = merged.get(owner.id, owner)
        mentions = tuple(sorted((*into.mentions, *e.mentions), key=lambda m: m.start))
        aliases = tuple(sorted({*into.aliases, e.name}))
        merged[owner.id] = replace(into, mentions=mentions, aliases=aliases)
        absorbed.add(e.id)
    return [merged.get(e.id, e) for e in entities if e.id not in absorbed]
