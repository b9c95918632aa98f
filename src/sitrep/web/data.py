"""What the pages show, as plain dicts: one function per page, shared by the HTML page and its JSON
twin under /api/ (as in Datasette, the JSON mirrors the page).

Every query is a SQLAlchemy select over the store's tables and views (store/views.py, query.py):
values travel as bound parameters, never pasted into SQL. Listings fetch one row more than a page to
know whether there is a next page, instead of counting every match.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from sqlalchemy import Connection, and_, func, inspect, or_, select, tuple_

from sitrep import query
from sitrep.query import Filters
from sitrep.store import resolution_schema as R
from sitrep.store import schema as S
from sitrep.store import views
from sitrep.store.identity import revisions
from sitrep.web import timeline
from sitrep.web.evidence import Mark, segments

PAGE_SIZE = 50
MAP_LIMIT = 2500  # markers per map request: the newest that match (the page says when there are more)
LATEST = 10
FACT_KINDS = ("event", "claim", "person", "unit", "place")
E, C, D, P, U, PL, EV = (S.events.c, S.claims.c, S.documents.c, S.people.c, S.units.c, S.places.c,
                         S.evidence.c)


def rows(result) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in result]


def page_of(items: list[dict[str, Any]], page: int) -> dict[str, Any]:
    """``items`` were fetched with one extra row: cut it off and say whether there is more."""
    return {"items": items[:PAGE_SIZE], "page": page, "has_next": len(items) > PAGE_SIZE,
            "first": (page - 1) * PAGE_SIZE + 1 if items else 0,
            "last": (page - 1) * PAGE_SIZE + min(len(items), PAGE_SIZE)}


# --- the resolver's registers (issue 5): used when it has run, per-report facts otherwise -----------

def resolved(conn: Connection, table) -> bool:
    """Has the resolver filled ``table``? (Older databases lack the tables altogether.)"""
    if not inspect(conn).has_table(table.name):
        return False
    return conn.execute(select(1).select_from(table).limit(1)).first() is not None


# --- overview --------------------------------------------------------------------------------------

class TTLCache:
    """Aggregates over the whole database (counts, events per month) change only when something is
    ingested: keep them for a few seconds rather than recount on every page view. cachetools' TTLCache
    (MIT) holds them; keys include user parameters, so at most ``size`` are kept, the least recently
    used dropped first."""

    def __init__(self, seconds: float, size: int = 256):
        from cachetools import TTLCache as Entries

        self._values = Entries(maxsize=size, ttl=seconds, timer=lambda: time.monotonic())
        self._lock = threading.Lock()  # pages are served from a thread pool; cachetools' caches are not thread-safe

    def get(self, key, compute):
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = compute()  # outside the lock: a slow aggregate does not hold up other pages
        with self._lock:
            self._values[key] = value
        return value


def data_version(conn: Connection) -> tuple:
    """Changes whenever `sitrep ingest` stores a report or records a failure (both only ever add rows
    with growing keys): cached aggregates are keyed by it, so they are never staler than the data."""
    return (conn.execute(select(func.max(D.seq))).scalar(), conn.execute(select(func.max(S.failures.c.id))).scalar())


class Aggregates:
    """The app's cache seen through one connection: keys carry the data version."""

    def __init__(self, cache: TTLCache, conn: Connection):
        self.cache, self.version = cache, data_version(conn)

    def get(self, key, compute):
        return self.cache.get((self.version, key), compute)


def counts(conn: Connection) -> dict[str, int]:
    tables = {"documents": S.documents, "events": S.events, "claims": S.claims, "people": S.people,
              "units": S.units, "places": S.places, "failures": S.failures}
    return {name: conn.execute(select(func.count()).select_from(t)).scalar_one() for name, t in tables.items()}


def events_by_month(conn: Connection) -> list[dict[str, Any]]:
    month = func.substr(E.date_start, 1, 7)
    stmt = (select(month.label("month"), func.count().label("events"),
                   func.coalesce(func.sum(E.fatalities), 0).label("fatalities"))
            .where(E.date_start.is_not(None)).group_by(month).order_by(month))
    return rows(conn.execute(stmt))


