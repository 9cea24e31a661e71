"""Countries of actors the text does not name with one, in two steps, the text first.

1. Stated by the name: a demonym ("German activist Carlotta Weibl"), a possessive ("Nigeria's
   Defence Ministry") or a place the actor is based in ("UK-based retailer Tesco"), with at
   most two lowercase words between; or in an apposition right after it ("Vessel Tracker, a
   German firm", "Milltech Marine, a Seattle-based company") (`with_stated_countries`, before
   the actor knowledge base is consulted).
   A body named only by a town is that town's country's: "Caloundra defeated Wynnum" (sports
   clubs), unless the name is also a word for a kind of body ("University", a Florida town).
   Between the two, the actors the text ties an actor to lend their countries
   (`resolve/tied_countries.py`: affiliation, possessors, kin).
2. The country the document is about (`with_home_country`, last of all). A local news story
   names people and bodies without saying where they are from: "the B.C. Coroners Service",
   "Senate", "Republican", a county sheriff. A reader takes them to be of the country the
   story is about; so does this step, only where the document is about one country and
   neither the text, the gazetteer nor the actor knowledge base gave another. Each such
   entity says so: its `country_basis` attribute is "document", so a user who wants only
   stated or looked-up countries can drop them (docs/evaluation.md has how often they are
   right on newsgraph-gold).

>>> home_country([state_usa, state_usa_again, person_no_country])  # doctest: +SKIP
'USA'
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.lexicon.gazetteer import Gazetteer
from newsgraph.lexicon.places import find_place, is_us_state, subdivision_country, subdivision_index
from newsgraph.models import (
    COUNTRY_BASIS,
    Attribute,
    CountryBasis,
    Entity,
    EntityType,
    Mention,
    MentionKind,
)

# the kinds of actor that belong to a country; places and weapons have their own resolution
_TAKES_HOME = frozenset({
    EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.MEDIA,
    EntityType.ARMED_FORCE,
})  # fmt: skip
# kinds of known actor whose country says nothing about where the story happens
_NOT_ABOUT = frozenset({EntityType.WEAPON, EntityType.MEDIA})
# kinds of actor a town's name may name (a club, a council), and the word lists of kinds of
# body, whose words are no town's name
_TOWN_NAMED = frozenset({EntityType.ORGANIZATION, EntityType.GROUP})
_KIND_OF_BODY_LISTS = ("body_words", "organisation_heads", "organisation_nouns", "business_nouns",
                    "media_words", "armed_force_words")  # fmt: skip
# places with a code but no people or institutions of their own to lend
_NO_HOME = frozenset({"ATA"})
# codes that say an actor has no country on purpose (an international body, a movement)
_COUNTRYLESS_CODES = frozenset({"IGO", "IMG"})
# between a demonym or a possessive and the name: up to two lowercase words that are not
# function words or past-tense verbs ("German climate activist X", not "Germany criticised X")
_GAP_WORDS = re.compile(r"\s+((?:[a-z][a-z-]*\s+){0,2})")
_POSSESSIVE = re.compile(r"['’]s")
_OWN_SURFACES = frozenset({"name", "demonym"})  # not a capital or a metonym
_OF_STATE = re.compile(r"\bof (?:the )?([A-Z][\w ]+)$")
_BASED = re.compile(r"-based")
# after a name, an apposition opening with an article: "Tesco, a British retailer"
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+((?:[a-z][a-z-]*\s+){0,2})")
# between a person's name and the state or place they are from: "of" or "from" right after
# the name; "from" after "both", "also" or a noun in apposition ("a runner from"; "a critic
# of China" says nothing of where its holder is from), the name's conjunct before "both"
_ORIGIN = re.compile(
    r"\s+(?:of|from)\s+(?:the\s+)?"
    r"|(?:\s+and\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)?,?\s+(?:both|all)\s+from\s+(?:the\s+)?"
    r"|,?\s+(?:also|originally)\s+from\s+(?:the\s+)?"
    r"|,\s+(?:a|an)\s+(?:[a-z][a-z-]*\s+){1,3}from\s+(?:the\s+)?"
)
# a place that only starts a longer name or says where something else is ("of Kenya's team",
# "from Chicago-based")
_NOT_ORIGIN_AFTER = re.compile(r"['’]s\b|-based|\s+[A-Z]")
# what follows the country in such an apposition: the noun it describes ("German firm"), or
# "-based" and that noun ("a Seattle-based company")
_DEMONYM_NOUN = re.compile(r"\s+[a-z]")
_BASED_NOUN = re.compile(r"-based\s+[a-z]")
_NOT_DESCRIPTIVE = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "for", "from", "with", "by", "in", "on",
    "at", "as", "than", "that", "who", "which", "said", "says", "say", "told", "tells", "is",
    "was", "are", "were", "has", "had", "have", "will", "would", "also", "not",
})  # fmt: skip


def with_stated_countries(
    entities: Sequence[Entity], text: str, gazetteer: Gazetteer | None = None
) -> list[Entity]:
    """The entities, those without a country given the one their name states ("Indonesian
    Navy", "Communist Party of China", with `gazetteer`) or a demonym or a possessive states
    right before one of their names."""
    states = sorted(
        (m.end, m, e.country)
        for e in entities
        if e.type == EntityType.STATE and e.country
        for m in e.mentions
    )
    ends = [end for end, _, _ in states]
    # a town or a region says where a body is based ("Seattle-based"), not whose it is
    places, starts = _placed_mentions(entities)
    out = []
    for entity in entities:
        if not unplaced(entity):
            out.append(entity)
            continue
        country = _state_in_name(entity, gazetteer) if gazetteer is not None else None
        country = country or _leader_in_name(entity, entities, gazetteer)
        country = country or _town_named(entity)
        country = country or next(
            (c for m in entity.mentions if (c := _stated(m, states, ends, text)) is not None), None
        )
        country = country or next(
            (c for m in entity.mentions if (c := _based_or_apposed(m, places, starts, text))),
            None,
        )
        out.append(replace(entity, country=country) if country else entity)
    return out


def _placed_mentions(
    entities: Sequence[Entity],
) -> tuple[list[tuple[int, Mention, str | None]], list[int]]:
    """The mentions of states and places that have a country, by start, and their starts."""
    places: list[tuple[int, Mention, str | None]] = sorted(
        (m.start, m, e.country)
        for e in entities
        if e.type in {EntityType.STATE, EntityType.PLACE} and e.country
        for m in e.mentions
    )
    return places, [start for start, _, _ in places]


def _based_or_apposed(
    mention: Mention,
    places: Sequence[tuple[int, Mention, str | None]],
    starts: list[int],
    text: str,
) -> str | None:
    """The country of a place the name is said to be based in ("UK-based retailer Tesco"), or
    of a demonym or a place in an apposition right after it ("Tesco, a British retailer",
    "Milltech Marine, a Seattle-based company")."""
    if mention.kind != MentionKind.NAME:
        return None
    i = bisect.bisect_left(starts, mention.start) - 1
    while i >= 0 and places[i][1].end > mention.start:
        i -= 1
    if i >= 0:
        _, place, country = places[i]
        gap = text[place.end : mention.start]
        based = _BASED.match(gap)
        if (
            based is not None
            and place.sentence == mention.sentence
            and _descriptive(gap[based.end() :])
        ):
            return country
    j = bisect.bisect_left(starts, mention.end)
    if j < len(places):
        _, place, country = places[j]
        opening = _APPOSITION.fullmatch(text[mention.end : place.start])
        after = _DEMONYM_NOUN if place.kind == MentionKind.DEMONYM else _BASED_NOUN
        if (
            place.sentence == mention.sentence
            and opening is not None
            and _plain(opening.group(1))
            and after.match(text, place.end) is not None
        ):
            return country
    return None


def with_origin_countries(entities: Sequence[Entity], text: str) -> list[Entity]:
    """People that the words before their name, the gazetteer and the actor knowledge base left
    without a country take that of the state or place the text says they are of or from. It
    runs after the knowledge base: "Doug Collins of Georgia" is of the US state, which the
    place list reads as the country."""
    places, starts = _placed_mentions(entities)
    out = []
    for entity in entities:
        country = None
        if entity.type == EntityType.PERSON and unplaced(entity):
            country = next(
                (c for m in entity.mentions if (c := _from_place(m, places, starts, text))), None
            )
        out.append(replace(entity, country=country) if country else entity)
    return out


def _from_place(
    mention: Mention,
    places: Sequence[tuple[int, Mention, str | None]],
    starts: list[int],
    text: str,
) -> str | None:
    """The country of the state or place a person's name is said to be from: "Brigid Kosgei
    of Kenya", "Ababel Yeshaneh and Gelete Burka, both from Ethiopia", "X, a runner from
    Canada". The parser often hangs such a phrase on the verb, so the words between are read."""
    if mention.kind != MentionKind.NAME:
        return None
    j = bisect.bisect_left(starts, mention.end)
    if j >= len(places):
        return None
    _, place, country = places[j]
    if (
        place.sentence != mention.sentence
        or place.kind == MentionKind.DEMONYM
        or _two_countries(place.text, country)
        or _ORIGIN.fullmatch(text[mention.end : place.start]) is None
        or _NOT_ORIGIN_AFTER.match(text, place.end) is not None
    ):
        return None
    return country


def _two_countries(name: str, country: str | None) -> bool:
    """Whether a place's name is also another country's state or province ("Senator X of
    Georgia" is more often from the US state than from the country)."""
    other = subdivision_index().get(name) or ("USA" if is_us_state(name) else None)
    return other is not None and other != country


def _descriptive(gap: str) -> bool:
    """Whether the words between a country and a name only describe the name: up to two
    lowercase words, no function word or past-tense verb ("German climate activist X", not
    "Germany criticised X")."""
    words = _GAP_WORDS.fullmatch(gap)
    return words is not None and _plain(words.group(1))


def _plain(words: str) -> bool:
    return not any(w in _NOT_DESCRIPTIVE or w.endswith("ed") for w in words.split())


def _state_in_name(entity: Entity, gazetteer: Gazetteer) -> str | None:
    """The country an organisation's name opens or ends with: "Indonesian Coast Guard",
    "Kenya Defence Forces", "Communist Party of China", "Amnesty International Argentina".
    Only a state's own name or demonym that names nothing else ("Georgia" does) counts."""
    if entity.type == EntityType.PERSON:
        return None
    words = entity.name.removeprefix("the ").removeprefix("The ").split()
    if len(words) < 2:
        return None
    spans = [" ".join(words[:2]), words[0], words[-1]]
    of = _OF_STATE.search(entity.name)
    if of is not None:
        spans.insert(0, of.group(1))
    for span in spans:
        for entry, kind, ambiguous in gazetteer.lookup(span):
            if (
                entry.type == EntityType.STATE
                and entry.country
                and not ambiguous
                and kind in _OWN_SURFACES
            ):
                return entry.country
    return None


def _town_named(entity: Entity) -> str | None:
    """The country of the town a body's whole name is: a club, a team or a council that news
    names by its town ("Caloundra defeated Wynnum 45 points to 24"). A name that is also a word
    for a kind of body (`_KIND_OF_BODY_LISTS`: "University", a town in Florida) is not a town's."""
    if entity.type not in _TOWN_NAMED:
        return None
    name = _bare(entity.name)
    if name.lower() in _body_words():
        return None
    place = find_place(name)
    return place.country if place is not None else None


def _bare(name: str) -> str:
    return name.removeprefix("the ").removeprefix("The ")


@cache
def _body_words() -> frozenset[str]:
    words = load_lexicon().words
    return frozenset().union(*(words.get(name, frozenset()) for name in _KIND_OF_BODY_LISTS))


def _leader_in_name(
    entity: Entity, entities: Sequence[Entity], gazetteer: Gazetteer | None
) -> str | None:
    """The country of the leader a government is named after: "the Trump administration",
    "the Maduro regime" (`leader_bodies` of the word lists). The leader is a person of the
    story whose name ends so, else the one person the gazetteer knows by that name."""
    if entity.type not in {EntityType.ORGANIZATION, EntityType.GROUP}:
        return None
    words = entity.name.removeprefix("the ").removeprefix("The ").split()
    if not 2 <= len(words) <= 4 or words[-1].lower() not in _leader_bodies():
        return None
    leader = " ".join(words[:-1])
    people = {
        e.country
        for e in entities
        if e.type == EntityType.PERSON
        and e.country
        and (e.name == leader or e.name.endswith(f" {leader}"))
    }
    if len(people) == 1:
        return people.pop()
    if people or gazetteer is None:
        return None
    known = {
        entry.country
        for entry, _kind, ambiguous in gazetteer.lookup(leader)
        if entry.type == EntityType.PERSON and not ambiguous
    }
    return known.pop() if len(known) == 1 and None not in known else None


@cache
def _leader_bodies() -> frozenset[str]:
    return load_lexicon().words["leader_bodies"]


def _stated(
    mention: Mention, states: Sequence[tuple[int, Mention, str | None]], ends: list[int], text: str
) -> str | None:
    if mention.kind != MentionKind.NAME:
        return None
    i = bisect.bisect_right(ends, mention.start) - 1
    if i < 0:
        return None
    _, state, country = states[i]
    if state.sentence != mention.sentence:
        return None
    gap = text[state.end : mention.start]
    if state.kind != MentionKind.DEMONYM:
        possessive = _POSSESSIVE.match(gap)
        if possessive is None:
            return None
        gap = gap[possessive.end() :]
    return country if _descriptive(gap) else None


def document_countries(entities: Iterable[Entity]) -> set[str]:
    """The countries a document is about: those of its states and known actors whose mentions
    number at least half of the most mentioned country's (a passing "Ireland" in an article on
    Austria does not make its "Greens" Irish)."""
    weight: Counter[str] = Counter()
    for e in entities:
        # a weapon's country is its maker's and an outlet's where it publishes, not what the
        # document is about ("Wikinews" or "The Jakarta Post" report on any country)
        if (
            e.country
            and (e.type == EntityType.STATE or e.known or _tells_where(e))
            and (e.type not in _NOT_ABOUT)
            and not _of_the_past(e)
        ):
            weight[e.country] += len(e.mentions)
    if not weight:
        return set()
    top = max(weight.values())
    return {country for country, n in weight.items() if 2 * n >= top}


def _of_the_past(entity: Entity) -> bool:
    """A person the lists say has died: "a Beethoven sonata" does not make a story German."""
    return entity.type == EntityType.PERSON and any(a.key == "died" for a in entity.attributes)


def _tells_where(entity: Entity) -> bool:
    """A state, province or county of one country ("Oxfordshire", "Queensland"), a town
    ("Wokingham") or a body named by its town ("Caloundra" the club): as telling of where the
    story is as a state."""
    if entity.type != EntityType.PLACE:
        return _town_named(entity) == entity.country
    if subdivision_country(entity.name) == entity.country:
        return True
    place = find_place(_bare(entity.name))
    return place is not None and entity.country == place.country


def home_country(entities: Iterable[Entity]) -> str | None:
    """The one country the document is about, or None when it is about none or several.
    (Requiring it to be named twice or more lost 38 right countries on gold train.)"""
    named = document_countries(entities) - _NO_HOME
    return next(iter(named)) if len(named) == 1 else None


def home_state(entities: Sequence[Entity]) -> str | None:
    """The id of the state entity of the document's home country, the one named most, or None
    (no home country, or the document never names its state)."""
    home = home_country(entities)
    states = [e for e in entities if e.type == EntityType.STATE and e.country == home]
    return max(states, key=lambda e: len(e.mentions)).id if home and states else None


def with_home_country(entities: Sequence[Entity]) -> list[Entity]:
    """The entities, those of a kind that belongs to a country and without one given the
    document's home country (marked `country_basis` "document")."""
    home = home_country(entities)
    if home is None:
        return list(entities)
    return [_homed(e, home) if _takes_home(e) else e for e in entities]


def unplaced(entity: Entity) -> bool:
    """An actor of a kind that belongs to a country, that neither a gazetteer entry nor
    anything before gave one."""
    return not entity.country and not entity.known and entity.type in _TAKES_HOME


def _takes_home(entity: Entity) -> bool:
    if not unplaced(entity):
        return False
    codes = {str(a.value) for a in entity.attributes if a.key in {"cameo", "agent", "sector"}}
    return not codes & _COUNTRYLESS_CODES


def _homed(entity: Entity, home: str) -> Entity:
    basis = Attribute(COUNTRY_BASIS, CountryBasis.DOCUMENT.value)
    return replace(entity, country=home, attributes=(*entity.attributes, basis))
