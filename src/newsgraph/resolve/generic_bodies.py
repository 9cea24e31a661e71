"""Bodies named only by what they are carry their country in their id.

"The Supreme Court", "the Attorney General's Office", "Congress", "the Interior Ministry":
every country has one, and a name of such words alone says nothing of which. Their id is a
slug of the name, so the knowledge base would merge Mexico's and Guatemala's Attorney
General's Office into one actor with one country. Once the document has given such a body its
country, its id takes the country's code ("organization:supreme-court-gtm"); the name stays as
written. Bodies a gazetteer knows keep their own ids, and so does a body whose name holds
any other word ("the Sinaloa Cartel", "the Mexican Senate"), or whose country is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsgraph.models import Entity, EntityType

_BODIES = frozenset({EntityType.ORGANIZATION, EntityType.ARMED_FORCE})
# words that name no body of their own: "the Ministry of the Interior", "House of Commons"
_LINKS = frozenset({"of", "the", "for", "and", "on", "&"})
_WORD = re.compile(r"[\w-]+")


def generic_words(words: Iterable[str]) -> frozenset[str]:
    """The lexicon's `generic_body_words` as `with_country_ids` reads them (lower case)."""
    return frozenset(w.lower() for w in words)


def with_country_ids(entities: Sequence[Entity], words: frozenset[str]) -> list[Entity]:
    """The entities, each generic body of a known country under an id that names it; every
    reference to the old id (a role's organisation, an attribute) follows. `words` come from
    `generic_words`."""
    taken = {e.id for e in entities}
    renamed: dict[str, str] = {}
    for e in entities:
        if _generic(e, words) and e.country:
            new = f"{e.id}-{e.country.lower()}"
            if new not in taken:
                renamed[e.id] = new
    if not renamed:
        return list(entities)
    return [_renamed(e, renamed) for e in entities]


def _generic(entity: Entity, words: frozenset[str]) -> bool:
    if entity.type not in _BODIES or entity.known:
        return False
    name = re.sub(r"['\u2019]s\b", "", entity.name.lower())
    own = [w for w in _WORD.findall(name) if w not in _LINKS]
    return bool(own) and all(w in words for w in own)


def _renamed(entity: Entity, renamed: dict[str, str]) -> Entity:
    roles = tuple(
        replace(r, organization_id=renamed[r.organization_id])
        if r.organization_id in renamed
        else r
        for r in entity.roles
    )
    attributes = tuple(
        replace(a, value=renamed[a.value]) if isinstance(a.value, str) and a.value in renamed else a
        for a in entity.attributes
    )
    return replace(entity, id=renamed.get(entity.id, entity.id), roles=roles, attributes=attributes)
