"""Build the shipped file of US federal judges, `src/newsgraph/lexicon/actors/us_judges.jsonl.gz`,
from the Federal Judicial Center's Biographical Directory of Article III Federal Judges (a US
Government work, public domain; `scripts/actorkb/judges.py` says what is kept and how judges
are named). The pipeline reads it with `actors.jsonl.gz` as the built-in actor knowledge base.

    fetch github:jordangalvin05/federal-judges
    python scripts/build_us_judges.py --fjc /work/.mirror/jordangalvin05+federal-judges/repo

The snapshot's newest commit holds only a README; the export is read at `--rev` (30370b3,
2023-07-25). Records are sorted by id and the gzip timestamp fixed, so a re-run on the same
snapshot writes the same bytes.

A judge the main knowledge base (`actors.jsonl.gz`) already holds, so that one person is not
two records the pipeline must choose between, is written as that file's record with the
judge's names, appointments and source added (the knowledge base reads a later file's record
in place of an earlier one's of the same id): a US person of that file named as the judge is
(its name), or known as a judge there under any of the judge's forms or first and last name
(the justices of the Supreme Court are in Wikidata's lists of cabinet-level posts). A judge
who matches two such records is left out.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from actorkb.common import OUT as MAIN
from actorkb.common import Record, Snapshot, merge_key
from actorkb.judges import federal_judges
from build_actor_kb import summary, write

from newsgraph.lexicon.actor_kb import JUDGES, read_records

REV = "30370b3"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fjc", type=Path, required=True,
                        help="bare git dir of jordangalvin05/federal-judges")  # fmt: skip
    parser.add_argument("--rev", default=REV, help="the commit that holds the export")
    parser.add_argument("--main", type=Path, default=MAIN,
                        help="the main knowledge base file, whose judges are left out")  # fmt: skip
    parser.add_argument("--out", type=Path, default=JUDGES)
    args = parser.parse_args(argv)
    known = KnownPeople(read_records([args.main]))
    judges = list(federal_judges(Snapshot(args.fjc, args.rev)))
    out, merged, dropped = [], 0, 0
    for judge in judges:
        found = known.of(judge)
        if not found:
            out.append(judge.as_json())
        elif len(found) == 1:
            out.append(_merged(found[0], judge.as_json()))
            merged += 1
        else:
            dropped += 1
    records = sorted(out, key=lambda r: r["id"])
    write(records, args.out)
    print(
        f"{merged} judges added to the record {args.main.name} holds, {dropped} left out "
        "(two records there)"
    )
    print(summary(records))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


class KnownPeople:
    """The main file's US people by the merge keys of their names, and those known as judges
    by every form of their names."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.judges: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in records:
            if r["type"] != "person" or r["country"] != "USA":
                continue
            self.by_name[merge_key(r["name"])].append(r)
            if "JUD" in r["sectors"] or any(p.get("sector") == "JUD" for p in r["positions"]):
                for key in {merge_key(n) for n in [r["name"], *r["aliases"]]}:
                    self.judges[key].append(r)

    def of(self, judge: Record) -> list[dict[str, Any]]:
        """The main file's records that are this judge."""
        found = {r["id"]: r for r in self.by_name.get(merge_key(judge.name), [])}
        words = judge.name.split()  # and the short form the judge's record leaves out
        short = {f"{words[0]} {words[-1]}"} if len(words) > 2 else set()
        for key in sorted({merge_key(n) for n in {judge.name} | judge.aliases | short}):
            found.update((r["id"], r) for r in self.judges.get(key, []))
        return list(found.values())


def _merged(known: dict[str, Any], judge: dict[str, Any]) -> dict[str, Any]:
    """The main file's record with the judge's names, appointments and source."""
    out = dict(known)
    out["aliases"] = sorted((set(known["aliases"]) | set(judge["aliases"]) | {judge["name"]})
                            - {known["name"]})  # fmt: skip
    added = [p for p in judge["positions"] if p not in known["positions"]]
    out["positions"] = [*known["positions"], *added]
    out["sectors"] = sorted(set(known["sectors"]) | {"JUD"})
    out["sources"] = [*known["sources"], *judge["sources"]]
    out.setdefault("born", judge.get("born"))
    return {k: v for k, v in out.items() if v is not None}


if __name__ == "__main__":
    sys.exit(main())
