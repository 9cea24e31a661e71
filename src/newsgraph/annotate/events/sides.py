"""Who did it and to whom: the subject (inherited along control verbs, conjunctions and
relative clauses), the lexicon's target slots, a noun's possessor or "by" phrase, casualties,
and the refusals (a typhoon, a crash, an interview) that leave an event with no doer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.actor_words import DOCUMENTS
from newsgraph.annotate.events.entries import prepositional_objects
from newsgraph.annotate.events.grammar import (
    CASUALTY,
    SUBJECT_FROM_OBJECT,
    helping,
)
from newsgraph.annotate.frames import (
    RELATIVE_PRONOUNS,
    Actor,
    DocView,
)
from newsgraph.annotate.occasions import speech_act_types
from newsgraph.lexicon.patterns import Pattern
from newsgraph.models import Event


def done_by_a_non_actor(view: DocView, token: Token) -> bool:
    """The verb's subject (or passive agent) is a noun the lexicon says is no actor."""
    for child in token.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in view.not_actors:
            return True
        if (
            child.dep_ == "nsubj"
            and child.lower_ in RELATIVE_PRONOUNS
            and token.dep_ == "relcl"
            and token.head.lemma_.lower() in view.not_actors
        ):
            return True  # "a traffic collision which killed a motorcyclist"
        if child.dep_ == "agent" and any(
            g.lemma_.lower() in view.not_actors for g in child.children
        ):
            return True
    return _suffered_in_a_non_actor(view, token)


# the prepositions that name what a passive casualty verb's victims suffered in
_CAUSES = frozenset({"in", "during", "from", "after"})


def _suffered_in_a_non_actor(view: DocView, token: Token) -> bool:
    """A passive verb whose cause is a noun the lexicon says is no actor: "were injured in the
    crash", "were killed in the earthquake", and "40 were injured" joined to it."""
    verb = token.head if token.dep_ == "conj" and token.head.pos_ == "VERB" else token
    for node in {token, verb}:
        if not any(c.dep_ in {"nsubjpass", "auxpass"} for c in node.children):
            continue
        for prep in node.children:
            if (
                prep.dep_ == "prep"
                and prep.lower_ in _CAUSES
                and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in view.not_actors for o in prep.children
                )
            ):
                return True
    return False


def named_non_actor(view: DocView, event: Event) -> bool:
    """A source named after a non-actor ("Typhoon Hagibis", "Hurricane Dorian")."""
    for entity_id in event.source:
        entity = view.entities.get(entity_id)
        words = entity.name.lower().split() if entity else []
        if words and (words[0] in view.not_actors or words[-1] in view.not_actors):
            return True
    return False


def unfit_target(view: DocView, pattern: Pattern, target: Sequence[Actor]) -> bool:
    """The pattern needs a target and has none, or its target is of a type it excludes."""
    return (pattern.needs_target and not target) or excluded(view, pattern, target)


def unfit_source(view: DocView, pattern: Pattern, source: Sequence[Actor]) -> bool:
    """The doer is of an entity type or agent code the pattern excludes (`not_by`)."""
    if not pattern.not_by:
        return False
    for actor in source:
        entity = view.entities.get(actor.entity)
        if entity is not None and (
            entity.type.value in pattern.not_by
            or any(a.key == "agent" and a.value in pattern.not_by for a in entity.attributes)
        ):
            return True  # an outlet, or a reporter the text or the models code MED
        if entity is None and actor.agent is not None and actor.agent.code in pattern.not_by:
            return True
    return False


def excluded(view: DocView, pattern: Pattern, side: Sequence[Actor]) -> bool:
    """A side names an entity of a type the pattern excludes (`not_with`)."""
    return any(
        a.entity is not None
        and a.entity in view.entities
        and view.entities[a.entity].type.value in pattern.not_with
        for a in side
    )


def mishap(view: DocView, verb: Token) -> bool:
    """The verb's "by" names an accident or a disaster: "killed by the crash"."""
    return any(
        pobj.dep_ == "pobj" and pobj.lemma_.lower() in view.not_actors
        for by in verb.children
        if by.lower_ == "by"
        for pobj in by.children
    )


