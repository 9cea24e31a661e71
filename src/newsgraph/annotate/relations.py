"""Alignments: who supports, recognises, opposes, leads or arms whom, and since when.

Lists expand: "Maduro is supported by Russia, China, Cuba ... and by left-wing Chavista
activists" is one `supports` relation per supporter. Roles ("chief of staff of the Russian
Land Forces") give `leads`/`commands`; arms transfers give `supplies_arms_to`.

This module reads alignments off a clause's verbs, adjectives and nouns and gathers all of
them; posts, titles and affiliations are read in `annotate/posts.py`, and the `Relation`
records are built in `annotate/relation_records.py` (`relation_validity` is re-exported
here for its importers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.actor_words import DOCUMENTS
from newsgraph.annotate.described import DESCRIBING, described
from newsgraph.annotate.events import subject_of
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.annotate.name_phrases import _affiliations, _phrase_posts
from newsgraph.annotate.posts import (
    _body_in_description,
    _noun_entry,
    _post_relations,
    _role_relations,
    heads_state,
)
from newsgraph.annotate.relation_records import _pairs
from newsgraph.annotate.relation_records import relation_validity as relation_validity
from newsgraph.lexicon.relations import RelationLexicon
from newsgraph.models import ArmsTransfer, Entity, EntityType, Relation


def find_relations(
    view: DocView,
    entities: Sequence[Entity],
    transfers: Sequence[ArmsTransfer],
    lexicon: RelationLexicon,
) -> list[Relation]:
    """Alignments the lexicon's verbs, adjectives and leadership titles state, and arms
    transfers as `supplies_arms_to`, numbered in order."""
    found: list[Relation] = []
    for token in view.tokens:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lexicon.verbs:
            found += _verb_relations(view, token, lexicon.verbs[lemma], lexicon)
        elif token.pos_ == "ADJ" and lemma in lexicon.adjectives:
            found += _adjective_relations(view, token, lexicon.adjectives[lemma], lexicon)
        elif token.pos_ in {"NOUN", "PROPN"} and (entry := _noun_entry(lexicon, token)):
            told = _noun_relations(view, token, entry, lexicon)
            if not told and lexicon.affiliation and entry[0] in lexicon.titles.values():
                # a post whose own object is no actor, at a body named after it: "Phil
                # Chetwynd, director of global news for AFP" belongs to AFP
                told = _post_relations(view, token, lexicon, lexicon.affiliation.any_noun_preps)
            if not told and lexicon.affiliation:
                # a title whose own phrase names its body: "NIAID director Dr. Anthony Fauci"
                told = _phrase_posts(view, token, lexicon)
            found += told
        elif token.pos_ == "NOUN" and lemma in lexicon.owned:
            found += _owned_relations(view, token, lexicon.owned[lemma], lexicon)
        elif (
            token.pos_ in {"NOUN", "PROPN"}  # "a Senior Staff Attorney of the EFF"
            and lexicon.affiliation
            and lemma in lexicon.affiliation.nouns
        ):
            found += _post_relations(view, token, lexicon) + _phrase_posts(view, token, lexicon)
        elif token.pos_ == "NOUN" and lexicon.affiliation:
            # any post "at" a body: "X, an evolutionary biomechanicist at the Royal Veterinary
            # College"; other prepositions only after the listed nouns ("a critic of Y")
            found += _post_relations(view, token, lexicon, lexicon.affiliation.any_noun_preps)
            found += _phrase_posts(view, token, lexicon)
        if token.pos_ in {"NOUN", "PROPN"} and (
            token.dep_ in DESCRIBING or any(c.dep_ in {"appos", "conj"} for c in token.children)
        ):
            found += _body_in_description(view, token, lexicon)
    found += _role_relations(view, entities, lexicon)
    found += _affiliations(view, entities, lexicon)
    found += _arms_relations(transfers)
    # the relations leadership titles give ("leads", "commands") imply membership
    found = _deduplicated(found, frozenset(lexicon.titles.values()))
    found = _posts_held(view, found, lexicon)
    return [replace(r, id=f"r{i + 1}") for i, r in enumerate(found)]


def _verb_relations(
    view: DocView,
    token: Token,
    entry: tuple[str, frozenset[str], frozenset[str]],
    lexicon: RelationLexicon,
) -> list[Relation]:
    relation, preps, objects = entry
    if objects and not any(c.lemma_.lower() in objects for c in token.children if c.dep_ == "dobj"):
        return []
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
        subjects = [
            a for a in view.agents(token) if view.entities[a.entity].type != EntityType.WEAPON
        ]
        targets = view.children_actors(token, {"nsubjpass"})
    else:
        subjects = subject_of(view, token)
        targets = view.prep_actors(token, set(preps)) if preps else _object_actors(view, token)
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, targets))


def _object_actors(view: DocView, verb: Token) -> list[Actor]:
    """The actors the verb's objects name; a document names no one the verb ties to ("led
    the study published in Science Advances" leads no journal)."""
    return [
        a
        for c in verb.children
        if c.dep_ == "dobj" and c.lemma_.lower() not in DOCUMENTS
        for a in view.actors(c)
    ]


