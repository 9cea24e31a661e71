"""Throughput of bare spaCy, `extract` and `ingest` (SQLite) at 1 and 2 processes, in one run.

    python benchmarks/throughput.py                   # ../shared/corpus/*.jsonl (~1.2 M words)
    python benchmarks/throughput.py --limit 300       # a quicker look
    python benchmarks/throughput.py --rows bare,extract corpus.jsonl

Every row runs in its own fresh process on the same texts with the same model and batch size,
so its peak RSS (the process and its workers) is its own. Ratios compare each row with bare
spaCy at the same process count:
  bare      spacy.load(model) (all components), nlp.pipe(batch_size, n_process)
  extract   newsgraph extraction (parsing, gazetteers, resolution, dates, citations, events...)
  ingest    extraction + writing the knowledge base (SQLite, one transaction per document)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus").glob("*.jsonl"))


def main() -> None:
    args = _arguments()
    if args.child:
        print(json.dumps(_run_row(args)))
        return
    corpus = [str(p) for p in (args.corpus or DEFAULT_CORPUS)]
    results = []
    for row in args.rows.split(","):
        for processes in (1, 2):
            command = [
                sys.executable,
                __file__,
                "--child",
                row,
                "--processes",
                str(processes),
                "--limit",
                str(args.limit),
                "--batch-size",
                str(args.batch_size),
                *corpus,
            ]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
            print(f"  done {row} x{processes}", file=sys.stderr)
    _report(results)


def _report(results: list[dict[str, float | str]]) -> None:
    first = results[0]
    print(
        f"{first['articles']} articles, {first['words']:,} words, model {first['model']}, "
        f"batch {first['batch']}, {os.cpu_count()} cores"
    )
    bare = {r["processes"]: float(r["seconds"]) for r in results if r["row"] == "bare"}
    one = {r["row"]: float(r["seconds"]) for r in results if r["processes"] == 1}
    print(
        f"{'row':<8} {'proc':>4} {'seconds':>8} {'words/s':>9} {'articles/s':>10} "
        f"{'vs bare':>8} {'vs 1 proc':>9} {'peak RSS':>9}"
    )
    for r in results:
        seconds = float(r["seconds"])
        ratio = bare.get(r["processes"], seconds) / seconds
        speedup = one.get(str(r["row"]), seconds) / seconds
        print(
            f"{r['row']:<8} {r['processes']:>4} {seconds:8.1f} {float(r['words']) / seconds:9,.0f} "
            f"{float(r['articles']) / seconds:10.1f} {ratio:8.2f} {speedup:9.2f} "
            f"{float(r['peak_mb']):7,.0f} MB"
        )


def _run_row(args: argparse.Namespace) -> dict[str, float | str]:
    from newsgraph import Document, Settings, load_documents
    from newsgraph.pipeline import shared_extractor

    settings = Settings(batch_size=args.batch_size)
    documents = [
        d for d in load_documents(args.corpus, settings=settings) if isinstance(d, Document)
    ]
    documents = documents[: args.limit or None]
    words = sum(len(d.text.split()) for d in documents)
    start = time.perf_counter()
    if args.child == "bare":
        import spacy

        nlp = spacy.load(settings.model)
        start = time.perf_counter()
        for _ in nlp.pipe(
            (d.text for d in documents), batch_size=args.batch_size, n_process=args.processes
        ):
            pass
    elif args.child == "extract":
        from newsgraph.parallel import extract_parallel

        extractor = shared_extractor(settings)
        start = time.perf_counter()
        stream = (
            extractor.extract(documents)
            if args.processes == 1
            else extract_parallel(documents, settings, workers=args.processes)
        )
        for _ in stream:
            pass
    else:
        from newsgraph.kb import ingest
        from newsgraph.store.db import open_database

        folder = Path(tempfile.mkdtemp())
        inputs = _as_jsonl(documents, folder / "input.jsonl")  # exactly the documents measured
        extractor = shared_extractor(settings)
        engine = open_database(str(folder / "kb.db"))
        start = time.perf_counter()
        ingest(extractor, engine, [inputs], workers=args.processes)
    seconds = time.perf_counter() - start
    peak = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    return {
        "row": args.child,
        "processes": args.processes,
        "seconds": seconds,
        "words": words,
        "articles": len(documents),
        "peak_mb": peak,
        "model": settings.model,
        "batch": args.batch_size,
    }


def _as_jsonl(documents: list[object], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for d in documents:
            out.write(
                json.dumps(
                    {
                        "id": d.external_id,
                        "title": d.title,
                        "outlet": d.outlet,  # type: ignore[attr-defined]
                        "date": d.published.date,
                        "url": d.url,
                        "text": d.text,
                    }
                )
                + "\n"
            )  # type: ignore[attr-defined]
    return path


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpus", nargs="*", type=Path, help="JSONL, text or HTML inputs")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--rows", default="bare,extract,ingest")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
