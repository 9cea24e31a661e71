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
from dataclasses import dataclass, replace
from itertools import chain, repeat
from operator import add, mul
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
            if row is None:
                continue
            # class by class in C (map): a Python loop over the classes cost most of the
            # sector model's time; an indicator adds its weights as they are
            scores = list(map(add, scores, row if value == 1.0 else map(mul, row, repeat(value))))
        if len(self.classes) == 2 and len(scores) == 1:
            p = 1.0 / (1.0 + math.exp(-scores[0] / self.temperature))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(scores)
        exps = [math.exp((s - top) / self.temperature) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def with_meta(self, **meta: Any) -> LinearModel:
        """The same model with `meta` added to what it says of its training."""
        return replace(self, meta={**(self.meta or {}), **meta})

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
        # one contiguous row of weights per class: gathering a class's weights for a batch's
        # features reads one array (scipy, which would do this as a sparse product, is not a
        # dependency)
        self.by_class = np.ascontiguousarray(np.asarray(rows, dtype=np.float64).T)
        self.intercepts = np.asarray(model.intercepts, dtype=np.float64)

    def probabilities(self, batch: Sequence[Features]) -> list[dict[str, float]]:
        """P(class | features) for every class, for each feature mapping of the batch."""
        if not batch:
            return []
        classes = self.model.classes
        return [dict(zip(classes, row, strict=True)) for row in self.matrix_of(batch).tolist()]

    def matrix_of(self, batch: Sequence[Features]) -> np.ndarray:
        """The batch's probabilities, one row per feature mapping, one column per class."""
        # every step below iterates in C (map, fromiter, bincount): a Python loop over the
        # features of every candidate word cost as much as the model saved
        names = list(chain.from_iterable(batch))
        columns = np.fromiter(map(self.index.get, names, repeat(-1)), dtype=np.int64,
                              count=len(names))  # fmt: skip
        values = np.fromiter(chain.from_iterable(f.values() for f in batch), dtype=np.float64,
                             count=len(names))  # fmt: skip
        owners = np.repeat(np.arange(len(batch)), [len(f) for f in batch])
        known = columns >= 0
        columns, values, rows = columns[known], values[known], owners[known]
        indicators = bool(np.all(values == 1.0))
        scores = np.tile(self.intercepts, (len(batch), 1))
        for k, weights in enumerate(self.by_class):  # a per-row sum, class by class
            gathered = weights[columns] if indicators else weights[columns] * values
            scores[:, k] += np.bincount(rows, weights=gathered, minlength=len(batch))
        temperature = self.model.temperature
        if len(self.model.classes) == 2 and scores.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-scores[:, 0] / temperature))
            return np.stack([1.0 - p, p], axis=1)
        scores = (scores - scores.max(axis=1, keepdims=True)) / temperature
        exps: np.ndarray = np.exp(scores)
        exps /= exps.sum(axis=1, keepdims=True)
        return exps
