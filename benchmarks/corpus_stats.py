"""Counts of what `extract` finds over a corpus: a spot check that it works on any article.

    python benchmarks/corpus_stats.py                 # ../shared/corpus/wikinews_2019_2020.jsonl
    python benchmarks/corpus_stats.py corpus.jsonl --limit 200

Prints documents (extracted / skipped), entities by type, mentions, citations by kind and with
problems, time expressions by granularity, and how many publication dates were inferred.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from newsgraph import Extraction, Extractor, Settings, Skipped

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    extractor = Extractor(Settings())
    counts: Counter[str] = Counter()
    for number, result in enumerate(extractor.extract_paths(args.corpus or [DEFAULT_CORPUS]), 1):
        if args.limit and number > args.limit:
            break
        if isinstance(result, Skipped):
            counts["skipped"] += 1
            continue
        _count(result, counts)
    _report(counts)


def _count(result: Extraction, counts: Counter[str]) -> None:
    counts["documents"] += 1
    counts["inferred publication date"] += result.document.published.inferred
    for entity in result.entities:
        counts[f"entity {entity.type.value}"] += 1
        counts["entities"] += 1
        counts["known entities"] += entity.known
        counts["mentions"] += len(entity.mentions)
        counts["roles from text"] += sum(1 for r in entity.roles if r.evidence)
    for citation in result.citations:
        counts[f"citation {citation.kind}"] += 1
        counts["citations with problems"] += bool(citation.problems)
    for event in result.events:
        counts[f"event {event.type}"] += 1
        counts["events"] += 1
        counts[f"modality {event.modality.value}"] += 1
    for quote in result.quotes:
        counts[f"quote {quote.kind}"] += 1
        counts["quotes with speaker"] += quote.speaker is not None
    for relation in result.relations:
        counts[f"relation {relation.relation}"] += 1
    counts["arms transfers"] += len(result.arms_transfers)
    counts["deployments"] += len(result.deployments)
    for expr in result.dates:
        counts[f"date {expr.granularity.value}"] += 1
        counts["dates"] += 1
        counts["dates normalised"] += expr.value is not None


def _report(counts: Counter[str]) -> None:
    width = max(len(k) for k in counts)
    for key in sorted(counts, key=lambda k: (k.split()[0], -counts[k])):
        print(f"{key:<{width}} {counts[key]:>8,}")


if __name__ == "__main__":
    main()
