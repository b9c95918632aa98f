"""The claims page: the timeline of competing casualty claims for one subject, measure and scope, and
the claims themselves."""

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import Connection

from sitrep.web import data, listings, timeline
from sitrep.web.facet_counts import facet_counts
from sitrep.web.params import ClaimParams, TimelineParams
from sitrep.web.pages import aggregates, connection, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]


def _timeline_query(t: TimelineParams) -> timeline.TimelineQuery:
    return timeline.TimelineQuery(side=t.side.upper() if t.side else None, group=t.group, measure=t.measure,
                                  scope=None if t.scope == "any" else t.scope,
                                  since=t.since.isoformat() if t.since else None,
                                  until=t.until.isoformat() if t.until else None)


def timeline_link(subject: dict[str, Any], since=None, until=None) -> str:
    """The JSON the page's chart draws, for ``subject`` ({side, group, measure, scope})."""
    values = {"side": subject.get("side"), "group": subject.get("group"), "measure": subject.get("measure"),
              "scope": subject.get("scope"), "since": since, "until": until}
    return "/api/claims/timeline?" + urlencode({k: v for k, v in values.items() if v})


def page_subject(request: Request, conn: Connection, params: ClaimParams) -> dict[str, Any] | None:
    """What the timeline shows: the subject, measure and scope asked for, else the default (the side and
    group most counted by running totals of the dead), so the page never opens on an empty chart."""
    default = aggregates(request, conn).get("subject", lambda: timeline.main_subject(conn))
    if params.side or params.group:
        return {"side": params.side.upper() if params.side else None, "group": params.group,
                "measure": params.measure or "killed", "scope": params.scope or "cumulative", "default": False}
    if default is None:
        return None
    return {**default, "measure": params.measure or default["measure"], "scope": params.scope or default["scope"],
            "default": True}


@router.get("/claims", include_in_schema=False)
def claims_page(request: Request, conn: Conn, params: Annotated[ClaimParams, Query()]):
    subject = page_subject(request, conn, params)
    since = params.since.isoformat() if params.since else None
    until = params.until.isoformat() if params.until else None
    return render(request, "claims.html", title="Claims", params=params, subject=subject,
                  choices=data.timeline_choices(conn, aggregates(request, conn)),
                  timeline_api=timeline_link(subject, since, until) if subject else None,
                  measure_label=timeline.measure_label, **_claims(request, conn, params))


def claims_select(params: ClaimParams):
    return data.claims_select(params.filters(), group=params.group, measure=params.measure, scope=params.scope)


def _claims(request: Request, conn: Connection, params: ClaimParams) -> dict:
    found = data.paged(conn, claims_select(params), params.page, keys=data.CLAIM_KEY)
    given = params.query_string()
    filtered = {k: v for k, v in given.items() if k != "page"}  # the same counts on every page
    cache = aggregates(request, conn)
    counted = cache.get(("facets", "claims", tuple(sorted(filtered.items()))), lambda: facet_counts(
        conn, cache, "claims", claims_select(params), "/claims", filtered))
    return {**found, "facets": counted.facets, "facets_limit": counted.limit,
            "links": listings.links("/claims", given, params.page, found["has_next"])}


@router.get("/api/claims", tags=["claims"], summary="Casualty claims, newest first, 50 per page, with facet counts")
def claims_api(request: Request, conn: Conn, params: Annotated[ClaimParams, Query()]):
    return _claims(request, conn, params)


@router.get("/api/claims/timeline", tags=["claims"],
            summary="Competing claims for one subject and one exact measure: one series per claimant")
def timeline_api(request: Request, conn: Conn, params: Annotated[TimelineParams, Query()]):
    q = _timeline_query(params)
    # an aggregate over every matching claim: kept for the cache's lifetime, like the overview's counts
    return aggregates(request, conn).get(("timeline", q), lambda: timeline.timeline(conn, q))
