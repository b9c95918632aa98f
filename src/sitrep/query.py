"""Listing what is stored, with the filters people ask for. The Python API under `sitrep events`,
`sitrep claims`, `sitrep people`, `sitrep units`, `sitrep places` and `sitrep search`.

    from sitrep.query import Filters, events
    with Store.open("sitrep.db") as store, store.read() as conn:
        rows = events(conn, Filters(since="2022-03-01", side="RU", min_fatalities=5), limit=50)

Each listing is a view's select (store/views.py) plus WHERE clauses; rows come back as dicts with the
view's column names, newest first (undated last). A filter that does not apply to a listing is
refused rather than silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, Callable

from sqlalchemy import Connection, and_, exists, false, func, literal_column, or_, select
from sqlalchemy.sql import ColumnElement, Select

from sitrep.filter_values import UnknownValue, country_code, unknown_values
from sitrep.lexicons import load_table
from sitrep.store import schema, views
from sitrep.store.search import search as _search
from sitrep.tolls import death_claim_sql, in_figure_order

E, C, D, P, U, PL = (schema.events.c, schema.claims.c, schema.documents.c, schema.people.c, schema.units.c,
                     schema.places.c)


@dataclass
class Filters:
    since: str | None = None  # ISO date, inclusive: event date (events) or publication date (the rest)
    until: str | None = None
    type: str | None = None  # events: ACLED event or sub-event type; claims: a measure (killed, wounded ...)
    place: str | None = None  # place, admin1 or country name (any case, or as the gazetteer resolves it), or a GeoNames id
    side: str | None = None  # ISO 3166-1 alpha-2 (or a country's name or alpha-3 code)
    claimant: str | None = None  # part of the claimant's name, or a claimant kind (government, media ...)
    unit: str | None = None  # part of a unit's name or registry name
    certainty: str | None = None
    min_fatalities: int | None = None
    status: str | None = None  # people: killed|wounded|captured|...
    name: str | None = None  # people: part of the name
    country: str | None = None  # where: a country's name, ISO alpha-2 or alpha-3 code
    admin1: str | None = None  # where: a first-order division ("Donetsk Oblast", "Donetsk region", "Helmand")

    def given(self) -> set[str]:
        return {f.name for f in fields(self) if getattr(self, f.name) not in (None, "")}


class FilterNotApplicable(ValueError):
    pass


def contains(column, value: str) -> ColumnElement:
    """Case-insensitive substring match (LIKE wildcards in ``value`` are taken literally)."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


_MAX_GEONAMES_ID = 2**31 - 1  # a larger number names no place (and overflows the database's integer)


def _place(location, admin1, geonames_id, value: str, country=None) -> ColumnElement:
    """A GeoNames id; or a name as stored (any case) as the place or its admin1; or whatever the
    gazetteer makes of the name ("Avdiivka" is stored as GeoNames' "Avdiyivka"; "Donetsk region"
    is the admin1 "Donetsk Oblast"; a town also finds events placed only at its region); or a
    country's name or ISO code, which finds everything placed in that country."""
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" and "①" are digits to str.isdigit(), and no int
        return geonames_id == int(value) if len(value) <= 10 and int(value) <= _MAX_GEONAMES_ID else false()
    match = [func.lower(location) == value.lower(), func.lower(admin1) == value.lower()]
    code = country_code(value) if country is not None else None
    if code:
        match.append(country == code)
    resolved = _gazetteer_place(value)
    if resolved is not None and resolved.geonames_id is not None:
        match.append(geonames_id == resolved.geonames_id)
        if resolved.kind == "region":
            match.append(func.lower(admin1) == resolved.name.lower())
        elif resolved.admin1:
            # "Kherson" also finds what is placed only as far as its region ("Kherson Oblast")
            match.append(func.lower(location) == resolved.admin1.lower())
    return or_(*match)


def _gazetteer_place(name: str):
    from sitrep.gazetteer.lookup import resolve_place_name  # loads the gazetteer: only when --place is used

    return resolve_place_name(name)


def _admin1(column, value: str) -> ColumnElement:
    """A first-order division as stored (any case), or as the gazetteer names the region a name means
    ("Donetsk region" and "Donetsk Oblast" are both "Donetsk Oblast")."""
    return or_(*(func.lower(column) == name for name in _admin1_names(value)))


