"""Facet counts fast enough for every page view, and exact.

Counting the facets of a filter set by reading every row it matches costs a pass over up to all the
events (about 0.3 s of CPU at 100,000 events, seconds on a busy machine), once per filter set. Instead:

- **Counts by month** (the cube): one GROUP BY over the whole table, by month and by every column a
  facet counts or a common filter tests (events: type, sub-event type, country, both sides,
  certainty; claims: measure, the event's country, side, group, scope, certainty; people as each
  report names them: side, fate). A few thousand
  rows, kept in the app's cache under the data version, so it is recounted once per ingest (like the
  overview's counts). A filter set made only of those filters and dates is answered by adding up the
  cube's rows that match it: whole months inside the date range from the cube, the one or two months
  the range cuts (``since``/``until`` inside a month) counted in SQL, through the date index, with
  the listing's own conditions. The cube's matching rules mirror ``sitrep.query``'s conditions, and
  tests/test_web_facets.py checks that both ways give the same counts for many filter sets.
- **Other filters** (place, admin1, claimant, unit, minimum dead, a name ...) count the matching rows
  in SQL, newest first, up to ``CAP`` rows; past that, the counts are of the newest ``CAP`` matches and
  the page says so (``facets_limit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.sql import ColumnElement, Select

from sitrep import query
from sitrep.store import schema as S
from sitrep.web import listings
from sitrep.web.timeline import stored_forms

CAP = 10_000  # rows counted for a filter set the cube cannot answer
E, C, D, P = S.events.c, S.claims.c, S.documents.c, S.people.c


@dataclass(frozen=True)
class Cube:
    """How one listing's facets are counted by month."""

    kind: str  # listings.FACETS key
    date: ColumnElement  # the date the listing's since/until filter
    dimensions: tuple[ColumnElement, ...]  # labelled as the facet columns (listings.facet_columns)
    source: Callable[[], Any]  # the FROM clause
    served: frozenset[str]  # the parameters a filter set may hold for the cube to answer it
    matches: Callable[[dict[str, Any], dict[str, Any]], bool]  # (cube row, given parameters)

    def rows(self, conn: Connection) -> list[dict[str, Any]]:
        month = func.substr(self.date, 1, 7).label("month")
        stmt = (select(month, *self.dimensions, func.count().label("n")).select_from(self.source())
                .group_by(month, *self.dimensions))
        return [dict(r._mapping) for r in conn.execute(stmt)]


def _event_matches(row: dict[str, Any], given: dict[str, Any]) -> bool:
    """``sitrep.query``'s event conditions for type, country, side and certainty, on a cube row."""
    if "type" in given:
        columns, exact = query.event_type_columns(str(given["type"]))
        if not any(row[c] == exact for c in columns):
            return False
    if "country" in given and row["country"] != query.side_code(str(given["country"])):
        return False
    if "side" in given and query.side_code(str(given["side"])) not in (row["actor1_side"], row["actor2_side"]):
        return False
    if "certainty" in given and row["certainty"] != str(given["certainty"]).strip().lower():
        return False
    return True


def _claim_matches(row: dict[str, Any], given: dict[str, Any]) -> bool:
    """The claims page's conditions for side, certainty, type (part of a measure), and the timeline's
    group, exact measure set and scope, on a cube row."""
    if "side" in given and row["subject_side"] != query.side_code(str(given["side"])):
        return False
    if "certainty" in given and row["certainty"] != str(given["certainty"]).strip().lower():
        return False
    if "type" in given and str(given["type"]).lower() not in (row["measure"] or "").lower():
        return False
    if "group" in given and row["subject_group"] != given["group"]:
        return False
    if "measure" in given and row["measure"] not in stored_forms(str(given["measure"])):
        return False
    if "scope" in given and row["scope"] != given["scope"]:
        return False
    return True


def _person_matches(row: dict[str, Any], given: dict[str, Any]) -> bool:
    """``sitrep.query``'s person conditions for side and fate, on a cube row."""
    if "side" in given and row["side"] != query.side_code(str(given["side"])):
        return False
    if "status" in given and row["status"] != str(given["status"]).lower():
        return False
    return True


_DATES = {"since", "until", "page"}
CUBES = {
    "events": Cube("events", E.date_start,
                   (E.event_type, E.sub_event_type, E.country, E.actor1_side, E.actor2_side, E.certainty),
                   lambda: S.events, frozenset(_DATES | {"type", "country", "side", "certainty"}), _event_matches),
    "claims": Cube("claims", D.published,
                   (C.measure, C.subject_side, C.certainty, C.subject_group, C.scope,
                    E.country.label("event_country")),
                   lambda: S.claims.join(S.documents, D.id == C.document_id).outerjoin(
                       S.events, and_(E.document_id == C.document_id, E.id == C.event_id)),
                   frozenset(_DATES | {"side", "certainty", "type", "group", "measure", "scope"}), _claim_matches),
    "people": Cube("people", D.published, (P.side, P.status),
                   lambda: S.people.join(S.documents, D.id == P.document_id),
                   frozenset(_DATES | {"side", "status"}), _person_matches),
}


@dataclass
class Counted:
    facets: list[dict[str, Any]]
    limit: int | None  # None: every matching row is counted; else the newest this many


def facet_counts(conn: Connection, cache, kind: str, stmt: Select, base: str, given: dict[str, Any]) -> Counted:
    """The facets of the rows ``stmt`` selects (a listing's SELECT with the page's filters, newest
    first); ``given``: the page's parameters; ``cache``: the app's aggregates (web/data.Aggregates)."""
    cube = CUBES.get(kind)
    if cube is not None and set(given) <= cube.served and _iso_dates(given):
        combos = _from_cube(conn, cube, cache.get(("facet-cube", kind), lambda: cube.rows(conn)), stmt, given)
        return Counted(listings.facet_values(kind, combos, base, given), None)
    combos = listings.facet_combos(conn, kind, stmt, limit=CAP)
    more = conn.execute(stmt.order_by(None).limit(1).offset(CAP)).first() is not None
    return Counted(listings.facet_values(kind, combos, base, given), CAP if more else None)


def _iso_dates(given: dict[str, Any]) -> bool:
    for name in ("since", "until"):
        if name in given:
            try:
                date.fromisoformat(str(given[name]))
            except ValueError:
                return False
    return True


def _from_cube(conn: Connection, cube: Cube, rows: list[dict[str, Any]], stmt: Select,
               given: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The cube's rows that match ``given`` in months wholly inside the date range, and the rows of the
    months the range cuts, counted in SQL."""
    since = str(given["since"])[:7] if "since" in given else None
    until = str(given["until"])[:7] if "until" in given else None
    dated = since is not None or until is not None
    for row in rows:
        month = row["month"]
        if month is None:
            if dated:  # an undated row is outside every date range
                continue
        elif (since is not None and month <= since) or (until is not None and month >= until):
            continue  # outside the range, or a month it cuts (counted below)
        if cube.matches(row, given):
            yield row
    for month in sorted({m for m in (since, until) if m is not None}):
        in_month = stmt.where(func.substr(cube.date, 1, 7) == month, cube.date >= month,
                              cube.date < _next_month(month))
        yield from listings.facet_combos(conn, cube.kind, in_month)


def _next_month(month: str) -> str:
    year, m = int(month[:4]), int(month[5:7])
    return f"{year + m // 12:04d}-{m % 12 + 1:02d}"
