"""Who says what: the reporting verbs of the lexicon (`SpeechVerbs`), and each speech verb's
speaker and addressee (`Parties`): its subject or the name right before it, an "according to"
source, or a speaker named only by what it is ("officials said")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.annotate.events import subject_of
from newsgraph.annotate.frames import Actor, DocView
from newsgraph.models import Agent, EntityType

# the stances a reporting verb gives its quote (words.yaml `stance_<name>` lists); any other
# speech verb (words.yaml `speech_verbs`) states
STANCES = ("accuse", "deny", "warn", "claim", "announce", "praise", "criticise")


@dataclass(frozen=True, slots=True)
class SpeechVerbs:
    """The lexicon's reporting verbs (lemmas), and the stance of those that take one."""

    verbs: frozenset[str]
    stance: dict[str, str]
    # the words after which a quoted phrase is a name, not words said: 'alias "Cobra"'
    naming: frozenset[str] = frozenset()

    @classmethod
    def of(cls, words: Mapping[str, frozenset[str]]) -> SpeechVerbs:
        """From the lexicon's word lists (`Lexicon.words`, the user's files merged in)."""
        stance = {verb: name for name in STANCES for verb in words.get(f"stance_{name}", ())}
        verbs = words.get("speech_verbs", frozenset()) | frozenset(stance)
        return cls(verbs, stance, words.get("naming_words", frozenset()))


class Parties:
    """Speech verbs per sentence, and each verb's speaker and addressee, worked out once: a
    sentence of a thousand quotes around one "said" asks the same questions a thousand times."""

    def __init__(self, view: DocView, speech: SpeechVerbs) -> None:
        self.view = view
        self.speech = speech
        self.unnamed_view = view.with_unnamed()
        self._verbs: dict[int, list[Token]] = {}
        self._of_verb: dict[int, tuple[str | None, str | None]] = {}

    def speech_verbs(self, sentence: int) -> list[Token]:
        if sentence not in self._verbs:
            self._verbs[sentence] = [
                t
                for t in self.view.sents[sentence]
                if t.lemma_.lower() in self.speech.verbs and t.pos_ == "VERB"
            ]
        return self._verbs[sentence]

    def of(self, verb: Token) -> tuple[str | None, str | None]:
        if verb.i not in self._of_verb:
            self._of_verb[verb.i] = (_speaker(self.view, verb), _addressee(self.view, verb))
        return self._of_verb[verb.i]

    def unnamed(self, verb: Token) -> tuple[str | None, Agent | None]:
        """The verb's speaker named only by what it is ("officials said", "police told"), and
        the home state it stands for ("the government said" in a story about one state)."""
        subjects = subject_of(self.unnamed_view, verb)
        return next(
            ((a.entity or None, a.agent) for a in subjects
             if a.agent is not None and (not a.entity or a.via == "home")),
            (None, None),
        )  # fmt: skip


def according_to(
    parties: Parties, sentence: int, start: int, end: int
) -> tuple[str | None, Agent | None]:
    """The source an "according to" outside the quote names in its sentence ("According to
    political scholar Kelly Dittmar, "Women hold ...""): the quote's speaker, or what kind of
    speaker it is when it is named only so ("according to officials")."""
    view = parties.view
    for token in view.sents[sentence]:
        prep = according_to_prep(token)
        if prep is None or start <= token.idx < end:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            actors = [a for a in parties.unnamed_view.actors(obj) if not _nationality_only(view, a)]
            named = next((a for a in actors if a.entity), None)
            if named is not None:  # "according to authorities" keeps what they are
                return named.entity, named.agent if named.via == "home" else None
            apposed = name_apposed(view, obj)
            if apposed is not None:  # "According to the El Paso mayor, Dee Margo, ..."
                return apposed[0], None
            agent = next((a.agent for a in actors if a.agent is not None), None)
            if agent is not None:
                return None, agent
    return None, None


def name_apposed(view: DocView, obj: Token) -> tuple[str, int] | None:
    """A person's name between commas right after an "according to" phrase, which the small
    parser makes the subject of the reported clause ("According to the El Paso mayor, Dee
    Margo, police were investigating"): the person, and the index of the comma after the
    name."""
    doc = obj.doc
    if obj.tag_ != "NN":
        return None  # one person's title ("the mayor"), not "official statements"
    at = obj.right_edge.i + 1
    if at + 1 >= len(doc) or doc[at].text != ",":
        return None
    entity = view.entity_of(doc[at + 1])
    if entity is None or view.entities[entity].type != EntityType.PERSON:
        return None
    end = view.mention_span.get(at + 1, (at + 1, at + 2))[1]
    return (entity, end) if end < len(doc) and doc[end].text == "," else None


def _speaker(view: DocView, verb: Token) -> str | None:
    subjects = [a for a in subject_of(view, verb) if not _nationality_only(view, a)]
    if subjects:
        return subjects[0].entity
    return _name_before(view, verb)


def _name_before(view: DocView, verb: Token) -> str | None:
    """The name right before a reporting verb the parser left with no subject: in '"...",
    Caloundra coach Geoff Ingram said' it reads "coach" as a verb and "Caloundra" as its
    subject, and "said" has none."""
    before = verb.i - 1
    if before < verb.sent.start or (verb.i + 1 < len(verb.doc) and verb.nbor().is_alpha):
        return None  # a name that ends the sentence's words right before "said."
    entity = view.entity_of(verb.doc[before])
    if entity is None or view.entities[entity].type not in _SPEAKER_TYPES:
        return None
    return entity


_SPEAKER_TYPES = frozenset({EntityType.PERSON, EntityType.ORGANIZATION, EntityType.MEDIA})


def _nationality_only(view: DocView, actor: Actor) -> bool:
    """ "Russian military analysts believe": a nationality on a noun that names no institution
    (analysts, experts, sources) does not make the state or its army the speaker; an
    organisation's spokesman or professor still speaks for it."""
    return (
        actor.via == "modifier"
        and actor.agent is None
        and view.entities[actor.entity].type in {EntityType.STATE, EntityType.ARMED_FORCE}
    )


def _addressee(view: DocView, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj"}:
            actors = view.actors(child)
            if actors:
                return actors[0].entity
        if child.dep_ == "prep" and child.lower_ == "to":
            for pobj in child.children:
                actors = view.actors(pobj)
                if actors:
                    return actors[0].entity
    return None


def according_to_prep(token: Token) -> Token | None:
    if token.lower_ != "according":
        return None
    return next((c for c in token.children if c.lower_ == "to" and c.dep_ == "prep"), None)
