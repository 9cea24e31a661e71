"""The only fixture file: the real pipeline once per session, and the shared corpus when present."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from newsgraph import Extraction, Extractor, Settings
from newsgraph.kb import ingest
from newsgraph.store.db import open_database
from newsgraph.web import create_app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "russia_venezuela_edm_2019.txt"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def lexicon_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled lexicon caches go to a folder of the run's own, not the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("NEWSGRAPH_CACHE_DIR")
    os.environ["NEWSGRAPH_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["NEWSGRAPH_CACHE_DIR"]
    else:
        os.environ["NEWSGRAPH_CACHE_DIR"] = before


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
    _drop_database(name)


def _drop_database(name: str) -> None:
    """Drop a test database. An autovacuum worker on it belongs to the superuser, whom FORCE
    may not terminate: wait for it to finish, and leave the database to the throwaway server
    if it does not (the test itself has passed or failed by then)."""
    import psycopg

    for attempt in range(10):
        try:
            with psycopg.connect(POSTGRES, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        except psycopg.errors.InsufficientPrivilege:
            time.sleep(0.2 * (attempt + 1))


# The web app's knowledge base: hand-written articles (always available), one of them hostile.
WEB_ARTICLE = """Lavrov Warns Washington Over Venezuela

Russian Foreign Minister Sergei Lavrov warned US Secretary of State Mike Pompeo on May 1 that \
further meddling would bring "the gravest of consequences" (Vzglyad, May 2). Lavrov accused the \
United States of illegal interference in the internal affairs of Venezuela. Nicolás Maduro is \
supported by Russia, China and Cuba, while the United States recognizes Juan Guaidó as interim \
president. Russia denied that it had sent troops to Caracas (, May 1). At the end of March 2019, \
Moscow deployed some 100 military personnel to Venezuela, led by Colonel General Vasily \
Tonkoshkurov.
"""
HOSTILE_ARTICLE = """Hostile <script>window.__xss = "title"</script> headline

Protesters in Caracas held <script>window.__xss = "body"; alert(1)</script> banners on May 3. \
The picture <img src="x" onerror="window.__xss = 'img'"> showed <b onmouseover="alert(2)">them</b>. \
Police arrested dozens of protesters in Caracas on May 3.
"""


@pytest.fixture(scope="session")
def web_kb(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Engine]:
    """A knowledge base of the hand-written web articles (SQLite)."""
    folder = tmp_path_factory.mktemp("web")
    for name, text in (("lavrov.txt", WEB_ARTICLE), ("hostile.txt", HOSTILE_ARTICLE)):
        (folder / name).write_text(text, encoding="utf-8")
    engine = open_database(str(folder / "kb.db"))
    ingest(extractor, engine, [folder / "lavrov.txt", folder / "hostile.txt"],
           published=date(2019, 5, 3))  # fmt: skip
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def client(web_kb: Engine) -> TestClient:
    """The web app in process."""
    return TestClient(create_app(web_kb))


@pytest.fixture(scope="session")
def live_app(web_kb: Engine) -> Iterator[str]:
    """The web app served by uvicorn on a free localhost port (for the browser)."""
    yield from _serve(create_app(web_kb))


def _serve(app: object) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic",
    # Chromium looks up outside hosts even with the flags above; only localhost resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (.ci/run installs both)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium (as .ci/run does)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page that records script errors and dialogs (a dialog means a script
    from a document ran)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.errors = []
    opened.dialogs = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests save their screenshots: $NEWSGRAPH_SCREENSHOTS to keep them, else a
    temporary folder."""
    kept = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def seed_live_app(
    shared: Path, tmp_path_factory: pytest.TempPathFactory, extractor: Extractor
) -> Iterator[str]:
    """The web app over a knowledge base of the seed article, as the README's command makes."""
    engine = open_database(str(tmp_path_factory.mktemp("seed") / "kb.db"))
    ingest(extractor, engine, [SEED])
    yield from _serve(create_app(engine))
    engine.dispose()
