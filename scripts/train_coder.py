"""Train the learned event scorer on newsgraph-gold: fit on train, choose on dev, never test.

    python scripts/train_coder.py [--gold data/gold] [--out src/newsgraph/learn/weights]

Candidates are the rule coder's events on the gold articles; each is labelled with the type of
the gold event the harness pairs it with (NONE when there is none) and that event's modality.
Two multinomial logistic regressions (scikit-learn, fixed seed) learn type and modality from
the features of `newsgraph.learn.event_features`; the regularisation strength is chosen by dev
log-loss, a temperature calibrates the type model on dev, and the confidence threshold for the
default views is the lowest one whose dev precision reaches the target. Prints the dev
reliability curve. Takes a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from newsgraph import Extractor, Settings
from newsgraph.contract import to_dict
from newsgraph.gold.corpus import load_gold
from newsgraph.gold.harness import pair_events
from newsgraph.gold.runner import gold_document
from newsgraph.learn.event_features import event_features
from newsgraph.learn.events import NONE
from newsgraph.learn.linear import LinearModel
from newsgraph.models import Extraction

ROOT = Path(__file__).resolve().parents[1]
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
TEMPERATURES = tuple(0.5 + 0.1 * i for i in range(26))
PRECISION_TARGET = 0.85
SEED = 13


def candidates(records: list[dict[str, Any]], extractor: Extractor) -> list[dict[str, Any]]:
    """Every rule-coded event on the articles: features, gold type (or NONE), gold modality."""
    rows = []
    documents = [gold_document(r) for r in records]
    for record, result in zip(records, extractor.extract(documents), strict=True):
        if not isinstance(result, Extraction):
            continue
        doc = extractor.nlp(result.document.text)
        entities = {e.id: e for e in result.entities}
        output = to_dict(result, include_text=False)
        for event, (gold, _) in zip(result.events, pair_events(record, output), strict=True):
            rows.append({
                "features": event_features(doc, event, entities),
                "type": gold["type"] if gold else NONE,
                "rule_type": event.type,
                "modality": gold["modality"] if gold else None,
                "article": record["id"],
            })  # fmt: skip
    return rows


def fit(
    rows: list[dict[str, Any]], dev: list[dict[str, Any]], label: str
) -> tuple[LinearModel, dict[str, Any]]:
    train = [r for r in rows if r[label] is not None]
    held = [r for r in dev if r[label] is not None]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([r["features"] for r in train])
    y = [r[label] for r in train]
    xd = vectorizer.transform([r["features"] for r in held])
    yd = [r[label] for r in held]
    best: tuple[float, float, Any] | None = None
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        model.fit(x, y)
        loss = log_loss(yd, model.predict_proba(xd), labels=model.classes_) if held else 0.0
        print(f"  {label}: C={c:<5} dev log-loss {loss:.4f}", file=sys.stderr)
        if best is None or loss < best[0]:
            best = (loss, c, model)
    assert best is not None
    model = best[2]
    names = vectorizer.get_feature_names_out()
    classes = tuple(str(c) for c in model.classes_)
    coef = model.coef_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes
        weights = {n: (float(coef[0][i]),) for i, n in enumerate(names) if abs(coef[0][i]) > 1e-4}
        intercepts: tuple[float, ...] = (float(model.intercept_[0]),)
    else:
        weights = {
            n: tuple(round(float(coef[k][i]), 5) for k in range(len(classes)))
            for i, n in enumerate(names)
            if max(abs(coef[k][i]) for k in range(len(classes))) > 1e-4
        }
        intercepts = tuple(float(v) for v in model.intercept_)
    linear = LinearModel(
        classes,
        intercepts,
        weights,
        meta={"C": best[1], "dev_log_loss": round(best[0], 4), "train_candidates": len(train)},
    )
    return linear, {"C": best[1], "loss": best[0]}


def calibrate(model: LinearModel, dev: list[dict[str, Any]]) -> LinearModel:
    """The temperature that minimises the dev log-loss of P(rule type is right)."""

    def loss(temperature: float) -> float:
        scored = LinearModel(
            model.classes, model.intercepts, model.weights, temperature, model.meta
        )
        total = 0.0
        for r in dev:
            p = scored.probabilities(r["features"]).get(r["rule_type"], 0.0)
            p = min(max(p, 1e-6), 1 - 1e-6)
            total -= math.log(p) if r["type"] == r["rule_type"] else math.log(1 - p)
        return total / max(len(dev), 1)

    best = min(TEMPERATURES, key=loss)
    print(
        f"  temperature {best:.1f} (dev NLL {loss(1.0):.4f} -> {loss(best):.4f})", file=sys.stderr
    )
    return LinearModel(model.classes, model.intercepts, model.weights, best, model.meta)


def reliability(model: LinearModel, dev: list[dict[str, Any]]) -> list[dict[str, Any]]:
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(10)]
    for r in dev:
        p = model.probabilities(r["features"]).get(r["rule_type"], 0.0)
        bins[min(int(p * 10), 9)].append((p, r["type"] == r["rule_type"]))
    curve = []
    for i, items in enumerate(bins):
        if items:
            curve.append(
                {
                    "bin": f"{i / 10:.1f}-{(i + 1) / 10:.1f}",
                    "n": len(items),
                    "mean_confidence": round(sum(p for p, _ in items) / len(items), 3),
                    "accuracy": round(sum(ok for _, ok in items) / len(items), 3),
                }
            )
    return curve


def threshold_for(model: LinearModel, dev: list[dict[str, Any]], gold_events: int) -> float:
    """The lowest confidence whose shown dev events reach the precision target."""
    scored = sorted(
        (
            (
                model.probabilities(r["features"]).get(r["rule_type"], 0.0),
                r["type"] == r["rule_type"],
            )
            for r in dev
        ),
        reverse=True,
    )
    choice = 0.5
    for t in [x / 100 for x in range(5, 96)]:
        shown = [ok for p, ok in scored if p >= t]
        if shown and sum(shown) / len(shown) >= PRECISION_TARGET:
            choice = t
            break
    return choice


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", default=str(ROOT / "data" / "gold"))
    parser.add_argument("--out", default=str(ROOT / "src" / "newsgraph" / "learn" / "weights"))
    args = parser.parse_args()
    start = time.perf_counter()
    extractor = Extractor(Settings(event_model="rules"))
    train = candidates(load_gold(args.gold, split="train"), extractor)
    dev_records = load_gold(args.gold, split="dev")
    dev = candidates(dev_records, extractor)
    print(f"candidates: train {len(train)}, dev {len(dev)}", file=sys.stderr)
    type_model, _ = fit(train, dev, "type")
    type_model = calibrate(type_model, dev)
    gold_events = sum(len(r["events"]) for r in dev_records)
    threshold = threshold_for(type_model, dev, gold_events)
    curve = reliability(type_model, dev)
    meta = {
        **(type_model.meta or {}),
        "threshold": threshold,
        "reliability_dev": curve,
        "trained_on": "newsgraph-gold train split",
        "chosen_on": "dev",
        "seed": SEED,
    }
    type_model = LinearModel(
        type_model.classes, type_model.intercepts, type_model.weights, type_model.temperature, meta
    )
    modality_model, _ = fit(train, dev, "modality")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "event_type.json").write_text(
        json.dumps(type_model.to_json(), separators=(",", ":")) + "\n"
    )
    (out / "modality.json").write_text(
        json.dumps(modality_model.to_json(), separators=(",", ":")) + "\n"
    )
    print(json.dumps({"threshold": threshold, "reliability_dev": curve}, indent=1))
    print(f"trained in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