def overview(conn: Connection, cache: Aggregates) -> dict[str, Any]:
    return {
        "counts": cache.get("counts", lambda: counts(conn)),
        "by_month": cache.get("by_month", lambda: events_by_month(conn)),
        "subject": cache.get("subject", lambda: timeline.main_subject(conn)),
        "latest": query.events(conn, Filters(), limit=LATEST),
        "resolved": {"people": resolved(conn, R.person_register), "events": resolved(conn, R.merged_events)},
    }


def event_types(conn: Connection, cache: Aggregates) -> list[str]:
    return cache.get("types", lambda: [r[0] for r in conn.execute(
        select(E.event_type).distinct().order_by(E.event_type))])


# --- events ----------------------------------------------------------------------------------------

def paged(conn: Connection, stmt, page: int, keys: tuple | None = None) -> dict[str, Any]:
    """One page of a listing's SELECT (fetching one row more, to know whether there is a next page).

    ``keys`` (the listed table's key columns): choose the page's rows by their keys first, then read
    only those rows in full. A listing ordered by its report's date (claims, people) is sorted after
    the join, and SQLite computes every selected column, the quoted evidence and the report's title
    among them, of every matching row before sorting them: 0.25 s for 20,000 claims, where sorting
    the keys alone takes a fifth of that. (People: no gain measured, so not used.)"""
    window = stmt.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)
    if keys is not None:
        chosen = window.with_only_columns(*keys, maintain_column_froms=True)
        window = stmt.where(tuple_(*keys).in_(chosen)).limit(PAGE_SIZE + 1)
    return page_of(rows(conn.execute(window)), page)


def events_select(conn: Connection, filters: Filters, limit: int | None = PAGE_SIZE):
    """Every event the filters match, newest first (unlimited: a page or a download cuts it)."""
    return query.listing_select("events", filters, limit=None,
                                plan=query.fatalities_plan(conn, "events", filters, limit))


def events_facet_rows(conn: Connection, filters: Filters):
    """The events the filters match, newest first, straight from the events table (the facets need no
    report text)."""
    listing = query.LISTINGS["events"]
    plan = query.fatalities_plan(conn, "events", filters, PAGE_SIZE)
    return (select(E.event_type, E.country, E.actor1_side, E.actor2_side, E.certainty)
            .where(*listing.conditions(filters, plan)).order_by(*listing.order))


def events_page(conn: Connection, filters: Filters, page: int) -> dict[str, Any]:
    return paged(conn, events_select(conn, filters), page)


def map_points(conn: Connection, filters: Filters, limit: int = MAP_LIMIT) -> dict[str, Any]:
    """Located events, newest first, as compact rows: [lat, lon, type, date, fatalities, document, event,
    location, precision] (precision: exact|near|region|country, how far the report placed it)."""
    conditions = query.LISTINGS["events"].conditions(filters, False)
    stmt = (select(E.latitude, E.longitude, E.event_type, E.date_start, E.fatalities, E.document_id, E.id,
                   E.location, E.geo_precision)
            .where(E.latitude.is_not(None), E.longitude.is_not(None), *conditions)
            .order_by(*query.LISTINGS["events"].order).limit(limit + 1))
    found = conn.execute(stmt).all()
    points = [[r.latitude, r.longitude, r.event_type, r.date_start, r.fatalities, r.document_id, r.id, r.location,
               r.geo_precision] for r in found[:limit]]
    return {"columns": ["lat", "lon", "event_type", "date", "fatalities", "document_id", "event_id", "location",
                        "precision"],
            "points": points, "truncated": len(found) > limit, "limit": limit}


CONTEXT = 90  # characters of the report shown around an evidence span


def spans_of(conn: Connection, document_id: str, kind: str, item_id: str) -> list[dict[str, Any]]:
    """A fact's evidence spans: offsets, the quoted words and a little of the text around them."""
    found = rows(conn.execute(select(EV.ord, EV.start_char, EV.end_char)
                              .where(EV.document_id == document_id, EV.item_kind == kind, EV.item_id == item_id)
                              .order_by(EV.ord)))
    if not found:
        return []
    text = conn.execute(select(D.text).where(D.id == document_id)).scalar_one()
    for r in found:
        start, end = r["start_char"], r["end_char"]
        r.update(quote=text[start:end], before=_clip_left(text[max(0, start - CONTEXT):start]),
                 after=_clip_right(text[end:end + CONTEXT]), anchor=span_anchor(kind, item_id, r["ord"]))
    return found


