"""Quality gate: event-coding scores on the shared benchmarks must not fall below their floors.

The floors live in tests/quality_floors.json; lowering one is a deliberate, explained change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph import Extractor
from newsgraph.evaluation import PetrarchScore, PloverScore, evaluate_petrarch, evaluate_plover

pytestmark = pytest.mark.shared

FLOORS = Path(__file__).parent / "quality_floors.json"


def below_floors(score: PetrarchScore | PloverScore, floors: dict[str, float]) -> list[str]:
    """One line per metric under its floor (rounded, so float noise never fails the gate)."""
    return [f"{name} {getattr(score, name):.4f} < floor {floor}"
            for name, floor in floors.items() if round(getattr(score, name), 4) < floor]  # fmt: skip


def floors_of(benchmark: str) -> dict[str, float]:
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))[benchmark]
    return floors


def test_petrarch_scores_meet_floors(shared: Path, extractor: Extractor) -> None:
    floors = floors_of("petrarch")
    assert set(floors) == {"precision", "recall", "f1"}
    score = evaluate_petrarch(shared / "bench" / "petrarch" / "PETR2_GSR_validation.xml", extractor)
    assert len(score.sentences) + len(score.skipped) >= 78
    assert not below_floors(score, floors), below_floors(score, floors)


def test_plover_scores_meet_floors(shared: Path, extractor: Extractor) -> None:
    floors = floors_of("plover")
    assert set(floors) == {"type_accuracy", "source_accuracy"}
    score = evaluate_plover(shared / "bench" / "plover" / "PLOVER_GSR_CAMEO.json", extractor)
    assert len(score.results) >= 322
    assert not below_floors(score, floors), below_floors(score, floors)
