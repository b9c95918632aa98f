"""The overview: counts, latest events, events per month and the main claims timeline."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy import Connection

from sitrep.web import data
from sitrep.web.pages import aggregates, connection, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]


@router.get("/", include_in_schema=False)
def overview_page(request: Request, conn: Conn):
    return render(request, "overview.html", title="Overview", **data.overview(conn, aggregates(request, conn)))


@router.get("/api/overview", tags=["overview"], summary="Counts, latest events, events per month")
def overview_api(request: Request, conn: Conn):
    return data.overview(conn, aggregates(request, conn))