def opposed_of(view: DocView, verb: Token) -> list[Actor]:
    """ "Opponents of Rwanda's Senate protested": against the Senate."""
    for subject in verb.children:
        found = view.agent_of(subject) if subject.dep_ == "nsubj" else None
        if found is not None and found.code == "OPP":
            return view.prep_actors(subject, {"of"})
    return []


def casualties_of(view: DocView, verb: Token) -> list[Actor]:
    """Who died or was hurt: the subject of "died", "were killed"."""
    if verb.lemma_.lower() not in CASUALTY:
        return []
    return view.children_actors(verb, {"nsubj", "nsubjpass"})


def undergoer_of_adjunct(view: DocView, verb: Token) -> list[Actor]:
    """Whom a passive adjunct without a subject of its own befell: the subject of the clause it
    modifies ("died after being shot", "served eight years before being granted clemency",
    "having been arrested, he ...")."""
    if not _nonfinite_passive(verb):
        return []  # "upon hearing her son had been convicted": a finite clause, misparsed
    head = verb.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP":
        head = head.head
    elif verb.dep_ != "advcl":
        return []
    if head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return []
    return view.children_actors(head, {"nsubj", "nsubjpass"})


def _nonfinite_passive(verb: Token) -> bool:
    """A past participle with no auxiliary but "being", "having" or "been" ("being shot",
    "having been arrested", "arrested in 2019, he ...")."""
    helpers = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return (
        verb.tag_ == "VBN"
        and all(h in {"being", "having", "been"} for h in helpers)
        and (not helpers or helpers[0] != "been")
    )


def origin_of(view: DocView, token: Token) -> list[Actor]:
    """The place an attack came "from", standing for whoever attacked from there."""
    found = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for pobj in prep.children:
                entity = view.entity_of(pobj)
                if entity is not None and view.entities[entity].country:
                    found.append(Actor(entity, "origin"))
    return found


def first_named(actors: Sequence[Actor]) -> str | None:
    """The first entity among the actors (a speaker is an entity, not "officials")."""
    return next((a.entity for a in actors if a.entity), None)


# how a side names its actor itself (by name, or by a pronoun that stands for it), as against
# a word of its own country or origin ("Georgian demonstrators")
_NAMES_ITSELF = frozenset({"mention", "pronoun", "relative"})


def distinct(source: Sequence[Actor], target: Sequence[Actor]) -> list[Actor]:
    """Targets other than the source. Two groups of one country stay apart ("Georgian
    demonstrators attacked the Georgian government"); the same actor named, or a pronoun that
    would make it its own target, does not ("they don't kill us" read with both as the gang)."""
    named = {a.entity for a in source if a.via in _NAMES_ITSELF}
    return [a for a in target if not (a.via in _NAMES_ITSELF and a.entity in named)]


def subject_of(view: DocView, token: Token, depth: int = 0) -> list[Actor]:
    """The doer: nsubj, or inherited from the verb this one depends on."""
    return _doer(view, token, depth)[0]


def doer_unnamed(view: DocView, token: Token) -> bool:
    """Whether the doer of `token`'s act is named by words that are no actor ("if they dare
    to invade"): then nobody is to be filled in as its source."""
    return _doer(view, token, 0)[1]