def _clip_left(s: str) -> str:
    """Context before a span, from a word start (or a line start) on."""
    cut = max(s.rfind("\n") + 1, s.find(" ") + 1 if len(s) >= CONTEXT else 0)
    return s[cut:]


def _clip_right(s: str) -> str:
    line = s.find("\n")
    s = s if line < 0 else s[:line]
    return s if len(s) < CONTEXT or " " not in s else s[:s.rfind(" ")]


def span_anchor(kind: str, item_id: str, ord_: int) -> str:
    return f"span-{kind}-{item_id}-{ord_}"


def event_detail(conn: Connection, document_id: str, event_id: str) -> dict[str, Any] | None:
    view = views.event_reports().subquery()
    found = conn.execute(select(view).where(view.c.document_id == document_id, view.c.event_id == event_id)).first()
    if found is None:
        return None
    event = dict(found._mapping)
    actors = rows(conn.execute(select(S.actors.c.name, S.actors.c.side, S.actors.c.kind, S.actors.c.role)
                               .where(S.actors.c.document_id == document_id, S.actors.c.event_id == event_id)
                               .order_by(S.actors.c.ord)))
    claims_view = views.casualty_claims().subquery()
    claims = rows(conn.execute(select(claims_view).where(claims_view.c.document_id == document_id,
                                                         claims_view.c.event_id == event_id)
                               .order_by(claims_view.c.claim_id)))
    for claim in claims:
        claim["spans"] = spans_of(conn, document_id, "claim", claim["claim_id"])
    return {"event": event, "actors": actors, "claims": claims,
            "spans": spans_of(conn, document_id, "event", event_id),
            "merged": merged_group(conn, document_id, event_id)}


def merged_group(conn: Connection, document_id: str, event_id: str) -> dict[str, Any] | None:
    """The resolver's merged event this report belongs to, with its other reports (None before it runs)."""
    if not inspect(conn).has_table(R.event_members.name):
        return None
    m = R.event_members.c
    merged_id = conn.execute(select(m.merged_id).where(m.document_id == document_id, m.item_id == event_id)).scalar()
    if merged_id is None:
        return None
    merged = conn.execute(select(R.merged_events).where(R.merged_events.c.merged_id == merged_id)).first()
    members = rows(conn.execute(
        select(m.document_id, m.item_id.label("event_id"), m.score, E.event_type, E.date_start, E.location,
               E.fatalities, D.outlet, D.title, D.url, D.published)
        .select_from(R.event_members.join(S.events, and_(E.document_id == m.document_id, E.id == m.item_id))
                     .join(S.documents, D.id == m.document_id))
        .where(m.merged_id == merged_id).order_by(m.ord)))
    log = merge_log(conn, "event", merged_id)
    return {"merged": dict(merged._mapping) if merged else {"merged_id": merged_id}, "members": members, "log": log}


def merge_log(conn: Connection, kind: str, target_id: str) -> list[dict[str, Any]]:
    g = R.merge_log.c
    return rows(conn.execute(select(g.decision, g.document_id, g.item_id, g.matched_document_id, g.matched_item_id,
                                    g.score, g.reasons, g.run)
                             .where(g.kind == kind, g.target_id == target_id).order_by(g.id)))


# --- documents -------------------------------------------------------------------------------------

def document_detail(conn: Connection, document_id: str) -> dict[str, Any] | None:
    doc = conn.execute(select(S.documents).where(D.id == document_id)).first()
    if doc is None:
        return None
    doc = dict(doc._mapping)
    marks = [Mark(r.item_kind, r.item_id, r.ord, r.start_char, r.end_char) for r in conn.execute(
        select(EV.item_kind, EV.item_id, EV.ord, EV.start_char, EV.end_char).where(EV.document_id == document_id))]
    facts = document_facts(conn, document_id)
    lineage = revisions(conn, document_id) if doc.get("url") else []
    return {"document": {k: v for k, v in doc.items() if k != "text"}, "text": doc["text"],
            "segments": segments(doc["text"], marks), "facts": facts,
            "spans": {m.anchor: [m.start, m.end] for m in marks},
            "revisions": [{k: r[k] for k in ("revision", "id", "published", "ingested_at", "n_claims")}
                          for r in lineage] if len(lineage) > 1 else []}


