"""Build the knowledge base: extract documents (here, on local worker processes or on a Dask
cluster) and store them with the single writer, one transaction per document.

    >>> engine = open_database("newsgraph.db")                          # doctest: +SKIP
    >>> summary = ingest(Extractor(), engine, ["corpus.jsonl"], workers=2)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from newsgraph.ingest import load_documents
from newsgraph.models import Document, Skipped
from newsgraph.parallel import extract_on_dask, extract_parallel
from newsgraph.pipeline import Extractor
from newsgraph.store.writer import existing_documents, save_extraction

_CHECK_WINDOW = 64


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What an ingest run did: new documents, documents already known, skipped inputs, facts."""

    added: int
    already_known: int
    skipped: tuple[Skipped, ...]
    facts: int


def ingest(
    extractor: Extractor,
    engine: Engine,
    inputs: Iterable[str | Path],
    *,
    published: date | None = None,
    outlet: str | None = None,
    on_result: Callable[[Document | Skipped, bool], None] | None = None,
    workers: int = 1,
    dask: Any = None,
) -> IngestSummary:
    """Extract and store every document of `inputs`, one transaction per document.

    Documents already in the knowledge base (same content hash) are not extracted again, so a
    run that was killed resumes where it stopped and a repeated run adds nothing. Extraction
    runs here, on `workers` local processes, or on a Dask cluster (`dask`: scheduler address,
    Client or LocalCluster); writing always happens here, one transaction per document.
    """
    loaded = load_documents(inputs, settings=extractor.settings, published=published, outlet=outlet)
    added = known = facts = 0
    skipped: list[Skipped] = []

    def fresh() -> Iterator[Document | Skipped]:
        nonlocal known
        iterator = iter(loaded)
        while window := list(islice(iterator, _CHECK_WINDOW)):  # one query per window
            stored = existing_documents(engine, [d.id for d in window if isinstance(d, Document)])
            for item in window:
                if isinstance(item, Document) and item.id in stored:
                    known += 1
                    if on_result:
                        on_result(item, False)
                    continue
                yield item

    if dask is not None:
        results = extract_on_dask(fresh(), extractor.settings, dask)
    elif workers > 1:
        results = extract_parallel(fresh(), extractor.settings, workers=workers)
    else:
        results = extractor.extract(fresh())
    for result in results:
        if isinstance(result, Skipped):
            skipped.append(result)
            if on_result:
                on_result(result, False)
            continue
        saved = save_extraction(engine, result)
        added += saved.new
        known += not saved.new
        facts += saved.facts
        if on_result:
            on_result(result.document, saved.new)
    return IngestSummary(added, known, tuple(skipped), facts)
