"""The learned event scorer: a confidence for every rule-coded event, and its modality.

Two linear models trained on newsgraph-gold (scripts/train_coder.py):
* `type`: for a candidate, the PLOVER type it truly is, or NONE (not an event the guideline
  counts: a typhoon, a hypothetical read as fact, a misparse). The candidate's confidence is the
  probability of its type; a candidate whose type the model is sure about is relabelled.
* `modality`: how the text presents the event (asserted, reported, hypothetical, ...).

Weights are package data (`learn/weights/*.json`), loaded once per process; the rules stay the
candidate generator and the fallback (no weights: rule output unchanged).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.errors import ModelError
from newsgraph.learn.event_features import event_features
from newsgraph.learn.linear import LinearModel
from newsgraph.models import Entity, Event, Modality

NONE = "NONE"
BUILTIN = "builtin"
# a candidate is relabelled only when the model prefers another type this clearly
RELABEL_MARGIN = 0.25
# the CAMEO code a relabelled event gets: the root of the CAMEO family PLOVER's type comes from
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "CONCEDE": "080", "RETREAT": "080", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
    "ASSAULT": "180",
}  # fmt: skip


class EventScorer:
    """Applies the type and modality models to rule-coded events."""

    def __init__(
        self, type_model: LinearModel, modality_model: LinearModel | None, relabel: bool = True
    ) -> None:
        self.type_model = type_model
        self.modality_model = modality_model
        meta = type_model.meta or {}
        self.threshold = float(meta.get("threshold", 0.5))
        # relabelling is shipped only where it won on dev (scripts/train_coder.py records it)
        self.relabel = relabel and bool(meta.get("relabel", True))

    @classmethod
    def load(cls, folder: str | Path) -> EventScorer:
        folder = Path(folder)
        modality = folder / "modality.json"
        return cls(
            LinearModel.load(folder / "event_type.json"),
            LinearModel.load(modality) if modality.exists() else None,
        )

    def score(self, doc: Doc, events: list[Event], entities: tuple[Entity, ...]) -> list[Event]:
        by_id = {entity.id: entity for entity in entities}
        return [self._score(event, event_features(doc, event, by_id)) for event in events]

    def _score(self, event: Event, features: dict[str, float]) -> Event:
        types = self.type_model.probabilities(features)
        kind = event.type
        best = max(types, key=lambda k: types[k])
        margin = types[best] - types.get(kind, 0.0)
        if self.relabel and best not in {kind, NONE} and margin >= RELABEL_MARGIN:
            kind = best
        confidence = round(types.get(kind, 0.0), 3)
        modality = event.modality
        if self.modality_model is not None:
            modalities = self.modality_model.probabilities(features)
            modality = Modality(max(modalities, key=lambda k: modalities[k]))
        if kind != event.type:
            cameo = DEFAULT_CAMEO.get(kind, event.cameo)
            return replace(event, type=kind, cameo=cameo, mode=None, context=None,
                           confidence=confidence, modality=modality)  # fmt: skip
        return replace(event, confidence=confidence, modality=modality)


@cache
def builtin_scorer() -> EventScorer | None:
    """The scorer trained on newsgraph-gold that ships with the package (None if absent)."""
    folder = resources.files("newsgraph.learn").joinpath("weights")
    path = Path(str(folder))
    if not (path / "event_type.json").exists():
        return None
    return EventScorer.load(path)


def load_scorer(setting: str) -> EventScorer | None:
    """The scorer a setting names: "builtin", "rules" (none: rule output as is) or a folder."""
    if setting == "rules":
        return None
    if setting == BUILTIN:
        return builtin_scorer()
    folder = Path(setting)
    if not folder.is_dir():
        raise ModelError(f"the event model folder {setting} does not exist")
    # a folder may hold only some learned parts (a side ranker from scripts/train_sides.py)
    return EventScorer.load(folder) if (folder / "event_type.json").exists() else None
