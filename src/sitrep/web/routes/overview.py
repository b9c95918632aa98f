"""The overview: counts, latest events, events per month and the main claims timeline."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from sqlalchemy import Connection

from sitrep.web import data
from sitrep.web.routes.claims import timeline_link
from sitrep.web.timeline import measure_label
from sitrep.web.pages import aggregates, connection, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]


@router.get("/", include_in_schema=False)
def overview_page(request: Request, conn: Conn):
    found = data.overview(conn, aggregates(request, conn))
    subject = found["subject"]
    links = {}
    if subject:
        given = {k: subject[k] for k in ("side", "group", "measure", "scope") if subject.get(k)}
        links = {"subject_link": "/claims?" + urlencode(given), "timeline_api": timeline_link(subject)}
    return render(request, "overview.html", title="Overview", measure_label=measure_label, **links, **found)


@router.get("/api/overview", tags=["overview"], summary="Counts, latest events, events per month")
def overview_api(request: Request, conn: Conn):
    return data.overview(conn, aggregates(request, conn))
