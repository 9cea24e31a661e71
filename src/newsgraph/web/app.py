"""The web app: HTML pages to read, explore and verify the knowledge base, and the JSON API.

    >>> app = create_app(open_database("newsgraph.db"))    # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)      # doctest: +SKIP

Read-only: every view goes through `newsgraph.store.queries` / `browse`. Article text is
untrusted; templates autoescape, the reader escapes every character it marks up, and a strict
Content-Security-Policy lets only the app's own static scripts run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.web import api, pages

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def create_app(engine: Engine) -> FastAPI:
    """The app over one knowledge base (an engine from `open_database`)."""
    app = FastAPI(
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
    app.middleware("http")(_security_headers)
    return app


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
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


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
