"""The only fixture file: the real pipeline once per session, and the shared corpus when present."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from newsgraph import Extraction, Extractor, Settings

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
