"""Scale-out: local worker processes and a Dask LocalCluster give exactly the counts of the
single-process ingest of the same files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from newsgraph import ConfigError, Extractor
from newsgraph.kb import ingest
from newsgraph.parallel import extract_parallel
from newsgraph.store import queries
from newsgraph.store.db import open_database

TEXTS = [
    "Russia attacked Ukraine on May {n}, 2019. Maduro is supported by Russia and China.",
    "Lavrov warned Pompeo on May {n}, “The continuation of aggressive actions may result in grave consequences.”",
    "The European Union imposed sanctions on Russia (TASS, May {n}). Poland joined NATO in 1999.",
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(20):
        (folder / f"d{n:02d}.txt").write_text(
            f"Report {n}\n\n" + TEXTS[n % 3].format(n=n + 1), encoding="utf-8"
        )
    return folder


@pytest.fixture()
def reference(tmp_path: Path, extractor: Extractor, corpus: Path) -> dict[str, int]:
    engine = open_database(str(tmp_path / "reference.db"))
    ingest(extractor, engine, [corpus])
    return queries.counts(engine)


def test_two_local_workers_match_one_process(tmp_path: Path, extractor: Extractor, corpus: Path,
                                             reference: dict[str, int]) -> None:  # fmt: skip
    engine = open_database(str(tmp_path / "parallel.db"))
    summary = ingest(extractor, engine, [corpus], workers=2)
    assert summary.added == 20
    assert queries.counts(engine) == reference


def test_dask_local_cluster_matches_single_process_sqlite(kb: Engine, extractor: Extractor, corpus: Path,
                                                          reference: dict[str, int]) -> None:  # fmt: skip
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:  # fmt: skip
        summary = ingest(extractor, kb, [corpus], dask=client)
    assert summary.added == 20
    assert queries.counts(kb) == reference


def test_workers_must_be_positive(extractor: Extractor) -> None:
    with pytest.raises(ConfigError, match="at least 1"):
        list(extract_parallel([], extractor.settings, workers=0))
