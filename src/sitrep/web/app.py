"""The FastAPI application: routes (one module per page under routes/), static assets, security headers.

Security, since every report comes from the web and is untrusted:
- the database is opened read-only (web/db.py);
- every template is autoescaped; links are made only from http(s) URLs (pages.safe_url);
- a strict Content-Security-Policy: scripts and styles only from this server (no inline script, no
  eval), no frames, no plugins, no base-URI or form hijacking; plus nosniff, no referrer, and
  frame-ancestors 'none' (no clickjacking);
- parameters are validated by pydantic (web/params.py); SQL is built with SQLAlchemy, values bound.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep import __version__
from sitrep.web.assets import CompressedStaticFiles
from sitrep.web.data import TTLCache
from sitrep.web.db import open_readonly
from sitrep.web.pages import STATIC, render
from sitrep.web.routes import ROUTERS

_log = logging.getLogger("sitrep.web")

# Aggregates (counts, events per month, timelines, units, map layers) are cached by data version
# (web/data.py: new reports make new keys) and, as a safety net, for this long at most.
CACHE_SECONDS = 600


def content_security_policy(tile_url: str | None) -> str:
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        origin = f"{parts.scheme}://{parts.netloc}".replace("://a.", "://*.")
        images += " " + origin
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src " + images + "; "
            "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'; object-src 'none'")


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware): the same headers on every response."""

    def __init__(self, app, csp: str):
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", [])) + self.headers
                message = {**message, "headers": headers}
            await send(message)

        try:
            return await self.app(scope, receive, send_with_headers)
        except Exception:
            # Starlette answers an unhandled error outside every middleware, so its 500 would carry none of
            # these headers: answer it here, with them, and log the error instead of raising it further.
            _log.exception("error while answering %s", scope.get("path"))
            if started:
                return  # the response is under way: nothing more can be said
            api = scope["path"].startswith("/api/")
            body = b'{"detail":"internal error"}' if api else b"<!doctype html><title>Error 500</title><p>Internal error."
            kind = b"application/json" if api else b"text/html; charset=utf-8"
            await send_with_headers({"type": "http.response.start", "status": 500,
                                     "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
            await send_with_headers({"type": "http.response.body", "body": body})


def create_app(db: str | os.PathLike | None = None, *, tile_url: str | None = None, engine=None) -> FastAPI:
    """The app over the database ``db`` (path or URL; default $SITREP_DB or ./sitrep.db), read-only.
    ``tile_url``: an optional tile server ("https://tile.openstreetmap.org/{z}/{x}/{y}.png") drawn
    under the offline outlines, for people who are online."""
    app = FastAPI(title="sitrep", version=__version__, openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None, description="Events, casualty claims, people, units and the evidence "
                  "behind every number, read from the sitrep database (read-only).")
    app.state.engine = engine if engine is not None else open_readonly(db)
    app.state.tile_url = tile_url
    app.state.cache = TTLCache(CACHE_SECONDS)
    app.mount("/static", CompressedStaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _error_pages(app)
    _document_validation_errors(app)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(tile_url))
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_pages(app: FastAPI) -> None:
    """Errors as JSON under /api/, as an escaped HTML page elsewhere."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(request, "error.html", status_code=exc.status_code, title=f"Error {exc.status_code}",
                      message=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [{"field": ".".join(str(p) for p in e.get("loc", ())[1:]), "problem": e.get("msg")}
                    for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return render(request, "error.html", status_code=422, title="Invalid parameters",
                      message="; ".join(f"{p['field']}: {p['problem']}" for p in problems))


# Environment the worker processes read (`sitrep serve --workers N` starts each from an import string).
ENV_DB, ENV_TILES = "SITREP_WEB_DB", "SITREP_WEB_TILES"


def app_from_environment() -> FastAPI:
    """The app for a uvicorn worker process: the database and tile URL come from the environment."""
    return create_app(os.environ[ENV_DB], tile_url=os.environ.get(ENV_TILES) or None)


# What the 422 handler above really sends, so the OpenAPI description tells clients the truth (FastAPI
# documents its own {loc, msg, type} items; schemathesis found every 422 body contradicting it).
VALIDATION_ERROR = {"title": "ValidationError", "type": "object", "required": ["field", "problem"],
                    "properties": {"field": {"type": "string"}, "problem": {"type": "string"}}}


def _document_validation_errors(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict:
        spec = generate()
        schemas = spec.get("components", {}).get("schemas", {})
        if "ValidationError" in schemas:
            schemas["ValidationError"] = VALIDATION_ERROR
        return spec

    app.openapi = openapi
