"""Fitting the linear models the learned coder ships (training scripts only: it needs
scikit-learn, from the `train` extra; inference reads the JSON with `learn.linear`)."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.metrics import log_loss  # type: ignore[import-untyped]
from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

from newsgraph.contract import to_dict
from newsgraph.gold.harness import Report
from newsgraph.gold.runner import evaluate_extractor, gold_document
from newsgraph.learn.files import BUILTIN, builtin_folder
from newsgraph.learn.linear import LinearModel
from newsgraph.models import Extraction
from newsgraph.pipeline import Extractor
from newsgraph.settings import Settings

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
SEED = 13
TEMPERATURES = tuple(0.5 + 0.1 * i for i in range(26))
FOLDS = 5  # article-grouped folds of train, for parts chosen on train pooled with dev


def fit(
    rows: list[dict[str, Any]],
    dev: list[dict[str, Any]],
    label: str,
    min_count: int = 1,
    grid: tuple[float, ...] = C_GRID,
) -> tuple[LinearModel, dict[str, Any]]:
    train = [r for r in rows if r[label] is not None]
    if min_count > 1:  # features seen once only add noise and weight-file size
        counts: dict[str, int] = {}
        for r in train:
            for name in r["features"]:
                counts[name] = counts.get(name, 0) + 1
        kept = {name for name, n in counts.items() if n >= min_count}
        train = [{**r, "features": {k: v for k, v in r["features"].items() if k in kept}}
                 for r in train]  # fmt: skip
    held = [r for r in dev if r[label] is not None]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([r["features"] for r in train])
    y = [r[label] for r in train]
    xd = vectorizer.transform([r["features"] for r in held])
    yd = [r[label] for r in held]
    best: tuple[float, float, Any] | None = None
    for c in grid:
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        model.fit(x, y)
        loss = log_loss(yd, model.predict_proba(xd), labels=model.classes_) if held else 0.0
        # training progress for the person running the script (never called at run time)
        sys.stderr.write(f"  {label}: C={c:<5} dev log-loss {loss:.4f}\n")
        if best is None or loss < best[0]:
            best = (loss, c, model)
    assert best is not None
    model = best[2]
    names = vectorizer.get_feature_names_out()
    classes = tuple(str(c) for c in model.classes_)
    coef = model.coef_
    weights: dict[str, tuple[float, ...]]
    if len(classes) == 2:  # scikit-learn keeps one row for two classes
        weights = {n: (float(coef[0][i]),) for i, n in enumerate(names) if abs(coef[0][i]) > 1e-4}
        intercepts: tuple[float, ...] = (float(model.intercept_[0]),)
    else:
        weights = {
            n: tuple(round(float(coef[k][i]), 4) for k in range(len(classes)))
            for i, n in enumerate(names)
            if max(abs(coef[k][i]) for k in range(len(classes))) > 1e-3
        }
        intercepts = tuple(float(v) for v in model.intercept_)
    linear = LinearModel(
        classes,
        intercepts,
        weights,
        meta={"C": best[1], "dev_log_loss": round(best[0], 4), "train_candidates": len(train)},
    )
    return linear, {"C": best[1], "loss": best[0]}


def calibrate(model: LinearModel, dev: list[dict[str, Any]], label: str) -> LinearModel:
    """The model with the temperature (TEMPERATURES) that minimises the dev log-loss of the
    gold label: its probabilities then mean what they say."""
    held = [r for r in dev if r[label] is not None]

    def loss(temperature: float) -> float:
        scored = LinearModel(
            model.classes, model.intercepts, model.weights, temperature, model.meta
        )
        total = 0.0
        for r in held:
            p = scored.probabilities(r["features"]).get(r[label], 0.0)
            total -= math.log(min(max(p, 1e-9), 1.0))
        return total / max(len(held), 1)

    best = min(TEMPERATURES, key=loss)
    sys.stderr.write(f"  temperature {best:.1f}\n")
    return LinearModel(model.classes, model.intercepts, model.weights, best, model.meta)


def reliability_curve(judged: Iterable[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Confidences binned by tenths against how often they are right (a reliability curve)."""
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(10)]
    for p, ok in judged:
        bins[min(int(p * 10), 9)].append((p, ok))
    curve = []
    for i, items in enumerate(bins):
        if items:
            mean = sum(p for p, _ in items) / len(items)
            accuracy = sum(ok for _, ok in items) / len(items)
            curve.append({"bin": f"{i / 10:.1f}-{(i + 1) / 10:.1f}", "n": len(items),
                          "mean_confidence": round(mean, 3),
                          "accuracy": round(accuracy, 3)})  # fmt: skip
    return curve


