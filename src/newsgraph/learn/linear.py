"""A multinomial logistic-regression model stored as JSON and applied in pure Python.

Training uses scikit-learn (scripts/train_coder.py); inference needs neither it nor NumPy, so
loading a model costs a JSON read and scoring a candidate a few dictionary lookups. Features
are sparse: a mapping from feature name to value (1.0 for indicator features).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
