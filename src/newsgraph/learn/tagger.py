"""The learned event tagger: which words name an event the guideline counts, and its type.

One multinomial logistic regression, trained on newsgraph-gold (scripts/train_coder.py), reads
every candidate word of a document (verbs and nouns, and every word the rule coder started an
event from) and gives P(type) for the 16 PLOVER types and NONE. The rule
coder's own event at the word, its type, modality and sides, is a feature like the word's lemma,
its neighbours and its place in the parse; so the model learns where the rules are right.

Decoding, with its three settings chosen on dev by the product's own typed F1 (a word two
parse steps or fewer from an event of the type it would add restates that event):
* a rule-coded event whose word the model judges no event (P(NONE) >= `drop`) is dropped: a
  typhoon, an illness, a word the lexicon over-reads;
* one it keeps has the rules' sides, modality and date, the rules' type unless the model
  prefers another by `relabel` or more, and P(its type) as its confidence;
* a word the rules left alone that the model judges an event (P(NONE) < `add`) is coded by the
  rules' machinery (`annotate.events.event_at`): sides from the parse, modality, date, place.

The default views hide events whose confidence is under `threshold` (chosen on dev for precision
first, and copied to `defaults.json` so reading commands load no model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from newsgraph.annotate.events import event_at
from newsgraph.annotate.events.entries import (
    complement_polarity,
    excluded_object,
    has_complement,
    noun_pattern,
)
from newsgraph.annotate.events.grammar import asks, trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.errors import ModelError
from newsgraph.learn.event_features import event_features
from newsgraph.learn.files import BUILTIN, RULES, weights_file
from newsgraph.learn.linear import CompiledModel, LinearModel
from newsgraph.lexicon.patterns import EventLexicon, Pattern
from newsgraph.models import Entity, Event

NONE = "NONE"
WEIGHTS = "tagger.json"
# adjectives and names were candidates once: a third of all words, 35 of the 1,515 train events
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
# where a new event's target is looked for, in order (the lexicon's own slots when it has an
# entry of the type for the word)
VERB_TARGETS = ("dobj", "iobj", "prep:against", "prep:with", "prep:on", "prep:to", "prep:for")
NOUN_TARGETS = ("prep:against", "prep:on", "prep:with", "prep:of", "prep:to", "prep:for")
# the CAMEO code a relabelled or new event gets: the root of the CAMEO family its type is from
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "CONCEDE": "080", "RETREAT": "080", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
    "ASSAULT": "180",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word the tagger judges, the rule-coded event that starts from it (if any), and its
    features."""

    token: Token
    rule_event: Event | None
    features: dict[str, float]


def is_candidate(token: Token) -> bool:
    return token.pos_ in CANDIDATE_POS and token.is_alpha and len(token) > 2


def candidates(
    view: DocView,
    events: Sequence[Event],
    lexicon: EventLexicon,
    entities: Sequence[Entity],
    words: frozenset[str] | None = None,
) -> tuple[list[Candidate], list[Event]]:
    """Every word the tagger judges, in text order, and the rule events it cannot place (no
    trigger word found in their evidence: kept as they are). `words`, when given, limits the
    words no rule event starts from to those lemmas."""
    doc = view.doc
    by_id = {entity.id: entity for entity in entities}
    rule_at: dict[int, Event] = {}
    unplaced: list[Event] = []
    for event in events:
        token = trigger_token(doc, event)
        if token is None or token.i in rule_at:
            unplaced.append(event)
        else:
            rule_at[token.i] = event
    found = []
    for token in view.tokens:
        rule_event = rule_at.get(token.i)
        if rule_event is None and not (
            is_candidate(token)
            and (words is None or token.lemma_.lower() in words)
            and not excluded_object(token, lexicon)
            and not asks(token)
        ):
            continue
        found.append(Candidate(token, rule_event, features(token, lexicon, rule_event, by_id)))
    return found, unplaced


def features(
    token: Token, lexicon: EventLexicon, rule_event: Event | None, entities: dict[str, Entity]
) -> dict[str, float]:
    """Sparse indicator features of one word: its own, its context's, and the rule event's."""
    found = word_features(token, lexicon)
    found.update(context_features(token))
    if rule_event is None:
        found["norule"] = 1.0
        return found
    for name, value in event_features(token.doc, rule_event, entities).items():
        found[f"r:{name}"] = value
    found[f"rule={rule_event.type}"] = 1.0
    found[f"rule_lemma={rule_event.type}|{token.lemma_.lower()}"] = 1.0
    return found


