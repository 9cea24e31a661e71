"""Run the product over gold articles and score what it outputs (the JSON contract).

>>> report = evaluate_extractor("data/gold", Extractor(Settings()), split="dev")  # doctest: +SKIP
>>> round(report.typed.f1, 3)                                                     # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from newsgraph.contract import to_dict
from newsgraph.gold.corpus import load_gold
from newsgraph.gold.harness import Report, evaluate
from newsgraph.ingest.formats import document_from_record
from newsgraph.models import Document, Extraction, Skipped


class DocumentExtractor(Protocol):
    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction | Skipped]: ...


def gold_document(record: dict[str, Any]) -> Document:
    """The article as the product reads a JSONL corpus line (same loader, same metadata)."""
    line = json.dumps(
        {key: record.get(key) for key in ("id", "title", "outlet", "url", "text")}
        | {"date": record.get("published")}
    )
    return document_from_record(line, record["id"])


def predictions(
    records: list[dict[str, Any]], extractor: DocumentExtractor
) -> list[dict[str, Any]]:
    """The contract object the extractor outputs for each gold article ({} when it skips one).

    The product cleans text on load; gold offsets are into the raw text, so an article whose
    text the loader changed is reported as an empty extraction rather than scored wrongly.
    """
    documents = [gold_document(record) for record in records]
    outputs = []
    for record, result in zip(records, extractor.extract(documents), strict=True):
        if isinstance(result, Extraction) and result.document.text == record["text"]:
            outputs.append(to_dict(result, include_text=False))
        else:
            outputs.append({})
    return outputs


def evaluate_extractor(
    path: str | Path,
    extractor: DocumentExtractor,
    *,
    split: str | None = None,
    keep_errors: bool = False,
) -> Report:
    """Extract every article of a gold split and score the output."""
    records = load_gold(path, split=split)
    tagger = getattr(extractor, "tagger", None)
    threshold = tagger.threshold if tagger is not None else 0.0
    outputs = predictions(records, extractor)
    return evaluate(records, outputs, keep_errors=keep_errors, threshold=threshold)


def evaluate_file(
    path: str | Path, outputs: str | Path, *, split: str | None = None, keep_errors: bool = False
) -> Report:
    """Score another extractor's contract objects (JSONL, one per article, matched by text or
    by `document.external_id`) against a gold split."""
    records = load_gold(path, split=split)
    by_key: dict[str, dict[str, Any]] = {}
    for line in Path(outputs).read_text(encoding="utf-8").splitlines():
        if line.strip():
            output = json.loads(line)
            document = output.get("document", {})
            for key in (document.get("external_id"), document.get("text")):
                if key:
                    by_key[key] = output
    found = [by_key.get(r["id"]) or by_key.get(r["text"]) or {} for r in records]
    return evaluate(records, found, keep_errors=keep_errors)
