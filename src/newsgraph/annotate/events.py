"""Events: who did what to whom, from the dependency parse and the PLOVER lexicon.

A verb or noun whose lemma the lexicon knows is a trigger. Its source is the subject (the
agent in the passive; inherited along "agreed to ...", "... and then attacked", relative
clauses and "X urged Y to ..."); its target sits in the slot the lexicon names (direct object,
"with", "against" ...). Nominal triggers take the possessor, "by X", a modifier ("Russian
deployment") or the subject of a light verb ("held talks"). Modality comes from negation,
modals, governing verbs ("denied", "threatened", "plans to") and reporting verbs ("X said").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from newsgraph.annotate.frames import (
    ACTOR_TYPES,
    MUNITIONS,
    RELATIVE_PRONOUNS,
    Actor,
    DocView,
    agent,
    ids,
    noun_keys,
)
from newsgraph.lexicon.patterns import EventLexicon, ModalityCues, Pattern
from newsgraph.models import Agent, EntityType, Event, Modality

REPORTING = {
    "say",
    "tell",
    "announce",
    "state",
    "report",
    "claim",
    "insist",
    "add",
    "note",
    "declare",
    "confirm",
    "write",
    "stress",
    "argue",
    "explain",
    "assert",
    "believe",
    "think",
    "suggest",
    "imply",
    "indicate",
    "acknowledge",
    "admit",
    "estimate",
    "reveal",
    "allege",
    "contend",
}
_SUBJECT_FROM_OBJECT = {
    "ask",
    "urge",
    "want",
    "tell",
    "persuade",
    "call",
    "order",
    "force",
    "press",
    "pressure",
    "encourage",
    "invite",
    "allow",
    "permit",
    "convince",
    "help",
    "expect",
    "need",
}
# the words that set modality and intention are data: lexicon/events/modality.yaml (the
# view's `modality` cues)
_ACCUSABLE = {"ASSAULT", "COERCE"}
# deaths and injuries that happen "in" an attack ("killed in an air strike")
_CASUALTY = {"kill", "wound", "injure", "die", "perish", "hurt", "maim"}
# who strikes in the labour sense: workers, teachers, doctors, the opposition
_STRIKERS = {"LAB", "EDU", "HLH", "OPP"}
_OUTLET_NOUNS = {"media", "medium", "television", "tv", "radio", "newspaper", "agency", "outlet",
                 "press", "channel", "broadcaster", "daily", "news", "website"}  # fmt: skip
_PUBLISHED = {
    "report", "statement", "study", "document", "dossier", "communique", "video", "footage",
    "data", "figure", "book", "film", "detail", "list", "photo", "image", "recording",
    "transcript", "result", "finding", "album", "song", "version", "update", "guideline", "plan",
    "budget", "poll", "survey", "text", "letter", "memo",
}  # fmt: skip
_PARTICIPATING = {"engage", "involve", "participate", "take", "join", "embroil", "lock"}
# CAMEO has no negation: "would not provide support" is its 12 Reject ("refuse to ..."), which
# GDELT users would otherwise read as support. PLOVER keeps the type with `negated`.
_COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
_REFUSAL = "120"
# Both codebooks code a stated intention, not the act intended: "seeks to deepen a partnership",
# "announced it would free prisoners" are CAMEO 03 (express intent to cooperate) and PLOVER
# AGREE; "wants to attack", "threatened to impose sanctions" are CAMEO 13 and PLOVER THREATEN
# (the intending verbs: the `intending` cues). The trigger and the CAMEO sub-code still name
# the act intended.
_INTENT_TO_COOPERATE = {"AGREE": "030", "SUPPORT": "032", "CONSULT": "036", "COOPERATE": "031",
                        "AID": "033", "CONCEDE": "035", "RETREAT": "035"}  # fmt: skip
_THREAT = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "1312"}
# a general verb pattern does not apply to its phrasal verbs: "call off" is not "call"
_BLOCKING_PARTICLES = {"off", "down", "out", "up", "back", "away"}
_LIGHT_VERBS = {
    "order",
    "open",
    "announce",
    "call",
    "demand",
    "stag",
    "hold",
    "launch",
    "carry",
    "conduct",
    "stage",
    "make",
    "issue",
    "give",
    "take",
    "begin",
    "start",
    "continue",
    "resume",
    "have",
    "mount",
    "lead",
    "organize",
    "organise",
    "happen",
    "occur",
    "follow",
}


def find_events(view: DocView, lexicon: EventLexicon) -> list[Event]:
    """Every event the lexicon's triggers yield in the document, in text order."""
    view = view.with_unnamed()  # "insurgents bombarded ...": a side need not be an entity
    events: list[Event] = []
    used_objects: set[int] = set()  # nouns a verb's event already covers
    for token in view.tokens:
        pattern = _verb_pattern(token, lexicon) if _verbal(token, lexicon) else None
        if pattern is None or token.i in used_objects or _participation(token, lexicon):
            continue
        if _done_by_a_non_actor(view, token):
            continue  # "the typhoon struck Japan", "the disease killed him"
        means = _attack_means(view, token, lexicon)
        event = _verb_event(view, token, pattern, len(events), means)
        if event is not None and not (event.target == () and _wish_only(token, lexicon)):
            events.append(event)
            events += _accusation(view, token, event, len(events))
            used_objects.update(c.i for c in token.children if c.dep_ == "dobj")
            if means is not None:
                used_objects.add(means.token.i)  # one killing "in an air strike", not two
    for token in view.tokens:
        nominal = token.pos_ in {"NOUN", "PROPN"} or _nominal_gerund(token, lexicon)
        if nominal and token.i not in used_objects:
            noun = _noun_pattern(token, lexicon)
            if noun is not None:
                event = _noun_event(view, token, noun, len(events), events, lexicon)
                if event is not None:
                    events.append(event)
                    events += _accusation(view, token, event, len(events))
    events = [e for e in events if not _named_non_actor(view, e)]
    events.sort(key=lambda e: e.evidence.start)
    events = _without_repeats(view, events)
    return [replace(e, id=f"e{i + 1}") for i, e in enumerate(events)]