def word_features(token: Token, lexicon: EventLexicon) -> dict[str, float]:
    """The word, its lexicon entries and its arguments in the parse."""
    lemma = token.lemma_.lower()
    head = token.head
    found = {
        "bias": 1.0,
        f"lemma={lemma}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"lemma_pos={lemma}/{token.pos_}": 1.0,
        f"head={head.lemma_.lower()}": 1.0,
        f"dep_head={token.dep_}>{head.lemma_.lower()}": 1.0,
        f"suffix={lemma[-3:]}": 1.0,
    }
    # an entry that needs a preposition the word does not take, or a complement that leans
    # another way, is not among its readings
    complement = token.pos_ == "VERB" and has_complement(token)
    leaning = complement_polarity(token, lexicon.polarity) if complement else None
    verbs = [
        p
        for p in lexicon.verbs.get(lemma, ())
        if (not p.with_prep
            or any(c.dep_ == "prep" and c.lower_ in p.with_prep for c in token.children))
        and (not p.complement or p.complement == leaning)
    ]  # fmt: skip
    if complement:
        found[f"complement={leaning or 'neutral'}"] = 1.0
    for pattern in verbs if token.pos_ == "VERB" else ():
        found[f"lex_verb={pattern.event}"] = 1.0
    for pattern in lexicon.nouns.get(lemma, ()):
        found[f"lex_noun={pattern.event}"] = 1.0
    for pattern in verbs:
        found[f"lex_any={pattern.event}"] = 1.0
    for child in token.children:
        found[f"child_dep={child.dep_}"] = 1.0
        if child.dep_ in {"prt", "neg", "aux", "prep", "agent"}:
            found[f"child={child.dep_}:{child.lower_}"] = 1.0
        if child.dep_ in {"nsubj", "dobj", "nsubjpass", "poss", "compound"}:
            kind = child.ent_type_ or ("PRON" if child.pos_ == "PRON" else child.pos_)
            found[f"arg={child.dep_}:{kind}"] = 1.0
            found[f"arg_lemma={child.dep_}:{child.lemma_.lower()}"] = 1.0
    return found


def context_features(token: Token) -> dict[str, float]:
    """The neighbouring words, whether the word is part of a name, and its head's place."""
    doc = token.doc
    lemma = token.lemma_.lower()
    before = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    found = {
        f"prev={before}": 1.0,
        f"next={after}": 1.0,
        f"lemma_next={lemma}_{after}": 1.0,
        f"prev_lemma={before}_{lemma}": 1.0,
        f"head_pos={token.head.pos_}": 1.0,
        f"head_dep={token.head.dep_}": 1.0,
        f"lemma_dep={lemma}|{token.dep_}": 1.0,
    }
    if token.ent_type_:
        found[f"ent={token.ent_type_}"] = 1.0
    if token.is_title and token.i != token.sent.start:
        found["title_case"] = 1.0
    return found


class EventTagger:
    """Keeps, relabels, drops and adds events word by word (see the module docstring)."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.compiled = CompiledModel(model)
        meta = model.meta or {}
        self.drop = float(meta.get("drop", 1.0))
        self.add = float(meta.get("add", 0.0))
        self.relabel = float(meta.get("relabel", 1.0))
        self.threshold = float(meta.get("threshold", 0.0))
        # the lemmas of the train split's gold events: only these, and the lexicon's, are
        # judged where the rules found nothing (the others were never an event in training,
        # and judging every noun and verb cost a twentieth of ingest time)
        self.event_lemmas = frozenset(meta.get("event_lemmas") or ())
        self._words: tuple[int, frozenset[str] | None] | None = None

    @classmethod
    def load(cls, folder: str | Path) -> EventTagger:
        return cls(LinearModel.load(Path(folder) / WEIGHTS))

    def words(self, lexicon: EventLexicon) -> frozenset[str] | None:
        """The lemmas judged where no rule event starts: the train events' and the lexicon's
        (None, every word, for a model trained without the list)."""
        if self._words is None or self._words[0] != id(lexicon):
            known = (self.event_lemmas | set(lexicon.verbs) | set(lexicon.nouns)
                     if self.event_lemmas else None)  # fmt: skip
            self._words = (id(lexicon), frozenset(known) if known is not None else None)
        return self._words[1]

    def judge(self, candidate: Candidate) -> tuple[str, float] | None:
        """The event type the word names and its probability; None if it names no event."""
        return self.decide(candidate, self.model.probabilities(candidate.features))

    def decide(
        self, candidate: Candidate, probabilities: dict[str, float]
    ) -> tuple[str, float] | None:
        """`judge`, given the model's probabilities for the candidate."""
        none = probabilities.get(NONE, 0.0)
        kind = max((k for k in probabilities if k != NONE), key=lambda k: probabilities[k])
        rule_event = candidate.rule_event
        if rule_event is None:
            return (kind, probabilities[kind]) if none < self.add else None
        if none >= self.drop:
            return None
        own = probabilities.get(rule_event.type, 0.0)
        if probabilities[kind] - own < self.relabel:
            kind = rule_event.type
        return kind, probabilities.get(kind, 0.0)

    def tag(
        self,
        view: DocView,
        events: Sequence[Event],
        lexicon: EventLexicon,
        entities: Sequence[Entity],
    ) -> list[Event]:
        """The rule events the model keeps (typed and scored by it) and the ones it adds, in
        text order, renumbered."""
        judged, found = candidates(view, events, lexicon, entities, self.words(lexicon))
        scored = self.compiled.probabilities([c.features for c in judged])
        decided = [
            (candidate, _as_the_lexicon_names_it(candidate, judgement, lexicon))
            for candidate, probabilities in zip(judged, scored, strict=True)
            if (judgement := self.decide(candidate, probabilities)) is not None
        ]
        # the rules' events first, so a word that only restates one of them is known as such
        decided.sort(key=lambda item: item[0].rule_event is None)
        at: dict[int, int] = {}  # token index -> position in `found` of the event told there
        for candidate, (kind, probability) in decided:
            confidence = round(probability, 3)
            told = None
            if candidate.rule_event is None:
                told = _told_by_neighbour(candidate.token, kind, at, found)
            if told is not None:
                other = found[told]
                found[told] = replace(other, confidence=max(other.confidence, confidence))
                continue
            event = self._event(view, candidate, kind, found, lexicon)
            if event is not None:
                at[candidate.token.i] = _add(found, replace(event, confidence=confidence))
        found.sort(key=lambda e: e.evidence.start)
        return [replace(e, id=f"e{i + 1}") for i, e in enumerate(found)]

    @staticmethod
    def _event(
        view: DocView, candidate: Candidate, kind: str, earlier: list[Event], lexicon: EventLexicon
    ) -> Event | None:
        rule_event = candidate.rule_event
        if rule_event is None:
            token = candidate.token
            return event_at(view, token, pattern_for(token, kind, lexicon), len(earlier), earlier,
                            lexicon)  # fmt: skip
        if rule_event.type == kind:
            return rule_event
        return replace(rule_event, type=kind, cameo=DEFAULT_CAMEO[kind], mode=None, context=None)


