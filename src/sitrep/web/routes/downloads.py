"""Every list page as a download: /events.csv, /events.json, and the same for claims, people, units and
search, with the page's own parameters (its filters; the page number is ignored: every matching row,
up to listings.DOWNLOAD_LIMIT). The rows are the page's SELECT; CSV is written by the CLI's writer."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Connection

from sitrep import query
from sitrep.web import data, listings
from sitrep.web.pages import connection
from sitrep.web.params import ClaimParams, EventParams, PeopleParams, SearchParams, UnitParams
from sitrep.web.routes.claims import claims_select

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
Format = Annotated[Literal["csv", "json"], Path()]
SEARCH_DOWNLOAD = 1000  # reports, best first


def _download(request: Request, name: str, fmt: str, stmt, columns: list[str]) -> StreamingResponse:
    engine = request.app.state.engine
    chunks = listings.csv_chunks(engine, stmt, columns) if fmt == "csv" else listings.json_chunks(engine, stmt, columns)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return StreamingResponse(chunks, media_type=media,
                             headers={"content-disposition": f'attachment; filename="sitrep-{name}.{fmt}"'})


def _columns(stmt) -> list[str]:
    return list(stmt.selected_columns.keys())


@router.get("/events.{fmt}", include_in_schema=False)
def events_download(request: Request, conn: Conn, fmt: Format, params: Annotated[EventParams, Query()]):
    stmt = data.events_select(conn, params.filters(), limit=None)
    return _download(request, "events", fmt, stmt, query.listing_columns("events"))


@router.get("/claims.{fmt}", include_in_schema=False)
def claims_download(request: Request, fmt: Format, params: Annotated[ClaimParams, Query()]):
    return _download(request, "claims", fmt, claims_select(params), query.listing_columns("claims"))


@router.get("/people.{fmt}", include_in_schema=False)
def people_download(request: Request, conn: Conn, fmt: Format, params: Annotated[PeopleParams, Query()]):
    stmt, _ = data.people_select(conn, params.filters())
    return _download(request, "people", fmt, stmt, _columns(stmt))


@router.get("/units.{fmt}", include_in_schema=False)
def units_download(request: Request, conn: Conn, fmt: Format, params: Annotated[UnitParams, Query()]):
    stmt, _ = data.units_select(conn, params.filters())
    return _download(request, "units", fmt, stmt, _columns(stmt))


@router.get("/search.{fmt}", include_in_schema=False)
def search_download(request: Request, fmt: Format, params: Annotated[SearchParams, Query()]):
    def found(conn: Connection):
        return query.search(conn, params.q, params.filters(), limit=SEARCH_DOWNLOAD) if params.q.strip() else []
    columns = ["document_id", "title", "published", "outlet", "report_url", "snippet"]
    return _download(request, "search", fmt, found, columns)
