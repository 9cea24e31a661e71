"""Ingest the same articles into a fresh knowledge base with one process, with `--workers N`
and with `--dask` on a local scheduler and N single-threaded Dask workers (the way a cluster
runs it), and print documents per second for each, and each against one process.

    python benchmarks/ingest_modes.py --limit 150 --workers 2
    python benchmarks/ingest_modes.py --limit 150 --workers 2 \\
        --db postgresql://app:app@127.0.0.1:54329/ingest_modes

Each run is `newsgraph ingest` as a user types it, timed from start to exit (model loading
included, so short inputs understate the parallel gain). With a PostgreSQL URL every run
first empties that database's tables; by default each run writes a new SQLite file.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "wikinews_2019_2020.jsonl"
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", help="PostgreSQL URL to write into (emptied before each run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample.jsonl"
        with args.corpus.open(encoding="utf-8") as source:
            sample.write_text("".join(islice(source, args.limit)), encoding="utf-8")
        runs = {"1 process": [], f"--workers {args.workers}": ["--workers", str(args.workers)]}
        timed: dict[str, float] = {}
        for label, extra in runs.items():
            timed[label] = _ingest(sample, _target(args.db, folder, label), extra)
        with _local_dask(args.workers) as address:
            label = f"--dask ({args.workers} local workers)"
            timed[label] = _ingest(sample, _target(args.db, folder, label), ["--dask", address])
    single = timed["1 process"]
    print(f"\n{args.limit} documents of {args.corpus.name}; wall time includes start-up\n")
    print("| mode | seconds | documents/s | vs 1 process |\n|---|---:|---:|---:|")
    for label, seconds in timed.items():
        print(f"| {label} | {seconds:.1f} | {args.limit / seconds:.2f} | {single / seconds:.2f}x |")


def _target(db: str | None, folder: str, label: str) -> str:
    if db is None:
        return str(Path(folder) / (re.sub(r"\W+", "-", label).strip("-") + ".db"))
    from sqlalchemy import text

    from newsgraph.store.db import open_database
    from newsgraph.store.schema import metadata

    engine = open_database(db)
    with engine.begin() as c:  # children first: the foreign keys allow it in this order
        for table in reversed(metadata.sorted_tables):
            c.execute(text(f"DELETE FROM {table.name}"))
    engine.dispose()
    return db


def _ingest(sample: Path, db: str, extra: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "newsgraph"), "ingest", str(sample), "--db", db, *extra],
                          capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr.strip().splitlines()[-1:]}")
    print(json.dumps({"args": extra, "seconds": round(seconds, 1),
                      "said": done.stdout.strip().splitlines()[-1:]}))  # fmt: skip
    return seconds


@contextmanager
def _local_dask(workers: int) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--dashboard-address", ":0"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    worker = subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", str(workers),
                               "--nthreads", "1", "--dashboard-address", ":0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_for_workers(address, workers)
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=60)


def _wait_for_workers(address: str, workers: int) -> None:
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(workers, timeout=120)


if __name__ == "__main__":
    main()
