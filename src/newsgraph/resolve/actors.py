"""Who an unknown actor is, from the actor knowledge base (lexicon/actor_kb.py).

Runs after the text and the gazetteer had their say, and only fills what they left open:
- a person or organisation with no gazetteer entry is looked up by its full name;
- the text wins: a country the text gave (a title, a demonym, "Nigeria's") is kept, and a record
  of another country is not used;
- a name that several records of different countries share ("Labour Party") is resolved only
  when exactly one of those countries is named in the same document, else left alone; so is
  a name a hand-written gazetteer entry of another country holds as an ambiguous alias
  ("Republicans": the US party's, and a French party's full name in the knowledge base);
- the record's post held on the publication date becomes a role (without evidence, like the
  gazetteer's), its sector the entity's `sector` attribute, its id the `actor_kb` attribute.

Precision first: a person needs a name of two words or more, and abbreviations count only
where the document names the abbreviation's country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import Protocol

from newsgraph.coding import SHARED_READING
from newsgraph.lexicon.actor_kb import ActorKB, ActorRecord, Match, without_legal_form
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.lexicon.gazetteer import Entry, Gazetteer
from newsgraph.models import Attribute, Entity, EntityType, Role
from newsgraph.resolve.clusters import named_as_alias
from newsgraph.resolve.countries import document_countries

_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
# an acronym: three characters or more, capitals first and at least one more ("BJP", "AfD",
# "PML-N", "ZANU-PF")
_ACRONYM = re.compile(r"[A-Z][A-Za-z-]*[A-Z][A-Za-z-]*")
# a party's name another country's party shares is its own when it won this share of the vote
# or more, and this many times the share of every namesake
_LEADING_SHARE, _LEADING_RATIO = 10.0, 4.0
_KB_TYPES = {
    EntityType.PERSON: "person",
    EntityType.ORGANIZATION: "organization",
    EntityType.GROUP: "organization",
}


def with_actor_knowledge(
    entities: Sequence[Entity],
    kb: ActorKB,
    published: str | None,
    text: str = "",
    gazetteer: Gazetteer | None = None,
) -> list[Entity]:
    """The entities, the unknown ones completed from the knowledge base where it is sure.
    `text` (the document's) lets a one-word name be looked up with the capitalised word
    before it, which NER often leaves out ("Pope Francis", "Sultan Qaboos"). `gazetteer`'s
    ambiguous aliases are rivals of the knowledge base's records of the same name."""
    named = document_countries(entities)
    entities = [_actor_read_as_place(e, kb, published) for e in entities]
    return [_completed(e, kb, published, named, text, gazetteer) for e in entities]


def _rivals(gazetteer: Gazetteer | None, name: str) -> list[Entry]:
    """The hand-written entries that hold the name as an ambiguous alias."""
    if gazetteer is None:
        return []
    return [entry for entry, _kind, ambiguous in gazetteer.lookup(name) if ambiguous]


def _actor_read_as_place(entity: Entity, kb: ActorKB, published: str | None) -> Entity:
    """A "place" of two words or more that no gazetteer or place list knows, whose whole name
    is a person's or a body's name (or another full form of it) in the knowledge base, is that
    actor: the small model's NER reads some names as places ("Tom Tancredo", "Observatoire de
    Paris")."""
    if entity.type != EntityType.PLACE or entity.known or entity.country is not None:
        return entity
    if len(entity.name.split()) < 2:
        return entity
    kind = known_type(kb, entity.name, published)
    return entity if kind is None else replace(entity, type=kind)


def known_type(kb: ActorKB, name: str, published: str | None) -> EntityType | None:
    """The kind of actor the knowledge base knows `name` as the whole name or another full
    form of ("Fidesz" of "Fidesz – Hungarian Civic Alliance"), when every plausible record so
    named is of one kind."""
    kinds = {m.record.type for m in kb.lookup(name, on=published)
             if m.via != "abbreviation" and m.record.plausible_on(published)}  # fmt: skip
    if len(kinds) != 1:
        return None
    return EntityType.PERSON if kinds == {"person"} else EntityType.ORGANIZATION


def _completed(
    entity: Entity,
    kb: ActorKB,
    published: str | None,
    named: set[str],
    text: str,
    gazetteer: Gazetteer | None,
) -> Entity:
    if entity.type not in _KB_TYPES:
        return entity
    if entity.known:
        return _linked(entity, kb, published)
    found = _best(entity, kb, published, named, text, _titled_names(entity, text), gazetteer)
    if not found:
        # who it is may be unsure while what it is is not: "Sinn Féin" is a party of two
        # countries in the knowledge base, and a party either way, never the person NER says
        kind = known_type(kb, entity.name, published)
        entity = replace(entity, type=kind) if kind is not None else entity
        rivals = _rivals(gazetteer, entity.name)
        sector = _shared_sector(entity.name, rivals, kb, published)
        if sector is not None:
            shared = (Attribute("sector", sector), Attribute("sector_source", SHARED_READING))
            entity = replace(entity, attributes=(*entity.attributes, *shared))
        return _outlet_of_a_shared_name(entity, rivals)
    record = found[0].record
    if len({m.record.id for m in found}) > 1:
        # namesakes of one country: the country is sure, who it is is not
        return replace(entity, country=entity.country or record.country)
    etype = EntityType.ORGANIZATION if record.type == "organization" else EntityType.PERSON
    if etype == EntityType.ORGANIZATION and entity.type == EntityType.GROUP:
        etype = EntityType.GROUP  # a party NER calls a group stays one
    attributes = [Attribute("actor_kb", record.id)]
    sector = record.sector_on(published)
    if sector:
        attributes.append(Attribute("sector", sector))
    if record.wikidata:
        attributes.append(Attribute("wikidata", record.wikidata))
    roles = former_posts(entity.roles, record.positions, published)
    held = record.position_on(published)
    stated = {r.title.lower() for r in roles}
    if held is not None and etype == EntityType.PERSON and held.title.lower() not in stated:
        roles.append(Role(title=held.title, organization=held.organization,
                          country=held.country, start=held.start, end=held.end))  # fmt: skip
    return replace(entity, type=etype, country=entity.country or record.country,
                   roles=tuple(roles),
                   attributes=entity.attributes + tuple(attributes))  # fmt: skip


def _outlet_of_a_shared_name(entity: Entity, rivals: Sequence[Entry]) -> Entity:
    """An organisation named by a name that only news outlets of the hand-written lists share
    as an ambiguous form ("ABC": the Australian and the American broadcaster) is an outlet,
    whichever it is, and of their country if they share one ("Slate"). `rivals`: the
    hand-written entries that hold the name as an ambiguous form (`_rivals`)."""
    if entity.type != EntityType.ORGANIZATION or not rivals:
        return entity
    if any(e.type != EntityType.MEDIA for e in rivals):
        return entity
    countries = {e.country for e in rivals}
    country = entity.country or (countries.pop() if len(countries) == 1 else None)
    return replace(entity, type=EntityType.MEDIA, country=country)


def _linked(entity: Entity, kb: ActorKB, published: str | None) -> Entity:
    """A hand-written gazetteer's actor keeps its own country, sector and posts, and gains the
    knowledge base's id and Wikidata id when one record of its kind and country has its name:
    the dossier links the Wikidata item of "Paul Kagame" whichever list knows him."""
    if entity.country is None or any(a.key == "actor_kb" for a in entity.attributes):
        return entity
    wanted = _KB_TYPES[entity.type]
    records = {
        m.record.id: m.record
        for m in kb.lookup(entity.name, on=published)
        if m.via != "abbreviation"
        and m.record.type == wanted
        and m.record.country == entity.country
        and m.record.plausible_on(published)
    }
    if len(records) != 1:
        return entity
    (record,) = records.values()
    linked = [Attribute("actor_kb", record.id)]
    if record.wikidata:
        linked.append(Attribute("wikidata", record.wikidata))
    return replace(entity, attributes=entity.attributes + tuple(linked),
                   roles=_with_post_held_then(entity, record, published))  # fmt: skip


def _with_post_held_then(
    entity: Entity, record: ActorRecord, published: str | None
) -> tuple[Role, ...]:
    """A listed person's roles, and the post the knowledge base says they held on the
    publication date when neither the text nor the hand-written list gives one held then: the
    list knows Kamala Harris as Vice President from 2021, the knowledge base as a senator in
    2020."""
    held = record.position_on(published) if entity.type == EntityType.PERSON else None
    if held is None or any(r.qualifier is None and _current(r, published) for r in entity.roles):
        return entity.roles
    return (*entity.roles, Role(title=held.title, organization=held.organization,
                                country=held.country, start=held.start, end=held.end))  # fmt: skip


def _current(role: Role, published: str | None) -> bool:
    """Whether a role may be held on the publication date (a role without dates may)."""
    return published is None or held_on(role, published)


class Post(Protocol):
    """A post a list dates: a gazetteer entry's role or a knowledge-base position."""

    @property
    def title(self) -> str: ...
    @property
    def start(self) -> str | None: ...
    @property
    def end(self) -> str | None: ...


def held_on(post: Post, published: str) -> bool:
    """Whether a dated post was held on the publication date (dates of any precision)."""
    began = post.start is None or post.start <= published
    return began and (post.end is None or post.end >= published[: len(post.end)])


def former_posts(roles: Sequence[Role], posts: Iterable[Post], published: str | None) -> list[Role]:
    """The titles the text gives a known person, a post the lists say they left before
    publication (and hold no other post of that title) marked former with its dates:
    "President Barack Obama" in a 2020 story names the post he held until 2017, as "former
    President" would, not one he holds."""
    posts = list(posts)
    if published is None or not posts:
        return list(roles)
    held = {p.title.lower() for p in posts if held_on(p, published)}
    ended = {p.title.lower(): p for p in posts
             if p.end is not None and p.end < published[: len(p.end)]}  # fmt: skip
    return [
        replace(role, qualifier="former", start=past.start, end=past.end)
        if role.qualifier is None
        and role.title.lower() not in held
        and (past := ended.get(role.title.lower())) is not None
        else role
        for role in roles
    ]


def _shared_sector(
    name: str, entries: Sequence[Entry], kb: ActorKB, published: str | None
) -> str | None:
    """The sector every reading of a name the hand-written `entries` hold as an ambiguous
    alias shares: "Republicans" is the US party or a French one, a party (PTY) either way."""
    if not entries:
        return None
    kinds = _kind_codes()
    sectors = {kinds.get(str(dict(e.attributes).get("kind", "")).lower()) for e in entries}
    sectors |= {m.record.sector_on(published) for m in kb.lookup(name, on=published)
                if m.via != "abbreviation" and m.record.plausible_on(published)}  # fmt: skip
    return sectors.pop() if len(sectors) == 1 and None not in sectors else None


def _best(
    entity: Entity,
    kb: ActorKB,
    published: str | None,
    named: set[str],
    text: str,
    extra: Sequence[str],
    gazetteer: Gazetteer | None,
) -> list[Match]:
    """The matches of the first of the entity's names (then of `extra` ones) that resolves to
    one country, the one that holds a post on the publication date alone when there is one."""
    for name in [*_names(entity, text), *extra]:
        matches = [m for m in kb.lookup(name, on=published) if m.record.plausible_on(published)]
        matches = _of_type(entity, matches, name)
        if entity.country:
            matches = [m for m in matches if m.record.country == entity.country]
        if _shared_short_form(entity, matches):
            continue
        chosen = (
            _unambiguous(matches, named)
            or _sole_holder(matches, published, named)
            or _leading_party(matches, named)
            or _distinct_acronym(matches, name)
        )
        rival = {e.country for e in _rivals(gazetteer, name) if e.country}
        rival -= {m.record.country for m in chosen}
        if rival and (rival & named or not {m.record.country for m in chosen} & named):
            return []  # a hand-written entry of another country holds the name too
        if chosen and _foreign_namesake(entity, chosen, published, named):
            return []
        if chosen:
            holding = [m for m in chosen if m.record.position_on(published) is not None]
            return holding if len(holding) == 1 else chosen
    return []


def _shared_short_form(entity: Entity, matches: list[Match]) -> bool:
    """Whether the name is only a short form several people's full names share: "Maria
    Gonzalez" is María Luisa Albores González of Mexico and two Cuban ministers, and most
    likely none of them (a common given name and surname name many people the lists lack)."""
    return (
        entity.type == EntityType.PERSON
        and all(m.via == "alias" for m in matches)
        and len({m.record.id for m in matches}) > 1
    )


def _distinct_acronym(matches: list[Match], name: str) -> list[Match]:
    """An acronym of four letters or more written in capitals that one record alone holds
    ("FEMA", "NTSB", "PSOE"): long enough to name one body, where "PP" or "MDC" need the
    story to name their country. A major party's acronym of three letters or written in
    mixed case ("BJP", "AfD", "PML-N") counts too, when no other record holds it: news names
    a party that large by its acronym alone, and the name reached NER as a name."""
    if len(matches) != 1 or matches[0].via != "abbreviation":
        return []
    if len(name) >= 4 and name.isalpha() and name.isupper():
        return matches
    record = matches[0].record
    major = "PTY" in record.sectors and (record.vote_share or 0.0) >= _LEADING_SHARE
    return matches if major and _ACRONYM.fullmatch(name) else []


def _sole_holder(matches: list[Match], published: str | None, named: set[str]) -> list[Match]:
    """Of namesakes of several countries, none of which the story names, the one person who
    holds a post on the publication date when each other is known to hold none then (POLECAT's
    "as of the article's date"): "Salva Kiir" is Sudan's vice president in a record that ends
    in 2011 and South Sudan's president in another."""
    spelled = [m for m in matches if m.via != "abbreviation" and m.record.type == "person"]
    if published is None or len(spelled) < 2 or {m.record.country for m in spelled} & named:
        return []
    holding = [m for m in spelled if m.record.position_on(published) is not None]
    others = [m for m in spelled if m not in holding]
    if len({m.record.id for m in holding}) != 1:
        return []
    return holding if all(m.record.out_of_office_on(published) for m in others) else []


def _leading_party(matches: list[Match], named: set[str]) -> list[Match]:
    """Of parties of several countries that share a name, none of which the story names, the
    one that won a large share of its country's vote where each other won a small fraction of
    that: "Law and Justice" is Poland's (32% of the vote) before Slovakia's (2%). Parties as
    well known as each other ("Justice and Development Party": Turkey's and Morocco's) stay
    unresolved."""
    spelled = [m for m in matches if m.via != "abbreviation"]
    if len(spelled) < 2 or {m.record.country for m in spelled} & named:
        return []
    if not all("PTY" in m.record.sectors and m.record.vote_share is not None for m in spelled):
        return []  # a party of unknown size, or a namesake of another kind, may be the one meant
    share: dict[str | None, float] = {}
    for m in spelled:
        share[m.record.country] = max(share.get(m.record.country, 0.0), m.record.vote_share or 0.0)
    if len(share) < 2:
        return []
    (leader, best), (_, runner_up) = sorted(share.items(), key=lambda kv: -kv[1])[:2]
    if best < _LEADING_SHARE or best < _LEADING_RATIO * runner_up:
        return []
    return [m for m in spelled if m.record.country == leader]


def _foreign_namesake(
    entity: Entity, chosen: list[Match], published: str | None, named: set[str]
) -> bool:
    """Whether the people found are more likely namesakes than the person the story means:
    each is known to hold no post on its date (every post dated, none held then), and their
    country is not one the story names (a Liberian minister of 2005 called George Wallace, in
    an American story of 2020). A story that names no country, and a post without dates, give
    no such evidence."""
    if entity.type != EntityType.PERSON or not named or published is None:
        return False
    if any(m.record.country in named for m in chosen):
        return False
    return all(m.record.out_of_office_on(published) for m in chosen)


def _names(entity: Entity, text: str = "") -> list[str]:
    """The entity's name, then its other written forms, longest first; for a person, then
    the last two or three words of a longer name, which the parser often runs together with
    a title or place before it ("Taoiseach Leo Varadkar", "Vermont Bernie Sanders"). A
    person's nickname is no name to look up: 'Luis Edgar Devia, alias "Raul Reyes"' is no
    Peruvian minister Raúl Pérez Reyes."""
    forms = sorted({entity.name, *entity.aliases}, key=lambda n: (-len(n.split()), -len(n)))
    if entity.type == EntityType.PERSON:
        nicknames = {m.text for m in entity.mentions if named_as_alias(text, m.start)}
        forms = [f for f in forms if f == entity.name or f not in nicknames]
        forms = [f for f in forms if len(f.split()) >= 2]
        tails = [" ".join(f.split()[-n:]) for f in forms for n in (3, 2) if len(f.split()) > n]
        forms += [t for t in dict.fromkeys(tails) if t not in forms]
    else:
        bare = [without_legal_form(f, keep=2) for f in forms]
        forms += [b for b in dict.fromkeys(bare) if b and b not in forms]
    return [f.removeprefix("the ").removeprefix("The ") for f in forms]


def _titled_names(entity: Entity, text: str) -> list[str]:
    """A one-word person's name with the capitalised word right before a mention of it:
    "Pope Francis" for "Francis". Only whole names of the knowledge base match, so a word
    that merely opens the sentence ("Yesterday Francis") finds nothing. NER often calls such
    a name an organisation once its title is cut off ("Sheikh Hasina": "Hasina")."""
    kinds = (EntityType.PERSON, EntityType.ORGANIZATION)
    if entity.type not in kinds or len(entity.name.split()) != 1 or not text:
        return []
    found = []
    for mention in entity.mentions:
        word = _WORD_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        if word:
            found.append(f"{word.group(1)} {mention.text}")
    return list(dict.fromkeys(found))


@cache
def _kind_codes() -> dict[str, str]:
    """The agent each kind of body is coded as ("political party": PTY), read once: finding
    the lexicon's files stats each of them."""
    return load_lexicon().actor_codes.kinds


def _of_type(entity: Entity, matches: list[Match], name: str) -> list[Match]:
    """Records of the entity's kind. A name the parser typed wrong takes the other kind when
    it is exactly that record's name or another full form of it, of two words or more: a
    "person" Sinn Féin is the party, an "organisation" Hage Geingob the person."""
    wanted = _KB_TYPES[entity.type]
    same = [m for m in matches if m.record.type == wanted]
    if same:
        return same
    return [m for m in matches if m.via in ("name", "alias") and len(name.split()) >= 2]


def _unambiguous(matches: list[Match], named: set[str]) -> list[Match]:
    """The matches when all agree on the country, or those of the one country the document
    names among theirs; abbreviations only in the latter case."""
    spelled = [m for m in matches if m.via != "abbreviation"]
    countries = {m.record.country for m in spelled}
    if len(countries) == 1 and None not in countries:
        return spelled
    local = [m for m in matches if m.record.country in named]
    if len({m.record.country for m in local}) == 1:
        return local
    return []
