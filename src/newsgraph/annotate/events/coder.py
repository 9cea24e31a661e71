"""The rule coder: events at verbs and nouns the lexicon knows, with sides, modality, date
and place (`find_events`), and the same machinery for a word the learned tagger judged an event
(`event_at`). Events told by a noun are `nouns`; the record itself is built in `build`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from newsgraph.annotate.events.build import accusation, build_event
from newsgraph.annotate.events.entries import excluded_noun_object, noun_pattern, verb_pattern
from newsgraph.annotate.events.grammar import (
    CASUALTY,
    asks,
    gerund_attack,
    nominal_gerund,
    participation_of,
    publishes,
    reduced_relative,
    verbal,
    wish_only,
)
from newsgraph.annotate.events.nouns import noun_event
from newsgraph.annotate.events.sides import (
    casualties_of,
    distinct,
    done_by_a_non_actor,
    excluded,
    mishap,
    named_non_actor,
    noun_source,
    opposed_of,
    origin_of,
    slot_actors,
    subject_of,
    target_of,
    undergoer_of_adjunct,
    unfit_source,
    unfit_target,
)
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.lexicon.patterns import EventLexicon, Pattern
from newsgraph.models import Agent, Event

# the words that set modality and intention are data: lexicon/events/modality.yaml (the
# view's `modality` cues)


def find_events(view: DocView, lexicon: EventLexicon) -> list[Event]:
    """Every event the lexicon's triggers yield in the document, in text order."""
    view = view.with_unnamed()  # "insurgents bombarded ...": a side need not be an entity
    events: list[Event] = []
    used_objects: set[int] = set()  # nouns a verb's event already covers
    for token in view.tokens:
        pattern = verb_pattern(token, lexicon) if verbal(token, lexicon) else None
        if pattern is None or token.i in used_objects or participation_of(token, lexicon):
            continue
        if asks(token):
            continue  # "Did they help?"
        if done_by_a_non_actor(view, token):
            continue  # "the typhoon struck Japan", "the disease killed him"
        means = _attack_means(view, token, lexicon)
        event = _verb_event(view, token, pattern, len(events), means)
        if event is not None and not (event.target == () and wish_only(token, lexicon)):
            events.append(event)
            events += accusation(view, token, event, len(events))
            used_objects.update(c.i for c in token.children if c.dep_ == "dobj")
            if means is not None:
                used_objects.add(means.token.i)  # one killing "in an air strike", not two
    for token in view.tokens:
        nominal = token.pos_ in {"NOUN", "PROPN"} or nominal_gerund(token, lexicon)
        if nominal and token.i not in used_objects and not excluded_noun_object(token, lexicon):
            noun = noun_pattern(token, lexicon)
            if noun is not None:
                event = noun_event(view, token, noun, len(events), events, lexicon)
                if event is not None:
                    events.append(event)
                    events += accusation(view, token, event, len(events))
    events = [_accused(view, e, lexicon) for e in events if not named_non_actor(view, e)]
    events.sort(key=lambda e: e.evidence.start)
    events = without_repeats(view, events)
    return [replace(e, id=f"e{i + 1}") for i, e in enumerate(events)]


def _accused(view: DocView, event: Event, lexicon: EventLexicon) -> Event:
    """The unnamed target of a legal act named as a plain person is its suspect: "police
    arrested a 66-year-old man" (the lexicon's `accused`: CRM); one held in a sentence that
    tells of a protest is a protester ("more than 1000 people have been arrested since the
    protests began": OPP, guideline §4.1); "civilians", "protesters" or "journalists" keep
    their own code."""
    agent, accused = event.target_agent, lexicon.accused
    if event.context != _LEGAL or agent is None or accused is None:
        return event
    if agent.text.split()[-1].lower() not in accused.nouns:
        return event
    code = accused.code
    if accused.political_code is not None and accused.political_words:
        sentence = view.sents[event.evidence.sentence]
        if any(t.lemma_.lower() in accused.political_words for t in sentence):
            code = accused.political_code
    return replace(event, target_agent=Agent(agent.text, code))


_LEGAL = "legal"  # the context of the event patterns of arrests, charges and convictions


def without_repeats(view: DocView, events: list[Event]) -> list[Event]:
    """A later nominal mention of an event already told, with the same word and type ("the
    shooting", "the deal"), refers back to it: the guideline counts an event again only when
    a new sentence re-reports it with new information, which a bare noun rarely is."""
    told: set[tuple[str, str]] = set()
    types: set[str] = set()
    kept = []
    for event in events:
        noun = _nominal(view, event)
        key = (event.type, noun.lemma_.lower() if noun is not None else event.trigger.lower())
        if noun is not None and (key in told or (event.type in types and _definite(noun))):
            continue  # "the attack" after "drone attacks": the same attack
        told.add(key)
        types.add(event.type)
        kept.append(event)
    return kept


def _nominal(view: DocView, event: Event) -> Token | None:
    """The event's trigger when it is a noun."""
    span = view.doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.text == event.trigger and t.pos_ in {"NOUN", "PROPN"}), None)


def _helped(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children)


def _definite(noun: Token) -> bool:
    """ "the attack", "this deal": a noun that points back, with no owner of its own."""
    return any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children
    ) and not any(c.dep_ == "poss" for c in noun.children)


