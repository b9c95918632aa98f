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

from bisect import bisect_left, bisect_right
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
    matcher: Callable[[dict[str, Any]], Callable[[dict[str, Any]], bool]]  # given parameters -> row test

    def counts(self, conn: Connection) -> "MonthlyCounts":
        month = func.substr(self.date, 1, 7).label("month")
        stmt = (select(month, *self.dimensions, func.count().label("n")).select_from(self.source())
                .group_by(month, *self.dimensions))
        return MonthlyCounts.of([dict(r._mapping) for r in conn.execute(stmt)], [d.name for d in self.dimensions])


@dataclass
class MonthlyCounts:
    """The cube as running totals: for each combination of values, how many rows up to each month
    (``cumulative[k][i]``: before ``months[i]``), and how many are undated. A range of whole months
    is then one subtraction per combination, not a pass over every month's rows."""

    months: list[str]
    combinations: list[dict[str, Any]]
    cumulative: list[list[int]]
    undated: list[int]

    @classmethod
    def of(cls, rows: list[dict[str, Any]], dimensions: list[str]) -> "MonthlyCounts":
        months = sorted({r["month"] for r in rows if r["month"] is not None})
        at = {m: i for i, m in enumerate(months)}
        per: dict[tuple, tuple[list[int], list[int]]] = {}
        for r in rows:
            by_month, undated = per.setdefault(tuple(r[d] for d in dimensions), ([0] * len(months), [0]))
            if r["month"] is None:
                undated[0] += r["n"]
            else:
                by_month[at[r["month"]]] += r["n"]
        combinations, cumulative, undated_counts = [], [], []
        for key, (by_month, undated) in per.items():
            running = [0]
            for n in by_month:
                running.append(running[-1] + n)
            combinations.append(dict(zip(dimensions, key)))
            cumulative.append(running)
            undated_counts.append(undated[0])
        return cls(months, combinations, cumulative, undated_counts)


Row = dict[str, Any]
Predicate = Callable[[Row], bool]


def _all(tests: list[Predicate]) -> Predicate:
    return lambda row: all(test(row) for test in tests)


def _event_matcher(given: dict[str, Any]) -> Predicate:
    """``sitrep.query``'s event conditions for type, country, side and certainty, on a cube row (the
    values are read once, not per row)."""
    tests: list[Predicate] = []
    if "type" in given:
        columns, exact = query.event_type_columns(str(given["type"]))
        tests.append(lambda row: any(row[c] == exact for c in columns))
    if "country" in given:
        country = query.side_code(str(given["country"]))
        tests.append(lambda row: row["country"] == country)
    if "side" in given:
        side = query.side_code(str(given["side"]))
        tests.append(lambda row: row["actor1_side"] == side or row["actor2_side"] == side)
    if "certainty" in given:
        certainty = str(given["certainty"]).strip().lower()
        tests.append(lambda row: row["certainty"] == certainty)
    return _all(tests)


def _claim_matcher(given: dict[str, Any]) -> Predicate:
    """The claims page's conditions for side, certainty, type (part of a measure), and the timeline's
    group, exact measure set and scope, on a cube row."""
    tests: list[Predicate] = []
    if "side" in given:
        side = query.side_code(str(given["side"]))
        tests.append(lambda row: row["subject_side"] == side)
    if "certainty" in given:
        certainty = str(given["certainty"]).strip().lower()
        tests.append(lambda row: row["certainty"] == certainty)
    if "type" in given:
        part = str(given["type"]).lower()
        tests.append(lambda row: part in (row["measure"] or "").lower())
    if "group" in given:
        group = given["group"]
        tests.append(lambda row: row["subject_group"] == group)
    if "measure" in given:
        forms = set(stored_forms(str(given["measure"])))
        tests.append(lambda row: row["measure"] in forms)
    if "scope" in given:
        scope = given["scope"]
        tests.append(lambda row: row["scope"] == scope)
    return _all(tests)


