"""Build and check newsgraph-gold.

python scripts/gold.py prepare [--corpus ../shared/corpus/wikinews_2019_2020.jsonl] [--out DIR]
    numbered sentences of each article, for annotators (sentences as the gold splitter cuts)
python scripts/gold.py check FILE.json...
    check annotation files against their article and the ontology; one line per problem
python scripts/gold.py compile
    data/gold/annotations/*.json -> data/gold/newsgraph-gold.jsonl (offsets, splits)
python scripts/gold.py agreement
    agreement between data/gold/annotations and the independent data/gold/second
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgraph.gold.agreement import agreement
from newsgraph.gold.compile import GoldError, compile_annotation
from newsgraph.gold.corpus import CORPUS_FILE, split_of
from newsgraph.gold.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
MAX_SENTENCES = 60  # longer articles (live blogs, digests) are left for a later round


def _articles(corpus: Path) -> dict[str, dict]:
    with corpus.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def file_name(article_id: str) -> str:
    return article_id.replace(":", "_") + ".json"


def prepare(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for article in _articles(Path(args.corpus)).values():
        spans = split_sentences(article["text"])
        if len(spans) > args.max_sentences:
            continue
        lines = [
            f"# {article['id']}",
            f"# title: {article['title']}",
            f"# published: {article['date']}",
            f"# url: {article['url']}",
            f"# {len(spans)} sentences (annotate every index 0..{len(spans) - 1})",
            "",
        ]
        lines += [f"[{i}] {article['text'][a:b]}" for i, (a, b) in enumerate(spans)]
        (out / file_name(article["id"]).replace(".json", ".txt")).write_text(
            "\n".join(lines) + "\n"
        )
    return 0


def check(args: argparse.Namespace) -> int:
    articles = _articles(Path(args.corpus))
    bad = 0
    for name in args.files:
        annotation = json.loads(Path(name).read_text(encoding="utf-8"))
        try:
            compile_annotation(articles[annotation["id"]], annotation)
        except GoldError as error:
            bad += 1
            for problem in error.problems:
                print(f"{name}: {problem}")
        except (KeyError, TypeError, ValueError) as error:
            bad += 1
            print(f"{name}: malformed: {error!r}")
    print(f"{len(args.files) - bad} ok, {bad} with problems", file=sys.stderr)
    return 1 if bad else 0


def _compiled(folder: Path, articles: dict[str, dict]) -> tuple[list[dict], list[str]]:
    records, problems = [], []
    for file in sorted(folder.glob("*.json")):
        annotation = json.loads(file.read_text(encoding="utf-8"))
        try:
            record = compile_annotation(articles[annotation["id"]], annotation)
        except GoldError as error:
            problems += [f"{file.name}: {p}" for p in error.problems]
            continue
        records.append({"id": record["id"], "split": split_of(record["id"]), **record})
    return records, problems


def compile_corpus(args: argparse.Namespace) -> int:
    records, problems = _compiled(GOLD / "annotations", _articles(Path(args.corpus)))
    for problem in problems:
        print(problem, file=sys.stderr)
    records.sort(key=lambda r: r["id"])
    with (GOLD / CORPUS_FILE).open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    _write_sources(records)
    stats = _stats(records)
    (GOLD / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(stats, indent=2))
    return 1 if problems else 0


def _write_sources(records: list[dict]) -> None:
    """Attribution for CC BY 2.5: every article's title, URL and licence."""
    lines = [
        "# Sources of newsgraph-gold",
        "",
        "Every article text in `newsgraph-gold.jsonl` is from English Wikinews, published under",
        "the Creative Commons Attribution 2.5 licence (https://creativecommons.org/licenses/by/2.5/).",
        "The annotations are newsgraph's, under the same licence. Articles, by id:",
        "",
    ]
    for record in records:
        lines.append(
            f"- `{record['id']}` ({record['split']}): [{record['title']}]({record['url']}),"
            f" Wikinews, {record['published']}, {record['license']}"
        )
    (GOLD / "SOURCES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _stats(records: list[dict]) -> dict:
    from collections import Counter

    splits = Counter(r["split"] for r in records)
    return {
        "articles": len(records),
        "articles_by_split": dict(sorted(splits.items())),
        "sentences": sum(len(r["sentences"]) for r in records),
        "events": sum(len(r["events"]) for r in records),
        "events_by_type": dict(
            Counter(e["type"] for r in records for e in r["events"]).most_common()
        ),
        "events_by_modality": dict(
            Counter(e["modality"] for r in records for e in r["events"]).most_common()
        ),
        "alignments": sum(len(r["alignments"]) for r in records),
        "quotes": sum(len(r["quotes"]) for r in records),
        "entities": sum(len(r["entities"]) for r in records),
    }


def agreement_report(args: argparse.Namespace) -> int:
    articles = _articles(Path(args.corpus))
    first, _ = _compiled(GOLD / "annotations", articles)
    second, problems = _compiled(GOLD / "second", articles)
    for problem in problems:
        print(problem, file=sys.stderr)
    result = agreement(first, second)
    report = result.as_dict()
    (GOLD / "agreement.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    if args.disagreements:
        for item in result.disagreements:
            print(json.dumps(item, ensure_ascii=False))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default=str(CORPUS))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--out", default="/tmp/gold-texts")
    p.add_argument("--max-sentences", type=int, default=MAX_SENTENCES,
                   help="leave out longer articles (default %(default)s)")  # fmt: skip
    p.set_defaults(run=prepare)
    c = sub.add_parser("check")
    c.add_argument("files", nargs="+")
    c.set_defaults(run=check)
    sub.add_parser("compile").set_defaults(run=compile_corpus)
    a = sub.add_parser("agreement")
    a.add_argument("--disagreements", action="store_true")
    a.set_defaults(run=agreement_report)
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
