"""The map: events as markers coloured by type, clustered, filtered by date range, type and side."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Connection

from sitrep.web import data
from sitrep.web.params import MapParams
from sitrep.web.pages import aggregates, connection, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]


@router.get("/map", include_in_schema=False)
def map_page(request: Request, conn: Conn, params: Annotated[MapParams, Query()]):
    return render(request, "map.html", title="Map", params=params,
                  types=data.event_types(conn, aggregates(request, conn)))


@router.get("/api/map", tags=["map"], summary="Located events (the newest 2,500 that match) as compact rows")
def map_api(request: Request, conn: Conn, params: Annotated[MapParams, Query()]):
    # Every map page asks for this; the answer changes only when reports are ingested. JSONResponse
    # directly: thousands of plain rows need no jsonable_encoder pass.
    key = ("map", tuple(sorted(params.query_string().items())))
    return JSONResponse(aggregates(request, conn).get(key, lambda: data.map_points(conn, params.filters())))