def side_code(value: str) -> str:
    """A side or a country as the store keeps it (ISO alpha-2), from a code or a country's name."""
    return country_code(value) or value.strip().upper()


_side = side_code


def in_reports_about(document_id, f: Filters) -> list[ColumnElement]:
    """--country and --admin1 for what has no place of its own (people, units, claims without an
    event, search results): the report names a place there (its events' places among them)."""
    cond = []
    if f.country:
        cond.append(exists().where(PL.document_id == document_id, PL.country == _side(f.country)))
    if f.admin1:
        cond.append(exists().where(PL.document_id == document_id, _admin1(PL.admin1, f.admin1)))
    return cond


_in_reports_about = in_reports_about


def register_where(mentions, register_key, f: Filters) -> list[ColumnElement]:
    """--country and --admin1 for a row of a resolver's register (a person or a unit across reports;
    ``mentions``: the register's mentions table, keyed by the register's key column): one of the
    reports that name it names a place there. The registers keep no place of their own."""
    there = in_reports_about(mentions.c.document_id, f)
    if not there:
        return []
    key = mentions.c[register_key.name]
    return [exists().where(key == register_key, *there)]


def _unit_matches(value: str) -> ColumnElement:
    return or_(contains(U.name, value), contains(U.canonical, value))


@lru_cache(maxsize=1)
def _acled_types() -> dict[str, tuple[str, str]]:
    """lower-cased ACLED type or sub-event type -> (column, exact string)."""
    out: dict[str, tuple[str, str]] = {}
    for row in load_table("acled_event_types.tsv"):
        out[row["sub_event_type"].lower()] = ("sub_event_type", row["sub_event_type"])
        out[row["event_type"].lower()] = ("event_type", row["event_type"])
    return out


def event_type_columns(value: str) -> tuple[tuple[str, ...], str]:
    """What --type compares: ACLED's type or sub-event type, in any case, on the one column it belongs
    to (so one index serves); a value ACLED does not have, exactly, against both columns."""
    known = _acled_types().get(value.strip().lower())
    if known:
        return (known[0],), known[1]
    return ("event_type", "sub_event_type"), value


def _event_type(value: str) -> ColumnElement:
    columns, exact = event_type_columns(value)
    return or_(*(E[c] == exact for c in columns))


def _date_range(column, f: Filters) -> list[ColumnElement]:
    out = []
    if f.since:
        out.append(column >= f.since)
    if f.until:
        out.append(column <= f.until)
    return out


# --- one function per listing: which filters it takes, and what they mean there --------------------

def _event_conditions(f: Filters, plan: str | None = None) -> list[ColumnElement]:
    cond = _date_range(E.date_start, f)
    if f.type:
        cond.append(_event_type(f.type))
    if f.place:
        cond.append(_place(E.location, E.admin1, E.geonames_id, f.place, E.country))
    if f.country:
        cond.append(E.country == _side(f.country))
    if f.admin1:
        cond.append(_admin1(E.admin1, f.admin1))
    if f.side:
        cond.append(or_(E.actor1_side == _side(f.side), E.actor2_side == _side(f.side)))
    if f.claimant:
        cond.append(contains(E.claimant, f.claimant))
    if f.unit:
        a = schema.actors.c
        cond.append(or_(
            exists().where(a.document_id == E.document_id, a.event_id == E.id, contains(a.name, f.unit)),
            # ... or a claim about this event whose subject is the unit
            exists().where(C.document_id == E.document_id, C.event_id == E.id, U.document_id == C.document_id,
                           U.id == C.subject_unit_id, _unit_matches(f.unit)),
        ))
    if f.certainty:
        cond.append(E.certainty == f.certainty.strip().lower())
    if f.min_fatalities is not None:
        cond.append(_min_fatalities(f.min_fatalities, plan))
    return cond


def _min_fatalities(n: int, plan: str | None) -> ColumnElement:
    """The condition, written to steer SQLite (see ``fatalities_plan``)."""
    if plan == NEWEST_FIRST:
        # "+ 0" hides the column from the planner: read newest-first and stop at the limit, rather
        # than fetch every matching event through ix_events_fatalities and sort them all
        return E.fatalities + 0 >= n
    if plan == BY_FATALITIES:
        # tell the planner the condition is rare: fetch the few events through ix_events_fatalities
        return func.likelihood(E.fatalities >= n, literal_column("0.001"))
    return E.fatalities >= n


