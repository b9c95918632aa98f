"""Readable selections over the tables: each fact with its quoted evidence and its report.

Each is defined once, as a SQLAlchemy select. The same select is (a) created as a SQL view, named for
people, so the SQLite file reads well in Datasette as it is, and (b) the base the query commands
filter (query.py), so what `sitrep events` prints and what Datasette shows cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, distinct, func, select
from sqlalchemy.sql import Select

from sitrep.store.schema import claims, documents, evidence, events, people, places, units


def _first_evidence(kind: str, item_id, document_id):
    """The first evidence span of a fact, outer-joined (a fact may have none)."""
    ev = evidence.alias(f"ev_{kind}")
    on = and_(ev.c.document_id == document_id, ev.c.item_kind == kind, ev.c.item_id == item_id, ev.c.ord == 0)
    return ev, on


# An untitled report (a plain-text file, a CSV row without a title) is shown by its first words, not by
# its id: what a person can recognise.
FIRST_WORDS = 80  # characters


def _report_title():
    """The report's title, or the start of its text when it has none."""
    start = func.substr(documents.c.text, 1, FIRST_WORDS)
    one_line = func.replace(func.replace(func.replace(start, "\r", " "), "\n", " "), "\t", " ")
    return func.coalesce(func.nullif(func.trim(documents.c.title), ""), func.trim(one_line))


def _quote(ev):
    """The evidence words, cut from the document text (SQL substr is 1-based, in characters)."""
    return func.substr(documents.c.text, ev.c.start_char + 1, ev.c.end_char - ev.c.start_char)


def event_reports() -> Select:
    ev, on = _first_evidence("event", events.c.id, events.c.document_id)
    return (
        select(
            events.c.date_start.label("date"), events.c.event_type, events.c.sub_event_type, events.c.tags,
            events.c.location, events.c.admin1, events.c.country, events.c.latitude, events.c.longitude,
            events.c.geo_precision, events.c.actor1, events.c.actor1_side, events.c.actor2, events.c.actor2_side,
            events.c.fatalities, events.c.fatalities_low, events.c.fatalities_high, events.c.claimant,
            events.c.certainty, _quote(ev).label("evidence"), events.c.notes, _report_title().label("report_title"),
            documents.c.outlet, documents.c.published, documents.c.url.label("report_url"),
            events.c.document_id, events.c.id.label("event_id"), events.c.date_precision, events.c.date_end,
            events.c.geonames_id,
        )
        .select_from(events.join(documents, documents.c.id == events.c.document_id).outerjoin(ev, on))
    )


def casualty_claims() -> Select:
    ev, on = _first_evidence("claim", claims.c.id, claims.c.document_id)
    return (
        select(
            documents.c.published, claims.c.measure, claims.c.count_best, claims.c.count_low, claims.c.count_high,
            claims.c.qualifier, claims.c.subject, claims.c.subject_side, claims.c.subject_group, claims.c.scope,
            claims.c.claimant, claims.c.claimant_kind, claims.c.claimant_side, claims.c.via, claims.c.certainty,
            _quote(ev).label("evidence"), _report_title().label("report_title"), documents.c.outlet,
            documents.c.url.label("report_url"), claims.c.document_id, claims.c.id.label("claim_id"),
            claims.c.event_id, claims.c.subject_unit_id, claims.c.count_usual_low, claims.c.count_usual_high,
        )
        .select_from(claims.join(documents, documents.c.id == claims.c.document_id).outerjoin(ev, on))
    )


def people_mentioned() -> Select:
    unit = units.alias("unit")
    ev, on = _first_evidence("person", people.c.id, people.c.document_id)
    return (
        select(
            people.c.name, people.c.rank, people.c.role, people.c.age, people.c.status, people.c.side,
            func.coalesce(unit.c.canonical, unit.c.name).label("unit"), _quote(ev).label("evidence"),
            documents.c.published, _report_title().label("report_title"), documents.c.url.label("report_url"),
            people.c.document_id, people.c.id.label("person_id"),
        )
        .select_from(
            people.join(documents, documents.c.id == people.c.document_id)
            .outerjoin(unit, and_(unit.c.document_id == people.c.document_id, unit.c.id == people.c.unit_id))
            .outerjoin(ev, on)
        )
    )


def units_mentioned() -> Select:
    ev, on = _first_evidence("unit", units.c.id, units.c.document_id)
    return (
        select(
            units.c.name, units.c.canonical, units.c.echelon, units.c.branch, units.c.side, units.c.garrison,
            units.c.parent, units.c.unit_number, _quote(ev).label("evidence"), documents.c.published,
            _report_title().label("report_title"), documents.c.url.label("report_url"),
            units.c.document_id, units.c.id.label("unit_id"),
        )
        .select_from(units.join(documents, documents.c.id == units.c.document_id).outerjoin(ev, on))
    )


def places_mentioned() -> Select:
    return (
        select(
            places.c.name, places.c.geonames_id, places.c.country, places.c.admin1, places.c.latitude,
            places.c.longitude, places.c.precision, places.c.kind, documents.c.published,
            _report_title().label("report_title"), documents.c.url.label("report_url"), places.c.document_id,
        )
        .select_from(places.join(documents, documents.c.id == places.c.document_id))
    )


def units_by_reports() -> Select:
    """One row per unit (registry name where resolved): how many reports name it, first and last."""
    name = func.coalesce(units.c.canonical, units.c.name)
    return (
        select(
            name.label("unit"), func.max(units.c.side).label("side"), func.max(units.c.echelon).label("echelon"),
            func.count(distinct(units.c.document_id)).label("reports"),
            func.min(documents.c.published).label("first_reported"),
            func.max(documents.c.published).label("last_reported"),
        )
        .select_from(units.join(documents, documents.c.id == units.c.document_id))
        .group_by(name)
    )


def reports() -> Select:
    """The documents without their full text: what was read, from where, and what it yielded."""
    return select(
        documents.c.published, _report_title().label("title"), documents.c.outlet, documents.c.url, documents.c.language,
        documents.c.n_events.label("events"), documents.c.n_claims.label("claims"), documents.c.source,
        documents.c.ingested_at, documents.c.id.label("document_id"),
    )


VIEWS = {
    "event_reports": event_reports,
    "casualty_claims": casualty_claims,
    "people_mentioned": people_mentioned,
    "units_mentioned": units_mentioned,
    "units_by_reports": units_by_reports,
    "places_mentioned": places_mentioned,
    "reports": reports,
}


def create_views(conn: Connection) -> None:
    """(Re)create every view: views hold no data, so a migration simply rebuilds them all."""
    for name, build in VIEWS.items():
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
        sql = build().compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        conn.exec_driver_sql(f"CREATE VIEW {name} AS {sql}")