def _as_the_lexicon_names_it(
    candidate: Candidate, judgement: tuple[str, float], lexicon: EventLexicon
) -> tuple[str, float]:
    """The type of a word the rules left alone is the lexicon's where the lexicon names the
    word with its modifier ("a financial assault" is a sanction, "a verbal attack" criticism):
    the model reads "assault" as force, and the modifier's entry was written for that case."""
    token = candidate.token
    if candidate.rule_event is not None or token.pos_ != "NOUN":
        return judgement
    own = noun_pattern(token, lexicon)
    if own is None or " " not in own.lemma or own.event == judgement[0]:
        return judgement
    return own.event, judgement[1]


def _add(found: list[Event], event: Event) -> int:
    """Adds the event, unless one of its type is already told by the same word in the same
    sentence ("took part in the meeting" is coded at "took" from the verb and from the noun):
    then that one takes the higher confidence. Where the event now is in `found`."""
    for i, other in enumerate(found):
        if (other.type, other.trigger, other.evidence.sentence) == (
            event.type, event.trigger, event.evidence.sentence,
        ):  # fmt: skip
            found[i] = replace(other, confidence=max(other.confidence, event.confidence))
            return i
    found.append(event)
    return len(found) - 1


def _told_by_neighbour(
    token: Token, kind: str, at: dict[int, int], found: list[Event]
) -> int | None:
    """The event of this type already told at a word two steps or fewer from this one in the
    parse ("killed in an airstrike", "the airstrike killed"): the word restates it."""
    near = [token.head, token.head.head] if token.head.i != token.i else []
    below = [t for child in token.children for t in (child, *child.children)]
    near += sorted(below, key=lambda t: t.i)  # in text order, as the words are read
    for word in near:
        position = at.get(word.i)
        if position is not None and found[position].type == kind:
            return position
    return None


def pattern_for(token: Token, kind: str, lexicon: EventLexicon) -> Pattern:
    """The lexicon's entry for the word when it has one of this type, else a generic one."""
    lemma = token.lemma_.lower()
    table = lexicon.verbs if token.pos_ == "VERB" else lexicon.nouns
    for pattern in table.get(lemma, ()):
        if pattern.event == kind and not (pattern.object or pattern.particle or pattern.with_prep):
            return pattern
    targets = VERB_TARGETS if token.pos_ == "VERB" else NOUN_TARGETS
    return Pattern(lemma=lemma, event=kind, cameo=DEFAULT_CAMEO[kind], target=targets)


@cache
def builtin_tagger() -> EventTagger | None:
    """The tagger trained on newsgraph-gold that ships with the package (None if absent)."""
    path = weights_file(BUILTIN, WEIGHTS)
    return EventTagger.load(path.parent) if path is not None else None


def load_tagger(setting: str) -> EventTagger | None:
    """The tagger an `event_model` setting names (`learn.files`): "builtin", "rules" (none:
    rule output as is) or a folder (which may hold only some learned parts). The tagger is
    loaded first, so it is the part that says when the folder does not exist."""
    if setting == BUILTIN:
        return builtin_tagger()
    if setting != RULES and not Path(setting).is_dir():
        raise ModelError(f"the event model folder {setting} does not exist")
    path = weights_file(setting, WEIGHTS)
    return EventTagger.load(path.parent) if path is not None else None
