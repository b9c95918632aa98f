"""The events table (filters, pagination) and the event page (reports, claims, actors, evidence)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import Connection

from sitrep.web import data, listings
from sitrep.web.facet_counts import facet_counts
from sitrep.web.params import EventParams
from sitrep.web.pages import aggregates, connection, not_found, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
DocId = Annotated[str, Path(max_length=64, pattern=r"^[\w.:-]+$")]
ItemId = Annotated[str, Path(max_length=32, pattern=r"^[\w.:-]+$")]


def _events(request: Request, conn: Connection, params: EventParams) -> dict:
    """A page of events with the facet counts of everything the filters match, and the links to the
    other pages and to the downloads."""
    found = data.events_page(conn, params.filters(), params.page)
    given = params.query_string()
    filtered = {k: v for k, v in given.items() if k != "page"}  # the same counts on every page
    cache = aggregates(request, conn)
    counted = cache.get(("facets", "events", tuple(sorted(filtered.items()))), lambda: facet_counts(
        conn, cache, "events", data.events_facet_rows(conn, params.filters()), "/events", filtered))
    return {**found, "facets": counted.facets, "facets_limit": counted.limit,
            "links": listings.links("/events", given, params.page, found["has_next"])}


@router.get("/events", include_in_schema=False)
def events_page(request: Request, conn: Conn, params: Annotated[EventParams, Query()]):
    return render(request, "events.html", title="Events", params=params,
                  types=data.event_types(conn, aggregates(request, conn)), **_events(request, conn, params))


@router.get("/api/events", tags=["events"], summary="Events, newest first, 50 per page, with facet counts")
def events_api(request: Request, conn: Conn, params: Annotated[EventParams, Query()]):
    return _events(request, conn, params)


def _event(conn: Connection, document_id: str, event_id: str) -> dict:
    found = data.event_detail(conn, document_id, event_id)
    if found is None:
        raise not_found("event")
    return found


@router.get("/events/{document_id}/{event_id}", include_in_schema=False)
def event_page(request: Request, conn: Conn, document_id: DocId, event_id: ItemId):
    found = _event(conn, document_id, event_id)
    return render(request, "event.html", title=f"{found['event']['sub_event_type']}", **found)


@router.get("/api/events/{document_id}/{event_id}", tags=["events"],
            summary="One event: its report, actors, claims, evidence spans, merged reports")
def event_api(conn: Conn, document_id: DocId, event_id: ItemId):
    return _event(conn, document_id, event_id)
