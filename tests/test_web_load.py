"""The web app under concurrent load: no 500s, no pool deadlock, fast 503s when saturated, and
Host headers checked against the bound address (DNS rebinding)."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine

from newsgraph import Extractor
from newsgraph.kb import ingest
from newsgraph.store.db import open_database
from newsgraph.web import create_app
from newsgraph.web.app import POOL_SIZE, POOL_TIMEOUT_SECONDS

TEXT = (
    "Moscow Acts\n\nOn May 1, 2019, Russia attacked Ukraine (TASS, May 2). Maduro is supported "
    "by Russia and China. Lavrov warned Pompeo that the United States would regret it.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(kb: Engine, extractor: Extractor, tmp_path: Path) -> str:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    ingest(extractor, kb, [tmp_path / "a.txt"])
    url = kb.url.render_as_string(hide_password=False)
    target = url.replace("sqlite:///", "").replace("postgresql+psycopg://", "postgresql://")
    engine = open_database(target, pool_size=POOL_SIZE, pool_timeout=POOL_TIMEOUT_SECONDS)
    port = _free_port()
    app = create_app(engine, allowed_hosts=["127.0.0.1", "localhost"])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


def test_concurrent_dossiers_never_deadlock_or_fail(server: str) -> None:
    paths = ["/actors/state:RUS", "/api/actors/state:RUS", "/events", "/api/events", "/"]

    def fetch(i: int) -> tuple[int, float]:
        start = time.perf_counter()
        response = httpx.get(server + paths[i % len(paths)], timeout=60)
        return response.status_code, time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(fetch, range(60)))
    codes = {code for code, _ in results}
    assert codes <= {200, 503}, codes
    assert max(seconds for _, seconds in results) < 30


def test_foreign_host_header_is_refused(server: str) -> None:
    response = httpx.get(server + "/", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert httpx.get(server + "/").status_code == 200
