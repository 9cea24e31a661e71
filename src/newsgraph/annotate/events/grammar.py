"""The clause grammar events are read with: which words are triggers (the lexicon's verb and
noun patterns, phrasal verbs, light verbs, gerunds), helpers and purposes, reduced relatives, and
what a publication verb is."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.annotate.frames import (
    noun_keys,
)
from newsgraph.lexicon.patterns import EventLexicon, Pattern
from newsgraph.models import Event

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


SUBJECT_FROM_OBJECT = {
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


# deaths and injuries that happen "in" an attack ("killed in an air strike")
CASUALTY = {"kill", "wound", "injure", "die", "perish", "hurt", "maim"}


OUTLET_NOUNS = {"media", "medium", "television", "tv", "radio", "newspaper", "agency", "outlet",
                 "press", "channel", "broadcaster", "daily", "news", "website"}  # fmt: skip


_PUBLISHED = {
    "report", "statement", "study", "document", "dossier", "communique", "video", "footage",
    "data", "figure", "book", "film", "detail", "list", "photo", "image", "recording",
    "transcript", "result", "finding", "album", "song", "version", "update", "guideline", "plan",
    "budget", "poll", "survey", "text", "letter", "memo",
}  # fmt: skip


_PARTICIPATING = {"engage", "involve", "participate", "take", "join", "embroil", "lock"}


# a general verb pattern does not apply to its phrasal verbs: "call off" is not "call"
_BLOCKING_PARTICLES = {"off", "down", "out", "up", "back", "away"}


LIGHT_VERBS = {
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


def wish_only(token: Token, lexicon: EventLexicon) -> bool:
    """ "seeking to deepen a partnership", "pledged to free": the verb states an intention to
    do what its complement names; the complement is the event (CAMEO 03 or 13). And "wants"
    is a request only of someone ("wants Putin to attack"), not "if I want"."""
    lemma = token.lemma_.lower()
    return lemma == "want" or (
        lemma in lexicon.modality.intending | {"try", "attempt"}
        and any(
            c.dep_ == "xcomp" and _is_verb(c) and verb_pattern(c, lexicon) is not None
            for c in token.children
        )
    )


def participation_of(token: Token, lexicon: EventLexicon) -> Token | None:
    """The event noun in "engaged peacekeepers in a firefight", "took part in the protests":
    the noun, not the verb, says what happened."""
    if token.lemma_.lower() not in _PARTICIPATING:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun_pattern(noun, lexicon) is not None:
                    return noun
    return None


def _is_verb(token: Token) -> bool:
    return (
        token.pos_ == "VERB"
        or (token.tag_.startswith("VB") and token.pos_ != "AUX")
        or helping(token)
    )


def helping(token: Token) -> bool:
    """ "to help identify victims": the small model sometimes reads "help" before a bare
    infinitive as an auxiliary; it is the verb of helping."""
    return token.dep_ == "aux" and token.lemma_.lower() == "help" and token.head.pos_ == "VERB"


def purpose_of(token: Token) -> Token | None:
    """The verb whose purpose `token` states ("will send a team to help identify victims":
    help -> identify -> send), or None."""
    if helping(token):
        token = token.head
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return token.head
    return None


def _objects(token: Token) -> set[str]:
    """The keys of the verb's objects; a sum of money ("$80", "5,000 euros") is "money". A
    reduced passive's object is the noun it modifies ("a cable released by WikiLeaks")."""
    objects = [c for c in (*token.children, *prepositional_objects(token))
               if c.dep_ in {"dobj", "nsubjpass", "pobj"}]  # fmt: skip
    if token.dep_ == "acl" and token.tag_ == "VBN":
        objects.append(token.head)
    keys = {key for c in objects for key in noun_keys(c)}
    # a sum as the object, or as a range after it: "charged between $910 and $3,250"
    ranged = [c for prep in token.children if prep.dep_ == "prep" for c in prep.children
              if c.dep_ == "pobj"]  # fmt: skip
    if any(c.ent_type_ == "MONEY" for c in (*objects, *ranged)):
        keys.add("money")
    return keys


