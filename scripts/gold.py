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

from newsgraph.gold.compile import GoldError, compile_annotation
from newsgraph.gold.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
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
        if len(spans) > MAX_SENTENCES:
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
        (out / file_name(article["id"]).replace(".json", ".txt")).write_text("\n".join(lines) + "\n")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(CORPUS))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--out", default="/tmp/gold-texts")
    p.set_defaults(run=prepare)
    c = sub.add_parser("check")
    c.add_argument("files", nargs="+")
    c.set_defaults(run=check)
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
