"""The web app: HTML pages to read, explore and verify the knowledge base, and the JSON API.

    >>> app = create_app(open_database("newsgraph.db"))    # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)      # doctest: +SKIP

Read-only: every view goes through `newsgraph.store.queries` / `browse`. Article text is
untrusted; templates autoescape, the reader escapes every character it marks up, and a strict
Content-Security-Policy lets only the app's own static scripts run.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsgraph.web import api, pages

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

_log = logging.getLogger(__name__)


# Requests served at once. Each holds one pooled connection at a time (a test checks every
# route), so a pool of 2 x WORKERS + 2 never runs dry, and a connection that is slow to return
# leaves room; more requests queue.
WORKERS = 8
POOL_SIZE = 2 * WORKERS + 2
POOL_TIMEOUT_SECONDS = 10


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKERS
    yield


def create_app(engine: Engine, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over one knowledge base (an engine from `open_database`, ideally opened with
    `pool_size=POOL_SIZE`). `allowed_hosts` are the Host headers it answers (DNS rebinding
    defence); None accepts any, for tests and reverse proxies that check it themselves."""
    app = FastAPI(
        lifespan=_lifespan,
        title="newsgraph",
        summary="A sourced, time-aware knowledge base of geopolitical actors and events.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; the app must work offline
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.templates = _templates()
    web = resources.files("newsgraph.web")
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(SQLAlchemyTimeout, _busy)
    app.add_exception_handler(OperationalError, _busy)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.middleware("http")(_security_headers)
    return app


def get_routes() -> list[tuple[str, list[str]]]:
    """Every GET page and API route (its path as declared) with the query parameters it reads,
    shared filters included: read from the routers, for request fuzzing and load tests."""
    found = []
    for route in (*api.router.routes, *pages.router.routes):
        if isinstance(route, APIRoute) and "GET" in (route.methods or ()):
            found.append((route.path, sorted(_query_names(route.dependant))))
    return found


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.name for p in dependant.query_params}
    for inner in dependant.dependencies:
        names |= _query_names(inner)
    return names


async def _busy(request: Request, error: Exception) -> Response:
    """The database is saturated or locked: fail fast with 503 (and when to retry), never hang."""
    headers = {"Retry-After": "2"}
    message = "the knowledge base is busy; retry shortly"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=503, headers=headers)
    return HTMLResponse(f"<h1>503</h1><p>{message}</p>", status_code=503, headers=headers)


def _templates() -> Jinja2Templates:
    folder = str(resources.files("newsgraph.web") / "templates")
    environment = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["evidence_url"] = api.evidence_url
    return Jinja2Templates(env=environment)


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    try:
        problem = _refused(request)
        if problem is not None:
            response = await _http_error(request, HTTPException(*problem))
        else:
            response = await call_next(request)
    except Exception:  # noqa: BLE001 - a bug: answered here so the 500 carries the headers too, without a trace
        _log.exception("unhandled error serving %s", request.url.path)
        response = _server_error(request)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


# no query parameter needs more (a 32-word search is a few hundred characters): longer ones
# are refused before any query, which they could make costly or break (SQLite refuses LIKE
# patterns over 50,000 characters)
MAX_PARAMETER_CHARS = 1_000
MAX_PATH_CHARS = 2_000


def _refused(request: Request) -> tuple[int, str] | None:
    """The status and reason to refuse a request before it reaches the knowledge base: a path
    or parameter too long, or a NUL character (no text holds one, and PostgreSQL refuses it
    in a query)."""
    path = request.url.path
    if len(path) > MAX_PATH_CHARS:
        return 414, f"the path is longer than {MAX_PATH_CHARS:,} characters"
    if "\x00" in path:
        return 422, "the path contains a NUL character"
    for name, value in request.query_params.multi_items():
        shown = name if len(name) <= 40 else name[:40] + "…"
        if len(value) > MAX_PARAMETER_CHARS or len(name) > MAX_PARAMETER_CHARS:
            return 422, f"parameter {shown!r} is longer than {MAX_PARAMETER_CHARS:,} characters"
        if "\x00" in value or "\x00" in name:
            return 422, f"parameter {shown!r} contains a NUL character"
    return None


def _server_error(request: Request) -> Response:
    message = "internal error; the server log has the details"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=500)
    return HTMLResponse(f"<h1>500</h1><p>{message}</p>", status_code=500)


async def _http_error(request: Request, error: HTTPException) -> Response:
    """JSON for the API, an error page for people."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": error.detail}, status_code=error.status_code)
    templates: Jinja2Templates = request.app.state.templates
    context: dict[str, Any] = {"status": error.status_code, "detail": error.detail}
    response: HTMLResponse = templates.TemplateResponse(
        request, "error.html", context, status_code=error.status_code
    )
    return response
