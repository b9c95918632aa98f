"""The map: events as markers coloured by type, clustered, filtered by date range, type and side."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Connection

from sitrep.web import data
from sitrep.web.params import MapParams
from sitrep.web.pages import connection, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]


@router.get("/map", include_in_schema=False)
def map_page(request: Request, conn: Conn, params: Annotated[MapParams, Query()]):
    return render(request, "map.html", title="Map", params=params,
                  types=data.event_types(conn, request.app.state.cache))


@router.get("/api/map", tags=["map"], summary="Located events (the newest 2,500 that match) as compact rows")
def map_api(conn: Conn, params: Annotated[MapParams, Query()]):
    # JSONResponse directly: thousands of plain rows need no jsonable_encoder pass
    return JSONResponse(data.map_points(conn, params.filters()))
