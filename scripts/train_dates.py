"""Train the episode-date model on newsgraph-gold: fit on train, choose on held-out data
(article-grouped cross-validation on train, and dev), never test.

    python scripts/train_dates.py [--gold data/gold] [--out src/newsgraph/learn/weights]

Every event the product outputs undated, that the harness pairs with a gold event
(`gold.harness.pair_events`), gives one row per earlier date it may take
(`learn.episodes.references`), labelled `carry` when the gold date is that date (at the
gold's precision) and `no` otherwise; features are collected through the product's own
pipeline, after the tagger, side ranker and modality, so they are those read at run time.

Choosing: an option (C, and the cut from which an event takes its best date) is scored by the
share of those events it leaves right, a gold-dated event given the gold's date and an
undated one left undated, pooled over five article-grouped folds of train (each predicted by a
model fitted on the other four) and dev (predicted by a model fitted on all of train). Leaving
every event undated is the baseline the model must beat by MIN_GAIN. The chosen model, fitted
on train, ships only if it also raises the product's own dev score (events dated right where
the gold has a date, plus events left undated where it has none) by PRODUCT_GAIN; otherwise
its file is removed. The options tried are kept in the weights' meta. About two minutes on two
cores.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from newsgraph import Extractor, Settings
from newsgraph.gold.corpus import load_gold
from newsgraph.gold.harness import Report, date_matches, pair_events
from newsgraph.learn.episodes import CARRY, MODEL_FILE, EpisodeDates
from newsgraph.learn.fitting import (
    SEED,
    choose_option,
    fit,
    kept_if_product_gains,
    pooled_choice,
    recorded,
    train_and_dev,
    training_args,
    write_weights,
)

C_GRID = (0.1, 0.3, 1.0, 3.0)
CUTS = tuple(round(0.3 + 0.05 * i, 2) for i in range(10))
MIN_COUNT = 2
MIN_GAIN = 0.01
PRODUCT_GAIN = 2  # events of dev's typed matches
NO = "no"


def collect(records: list[dict[str, Any]], extractor: Extractor) -> list[dict[str, Any]]:
    """One item per undated paired event: its gold date and its candidate rows."""
    items = []
    for rec, output, seen in recorded(records, extractor, "episodes"):
        view, events, quotes, published = seen
        pairs = EpisodeDates.pairs(view, events, quotes, published)
        golds = [gold for gold, _ in pair_events(rec, output)]
        for i, (gold, event) in enumerate(zip(golds, events, strict=True)):
            if gold is None or event.date is not None:
                continue
            wanted = gold["date"]
            rows = [{"features": f, "value": ref.value,
                     "label": CARRY if wanted and date_matches(wanted, ref.value) else NO}
                    for k, ref, f in pairs if k == i]  # fmt: skip
            items.append({"article": rec["id"], "gold": wanted, "rows": rows})
    extractor.episodes = None
    return items


def _rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for item in items for row in item["rows"]]


def _scores(train: list[dict[str, Any]], held: list[dict[str, Any]], c: float) -> list[Any]:
    """P(carry) for each row of each held-out item, from a model fitted on `train`."""
    rows = _rows(train)
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(vectorizer.fit_transform([r["features"] for r in rows]), [r["label"] for r in rows])
    column = list(model.classes_).index(CARRY)
    held_rows = _rows(held)
    if not held_rows:
        return [[] for _ in held]
    flat = model.predict_proba(vectorizer.transform([r["features"] for r in held_rows]))
    flat = flat[:, column].tolist()
    scored, at = [], 0
    for item in held:
        scored.append(flat[at : at + len(item["rows"])])
        at += len(item["rows"])
    return scored


def right(item: dict[str, Any], probabilities: list[float], cut: float) -> bool:
    """Whether the decision at this cut leaves the event as the gold has it."""
    best = max(range(len(probabilities)), key=lambda k: probabilities[k], default=None)
    if best is None or probabilities[best] < cut:
        return item["gold"] is None
    return item["gold"] is not None and date_matches(item["gold"], item["rows"][best]["value"])


def accuracy(scored: list[Any], cut: float) -> float:
    return sum(right(item, p, cut) for item, p in scored) / max(len(scored), 1)


def product_score(report: Report) -> int:
    """Events the product dates as the gold does, where the gold has a date or has none."""
    return report.date.correct + report.undated.correct


def main() -> int:
    args = training_args(__doc__)
    started = time.monotonic()
    extractor = Extractor(Settings())
    train, dev = train_and_dev(load_gold(args.gold), lambda split: collect(split, extractor))
    pooled = train + dev
    baseline = sum(item["gold"] is None for item in pooled) / len(pooled)
    reachable = sum(any(r["label"] == CARRY for r in item["rows"]) for item in pooled)
    sys.stderr.write(f"{len(train)} train and {len(dev)} dev undated paired events "
                     f"({len(_rows(pooled))} pairs, {reachable} with the gold's date among "
                     f"them); left undated: {baseline:.4f}\n")  # fmt: skip
    best, tried = choose_option(
        train,
        dev,
        (C_GRID, "cut", CUTS),
        lambda c: lambda fit_on, held: _scores(fit_on, held, c),
        accuracy,
    )
    if best["pooled"] < baseline + MIN_GAIN:
        sys.stderr.write("the model does not beat leaving events undated: not written\n")
        return 1
    linear, _ = fit(_rows(train), _rows(dev), "label", min_count=MIN_COUNT, grid=(best["C"],))
    model = EpisodeDates(
        linear.with_meta(
            **pooled_choice(best, tried),
            undated_pooled=round(baseline, 4),
        ),
        float(best["cut"]),
    )
    out = Path(args.out)
    write_weights(out, MODEL_FILE, model.to_json())
    return kept_if_product_gains(
        args.gold, out, MODEL_FILE, "episodes", product_score, PRODUCT_GAIN, started
    )


if __name__ == "__main__":
    raise SystemExit(main())