def write_weights(folder: Path, name: str, data: Mapping[str, Any]) -> None:
    """Write a model's JSON as the training scripts ship it (sorted keys, compact: a retrain
    with the same data is byte-identical)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"
    (folder / name).write_text(text, encoding="utf-8")


def settings_for(folder: Path) -> Settings:
    """Settings that extract with the weights in `folder`: the built-in ones when it is the
    package's own weights folder, else that folder's (its other parts only if it has them)."""
    builtin = folder.resolve() == builtin_folder().resolve()
    return Settings(event_model=BUILTIN if builtin else str(folder))


def rules_events_extractor() -> Extractor:
    """An extractor whose actors are coded as at run time (the shipped sector and country
    models) and whose events are the rules' alone: the event parts are trained on it, so the
    features they read of a story's actors are those they read at run time."""
    extractor = Extractor(Settings())
    extractor.tagger = None
    extractor.sides = None
    extractor.modality = None
    extractor.episodes = None
    return extractor


def training_args(doc: str) -> argparse.Namespace:
    """The training scripts' command line: --gold (newsgraph-gold's folder) and --out (the
    weights folder written, the package's own by default)."""
    root = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--gold", default=str(root / "data" / "gold"))
    parser.add_argument("--out", default=str(builtin_folder()))
    return parser.parse_args()


def train_and_dev(
    records: list[dict[str, Any]], collect: Callable[[list[dict[str, Any]]], list[Any]]
) -> tuple[list[Any], list[Any]]:
    """`collect` run on the gold's train articles and on its dev articles (never test)."""
    return (collect([r for r in records if r["split"] == "train"]),
            collect([r for r in records if r["split"] == "dev"]))  # fmt: skip


class Recorder:
    """Stands in for a learned part inside the extractor (its `assign`): keeps what the
    last call was handed, `(view, events, *the rest)`, and changes nothing."""

    def __init__(self) -> None:
        self.last: tuple[Any, ...] | None = None

    def assign(self, view: Any, events: Sequence[Any], *rest: Any) -> list[Any]:
        self.last = (view, list(events), *rest)
        return list(events)


def recorded(
    records: list[dict[str, Any]], extractor: Extractor, slot: str
) -> Iterator[tuple[dict[str, Any], dict[str, Any], tuple[Any, ...]]]:
    """Each gold record, the product's output for it (the JSON contract) and what a `Recorder`
    standing in for the extractor's learned part `slot` ("modality", "episodes") was handed:
    features are read exactly as extraction computes them."""
    recorder = Recorder()
    setattr(extractor, slot, recorder)
    documents = [gold_document(r) for r in records]
    for rec, result in zip(records, extractor.extract(documents), strict=True):
        seen, recorder.last = recorder.last, None
        if isinstance(result, Extraction) and seen is not None:
            yield rec, to_dict(result, include_text=False), seen


Predict = Callable[[list[dict[str, Any]], list[dict[str, Any]]], list[Any]]


