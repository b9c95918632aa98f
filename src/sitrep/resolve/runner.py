"""The store-backed resolver: reads the reports stored since its last run and folds them into the
people register, the unit register and the merged events, logging every decision.

    from sitrep.resolve.runner import resolve
    with Store.open("sitrep.db") as store:
        summary = resolve(store)                  # only what is new since the last run
        summary = resolve(store, rebuild=True)    # everything again (the user's merges/splits re-applied)

Incremental by construction: a new mention is compared only with the persons that share a blocking
key (surname key or a one-letter deletion of it, one indexed lookup), a new event only with the merged
events of a compatible type within the date window (one indexed range lookup); what a person or an
event is compared against is kept in its row (``profile`` / member ``report`` JSON), so no old report
is read again. Each batch of documents commits in one transaction together with the position reached.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Any, Iterable

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, update

from sitrep.resolve.config import ResolveConfig
from sitrep.resolve.events import (COARSE, EventReport, MergedEvent, box, choose_event, compatible_types, date_bounds,
                                   merged_id_for)
from sitrep.resolve.people import Person, PersonMention, blocking_keys, choose, mention_name_keys, rebuild_person
from sitrep.resolve.units import UnitRecord, unit_key
from sitrep.store import Store
from sitrep.store import resolution_schema as R
from sitrep.store import schema as S
from sitrep.store.rows import now_iso

BATCH = 200
FATE_WINDOW = 400  # characters: an event this close to a person's mention tells the date and place of the fate


@dataclass
class ResolveSummary:
    documents: int = 0
    person_mentions: int = 0
    persons_new: int = 0
    persons_merged: int = 0
    unit_mentions: int = 0
    event_reports: int = 0
    events_new: int = 0
    events_merged: int = 0
    overrides_applied: int = 0
    seconds: float = 0.0
    run: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        per_doc = f", {1000 * self.seconds / self.documents:.1f} ms/report" if self.documents else ""
        return (f"resolved {self.documents} new reports: {self.person_mentions} person mentions "
                f"({self.persons_merged} merged into known persons, {self.persons_new} new), "
                f"{self.event_reports} events ({self.events_merged} merged, {self.events_new} new), "
                f"{self.unit_mentions} unit mentions; {self.seconds:.2f} s{per_doc}")


# --- state ----------------------------------------------------------------------------------------

def _state(conn: Connection, key: str, default: str) -> str:
    value = conn.execute(select(R.resolution_state.c.value).where(R.resolution_state.c.key == key)).scalar()
    return value if value is not None else default


def _set_state(conn: Connection, key: str, value: str) -> None:
    t = R.resolution_state
    if conn.execute(update(t).where(t.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(t).values(key=key, value=value))


def pending_documents(store: Store) -> int:
    """Reports stored but not yet resolved."""
    with store.read() as conn:
        last = int(_state(conn, "last_seq", "0"))
        return conn.execute(select(func.count()).select_from(S.documents).where(S.documents.c.seq > last)).scalar_one()


# --- the run ------------------------------------------------------------------------------------------

def resolve(store: Store, *, rebuild: bool = False, config: ResolveConfig | None = None,
            batch: int = BATCH, limit: int | None = None) -> ResolveSummary:
    """Resolve the reports stored since the last run (all of them with ``rebuild``); ``limit`` stops
    after that many reports (the rest stay pending)."""
    cfg = config or ResolveConfig()
    summary = ResolveSummary()
    started = time.perf_counter()
    with store.write() as conn, conn.begin():
        _lock(conn)
        if rebuild:
            for table in reversed(R.DERIVED_TABLES):
                conn.execute(delete(table))
            # the user's decisions are re-applied once the corpus is through, even if this run is killed first
            _set_state(conn, "overrides_pending", "1")
        summary.run = int(_state(conn, "runs", "0")) + 1
        _set_state(conn, "runs", str(summary.run))
    while limit is None or summary.documents < limit:
        with store.write() as conn, conn.begin():
            _lock(conn)
            last = int(_state(conn, "last_seq", "0"))
            size = batch if limit is None else min(batch, limit - summary.documents)
            docs = conn.execute(
                select(S.documents.c.seq, S.documents.c.id, S.documents.c.published, S.documents.c.outlet)
                .where(S.documents.c.seq > last).order_by(S.documents.c.seq).limit(size)
            ).all()
            if not docs:
                break
            Batch(conn, cfg, summary).run(docs)
            _set_state(conn, "last_seq", str(docs[-1].seq))
    with store.write() as conn, conn.begin():
        _lock(conn)
        if _state(conn, "overrides_pending", "0") == "1" and (limit is None or summary.documents < limit):
            for override in load_overrides(conn):
                apply_override(conn, override, summary.run)
                summary.overrides_applied += 1
            _set_state(conn, "overrides_pending", "0")
    summary.seconds = time.perf_counter() - started
    return summary


_PG_RESOLVE_LOCK = 0x5E501E  # any constant: one resolver at a time per PostgreSQL database


def _lock(conn: Connection) -> None:
    """Two resolvers must not take the same reports: SQLite's BEGIN IMMEDIATE already serialises
    writers; on PostgreSQL an advisory lock held for the transaction does."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_RESOLVE_LOCK})")


