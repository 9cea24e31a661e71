"""Time and peak memory of extracting one long document, at several sizes: does cost grow
linearly with the document?

    python benchmarks/long_documents.py                       # 50k, 150k and 300k words
    python benchmarks/long_documents.py --words 10000 50000

Each document is real prose: Wikinews articles of ../shared joined with blank lines until the
size is reached. Each size runs `newsgraph extract` in a fresh process (model load included, and
reported apart by a 10-word run), so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews_2019_2020.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, nargs="+", default=[50_000, 150_000, 300_000])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-long-"))
    base = _run(_document(folder, texts, 10))
    print(f"start-up (10 words): {base[0]:.1f} s, {base[1]:.0f} MB")
    print(f"{'words':>8} {'MB of text':>10} {'seconds':>8} {'s per 10k words':>16} {'peak RSS':>9}")
    for words in args.words:
        seconds, peak = _run(_document(folder, texts, words))
        path = folder / f"{words}.txt"
        size = path.stat().st_size / 1e6
        per = (seconds - base[0]) / words * 10_000
        print(f"{words:>8,} {size:>10.2f} {seconds:>8.1f} {per:>16.2f} {peak:>7.0f}MB")


def _document(folder: Path, texts: list[str], words: int) -> Path:
    chosen: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            taken = text.split()[: words - count]
            chosen.append(" ".join(taken))
            count += len(taken)
            if count >= words:
                break
    path = folder / f"{words}.txt"
    path.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
    return path


def _run(path: Path) -> tuple[float, float]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "newsgraph", "extract", str(path), "--no-text"],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest so far: a smaller later child does not show, so
    # sizes run in increasing order
    return elapsed, max(peak, before) / 1024


if __name__ == "__main__":
    main()
