"""The evaluation table for terminals (a rich renderable; no printing here)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table

from newsgraph.gold.harness import Accuracy, Report, Tally


def render_report(report: Report, *, title: str) -> RenderableType:
    """Every layer's score, then event type per PLOVER type."""
    main = Table(title=f"{title}: {report.articles} articles")
    for column in ("layer", "P", "R", "F1 / accuracy", "counts"):
        main.add_column(column, justify="right" if column != "layer" else "left")
    rows: list[tuple[str, Tally | Accuracy]] = [
        ("event detection", report.detection),
        ("event type", report.typed),
        (f"event type, shown by default (conf >= {report.threshold:.2f})", report.shown),
        ("source (sides of typed matches)", report.source),
        ("target (sides of typed matches)", report.target),
        ("source+target pair", report.pair),
        ("modality", report.modality),
        ("negation", report.negation),
        ("event date (gold has one)", report.date),
        ("event left undated (gold has none)", report.undated),
        ("alignments", report.alignments),
        ("quotes", report.quotes),
        ("quote speaker", report.speaker),
        ("entity type", report.entity_type),
        ("entity country", report.entity_country),
        ("entity sector (CAMEO agent)", report.entity_sector),
    ]
    for name, score in rows:
        main.add_row(name, *_cells(score))
    per_type = Table(title="event type by PLOVER type")
    for column in ("type", "P", "R", "F1", "counts"):
        per_type.add_column(column, justify="right" if column != "type" else "left")
    for kind, tally in sorted(report.per_type.items()):
        per_type.add_row(kind, *_cells(tally))
    return Group(main, per_type)


def _cells(score: Tally | Accuracy) -> list[str]:
    if isinstance(score, Tally):
        return [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                f"{score.tp} / {score.predicted} / {score.gold}"]  # fmt: skip
    return ["", "", f"{score.value:.3f}", f"{score.correct} / {score.total}"]
