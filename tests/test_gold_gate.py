"""Quality gate on newsgraph-gold: the product's scores on the dev and test splits (what it
outputs, scored by the harness) must not fall below the floors in quality_floors.json.

The corpus ships in the repository, so this gate always runs. Floors only go up; the test
split is scored here and reported, never used to choose anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph import Extractor
from newsgraph.gold.harness import Report
from newsgraph.gold.runner import evaluate_extractor

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
FLOORS = Path(__file__).parent / "quality_floors.json"
METRICS = {
    "event_detection_f1": lambda r: r.detection.f1,
    "event_type_f1": lambda r: r.typed.f1,
    "source_f1": lambda r: r.source.f1,
    "target_f1": lambda r: r.target.f1,
    "pair_accuracy": lambda r: r.pair.value,
    "modality_accuracy": lambda r: r.modality.value,
    "alignment_f1": lambda r: r.alignments.f1,
    "quote_speaker_accuracy": lambda r: r.speaker.value,
    "entity_type_accuracy": lambda r: r.entity_type.value,
    "entity_country_accuracy": lambda r: r.entity_country.value,
    "entity_sector_accuracy": lambda r: r.entity_sector.value,
    "event_date_accuracy": lambda r: r.date.value,
    "event_undated_accuracy": lambda r: r.undated.value,
}


def _below(report: Report, floors: dict[str, float]) -> list[str]:
    return [
        f"{name} {METRICS[name](report):.4f} < floor {floor}"
        for name, floor in floors.items()
        if round(METRICS[name](report), 4) < floor
    ]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_gold_scores_meet_floors(extractor: Extractor, split: str) -> None:
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))[f"gold_{split}"]
    assert set(floors) == set(METRICS)
    report = evaluate_extractor(GOLD, extractor, split=split)
    assert report.articles >= 10 and report.detection.gold >= 50
    assert not _below(report, floors), _below(report, floors)