def _without_repeats(view: DocView, events: list[Event]) -> list[Event]:
    """A later nominal mention of an event already told, with the same word and type ("the
    shooting", "the deal"), refers back to it: the guideline counts an event again only when
    a new sentence re-reports it with new information, which a bare noun rarely is."""
    told: set[tuple[str, str]] = set()
    kept = []
    for event in events:
        key = (event.type, event.trigger.lower())
        if key in told and _nominal(view, event):
            continue
        told.add(key)
        kept.append(event)
    return kept


def _nominal(view: DocView, event: Event) -> bool:
    span = view.doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    return span is not None and any(
        t.text == event.trigger and t.pos_ in {"NOUN", "PROPN"} for t in span
    )


def _done_by_a_non_actor(view: DocView, token: Token) -> bool:
    """The verb's subject (or passive agent) is a noun the lexicon says is no actor."""
    for child in token.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in view.not_actors:
            return True
        if child.dep_ == "agent" and any(
            g.lemma_.lower() in view.not_actors for g in child.children
        ):
            return True
    return False


def _named_non_actor(view: DocView, event: Event) -> bool:
    """A source named after a non-actor ("Typhoon Hagibis", "Hurricane Dorian")."""
    for entity_id in event.source:
        entity = view.entities.get(entity_id)
        words = entity.name.lower().split() if entity else []
        if words and (words[0] in view.not_actors or words[-1] in view.not_actors):
            return True
    return False


def _wish_only(token: Token, lexicon: EventLexicon) -> bool:
    """ "seeking to deepen a partnership", "pledged to free": the verb states an intention to
    do what its complement names; the complement is the event (CAMEO 03 or 13). And "wants"
    is a request only of someone ("wants Putin to attack"), not "if I want"."""
    lemma = token.lemma_.lower()
    return lemma == "want" or (
        lemma in lexicon.modality.intending | {"try", "attempt"}
        and any(
            c.dep_ == "xcomp" and _is_verb(c) and _verb_pattern(c, lexicon) is not None
            for c in token.children
        )
    )


def _participation(token: Token, lexicon: EventLexicon) -> Token | None:
    """The event noun in "engaged peacekeepers in a firefight", "took part in the protests":
    the noun, not the verb, says what happened."""
    if token.lemma_.lower() not in _PARTICIPATING:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ == "pobj" and _noun_pattern(noun, lexicon) is not None:
                    return noun
    return None


def _is_verb(token: Token) -> bool:
    return (
        token.pos_ == "VERB"
        or (token.tag_.startswith("VB") and token.pos_ != "AUX")
        or _helping(token)
    )


