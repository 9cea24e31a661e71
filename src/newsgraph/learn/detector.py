"""The learned trigger detector: events the rule lexicon has no entry for.

Two linear models trained on newsgraph-gold (scripts/train_coder.py) read every verb and noun
that no rule-coded event already starts from: the first says whether the word names an event
the guideline counts, the second which PLOVER type (trained on the words that do). The rule
lexicon's own entries for the word are features, like its lemma and its place in the parse.
A word judged an event with enough confidence is coded by the rules' machinery
(`annotate.events.event_at`): sides from the parse, modality, date and place, so a learned
event is read the same way as a rule-coded one. Its confidence is the model's probability.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.annotate.events import event_at
from newsgraph.annotate.frames import DocView
from newsgraph.learn.event_features import trigger_token
from newsgraph.learn.events import DEFAULT_CAMEO
from newsgraph.learn.linear import LinearModel
from newsgraph.lexicon.patterns import EventLexicon, Pattern
from newsgraph.models import Event

CANDIDATE_POS = frozenset({"VERB", "NOUN"})
# where a learned event's target is looked for, in order (the lexicon's own slots when it has
# an entry for the word)
VERB_TARGETS = ("dobj", "iobj", "prep:against", "prep:with", "prep:on", "prep:to", "prep:for")
NOUN_TARGETS = ("prep:against", "prep:on", "prep:with", "prep:of", "prep:to", "prep:for")


def is_candidate(token: Token) -> bool:
    return token.pos_ in CANDIDATE_POS and token.is_alpha and len(token) > 2


def covered_tokens(doc: Doc, events: list[Event]) -> set[int]:
    """The tokens rule-coded events start from (the detector leaves those to the scorer)."""
    found = (trigger_token(doc, event) for event in events)
    return {token.i for token in found if token is not None}


def token_features(token: Token, lexicon: EventLexicon) -> dict[str, float]:
    """Sparse indicator features of one candidate word."""
    lemma = token.lemma_.lower()
    head = token.head
    features = {
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
    for pattern in lexicon.verbs.get(lemma, ()) if token.pos_ == "VERB" else ():
        features[f"lex_verb={pattern.event}"] = 1.0
    for pattern in lexicon.nouns.get(lemma, ()):
        features[f"lex_noun={pattern.event}"] = 1.0
    for pattern in lexicon.verbs.get(lemma, ()):
        features[f"lex_any={pattern.event}"] = 1.0
    for child in token.children:
        features[f"child_dep={child.dep_}"] = 1.0
        if child.dep_ in {"prt", "neg", "aux", "prep", "agent"}:
            features[f"child={child.dep_}:{child.lower_}"] = 1.0
        if child.dep_ in {"nsubj", "dobj", "nsubjpass", "poss", "compound"}:
            kind = child.ent_type_ or ("PRON" if child.pos_ == "PRON" else child.pos_)
            features[f"arg={child.dep_}:{kind}"] = 1.0
            features[f"arg_lemma={child.dep_}:{child.lemma_.lower()}"] = 1.0
    return features


class EventDetector:
    """Proposes events at words the rules left alone."""

    def __init__(self, event_model: LinearModel, type_model: LinearModel) -> None:
        self.event_model = event_model
        self.type_model = type_model
        self.threshold = float((event_model.meta or {}).get("threshold", 0.5))

    @classmethod
    def load(cls, folder: str | Path) -> EventDetector:
        folder = Path(folder)
        return cls(
            LinearModel.load(folder / "detector.json"),
            LinearModel.load(folder / "detector_type.json"),
        )

    def judge(self, token: Token, lexicon: EventLexicon) -> tuple[str, float]:
        """The type of event the word most likely names, and the probability that it names one
        at all."""
        features = token_features(token, lexicon)
        probability = self.event_model.probabilities(features).get("True", 0.0)
        types = self.type_model.probabilities(features)
        return max(types, key=lambda k: types[k]), probability

    def propose(self, view: DocView, events: list[Event], lexicon: EventLexicon) -> list[Event]:
        """`events` with the detector's own events added, in text order, renumbered."""
        covered = covered_tokens(view.doc, events)
        found = list(events)
        for token in view.tokens:
            if token.i in covered or not is_candidate(token):
                continue
            kind, probability = self.judge(token, lexicon)
            if probability < self.threshold:
                continue
            pattern = _pattern(token, kind, lexicon)
            event = event_at(view, token, pattern, len(found), found, lexicon)
            if event is not None:
                found.append(replace(event, confidence=round(probability, 3)))
                covered.add(token.i)
        found.sort(key=lambda e: e.evidence.start)
        return [replace(e, id=f"e{i + 1}") for i, e in enumerate(found)]


def _pattern(token: Token, kind: str, lexicon: EventLexicon) -> Pattern:
    """The lexicon's entry for the word when it has one of this type, else a generic one."""
    lemma = token.lemma_.lower()
    table = lexicon.verbs if token.pos_ == "VERB" else lexicon.nouns
    for pattern in table.get(lemma, ()):
        if pattern.event == kind and not pattern.object and not pattern.particle:
            return pattern
    targets = VERB_TARGETS if token.pos_ == "VERB" else NOUN_TARGETS
    return Pattern(lemma=lemma, event=kind, cameo=DEFAULT_CAMEO[kind], target=targets)


@cache
def builtin_detector() -> EventDetector | None:
    """The detector trained on newsgraph-gold that ships with the package (None if absent)."""
    folder = Path(str(resources.files("newsgraph.learn").joinpath("weights")))
    return EventDetector.load(folder) if (folder / "detector.json").exists() else None


def load_detector(setting: str) -> EventDetector | None:
    """The detector an `event_model` setting names: "builtin", "rules" (none) or a folder."""
    if setting == "rules":
        return None
    if setting == "builtin":
        return builtin_detector()
    folder = Path(setting)
    return EventDetector.load(folder) if (folder / "detector.json").exists() else None
