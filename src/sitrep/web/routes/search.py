"""Full-text search over the reports."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import Connection

from sitrep.web import data, listings
from sitrep.web.params import SearchParams
from sitrep.web.pages import connection, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]


def _search(conn: Connection, params: SearchParams) -> dict:
    return {**data.search_page(conn, params.q, params.filters()), "links": listings.links("/search", params.query_string())}


@router.get("/search", include_in_schema=False)
def search_page(request: Request, conn: Conn, params: Annotated[SearchParams, Query()]):
    return render(request, "search.html", title="Search", params=params, **_search(conn, params))


@router.get("/api/search", tags=["search"], summary='Reports matching words, "phrases", OR (best first)')
def search_api(conn: Conn, params: Annotated[SearchParams, Query()]):
    return _search(conn, params)