def _helping(token: Token) -> bool:
    """ "to help identify victims": the small model sometimes reads "help" before a bare
    infinitive as an auxiliary; it is the verb of helping."""
    return token.dep_ == "aux" and token.lemma_.lower() == "help" and token.head.pos_ == "VERB"


def _purpose(token: Token) -> Token | None:
    """The verb whose purpose `token` states ("will send a team to help identify victims":
    help -> identify -> send), or None."""
    if _helping(token):
        token = token.head
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return token.head
    return None


def _verb_pattern(token: Token, lexicon: EventLexicon) -> Pattern | None:
    candidates = lexicon.verbs.get(token.lemma_.lower(), ())
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    objects = {
        key
        for c in (*token.children, *_prepositional_objects(token))
        if c.dep_ in {"dobj", "nsubjpass", "pobj"}
        for key in noun_keys(c)
    }
    # specific patterns (an object or particle required) win over general ones, whichever
    # file they come from: "struck a deal" is AGREE before "struck" is ASSAULT
    specific = [p for p in candidates if p.object or p.particle]
    general = [p for p in candidates if not (p.object or p.particle)]
    for pattern in specific:
        if pattern.particle and pattern.particle != particle:
            continue
        if pattern.object and not pattern.object & objects:
            continue
        return pattern
    return general[0] if general and particle not in _BLOCKING_PARTICLES else None


def _prepositional_objects(token: Token) -> list[Token]:
    """The object of a prepositional verb: "advised against travel", "called for talks"."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"against", "for"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _noun_pattern(token: Token, lexicon: EventLexicon) -> Pattern | None:
    """The noun's entry; a two-word entry ("hunger strike", "air strike": modifier and noun)
    before the noun's own ("strike"). A gerund's lemma is the verb's ("shelling": "shell"),
    so its own form is tried too."""
    keys = [*noun_keys(token), token.lower_]
    candidates = next((lexicon.nouns[k] for k in keys if k in lexicon.nouns), ())
    return candidates[0] if candidates else None


def _verbal(token: Token, lexicon: EventLexicon) -> bool:
    """Whether the token is coded as a verb (a gerund used as an event noun is not)."""
    return _is_verb(token) and not _nominal_gerund(token, lexicon)


def _nominal_gerund(token: Token, lexicon: EventLexicon) -> bool:
    """ "died in Russian artillery shelling": a gerund the parser tags as a verb but uses as
    the object of a preposition, without an object of its own, is the event noun."""
    return (
        token.tag_ == "VBG"
        and token.dep_ == "pobj"
        and not any(c.dep_ in {"dobj", "nsubj"} for c in token.children)
        and token.lower_ in lexicon.nouns
    )


# --- verbs ------------------------------------------------------------------------------------


def _verb_event(
    view: DocView, token: Token, pattern: Pattern, index: int, means: _Means | None = None
) -> Event | None:
    if _publishes(token):
        return None
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    attack = _gerund_attack(token)
    if attack is not None:
        # "died in Russian artillery shelling": who shelled is in the misparsed phrase, and
        # those who died are its victims
        source = view.actors(attack)
        target = _casualties(view, token.head)
    elif _reduced_relative(token):
        source = view.agents(token)  # "the civilians imprisoned ... were released"
        target = view.children_actors(token, {"nsubj"})
    elif passive:
        source = view.agents(token)
        target = view.children_actors(token, {"nsubjpass"})
        if not target and token.dep_ == "conj":
            # "the civilians imprisoned ... were released by Putin": a shared subject
            target = view.children_actors(token.head, {"nsubj", "nsubjpass"})
        if pattern.object and not target:
            target = _target(view, token, pattern)  # "evidence against Russia was presented"
        if not source and pattern.event == "ASSAULT":
            source = _origin(view, token)  # "a mortar bomb was fired at it from Gaza"
    elif token.dep_ == "acl" and token.tag_ == "VBN":
        source = view.agents(token)  # "ten soldiers killed by a mine": a reduced passive
        target = view.actors(token.head)
    elif pattern.verb_source:
        # "received weapons from the government": the giver is in a prepositional phrase
        target = subject_of(view, token)
        source = [a for slot in pattern.verb_source for a in _slot_actors(view, token, slot)]
    else:
        source = subject_of(view, token)
        target = _target(view, token, pattern)
    if pattern.event == "PROTEST" and not target:
        target = _opposed(view, token)
    if means is not None and (passive or token.dep_ == "acl"):
        # "were killed in an Israeli air strike": the strike says who killed, and how
        source = source or means.doers
        pattern = replace(
            pattern, cameo=means.pattern.cameo, mode=means.pattern.mode,
            context=means.pattern.context,
        )  # fmt: skip
    target = _distinct(source, target)
    if not source and (not target or _mishap(view, token)):
        return None  # "victims killed by the crash": an accident, not an assault
    if _unfit_target(view, pattern, target):
        return None  # "spoke to NBC News": an interview, not a meeting
    event = _event(view, token, pattern, source, target, index)
    if means is not None and event.location is None:
        # "killed in Israeli shelling in Gaza": the place of the shelling
        places = view.places(view.clause(means.token), means.token)
        event = replace(event, location=places[0] if places else None)
    return event


def _unfit_target(view: DocView, pattern: Pattern, target: Sequence[Actor]) -> bool:
    """The pattern needs a target and has none, or its target is of a type it excludes."""
    if pattern.needs_target and not target:
        return True
    return any(
        a.entity is not None
        and a.entity in view.entities
        and view.entities[a.entity].type.value in pattern.not_with
        for a in target
    )


def _mishap(view: DocView, verb: Token) -> bool:
    """The verb's "by" names an accident or a disaster: "killed by the crash"."""
    return any(
        pobj.dep_ == "pobj" and pobj.lemma_.lower() in view.not_actors
        for by in verb.children
        if by.lower_ == "by"
        for pobj in by.children
    )


