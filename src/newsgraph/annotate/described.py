"""Whom a describing noun is said of: in apposition ("Hungary, an ally of Russia"; "a
Republican, Mark Amodei"), as the predicate ("Poland is a member of NATO") or after "as"
("served as chairman"). Alignments read a relation off the noun (annotate/relations.py)."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.annotate.frames import Actor, DocView
from newsgraph.coding import PAST_QUALIFIERS
from newsgraph.models import EntityType


def described(view: DocView, token: Token, naming: frozenset[str] = frozenset()) -> list[Actor]:
    """Whoever a noun is said of: in apposition, as the predicate or after "as" (none for a
    "former" holder: no longer in force, and since when is unsaid); after "as", the object of
    a `naming` verb ("elected X as leader"), else the subject ("served as governor")."""
    # "the former chairman", "formerly a deputy administrator"
    if any(c.lower_ in PAST_QUALIFIERS for c in token.children if c.dep_ in {"amod", "advmod"}):
        return []
    if token.dep_ == "appos":
        return view.actors(token.head)
    # the noun heads the apposition: "a Republican, Mark Amodei", "the party's chairman, X"
    # (not a name modifying the apposed noun: "Senator Mitt Romney, a sometime Trump critic")
    named = [a for c in token.children if c.dep_ == "appos" for a in view.actors(c)
             if a.via != "modifier"]  # fmt: skip
    if named:
        return named
    named = _listed_after(view, token)
    if named:
        return named
    named = _apposed_to_object(view, token)
    if named:
        return named
    if token.dep_ in {"attr", "oprd"}:
        return view.children_actors(token.head, {"nsubj", "nsubjpass"})
    if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB":
        verb = token.head.head
        named = view.children_actors(verb, {"dobj"}) if verb.lemma_.lower() in naming else []
        return named or view.children_actors(verb, {"nsubj", "nsubjpass"})
    if token.dep_ == "conj" and token.head.pos_ == "NOUN" and view.entity_of(token.head) is None:
        # two descriptions joined are said of the same one: "Maya Rockeymoore Cummings, his
        # wife and the current chairwoman of the Maryland Democratic Party"
        return described(view, token.head, naming)
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


def _listed_after(view: DocView, token: Token) -> list[Actor]:
    """People the small model joins to a plural noun as conjuncts when they are its
    apposition: "Two Democratic Representatives, Collin Peterson and Jeff Van Drew, opposed"
    (the list right after the noun and its comma)."""
    if token.tag_ not in {"NNS", "NNPS"} or token.i + 2 >= len(token.doc):
        return []
    if token.doc[token.i + 1].text != ",":
        return []
    found: list[Actor] = []
    conjuncts = [c for c in token.children if c.dep_ == "conj"]
    while conjuncts:
        word = conjuncts.pop(0)
        people = [a for a in view.actors(word) if view.entities[a.entity].type == EntityType.PERSON]
        if not people:
            break
        found += people
        conjuncts += [c for c in word.children if c.dep_ == "conj"]
    first = token.doc[token.i + 2]
    return found if found and view.entity_of(first) == found[0].entity else []


def described_people(
    view: DocView, token: Token, naming: frozenset[str] = frozenset()
) -> list[Actor]:
    people = described(view, token, naming)
    return [a for a in people if view.entities[a.entity].type == EntityType.PERSON]


# the dependencies under which a noun can describe someone (`described` decides)
DESCRIBING = frozenset({"appos", "attr", "oprd", "pobj"})