class Batch:
    """One transaction's worth of reports."""

    def __init__(self, conn: Connection, cfg: ResolveConfig, summary: ResolveSummary):
        self.conn, self.cfg, self.summary = conn, cfg, summary
        self.units: dict[str, UnitRecord] = {}
        self.units_in_register: set[str] = set()  # unit keys with a row in unit_register (update, not insert)
        # mention key -> (person id, unit key), for the persons an event happened to
        self.person_of: dict[str, tuple[str, str | None]] = {}

    def run(self, docs: list) -> None:
        ids = [d.id for d in docs]
        facts = load_facts(self.conn, ids)
        for doc in docs:
            f = facts.get(doc.id, {})
            base = doc.seq * 1000
            unit_keys = self._units(doc, f.get("units", []))
            self._people(doc, f, unit_keys, base)
            self._events(doc, f, unit_keys, base + 500)
            self.summary.documents += 1
        self._write_units()

    # -- units
    def _units(self, doc, rows: list[dict]) -> dict[str, str]:
        keys: dict[str, str] = {}
        for row in rows:
            key = unit_key(row["name"], row["registry_id"], row["canonical"], row["side"])
            keys[row["id"]] = key
            rec = self.units.get(key) or self._load_unit(key) or UnitRecord.from_mention(key, row)
            rec.add(row, doc.published)
            self.units[key] = rec
            self.conn.execute(insert(R.unit_mentions), {"document_id": doc.id, "item_id": row["id"], "unit_key": key,
                                                        "name": row["name"]})
            self.summary.unit_mentions += 1
        return keys

    def _load_unit(self, key: str) -> UnitRecord | None:
        row = self.conn.execute(select(R.unit_register).where(R.unit_register.c.unit_key == key)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data["variants"] = (data["variants"] or "").split("; ") if data["variants"] else []
        self.units_in_register.add(key)
        return UnitRecord(**data)

    def _write_units(self) -> None:
        t = R.unit_register
        for key, rec in self.units.items():
            row = rec.row()
            if key in self.units_in_register:
                update_row(self.conn, t, "unit_key", key, row)
            else:
                self.conn.execute(insert(t), row)
                self.units_in_register.add(key)

    # -- people
    def _people(self, doc, f: dict, unit_keys: dict[str, str], base: int) -> None:
        unit_names = {u["id"]: (u["canonical"] or u["name"]) for u in f.get("units", [])}
        for n, row in enumerate(f.get("people", [])):
            date_, place = fate_event(row, f)
            m = PersonMention(doc.id, row["id"], row["name"], row["rank"], row["role"],
                              unit_keys.get(row["unit_id"]), unit_names.get(row["unit_id"]), row["side"],
                              row["status"], doc.published, date_, place, base + n)
            self.add_person(m)

    def add_person(self, m: PersonMention) -> None:
        candidates = candidate_persons(self.conn, m)
        best, match, notes = choose(m, candidates, self.cfg)
        self.summary.person_mentions += 1
        if best is None:
            person = Person.start(m)
            write_person(self.conn, person, new=True)
            decision, score, reasons, matched = "new", None, notes, None
            self.summary.persons_new += 1
        else:
            known = best.blocking_keys()
            best.add(m)
            write_person(self.conn, best, new=False, known_keys=known)
            decision, score, reasons, matched = "merged", round(match.score, 2), match.reasons, best.anchor
            person = best
            self.summary.persons_merged += 1
        self.conn.execute(insert(R.person_mentions), {"person_id": person.person_id, **mention_row(m)})
        if m.status:  # a participant (killed, wounded, captured ...), not an official telling of it
            self.person_of[m.key] = (person.person_id, m.unit_key)
        log(self.conn, "person", decision, person.person_id, m.document_id, m.item_id, matched, score, reasons,
            self.summary.run)

    # -- events
    def _events(self, doc, f: dict, unit_keys: dict[str, str], base: int) -> None:
        for n, row in enumerate(f.get("events", [])):
            r = event_report(doc, row, f, unit_keys, base + n)
            for pid, ukey in self._people_near(doc.id, row["id"], f):
                r.person_ids.append(pid)
                if ukey and ukey not in r.unit_keys:
                    r.unit_keys.append(ukey)
            self.add_event(r)

    def _people_near(self, doc_id: str, event_id: str, f: dict) -> list[tuple[str, str | None]]:
        """Persons with a fate (and their units) named within FATE_WINDOW characters of the event's words."""
        offsets = {(o["item_kind"], o["item_id"]): o["start_char"] for o in f.get("offsets", [])}
        at = offsets.get(("event", event_id))
        if at is None:
            return []
        near = [p["id"] for p in f.get("people", []) if abs(offsets.get(("person", p["id"]), -10**9) - at) <= FATE_WINDOW]
        return sorted({self.person_of[f"{doc_id}:{i}"] for i in near if f"{doc_id}:{i}" in self.person_of})

    def add_event(self, r: EventReport) -> None:
        candidates = load_candidate_events(self.conn, r, self.cfg)
        ev, match, member, notes = choose_event(r, candidates, self.cfg)
        self.summary.event_reports += 1
        if ev is None:
            ev = MergedEvent(merged_id_for(r.key), [r], [None])
            self.conn.execute(insert(R.merged_events), ev.summary())
            decision, score, reasons, matched = "new", None, notes, None
            self.summary.events_new += 1
        else:
            ev.members.append(r)
            update_row(self.conn, R.merged_events, "merged_id", ev.merged_id, ev.summary())
            decision, score, reasons, matched = "merged", round(match.score, 2), match.reasons, member.key
            self.summary.events_merged += 1
        self.conn.execute(insert(R.event_members), {
            "document_id": r.document_id, "item_id": r.item_id, "merged_id": ev.merged_id, "score": score,
            "report": json.dumps(r.to_dict(), ensure_ascii=False), "ord": r.ord})
        log(self.conn, "event", decision, ev.merged_id, r.document_id, r.item_id, matched, score, reasons,
            self.summary.run)


# --- reading the reports' facts ----------------------------------------------------------------------

def load_facts(conn: Connection, doc_ids: list[str]) -> dict[str, dict[str, list[dict]]]:
    """people, units, events (with actors), claims and first evidence offsets of these documents."""
    out: dict[str, dict[str, list[dict]]] = {d: {} for d in doc_ids}

    def rows(table, *order):
        stmt = select(table).where(table.c.document_id.in_(doc_ids))
        for r in conn.execute(stmt):
            yield dict(r._mapping)

    for name, table in (("people", S.people), ("units", S.units), ("events", S.events), ("claims", S.claims),
                        ("actors", S.actors)):
        for r in rows(table):
            out[r["document_id"]].setdefault(name, []).append(r)
    ev = S.evidence
    for r in conn.execute(select(ev.c.document_id, ev.c.item_kind, ev.c.item_id, ev.c.start_char)
                          .where(ev.c.document_id.in_(doc_ids), ev.c.ord == 0,
                                 ev.c.item_kind.in_(("person", "event")))):
        out[r.document_id].setdefault("offsets", []).append(dict(r._mapping))
    for facts in out.values():
        for name in ("people", "units", "events", "claims"):
            facts.get(name, []).sort(key=lambda r: _item_order(r["id"]))
    return out


def _item_order(item_id: str) -> tuple[int, str]:
    digits = "".join(c for c in item_id if c.isdigit())
    return (int(digits) if digits else 0, item_id)


def fate_event(person: dict, f: dict) -> tuple[str | None, str | None]:
    """The date and place of the event told nearest to the person's first mention (within FATE_WINDOW
    characters): where and when the fate happened, as far as the report says."""
    if not person.get("status"):
        return None, None
    offsets = {(o["item_kind"], o["item_id"]): o["start_char"] for o in f.get("offsets", [])}
    at = offsets.get(("person", person["id"]))
    if at is None:
        return None, None
    best = None
    for e in f.get("events", []):
        start = offsets.get(("event", e["id"]))
        if start is None:
            continue
        gap = abs(start - at)
        if gap <= FATE_WINDOW and (best is None or gap < best[0]):
            best = (gap, e)
    if best is None:
        return None, None
    e = best[1]
    return e["date_start"], e["location"]


def event_report(doc, row: dict, f: dict, unit_keys: dict[str, str], ord_: int) -> EventReport:
    from sitrep.gazetteer.units import registry

    actors = [a for a in f.get("actors", []) if a["event_id"] == row["id"]]
    units = {unit_keys[c["subject_unit_id"]] for c in f.get("claims", [])
             if c["event_id"] == row["id"] and c["subject_unit_id"] in unit_keys}
    for a in actors:
        entry = registry().alias(a["name"])
        if entry is not None and entry.kind == "formation":
            units.add(entry.registry_id)
    actor2 = next((a for a in actors if a["role"] == "actor2"), None)
    return EventReport(
        document_id=doc.id, item_id=row["id"], event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        date_start=row["date_start"], date_end=row["date_end"], location=row["location"],
        geonames_id=row["geonames_id"], admin1=row["admin1"], country=row["country"], lat=row["latitude"],
        lon=row["longitude"], geo_precision=row["geo_precision"], actor1_side=row["actor1_side"],
        actor2_kind=actor2["kind"] if actor2 else None, fatalities=row["fatalities"],
        tags=(row["tags"] or "").split("; ") if row["tags"] else [], unit_keys=sorted(units),
        published=doc.published, outlet=doc.outlet, ord=ord_,
    )


# --- persons in the database ----------------------------------------------------------------------------

def candidate_persons(conn: Connection, m: PersonMention) -> list[Person]:
    """The persons sharing a blocking key with the mention's surname: one indexed lookup."""
    _, skey = mention_name_keys(m.name)
    keys = sorted(blocking_keys(skey))
    if not keys:
        return []
    t, k = R.person_register, R.person_keys
    ids = select(k.c.person_id).where(k.c.key.in_(keys)).distinct().scalar_subquery()
    rows = conn.execute(select(t.c.profile).where(t.c.person_id.in_(ids)).order_by(t.c.person_id))
    return [Person.from_dict(json.loads(r[0])) for r in rows]


def register_row(p: Person) -> dict[str, Any]:
    return {
        "person_id": p.person_id, "name": p.name, "variants": "; ".join(sorted(p.names, key=lambda n: -p.names[n])),
        "ranks": "; ".join(p.ranks) or None, "roles": "; ".join(p.roles) or None,
        "unit": "; ".join(p.units.values()) or None, "unit_key": next(iter(p.units), None),
        "side": "; ".join(p.sides) or None, "fate": p.fate, "fate_date": p.fate_date, "fate_place": p.fate_place,
        "first_reported": p.first_reported, "last_reported": p.last_reported, "mentions": p.mentions,
        "reports": p.reports, "anchor": p.anchor, "profile": json.dumps(p.to_dict(), ensure_ascii=False),
    }


def write_person(conn: Connection, p: Person, new: bool, known_keys: set[str] | None = None) -> None:
    """Insert or update the person's row, and add the blocking keys it lacks (``known_keys``: those it
    had before the last mention; read from the database when not given)."""
    t, k = R.person_register, R.person_keys
    if new:
        conn.execute(insert(t), register_row(p))
        have: set[str] = set()
    else:
        update_row(conn, t, "person_id", p.person_id, register_row(p))
        have = known_keys if known_keys is not None else {
            r[0] for r in conn.execute(select(k.c.key).where(k.c.person_id == p.person_id))}
    missing = sorted(p.blocking_keys() - have)
    if missing:
        conn.execute(insert(k), [{"key": key, "person_id": p.person_id} for key in missing])


def drop_person(conn: Connection, person_id: str) -> None:
    conn.execute(delete(R.person_register).where(R.person_register.c.person_id == person_id))
    conn.execute(delete(R.person_keys).where(R.person_keys.c.person_id == person_id))


def mention_row(m: PersonMention) -> dict[str, Any]:
    return {"document_id": m.document_id, "item_id": m.item_id, "name": m.name, "rank": m.rank, "role": m.role,
            "unit_key": m.unit_key, "unit": m.unit, "side": m.side, "status": m.status, "published": m.published,
            "event_date": m.event_date, "event_place": m.event_place, "ord": m.ord}


def mentions_of(conn: Connection, person_ids: Iterable[str]) -> list[PersonMention]:
    t = R.person_mentions
    rows = conn.execute(select(t).where(t.c.person_id.in_(list(person_ids))).order_by(t.c.ord))
    return [PersonMention(**{k: v for k, v in r._mapping.items() if k != "person_id"}) for r in rows]


def person_of(conn: Connection, ref: str) -> str:
    """A person id, or a mention given as DOCUMENT_ID:ITEM_ID -> the person id. KeyError if unknown."""
    t = R.person_register
    if conn.execute(select(t.c.person_id).where(t.c.person_id == ref)).first():
        return ref
    doc, _, item = ref.rpartition(":")
    m = R.person_mentions
    found = conn.execute(select(m.c.person_id).where(m.c.document_id == doc, m.c.item_id == item)).scalar()
    if found is None:
        raise KeyError(f"no person {ref!r} (give a person id such as P1a2b3c4d5, or a mention DOCUMENT_ID:ITEM_ID)")
    return found


def _regroup(conn: Connection, groups: list[list[PersonMention]]) -> list[str]:
    """Write each group of mentions as one person (ids from their first mentions); returns the ids."""
    ids = []
    for mentions in groups:
        if not mentions:
            continue
        p = rebuild_person(sorted(mentions, key=lambda m: m.ord))
        write_person(conn, p, new=True)
        keys = [(m.document_id, m.item_id) for m in mentions]
        t = R.person_mentions
        for doc, item in keys:
            conn.execute(update(t).where(t.c.document_id == doc, t.c.item_id == item).values(person_id=p.person_id))
        ids.append(p.person_id)
    return ids


# --- the user's decisions ------------------------------------------------------------------------------

def anchor_keys(conn: Connection, person_id: str) -> list[str]:
    """A person's mentions as DOCUMENT_ID:ITEM_ID keys (what an override records: ids may change)."""
    return [m.key for m in mentions_of(conn, [person_id])]


def record_override(conn: Connection, action: str, mentions: Any, note: str | None = None) -> None:
    conn.execute(insert(R.resolution_overrides).values(kind="person", action=action, mentions=json.dumps(mentions),
                                                       note=note, created_at=now_iso()))


def load_overrides(conn: Connection) -> list[dict[str, Any]]:
    t = R.resolution_overrides
    return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.id))]