def class_probabilities(
    train: list[dict[str, Any]], held: list[dict[str, Any]], c: float
) -> list[dict[str, float]]:
    """P(class) of each held-out row's `features`, from a logistic regression of C `c` fitted
    on the train rows' `label`s (a `Predict` for `held_out` and `choose_option`)."""
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(vectorizer.fit_transform([r["features"] for r in train]),
              [r["label"] for r in train])  # fmt: skip
    scores = model.predict_proba(vectorizer.transform([r["features"] for r in held]))
    return [dict(zip(model.classes_, row, strict=True)) for row in scores.tolist()]


def held_out(
    train: list[dict[str, Any]], dev: list[dict[str, Any]], predict: Predict
) -> tuple[list[Any], list[Any]]:
    """(item, prediction) for every train item, from a model fitted on the other article-grouped
    folds (`predict(fit_on, held)`), and for every dev item, from one fitted on all of train."""
    folded: list[Any] = []
    folds = GroupKFold(FOLDS).split(train, groups=[item["article"] for item in train])
    for fit_on, predict_on in folds:
        held = [train[i] for i in predict_on]
        folded += zip(held, predict([train[i] for i in fit_on], held), strict=True)
    return folded, list(zip(dev, predict(train, dev), strict=True))


def choose_option(
    train: list[dict[str, Any]],
    dev: list[dict[str, Any]],
    options: tuple[Iterable[float], str, Iterable[Any]],
    predict: Callable[[float], Predict],
    accuracy: Callable[[list[Any], Any], float],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The best of `options` (C values, the name of the decision setting, its values) by
    held-out accuracy pooled over train's folds and dev, and every option tried."""
    grid, name, values = options
    tried: list[dict[str, Any]] = []
    best: dict[str, Any] | None = None
    for c in grid:
        folded, on_dev = held_out(train, dev, predict(c))
        for value in values:
            score = {"C": c, name: value, "pooled": round(accuracy(folded + on_dev, value), 4),
                     "train_cv": round(accuracy(folded, value), 4),
                     "dev": round(accuracy(on_dev, value), 4)}  # fmt: skip
            sys.stderr.write(f"  {score}\n")
            tried.append(score)
            if best is None or score["pooled"] > best["pooled"] + 1e-9:
                best = score
    assert best is not None
    return best, tried


def pooled_choice(best: dict[str, Any], tried: list[dict[str, Any]]) -> dict[str, Any]:
    """The training notes of a part chosen by `choose_option`: on what it was fitted and
    chosen, the option chosen and every option tried (for `LinearModel.with_meta`)."""
    return {
        "trained_on": "newsgraph-gold train",
        "chosen_on": f"{FOLDS}-fold article-grouped CV on train pooled with dev",
        "chosen": best,
        "options_tried": tried,
    }


def kept_if_product_gains(
    gold: str,
    out: Path,
    model_file: str,
    slot: str,
    score: Callable[[Report], float],
    gain: float,
    started: float,
) -> int:
    """The house rule of the learned parts: the weights just written to `out` stay only if the
    product's own dev `score` rises by `gain` with them (the exit code: 0 kept, 1 removed);
    `started` is when training began (`time.monotonic`), for the time it took."""
    with_part, without_part = product_dev(gold, out, slot)
    with_model, without = score(with_part), score(without_part)
    sys.stderr.write(f"product dev {slot}: without the model {without:.4f}, with it "
                     f"{with_model:.4f} ({time.monotonic() - started:.0f} s)\n")  # fmt: skip
    if with_model < without + gain:
        (out / model_file).unlink()
        sys.stderr.write("the model does not raise the product's dev score: removed\n")
        return 1
    return 0


def product_dev(gold: str, folder: Path, slot: str) -> tuple[Report, Report]:
    """The product's dev scores with the learned parts in `folder`, and with the same extractor
    without its part `slot` (the house rule of the learned parts: a part ships only where the
    product's own dev score says it helps)."""
    extractor = Extractor(settings_for(folder))
    with_part = evaluate_extractor(gold, extractor, split="dev")
    setattr(extractor, slot, None)
    return with_part, evaluate_extractor(gold, extractor, split="dev")
