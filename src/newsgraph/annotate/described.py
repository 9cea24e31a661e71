"""Whom a describing noun is said of: in apposition ("Hungary, an ally of Russia"; "a
Republican, Mark Amodei"), as the predicate ("Poland is a member of NATO") or after "as"
("served as chairman"). Alignments read a relation off the noun (annotate/relations.py)."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.annotate.frames import Actor, DocView
from newsgraph.coding import PAST_QUALIFIERS
from newsgraph.models import EntityType


def described(view: DocView, token: Token) -> list[Actor]:
    """Whoever a noun is said of: in apposition, as the predicate or after "as" (none for a
    "former" holder: no longer in force, and since when is unsaid)."""
    # "the former chairman", "formerly a deputy administrator"
    if any(c.lower_ in PAST_QUALIFIERS for c in token.children if c.dep_ in {"amod", "advmod"}):
        return []
    if token.dep_ == "appos":
        return view.actors(token.head)
    # the noun heads the apposition: "a Republican, Mark Amodei", "the party's chairman, X"
    named = [a for c in token.children if c.dep_ == "appos" for a in view.actors(c)]
    if named:
        return named
    named = _apposed_to_object(view, token)
    if named:
        return named
    if token.dep_ in {"attr", "oprd"}:
        return view.children_actors(token.head, {"nsubj", "nsubjpass"})
    if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB":
        return view.children_actors(token.head.head, {"nsubj", "nsubjpass"})
    return []


def _apposed_to_object(view: DocView, token: Token) -> list[Actor]:
    """People the small model hangs on the noun's own object: "The mayor of New Orleans,
    LaToya Cantrell, said" (a person is no apposition of a city or a body)."""
    found = []
    for prep in (c for c in token.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            entity = view.entity_of(obj)
            if entity is None or view.entities[entity].type == EntityType.PERSON:
                continue
            found += [
                a
                for c in obj.children
                if c.dep_ == "appos"
                for a in view.actors(c)
                if view.entities[a.entity].type == EntityType.PERSON
            ]
    return found


def described_people(view: DocView, token: Token) -> list[Actor]:
    return [a for a in described(view, token) if view.entities[a.entity].type == EntityType.PERSON]


# the dependencies under which a noun can describe someone (`described` decides)
DESCRIBING = frozenset({"appos", "attr", "oprd", "pobj"})
