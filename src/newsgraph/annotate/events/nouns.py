"""Events told by a noun: "the Russian strike on Kyiv", "his arrest", "issued warrants for two
men", "took part in the talks", and a definite noun with no actors of its own that repeats an
earlier event ("the conversation did happen")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.events.build import build_event
from newsgraph.annotate.events.grammar import LIGHT_VERBS, participation_of
from newsgraph.annotate.events.sides import (
    between,
    casualties_of,
    distinct,
    noun_source,
    slot_actors,
    subject_of,
    unfit_source,
)
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.lexicon.patterns import EventLexicon, Pattern
from newsgraph.models import Event


def noun_event(
    view: DocView,
    token: Token,
    pattern: Pattern,
    index: int,
    earlier: Sequence[Event],
    lexicon: EventLexicon,
) -> Event | None:
    source = noun_source(view, token, pattern)
    target: list[Actor] = []
    light = token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS
    for slot in pattern.target:
        target += slot_actors(view, token, slot)
        if light and not target and slot.startswith("prep:"):
            # "issued arrest warrants for two men": the parser often hangs the phrase on the verb
            target += slot_actors(view, token.head, slot)
    if between(token):
        pair = target or source
        source, target = pair[:1], pair[1:]
    if pattern.patient_owner and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    ):
        # "his arrest", "Sirhan's sentence": the owner is who it happens to, unless the noun
        # names that with "of" ("Russia's arrest of X")
        owners = view.children_actors(token, {"poss"})
        if owners:
            target = owners
            source = [a for a in source if a.entity not in {o.entity for o in owners}]
    if (
        not source
        and token.dep_ in {"dobj", "nsubj", "nsubjpass"}
        and token.head.lemma_.lower() in LIGHT_VERBS
    ):
        source = subject_of(view, token.head) if token.dep_ == "dobj" else []
    if not source and token.dep_ == "dobj" and _intended_object(view, token):
        source = subject_of(view, token.head)  # "rebels planned an attack": theirs, to come
    verb = token.head.head
    noun = participation_of(verb, lexicon) if token.dep_ == "pobj" else None
    participation = noun is not None and noun.i == token.i
    if pattern.event == "ASSAULT" and not target and token.dep_ == "pobj":
        target = casualties_of(view, token.head.head)  # "two soldiers died in a Russian strike"
    if participation:
        source, target = _participants(view, verb, source, target)
    target = distinct(source, target)
    if not source and not target:
        return _anaphoric(view, token, pattern, index, earlier)
    if unfit_source(view, pattern, source):
        return None  # "InSight Crime's investigation": reporting, not a probe
    trigger = verb if participation else token.head if light else token
    event = build_event(view, trigger, pattern, source, target, index)
    # "A engaged B in a firefight": A started it, even if a firefight is mutual
    return replace(event, mutual=False) if participation and target else event


def _participants(
    view: DocView, verb: Token, source: list[Actor], target: list[Actor]
) -> tuple[list[Actor], list[Actor]]:
    """Who acts in an event told by taking part in it: the participation verb's subject, the
    noun's own modifier then being whose occasion it was ("Lavrov took part in the Security
    Council meeting": Lavrov, with the Council); "rebels engaged peacekeepers in a firefight"
    (the verb's object is the other side)."""
    doers = subject_of(view, verb)
    if doers and source:
        return doers, target or source
    if not source:
        return doers, target or view.children_actors(verb, {"dobj"})
    return source, target


def _intended_object(view: DocView, token: Token) -> bool:
    """An event noun its verb's subject plans or threatens ("planned an attack", "threatened
    a strike"); its modality says so (`modality._from_governor`)."""
    cues = view.modality
    return token.head.lemma_.lower() in cues.planning_objects | cues.threatening


def _anaphoric(
    view: DocView, token: Token, pattern: Pattern, index: int, earlier: Sequence[Event]
) -> Event | None:
    """ "the conversation did happen": a definite nominal event with no actors of its own
    repeats the latest event of the same type within three sentences, now as a fact."""
    if not any(c.lower_ in {"the", "this", "that"} for c in token.children):
        return None
    sentence = view.sentence_index(token)
    for previous in reversed(earlier):
        if previous.type == pattern.event and 0 < sentence - previous.evidence.sentence <= 3:
            event = build_event(view, token, pattern, [], [], index)
            return replace(
                event,
                source=previous.source,
                target=previous.target,
                source_agent=previous.source_agent,
                target_agent=previous.target_agent,
                confidence=round(previous.confidence - 0.1, 2),
            )
    return None
