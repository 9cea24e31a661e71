"""An organisation's acronym is the organisation: "the Tigray People's Liberation Front
(TPLF) ... the TPLF said" names one actor, not two.

An entity no list knows whose name is an acronym (two to eight capitals) joins the one
organisation, group, armed force or outlet of the document whose name's initials spell it
(function words skipped: "Fuerzas Armadas Revolucionarias de Colombia" is FARC), or that the
text glosses with it in parentheses right after its name, in whatever language the initials
come from: "El Salvador's Attorney General's Office (Fiscalía General de la República - FGR)",
"the National Civil Police (PNC)". It gives that entity its mentions and becomes one of its
aliases; so does a name NER found inside such a gloss ("República"). When no body or several
bodies own it, the acronym stays an entity of its own.
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
# a parenthesis right after a name; its last word, after a dash, comma or "or" (or alone), is
# the acronym it glosses the name with
_GLOSS = re.compile(r"\s*\((?P<gloss>[^()]{0,120}?)\)")
_GLOSSED = re.compile(r"(?:^|(?:\s*[-–—,;]\s*|\s+or\s+))(?P<acronym>[A-Z]{2,8})$")
# what NER may make of a gloss's words; a state or a place named inside it stays itself
_GLOSS_WORDS = frozenset({*_BODIES, EntityType.PERSON})
# words an acronym skips ("of", "the", "de"); "'s" goes with its word
_SKIPPED = frozenset({"of", "the", "and", "for", "in", "on", "de", "del", "la", "el", "du", "des"})


def initials(name: str) -> str:
    """The capitals an acronym of `name` would have: "Tigray People's Liberation Front" TPLF."""
    words = re.findall(r"[\w'’-]+", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _SKIPPED and w[0].isalpha())


def with_acronyms(entities: Sequence[Entity], text: str = "") -> list[Entity]:
    """The entities, each unknown acronym merged into the one body whose initials spell it
    or whose name the text glosses with it."""
    by_initials: dict[str, list[Entity]] = {}
    for e in entities:
        if e.type in _BODIES and len(e.name.split()) > 1:
            by_initials.setdefault(initials(e.name), []).append(e)
    glossed, glosses = _glosses(entities, text)

    def owner_of(e: Entity) -> Entity | None:
        if not _ACRONYM.match(e.name):
            # the gloss's words, whatever NER made of them ("Narcoticos - DENARC": a person)
            return _inside_a_gloss(e, glosses) if e.type in _GLOSS_WORDS else None
        if e.type not in _BODIES:
            return None
        owners = by_initials.get(e.name) or glossed.get(e.name, [])
        return owners[0] if len({o.id for o in owners}) == 1 else None

    return absorbed_by_owners(entities, owner_of)


def _glosses(
    entities: Sequence[Entity], text: str
) -> tuple[dict[str, list[Entity]], list[tuple[int, int, Entity]]]:
    """Each acronym a parenthesis right after a body's name glosses it with -> those bodies;
    and each such parenthesis's span with its body."""
    glossed: dict[str, list[Entity]] = {}
    spans: list[tuple[int, int, Entity]] = []
    for e in entities:
        if e.type not in _BODIES or _ACRONYM.match(e.name):
            continue
        for m in e.mentions:
            found = _GLOSS.match(text, m.end)
            acronym = _GLOSSED.search(found.group("gloss")) if found else None
            if found is not None and acronym is not None:
                glossed.setdefault(acronym.group("acronym"), []).append(e)
                spans.append((found.start("gloss"), found.end("gloss"), e))
    return glossed, spans


def _inside_a_gloss(entity: Entity, glosses: list[tuple[int, int, Entity]]) -> Entity | None:
    """The one body whose glosses hold every mention of `entity`."""
    owners: dict[str, Entity] = {}
    for m in entity.mentions:
        holding = [owner for start, end, owner in glosses if start <= m.start and m.end <= end]
        if not holding:
            return None
        owners |= {owner.id: owner for owner in holding}
    return next(iter(owners.values())) if len(owners) == 1 else None


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