def _claim_conditions(f: Filters, plan: str | None = None) -> list[ColumnElement]:
    cond = _date_range(D.published, f)
    if f.type:
        cond.append(contains(C.measure, f.type))
    if f.place:
        cond.append(exists().where(E.document_id == C.document_id, E.id == C.event_id,
                                   _place(E.location, E.admin1, E.geonames_id, f.place, E.country)))
    if f.country or f.admin1:
        # where the claim's event happened; a claim tied to no event, where its report is about
        event_there = [E.country == _side(f.country)] if f.country else []
        event_there += [_admin1(E.admin1, f.admin1)] if f.admin1 else []
        cond.append(or_(exists().where(E.document_id == C.document_id, E.id == C.event_id, *event_there),
                        and_(C.event_id.is_(None), *_in_reports_about(C.document_id, f))))
    if f.side:
        cond.append(C.subject_side == _side(f.side))
    if f.claimant:
        cond.append(or_(contains(C.claimant, f.claimant), C.claimant_kind == f.claimant.lower()))
    if f.unit:
        cond.append(exists().where(U.document_id == C.document_id, U.id == C.subject_unit_id,
                                   _unit_matches(f.unit)))
    if f.certainty:
        cond.append(C.certainty == f.certainty.strip().lower())
    if f.min_fatalities is not None:
        cond.append(and_(death_claim_sql(C.measure, C.count_best, C.count_low, C.count_high),
                         func.coalesce(*in_figure_order(C.count_best, C.count_low, C.count_high)) >= f.min_fatalities))
    return cond


def _person_conditions(f: Filters, plan: str | None = None) -> list[ColumnElement]:
    cond = _date_range(D.published, f) + _in_reports_about(P.document_id, f)
    if f.side:
        cond.append(P.side == _side(f.side))
    if f.status:
        cond.append(P.status == f.status.lower())
    if f.name:
        cond.append(contains(P.name, f.name))
    if f.unit:
        cond.append(exists().where(U.document_id == P.document_id, U.id == P.unit_id, _unit_matches(f.unit)))
    return cond


def _unit_conditions(f: Filters, plan: str | None = None) -> list[ColumnElement]:
    cond = _date_range(D.published, f) + _in_reports_about(U.document_id, f)
    if f.side:
        cond.append(U.side == _side(f.side))
    if f.unit:
        cond.append(_unit_matches(f.unit))
    return cond


def _place_conditions(f: Filters, plan: str | None = None) -> list[ColumnElement]:
    cond = _date_range(D.published, f)
    if f.place:
        cond.append(_place(PL.name, PL.admin1, PL.geonames_id, f.place, PL.country))
    if f.country:
        cond.append(PL.country == _side(f.country))
    if f.admin1:
        cond.append(_admin1(PL.admin1, f.admin1))
    if f.side:
        cond.append(PL.country == _side(f.side))
    return cond


@dataclass(frozen=True)
class Listing:
    base: Callable[[], Select]
    conditions: Callable[[Filters, str | None], list[ColumnElement]]
    accepts: frozenset[str]
    order: tuple


_DATES = {"since", "until"}
_WHERE = {"country", "admin1"}
LISTINGS: dict[str, Listing] = {
    "events": Listing(views.event_reports, _event_conditions,
                      frozenset(_DATES | _WHERE | {"type", "place", "side", "claimant", "unit", "certainty",
                                                   "min_fatalities"}),
                      # the order of the ix_events_* indexes (schema.py): no sort needed
                      (E.date_start.desc().nulls_last(), E.document_id.desc(), E.id.desc())),
    "claims": Listing(views.casualty_claims, _claim_conditions,
                      frozenset(_DATES | _WHERE | {"type", "place", "side", "claimant", "unit", "certainty",
                                                   "min_fatalities"}),
                      (D.published.desc().nulls_last(), C.document_id, C.id)),
    "people": Listing(views.people_mentioned, _person_conditions,
                      frozenset(_DATES | _WHERE | {"side", "status", "name", "unit"}),
                      (D.published.desc().nulls_last(), P.document_id, P.id)),
    "units": Listing(views.units_mentioned, _unit_conditions, frozenset(_DATES | _WHERE | {"side", "unit"}),
                     (D.published.desc().nulls_last(), U.document_id, U.id)),
    "places": Listing(views.places_mentioned, _place_conditions, frozenset(_DATES | _WHERE | {"place", "side"}),
                      (D.published.desc().nulls_last(), PL.document_id, PL.ord)),
}