def _opposed(view: DocView, verb: Token) -> list[Actor]:
    """ "Opponents of Rwanda's Senate protested": against the Senate."""
    for subject in verb.children:
        found = view.agent_of(subject) if subject.dep_ == "nsubj" else None
        if found is not None and found.code == "OPP":
            return view.prep_actors(subject, {"of"})
    return []


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
    if token.lemma_.lower() not in _CASUALTY:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "during"}:
            for noun in child.children:
                pattern = _noun_pattern(noun, lexicon) if noun.dep_ == "pobj" else None
                if pattern is not None and pattern.event == "ASSAULT":
                    return _Means(noun, pattern, _noun_source(view, noun, pattern))
        attack = _gerund_attack(child)
        pattern = _verb_pattern(child, lexicon) if attack is not None else None
        if attack is not None and pattern is not None and pattern.event == "ASSAULT":
            return _Means(child, pattern, view.actors(attack))
    return None


def _gerund_attack(token: Token) -> Token | None:
    """ "killed in Israeli tank shelling": the small model reads "shelling" as a verb of its
    own and "Israeli tank" as the object of "in". Returns that object, which names who
    shelled, when `token` is such a gerund."""
    if token.tag_ != "VBG" or token.dep_ not in {"advcl", "acl"} or token.i == 0:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "dobj", "mark"} for c in token.children):
        return None
    previous = token.doc[token.i - 1]
    if (
        previous.dep_ == "pobj"
        and previous.head.lower_ in {"in", "during"}
        and previous.head.head.i == token.head.i
        and token.head.lemma_.lower() in _CASUALTY
    ):
        return previous
    return None


def _casualties(view: DocView, verb: Token) -> list[Actor]:
    """Who died or was hurt: the subject of "died", "were killed"."""
    if verb.lemma_.lower() not in _CASUALTY:
        return []
    return view.children_actors(verb, {"nsubj", "nsubjpass"})


def _reduced_relative(token: Token) -> bool:
    """ "The civilians imprisoned for ... were released": the parser reads "imprisoned" as
    the main verb with "civilians" its subject, and "were released" as its conjunct. A verb
    without object or auxiliary whose conjunct is a passive without a subject of its own
    describes its "subject", who underwent it."""
    if token.tag_ != "VBD" or not any(c.dep_ == "nsubj" for c in token.children):
        return False
    if any(c.dep_ in {"dobj", "aux", "auxpass", "ccomp", "xcomp"} for c in token.children):
        return False
    return any(
        c.dep_ == "conj"
        and any(g.dep_ == "auxpass" for g in c.children)
        and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
        for c in token.children
    )


def _publishes(token: Token) -> bool:
    """ "released a report", "a statement released on Tuesday": publishing, not freeing."""
    if token.lemma_.lower() not in {"release", "free"}:
        return False
    patients = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if token.dep_ == "acl":
        patients.append(token.head)
    return any(p.lemma_.lower() in _PUBLISHED for p in patients)


