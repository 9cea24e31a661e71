"""The learned modality: how the text presents each event (asserted, reported, alleged,
denied, hypothetical, planned, threatened; guideline §3).

The rules read modality from cue words around the trigger ("could", "plans to", "according
to", "allegedly"). Their commonest miss is speech: an event told inside someone's words ("he
said police had beaten him") is `reported`, while the speaker's own act ("she urged") stays
`asserted`. One multinomial logistic regression, trained on newsgraph-gold
(scripts/train_modality.py), reads the rule-coded event's features (`learn.event_features`:
the rules' modality among them, the cue words of its sentence and clause, its place in the
parse) and where the trigger stands to the quotes the product found: inside a direct or
reported quote, by whom (the event's own source or another speaker), after which verb.

The model only replaces the rules' default. A modality the rules read from a cue ("will",
"could", "if", "allegedly", "threatened to") stays: the model, free to overrule those, turned
"will supply arms" and "will meet in Zurich" into asserted events and "wants Putin to attack"
into an alleged one, because the gold's few planned events are mixed. An event the rules leave
`asserted` (no cue found) takes the model's modality when that is more probable by `margin`
(chosen with C on held-out data: article-grouped cross-validation on train together with dev).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsgraph.annotate.events.grammar import trigger_token
from newsgraph.annotate.frames import DocView
from newsgraph.learn.event_features import event_features
from newsgraph.learn.files import BUILTIN, load_part
from newsgraph.learn.linear import CompiledModel, LinearModel
from newsgraph.models import Event, Modality, Quote

MODEL_FILE = "modality.json"


QuotesBySentence = dict[int, list[Quote]]


def by_sentence(quotes: Sequence[Quote]) -> QuotesBySentence:
    """The quotes of each sentence (a quote's evidence lies inside one sentence)."""
    index: QuotesBySentence = {}
    for quote in quotes:
        index.setdefault(quote.evidence.sentence, []).append(quote)
    return index


def quote_features(view: DocView, event: Event, quotes: QuotesBySentence) -> dict[str, float]:
    """Where the event's trigger stands to the quotes of its sentence."""
    token = trigger_token(view.doc, event)
    at = token.idx if token is not None else event.evidence.start
    features: dict[str, float] = {}
    for quote in quotes.get(event.evidence.sentence, ()):
        if not quote.evidence.start <= at < quote.evidence.end:
            continue
        features[f"in_quote={quote.kind}"] = 1.0
        features[f"quote_stance={quote.stance}"] = 1.0
        features[f"in_quote_rule={quote.kind}|{event.modality.value}"] = 1.0
        if quote.verb:
            features[f"quote_verb={quote.verb.lower()}"] = 1.0
        if quote.speaker and quote.speaker in event.source:
            features["quote_speaker_is_source"] = 1.0
        elif quote.speaker:
            features["quote_speaker_other"] = 1.0
        else:
            features["quote_no_speaker"] = 1.0
    if not features:
        features["no_quote"] = 1.0
    return features


def modality_features(view: DocView, event: Event, quotes: QuotesBySentence) -> dict[str, float]:
    return {**event_features(view.doc, event, view.entities), **quote_features(view, event, quotes)}


@dataclass(frozen=True, slots=True)
class ModalityModel:
    """The model and `margin`: how much more probable than `asserted` another modality must
    be to replace the rules' default (above 1: never)."""

    model: LinearModel
    margin: float

    def assign(
        self, view: DocView, events: Sequence[Event], quotes: Sequence[Quote]
    ) -> list[Event]:
        if not events:
            return list(events)
        index = by_sentence(quotes)
        batch = [modality_features(view, e, index) for e in events]
        scored = CompiledModel(self.model).probabilities(batch)
        return [self.decided(e, p) for e, p in zip(events, scored, strict=True)]

    def decided(self, event: Event, probabilities: dict[str, float]) -> Event:
        best = max(probabilities, key=lambda c: probabilities[c])
        if event.modality != Modality.ASSERTED or best == Modality.ASSERTED.value:
            return event
        if probabilities[best] - probabilities.get(Modality.ASSERTED.value, 0.0) < self.margin:
            return event
        return replace(event, modality=Modality(best))

    def to_json(self) -> dict[str, object]:
        data = self.model.to_json()
        data["meta"] = {**(self.model.meta or {}), "margin": self.margin}
        return data

    @classmethod
    def load(cls, path: Path) -> ModalityModel:
        model = LinearModel.load(path)
        return cls(model, float((model.meta or {}).get("margin", 1.01)))


def builtin_modality_model() -> ModalityModel | None:
    """The model trained on newsgraph-gold that ships with the package (None if absent)."""
    return load_modality_model(BUILTIN)


def load_modality_model(setting: str) -> ModalityModel | None:
    """The model an `event_model` setting names (`learn.files`): "builtin", "rules" (none) or
    a folder that holds modality.json (a folder without one: none)."""
    return load_part(setting, MODEL_FILE, ModalityModel.load)
