"""The people register and the person page (the resolver's persons when it has run, else mentions)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import Connection

from sitrep.web import data, listings
from sitrep.web.facet_counts import facet_counts
from sitrep.web.params import PeopleParams
from sitrep.web.pages import aggregates, connection, not_found, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
Id = Annotated[str, Path(max_length=64, pattern=r"^[\w.:-]+$")]


def _people(request: Request, conn: Connection, params: PeopleParams) -> dict:
    stmt, is_resolved = data.people_select(conn, params.filters())
    found = {**data.paged(conn, stmt, params.page), "resolved": is_resolved}
    given = params.query_string()
    kind = "people-register" if is_resolved else "people"
    filtered = {k: v for k, v in given.items() if k != "page"}  # the same counts on every page
    cache = aggregates(request, conn)
    counted = cache.get(("facets", kind, tuple(sorted(filtered.items()))), lambda: facet_counts(
        conn, cache, kind, stmt, "/people", filtered))
    return {**found, "facets": counted.facets, "facets_limit": counted.limit,
            "links": listings.links("/people", given, params.page, found["has_next"])}


@router.get("/people", include_in_schema=False)
def people_page(request: Request, conn: Conn, params: Annotated[PeopleParams, Query()]):
    return render(request, "people.html", title="People", params=params, **_people(request, conn, params))


@router.get("/api/people", tags=["people"],
            summary="The people register (resolved persons), or every mention before the resolver has run")
def people_api(request: Request, conn: Conn, params: Annotated[PeopleParams, Query()]):
    return _people(request, conn, params)


def _person(conn, person_id):
    found = data.person_detail(conn, person_id)
    if found is None:
        raise not_found("person")
    return found


def _mention(conn, document_id, person_id):
    found = data.person_mention(conn, document_id, person_id)
    if found is None:
        raise not_found("person")
    return found


@router.get("/people/{person_id}", include_in_schema=False)
def person_page(request: Request, conn: Conn, person_id: Id):
    found = _person(conn, person_id)
    return render(request, "person.html", title=found["person"]["name"], **found)


@router.get("/people/{document_id}/{person_id}", include_in_schema=False)
def mention_page(request: Request, conn: Conn, document_id: Id, person_id: Id):
    found = _mention(conn, document_id, person_id)
    return render(request, "person.html", title=found["person"]["name"], **found)


@router.get("/api/people/{person_id}", tags=["people"], summary="A resolved person: mentions, evidence, merge log")
def person_api(conn: Conn, person_id: Id):
    return _person(conn, person_id)


@router.get("/api/people/{document_id}/{person_id}", tags=["people"],
            summary="A person as one report names them, and the reports that use the same name")
def mention_api(conn: Conn, document_id: Id, person_id: Id):
    return _mention(conn, document_id, person_id)
