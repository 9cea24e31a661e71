"""CAMEO actor codes, as GDELT and PETRARCH write them: a prefix (the actor's country, ISO 3166
alpha-3; IGO for an international body; IMG for a country-less armed movement) followed by an
agent type (GOV, MIL, REB, ...): "RUSGOV", "USAMIL", "IGO", "SYRREB", "REB".

The rules are data (`lexicon/actor_codes.yaml`); this module is their one reader, used by the
pipeline (entities' `agent` and `cameo` attributes, events' coded sides), the `cameo` export
and the evaluations.

>>> code_actor("state:RUS", "state", "RUS", {}, ()).code              # doctest: +SKIP
'RUS'
>>> code_actor("person:x", "person", "RUS", {}, ("Defence Minister",)).code  # doctest: +SKIP
'RUSGOV'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from newsgraph.folding import fold
from newsgraph.lexicon.compiled import ActorCodes, load_lexicon
from newsgraph.lexicon.gazetteer import Entry
from newsgraph.models import Attribute, CodedSide, Entity, Event, Role, Scalar

IGO = "IGO"
IGO_POST = "igo_post"  # attribute: the international body a person holds a post at
PAST_QUALIFIERS = frozenset({"former", "formerly", "ex", "late"})
IMG = "IMG"
# events whose place stands in for a missing target under CAMEO's convention ("met in Zurich",
# "protested in Beijing", "exercises in Alaska"); for others the place is only where it happened
LOCATED_ROOTS = frozenset({"04", "14", "15"})  # consult, protest, exhibit force posture
_NAMED_BODIES = frozenset({"organization", "group"})  # kinds whose name says what they are
_COMPLEMENT = re.compile(r" (?:of|for|to|on) ")


@dataclass(frozen=True, slots=True)
class Coded:
    """An actor's CAMEO prefix and agent type; `code` writes them together."""

    prefix: str | None
    agent: str | None

    @property
    def code(self) -> str | None:
        return (self.prefix or "") + (self.agent or "") or None


def code_actor(
    entity_id: str,
    etype: str,
    country: str | None,
    attributes: Mapping[str, Scalar],
    titles: Sequence[str],
    codes: ActorCodes | None = None,
    *,
    name: str = "",
) -> Coded:
    """Code one actor from what the knowledge base stores of it."""
    codes = codes or _shipped()
    kinds = _kinds(attributes)
    # acting for an international body: coded as it, whatever the passport
    igo_post = bool(attributes.get(IGO_POST))
    return Coded(_prefix(entity_id, etype, country, kinds, codes, person_igo=igo_post),
                 _agent(etype, attributes, kinds, titles, codes, name))  # fmt: skip


def code_entity(entity: Entity, codes: ActorCodes | None = None) -> Coded:
    attributes = {a.key: a.value for a in entity.attributes}
    titles = [r.title for r in entity.roles]
    return code_actor(
        entity.id, entity.type.value, entity.country, attributes, titles, codes, name=entity.name
    )


def code_side(actor: Coded | None, side_agent: str | None) -> Coded:
    """A side of an event: the entity's code, with the agent the text gives the side instead
    of the entity's own ("Syrian rebels": SYR + REB; "insurgents": REB alone)."""
    if actor is None:
        return Coded(None, side_agent)
    return replace(actor, agent=side_agent) if side_agent else actor


def coded_events(
    events: Sequence[Event], entities: Sequence[Entity], codes: ActorCodes | None = None
) -> list[Event]:
    """The events with their sides coded (`Event.coded`)."""
    coded = {e.id: code_entity(e, codes) for e in entities}
    return [replace(event, coded=_sides(event, coded)) for event in events]


def _sides(event: Event, coded: Mapping[str, Coded]) -> tuple[CodedSide, ...]:
    return (
        *side_codes(
            "source", event.source, event.source_agent.code if event.source_agent else None, coded
        ),
        *side_codes(
            "target", event.target, event.target_agent.code if event.target_agent else None, coded
        ),
    )


def side_codes(
    role: str, ids: Sequence[str], agent: str | None, coded: Mapping[str, Coded]
) -> list[CodedSide]:
    """The coded actors of one side. The side's agent qualifies its one entity ("Syrian
    rebels": SYR + REB); a side of several entities and an agent ("Bolivia, Cuba and the
    Chavistas") is those entities as they are, since which of them the agent describes is not
    known; a side of an agent alone is that agent ("insurgents": REB)."""
    if not ids:
        return [CodedSide(role, None, None, agent)] if agent else []
    if len(ids) == 1:
        side = code_side(coded.get(ids[0]), agent)
        return [CodedSide(role, ids[0], side.prefix, side.agent)]
    out = []
    for entity_id in ids:
        side = code_side(coded.get(entity_id), None)
        out.append(CodedSide(role, entity_id, side.prefix, side.agent))
    return out