def excluded_object(token: Token, lexicon: EventLexicon) -> bool:
    """Whether the lexicon rules this verb out by its object (`not_object`: "charged a fee",
    "released a statement"): no coder, rule or learned, makes an event of it."""
    patterns = lexicon.verbs.get(token.lemma_.lower(), ())
    excluded = frozenset().union(*(p.not_object for p in patterns))
    return bool(excluded) and bool(excluded & _objects(token))


def verb_pattern(token: Token, lexicon: EventLexicon) -> Pattern | None:
    candidates = lexicon.verbs.get(token.lemma_.lower(), ())
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    objects = _objects(token)
    # specific patterns (an object, particle or preposition required) win over general ones,
    # whichever file they come from: "struck a deal" is AGREE before "struck" is ASSAULT
    specific = [p for p in candidates if p.object or p.particle or p.with_prep]
    general = [p for p in candidates if not (p.object or p.particle or p.with_prep)]
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    for pattern in specific:
        if pattern.particle and pattern.particle != particle:
            continue
        if pattern.object and not pattern.object & objects:
            continue
        if pattern.object and _object_coded_otherwise(token, pattern, lexicon):
            continue  # "launched a verbal attack": criticism, as the noun's own entry says
        if pattern.with_prep and not pattern.with_prep & preps:
            continue
        if not _voided(pattern, token, objects):
            return pattern
    if not general or particle in _BLOCKING_PARTICLES:
        return None
    return None if _voided(general[0], token, objects) else general[0]


def _object_coded_otherwise(token: Token, pattern: Pattern, lexicon: EventLexicon) -> bool:
    """Whether the object the entry names has an entry of its own, with its modifier, of
    another type: "a verbal attack" is ACCUSE, so "launched a verbal attack" is no assault."""
    for child in token.children:
        if child.dep_ != "dobj" or not pattern.object & set(noun_keys(child)):
            continue
        own = noun_pattern(child, lexicon)
        if own is not None and " " in own.lemma and own.event != pattern.event:
            return True
    return False


def _voided(pattern: Pattern, token: Token, objects: set[str]) -> bool:
    """Whether the verb's own complements void the entry (`not_object`, `not_after`,
    `demands_only`, `not_before_act`)."""
    if pattern.not_object & objects:
        return True
    if pattern.not_after and pattern.not_after & _openers(token):
        return True
    if pattern.demands_only and _states_a_fact(token):
        return True
    return pattern.not_before_act and _helps_an_act(token)


# the complements that make a verb's object its own: "helped them get", "assist police in"
_OBJECTS = frozenset({"dobj", "iobj", "dative"})