def _adjective_relations(
    view: DocView, token: Token, entry: tuple[str, str], lexicon: RelationLexicon
) -> list[Relation]:
    relation, prep = entry
    head = token.head if token.dep_ in {"acomp", "amod", "xcomp", "oprd"} else token
    subjects = view.children_actors(head, {"nsubj", "nsubjpass"}) if head.i != token.i else []
    if token.dep_ == "amod":
        subjects = view.actors(token.head)
    targets = view.prep_actors(token, {prep} if prep else set())
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, targets))


def _noun_relations(
    view: DocView, token: Token, entry: tuple[str, str, bool], lexicon: RelationLexicon
) -> list[Relation]:
    """A noun that states a standing relation, of whoever it is said of: in apposition ("Poland,
    a member of NATO"), as the predicate ("He was a member of the Liberal Party", "Collins is
    chairman of the party") or after "as" ("Doyle served as Lord Mayor of Melbourne"). Its
    object follows the lexicon's preposition ("of") or owns the noun ("Russia's ally"); a
    reversed noun swaps the two ("X, the party's nominee": the party supports X)."""
    relation, prep, reverse = entry
    if prep == _MUTUAL:
        return _mutual_relations(view, token, relation, lexicon)
    subjects = described(view, token, lexicon.naming_verbs)
    if relation in lexicon.titles.values():
        # a post is a person's: "the Democratic chairman of X" is not the party's lead
        subjects = [s for s in subjects if view.entities[s.entity].type == EntityType.PERSON]
    if not subjects:
        return []
    objects = view.prep_actors(token, {prep}) + view.children_actors(token, {"poss"})
    objects = [o for o in objects if o.entity not in {s.entity for s in subjects}]
    if not objects and token.lemma_.lower() in lexicon.titles:
        # a title's place stands for its government: "the mayor of New Orleans" leads it
        objects = [
            Actor(place, "mention")
            for child in token.children
            if child.dep_ == "prep" and child.lower_ == prep
            for obj in child.children
            if obj.dep_ == "pobj"
            for place in view.places_in(obj)
        ]
    if relation in lexicon.titles.values() and not heads_state(lexicon, token):
        # a post of a state other than its head is a role, no alignment (guideline 6.1)
        objects = [o for o in objects if view.entities[o.entity].type != EntityType.STATE]
    if reverse:
        subjects, objects = objects, subjects
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, objects))


def _mutual_relations(
    view: DocView, token: Token, relation: str, lexicon: RelationLexicon
) -> list[Relation]:
    """A noun of a relation between the actors it names after "between": "the conflict
    between Armenia and Azerbaijan" (the first named towards each other one)."""
    named = view.prep_actors(token, {_MUTUAL})
    if len(named) < 2:
        return []
    first, others = named[:1], [a for a in named[1:] if a.entity != named[0].entity]
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, first, others))


_MUTUAL = "between"  # the preposition of a noun that names both sides ("conflict between")


def _owned_relations(
    view: DocView, token: Token, entry: tuple[str, str], lexicon: RelationLexicon
) -> list[Relation]:
    """A noun whose owner holds the relation to the noun's object: "the Cuban government's
    support for Nicolás Maduro" (Cuba supports Maduro), "their support for Biden", "the
    Constitution Party ticket of Darrell Castle" (the owner named before the noun), or the
    subject of an `owning_verbs` verb that takes it ("vowed support for Azerbaijan")."""
    relation, prep = entry
    verb = token.head
    if token.dep_ == "dobj" and verb.lemma_.lower() in lexicon.withdrawing_verbs:
        return []  # "Russia withdrew its support for the Taliban"
    subjects = view.children_actors(token, {"poss", "compound", "nmod"})
    if not subjects and token.dep_ == "dobj" and verb.lemma_.lower() in lexicon.owning_verbs:
        subjects = subject_of(view, verb)  # "Turkey vowed support for Azerbaijan"
    objects = view.prep_actors(token, {prep})
    return _pairs(view, token, relation, *_plausible(view, lexicon, relation, subjects, objects))


