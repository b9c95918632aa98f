"""What every route shares: the read-only connection, the templates, and the rules for links.

Templates are Jinja2 with autoescaping on for every file: report text, titles, names and URLs come
from the web and are escaped wherever they appear. A URL becomes a link only if it is http(s).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlencode, urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Connection

from sitrep import __version__
from sitrep.store.rows import split_joined

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
NAV = (("/", "Overview"), ("/map", "Map"), ("/events", "Events"), ("/claims", "Claims"), ("/people", "People"),
       ("/units", "Units"), ("/search", "Search"), ("/api/docs", "API"))


def connection(request: Request) -> Iterator[Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


def aggregates(request: Request, conn: Connection):
    """The app's cache of aggregates, keyed by the database's data version (web/data.py)."""
    from sitrep.web.data import Aggregates

    return Aggregates(request.app.state.cache, conn)


def safe_url(url: Any) -> str | None:
    """``url`` if it is an http(s) URL, else None (no javascript:, data:, relative tricks)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def number(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:,}" if isinstance(value, int) else str(value)


def figure(low: Any, best: Any, high: Any) -> str:
    """"55", "10–15", "≥ 50", "≤ 40,000", or "no figure"."""
    if best is not None and (low in (None, best)) and (high in (None, best)):
        return number(best)
    if best is None and low is not None and low == high:
        return number(low)  # "547", not "547–547"
    if low is not None and high is not None:
        text = f"{number(low)}–{number(high)}"
        return text + (f" (best {number(best)})" if best is not None else "")
    if low is not None:
        return f"≥ {number(low)}" + (f" (best {number(best)})" if best is not None else "")
    if high is not None:
        return f"≤ {number(high)}" + (f" (best {number(best)})" if best is not None else "")
    return "no figure"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters.update(safe_url=safe_url, number=number, split=split_joined)
    env.globals.update(figure=figure, nav=NAV, version=__version__, urlencode=urlencode)
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.update(request=request, path=request.url.path, tile_url=request.app.state.tile_url)
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no such {what}")
