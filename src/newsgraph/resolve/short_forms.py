"""A body named again without its country is the same body: "the Argentine Security Ministry
announced ... The Security Ministry said" names one actor, not two (the second had taken the
country the story is most about, China's).

An entity no list knows, whose name is what is left of exactly one other body's name of the
document once a state's name, demonym or possessive is taken off its front ("Argentine",
"Mexico's", "the Colombian"), joins that body: it gives it its mentions and becomes one of its
aliases. Two such bodies ("the Argentine Federal Police" and "the Brazilian Federal Police")
leave the short name alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph.lexicon.gazetteer import Gazetteer
from newsgraph.models import Entity, EntityType

_BODIES = frozenset({EntityType.ORGANIZATION, EntityType.ARMED_FORCE, EntityType.GROUP})
# the longest state name or demonym before a body's own name ("United Arab Emirates")
_STATE_WORDS = 3


def with_short_forms(entities: Sequence[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """The entities, each unknown body named without its country merged into the one body of
    the document named with it."""
    referenced = {str(a.value) for e in entities for a in e.attributes}
    by_rest: dict[str, list[Entity]] = {}
    for e in entities:
        if e.type not in _BODIES:
            continue
        # as the text names it too: the known "Federal Police of Brazil" is "the Brazilian
        # Federal Police" there
        rests = {
            _without_state(form, gazetteer)
            for form in (e.name, *e.aliases, *(m.text for m in e.mentions))
        }
        for rest in {r.lower() for r in rests if r is not None}:
            by_rest.setdefault(rest, []).append(e)
    merged: dict[str, Entity] = {}
    absorbed: set[str] = set()
    for e in entities:
        if e.known or e.type not in _BODIES or e.id in referenced:
            continue
        owners = [o for o in by_rest.get(_bare(e.name).lower(), []) if o.id != e.id]
        if len(owners) != 1 or owners[0].type != e.type or owners[0].id in absorbed:
            continue
        owner = merged.get(owners[0].id, owners[0])
        mentions = tuple(sorted((*owner.mentions, *e.mentions), key=lambda m: m.start))
        aliases = tuple(sorted({*owner.aliases, e.name}))
        merged[owner.id] = replace(owner, mentions=mentions, aliases=aliases)
        absorbed.add(e.id)
    return [merged.get(e.id, e) for e in entities if e.id not in absorbed]


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