def apply_override(conn: Connection, override: dict[str, Any], run: int) -> str | None:
    """Re-apply a recorded merge or split to the current register (mentions no longer stored are skipped)."""
    data = json.loads(override["mentions"])
    try:
        if override["action"] == "merge":
            return merge_people(conn, data[0][0], data[1][0], run=run, record=False)
        return split_people(conn, data, run=run, record=False)
    except KeyError:
        return None


def merge_people(conn: Connection, a: str, b: str, *, run: int = 0, record: bool = True, note: str | None = None) -> str:
    """Persons ``a`` and ``b`` (ids or mention keys) become one; the decision is recorded (by mentions,
    so it survives rebuilds) and logged. Returns the merged person's id."""
    a_id, b_id = person_of(conn, a), person_of(conn, b)
    if record:
        record_override(conn, "merge", [anchor_keys(conn, a_id), anchor_keys(conn, b_id)], note)
    if a_id == b_id:
        return a_id
    mentions = mentions_of(conn, [a_id, b_id])
    drop_person(conn, a_id)
    drop_person(conn, b_id)
    (new_id,) = _regroup(conn, [mentions])
    log(conn, "person", "user-merge", new_id, None, None, None, None, [(f"{a_id} + {b_id} merged by the user", 0.0)],
        run)
    return new_id


