"""Time per spaCy component: the stock model against newsgraph's pipeline, on the same texts.

    python benchmarks/components.py                  # first 200 articles of ../shared/corpus
    python benchmarks/components.py --limit 0 corpus.jsonl

newsgraph loads the same model but sets the attribute ruler's and lemmatizer's attributes
once per distinct token (`newsgraph_token_attributes`) and marks paragraph breaks. This prints
ms per article for every component of both pipelines (best of `--repeat` passes, after a
warm-up pass), and counts tokens whose TAG, POS, MORPH, LEMMA, DEP, head or entity label differ
between the two (expected: 0).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Token

from newsgraph import Document, Settings, load_documents
from newsgraph.annotate.nlp import load_nlp

CORPUS = sorted((Path(__file__).resolve().parents[2] / "shared" / "corpus").glob("*.jsonl"))
COMPARED = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_TYPE, ENT_IOB]


def main() -> None:
    args = _arguments()
    settings = Settings()
    documents = load_documents(args.corpus or CORPUS, settings=settings)
    texts = [d.text for d in documents if isinstance(d, Document)][: args.limit or None]
    model = settings.model
    stock = spacy.load(model)
    ours = load_nlp(model)
    print(f"{len(texts)} articles, model {model}, batch {args.batch_size}")
    timings = {
        name: _timings(nlp, texts, args) for name, nlp in (("stock", stock), ("newsgraph", ours))
    }
    names = list(dict.fromkeys([*timings["stock"], *timings["newsgraph"]]))
    print(f"{'component':<28} {'stock ms':>9} {'newsgraph ms':>13}")
    for name in names:
        a, b = timings["stock"].get(name), timings["newsgraph"].get(name)
        print(f"{name:<28} {_ms(a):>9} {_ms(b):>13}")
    total = {k: sum(v.values()) for k, v in timings.items()}
    print(f"{'total':<28} {_ms(total['stock']):>9} {_ms(total['newsgraph']):>13}   "
          f"ratio {total['stock'] / total['newsgraph']:.2f}")  # fmt: skip
    different = _differences(stock, ours, texts, args.batch_size)
    print(f"tokens with any attribute different: {different:,}")


def _timings(nlp: Language, texts: list[str], args: argparse.Namespace) -> dict[str, float]:
    """ms per article for each enabled component: the best of the passes after a warm-up."""
    best: dict[str, float] = {}
    for attempt in range(args.repeat + 1):
        spent = {"make_doc": 0.0, **dict.fromkeys(nlp.pipe_names, 0.0)}
        for start in range(0, len(texts), args.batch_size):
            clock = time.perf_counter()
            docs = [nlp.make_doc(t) for t in texts[start : start + args.batch_size]]
            spent["make_doc"] += time.perf_counter() - clock
            for name, component in nlp.pipeline:
                clock = time.perf_counter()
                pipe = getattr(component, "pipe", None)  # function components have none
                docs = list(
                    pipe(docs, batch_size=args.batch_size) if pipe else map(component, docs)
                )
                spent[name] += time.perf_counter() - clock
        if attempt:
            for name, seconds in spent.items():
                value = 1000 * seconds / len(texts)
                best[name] = min(best.get(name, value), value)
    return best


def _differences(stock: Language, ours: Language, texts: list[str], batch_size: int) -> int:
    """Tokens that differ. The stock pipeline gets newsgraph's paragraph marks first, which
    only move sentence starts, so that the parses can be compared."""
    stock.add_pipe("newsgraph_paragraphs", before="parser")
    different = 0
    docs = zip(
        stock.pipe(texts, batch_size=batch_size),
        ours.pipe(texts, batch_size=batch_size),
        strict=True,
    )
    for a, b in docs:
        # hashes, then the strings they stand for (the two pipelines have their own vocabs)
        same = np.all(a.to_array(COMPARED) == b.to_array(COMPARED), axis=1)
        same &= np.array([_strings(s) == _strings(t) for s, t in zip(a, b, strict=True)])
        different += int((~same).sum())
    return different


def _strings(token: Token) -> tuple[str, ...]:
    return token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_, token.ent_type_


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("corpus", nargs="*", type=Path, help="JSONL, text or HTML inputs")
    parser.add_argument("--limit", type=int, default=200, help="first N articles (0: all)")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=2, help="timed passes after a warm-up")
    return parser.parse_args()


if __name__ == "__main__":
    main()