def _origin(view: DocView, token: Token) -> list[Actor]:
    """The place an attack came "from", standing for whoever attacked from there."""
    found = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for pobj in prep.children:
                entity = view.entity_of(pobj)
                if entity is not None and view.entities[entity].country:
                    found.append(Actor(entity, "origin"))
    return found


def _accusation(view: DocView, token: Token, event: Event, index: int) -> list[Event]:
    """ "The US said Iraq had attacked", "Israel said a bomb was fired at it from Gaza": a
    party that reports another's violence accuses it (CAMEO 112, as PETRARCH and GDELT code
    it). A news outlet's report is not an accusation, nor is a party's report of its own acts."""
    speaker = view.entities.get(event.attributed_to or "")
    if (
        event.type not in _ACCUSABLE
        or event.modality not in {Modality.REPORTED, Modality.ALLEGED}
        or speaker is None
        or speaker.type not in ACTOR_TYPES - {EntityType.MEDIA}
        or not (event.source or event.source_agent)
        or _same_side(view, speaker.id, event.source)
    ):
        return []
    verb = _reporting_verb(view, token)
    if verb is None or any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _OUTLET_NOUNS for c in verb.children
    ):
        return []  # "Syrian state media reported ...": an outlet, named by its country
    return [
        replace(
            event,
            id=f"e{index + 1}",
            type="ACCUSE",
            cameo="112",
            mode="allege",
            context=None,
            source=(speaker.id,),
            target=event.source,
            source_agent=None,
            target_agent=event.source_agent,  # "killed in an air strike by government forces"
            trigger=verb.text,
            evidence=view.evidence(view.clause(verb)),
            modality=Modality.ASSERTED,
            mutual=False,
            attributed_to=None,
            confidence=round(event.confidence - 0.1, 2),
        )
    ]


def _same_side(view: DocView, speaker: str, sources: Sequence[str]) -> bool:
    """The speaker is among the doers, or of their one country ("the US launched an air
    strike, the US Central Command said"). Unnamed doers ("government forces") are no side."""
    if speaker in sources:
        return True
    country = view.entities[speaker].country
    return (
        country is not None
        and bool(sources)
        and all(view.entities[s].country == country for s in sources)
    )


def _reporting_verb(view: DocView, token: Token) -> Token | None:
    """The verb of saying or claiming whose content is `token`'s clause (or a clause joined
    to it: "claimed that ISIL had attacked Iraq and taken Mosul")."""
    node = token.head if token.dep_ == "conj" else token
    if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING | view.modality.alleging:
        return node.head
    return None


def _named(actors: Sequence[Actor]) -> str | None:
    """The first entity among the actors (a speaker is an entity, not "officials")."""
    return next((a.entity for a in actors if a.entity), None)


def _distinct(source: Sequence[Actor], target: Sequence[Actor]) -> list[Actor]:
    """Targets other than the source. Two groups of one country stay apart ("Georgian
    demonstrators attacked the Georgian government"); the same named actor does not."""
    named = {a.entity for a in source if a.via == "mention"}
    return [a for a in target if not (a.via == "mention" and a.entity in named)]


def _event(
    view: DocView,
    token: Token,
    pattern: Pattern,
    source: Sequence[Actor],
    target: Sequence[Actor],
    index: int,
) -> Event:
    clause = view.clause(token)
    sentence = view.sentence_index(token)
    date, basis = view.date_for(sentence, clause)
    modality, negated, speaker = modality_of(view, token)
    pattern = _military_means(token, _rioting(pattern, agent(source)))
    own = _speaks_for(view, speaker, source)
    kind, cameo = _coding(view.modality, token, pattern, modality, own)
    citation = view.citation_for(sentence)
    places = view.places(clause, token)
    if not places and token.dep_ in {"advcl", "xcomp", "conj"}:
        # "will meet in Zurich to discuss ...": the purpose happens where the meeting does
        places = view.places(view.clause(token.head), token.head)
    if not places:
        places = view.named_venue(token)  # "attend the Beijing Olympics", "the Minsk talks"
    places = [p for p in places if p not in ids(source) + ids(target)]
    return Event(
        id=f"e{index + 1}",
        type=kind,
        cameo=cameo,
        source=ids(source),
        target=ids(target),
        trigger=token.text,
        evidence=view.evidence(clause or [token]),
        mode=pattern.mode,
        context=pattern.context,
        date=date,
        date_basis=basis,
        location=places[0] if places else None,
        modality=modality,
        negated=negated,
        # "A met B", or "A, B and C met": each acts with the others
        mutual=pattern.symmetric and bool(source) and (bool(target) or len(source) > 1),
        attributed_to=speaker,
        citation=citation.id if citation else None,
        confidence=_confidence(source, target),
        source_agent=agent(source),
        target_agent=agent(target),
    )