def _verb_event(
    view: DocView, token: Token, pattern: Pattern, index: int, means: _Means | None = None
) -> Event | None:
    if publishes(token):
        return None
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or (
        token.dep_ == "advcl" and token.tag_ == "VBN" and not _helped(token)
    )  # "Arrested in 2019, the suspect confessed"
    attack = gerund_attack(token)
    if attack is not None:
        # "died in Russian artillery shelling": who shelled is in the misparsed phrase, and
        # those who died are its victims
        source = view.actors(attack)
        target = casualties_of(view, token.head)
    elif reduced_relative(token):
        source = view.agents(token)  # "the civilians imprisoned ... were released"
        target = view.children_actors(token, {"nsubj"})
    elif passive:
        source = view.agents(token)
        target = view.children_actors(token, {"nsubjpass"})
        if not target and token.dep_ == "conj":
            # "the civilians imprisoned ... were released by Putin": a shared subject
            target = view.children_actors(token.head, {"nsubj", "nsubjpass"})
        if pattern.object and not target:
            target = target_of(view, token, pattern)  # "evidence against Russia was presented"
        if not target and not any(c.dep_ == "nsubjpass" for c in token.children):
            target = undergoer_of_adjunct(view, token)
        if not source and pattern.event == "ASSAULT":
            source = origin_of(view, token)  # "a mortar bomb was fired at it from Gaza"
    elif token.dep_ == "acl" and token.tag_ == "VBN":
        source = view.agents(token)  # "ten soldiers killed by a mine": a reduced passive
        target = view.actors(token.head)
    elif pattern.verb_source:
        # "received weapons from the government": the giver is in a prepositional phrase
        target = subject_of(view, token)
        source = [a for slot in pattern.verb_source for a in slot_actors(view, token, slot)]
    else:
        source = subject_of(view, token)
        target = target_of(view, token, pattern)
    if pattern.event == "PROTEST" and not target:
        target = opposed_of(view, token)
    if means is not None and (passive or token.dep_ == "acl"):
        # "were killed in an Israeli air strike": the strike says who killed, and how
        source = source or means.doers
        pattern = replace(
            pattern, cameo=means.pattern.cameo, mode=means.pattern.mode,
            context=means.pattern.context,
        )  # fmt: skip
    target = distinct(source, target)
    if not source and (not target or mishap(view, token)):
        return None  # "victims killed by the crash": an accident, not an assault
    if (
        unfit_target(view, pattern, target)
        or unfit_source(view, pattern, source)
        or (pattern.symmetric and excluded(view, pattern, source))
    ):
        # "spoke to NBC News", "Wikinews spoke with her": an interview, not a meeting (either
        # side of a meeting may be the outlet)
        return None
    event = build_event(view, token, pattern, source, target, index)
    if means is not None and event.location is None:
        # "killed in Israeli shelling in Gaza": the place of the shelling
        places = view.places(view.clause(means.token), means.token)
        event = replace(event, location=places[0] if places else None)
    return event


@dataclass(frozen=True, slots=True)
class _Means:
    """The attack a death or injury happened in ("killed in an Israeli air strike"): its
    token, its lexicon entry and who carried it out."""

    token: Token
    pattern: Pattern
    doers: list[Actor]


def _attack_means(view: DocView, token: Token, lexicon: EventLexicon) -> _Means | None:
    """The attack noun of "killed in an air strike by the coalition", or the verb the parser
    made of "killed in Israeli tank shelling", with its doers."""
    if token.lemma_.lower() not in CASUALTY:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "during"}:
            for noun in child.children:
                pattern = noun_pattern(noun, lexicon) if noun.dep_ == "pobj" else None
                if pattern is not None and pattern.event == "ASSAULT":
                    return _Means(noun, pattern, noun_source(view, noun, pattern))
        attack = gerund_attack(child)
        pattern = verb_pattern(child, lexicon) if attack is not None else None
        if attack is not None and pattern is not None and pattern.event == "ASSAULT":
            return _Means(child, pattern, view.actors(attack))
    return None


def event_at(
    view: DocView,
    token: Token,
    pattern: Pattern,
    index: int,
    earlier: Sequence[Event],
    lexicon: EventLexicon,
) -> Event | None:
    """The event `pattern` codes at `token`, with the rules' sides, modality, date and place:
    how the learned tagger (`learn.tagger`) turns a word it judged an event into one. Where the
    rules find no side, the event has none: the model, not the side finder, judged that the
    word names an event ("the arson", "efforts to find the crew"). None where no one acted: a
    typhoon, a crash, an illness (the lexicon's `not_actors`), whatever the model judged."""
    view = view.with_unnamed()
    if (
        token.lemma_.lower() in view.not_actors
        or done_by_a_non_actor(view, token)
        or mishap(view, token)
    ):
        return None
    verb = verbal(token, lexicon)
    if pattern.not_by:
        doers = subject_of(view, token) if verb else noun_source(view, token, pattern)
        if unfit_source(view, pattern, doers):
            return None  # "The New York Times investigated": reporting, whatever the model judged
    if verb:
        event = _verb_event(view, token, pattern, index)
    else:
        event = noun_event(view, token, pattern, index, earlier, lexicon)
    if event is None:
        event = build_event(view, token, pattern, [], [], index)
    return None if named_non_actor(view, event) else event
