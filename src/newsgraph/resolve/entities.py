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
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc

from newsgraph.annotate.entities import Candidate
from newsgraph.annotate.roles import EntityLookup, find_age, find_roles, resolve_role
from newsgraph.folding import fold
from newsgraph.lexicon.actor_kb import ActorKB
from newsgraph.lexicon.compiled import Titles, load_lexicon
from newsgraph.lexicon.gazetteer import Entry, Gazetteer, person_slug, slug
from newsgraph.lexicon.places import (
    find_place,
    is_us_state,
    subdivision_country,
    subdivision_index,
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
from newsgraph.resolve.countries import (
    with_affiliated_countries,
    with_home_country,
    with_stated_countries,
)
from newsgraph.resolve.parents import with_parent_countries

_DESCRIBABLE = {EntityType.PERSON, EntityType.GROUP, EntityType.ORGANIZATION}


@dataclass(slots=True)
class _Cluster:
    key: str
    entry: Entry | None
    candidates: list[Candidate] = field(default_factory=list)
    kinds: list[MentionKind] = field(default_factory=list)
    descriptor_of: str | None = None  # cluster key of the person a "regime" is named after


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
    clusters = _cluster(candidates, context.text, given_names)
    entities = [_entity(c, clusters, gazetteer, given_names) for c in clusters.values()]
    entities = with_acronyms(entities)
    entities = _with_roles(entities, context, gazetteer, titles)
    entities = with_stated_countries(entities, context.text, gazetteer)
    if actors is not None:
        entities = with_actor_knowledge(
            entities, actors, context.published, context.text, gazetteer
        )
    entities = with_parent_countries(entities, actors, gazetteer, context.published)
    if context.doc is not None:
        entities = with_affiliated_countries(entities, context.doc)
    entities = with_home_country(entities)
    return tuple(sorted(entities, key=lambda e: e.mentions[0].start))


def _cluster(
    candidates: Sequence[Candidate], text: str, given_names: Mapping[str, str]
) -> dict[str, _Cluster]:
    clusters: dict[str, _Cluster] = {}
    people = _person_index(candidates, given_names)
    redirect: dict[str, str] = {}
    previous: tuple[Candidate, str] | None = None
    for cand in candidates:
        key, entry = _key(cand, people, given_names)
        key = redirect.get(key, key)
        if (
            previous is not None
            and _parenthetical_alias(text, previous[0], cand)
            and key != previous[1]
        ):
            # "S-300VM (Antey-2500)", "Bolivarian National Armed Forces (FANB)": one actor
            key = _merge(clusters, redirect, previous[1], key, entry)
            entry = clusters[key].entry if key in clusters else entry
        cluster = clusters.setdefault(key, _Cluster(key, entry))
        previous = (cand, key)
        descriptor = _descriptor(cand, text, key)
        if descriptor is not None:
            d_cand, d_key = descriptor
            d_cluster = clusters.setdefault(d_key, _Cluster(d_key, None, descriptor_of=key))
            d_cluster.candidates.append(d_cand)
            d_cluster.kinds.append(MentionKind.DESCRIPTOR)
            if not cluster.candidates:
                del clusters[key]
            continue
        cluster.candidates.append(cand)
        cluster.kinds.append(cand.kind)
    return clusters


def _merge(
    clusters: dict[str, _Cluster],
    redirect: dict[str, str],
    first: str,
    second: str,
    entry: Entry | None,
) -> str:
    """Join the clusters of two names for one actor; a known entry's cluster absorbs the other
    when the other's name is part of the entry's ("Independent National Electoral Commission
    (INEC)": Nigeria's; "Electronic Frontier Foundation (EFF)" is no South African party)."""
    first_cluster = clusters.get(first)
    if (
        entry is not None
        and (first_cluster is None or first_cluster.entry is None)
        and (first_cluster is None or _within_entry(first_cluster, entry))
    ):
        target, source = second, first
    else:
        target, source = first, second
    redirect[source] = target
    moved = clusters.pop(source, None)
    if moved is not None:
        # the name being read is not clustered yet: its cluster starts with its known entry
        known = entry if target == second else moved.entry
        into = clusters.setdefault(target, _Cluster(target, known or moved.entry))
        into.candidates.extend(moved.candidates)
        into.kinds.extend(moved.kinds)
    return target


def _within_entry(cluster: _Cluster, entry: Entry) -> bool:
    """Whether the cluster's first name is, or is inside, one of the entry's names."""
    if not cluster.candidates:
        return False
    name = fold(cluster.candidates[0].text).lower().removeprefix("the ")
    return any(name in fold(form).lower() for form in (entry.name, *entry.aliases))


def _parenthetical_alias(text: str, first: Candidate, second: Candidate) -> bool:
    return (
        text[first.end : second.start] in {" (", "("}
        and text[second.end : second.end + 1] == ")"
        and first.type == second.type
    )


def _person_index(
    candidates: Sequence[Candidate], given_names: Mapping[str, str]
) -> dict[str, str]:
    """Folded full names and surnames of the people a document names -> their cluster key."""
    index: dict[str, str] = {}
    people = [c for c in candidates if c.type == EntityType.PERSON and c.kind == MentionKind.NAME]
    # full names first, so that a surname resolves to the person named in full
    for cand in sorted(people, key=lambda c: -len(c.text.split())):
        key = _person_key(cand, given_names)
        words = cand.text.split()
        if len(words) < 2:
            continue  # single names are indexed last, after surnames and first names
        index.setdefault(fold(cand.text), key)
        index.setdefault(fold(words[-1]), key)
        if (surname := _particled_surname(words)) is not None:
            index.setdefault(fold(surname), key)  # "La Riva" of "Gloria La Riva"
    # a first name alone ("Brenton") names the one person of the document who bears it
    first_names = Counter(
        (fold(c.text.split()[0]), _person_key(c, given_names))
        for c in people
        if len(c.text.split()) >= 2
    )
    bearers = Counter(name for name, _ in first_names)
    for (name, key), _count in first_names.items():
        if bearers[name] == 1:
            index.setdefault(name, key)
    for cand in people:
        index.setdefault(fold(cand.text), _person_key(cand, given_names))
    return index


def _particled_surname(words: Sequence[str]) -> str | None:
    """The surname that opens with a particle after the first name: "De La Fuente" of "Rocky
    De La Fuente", "von der Leyen" of "Ursula von der Leyen" (word lists: name_particles)."""
    particles = _name_particles()
    for i in range(1, len(words) - 1):
        if words[i].lower() in particles:
            return " ".join(words[i:])
    return None


@cache
def _name_particles() -> frozenset[str]:
    """Read once: finding the lexicon's files costs a stat of each on every call."""
    return load_lexicon().words.get("name_particles", frozenset())


def _person_key(cand: Candidate, given_names: Mapping[str, str]) -> str:
    if cand.entry:
        return f"known:{cand.entry.id}"
    return f"person:{person_slug(cand.text, given_names)}"


def _key(
    cand: Candidate, people: dict[str, str], given_names: Mapping[str, str]
) -> tuple[str, Entry | None]:
    if cand.entry is not None:
        return f"known:{cand.entry.id}", cand.entry
    person = people.get(fold(cand.text))
    if person is not None and cand.source in {"ner", "pattern"}:
        return person, None
    if cand.type == EntityType.PERSON:
        return f"person:{person_slug(cand.text, given_names)}", None
    return f"{cand.type.value}:{slug(cand.text)}", None


def _descriptor(cand: Candidate, text: str, key: str) -> tuple[Candidate, str] | None:
    """ "Maduro regime", "the Assad government": an organisation named after its leader;
    "the Lagos State government", "Kano State Police": one named after the place it governs."""
    if cand.type == EntityType.PLACE:
        match = _place_body_pattern().match(text[cand.end : cand.end + 30])
        name = f"{cand.text} {match.group('word')}" if match else ""
    elif cand.type in _DESCRIBABLE or key.startswith("known:person"):
        match = _descriptor_pattern().match(text[cand.end : cand.end + 20])
        name = f"{cand.text.split()[-1]} {match.group('word')}" if match else ""
    else:
        return None
    if match is None:
        return None
    end = cand.end + match.end()
    described = replace(cand, end=end, text=text[cand.start : end], type=EntityType.ORGANIZATION,
                        kind=MentionKind.DESCRIPTOR, entry=None)  # fmt: skip
    return described, f"organization:{slug(name)}"


@cache
def _place_body_pattern() -> re.Pattern[str]:
    """A body's word after a place's name, maybe after a word for its level ("provincial")."""
    words = load_lexicon().words
    bodies = "|".join(sorted(words["place_bodies"]))
    levels = "|".join(sorted(words["place_body_qualifiers"]))
    return re.compile(rf"^[\s-]+(?:(?:{levels})\s+)?(?P<word>{bodies})\b", re.IGNORECASE)


@cache
def _descriptor_pattern() -> re.Pattern[str]:
    """A body word right after a name ("Maduro regime"): the word lists' `leader_bodies`."""
    words = "|".join(sorted(load_lexicon().words["leader_bodies"]))
    return re.compile(rf"^[\s-]+(?P<word>{words})\b")


def _entity(
    cluster: _Cluster,
    clusters: dict[str, _Cluster],
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
        country = None if whole_place else _country_from_words(name, gazetteer)
        if country is None and etype == EntityType.ORGANIZATION:
            country = _country_of_place_in(name, gazetteer)
        attributes = []
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
    """The type most of the mentions have; but a person's where the surname joined a person
    named in full (the small model reads a surname alone as an organisation: "Kyle
    Rittenhouse ... Rittenhouse's release"), and a place only where some mention names a place
    the index knows, when other mentions give another type: the small model reads a surname
    again and again as a place ("Don Blankenship ... Blankenship said")."""
    if named_in_full and _surnames_of_a_person(candidates):
        return EntityType.PERSON
    votes = Counter(c.type for c in candidates)
    etype = votes.most_common(1)[0][0]
    if etype != EntityType.PLACE or len(votes) == 1:
        return etype
    if any(find_place(c.text) is not None for c in candidates if c.type == EntityType.PLACE):
        return etype
    del votes[EntityType.PLACE]
    return votes.most_common(1)[0][0]


def _surnames_of_a_person(candidates: Sequence[Candidate]) -> bool:
    """Whether the mentions are a person's full name and, besides, only its surname (not a
    first name that is also a place: "Montana Native Vote ... Montana")."""
    full = [c.text.split() for c in candidates if c.type == EntityType.PERSON and " " in c.text]
    surnames = {w[-1] for w in full} | {s for w in full if (s := _particled_surname(w))}
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


def _cluster_id(cluster: _Cluster) -> str:
    if cluster.entry is not None:
        return cluster.entry.id
    return cluster.key


def _best_name(cluster: _Cluster, etype: EntityType, clusters: dict[str, _Cluster]) -> str:
    names = [c.text for c in sorted(cluster.candidates, key=lambda c: c.start)]
    if cluster.descriptor_of is not None:
        word = names[0].split()[-1].lower()
        leader = clusters.get(cluster.descriptor_of)
        if leader and leader.entry and leader.entry.type == EntityType.PLACE:
            return f"{leader.entry.name} {word}"  # "Lagos State government"
        if leader and leader.entry:
            return f"{leader.entry.name.split()[-1]} {word}"
        # no known leader: the words as written ("Uttar Pradesh government", not "Uttar")
        return re.sub(r"^(?:the|The)\s+", "", names[0])
    # a person is named in full; anything else as first introduced ("S-300VM (Antey-2500)")
    best = (
        max(names, key=lambda n: (len(n.split()), len(n)))
        if etype == EntityType.PERSON
        else names[0]
    )
    return re.sub(r"^(?:the|The)\s+", "", best)


def _is_thoroughfare(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in _thoroughfares()


@cache  # load_lexicon() stats every lexicon file: once per process, not per place
def _thoroughfares() -> frozenset[str]:
    return load_lexicon().words.get("thoroughfares", frozenset())


def _country_from_words(name: str, gazetteer: Gazetteer) -> str | None:
    """ "Russian Land Forces" -> RUS: a state's name or demonym among the words of a name."""
    words = name.split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            for entry, kind, ambiguous in gazetteer.lookup(" ".join(words[i : i + size])):
                if entry.type != EntityType.STATE or ambiguous or kind == "capital":
                    continue
                # a demonym opens a name it qualifies ("Russian Land Forces"); inside one it
                # is part of another name ("Latin American")
                if kind == MentionKind.DEMONYM.value and i > 0:
                    continue
                return entry.country
    return None


# an organisation named after a town of this size or more is that town's ("Lagos State
# government", "Thames Valley Police" is not: no town); smaller towns share names too often
_TOWN_FOR_ORGANISATION = 100_000
# a city this large is meant before a province of its name abroad ("Santiago Police")
_CITY_OVER_PROVINCE = 1_000_000


def _country_of_place_in(name: str, gazetteer: Gazetteer) -> str | None:
    """ "the Lagos State government" -> NGA, "Tigray People's Liberation Front" -> ETH: the
    country of a large town, a listed region or a US state that opens an organisation's name,
    or of a US state or a large town that ends it after "of" ("University of Texas",
    "University of Montreal")."""
    words = name.removeprefix("the ").removeprefix("The ").split()
    for size in (2, 1):
        if len(words) <= size:
            continue
        opening = " ".join(words[:size])
        for entry, kind, ambiguous in gazetteer.lookup(opening):
            if (
                entry.type == EntityType.PLACE
                and entry.country
                and kind == "name"
                and not ambiguous
            ):
                return entry.country
        place = find_place(opening)
        governed = _governed_by(opening, words[size], gazetteer)
        if governed is not None and (place is None or place.population < _CITY_OVER_PROVINCE):
            return governed  # "Kent Police": the English county's, not Kent, Washington's
        if place is not None and (
            place.population >= _TOWN_FOR_ORGANISATION or _us_state(opening, gazetteer)
        ):
            return place.country
    # "University of Texas", "Supreme Court of Ohio": a US state ends the name; "University of
    # Montreal", "Archdiocese of Manila": a large town does
    of = name.rsplit(" of ", 1)
    if len(of) == 2 and _us_state(of[1].strip(), gazetteer):
        return "USA"
    town = find_place(of[1].strip()) if len(of) == 2 else None
    if town is not None and town.population >= _TOWN_FOR_ORGANISATION:
        return town.country
    return None


def _governed_by(opening: str, following: str, gazetteer: Gazetteer) -> str | None:
    """The country of a state, province or county that opens a body's name when the next word
    says the body is its own (`subnational_bodies`: "Hampshire Police", "Ontario Provincial
    Police", "Queensland Government"); "Tata Institute" or "Delta Party" are no Moroccan
    province's or Nigerian state's. A name that names a country too ("Georgia") is left."""
    if following.lower() not in _subnational_bodies() or _names_a_state(opening, gazetteer):
        return None
    return subdivision_index().get(opening)


@cache
def _subnational_bodies() -> frozenset[str]:
    return load_lexicon().words["subnational_bodies"]


def _us_state(name: str, gazetteer: Gazetteer) -> bool:
    """A US state's name that names no country too ("Georgia" does: "Bank of Georgia")."""
    return is_us_state(name) and not _names_a_state(name, gazetteer)


def _names_a_state(name: str, gazetteer: Gazetteer) -> bool:
    return any(entry.type == EntityType.STATE for entry, _, _ in gazetteer.lookup(name))


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
