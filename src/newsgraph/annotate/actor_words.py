"""Actors and the words that name them: the `Actor` record, and what a noun phrase says.

`DocView` (annotate/frames.py) finds the actors an argument names by walking the parse. The
word lists it walks with (actor entity types, pronouns, generic heads like "officials",
facilities, munitions, documents) and the small tests on one noun or one path in the tree are
kept here, apart from the view, because they need no document index and the extractors use
some of them directly: `noun_keys` in the event grammar, `mention_spans` in the country and
alignment models, `ids` and `agent` on the sides the view returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.models import Agent, Entity, EntityType

ACTOR_TYPES = {
    EntityType.PERSON, EntityType.STATE, EntityType.ORGANIZATION, EntityType.ARMED_FORCE,
    EntityType.MEDIA, EntityType.GROUP,
}  # fmt: skip
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_GROUP_PRONOUNS = {"it", "they", "them", "its", "their", "we", "us"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
# a quote's speaker speaks of themselves (or of those they speak for) in these
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
# heads whose "of" phrase names the actor: "officials of Russia", "the army of Syria"
_GENERIC_HEADS = {
    "official", "government", "army", "military", "force", "troop", "soldier", "leader",
    "minister", "ministry", "president", "spokesman", "spokeswoman", "representative",
    "delegation", "embassy", "ambassador", "authority", "member", "people", "citizen", "police",
    "regime", "administration", "court", "parliament", "lawmaker", "diplomat", "side", "navy",
    "commander", "chief", "head", "envoy", "activist", "supporter", "militant", "rebel",
    "group", "personnel", "unit", "contingent", "source", "analyst", "expert",
    "mayor", "governor", "resident", "population", "hundred", "thousand", "dozen", "million",
    "number", "some", "many", "most", "all", "part", "portion", "faction", "wing", "branch",
    "office", "team", "worker", "student", "protester", "demonstrator", "party",
    "state", "province", "municipality",
}  # fmt: skip


# installations that stand for the state they are in: "inspect the refineries in Iran",
# "struck a base in Syria" (the place itself, a city, stays the location)
_FACILITIES = {
    "refinery", "plant", "facility", "site", "base", "airbase", "factory", "reactor",
    "installation", "airport", "airfield", "port", "harbor", "harbour", "pipeline", "depot",
    "consulate", "outpost", "checkpoint", "barracks", "compound", "oilfield", "field", "mine",
    "dam", "bridge", "infrastructure", "target", "position", "camp",
}  # fmt: skip


# what is fired, launched or dropped: its firer is the doer ("a missile fired by rebels")
MUNITIONS = {
    "missile", "rocket", "shell", "mortar", "grenade", "bomb", "bullet", "projectile",
    "artillery", "munition", "torpedo", "warhead", "airstrike", "strike",
}  # fmt: skip


# documents whose author or place of publication speaks through them ("a report ... alleged")
DOCUMENTS = {
    "report", "statement", "study", "document", "dossier", "communique", "communiqué",
    "indictment", "ruling", "verdict", "resolution", "declaration", "letter", "memo",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity an argument names, and how sure we are (pronouns are less sure).

    `agent` is what kind of actor the noun phrase says it is ("Syrian rebels": Syria, REB).
    A view `with_unnamed()` also answers with sides that are only an agent ("insurgents"):
    those have an empty `entity`."""

    entity: str
    # "mention", "modifier", "pronoun", "relative", "of", "origin", "agent", "home" (the
    # document's home state, for "the government": DocView._home_body)
    via: str
    agent: Agent | None = None


def mention_spans(entities: Iterable[Entity], doc: Doc) -> Iterator[tuple[Span, str]]:
    """Each mention of the entities as tokens of `doc`, with its entity's id."""
    for entity in entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                yield span, entity.id


def noun_keys(head: Token) -> list[str]:
    """A noun's lexicon keys, most specific first: a modifier's lemma with the noun's
    ("hunger strike", "security force"), then the noun's lemma alone."""
    lemma = head.lemma_.lower()
    keys = [f"{m.lemma_.lower()} {lemma}" for m in _prenominal(head)] + [lemma]
    if head.tag_ == "NNPS" and head.is_sent_start:
        # the small model reads a plural opening the sentence as a name and keeps its form
        # ("Rebels attacked the town": lemma "Rebels")
        keys.append(_singular(head.lower_))
    return keys


def _singular(plural: str) -> str:
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    return plural[:-1] if plural.endswith("s") else plural


def _prenominal(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ in {"compound", "amod"} and c.i < head.i]


def _actor_preps(head: Token) -> set[str]:
    """The prepositions whose object names the actor a noun stands for: "officials of
    Russia", "the court in Guyana", "refineries in Iran", any people "from Egypt"."""
    lemma = head.lemma_.lower()
    if lemma in _GENERIC_HEADS:
        return {"of", "from", "in"}
    if lemma in _FACILITIES:
        return {"from", "in"}
    return {"from"} if head.pos_ == "NOUN" else set()


def _stance_prefixed(token: Token) -> bool:
    """ "pro-Russian separatists", "anti-American protesters" are not Russian or American."""
    doc = token.doc
    if token.lower_.startswith(("pro-", "anti-")):
        return True
    return (
        token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in {"pro", "anti"}
    )


def _governed_by(token: Token, verb: Token) -> bool:
    """True when the nearest verb above `token` is `verb`."""
    node = token.head
    while node.i != verb.i and node.head.i != node.i:
        if node.pos_ in {"VERB", "AUX"}:
            return False
        node = node.head
    return node.i == verb.i


def ids(actors: Sequence[Actor]) -> tuple[str, ...]:
    """The entity ids of the actors, without the unnamed ones."""
    return tuple(dict.fromkeys(a.entity for a in actors if a.entity))


def agent(actors: Sequence[Actor]) -> Agent | None:
    """What kind of actor a side is: the first agent its noun phrases name."""
    return next((a.agent for a in actors if a.agent is not None), None)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for actor in actors:
        key = actor.entity or f"~{actor.agent.text if actor.agent else ''}"
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out
