"""The only fixture file: the real pipeline once per session, and the shared corpus when present."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from newsgraph import Extraction, Extractor, Settings
from newsgraph.store.db import open_database

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "russia_venezuela_edm_2019.txt"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real default model and gazetteers, loaded once for the whole run."""
    return Extractor(Settings())


@pytest.fixture(scope="session")
def extract_text(extractor: Extractor) -> Callable[..., Extraction]:
    def run(text: str, published: str | None = "2019-05-03") -> Extraction:
        when = date.fromisoformat(published) if published else None
        return extractor.extract_text(text, published=when)

    return run


@pytest.fixture(scope="session")
def run(extract_text: Callable[..., Extraction]) -> Callable[..., Extraction]:
    """Short name for `extract_text` in tables of small cases."""
    return extract_text


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpus and benchmarks live beside the project "
                    "on developer machines and CI only")  # fmt: skip
    return SHARED


@pytest.fixture(scope="session")
def seed(shared: Path, extractor: Extractor) -> Extraction:
    results = list(extractor.extract_paths([shared / "corpus" / "seed" / SEED.name]))
    assert isinstance(results[0], Extraction)
    return results[0]


@pytest.fixture()
def data_dir() -> Path:
    return DATA


POSTGRES = os.environ.get(
    "NEWSGRAPH_TEST_POSTGRES", "postgresql://app:app@127.0.0.1:54329/app_test"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def kb(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated knowledge base: an SQLite file, then a fresh PostgreSQL database
    (skipped with the reason when no server answers; .ci/run starts one)."""
    if request.param == "sqlite":
        engine = open_database(str(tmp_path / "kb.db"))
        yield engine
        engine.dispose()
        return
    import psycopg

    name = f"kb_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as e:
        pytest.skip(f"no PostgreSQL at {POSTGRES} ({e.__class__.__name__}); run .ci/postgres.sh")
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
    engine = open_database(POSTGRES.rsplit("/", 1)[0] + "/" + name)
    yield engine
    engine.dispose()
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
