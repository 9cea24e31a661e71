"""A person's sector from the body the text says they work for.

The guideline codes an actor by what it is at the article's date: an anchor of Fox News is
media (MED), an attorney of the Electronic Frontier Foundation an NGO's (NGO). The sector
model and the titles read a person alone ("attorney" reads as government, a name with no
title as a civilian); the alignments the text states (`member_of`, `leads`) say which body
they hold their post in. Only a person nothing else coded (no sector, a civilian's, or the
sector model's guess) takes it: a title ("Commerce Secretary") or a former post says more
than a board seat, and a person the gazetteer or the actor knowledge base knows keeps the
sector they give. A trade
("scientist", "anchor") says less than the body: its people take the body's sector. So does a
title that only says its holder heads a body (actor_codes.yaml `body_heads`): "Toyota
president X" leads a company (BUS), "Harvard University president X" a university (EDU).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph.coding import code_entity, with_code
from newsgraph.learn.sectors import SECTOR_KEYS
from newsgraph.lexicon.compiled import ActorCodes, load_lexicon
from newsgraph.models import Attribute, Entity, EntityType, Relation

# the relations that place a person inside a body
_HELD_IN = frozenset({"member_of", "leads"})
# sectors a body passes to the people who work in it; a state's bodies (GOV, LEG, MIL...) do
# not: their people's titles say more ("senator", "general"), and parties (PTY, OPP) hold
# members of every sector. Nor do companies (BUS): a club's player or a studio's film director
# is coded a civilian in newsgraph-gold (four of four such people of the train split)
_PASSED_ON = frozenset({"MED", "NGO", "EDU", "HLH", "REL", "LAB"})
# what a person's sector is when nothing said otherwise: none, or an ordinary person's
_UNSAID = frozenset({None, "CVL"})
_LEADS = "leads"
# a company's head is a business person, though its players are not (`_PASSED_ON`)
_HEADED = _PASSED_ON | {"BUS"}


def with_affiliation_sectors(
    entities: Sequence[Entity], relations: Sequence[Relation], codes: ActorCodes | None = None
) -> list[Entity]:
    """The entities, each person not known to a gazetteer who holds a post in exactly one
    kind of body that passes its sector on taking that sector (`sector_source` "affiliation")."""
    by_id = {e.id: e for e in entities}
    sectors: dict[str, set[str]] = {}
    for relation in relations:
        person, body = by_id.get(relation.subject), by_id.get(relation.object)
        if relation.relation not in _HELD_IN or relation.negated or person is None or body is None:
            continue
        if person.type != EntityType.PERSON or person.known or body.type == EntityType.PERSON:
            continue
        heads = relation.relation == _LEADS and _heads_only(person, codes)
        if not heads and code_entity(_said(person), codes).agent not in _UNSAID:
            continue  # a title or an earlier post said it ("Commerce Secretary", "former")
        agent = code_entity(body, codes).agent
        if agent in _PASSED_ON or (heads and agent in _HEADED):
            sectors.setdefault(person.id, set()).add(agent)
    out = []
    for entity in entities:
        found = sectors.get(entity.id, set())
        if len(found) != 1:
            out.append(entity)
            continue
        kept = tuple(a for a in entity.attributes if a.key not in SECTOR_KEYS)
        added = (Attribute("sector", found.pop()), Attribute("sector_source", "affiliation"))
        out.append(with_code(replace(entity, attributes=kept + added), codes))
    return out


def _heads_only(person: Entity, codes: ActorCodes | None) -> bool:
    """Whether every post the text gives the person only says they head a body ("president",
    "president of the Red Cross", "chief executive"), none of them former."""
    heads = (codes or load_lexicon().actor_codes).body_heads
    stated = [r for r in person.roles if r.evidence is not None and r.kind != "occupation"]
    return bool(stated) and all(
        r.qualifier is None and r.title.lower().split(" of ")[0].strip() in heads for r in stated
    )


def _said(person: Entity) -> Entity:
    """The person as the text and the lists code them: without the roles that name a trade
    (the body says more than "scientist": "a Center for Biological Diversity scientist" is an
    NGO's) and without the sector model's guess (the body is read, the guess inferred)."""
    posts = tuple(r for r in person.roles if r.kind != "occupation")
    attributes = person.attributes
    if any(a.key == "sector_source" and a.value == "model" for a in attributes):
        attributes = tuple(a for a in attributes if a.key not in SECTOR_KEYS)
    return replace(person, roles=posts, attributes=attributes)
