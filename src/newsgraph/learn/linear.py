"""A multinomial logistic-regression model stored as JSON and applied in pure Python.

Training uses scikit-learn (scripts/train_coder.py); inference needs no scikit-learn: loading a
model costs a JSON read, scoring one candidate a few dictionary lookups, and `CompiledModel`
scores a document's candidates at once with NumPy (spaCy's own array library). Features
are sparse: a mapping from feature name to value (1.0 for indicator features).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.errors import ModelError

Features = Mapping[str, float]


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Classes, one intercept per class, and per feature one weight per class."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    temperature: float = 1.0  # > 1 softens over-confident scores (set on dev for calibration)
    meta: dict[str, Any] | None = None

    def probabilities(self, features: Features) -> dict[str, float]:
        """P(class | features) for every class."""
        scores = list(self.intercepts)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    scores[k] += weight * value
        if len(self.classes) == 2 and len(scores) == 1:
            p = 1.0 / (1.0 + math.exp(-scores[0] / self.temperature))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(scores)
        exps = [math.exp((s - top) / self.temperature) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercepts": list(self.intercepts),
                "weights": {k: list(v) for k, v in self.weights.items()},
                "temperature": self.temperature, "meta": self.meta or {}}  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        return cls(
            classes=tuple(data["classes"]),
            intercepts=tuple(float(x) for x in data["intercepts"]),
            weights={k: tuple(float(x) for x in v) for k, v in data["weights"].items()},
            temperature=float(data.get("temperature", 1.0)),
            meta=dict(data.get("meta") or {}),
        )

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        try:
            return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ModelError(f"cannot load the model {path}: {e}") from e


class CompiledModel:
    """A LinearModel as a NumPy weight matrix, for scoring many candidates at once: one
    gather-and-sum per document instead of a dictionary walk per feature and class (the tagger
    scores every candidate word of every article)."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model
        self.index = {name: i for i, name in enumerate(model.weights)}
        rows = list(model.weights.values()) or [tuple(0.0 for _ in model.intercepts)]
        self.matrix = np.asarray(rows, dtype=np.float64)
        self.intercepts = np.asarray(model.intercepts, dtype=np.float64)

    def probabilities(self, batch: Sequence[Features]) -> list[dict[str, float]]:
        """P(class | features) for every class, for each feature mapping of the batch."""
        if not batch:
            return []
        columns, values, owners = [], [], []
        for row, features in enumerate(batch):
            for name, value in features.items():
                column = self.index.get(name)
                if column is not None:
                    columns.append(column)
                    values.append(value)
                    owners.append(row)
        scores = np.tile(self.intercepts, (len(batch), 1))
        if columns:
            weighted = self.matrix[columns] * np.asarray(values)[:, None]
            rows = np.asarray(owners)
            for k in range(scores.shape[1]):  # a per-row sum, class by class (no scipy here)
                scores[:, k] += np.bincount(rows, weights=weighted[:, k], minlength=len(batch))
        classes = self.model.classes
        if len(classes) == 2 and scores.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-scores[:, 0] / self.model.temperature))
            return [{classes[0]: 1.0 - float(q), classes[1]: float(q)} for q in p]
        scores = (scores - scores.max(axis=1, keepdims=True)) / self.model.temperature
        exps = np.exp(scores)
        exps /= exps.sum(axis=1, keepdims=True)
        return [dict(zip(classes, map(float, row), strict=True)) for row in exps]
