"""Train the learned country model on newsgraph-gold: fit on train, choose on dev, never test.

    python scripts/train_countries.py [--gold data/gold] [--out src/newsgraph/learn/weights]

Every actor the rules leave without a country (`learn.countries.wants_country`) that is
matched to a gold entity (`gold.harness.matching_entity`) gives one row per country the
document names, labelled yes when it is the gold entity's country; an actor the gold gives no
country labels every candidate no. The features are collected through the product's own
pipeline, so they are those read at run time. A binary logistic regression (scikit-learn,
fixed seed) is fitted on train with C chosen by dev log-loss, and calibrated on dev (the
temperature that minimises the dev log-loss), so `country_confidence` means what it says; the
dev reliability curve is kept in the meta. The cut is chosen on dev by the
countries given right less those given wrong (a wrong country in a country-level count costs
as much as a right one gains; on a tie, the higher cut): the gold harness scores only actors
the gold gives a country, and there any guess beats none, so it cannot say when to abstain.
The options tried are kept in the weights' meta. About a minute on two cores.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsgraph import Extractor, Settings
from newsgraph.coding import code_entity
from newsgraph.gold.corpus import load_gold
from newsgraph.gold.harness import matching_entity
from newsgraph.gold.runner import evaluate_extractor, predictions
from newsgraph.learn.countries import MODEL_FILE, YES, CountryModel, StoryCountries, wants_country
from newsgraph.learn.fitting import (
    calibrate,
    fit,
    reliability_curve,
    settings_for,
    train_and_dev,
    training_args,
    write_weights,
)
from newsgraph.learn.linear import LinearModel
from newsgraph.lexicon.compiled import ActorCodes
from newsgraph.models import Entity

CUTS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
MIN_COUNT = 2


class Collector:
    """Stands in for the country model during extraction: records each wanting actor's
    candidates and features, and changes nothing."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, list[tuple[str, dict[str, float]]]]] = {}
        self.text = ""

    def assign(
        self, entities: Sequence[Entity], sentences: int, codes: ActorCodes | None = None
    ) -> list[Entity]:
        story = StoryCountries.of(entities)
        seen = self.seen.setdefault(self.text, {})
        for e in entities:
            coded = code_entity(e, codes)
            if wants_country(e, coded):
                seen[e.id] = [(c, story.features(e, c, coded.agent)) for c in sorted(story.weight)]
        return list(entities)


def collect(records: list[dict[str, Any]], extractor: Extractor) -> list[dict[str, Any]]:
    """One group per matched actor the rules left without a country."""
    collector = Collector()
    extractor.countries = collector  # type: ignore[assignment]
    groups = []
    for record in records:
        collector.text = record["text"]
        output = predictions([record], extractor)[0]
        seen = collector.seen.get(record["text"], {})
        mentions = {e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])]
                    for e in output.get("entities", [])}  # fmt: skip
        for gold in record["entities"]:
            if not gold["mentions"]:
                continue
            found = matching_entity(gold, mentions)
            if found is None or found not in seen:
                continue
            wanted = gold.get("country")
            groups.append({
                "gold": wanted,
                "candidates": [{"value": c, "features": f, "label": YES if c == wanted else "no"}
                               for c, f in seen[found]],
            })  # fmt: skip
    return groups


def _best(model: LinearModel, group: dict[str, Any]) -> tuple[str | None, float]:
    """The group's most probable candidate and its probability."""
    best, p = None, -1.0
    for c in group["candidates"]:
        q = model.probabilities(c["features"])[YES]
        if q > p:
            best, p = c["value"], q
    return best, p


def decide(model: CountryModel, group: dict[str, Any]) -> str | None:
    best, p = _best(model.model, group)
    return best if best is not None and p >= model.threshold else None


def scores(groups: list[dict[str, Any]], model: CountryModel | None) -> dict[str, float]:
    """Countries given right less those given wrong, accuracy over the actors the gold gives
    a country, and how many of the countries given are right."""
    given = right = 0
    for g in groups:
        out = decide(model, g) if model else None
        given += out is not None
        right += out is not None and out == g["gold"]
    having = sum(1 for g in groups if g["gold"])
    return {
        "net": right - (given - right),
        "gold_has_country": round(right / max(having, 1), 4),
        "precision_of_given": round(right / max(given, 1), 4),
        "given": given,
    }


def main() -> int:
    args = training_args(__doc__)
    started = time.monotonic()
    extractor = Extractor(Settings())
    train, dev = train_and_dev(load_gold(args.gold), lambda split: collect(split, extractor))
    reachable = sum(1 for g in dev if any(c["label"] == YES for c in g["candidates"]))
    sys.stderr.write(f"{len(train)} train and {len(dev)} dev actors without a country; on dev "
                     f"{sum(1 for g in dev if g['gold'])} have one in the gold, {reachable} "
                     f"among the candidates\n")  # fmt: skip
    rows = [c for g in train for c in g["candidates"]]
    held = [c for g in dev for c in g["candidates"]]
    linear, _ = fit(rows, held, "label", min_count=MIN_COUNT)
    linear = calibrate(linear, held, "label")
    tried, best = [], None
    for cut in CUTS:
        score = scores(dev, CountryModel(linear, cut))
        tried.append({"threshold": cut, **score})
        if best is None or score["net"] >= best[1]["net"]:
            best = (cut, score)
    assert best is not None
    rules = scores(dev, None)
    curve = reliability_curve(
        (p, value == g["gold"]) for g in dev for value, p in [_best(linear, g)] if value is not None
    )
    sys.stderr.write(f"  dev reliability of the best candidate: {curve}\n")
    sys.stderr.write(f"  dev, rules alone: {rules}\n  dev, cut {best[0]}: {best[1]}\n")
    meta = {**(linear.meta or {}), "trained_on": "newsgraph-gold train",
            "chosen_on": "newsgraph-gold dev", "train_actors": len(train),
            "dev_actors": len(dev), "dev_rules": rules, "cuts_tried": tried,
            "reliability_dev": curve}  # fmt: skip
    model = CountryModel(
        linear.with_meta(**meta),
        best[0],
    )
    out = Path(args.out)
    write_weights(out, MODEL_FILE, model.to_json())
    report = evaluate_extractor(args.gold, Extractor(settings_for(out)), split="dev")
    sys.stderr.write(f"product dev country accuracy {report.entity_country.as_dict()} "
                     f"({time.monotonic() - started:.0f} s)\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