def _person_matcher(given: dict[str, Any]) -> Predicate:
    """``sitrep.query``'s person conditions for side and fate, on a cube row."""
    tests: list[Predicate] = []
    if "side" in given:
        side = query.side_code(str(given["side"]))
        tests.append(lambda row: row["side"] == side)
    if "status" in given:
        status = str(given["status"]).lower()
        tests.append(lambda row: row["status"] == status)
    return _all(tests)


_DATES = {"since", "until", "page"}
CUBES = {
    "events": Cube("events", E.date_start,
                   (E.event_type, E.sub_event_type, E.country, E.actor1_side, E.actor2_side, E.certainty),
                   lambda: S.events, frozenset(_DATES | {"type", "country", "side", "certainty"}), _event_matcher),
    "claims": Cube("claims", D.published,
                   (C.measure, C.subject_side, C.certainty, C.subject_group, C.scope,
                    E.country.label("event_country")),
                   lambda: S.claims.join(S.documents, D.id == C.document_id).outerjoin(
                       S.events, and_(E.document_id == C.document_id, E.id == C.event_id)),
                   frozenset(_DATES | {"side", "certainty", "type", "group", "measure", "scope"}), _claim_matcher),
    "people": Cube("people", D.published, (P.side, P.status),
                   lambda: S.people.join(S.documents, D.id == P.document_id),
                   frozenset(_DATES | {"side", "status"}), _person_matcher),
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
        combos = _from_cube(conn, cube, cache.get(("facet-cube", kind), lambda: cube.counts(conn)), stmt, given)
        return Counted(listings.facet_values(kind, _collapsed(kind, combos), base, given), None)
    # up to one row past the cap, in whatever order is quickest: all of them, if no more match; only past
    # the cap does it matter which rows are counted (the newest), and only then are they read in order
    combos = listings.facet_combos(conn, kind, stmt, limit=CAP + 1, ordered=False)
    more = sum(c["n"] for c in combos) > CAP
    if more:
        combos = listings.facet_combos(conn, kind, stmt, limit=CAP)
    return Counted(listings.facet_values(kind, combos, base, given), CAP if more else None)


def _collapsed(kind: str, combos: Iterable[Row]) -> list[Row]:
    """The combinations added up over what the facets do not show (month, sub-event type ...): a few
    hundred rows for the facets to sum instead of thousands."""
    columns = listings.facet_columns(kind)
    totals: dict[tuple, int] = {}
    for row in combos:
        key = tuple(row[c] for c in columns)
        totals[key] = totals.get(key, 0) + row["n"]
    return [{**dict(zip(columns, key)), "n": n} for key, n in totals.items()]


def _iso_dates(given: dict[str, Any]) -> bool:
    for name in ("since", "until"):
        if name in given:
            try:
                date.fromisoformat(str(given[name]))
            except ValueError:
                return False
    return True


def _from_cube(conn: Connection, cube: Cube, counts: MonthlyCounts, stmt: Select,
               given: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The combinations that match ``given``, counted over the months wholly inside the date range
    (and the undated rows when there is no range), then the rows of the months the range cuts (a
    ``since`` or ``until`` inside a month), counted in SQL."""
    since = str(given["since"])[:7] if "since" in given else None
    until = str(given["until"])[:7] if "until" in given else None
    dated = since is not None or until is not None
    first = bisect_right(counts.months, since) if since is not None else 0  # the first month after since's
    end = bisect_left(counts.months, until) if until is not None else len(counts.months)  # before until's
    matches = cube.matcher(given)
    for combination, running, undated in zip(counts.combinations, counts.cumulative, counts.undated):
        n = running[end] - running[first] if end > first else 0
        if not dated:
            n += undated  # an undated row is outside every date range
        if n and matches(combination):
            yield {**combination, "n": n}
    for month in sorted({m for m in (since, until) if m is not None}):
        in_month = stmt.where(func.substr(cube.date, 1, 7) == month, cube.date >= month,
                              cube.date < _next_month(month))
        yield from listings.facet_combos(conn, cube.kind, in_month)


def _next_month(month: str) -> str:
    year, m = int(month[:4]), int(month[5:7])
    return f"{year + m // 12:04d}-{m % 12 + 1:02d}"