def _doer(view: DocView, token: Token, depth: int) -> tuple[list[Actor], bool]:
    """(the doer, whether the search stopped at a clause whose own subject names no actor)."""
    found = view.children_actors(token, {"nsubj", "csubj"})
    if found or depth > 3:
        return found, False
    if _own_subject(token):
        # "Moscow would respond if they dare to invade": the clause names its own doer, who is
        # not known; the governing clause's subject is someone else
        return [], True
    if helping(token):
        return _doer(view, token.head, depth + 1)
    head = token.head
    if head.i == token.i:
        return [], False
    if token.dep_ == "xcomp" and head.lemma_.lower() in SUBJECT_FROM_OBJECT:
        objects = view.children_actors(head, {"dobj"})
        if objects:
            return objects, False
    if token.dep_ == "xcomp":
        # "Obama is scheduled to attend", "Russia was forced to withdraw"
        raised = view.children_actors(head, {"nsubjpass"})
        if raised:
            return raised, False
    if (
        token.dep_ == "pcomp"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in view.modality.alleging | view.modality.denying
    ):
        # "accused Russia of persuading Maduro": the accused is the doer
        objects = view.children_actors(head.head, {"dobj"})
        if objects:
            return objects, False
    if token.dep_ == "pcomp" and head.lower_ == "for" and head.head.pos_ == "VERB":
        # "jailed a student for helping militants", "praised Germany for supporting": the
        # one jailed or praised did it
        objects = view.children_actors(head.head, {"dobj"})
        if objects:
            return objects, False
    if token.dep_ in {"xcomp", "conj", "advcl", "pcomp"}:
        if head.dep_ == "pcomp" or head.pos_ in {"ADP"}:
            head = head.head
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in head.children) and token.dep_ == "conj":
            return view.agents(head), False
        return _doer(view, head, depth + 1)
    if token.dep_ in {"relcl", "acl"}:
        if token.tag_ == "VBN" and not any(c.dep_ == "agent" for c in token.children):
            return [], False  # "soldiers killed in Ukraine": the noun is the victim, not the doer
        return view.actors(head), False
    if token.dep_ == "pcomp" and head.head.i != head.i:
        return _doer(view, head.head, depth + 1)
    return [], False


def _own_subject(token: Token) -> bool:
    """The clause has a subject of its own that names no actor (a pronoun or noun), not a
    relative pronoun standing for the noun the clause describes."""
    return any(
        c.dep_ in {"nsubj", "csubj"} and c.lower_ not in RELATIVE_PRONOUNS for c in token.children
    )


def target_of(view: DocView, token: Token, pattern: Pattern) -> list[Actor]:
    for slot in pattern.target:
        found = slot_actors(view, token, slot)
        if found:
            return found
    if pattern.event == "ACCUSE":
        # "alleged that France was aware ..., and that the French military helped": the
        # accused are the subjects of what is alleged
        for clause in token.children:
            if clause.dep_ == "ccomp":
                found = [
                    a
                    for c in (clause, *clause.conjuncts)
                    for a in view.children_actors(c, {"nsubj"})
                ]
                if found:
                    return found
    if pattern.event == "REQUEST" and "dobj" in pattern.target:
        # "Obama wants Putin to attack": the parser makes Putin the subject of "attack"
        for clause in token.children:
            if clause.dep_ == "ccomp":
                return view.children_actors(clause, {"nsubj"})
    return []


def slot_actors(view: DocView, token: Token, slot: str) -> list[Actor]:
    if slot == "none":
        return []
    if slot == "dobj":
        return view.children_actors(token, {"dobj", "attr"})
    if slot == "iobj":
        return view.children_actors(token, {"dative", "iobj"})
    if slot in {"poss", "compound", "amod"}:
        return view.children_actors(token, {slot})
    preposition = slot.split(":", 1)[1]
    heads = [token] + [c for c in token.children if c.dep_ in {"dobj", "prt", "nsubjpass"}]
    heads += prepositional_objects(token)  # "advised against travel to Tunisia"
    found: list[Actor] = []
    for head in heads:
        for child in head.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ == preposition:
                found += view.children_actors(child, {"pobj", "pcomp"})
    return found


def noun_source(view: DocView, token: Token, pattern: Pattern) -> list[Actor]:
    """Who did what an event noun names: "Russia's deployment", "an attack by rebels"."""
    source: list[Actor] = []
    for slot in pattern.source:
        if slot in {"poss", "compound", "amod"}:
            source += view.children_actors(token, {slot})
        else:
            source += slot_actors(view, token, slot)
    return source


def between(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children)


def without_document_doers(events: Sequence[Event]) -> list[Event]:
    """`events`, each source named only by a document ("reports of authorities capturing
    gang members": "reports") left empty where the event is no act of speech: a report can
    allege, never capture or attack."""
    speech = speech_act_types()
    return [
        replace(event, source_agent=None)
        if event.type not in speech
        and not event.source
        and event.source_agent is not None
        and event.source_agent.text.split()[-1].lower().rstrip("s") in DOCUMENTS
        else event
        for event in events
    ]
