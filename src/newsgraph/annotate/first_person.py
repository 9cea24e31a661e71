"""Sides a quote's speaker names in the first person: "'We will not be deterred,' the
coalition said" (the coalition rejects), "I asked John for his resignation" in Trump's words
(Trump requests), an interviewee's "I switched federations" (§7.1: every answer sentence is
the interviewee's direct quote).

It runs after the events are found and their sides chosen, and only fills a side left empty:
a first-person subject makes no event (an interviewee's every "I think" would be one), it only
names who acts in an event found on other grounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.actor_words import FIRST_PERSON
from newsgraph.annotate.events.grammar import trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.models import Event

# how far up the parse a verb's subject is looked for: "I wanted to help", "we went and asked"
_CLIMB = 3
_INHERITS_SUBJECT = frozenset({"xcomp", "conj", "advcl"})
_SUBJECTS = frozenset({"nsubj"})
_OBJECTS = frozenset({"dobj", "dative"})


def first_person_sides(view: DocView, events: Sequence[Event]) -> list[Event]:
    """`events`, each empty side whose words are "I", "we", "me" or "us" inside a direct quote
    filled with the quote's speaker."""
    if not view.voices:
        return list(events)
    out = []
    for event in events:
        token = trigger_token(view.doc, event)
        if token is not None:
            event = _filled(view, event, token)
        out.append(event)
    return out


def _filled(view: DocView, event: Event, token: Token) -> Event:
    if not event.source and event.source_agent is None:
        speaker = _speaker(view, _subject(token))
        if speaker is not None and speaker not in event.target:
            event = replace(event, source=(speaker,))
    if not event.target and event.target_agent is None:
        words = [c for c in token.children if c.dep_ in _OBJECTS]
        speaker = _speaker(view, words[0] if words else None)
        if speaker is not None and speaker not in event.source:
            event = replace(event, target=(speaker,))
    return event


def _subject(token: Token) -> Token | None:
    """The subject of the trigger's clause, or the one it inherits; a noun's owner ("my
    plan")."""
    node = token
    for _ in range(_CLIMB):
        for child in node.children:
            if child.dep_ in _SUBJECTS or (node.pos_ == "NOUN" and child.dep_ == "poss"):
                return child
        if node.dep_ not in _INHERITS_SUBJECT or node.head.i == node.i:
            return None
        node = node.head
    return None


def _speaker(view: DocView, word: Token | None) -> str | None:
    if word is None or word.lower_ not in FIRST_PERSON:
        return None
    actor = view.speaker_of(word)
    return actor.entity if actor is not None else None