def split_people(conn: Connection, mention_keys: list[str], *, run: int = 0, record: bool = True,
                 note: str | None = None) -> str:
    """These mentions (DOCUMENT_ID:ITEM_ID) leave their person(s) and become a person of their own;
    the rest of each person stays together. Recorded and logged. Returns the new person's id."""
    owners = sorted({person_of(conn, k) for k in mention_keys})
    if record:
        record_override(conn, "split", list(mention_keys), note)
    moved_keys = set(mention_keys)
    t = R.person_mentions
    owner_of = {f"{r.document_id}:{r.item_id}": r.person_id for r in conn.execute(
        select(t.c.document_id, t.c.item_id, t.c.person_id).where(t.c.person_id.in_(owners)))}
    mentions = mentions_of(conn, owners)
    for pid in owners:
        drop_person(conn, pid)
    rest_by_owner: dict[str, list[PersonMention]] = {}
    for m in mentions:
        if m.key not in moved_keys:
            rest_by_owner.setdefault(owner_of[m.key], []).append(m)
    _regroup(conn, [rest_by_owner[o] for o in sorted(rest_by_owner)])
    (new_id,) = _regroup(conn, [[m for m in mentions if m.key in moved_keys]])
    log(conn, "person", "user-split", new_id, None, None, None, None,
        [(f"{', '.join(sorted(moved_keys))} split from {', '.join(owners)} by the user", 0.0)], run)
    return new_id