def document_facts(conn: Connection, document_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every fact of the report, in text order of its first span, with the anchor of each span."""
    first = {}
    anchors: dict[tuple[str, str], list[str]] = {}
    for r in conn.execute(select(EV.item_kind, EV.item_id, EV.ord, EV.start_char)
                          .where(EV.document_id == document_id).order_by(EV.item_kind, EV.item_id, EV.ord)):
        first.setdefault((r.item_kind, r.item_id), r.start_char)
        anchors.setdefault((r.item_kind, r.item_id), []).append(span_anchor(r.item_kind, r.item_id, r.ord))

    def annotate(kind: str, items: list[dict[str, Any]], id_key: str) -> list[dict[str, Any]]:
        for item in items:
            key = (kind, str(item[id_key]))
            item["anchors"] = anchors.get(key, [])
            item["_at"] = first.get(key, 1 << 62)
        items.sort(key=lambda i: i.pop("_at"))
        return items

    where = lambda table: table.c.document_id == document_id  # noqa: E731
    return {
        "events": annotate("event", rows(conn.execute(
            select(E.id, E.event_type, E.sub_event_type, E.date_start, E.location, E.fatalities, E.certainty)
            .where(where(S.events)))), "id"),
        "claims": annotate("claim", rows(conn.execute(
            select(C.id, C.measure, C.count_low, C.count_best, C.count_high, C.subject, C.subject_side,
                   C.claimant, C.claimant_kind, C.certainty, C.scope).where(where(S.claims)))), "id"),
        "people": annotate("person", rows(conn.execute(
            select(P.id, P.name, P.rank, P.role, P.status, P.side).where(where(S.people)))), "id"),
        "units": annotate("unit", rows(conn.execute(
            select(U.id, U.name, U.canonical, U.echelon, U.side).where(where(S.units)))), "id"),
        "places": annotate("place", rows(conn.execute(
            select(PL.ord.label("id"), PL.name, PL.geonames_id, PL.country, PL.admin1, PL.precision)
            .where(where(S.places)))), "id"),
    }


# --- claims ----------------------------------------------------------------------------------------

def timeline_choices(conn: Connection, cache: Aggregates) -> list[dict[str, Any]]:
    """Subjects, measure sets and scopes that claims with a figure count (the claims page's choices)."""
    return cache.get("timeline-choices", lambda: timeline.choices(conn))


def claims_select(filters: Filters, group: str | None = None, measure: str | None = None,
                  scope: str | None = None):
    """Claims, newest first: the listing's filters and the timeline's own (the subject's group, an exact
    set of measures as a measure key, a scope)."""
    stmt = query.listing_select("claims", filters, limit=None)
    if group:
        stmt = stmt.where(C.subject_group == group)
    if measure:
        stmt = stmt.where(C.measure.in_(timeline.stored_forms(measure)))
    if scope:
        stmt = stmt.where(C.scope == scope)
    return stmt


def claims_page(conn: Connection, filters: Filters, page: int, group: str | None = None,
                measure: str | None = None, scope: str | None = None) -> dict[str, Any]:
    return paged(conn, claims_select(filters, group, measure, scope), page, keys=CLAIM_KEY)


CLAIM_KEY = (C.document_id, C.id)


# --- people ------------------------------------------------------------------------------------------

def people_select(conn: Connection, filters: Filters):
    """(SELECT, resolved): the resolver's register when it has run (one row per person), else every
    mention per report."""
    if resolved(conn, R.person_register):
        return register_select(filters), True
    return query.listing_select("people", filters, limit=None), False


def people_page(conn: Connection, filters: Filters, page: int) -> dict[str, Any]:
    stmt, is_resolved = people_select(conn, filters)
    return {**paged(conn, stmt, page), "resolved": is_resolved}


def register_select(filters: Filters):
    r = R.person_register.c
    cond = []
    if filters.name:
        cond.append(query.contains(r.variants, filters.name) | query.contains(r.name, filters.name))
    if filters.side:
        cond.append(r.side == filters.side.upper())
    if filters.status:
        cond.append(r.fate == filters.status.lower())
    if filters.unit:
        cond.append(query.contains(r.unit, filters.unit))
    if filters.since:
        cond.append(r.last_reported >= filters.since)
    if filters.until:
        cond.append(r.first_reported <= filters.until)
    cond += query.register_where(R.person_mentions, r.person_id, filters)
    return (select(r.person_id, r.name, r.variants, r.ranks, r.roles, r.unit, r.unit_key, r.side, r.fate,
                   r.fate_date, r.fate_place, r.first_reported, r.last_reported, r.mentions, r.reports)
            .where(*cond).order_by(r.reports.desc(), r.name, r.person_id))


def person_detail(conn: Connection, person_id: str) -> dict[str, Any] | None:
    """A person of the resolver's register: what is known, every mention with its evidence, why merged."""
    if not inspect(conn).has_table(R.person_register.name):
        return None
    person = conn.execute(select(R.person_register).where(R.person_register.c.person_id == person_id)).first()
    if person is None:
        return None
    person = {k: v for k, v in person._mapping.items() if k != "profile"}
    m = R.person_mentions.c
    mentions = rows(conn.execute(
        select(m.document_id, m.item_id, m.name, m.rank, m.role, m.unit, m.side, m.status, m.published,
               m.event_date, m.event_place, D.title, D.outlet, D.url)
        .select_from(R.person_mentions.join(S.documents, D.id == m.document_id))
        .where(m.person_id == person_id).order_by(m.ord)))
    for mention in mentions:
        mention["spans"] = spans_of(conn, mention["document_id"], "person", mention["item_id"])
    return {"person": person, "mentions": mentions, "log": merge_log(conn, "person", person_id), "resolved": True}


def person_mention(conn: Connection, document_id: str, person_id: str) -> dict[str, Any] | None:
    """One person as one report names them, with the other reports that use the same name."""
    view = views.people_mentioned().subquery()
    found = conn.execute(select(view).where(view.c.document_id == document_id, view.c.person_id == person_id)).first()
    if found is None:
        return None
    person = dict(found._mapping)
    doc = conn.execute(select(D.title, D.outlet, D.url, D.published).where(D.id == document_id)).first()
    same_name = rows(conn.execute(
        select(P.document_id, P.id.label("person_id"), P.name, P.rank, P.status, D.published, D.title, D.outlet)
        .select_from(S.people.join(S.documents, D.id == P.document_id))
        .where(func.lower(P.name) == person["name"].lower(),
               tuple_(P.document_id, P.id) != tuple_(document_id, person_id))
        .order_by(D.published, P.document_id).limit(100)))
    mention = {**person, **dict(doc._mapping), "item_id": person_id,
               "spans": spans_of(conn, document_id, "person", person_id)}
    return {"person": person, "mentions": [mention], "same_name": same_name, "log": [], "resolved": False}


# --- units -------------------------------------------------------------------------------------------

def units_select(conn: Connection, filters: Filters):
    """(SELECT, resolved): units by number of reports, from the register when the resolver has run."""
    if resolved(conn, R.unit_register):
        r = R.unit_register.c
        cond = []
        if filters.unit:
            cond.append(query.contains(r.name, filters.unit) | query.contains(r.variants, filters.unit))
        if filters.side:
            cond.append(r.side == filters.side.upper())
        cond += query.register_where(R.unit_mentions, r.unit_key, filters)
        return (select(r.unit_key.label("key"), r.name.label("unit"), r.side, r.echelon, r.branch,
                       r.mentions.label("reports"), r.first_reported, r.last_reported)
                .where(*cond).order_by(r.mentions.desc(), r.name)), True
    # the country and admin1 are those of each report naming the unit: filtered before the reports are counted
    view = views.units_by_reports().where(*query.in_reports_about(U.document_id, filters)).subquery()
    cond = []
    if filters.unit:
        cond.append(query.contains(view.c.unit, filters.unit))
    if filters.side:
        cond.append(view.c.side == filters.side.upper())
    return (select(view.c.unit.label("key"), view.c.unit, view.c.side, view.c.echelon, view.c.reports,
                   view.c.first_reported, view.c.last_reported)
            .where(*cond).order_by(view.c.reports.desc(), view.c.unit)), False


def units_page(conn: Connection, filters: Filters, page: int) -> dict[str, Any]:
    stmt, is_resolved = units_select(conn, filters)
    return {**paged(conn, stmt, page), "resolved": is_resolved}


def unit_mentions(conn: Connection, key: str, limit: int) -> tuple[dict[str, Any] | None, int, list[tuple[str, str]]]:
    """The unit's register row (if resolved), how many mentions it has, and the newest ``limit`` of them
    as (document_id, unit id) pairs."""
    if resolved(conn, R.unit_register):
        reg = conn.execute(select(R.unit_register).where(R.unit_register.c.unit_key == key)).first()
        if reg is not None:
            m = R.unit_mentions.c
            where = m.unit_key == key
            source = R.unit_mentions.join(S.documents, D.id == m.document_id)
            total = conn.execute(select(func.count()).select_from(R.unit_mentions).where(where)).scalar_one()
            pairs = [(r.document_id, r.item_id) for r in conn.execute(
                select(m.document_id, m.item_id).select_from(source).where(where)
                .order_by(D.published.desc(), m.document_id.desc()).limit(limit))]
            return dict(reg._mapping), total, pairs
    name = key.lower()
    where = or_(func.lower(U.canonical) == name, and_(U.canonical.is_(None), func.lower(U.name) == name))
    total = conn.execute(select(func.count()).select_from(S.units).where(where)).scalar_one()
    pairs = [(r.document_id, r.id) for r in conn.execute(
        select(U.document_id, U.id).select_from(S.units.join(S.documents, D.id == U.document_id)).where(where)
        .order_by(D.published.desc(), U.document_id.desc()).limit(limit))]
    return None, total, pairs


UNIT_LIST_LIMIT = 100  # the newest reports naming a unit that its page lists (with the total)


def unit_detail(conn: Connection, key: str) -> dict[str, Any] | None:
    register, total, pairs = unit_mentions(conn, key, UNIT_LIST_LIMIT)
    if not pairs:
        return None
    docs = sorted({d for d, _ in pairs})
    # document_id IN (...) lets the primary key find the rows; the pair test then keeps this unit's
    in_unit = lambda doc_col, id_col: and_(doc_col.in_(docs), tuple_(doc_col, id_col).in_(pairs))  # noqa: E731
    mentions = rows(conn.execute(
        select(U.document_id, U.id, U.name, U.canonical, U.echelon, U.branch, U.side, U.garrison, U.parent,
               U.unit_number, D.published, D.title, D.outlet)
        .select_from(S.units.join(S.documents, D.id == U.document_id))
        .where(in_unit(U.document_id, U.id)).order_by(D.published.desc(), U.document_id)))
    for m in mentions:
        m["anchor"] = span_anchor("unit", m["id"], 0)
    people = rows(conn.execute(
        select(P.document_id, P.id.label("person_id"), P.name, P.rank, P.role, P.status, P.side, D.published)
        .select_from(S.people.join(S.documents, D.id == P.document_id))
        .where(in_unit(P.document_id, P.unit_id)).order_by(D.published, P.document_id, P.id)
        .limit(UNIT_LIST_LIMIT)))
    claims_view = views.casualty_claims().subquery()
    losses = rows(conn.execute(
        select(claims_view).where(in_unit(claims_view.c.document_id, claims_view.c.subject_unit_id))
        .order_by(claims_view.c.published, claims_view.c.document_id).limit(UNIT_LIST_LIMIT)))
    event_keys = {(c["document_id"], c["event_id"]) for c in losses if c["event_id"]}
    names = {m["name"].lower() for m in mentions} | {m["canonical"].lower() for m in mentions if m["canonical"]}
    a = S.actors.c
    event_keys |= {(r.document_id, r.event_id) for r in conn.execute(
        select(a.document_id, a.event_id).where(func.lower(a.name).in_(sorted(names))).limit(UNIT_LIST_LIMIT))}
    events = []
    if event_keys:
        view = views.event_reports().subquery()
        events = rows(conn.execute(select(view).where(
            tuple_(view.c.document_id, view.c.event_id).in_(sorted(event_keys)))
            .order_by(view.c.date.desc(), view.c.document_id)))
    name = register["name"] if register else (mentions[0]["canonical"] or mentions[0]["name"])
    return {"key": key, "name": name, "register": register, "reports": total, "shown": len(pairs),
            "mentions": mentions, "people": people, "losses": losses, "events": events}


# --- search ------------------------------------------------------------------------------------------

def search_page(conn: Connection, q: str, filters: Filters) -> dict[str, Any]:
    return {"q": q, "items": query.search(conn, q, filters, limit=PAGE_SIZE) if q.strip() else []}
