"""Train the learned sector model on newsgraph-gold: fit on train, choose on dev, never test.

    python scripts/train_sectors.py [--gold data/gold] [--out src/newsgraph/learn/weights]

Every actor the product outputs for a gold article (people, organisations, groups, outlets,
armed forces) is matched to the gold entity it is scored against (`gold.harness.
matching_entity`) and labelled with that entity's sector; its features are collected through
the product's own pipeline (`learn.sectors.entity_features`, the rules' agent among them), so
they are exactly those read at run time. Actors the gold codes IGO are left out: the product
codes an international body by its prefix, not by an agent type. A multinomial logistic
regression (scikit-learn, fixed seed) is fitted on train with C chosen by dev log-loss and
calibrated on dev (the temperature that minimises the dev log-loss, so `sector_confidence`
means what it says; the dev reliability curve is kept in the meta); then the two cuts
(`fill`, `override`) that maximise dev sector accuracy, with the rules' sectors as the
baseline, are chosen, and the product's own dev output is scored with them. About a minute
on two cores.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph import Extractor, Settings
from newsgraph.gold.corpus import load_gold
from newsgraph.gold.harness import matching_entity
from newsgraph.gold.runner import evaluate_extractor, predictions
from newsgraph.learn.fitting import (
    calibrate,
    fit,
    reliability_curve,
    settings_for,
    train_and_dev,
    training_args,
    write_weights,
)
from newsgraph.learn.sectors import MODEL_FILE, SectorModel, entity_features
from newsgraph.lexicon.compiled import ActorCodes
from newsgraph.models import Entity

NEVER = 1.01
MIN_COUNT = 2  # features seen fewer times in train are dropped
FILLS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, NEVER)
OVERRIDES = (0.0, 0.2, 0.4, 0.6, NEVER)


class Collector:
    """Stands in for the sector model during extraction: records each actor's features and
    leaves the entities as they are."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, tuple[dict[str, float], str | None, bool]]] = {}

    def assign(
        self, entities: Sequence[Entity], doc: Doc | None, codes: ActorCodes | None = None
    ) -> list[Entity]:
        from newsgraph.coding import code_entity, stated_agent
        from newsgraph.learn.sectors import SECTOR_TYPES

        assert doc is not None
        seen = self.seen[doc.text] = {}
        for e in entities:
            if e.type in SECTOR_TYPES:
                coded = code_entity(e, codes)
                stated = stated_agent(e, codes) == coded.agent
                seen[e.id] = (entity_features(e, doc, codes, coded), coded.agent, stated)
        return list(entities)


def labelled_rows(records: list[dict[str, Any]], extractor: Extractor) -> list[dict[str, Any]]:
    collector = Collector()
    extractor.sectors = collector  # type: ignore[assignment]
    outputs = predictions(records, extractor)
    extractor.sectors = None
    rows = []
    for record, output in zip(records, outputs, strict=True):
        seen = collector.seen.get(record["text"], {})
        mentions = {e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])]
                    for e in output.get("entities", [])}  # fmt: skip
        for gold in record["entities"]:
            sector = gold.get("sector")
            if not sector or sector == "IGO" or not gold["mentions"]:
                continue
            found = matching_entity(gold, mentions)
            if found is None or found not in seen:
                continue
            features, rule, stated = seen[found]
            rows.append({"features": features, "rule": rule, "stated": stated, "label": sector})
    return rows


def decide(model: SectorModel, row: dict[str, Any]) -> str | None:
    """The sector the model gives a row's actor (mirrors SectorModel._assigned)."""
    probabilities = model.model.probabilities(row["features"])
    best = max(probabilities, key=lambda c: probabilities[c])
    rule = row["rule"]
    if best == rule:
        return rule
    if rule is None:
        return best if probabilities[best] >= model.fill else None
    if probabilities[best] - probabilities.get(rule, 0.0) >= model.override and not row["stated"]:
        return best
    return str(rule)


def choose_cuts(model: SectorModel, dev: list[dict[str, Any]]) -> tuple[SectorModel, list[Any]]:
    tried = []
    rules = sum(r["rule"] == r["label"] for r in dev) / len(dev)
    best = (rules, SectorModel(model.model, NEVER, NEVER))
    for fill in FILLS:
        for override in OVERRIDES:
            candidate = SectorModel(model.model, fill, override)
            accuracy = sum(decide(candidate, r) == r["label"] for r in dev) / len(dev)
            tried.append({"fill": fill, "override": override, "dev_accuracy": round(accuracy, 4)})
            if accuracy > best[0] + 1e-9:
                best = (accuracy, candidate)
    sys.stderr.write(f"  rules alone: dev accuracy {rules:.4f}; chosen {best[1].fill} / "
                     f"{best[1].override}: {best[0]:.4f}\n")  # fmt: skip
    return best[1], tried


def main() -> int:
    args = training_args(__doc__)
    started = time.monotonic()
    extractor = Extractor(Settings())
    train, dev = train_and_dev(load_gold(args.gold), lambda split: labelled_rows(split, extractor))
    sys.stderr.write(f"{len(train)} train and {len(dev)} dev actors with a gold sector\n")
    linear, _ = fit(train, dev, "label", min_count=MIN_COUNT)
    linear = calibrate(linear, dev, "label")
    chosen, tried = choose_cuts(SectorModel(linear, NEVER, NEVER), dev)
    curve = reliability_curve(
        (max(p.values()), max(p, key=lambda c: p[c]) == r["label"])
        for r in dev
        for p in [linear.probabilities(r["features"])]
    )
    sys.stderr.write(f"  dev reliability of the model's sector: {curve}\n")
    meta = {**(linear.meta or {}), "trained_on": "newsgraph-gold train",
            "chosen_on": "newsgraph-gold dev", "train_actors": len(train),
            "dev_actors": len(dev), "cuts_tried": tried,
            "reliability_dev": curve}  # fmt: skip
    model = SectorModel(
        linear.with_meta(**meta),
        chosen.fill,
        chosen.override,
    )
    out = Path(args.out)
    write_weights(out, MODEL_FILE, model.to_json())
    report = evaluate_extractor(args.gold, Extractor(settings_for(out)), split="dev")
    sector = report.entity_sector.as_dict()
    sys.stderr.write(f"product dev sector accuracy {sector['accuracy']} "
                     f"({time.monotonic() - started:.0f} s)\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