# --- merged events in the database ----------------------------------------------------------------------

def load_candidate_events(conn: Connection, r: EventReport, cfg: ResolveConfig) -> list[MergedEvent]:
    t = R.merged_events
    cond = [t.c.event_type.in_(compatible_types(r.event_type))]
    bounds = date_bounds(r, cfg)
    if bounds is not None:
        cond.append(and_(t.c.date_start >= bounds[0], t.c.date_start <= bounds[1]))
    wide, narrow = box(r, cfg, coarse=True), box(r, cfg, coarse=False)
    if wide is not None:
        # a spot is a candidate within the distance limit, an area (region, country) within the region limit
        cond.append(or_(t.c.latitude.is_(None),
                        and_(t.c.latitude.between(narrow[0], narrow[1]), t.c.longitude.between(narrow[2], narrow[3])),
                        and_(or_(t.c.geo_precision.in_(COARSE), t.c.geo_precision.is_(None)),
                             t.c.latitude.between(wide[0], wide[1]), t.c.longitude.between(wide[2], wide[3]))))
    ids = [row[0] for row in conn.execute(select(t.c.merged_id).where(*cond).order_by(t.c.merged_id))]
    if not ids:
        return []
    m = R.event_members
    members: dict[str, list[EventReport]] = {i: [] for i in ids}
    for row in conn.execute(select(m.c.merged_id, m.c.report).where(m.c.merged_id.in_(ids)).order_by(m.c.ord)):
        members[row.merged_id].append(EventReport.from_dict(json.loads(row.report)))
    return [MergedEvent(i, ms) for i, ms in members.items() if ms]


# --- the log ------------------------------------------------------------------------------------------

def log(conn: Connection, kind: str, decision: str, target: str, doc: str | None, item: str | None,
        matched: str | None, score: float | None, reasons: list, run: int) -> None:
    mdoc, _, mitem = matched.rpartition(":") if matched else (None, None, None)
    conn.execute(insert(R.merge_log), {
        "kind": kind, "decision": decision, "target_id": target, "document_id": doc, "item_id": item,
        "matched_document_id": mdoc or None, "matched_item_id": mitem or None, "score": score,
        "reasons": json.dumps([list(r) for r in reasons], ensure_ascii=False), "run": run})


def update_row(conn: Connection, table, key_column: str, key: Any, row: dict[str, Any]) -> None:
    """UPDATE one row by its key, values as bound parameters (one cached statement for every row)."""
    conn.execute(update(table).where(table.c[key_column] == bindparam("where_key")), {**row, "where_key": key})
