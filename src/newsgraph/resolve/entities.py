"""Group mention candidates into one entity per real-world actor of a document.

- Gazetteer hits join the entity of their entry: "Moscow" (as actor), "the Kremlin", "Russian"
  and "Russia" are one entity, `state:RUS`.
- People: a surname joins the person whose full name appeared ("Lavrov" -> Sergei Lavrov),
  whatever label NER gave it (the small model calls "Pompeo" a GPE and "Lavrov" an ORG).
- "the Maduro regime" becomes an organisation of its own, led by Maduro.
- Everything else joins by normalised name ("the National Assembly" = "National Assembly").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from newsgraph.annotate.entities import Candidate
from newsgraph.annotate.missed_names import without_nickname
from newsgraph.annotate.name_kinds import TOWN_IN_CONTEXT
from newsgraph.annotate.roles import EntityLookup, find_age, find_roles, resolve_role
from newsgraph.lexicon.actor_kb import ActorKB
from newsgraph.lexicon.compiled import Titles, load_lexicon
from newsgraph.lexicon.gazetteer import Gazetteer, person_slug, slug
from newsgraph.lexicon.places import (
    find_place,
    subdivision_country,
)
from newsgraph.models import (
    Attribute,
    Entity,
    EntityType,
    Evidence,
    Mention,
    MentionKind,
    Role,
    Sentence,
    TimeExpression,
)
from newsgraph.resolve.acronyms import with_acronyms
from newsgraph.resolve.actors import former_posts, held_on, with_actor_knowledge
from newsgraph.resolve.clusters import Cluster, cluster_candidates, particled_surname
from newsgraph.resolve.countries import (
    with_home_country,
    with_origin_countries,
    with_stated_countries,
)
from newsgraph.resolve.name_countries import country_from_words, country_of_place_in
from newsgraph.resolve.namesake_towns import with_namesake_towns
from newsgraph.resolve.parents import with_holders_countries, with_parent_countries
from newsgraph.resolve.short_forms import with_short_forms
from newsgraph.resolve.tied_countries import (
    with_affiliated_countries,
    with_kin_countries,
    with_possessors_countries,
)


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What resolution needs to know about the document besides the candidates."""

    document_id: str
    text: str
    sentences: Sequence[Sentence]
    dates: Sequence[TimeExpression]
    published: str | None
    doc: Doc | None = None  # the parse, for what only syntax says (a person's affiliation)


def resolve_entities(
    candidates: Sequence[Candidate],
    gazetteer: Gazetteer,
    context: DocumentContext,
    *,
    titles: Titles | None = None,
    given_names: Mapping[str, str] | None = None,
    actors: ActorKB | None = None,
) -> tuple[Entity, ...]:
    """One Entity per actor, each with all its mentions, roles and attributes. `titles` and
    `given_names` (transliterations) are the lexicon's; the shipped ones when not given.
    `actors` completes actors the gazetteer does not know (resolve/actors.py)."""
    if titles is None or given_names is None:
        shipped = load_lexicon()
        titles, given_names = titles or shipped.titles, given_names or shipped.given_names
    clusters = cluster_candidates(candidates, context.text, given_names)
    entities = [_entity(c, clusters, gazetteer, given_names) for c in clusters.values()]
    entities = with_acronyms(entities, context.text)
    entities = with_short_forms(entities, gazetteer)
    entities = _with_roles(entities, context, gazetteer, titles)
    entities = with_stated_countries(entities, context.text, gazetteer)
    if actors is not None:
        entities = with_actor_knowledge(
            entities, actors, context.published, context.text, gazetteer
        )
    entities = with_origin_countries(entities, context.text)
    entities = with_parent_countries(entities, actors, gazetteer, context.published)
    if context.doc is not None:
        entities = with_affiliated_countries(entities, context.doc)
        entities = with_possessors_countries(entities, context.doc)
    entities = with_holders_countries(entities)
    entities = with_kin_countries(entities)
    entities = with_namesake_towns(entities)
    entities = with_home_country(entities)
    return tuple(sorted(entities, key=lambda e: e.mentions[0].start))


