"""Throughput of `extract` against bare spaCy on the same texts, in the same run.

    python benchmarks/throughput.py                      # ../shared/corpus/wikinews_2019_2020.jsonl
    python benchmarks/throughput.py --limit 100 corpus.jsonl other.jsonl

Prints words/s and articles/s for:
  bare-full   spacy.load(model) with every component, nlp.pipe(batch_size)
  bare-same   the same model with the components newsgraph keeps (lemmatizer excluded)
  extract     newsgraph's whole extraction (parsing, gazetteers, resolution, dates, citations)
and the ratio of each to bare-full. Each timing is the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from newsgraph import Document, Extractor, Settings, load_documents

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
)


def main() -> None:
    args = _arguments()
    settings = Settings(model=args.model, batch_size=args.batch_size)
    documents = [d for d in load_documents(args.corpus or [DEFAULT_CORPUS], settings=settings)
                 if isinstance(d, Document)][: args.limit or None]  # fmt: skip
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words, model {args.model}, batch {args.batch_size}")

    bare_full = spacy.load(args.model)
    bare_same = spacy.load(args.model, exclude=["lemmatizer"])
    extractor = Extractor(settings)
    size = args.batch_size
    runs: list[tuple[str, Callable[[list[Document]], object]]] = [
        (
            "bare-full",
            lambda docs: sum(1 for _ in bare_full.pipe((d.text for d in docs), batch_size=size)),
        ),
        (
            "bare-same",
            lambda docs: sum(1 for _ in bare_same.pipe((d.text for d in docs), batch_size=size)),
        ),
        ("extract", lambda docs: sum(1 for _ in extractor.extract(docs))),
    ]
    for _, run in runs:  # warm up: first calls allocate and fill caches
        run(documents[:5])
    results = {name: min(_time(run, documents) for _ in range(args.repeat)) for name, run in runs}
    base = results["bare-full"]
    print(f"{'run':<10} {'seconds':>8} {'words/s':>10} {'articles/s':>10} {'ratio':>6}")
    for name, seconds in results.items():
        print(f"{name:<10} {seconds:8.2f} {words / seconds:10,.0f} {len(texts) / seconds:10.1f} "
              f"{base / seconds:6.2f}")  # fmt: skip
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:,.0f} MB; ratio = bare-full seconds / run seconds (1.00 = as fast)")


def _time(run: Callable[[list[Document]], object], documents: list[Document]) -> float:
    start = time.perf_counter()
    run(documents)
    return time.perf_counter() - start


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpus", nargs="*", type=Path, help="JSONL, text or HTML inputs")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per row (best is kept)")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--model", default=Settings().model)
    return parser.parse_args()


if __name__ == "__main__":
    main()