def listing_select(kind: str, filters: Filters | None = None, limit: int | None = 100,
                   plan: str | None = None) -> Select:
    """The SELECT behind a listing; exported so export.py streams exactly what `sitrep events` shows.
    ``plan`` steers SQLite for --min-fatalities (see ``fatalities_plan``)."""
    filters = filters or Filters()
    spec = LISTINGS[kind]
    extra = filters.given() - spec.accepts
    if extra:
        names = ", ".join("--" + n.replace("_", "-") for n in sorted(extra))
        raise FilterNotApplicable(f"`sitrep {kind}` does not filter by {names}")
    stmt = spec.base().where(*spec.conditions(filters, plan)).order_by(*spec.order)
    return stmt.limit(limit) if limit else stmt


# With more matches than this, reading events newest-first finds a page of them quickly.
_COMMON = 5000
NEWEST_FIRST, BY_FATALITIES = "newest-first", "by-fatalities"


def fatalities_plan(conn: Connection, kind: str, filters: Filters, limit: int | None) -> str | None:
    """SQLite keeps no value histograms, so it cannot tell --min-fatalities 3 (a third of all events:
    read newest-first and stop at the limit) from --min-fatalities 300 (a handful: fetch them by
    index), and guessing wrong costs seconds at a million events. Count, up to a cap, and decide for
    it. PostgreSQL's statistics decide well by themselves (None: no steering)."""
    if conn.dialect.name != "sqlite" or kind != "events" or filters.min_fatalities is None or not limit:
        return None
    probe = select(E.fatalities).where(E.fatalities >= filters.min_fatalities).limit(_COMMON).subquery()
    common = conn.execute(select(func.count()).select_from(probe)).scalar_one() >= _COMMON
    return NEWEST_FIRST if common else BY_FATALITIES


def listing_columns(kind: str) -> list[str]:
    """The column names a listing returns, in order (also when it returns no rows)."""
    return list(LISTINGS[kind].base().selected_columns.keys())


def listing(conn: Connection, kind: str, filters: Filters | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    filters = filters or Filters()
    stmt = listing_select(kind, filters, limit, fatalities_plan(conn, kind, filters, limit))
    return [dict(r._mapping) for r in conn.execute(stmt)]


def events(conn: Connection, filters: Filters | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    return listing(conn, "events", filters, limit)


def claims(conn: Connection, filters: Filters | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    return listing(conn, "claims", filters, limit)


def people(conn: Connection, filters: Filters | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    return listing(conn, "people", filters, limit)


def units(conn: Connection, filters: Filters | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    return listing(conn, "units", filters, limit)


def places(conn: Connection, filters: Filters | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    return listing(conn, "places", filters, limit)


def search(conn: Connection, query: str, filters: Filters | None = None, limit: int | None = 20) -> list[dict[str, Any]]:
    """Documents matching ``query`` (words, "phrases", OR), best first; ``filters`` may give since/until,
    and country/admin1 (the report names a place there)."""
    filters = filters or Filters()
    extra = filters.given() - _DATES - _WHERE
    if extra:
        raise FilterNotApplicable(f"`sitrep search` filters only by --since/--until/--country/--admin1, not {sorted(extra)}")
    return _search(conn, query, since=filters.since, until=filters.until, limit=limit,
                   country=_side(filters.country) if filters.country else None,
                   admin1=_admin1_names(filters.admin1) if filters.admin1 else None)


def _admin1_names(value: str) -> list[str]:
    """The lower-cased admin1 names ``value`` stands for (as written, and as the gazetteer resolves it)."""
    names = [value.strip().lower()]
    resolved = _gazetteer_place(value.strip())
    if resolved is not None and resolved.kind == "region":
        names.append(resolved.name.lower())
    return list(dict.fromkeys(names))


def check_filters(kind: str, filters: Filters) -> list[UnknownValue]:
    """The filter values that match nothing sitrep knows (a type, side, country or certainty), each with
    the nearest valid values: say so rather than show an empty listing. ``kind``: a listing, or
    "export"."""
    return unknown_values(kind, filters)