def _entity(
    cluster: Cluster,
    clusters: dict[str, Cluster],
    gazetteer: Gazetteer,
    given_names: Mapping[str, str],
) -> Entity:
    pairs = sorted(zip(cluster.candidates, cluster.kinds, strict=True), key=lambda p: p[0].start)
    mentions = tuple(Mention(c.start, c.end, c.text, c.sentence, kind) for c, kind in pairs)
    entry = cluster.entry
    if entry is not None:
        etype, name, country = entry.type, entry.name, entry.country
        attributes = [Attribute(k, v) for k, v in entry.attributes]
        entity_id = entry.id
    else:
        etype = _voted_type(cluster.candidates, named_in_full=cluster.key.startswith("person:"))
        name = _best_name(cluster, etype, clusters)
        # a place the index knows by its whole name is that place ("New Mexico" is no Mexico);
        # a street named after a country is seldom in it ("Grenada Street", Brisbane)
        whole_place = etype == EntityType.PLACE and (
            find_place(name) is not None or _is_thoroughfare(name)
        )
        # a person's name that opens with a people's or a state's word is a given name
        # ("German Vargas Lleras", "Chad Wolf"), not their country
        named_otherwise = whole_place or etype == EntityType.PERSON
        country = None if named_otherwise else country_from_words(name, gazetteer)
        if country is None and etype in {EntityType.ORGANIZATION, EntityType.GROUP}:
            country = country_of_place_in(name, gazetteer)
        attributes = _branch_attributes(cluster.candidates)
        entity_id = (
            f"person:{person_slug(name, given_names)}"
            if etype == EntityType.PERSON
            else f"{etype.value}:{slug(name)}"
        )
        if cluster.descriptor_of is not None:
            leader = clusters.get(cluster.descriptor_of)
            if leader is not None:
                if leader.entry is None or leader.entry.type != EntityType.PLACE:
                    attributes.append(Attribute("led_by", _cluster_id(leader)))
                country = country or (leader.entry.country if leader.entry else None)
    if etype == EntityType.PLACE:
        country, attributes = _geocode(name, country, attributes)
    aliases = tuple(sorted({m.text for m in mentions} - {name}))
    return Entity(
        id=entity_id,
        name=name,
        type=etype,
        mentions=mentions,
        country=country,
        aliases=aliases,
        attributes=tuple(attributes),
        known=entry is not None,
    )


def _voted_type(candidates: Sequence[Candidate], *, named_in_full: bool = False) -> EntityType:
    """The type most of the mentions have; but an outlet's where a mention is named as one, a
    person's where the surname joined a person
    named in full (the small model reads a surname alone as an organisation: "Kyle
    Rittenhouse ... Rittenhouse's release"), and a place only where some mention names a place
    the index knows, when other mentions give another type: the small model reads a surname
    again and again as a place ("Don Blankenship ... Blankenship said")."""
    if named_in_full and _surnames_of_a_person(candidates):
        return EntityType.PERSON
    votes = Counter(c.type for c in candidates)
    etype = votes.most_common(1)[0][0]
    if etype in {EntityType.PERSON, EntityType.ORGANIZATION} and EntityType.MEDIA in votes:
        # "told newspaper La Hora" once outweighs NER's person in "interviewed by La Hora"
        return EntityType.MEDIA
    if etype != EntityType.PLACE or len(votes) == 1:
        return etype
    if any(
        find_place(c.text) is not None or c.label == TOWN_IN_CONTEXT  # "the mayor of X"
        for c in candidates
        if c.type == EntityType.PLACE
    ):
        return etype
    del votes[EntityType.PLACE]
    return votes.most_common(1)[0][0]


def _surnames_of_a_person(candidates: Sequence[Candidate]) -> bool:
    """Whether the mentions are a person's full name and, besides, only its surname (not a
    first name that is also a place: "Montana Native Vote ... Montana")."""
    full = [c.text.split() for c in candidates if c.type == EntityType.PERSON and " " in c.text]
    surnames = {w[-1] for w in full} | {s for w in full if (s := particled_surname(w))}
    return bool(surnames) and all(
        c.text in surnames for c in candidates if c.type != EntityType.PERSON
    )


def _geocode(
    name: str, country: str | None, attributes: list[Attribute]
) -> tuple[str | None, list[Attribute]]:
    """Country and coordinates of a city or region from the offline GeoNames index; a state,
    province or county no town is named after takes its country from ISO 3166-2
    ("Oxfordshire", "Queensland")."""
    place = find_place(name)
    if place is None:
        return country or subdivision_country(name), attributes
    if country is not None and country != place.country:
        return country, attributes
    coordinates = [Attribute("latitude", place.latitude), Attribute("longitude", place.longitude)]
    if place.population == 0:
        coordinates = []  # regions carry no point
    return place.country, [*attributes, *coordinates]


def _cluster_id(cluster: Cluster) -> str:
    if cluster.entry is not None:
        return cluster.entry.id
    return cluster.key


def _best_name(cluster: Cluster, etype: EntityType, clusters: dict[str, Cluster]) -> str:
    names = [c.text for c in sorted(cluster.candidates, key=lambda c: c.start)]
    if cluster.descriptor_of is not None:
        word = names[0].split()[-1].lower()
        leader = clusters.get(cluster.descriptor_of)
        if leader and leader.entry and leader.entry.type != EntityType.PLACE:
            return f"{leader.entry.name.split()[-1]} {word}"
        # a place's body, or no known leader: the words as written ("KwaZulu-Natal provincial
        # government", "Uttar Pradesh government", not "Uttar government")
        return re.sub(r"^(?:the|The)\s+", "", names[0])
    # a person is named in full; anything else as first introduced ("S-300VM (Antey-2500)")
    best = (
        max(names, key=lambda n: (len(n.split()), len(n)))
        if etype == EntityType.PERSON
        else names[0]
    )
    if etype == EntityType.PERSON:
        best = without_nickname(best)
    return re.sub(r"^(?:the|The)\s+", "", best)


