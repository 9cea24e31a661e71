"""Publication dates inferred with the date hidden: each newsgraph-gold article's text goes
through `newsgraph.annotate.pubdate.infer_published` (what the pipeline does with a document no
metadata dates), as if it were read on the day after its real publication, and the inferred
date is compared with the real one. A story the text cannot date is left undated, which is
right; one dated to another year misdates every "on Monday" in it.

    python benchmarks/hidden_dates.py               # dev split
    python benchmarks/hidden_dates.py --split train
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "newsgraph-gold.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    parser.add_argument("--show", action="store_true", help="list the stories dated wrongly")
    args = parser.parse_args()
    if args.show and args.split == "test":
        parser.error("--show lists errors, and test errors are not looked at")

    from newsgraph.annotate.pubdate import infer_published

    tally: Counter[str] = Counter()
    with GOLD.open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if article["split"] != args.split:
                continue
            real = date.fromisoformat(article["published"][:10])
            found = infer_published(article["text"], today=real + timedelta(days=1))
            outcome = _outcome(found.date if found else None, real)
            tally[outcome] += 1
            if args.show and outcome == "another year" and found is not None:
                print(f"  {article['id']}: {found.date} (real {real}): {found.basis}")
    dated = tally["same day"] + tally["same year"] + tally["another year"]
    print(f"{args.split}: {sum(tally.values())} articles, their dates hidden; {dated} dated")
    for outcome in ("same day", "same year", "another year", "undated"):
        print(f"  {outcome}: {tally[outcome]}")
    if dated:
        print(f"  year right where dated: {(dated - tally['another year']) / dated:.3f}")


def _outcome(found: str | None, real: date) -> str:
    if found is None:
        return "undated"
    if found == real.isoformat():
        return "same day"
    return "same year" if found[:4] == str(real.year) else "another year"


if __name__ == "__main__":
    main()