def _military_means(token: Token, pattern: Pattern) -> Pattern:
    """CAMEO tells unconventional violence (18: bombings) from military force (19) by the
    means: "blown up by a surface-to-air missile" is 19, whatever the verb's entry says."""
    if not pattern.cameo.startswith("18"):
        return pattern
    means = [
        pobj
        for prep in token.children
        if prep.dep_ in {"agent", "prep"} and prep.lower_ in {"by", "with"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    if any(m.lemma_.lower() in MUNITIONS - {"bomb", "grenade", "bullet"} for m in means):
        return replace(pattern, cameo="190")
    return pattern


def _rioting(pattern: Pattern, doer: Agent | None) -> Pattern:
    """Property destroyed by protesters is a riot: PLOVER PROTEST (mode riot), CAMEO 145
    ("the building was demolished by a protester"); their armed attacks stay ASSAULT. And a
    strike by workers, teachers or doctors is a labour strike (CAMEO 143), not an attack."""
    if doer is not None and doer.code == "OPP" and pattern.cameo.startswith("171"):
        return replace(pattern, event="PROTEST", cameo="145", mode="riot", context=None)
    if doer is not None and doer.code in _STRIKERS and pattern.lemma == "strike":
        return replace(pattern, event="PROTEST", cameo="143", mode="strike", context=None)
    return pattern


def _coding(
    cues: ModalityCues, token: Token, pattern: Pattern, modality: Modality, own: bool = False
) -> tuple[str, str]:
    """(PLOVER type, CAMEO code): the pattern's, or the codebooks' for refusing, intending or
    threatening it. PLOVER codes a stated willingness to cooperate as AGREE ("offer, promise,
    or otherwise indicate willingness") and an intention to use force as THREATEN."""
    if _refuses(token, pattern):
        return pattern.event, _REFUSAL
    intent = _intention(cues, token, own)
    if pattern.event in _THREAT:
        if modality == Modality.THREATENED or intent not in cues.promising | {None}:
            return "THREATEN", _THREAT[pattern.event]
        return pattern.event, pattern.cameo
    if intent is not None and pattern.event in _INTENT_TO_COOPERATE:
        return "AGREE", _INTENT_TO_COOPERATE[pattern.event]
    return pattern.event, pattern.cameo


def _intention(cues: ModalityCues, token: Token, own: bool = False) -> str | None:
    """The verb stating an intention to do what `token` names: "seeks to deepen", "pledged
    to free", and reporting verbs with a future ("announced it would free"). `own`: the
    speaker speaks for the doer ("Portugal will support ..., Portugal's president said")."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in cues.intending:
        return str(token.head.lemma_.lower())
    purpose = _purpose(token)
    if purpose is not None:
        return _intention(cues, purpose, own)  # "said it will send a team to help": intended
    future = any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in token.children)
    if (
        future
        and token.dep_ == "ccomp"
        and token.head.lemma_.lower() in {"announce", "say", "declare", "state"}
    ):
        # an intention about oneself ("Israel announced it would free": AGREE; "said they
        # will attack Iraq": THREATEN), not the announcement of someone else's schedule
        # ("announced that Pompeo would speak with Lavrov")
        doer = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        speaker = [c.lower_ for c in token.head.children if c.dep_ == "nsubj"]
        if doer and (doer[0].pos_ == "PRON" or doer[0].lower_ in speaker or own):
            return "announce"
    return None


def _speaks_for(view: DocView, speaker: str | None, doers: Sequence[Actor]) -> bool:
    """The speaker is the doer, or speaks for the doer state: its leader, ministry or
    spokesman (an official announcing another person's schedule does not)."""
    named = ids(doers)
    if speaker is None or not named:
        return False
    if speaker in named:
        return True
    country = view.entities[speaker].country
    return country is not None and all(
        view.entities[d].type == EntityType.STATE and view.entities[d].country == country
        for d in named
    )


def _refuses(token: Token, pattern: Pattern) -> bool:
    """The source itself declines to cooperate ("would not provide support"); a negation
    inherited from a governing verb ("would not allow Russia to help") is someone else's."""
    return pattern.event in _COOPERATIVE and any(c.dep_ == "neg" for c in token.children)


def _confidence(source: Sequence[Actor], target: Sequence[Actor]) -> float:
    score = 0.4 + 0.2 * bool(source) + 0.2 * bool(target)
    weak = {"pronoun", "of", "agent"}
    if any(a.via in weak for a in [*source, *target]):
        score -= 0.1
    return round(score, 2)


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
    if _helping(token):
        return _doer(view, token.head, depth + 1)
    head = token.head
    if head.i == token.i:
        return [], False
    if token.dep_ == "xcomp" and head.lemma_.lower() in _SUBJECT_FROM_OBJECT:
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


def _target(view: DocView, token: Token, pattern: Pattern) -> list[Actor]:
    for slot in pattern.target:
        found = _slot_actors(view, token, slot)
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


def _slot_actors(view: DocView, token: Token, slot: str) -> list[Actor]:
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
    heads += _prepositional_objects(token)  # "advised against travel to Tunisia"
    found: list[Actor] = []
    for head in heads:
        for child in head.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ == preposition:
                found += view.children_actors(child, {"pobj", "pcomp"})
    return found


# --- nouns ------------------------------------------------------------------------------------


def _noun_event(
    view: DocView,
    token: Token,
    pattern: Pattern,
    index: int,
    earlier: Sequence[Event],
    lexicon: EventLexicon,
) -> Event | None:
    source = _noun_source(view, token, pattern)
    target: list[Actor] = []
    light = token.dep_ == "dobj" and token.head.lemma_.lower() in _LIGHT_VERBS
    for slot in pattern.target:
        target += _slot_actors(view, token, slot)
        if light and not target and slot.startswith("prep:"):
            # "issued arrest warrants for two men": the parser often hangs the phrase on the verb
            target += _slot_actors(view, token.head, slot)
    if _between(token):
        pair = target or source
        source, target = pair[:1], pair[1:]
    if (
        not source
        and token.dep_ in {"dobj", "nsubj", "nsubjpass"}
        and token.head.lemma_.lower() in _LIGHT_VERBS
    ):
        source = subject_of(view, token.head) if token.dep_ == "dobj" else []
    verb = token.head.head
    noun = _participation(verb, lexicon) if token.dep_ == "pobj" else None
    participation = noun is not None and noun.i == token.i
    if pattern.event == "ASSAULT" and not target and token.dep_ == "pobj":
        target = _casualties(view, token.head.head)  # "two soldiers died in a Russian strike"
    if participation and not source:
        source = subject_of(view, verb)  # "rebels engaged peacekeepers in a firefight"
        target = target or view.children_actors(verb, {"dobj"})
    target = _distinct(source, target)
    if not source and not target:
        return _anaphoric(view, token, pattern, index, earlier)
    trigger = verb if participation else token.head if light else token
    event = _event(view, trigger, pattern, source, target, index)
    # "A engaged B in a firefight": A started it, even if a firefight is mutual
    return replace(event, mutual=False) if participation and target else event


def _noun_source(view: DocView, token: Token, pattern: Pattern) -> list[Actor]:
    """Who did what an event noun names: "Russia's deployment", "an attack by rebels"."""
    source: list[Actor] = []
    for slot in pattern.source:
        if slot in {"poss", "compound", "amod"}:
            source += view.children_actors(token, {slot})
        else:
            source += _slot_actors(view, token, slot)
    return source


def _between(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children)


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
            event = _event(view, token, pattern, [], [], index)
            return replace(
                event,
                source=previous.source,
                target=previous.target,
                source_agent=previous.source_agent,
                target_agent=previous.target_agent,
                confidence=round(previous.confidence - 0.1, 2),
            )
    return None


# --- modality ---------------------------------------------------------------------------------


def modality_of(view: DocView, token: Token) -> tuple[Modality, bool, str | None]:
    """(modality, negated, attributed-to entity) of the clause a trigger heads."""
    negated = any(c.dep_ == "neg" for c in token.children)
    aux = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    modality = Modality.ASSERTED
    cues = view.modality
    if any(c.lower_ in cues.alleged_adverbs for c in token.children):
        modality = Modality.ALLEGED
    if aux & cues.hypothetical_aux:
        modality = Modality.HYPOTHETICAL
    if aux & cues.future_aux or any(c.lower_ == "going" for c in token.children):
        modality = Modality.PLANNED
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in token.children):
        modality = Modality.HYPOTHETICAL
    purpose = _purpose(token)
    if purpose is not None and modality == Modality.ASSERTED:
        # "will send a team to help": a purpose is as certain as the act it is the purpose of
        governing = modality_of(view, purpose)[0]
        if governing in {Modality.PLANNED, Modality.HYPOTHETICAL}:
            modality = governing
    speaker = None
    node, steps = token, 0
    while node.head.i != node.i and steps < 4:
        governor, relation = node.head, node.dep_
        lemma = governor.lemma_.lower()
        if relation == "prep":
            # "accusing the US of supporting": the accusation governs through "of"
            if lemma in cues.alleging and modality == Modality.ASSERTED:
                modality = Modality.ALLEGED
            elif lemma in cues.denying:
                modality = Modality.DENIED
            node, steps = governor, steps + 1
            continue
        if modality == Modality.ASSERTED and (
            (relation == "acl" and lemma in cues.request_nouns)  # "pressure from Congress to help"
            or (
                relation == "advcl"  # "Obama is being pressured by Congress to help Iran"
                and lemma in cues.requesting
                and any(c.dep_ == "nsubjpass" for c in governor.children)
            )
        ):
            modality = Modality.HYPOTHETICAL
        if relation in {"xcomp", "advcl"} and any(c.dep_ == "neg" for c in governor.children):
            negated = True  # "would not give permission to help": the help does not happen
        if relation == "xcomp" and any(
            c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in governor.children
        ):
            modality = Modality.HYPOTHETICAL  # "if they dare to invade": the invasion is not
            break
        if relation in {"xcomp", "ccomp", "pcomp", "pobj"} or (relation == "conj" and steps == 0):
            if lemma in cues.threatening:
                modality = Modality.THREATENED
            elif lemma in cues.denying and relation != "conj":
                modality = Modality.DENIED
            elif lemma in cues.alleging and relation != "conj":
                modality = Modality.ALLEGED
                if relation == "ccomp":  # "the US claimed that ISIL had attacked Iraq"
                    speaker = _named(subject_of(view, governor))
                    break
            elif (
                lemma in cues.requesting
                and relation in {"xcomp", "ccomp"}
                and (relation == "ccomp" or any(c.dep_ == "dobj" for c in governor.children))
                and modality in {Modality.ASSERTED, Modality.PLANNED}
            ):
                modality = Modality.HYPOTHETICAL
            elif lemma in cues.planning and relation == "xcomp" and modality == Modality.ASSERTED:
                modality = Modality.PLANNED
            elif lemma in REPORTING and relation == "ccomp":
                if modality == Modality.ASSERTED:
                    modality = Modality.REPORTED
                elif modality == Modality.HYPOTHETICAL and "would" in aux:
                    modality = Modality.PLANNED  # "announced that Pompeo would speak"
                speaker = _named(subject_of(view, governor))
                break
        node, steps = governor, steps + 1
    if modality == Modality.ASSERTED and speaker is None:
        attributed, source = _according_to(view, token)
        if attributed:  # "according to health officials, 66 people were injured"
            modality = Modality.REPORTED
            speaker = _named(view.actors(source)) if source is not None else None
    return modality, negated, speaker


def _according_to(view: DocView, token: Token) -> tuple[bool, Token | None]:
    """Whether the trigger's sentence attributes its facts with "according to" (anywhere in
    it, before or after the clause), and that phrase's object."""
    sent = view.sents[view.sentence_index(token)]
    if "according to" not in view.text[sent.start_char : sent.end_char].lower():
        return False, None
    for word in sent:
        follower = view.doc[word.i + 1] if word.i + 1 < sent.end else None
        if word.lower_ == "according" and follower is not None and follower.lower_ == "to":
            objects = [c for c in follower.children if c.dep_ == "pobj"]
            return True, objects[0] if objects else None
    return False, None


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
        or _done_by_a_non_actor(view, token)
        or _mishap(view, token)
    ):
        return None
    if _verbal(token, lexicon):
        event = _verb_event(view, token, pattern, index)
    else:
        event = _noun_event(view, token, pattern, index, earlier, lexicon)
    if event is None:
        event = _event(view, token, pattern, [], [], index)
    return None if _named_non_actor(view, event) else event
