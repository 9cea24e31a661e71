"""Event-coding quality on the PETRARCH2 validation sentences and the PLOVER gold records.

    python benchmarks/evaluate_events.py                 # ../shared/bench/{petrarch,plover}/...
    python benchmarks/evaluate_events.py --details       # + gold vs predicted, PLOVER confusion

Codes from raw text only (PETRARCH2's parses are ignored) and prints:
  PETRARCH2  micro P/R/F1 over (source country, target country, CAMEO root) triples, beside
             PETRARCH2's own score with gold parses
  PLOVER     type accuracy of the most confident event, gold type among any event, coverage,
             source/target country accuracy over correctly typed records, per-type counts
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsgraph import Extractor, NewsgraphError, Settings
from newsgraph.evaluation import (
    PETRARCH2_REFERENCE,
    PetrarchScore,
    PloverScore,
    Triple,
    evaluate_petrarch,
    evaluate_plover,
)

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
DEFAULT_PETRARCH = BENCH / "petrarch" / "PETR2_GSR_validation.xml"
DEFAULT_PLOVER = BENCH / "plover" / "PLOVER_GSR_CAMEO.json"


def main() -> None:
    args = _arguments()
    start = time.perf_counter()
    extractor = Extractor(Settings())
    try:
        petrarch = evaluate_petrarch(args.petrarch, extractor)
        plover = evaluate_plover(args.plover, extractor)
    except NewsgraphError as e:
        sys.exit(f"error: {e}")
    print_petrarch(petrarch, details=args.details)
    print()
    print_plover(plover, details=args.details)
    print(f"\n{time.perf_counter() - start:.1f} s including model load")


def print_petrarch(score: PetrarchScore, *, details: bool) -> None:
    print(f"PETRARCH2 validation: {len(score.sentences)} sentences, {score.gold} gold triples "
          "(source[:3], target[:3], CAMEO root)")  # fmt: skip
    print(f"{'coder':<26} {'P':>6} {'R':>6} {'F1':>6}   tp / predicted / gold")
    counts = f"{score.true_positives} / {score.predicted} / {score.gold}"
    print(f"{'newsgraph (raw text)':<26} {score.precision:6.3f} {score.recall:6.3f} "
          f"{score.f1:6.3f}   {counts}")  # fmt: skip
    p, r, f1 = PETRARCH2_REFERENCE
    print(f"{'PETRARCH2 (gold parses)':<26} {p:6.2f} {r:6.2f} {f1:6.2f}   reference")
    if score.skipped:
        print(f"not scored (empty <Text>, parse only): {', '.join(score.skipped)}")
    if not details:
        return
    for sentence in score.sentences:
        mark = "ok " if sentence.gold == sentence.predicted else "-- "
        print(f"\n{mark}{sentence.id}: {sentence.text}")
        print(f"    gold      {_triples(sentence.gold)}")
        print(f"    predicted {_triples(sentence.predicted)}")


def print_plover(score: PloverScore, *, details: bool) -> None:
    total = len(score.results)
    print(f"PLOVER gold records: {total} (0.5b1 names mapped to PLOVER 2.0)")
    rows = [
        ("type accuracy (top event)", score.type_accuracy),
        ("gold type among any event", score.any_accuracy),
        ("coverage (>= 1 event)", score.coverage),
        ("source country | type ok", score.source_accuracy),
        ("target country | type ok", score.target_accuracy),
    ]
    for label, value in rows:
        print(f"{label:<28} {value:6.3f}")
    print(f"\n{'type':<12} {'gold':>5} {'correct':>8} {'acc':>6}")
    for count in score.per_type:
        print(f"{count.type:<12} {count.gold:5d} {count.correct:8d} "
              f"{count.correct / count.gold:6.3f}")  # fmt: skip
    if not details:
        return
    print(f"\n{'gold':<12} {'predicted':<12} {'n':>4}   (mistakes only)")
    confusion = score.confusion
    for (gold, predicted), n in sorted(confusion.items(), key=lambda item: -item[1]):
        if gold != predicted:
            print(f"{gold:<12} {predicted or '(none)':<12} {n:4d}")


def _triples(triples: frozenset[Triple]) -> str:
    return ", ".join("-".join(t) for t in sorted(triples)) or "(none)"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--petrarch", type=Path, default=DEFAULT_PETRARCH, metavar="PATH",
                        help="PETR2_GSR_validation.xml")  # fmt: skip
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER, metavar="PATH",
                        help="PLOVER_GSR_CAMEO.json")  # fmt: skip
    parser.add_argument("--details", action="store_true",
                        help="per-sentence gold vs predicted, PLOVER confusion")  # fmt: skip
    return parser.parse_args()


if __name__ == "__main__":
    main()
