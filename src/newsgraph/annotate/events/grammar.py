"""The clause grammar events are read with: which words are triggers (light verbs, gerunds,
participation, wishes), helpers and purposes, reduced relatives, and what a publication verb
is. Which lexicon entry a word takes is `annotate/events/entries.py`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.annotate.events.entries import noun_pattern, verb_pattern
from newsgraph.lexicon.patterns import EventLexicon
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


def asks(token: Token) -> bool:
    """Whether the word is a verb of a direct question ("Did they help?", "Which individuals
    would you ask to be in your cabinet?"): a question asks about an act, it tells of none.
    Nouns are left alone: "the conflict" in "What are your views on the conflict?" is
    presupposed."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    # the first stop after the word: the parser often runs an interview's question and the
    # answer after it into one sentence
    for word in token.doc[token.i + 1 : token.sent.end]:
        if word.text in _STOPS or (word.is_space and "\n" in word.text):
            return word.text == "?"
    return False


_STOPS = frozenset({".", "!", "?"})


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


# the ties of a clause that completes another's verb or noun ("accused of stealing",
# "urged them to leave", "said that ...")
_COMPLEMENT_CLAUSES = frozenset({"pcomp", "xcomp", "ccomp", "advcl"})


def in_complement_clause(token: Token, trigger: Token) -> bool:
    """Whether `token` belongs to a clause that completes `trigger` (its own verb between
    them): "police were accused of stealing food from the Food Ministry": the ministry is
    in what the police are said to have done, and no accuser."""
    head = token
    for _ in range(len(token.doc)):
        if head.i == trigger.i or head.head.i == head.i:
            return False
        if head.dep_ in _COMPLEMENT_CLAUSES and _is_verb(head):
            return _is_below(head, trigger)
        head = head.head
    return False


def _is_below(token: Token, trigger: Token) -> bool:
    return any(a.i == trigger.i for a in token.ancestors)
