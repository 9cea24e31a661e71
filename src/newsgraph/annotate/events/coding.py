"""The CAMEO code of an event: intentions (CAMEO 03 and 13), military means, riots,
refusals, and the confidence of a rule-coded event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from newsgraph.annotate.events.grammar import purpose_of
from newsgraph.annotate.frames import (
    MUNITIONS,
    Actor,
)
from newsgraph.lexicon.patterns import ModalityCues, Pattern
from newsgraph.models import Agent, Modality

# who strikes in the labour sense: workers, teachers, doctors, the opposition
_STRIKERS = {"LAB", "EDU", "HLH", "OPP"}


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


def military_means(token: Token, pattern: Pattern) -> Pattern:
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


def rioting(pattern: Pattern, doer: Agent | None) -> Pattern:
    """Property destroyed by protesters is a riot: PLOVER PROTEST (mode riot), CAMEO 145
    ("the building was demolished by a protester"); their armed attacks stay ASSAULT. And a
    strike by workers, teachers or doctors is a labour strike (CAMEO 143), not an attack."""
    if doer is not None and doer.code == "OPP" and pattern.cameo.startswith("171"):
        return replace(pattern, event="PROTEST", cameo="145", mode="riot", context=None)
    if doer is not None and doer.code in _STRIKERS and pattern.lemma == "strike":
        return replace(pattern, event="PROTEST", cameo="143", mode="strike", context=None)
    return pattern


def coding_of(
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
    purpose = purpose_of(token)
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


def _refuses(token: Token, pattern: Pattern) -> bool:
    """The source itself declines to cooperate ("would not provide support"); a negation
    inherited from a governing verb ("would not allow Russia to help") is someone else's."""
    return pattern.event in _COOPERATIVE and any(c.dep_ == "neg" for c in token.children)


def confidence_of(source: Sequence[Actor], target: Sequence[Actor]) -> float:
    score = 0.4 + 0.2 * bool(source) + 0.2 * bool(target)
    weak = {"pronoun", "of", "agent", "home"}
    if any(a.via in weak for a in [*source, *target]):
        score -= 0.1
    return round(score, 2)
