"""The units list and the unit page (people, events, claimed losses)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import Connection

from sitrep.web import data, listings
from sitrep.web.params import UnitParams
from sitrep.web.pages import aggregates, connection, not_found, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
Key = Annotated[str, Query(min_length=1, max_length=200, description="The unit's register key or name")]


@router.get("/units", include_in_schema=False)
def units_page(request: Request, conn: Conn, params: Annotated[UnitParams, Query()]):
    return render(request, "units.html", title="Units", params=params, **_units(request, conn, params))


@router.get("/api/units", tags=["units"], summary="Units, most reported first")
def units_api(request: Request, conn: Conn, params: Annotated[UnitParams, Query()]):
    return _units(request, conn, params)


def _units(request: Request, conn: Connection, params: UnitParams) -> dict:
    # counted over every mention of every unit: kept for the cache's lifetime
    given = params.query_string()

    def compute():
        stmt, is_resolved = data.units_select(conn, params.filters())
        found = {**data.paged(conn, stmt, params.page), "resolved": is_resolved}
        return {**found, "facets": listings.facets(conn, "units", stmt, "/units", given),
                "links": listings.links("/units", given, params.page, found["has_next"])}
    return aggregates(request, conn).get(("units", tuple(sorted(given.items()))), compute)


def _unit(request, conn, key):
    # a unit named in thousands of reports gathers people, claims and events from all of them
    found = aggregates(request, conn).get(("unit", key), lambda: data.unit_detail(conn, key))
    if found is None:
        raise not_found("unit")
    return found


@router.get("/unit", include_in_schema=False)
def unit_page(request: Request, conn: Conn, key: Key):
    found = _unit(request, conn, key)
    return render(request, "unit.html", title=found["name"], **found)


@router.get("/api/unit", tags=["units"], summary="One unit: its mentions, people, events and claimed losses")
def unit_api(request: Request, conn: Conn, key: Key):
    return _unit(request, conn, key)
