"""Extraction on several processes (one machine) or on a Dask cluster, with bounded memory.

The model is loaded once per worker process; documents travel in batches, at most a few
batches per worker are in flight, so memory stays flat however large the input. Results come
back to the caller's process, where the single knowledge-base writer stores them.

    for result in extract_parallel(documents, settings, workers=2): ...
    for result in extract_on_dask(documents, settings, "tcp://scheduler:8786"): ...
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.models import Document, Skipped
from newsgraph.pipeline import Result, shared_extractor
from newsgraph.settings import Settings

IN_FLIGHT_PER_WORKER = 3


def extract_batch(settings: Settings, batch: list[Document | Skipped]) -> list[Result]:
    """Run in a worker: extract one batch with the worker's own model."""
    return list(shared_extractor(settings).extract(batch))


def _batches(items: Iterable[Document | Skipped], size: int) -> Iterator[list[Document | Skipped]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_parallel(
    items: Iterable[Document | Skipped], settings: Settings, *, workers: int
) -> Iterator[Result]:
    """Extract on `workers` local processes; results in input order."""
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}.")
    shared_extractor(settings)  # built before the fork: every worker inherits it, ready to use
    gc.freeze()  # the inherited heap stays out of the workers' collections: no copy-on-write
    context = multiprocessing.get_context("fork")
    window = workers * IN_FLIGHT_PER_WORKER
    with context.Pool(workers) as pool:
        in_flight: deque[Any] = deque()
        for batch in _batches(items, settings.batch_size):
            in_flight.append(pool.apply_async(extract_batch, (settings, batch)))
            if len(in_flight) >= window:  # bounded: the input is read only as fast as it is used
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()


def extract_on_dask(
    items: Iterable[Document | Skipped], settings: Settings, address: Any
) -> Iterator[Result]:
    """Extract on a Dask cluster (`address` is a scheduler address or a distributed Client /
    LocalCluster); results in completion order."""
    try:
        from distributed import Client, as_completed
    except ImportError as e:  # pragma: no cover - dask is a dependency
        raise ConfigError(
            "Dask distributed is not installed: pip install 'dask[distributed]'."
        ) from e
    client = address if isinstance(address, Client) else Client(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        batches = _batches(items, settings.batch_size)
        first = islice(batches, workers * IN_FLIGHT_PER_WORKER)
        pending = as_completed(
            [client.submit(extract_batch, settings, b, pure=False) for b in first]
        )
        for future in pending:
            results: list[Result] = future.result()
            yield from results
            nxt = next(batches, None)
            if nxt is not None:
                pending.add(client.submit(extract_batch, settings, nxt, pure=False))
    finally:
        if client is not address:
            client.close()