def cameo_pairs(
    sides: Sequence[CodedSide], *, root: str, mutual: bool, place: CodedSide | None
) -> list[tuple[CodedSide | None, CodedSide | None]]:
    """(Actor1, Actor2) of an event as CAMEO coders pair them: every source with every target.
    The subject is the source, also of a mutual act ("A met with B" is A's meeting with B, as
    PETRARCH codes it); a mutual event with only sources ("A, B and C met") pairs each source
    with the others. An event without a target whose root is located (`LOCATED_ROOTS`) takes
    its place as the target ("protested in Beijing"). A side missing on one end stays None."""
    sources = [c for c in sides if c.role == "source"]
    targets = [c for c in sides if c.role == "target"]
    if not targets and place is not None and root in LOCATED_ROOTS:
        targets = [place]
    if sources and targets:
        return [(s, t) for s in sources for t in targets]
    if mutual and len(sources) > 1:
        return [(s, t) for s in sources for t in sources if s.entity != t.entity]
    if sources:
        return [(s, None) for s in sources]
    return [(None, t) for t in targets] or [(None, None)]


def quad_class(cameo: str) -> int | None:
    """GDELT's quad class of a CAMEO code: 1 verbal cooperation (01-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if not 1 <= root <= 20:
        return None
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def with_codes(
    entities: Sequence[Entity],
    codes: ActorCodes | None = None,
    known_bodies: Mapping[str, str] | None = None,
) -> list[Entity]:
    """The entities with `agent` and `cameo` attributes where they have a code, after
    `with_igo_posts`."""
    return [with_code(e, codes) for e in with_igo_posts(entities, codes, known_bodies)]


def with_code(entity: Entity, codes: ActorCodes | None = None) -> Entity:
    """The entity with `agent` and `cameo` attributes where it has a code (one entity of
    `with_codes`, for an entity recoded after its sector changed)."""
    coded = code_entity(entity, codes)
    added = []
    if coded.agent:
        added.append(Attribute("agent", coded.agent))
    if coded.code:
        added.append(Attribute("cameo", coded.code))
    kept = tuple(a for a in entity.attributes if a.key not in ("agent", "cameo"))
    return replace(entity, attributes=kept + tuple(added)) if added else entity


def with_igo_posts(
    entities: Sequence[Entity],
    codes: ActorCodes | None = None,
    known_bodies: Mapping[str, str] | None = None,
) -> list[Entity]:
    """The entities, a person acting for an international body carrying `igo_post` (that
    body's name), which codes it IGO whatever its passport: one the text gives a current post
    at a body of the document ("NATO's secretary general Jens Stoltenberg"), or one a
    gazetteer knows to hold such a post on the publication date (a role without evidence) at
    one of `known_bodies` (id -> name: `igo_bodies`), named in the text or not."""
    if not any(e.roles for e in entities):
        return list(entities)
    bodies = {
        e.id: e.name
        for e in entities
        if _is_igo_body(
            e.id, e.type.value, e.country, {a.key: a.value for a in e.attributes}, codes
        )
    }
    known = {**(known_bodies or {}), **bodies}
    return [_with_igo_post(entity, bodies, known) for entity in entities]


def _with_igo_post(entity: Entity, bodies: Mapping[str, str], known: Mapping[str, str]) -> Entity:
    """`bodies` are the document's international bodies, for posts the text states; `known`
    adds those of the gazetteer, for the posts it knows held on the publication date (a
    gazetteer's roles carry no evidence and are kept only when held then)."""
    if entity.type.value != "person" or any(a.key == IGO_POST for a in entity.attributes):
        return entity
    for role in entity.roles:
        stated = is_current_statement(role)
        body = (bodies if stated else known).get(role.organization_id or "")
        if body and (stated or role.evidence is None):
            return replace(entity, attributes=(*entity.attributes, Attribute(IGO_POST, body)))
    return entity


def igo_bodies(entries: Iterable[Entry], codes: ActorCodes | None = None) -> dict[str, str]:
    """The international bodies among gazetteer entries, id -> name (for `with_igo_posts`)."""
    return {
        entry.id: entry.name
        for entry in entries
        if _is_igo_body(entry.id, entry.type.value, entry.country, dict(entry.attributes), codes)
    }


def _is_igo_body(
    entity_id: str,
    etype: str,
    country: str | None,
    attributes: Mapping[str, Scalar],
    codes: ActorCodes | None,
) -> bool:
    """Whether a body is coded as an international one: its CAMEO prefix alone, without the
    agent type (which reads the name against every agent phrase)."""
    if etype not in ("organization", "group"):
        return False
    return _prefix(entity_id, etype, country, _kinds(attributes), codes or _shipped()) == IGO


# the `sector_source` of a sector every reading of an ambiguous name shares ("Democratic": a
# party, whichever; resolve.actors): what the actor is is sure where who it is is not, so the
# learned sector model leaves it (learn.sectors `_settled`)
SHARED_READING = "shared reading"


def _kinds(attributes: Mapping[str, Scalar]) -> list[str]:
    """The gazetteer kind an actor's attributes give ("political party"), as a list."""
    return [str(attributes["kind"]).lower()] if attributes.get("kind") else []


def is_current_statement(role: Role) -> bool:
    """Whether the text states the role as held now (not "former", not from a list)."""
    return role.evidence is not None and role.qualifier not in PAST_QUALIFIERS


def stated_agent(
    entity: Entity, codes: ActorCodes | None = None, *, trade: bool = False
) -> str | None:
    """The agent a title the text gives a person as held now says ("General X": MIL). An
    occupation ("astronomer X") says a trade, not a post, and is read only with `trade`."""
    return _first_role_agent(
        entity, codes, lambda r: is_current_statement(r) and (r.kind == "occupation") == trade
    )


def listed_trade(entity: Entity, codes: ActorCodes | None = None) -> str | None:
    """The agent of the trade a hand-written gazetteer lists for a person ("Footballer": CVL,
    "Astronomer": EDU), held on the article's date."""
    return _first_role_agent(entity, codes, lambda r: r.evidence is None and r.kind == "occupation")


def _first_role_agent(
    entity: Entity, codes: ActorCodes | None, keep: Callable[[Role], bool]
) -> str | None:
    """The agent of the first of the person's roles `keep` accepts whose title names one."""
    codes = codes or _shipped()
    return next(
        (agent for r in entity.roles if keep(r) and (agent := title_agent(r.title, codes))), None
    )


def listed_kind(entity: Entity) -> str | None:
    """The gazetteer's hand-written `kind` of the entity ("ruling party"), lower case."""
    return next(iter(_kinds({a.key: a.value for a in entity.attributes})), None)


def listed_agent(entity: Entity, codes: ActorCodes | None = None) -> str | None:
    """The agent the gazetteer's hand-written `kind` of the entity says ("cartel": CRM)."""
    kind = listed_kind(entity)
    return (codes or _shipped()).kinds.get(kind) if kind else None


def _prefix(
    entity_id: str,
    etype: str,
    country: str | None,
    kinds: Sequence[str],
    codes: ActorCodes,
    *,
    person_igo: bool = False,
) -> str | None:
    if person_igo:
        return IGO
    if country:
        return country
    if etype == "group" and any(k in codes.militant_kinds for k in kinds):
        return IMG
    if etype != "organization":
        return None
    if any(k.startswith(codes.igo_kind_prefixes) or k in codes.igo_kinds for k in kinds):
        return IGO
    return IGO if _igo_id(codes.igo_ids).search(entity_id) else None


def _agent(
    etype: str,
    attributes: Mapping[str, Scalar],
    kinds: Sequence[str],
    titles: Sequence[str],
    codes: ActorCodes,
    name: str,
) -> str | None:
    sector = attributes.get("sector")
    if isinstance(sector, str) and sector:
        return sector
    for kind in kinds:
        if kind in codes.kinds:
            return codes.kinds[kind]
    if etype in _NAMED_BODIES and name:
        agent = name_agent(name, codes)
        if agent:
            return agent
    if etype in codes.types:
        return codes.types[etype]
    if etype == "person":
        for title in titles:
            agent = title_agent(title, codes)
            if agent:
                return agent
    return None


def name_agent(name: str, codes: ActorCodes) -> str | None:
    """The agent an organisation's name gives (`names` of actor_codes.yaml): of the phrases
    found, the last one starting in the name's head (before its first "of", "for", "to" or
    "on"), else the first found after it; the longer phrase where two end together."""
    lowered = " " + re.sub(r"[^a-z']+", " ", fold(name).lower()).strip() + " "
    found = sorted(
        (start, start + len(phrase) + 2, agent)
        for phrase, agent in codes.names.items()
        for start in _occurrences(lowered, f" {phrase} ")
    )
    if not found:
        return None
    head = _COMPLEMENT.search(lowered)
    head_end = head.start() if head else len(lowered)
    in_head = [f for f in found if f[0] < head_end]
    if in_head:
        return max(in_head, key=lambda f: (f[1], f[1] - f[0]))[2]
    return found[0][2]


def _occurrences(text: str, needle: str) -> Iterator[int]:
    """Where `needle` starts in `text`, each search resuming after the previous match."""
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + len(needle))


def title_agent(title: str, codes: ActorCodes) -> str | None:
    lowered = f" {re.sub(r'[^a-z]+', ' ', title.lower())} "
    for words, agent in codes.titles:
        if f" {words} " in lowered:
            return agent
    return None


@lru_cache(maxsize=8)
def _igo_id(igo_ids: tuple[str, ...]) -> re.Pattern[str]:
    ids = "|".join(re.escape(i) for i in igo_ids)
    return re.compile(rf"[:-](?:{ids})(?:-|$)")


@lru_cache(maxsize=1)
def _shipped() -> ActorCodes:
    """The shipped rules, read once: finding the lexicon's files on every call costs a stat of
    each (7 s of a 2,000-entity export)."""
    return load_lexicon().actor_codes
