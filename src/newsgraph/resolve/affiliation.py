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
president X" leads a company (BUS), "Harvard University president X" a university (EDU). A
title that only says its holder speaks for or advises a body (`body_functions`) takes any
body's agent, a state's or an armed group's too: "Taliban spokesman X" is REB, "Metropolitan
Police spokeswoman X" COP, where the title alone reads as government.
"""

from __future__ import annotations

import re
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
# where a post's title goes on to name its body ("spokesman for", "adviser to")
_NAMES_BODY = re.compile(r" (?:of|for|to) ")


def with_affiliation_sectors(
    entities: Sequence[Entity], relations: Sequence[Relation], codes: ActorCodes | None = None
) -> list[Entity]:
    """The entities, each person not known to a gazetteer who holds a post in exactly one
    kind of body that passes its sector on taking that sector (`sector_source` "affiliation")."""
    by_id = {e.id: e for e in entities}
    shipped = codes or load_lexicon().actor_codes
    speaking = shipped.body_heads | shipped.body_functions
    sectors: dict[str, set[str]] = {}
    for relation in relations:
        person, body = by_id.get(relation.subject), by_id.get(relation.object)
        if relation.relation not in _HELD_IN or relation.negated or person is None or body is None:
            continue
        if person.type != EntityType.PERSON or person.known or body.type == EntityType.PERSON:
            continue
        posts = _post_words(person)
        heads = relation.relation == _LEADS and bool(posts) and posts <= shipped.body_heads
        speaks = bool(posts & shipped.body_functions) and posts <= speaking
        if not (heads or speaks) and code_entity(_said(person), codes).agent not in _UNSAID:
            continue  # a title or an earlier post said it ("Commerce Secretary", "former")
        agent = code_entity(body, codes).agent
        if agent in _PASSED_ON or (heads and agent in _HEADED) or (speaks and agent):
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


def _post_words(person: Entity) -> frozenset[str]:
    """The titles of the posts the text gives the person (not trades, not the lists' posts),
    without the bodies they name ("president", "spokesman"); none when one of them is
    qualified ("former president"): heads and spokespeople are read only of posts held now."""
    stated = [r for r in person.roles if r.evidence is not None and r.kind != "occupation"]
    if any(r.qualifier is not None for r in stated):
        return frozenset()
    return frozenset(_title_word(r.title) for r in stated)


def _title_word(title: str) -> str:
    """A post's title without the body it names ("president of the Red Cross": "president",
    "adviser to Amnesty International": "adviser")."""
    return _NAMES_BODY.split(title.lower(), maxsplit=1)[0].strip()


def _said(person: Entity) -> Entity:
    """The person as the text and the lists code them: without the roles that name a trade
    (the body says more than "scientist": "a Center for Biological Diversity scientist" is an
    NGO's) and without the sector model's guess (the body is read, the guess inferred)."""
    posts = tuple(r for r in person.roles if r.kind != "occupation")
    attributes = person.attributes
    if any(a.key == "sector_source" and a.value == "model" for a in attributes):
        attributes = tuple(a for a in attributes if a.key not in SECTOR_KEYS)
    return replace(person, roles=posts, attributes=attributes)
