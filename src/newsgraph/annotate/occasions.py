"""Acts of speech done at a dated occasion (guideline §7.3, rule 1): "At the initial debate,
held October 8 in Denver, ... Pierce called for an end to the War on Drugs. Blankenship
opposed ending it." Both acts were done at the debate, so both take its date.

News states an occasion's date once, with the occasion (a debate, summit, hearing, press
conference, interview: `gatherings` in words.yaml) set as the scene ("At the debate, held
October 8", "During Tuesday's summit") or as what the clause tells of ("The debate took place
on ..."), and then tells what was said there. An
act of speech (`speech_act_types`) told after it, asserted, in the past tense and with no
time of its own takes the occasion's day (`date_basis` "episode"). The occasion ends where
the text names another day, week or month, or another dated occasion; a year alone ("ahead
of the 2018 election") is background inside it, not a new time. A gathering still to come
("is scheduled for November 3") dates nothing. Acts of any other kind (an attack someone
talks about) and what is said inside quotes are not dated this way: the
occasion says when words were spoken, not when what they tell happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Token

from newsgraph.annotate.events.grammar import trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.models import EPISODE, Event, Granularity, Modality, TimeExpression

# the precisions that name a time of their own and so end an occasion
_NEW_TIME = frozenset({Granularity.DAY, Granularity.WEEK, Granularity.MONTH})
# how far apart, in parse steps to a shared head, the occasion's noun and its date may be
# ("Tuesday's summit": 1; "the debate, held October 8": 2)
_MAX_STEPS = 2
# prepositions that set a gathering as the scene of what follows
_FRAMING = frozenset({"at", "during", "in"})
# past-tense verb tags: an act told as done
_PAST_TAGS = frozenset({"VBD", "VBN"})


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's gathering nouns and speech-act types (words.yaml), read once."""
    words = load_lexicon().words
    return words["gatherings"], frozenset(t.upper() for t in words["speech_act_types"])


def speech_act_types() -> frozenset[str]:
    """The event types that are acts of speech (ACCUSE, REQUEST, ...), from words.yaml."""
    return _words()[1]


@dataclass(frozen=True, slots=True)
class Occasion:
    """A dated gathering: its date and the sentences it spans (first and last, inclusive)."""

    value: str
    first: int
    last: int


def occasions(view: DocView, published: str | None) -> list[Occasion]:
    """The dated gatherings of the text that had taken place by its publication, each up to
    the next time the text names."""
    gatherings, _ = _words()
    anchors: list[tuple[int, str]] = []
    for expr in view.dates:
        if not _day(expr) or (published and str(expr.value) > published[:10]):
            continue  # a gathering still to come: nothing was said there yet
        if _names_a_gathering(view, expr, gatherings):
            anchors.append((expr.sentence, str(expr.value)))
    found = []
    for i, (sentence, value) in enumerate(anchors):
        following = anchors[i + 1][0] if i + 1 < len(anchors) else len(view.sents)
        last = following - 1
        for expr in view.dates:
            if sentence < expr.sentence <= last and _new_time(expr, value):
                last = expr.sentence - 1
                break
        found.append(Occasion(value, sentence, last))
    return found


def _day(expr: TimeExpression) -> bool:
    return (
        expr.granularity == Granularity.DAY
        and expr.value is not None
        and expr.relation is None
        and "/" not in expr.value
    )


def _new_time(expr: TimeExpression, value: str) -> bool:
    return expr.granularity in _NEW_TIME and expr.value is not None and expr.value != value


def _names_a_gathering(view: DocView, expr: TimeExpression, gatherings: frozenset[str]) -> bool:
    """Whether the date is the date of a gathering named with it ("the debate, held October
    8"; "At Tuesday's summit"; "On Monday, at a press conference")."""
    span = view.doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    date_path = [span.root, *span.root.ancestors]
    if _still_to_come(view, date_path[: _MAX_STEPS + 1]):
        return False
    for token in span.root.sent:
        if token.lemma_.lower() in gatherings and token.pos_ in {"NOUN", "PROPN"}:
            if not _frames_the_telling(token):
                continue
            near = {t.i for t in [token, *token.ancestors][: _MAX_STEPS + 1]}
            if any(t.i in near for t in date_path[: _MAX_STEPS + 1]):
                return True
    return False


def _still_to_come(view: DocView, heads: Sequence[Token]) -> bool:
    """Whether the date's clause tells of a gathering to come ("is scheduled for November 3",
    "will meet on Monday"): the modality lexicon's future auxiliaries, planning and
    scheduling words."""
    cues = view.modality
    for token in heads:
        if token.lemma_.lower() in cues.scheduling | cues.planning:
            return True
        if any(c.dep_ == "aux" and c.lower_ in cues.future_aux for c in token.children):
            return True
    return False


def _frames_the_telling(noun: Token) -> bool:
    """Whether the gathering sets the scene ("At the debate", "During Tuesday's summit") or is
    what the clause tells of ("The first debate took place on ..."), not a word in passing
    ("called for a meeting")."""
    if noun.dep_ == "pobj":
        return noun.head.lower_ in _FRAMING
    return noun.dep_ in {"nsubj", "nsubjpass"}


def dated_at_occasions(
    view: DocView, events: Sequence[Event], published: str | None
) -> list[Event]:
    """The events, each undated act of speech told at a dated gathering taking its date."""
    spans = occasions(view, published)
    if not spans:
        return list(events)
    _, speech = _words()
    out = []
    for event in events:
        occasion = next((o for o in spans if o.first <= event.evidence.sentence <= o.last), None)
        if occasion is not None and _told_as_said_there(view, event, speech):
            event = replace(event, date=occasion.value, date_basis=EPISODE)
        out.append(event)
    return out


def _told_as_said_there(view: DocView, event: Event, speech: frozenset[str]) -> bool:
    """An act of speech with no date of its own, asserted, and told in the past tense."""
    if event.date is not None or event.type not in speech or event.negated:
        return False
    if event.modality != Modality.ASSERTED:
        return False
    token = trigger_token(view.doc, event)
    if token is None:
        return False
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    return verb.tag_ in _PAST_TAGS