def _plausible(
    view: DocView,
    lexicon: RelationLexicon,
    relation: str,
    subjects: Sequence[Actor],
    objects: Sequence[Actor],
) -> tuple[list[Actor], list[Actor]]:
    """The sides an alignment can hold between: no object of a type the relation excludes
    ("Biden leads Trump" is a poll), and no state standing for a group of its people ("the
    Venezuelan populace recognises Guaidó" is not Venezuela's act)."""
    excluded = lexicon.object_excludes.get(relation, frozenset())
    objects = [o for o in objects if view.entities[o.entity].type.value not in excluded]
    return (
        [a for a in subjects if _stands_for_itself(view, a, lexicon)],
        [a for a in objects if _stands_for_itself(view, a, lexicon)],
    )


def _stands_for_itself(view: DocView, actor: Actor, lexicon: RelationLexicon) -> bool:
    """A state named through a noun ("the Venezuelan populace") is that state only when the
    noun is one of its institutions; a group named so ("Chavista activists") is the group."""
    allowed = lexicon.state_agents
    if allowed is None or actor.agent is None or actor.agent.code in allowed:
        return True
    return view.entities[actor.entity].type != EntityType.STATE


def _arms_relations(transfers: Sequence[ArmsTransfer]) -> list[Relation]:
    return [
        Relation(
            id="",
            subject=s,
            relation="supplies_arms_to",
            object=r,
            evidence=t.evidence,
            valid_from=t.period,
            citation=t.citation,
            confidence=0.7,
        )
        for t in transfers
        for s in t.supplier
        for r in t.recipient
        if s != r
    ]


def _posts_held(
    view: DocView, relations: list[Relation], lexicon: RelationLexicon
) -> list[Relation]:
    """The relations less the post ties of holders whose sentence ends their posts: "Qaboos
    bin Said, the Sultan of Oman, died", "Soleimani, head of the Quds Force, was killed"
    (guideline 6.1). Each sentence is read once, whatever its number of ties."""
    if not lexicon.post_ending_verbs:
        return relations
    posts = {*lexicon.titles.values(), lexicon.affiliation.relation if lexicon.affiliation else ""}
    leaving: dict[int, set[str]] = {}
    kept = []
    for relation in relations:
        sentence = relation.evidence.sentence
        if relation.relation in posts:
            if sentence not in leaving:
                leaving[sentence] = _leaving(view, sentence, lexicon)
            if relation.subject in leaving[sentence]:
                continue
        kept.append(relation)
    return kept


def _leaving(view: DocView, sentence: int, lexicon: RelationLexicon) -> set[str]:
    """The actors whose posts the sentence's own verbs end (not a clause dating something
    else: "chair until 2011, and a member until he retired in 2017")."""
    found: set[str] = set()
    for token in view.sents[sentence]:
        if token.pos_ != "VERB" or not (token.dep_ == "ROOT" or token.head.dep_ == "ROOT"):
            continue
        phrases = _verb_phrases(token)
        for kind, deps in (("subject", {"nsubj"}), ("passive_subject", {"nsubjpass"})):
            if phrases & lexicon.post_ending_verbs.get(kind, frozenset()):
                found |= {a.entity for a in view.children_actors(token, deps)}
    return found


def _verb_phrases(token: Token) -> set[str]:
    """A verb's lemma, alone and with each particle ("step down", "pass away": the small
    model reads the particle as a particle or an adverb)."""
    lemma = token.lemma_.lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in token.children if c.dep_ in {"prt", "advmod"}}


def _deduplicated(relations: list[Relation], heading: frozenset[str]) -> list[Relation]:
    """Each alignment once per sentence; and no `member_of` beside a `heading` relation
    (`leads`, `commands`) between the same two ("AIP chairman Markham Robinson" leads the AIP,
    and says no more)."""
    heads = {(r.subject, r.object, r.evidence.sentence) for r in relations
             if r.relation in heading}  # fmt: skip
    seen: set[tuple[str, str, str, int]] = set()
    out = []
    for relation in relations:
        key = (relation.subject, relation.relation, relation.object, relation.evidence.sentence)
        pair = (relation.subject, relation.object, relation.evidence.sentence)
        if relation.relation == "member_of" and pair in heads:
            continue
        if key not in seen:
            seen.add(key)
            out.append(relation)
    return out
