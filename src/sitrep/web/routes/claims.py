"""The claims page: timelines of competing casualty claims per subject, and the claims themselves."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import Connection

from sitrep.web import data
from sitrep.web.params import ClaimParams, TimelineParams
from sitrep.web.pages import aggregates, connection, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]


def _timeline_query(t: TimelineParams) -> data.TimelineQuery:
    return data.TimelineQuery(side=t.side.upper() if t.side else None, group=t.group, measure=t.measure,
                              scope=None if t.scope == "any" else t.scope,
                              since=t.since.isoformat() if t.since else None,
                              until=t.until.isoformat() if t.until else None)


@router.get("/claims", include_in_schema=False)
def claims_page(request: Request, conn: Conn, params: Annotated[ClaimParams, Query()]):
    subjects = data.subjects(conn, aggregates(request, conn))
    return render(request, "claims.html", title="Claims", params=params, subjects=subjects,
                  **data.claims_page(conn, params.filters(), params.page))


@router.get("/api/claims", tags=["claims"], summary="Casualty claims, newest first, 50 per page")
def claims_api(conn: Conn, params: Annotated[ClaimParams, Query()]):
    return data.claims_page(conn, params.filters(), params.page)


@router.get("/api/claims/timeline", tags=["claims"],
            summary="Competing claims for one subject: one series per claimant (figure, low, high by date)")
def timeline_api(request: Request, conn: Conn, params: Annotated[TimelineParams, Query()]):
    q = _timeline_query(params)
    # an aggregate over every matching claim: kept for the cache's lifetime, like the overview's counts
    return aggregates(request, conn).get(("timeline", q), lambda: data.timeline(conn, q))