def _is_thoroughfare(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in _thoroughfares()


@cache  # load_lexicon() stats every lexicon file: once per process, not per place
def _thoroughfares() -> frozenset[str]:
    return load_lexicon().words.get("thoroughfares", frozenset())


def _branch_attributes(candidates: Sequence[Candidate]) -> list[Attribute]:
    """A national branch's parent, and the kind of body it is, which is its parent's."""
    parent = next((c.parent for c in candidates if c.parent is not None), None)
    if parent is None:
        return []
    kind = [Attribute(k, v) for k, v in parent.attributes if k == "kind"]
    return [Attribute("branch_of", parent.name), *kind]


def _with_roles(
    entities: list[Entity], context: DocumentContext, gazetteer: Gazetteer, titles: Titles
) -> list[Entity]:
    spans = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda s: s[0])
    starts = [s for s, _, _ in spans]

    def entities_in(start: int, end: int) -> list[tuple[str, str, str | None, str]]:
        # mentions starting inside the range (a binary search), then those ending inside it
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [
            (e.id, e.type.value, e.country, e.name) for _, t, e in spans[first:last] if t <= end
        ]

    out = []
    for entity in entities:
        if entity.type != EntityType.PERSON:
            out.append(entity)
            continue
        roles, attributes = _person_facts(entity, context, entities_in, titles)
        entry = gazetteer.entries.get(entity.id)
        roles = former_posts(roles, entry.roles if entry else (), context.published)
        roles.extend(_gazetteer_roles(entity, gazetteer, context.published, roles))
        countries = Counter(r.country for r in roles if r.country)
        country = entity.country or (countries.most_common(1)[0][0] if countries else None)
        out.append(replace(entity, roles=tuple(roles), country=country,
                           attributes=entity.attributes + tuple(attributes)))  # fmt: skip
    return out


def _person_facts(
    entity: Entity, context: DocumentContext, entities_in: EntityLookup, titles: Titles
) -> tuple[list[Role], list[Attribute]]:
    roles: list[Role] = []
    attributes: list[Attribute] = []
    seen: set[tuple[str, str | None]] = set()
    for mention in entity.mentions:
        if mention.kind != MentionKind.NAME:
            continue
        sent = context.sentences[mention.sentence]
        bounds = (sent.start, sent.end)
        for match in find_roles(context.text, mention.start, mention.end, bounds, titles=titles):
            key = (match.title.lower(), match.qualifier)
            if key in seen:
                continue
            seen.add(key)
            role = resolve_role(match, entities_in=entities_in, dates=context.dates,
                                sentence_index=mention.sentence)  # fmt: skip
            evidence = Evidence(context.document_id, mention.sentence, match.start, match.end)
            roles.append(replace(role, evidence=evidence))
        age = find_age(context.text, mention.start, mention.end, bounds)
        if age is not None and not any(a.key == "age" for a in attributes):
            evidence = Evidence(context.document_id, mention.sentence, age[1], age[2])
            attributes.append(Attribute("age", age[0], evidence))
    return roles, attributes


def _gazetteer_roles(
    entity: Entity, gazetteer: Gazetteer, published: str | None, stated: Iterable[Role]
) -> list[Role]:
    """Known roles held at publication time (no evidence: they come from the gazetteer)."""
    entry = gazetteer.entries.get(entity.id)
    if entry is None or published is None:
        return []
    titles = {r.title.lower() for r in stated}
    held = []
    for role in entry.roles:
        if held_on(role, published) and role.title.lower() not in titles:
            body = _body_id(role.organization, gazetteer)
            held.append(replace(role, organization_id=body) if body else role)
    return held


def _body_id(name: str | None, gazetteer: Gazetteer) -> str | None:
    """The id of the one body the gazetteer knows by `name` (a role's organisation)."""
    if not name:
        return None
    bodies = {entry.id for entry, _kind, _ambiguous in gazetteer.lookup(name)
              if entry.type in (EntityType.ORGANIZATION, EntityType.GROUP)}  # fmt: skip
    return bodies.pop() if len(bodies) == 1 else None


def group_by_type(entities: Iterable[Entity]) -> dict[EntityType, list[Entity]]:
    """Entities by type, in document order (for summaries)."""
    grouped: dict[EntityType, list[Entity]] = defaultdict(list)
    for entity in entities:
        grouped[entity.type].append(entity)
    return grouped