def _helps_an_act(verb: Token) -> bool:
    """Whether the verb takes a verbal complement and no object of its own: "helped manage the
    delivery", "help to protect the forest" tell the act helped, which the lexicon codes on its
    own; "helped them get benefits" names whom it helped."""
    children = list(verb.children)
    acts = any(c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"} for c in children)
    return acts and not any(c.dep_ in _OBJECTS for c in children)


# a finite verb form: the clause it heads tells what is, was or will be
_FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP"})
# modals that ask for an act ("insisted that he should resign")
_DEMANDING_MODALS = frozenset({"should", "must", "shall"})


def _states_a_fact(verb: Token) -> bool:
    """Whether the verb's complement clause is a statement (a finite verb, or a modal that
    predicts) rather than a demand (a subjunctive "that the budget include", "should")."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        helpers = [c for c in clause.children if c.dep_ in {"aux", "auxpass"}]
        if any(h.lower_ in _DEMANDING_MODALS for h in helpers):
            return False
        return clause.tag_ in _FINITE_TAGS or any(
            h.tag_ in _FINITE_TAGS or h.tag_ == "MD" for h in helpers
        )
    return False


def _openers(token: Token) -> set[str]:
    """The verb's prepositions and the words opening its complement clauses ("asked about",
    "asked if", "agreed with him to leave")."""
    words = {c.lower_ for c in token.children if c.dep_ == "prep" and not _temporal(c)}
    for clause in token.children:
        if clause.dep_ in {"ccomp", "advcl"}:
            words |= {c.lower_ for c in clause.children if c.dep_ in {"mark", "advmod"}}
        elif clause.dep_ == "xcomp":
            words |= {c.lower_ for c in clause.children if c.dep_ == "aux"}
    return words


def _temporal(prep: Token) -> bool:
    """A preposition of time ("on Monday", "in May"), which says nothing of what the verb
    means."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def prepositional_objects(token: Token) -> list[Token]:
    """The object of a prepositional verb: "advised against travel", "called for talks"."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"against", "for"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def noun_pattern(token: Token, lexicon: EventLexicon) -> Pattern | None:
    """The noun's entry; a two-word entry ("hunger strike", "air strike": modifier and noun)
    before the noun's own ("strike"). A gerund's lemma is the verb's ("shelling": "shell"),
    so its own form is tried too."""
    keys = [*noun_keys(token), token.lower_]
    candidates = next((lexicon.nouns[k] for k in keys if k in lexicon.nouns), ())
    return candidates[0] if candidates else None


def verbal(token: Token, lexicon: EventLexicon) -> bool:
    """Whether the token is coded as a verb (a gerund used as an event noun is not)."""
    return _is_verb(token) and not nominal_gerund(token, lexicon)


def nominal_gerund(token: Token, lexicon: EventLexicon) -> bool:
    """ "died in Russian artillery shelling": a gerund the parser tags as a verb but uses as
    the object of a preposition, without an object of its own, is the event noun."""
    return (
        token.tag_ == "VBG"
        and token.dep_ == "pobj"
        and not any(c.dep_ in {"dobj", "nsubj"} for c in token.children)
        and token.lower_ in lexicon.nouns
    )


def gerund_attack(token: Token) -> Token | None:
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
        and token.head.lemma_.lower() in CASUALTY
    ):
        return previous
    return None


def reduced_relative(token: Token) -> bool:
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


def publishes(token: Token) -> bool:
    """ "released a report", "a statement released on Tuesday": publishing, not freeing."""
    if token.lemma_.lower() not in {"release", "free"}:
        return False
    patients = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if token.dep_ == "acl":
        patients.append(token.head)
    return any(p.lemma_.lower() in _PUBLISHED for p in patients)


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The token the event was coded from: its trigger's words inside its evidence span."""
    evidence = event.evidence
    span = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if token.text == event.trigger:
            return token
    return span.root if len(span) else None


_FIRST_PERSON = frozenset({"i", "we"})
_PERFORMING_WANTS = frozenset({"want", "like", "wish"})
# auxiliaries that leave a first-person act performed as it is said ("I do urge", "we would
# like to"); "will", "can", "must" do not ("we will not tolerate" is a vow about later)
_PRESENT_AUX = frozenset({"do", "would", "'d"})
_PROGRESSIVE_AUX = frozenset({"am", "are", "'m", "'re"})  # "I am asking", "we're calling"


def performed_in_saying(token: Token, performatives: frozenset[str]) -> bool:
    """Whether the word is an act done by saying it (`performatives` of the modality cues),
    present tense, with a first-person subject: "I urge", "we strongly reject", "I am
    asking", "I want to thank" (not "I urged", "we will sign"). Quoted, such an act is the
    speaker's own, asserted, not a report."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in performatives:
        return False
    if token.dep_ == "xcomp" and token.head.lemma_ in _PERFORMING_WANTS:
        token = token.head  # "I want to thank", "we would like to invite"
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in _FIRST_PERSON:
        return False
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if token.tag_ == "VBP":
        return not aux - _PRESENT_AUX
    return token.tag_ == "VBG" and bool(aux & _PROGRESSIVE_AUX)
