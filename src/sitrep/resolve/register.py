"""Reading the resolved registers: persons, units, merged events, the merge log, the claims timeline.
The Python API under `sitrep people register|show`, `sitrep units register|show`, `sitrep events
merged`, `sitrep merge-log` and `sitrep claims --timeline`.

    with Store.open("sitrep.db") as store, store.read() as conn:
        persons(conn, name="zizevsk")
        person_detail(conn, "Paf8ad964f")
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from sitrep.query import Filters, claims as claim_rows, contains, register_where
from sitrep.resolve.timeline import Point, SubjectSpec, build_timeline
from sitrep.store import resolution_schema as R
from sitrep.store import schema as S

PR, PM, UR, UM, ME, EM, ML = (R.person_register.c, R.person_mentions.c, R.unit_register.c, R.unit_mentions.c,
                              R.merged_events.c, R.event_members.c, R.merge_log.c)

PERSON_COLUMNS = ("person_id", "name", "variants", "ranks", "roles", "unit", "side", "fate", "fate_date", "fate_place",
                  "first_reported", "last_reported", "mentions", "reports")


def persons(conn: Connection, name: str | None = None, side: str | None = None, unit: str | None = None,
            fate: str | None = None, limit: int | None = 100, country: str | None = None,
            admin1: str | None = None) -> list[dict[str, Any]]:
    """The register, most-reported first. ``country``/``admin1``: one of the person's reports names a
    place there (sitrep.query.register_where)."""
    stmt = select(*[R.person_register.c[c] for c in PERSON_COLUMNS]).where(
        *register_where(R.person_mentions, PR.person_id, Filters(country=country, admin1=admin1)))
    if name:
        stmt = stmt.where(contains(PR.variants, name))
    if side:
        stmt = stmt.where(PR.side == side.upper())
    if unit:
        stmt = stmt.where(or_(contains(PR.unit, unit), PR.unit_key == unit))
    if fate:
        stmt = stmt.where(PR.fate == fate.lower())
    stmt = stmt.order_by(PR.reports.desc(), PR.name, PR.person_id)
    return [dict(r._mapping) for r in conn.execute(stmt.limit(limit) if limit else stmt)]


def _evidence_of(conn: Connection, kind: str, doc_id: str, item_id: str) -> str | None:
    ev = S.evidence.c
    row = conn.execute(select(func.substr(S.documents.c.text, ev.start_char + 1, ev.end_char - ev.start_char))
                       .select_from(S.evidence.join(S.documents, S.documents.c.id == ev.document_id))
                       .where(ev.document_id == doc_id, ev.item_kind == kind, ev.item_id == item_id, ev.ord == 0)).first()
    return row[0] if row else None


def merge_log(conn: Connection, kind: str | None = None, target: str | None = None,
              decision: str | None = None, limit: int | None = 200) -> list[dict[str, Any]]:
    """Decisions in the order taken: which report went where, matched with which, the score and why."""
    stmt = select(R.merge_log)
    if kind:
        stmt = stmt.where(ML.kind == kind)
    if target:
        stmt = stmt.where(ML.target_id == target)
    if decision:
        stmt = stmt.where(ML.decision == decision)
    stmt = stmt.order_by(ML.id)
    out = []
    for r in conn.execute(stmt.limit(limit) if limit else stmt):
        row = dict(r._mapping)
        reasons = json.loads(row["reasons"] or "[]")
        row["reasons"] = "; ".join(f"{text} ({weight:+g})" if weight else text for text, weight in reasons)
        out.append(row)
    return out


def person_detail(conn: Connection, person_id: str) -> dict[str, Any] | None:
    """A person with every mention (the report, its outlet and date, the words) and the merge log."""
    row = conn.execute(select(*[R.person_register.c[c] for c in PERSON_COLUMNS]).where(PR.person_id == person_id)).first()
    if row is None:
        return None
    out = dict(row._mapping)
    d = S.documents.c
    mentions = conn.execute(
        select(PM.document_id, PM.item_id, PM.name, PM.rank, PM.role, PM.unit, PM.side, PM.status, PM.event_date,
               PM.event_place, d.published, d.outlet, d.title, d.url)
        .select_from(R.person_mentions.join(S.documents, d.id == PM.document_id))
        .where(PM.person_id == person_id).order_by(PM.ord))
    out["sources"] = []
    for m in mentions:
        item = dict(m._mapping)
        item["mention"] = f"{m.document_id}:{m.item_id}"
        item["evidence"] = _evidence_of(conn, "person", m.document_id, m.item_id)
        out["sources"].append(item)
    keys = [(s["document_id"], s["item_id"]) for s in out["sources"]]
    log = [e for e in merge_log(conn, "person", limit=None)
           if e["target_id"] == person_id or (e["document_id"], e["item_id"]) in keys]
    out["merge_log"] = log
    return out


UNIT_COLUMNS = ("unit_key", "name", "variants", "side", "echelon", "branch", "parent", "garrison", "unit_number",
                "first_reported", "last_reported", "mentions")


def units(conn: Connection, unit: str | None = None, side: str | None = None, limit: int | None = 100,
          country: str | None = None, admin1: str | None = None) -> list[dict[str, Any]]:
    """The unit register with, per unit, how many persons, merged events and loss claims.
    ``country``/``admin1``: one of the unit's reports names a place there (sitrep.query.register_where)."""
    people = select(func.count()).select_from(R.person_register).where(PR.unit_key == UR.unit_key).scalar_subquery()
    stmt = select(*[R.unit_register.c[c] for c in UNIT_COLUMNS], people.label("persons")).where(
        *register_where(R.unit_mentions, UR.unit_key, Filters(country=country, admin1=admin1)))
    if unit:
        stmt = stmt.where(or_(contains(UR.variants, unit), contains(UR.name, unit), UR.unit_key == unit))
    if side:
        stmt = stmt.where(UR.side == side.upper())
    stmt = stmt.order_by(UR.mentions.desc(), UR.name)
    rows = [dict(r._mapping) for r in conn.execute(stmt.limit(limit) if limit else stmt)]
    for row in rows:
        row["events"] = len(unit_events(conn, row["unit_key"]))
        row["loss_claims"] = len(unit_claims(conn, row["unit_key"]))
    return rows


# A loss claim the extractor did not tie to a unit belongs to the unit named this close to it (characters
# between the two pieces of evidence), in the same sentence: "The 155th Brigade lost about 300 marines".
NEAR_UNIT = 120
LOSS_GROUPS = ("military", "unknown", None)


def unit_claims(conn: Connection, key: str) -> list[dict[str, Any]]:
    """Loss claims about a unit: those whose subject the extractor tied to one of the unit's mentions
    (``link`` "subject"), and those that name no unit but sit right next to a mention of it ("near")."""
    c, d, ev = S.claims.c, S.documents.c, S.evidence
    mentions = conn.execute(select(UM.document_id, UM.item_id).where(UM.unit_key == key)).all()
    if not mentions:
        return []
    docs = sorted({m.document_id for m in mentions})
    unit_at: dict[str, list[tuple[int, int, str]]] = {}
    for r in conn.execute(select(ev.c.document_id, ev.c.item_id, ev.c.start_char, ev.c.end_char)
                          .where(ev.c.document_id.in_(docs), ev.c.item_kind == "unit")):
        unit_at.setdefault(r.document_id, []).append((r.start_char, r.end_char, r.item_id))
    mine = {(m.document_id, m.item_id) for m in mentions}
    cev = ev.alias("cev")
    stmt = (select(d.published, c.measure, c.count_best, c.count_low, c.count_high, c.qualifier, c.subject,
                   c.subject_group, c.subject_unit_id, c.claimant, c.certainty, c.scope, d.outlet, c.document_id,
                   c.id.label("claim_id"), cev.c.start_char, cev.c.end_char,
                   func.substr(d.text, cev.c.start_char + 1, cev.c.end_char - cev.c.start_char).label("evidence"))
            .select_from(S.claims.join(S.documents, d.id == c.document_id)
                         .outerjoin(cev, and_(cev.c.document_id == c.document_id, cev.c.item_kind == "claim",
                                              cev.c.item_id == c.id, cev.c.ord == 0)))
            .where(c.document_id.in_(docs)).order_by(d.published, c.document_id, c.id))
    out = []
    for r in conn.execute(stmt):
        row = dict(r._mapping)
        start, end = row.pop("start_char"), row.pop("end_char")
        if row["subject_unit_id"]:
            if (row["document_id"], row["subject_unit_id"]) in mine:
                out.append({**row, "link": "subject"})
            continue
        if start is None or row["subject_group"] not in LOSS_GROUPS:
            continue
        for u0, u1, item in unit_at.get(row["document_id"], []):
            if (row["document_id"], item) in mine and _gap(u0, u1, start, end) <= NEAR_UNIT:
                out.append({**row, "link": "near", "_between": (min(u1, end), max(u0, start))})
                break
    return [_strip(r) for r in out if r["link"] == "subject" or _one_sentence(conn, r)]


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, max(a0, b0) - min(a1, b1))


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")


def _one_sentence(conn: Connection, row: dict[str, Any]) -> bool:
    """No sentence ends between the unit's words and the claim's."""
    lo, hi = row["_between"]
    if hi <= lo:
        return True
    between = conn.execute(select(func.substr(S.documents.c.text, lo + 1, hi - lo))
                           .where(S.documents.c.id == row["document_id"])).scalar() or ""
    return not _SENTENCE_END.search(between)


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def unit_events(conn: Connection, key: str) -> list[dict[str, Any]]:
    stmt = select(R.merged_events).where(contains(ME.unit_keys, key)).order_by(ME.date_start, ME.merged_id)
    return [dict(r._mapping) for r in conn.execute(stmt) if key in (r.unit_keys or "").split("; ")]


def unit_detail(conn: Connection, ref: str) -> dict[str, Any] | None:
    """A unit (by register key or any name it was written as): its people, events and claimed losses."""
    row = conn.execute(select(R.unit_register).where(UR.unit_key == ref)).first()
    if row is None:
        from sitrep.resolve.units import unit_key

        found = units(conn, unit=ref, limit=2)
        key = found[0]["unit_key"] if len(found) == 1 else unit_key(ref)
        row = conn.execute(select(R.unit_register).where(UR.unit_key == key)).first()
        if row is None:
            return None
    out = dict(row._mapping)
    key = out["unit_key"]
    out["people"] = persons(conn, unit=key, limit=None)
    out["events"] = unit_events(conn, key)
    out["claimed_losses"] = unit_claims(conn, key)
    return out


MERGED_COLUMNS = ("merged_id", "event_type", "sub_event_type", "date_start", "date_end", "location", "admin1", "country",
                  "latitude", "longitude", "fatalities_low", "fatalities_high", "reports", "outlets",
                  "first_reported", "last_reported", "unit_keys")


def merged_events(conn: Connection, since: str | None = None, until: str | None = None, type_: str | None = None,
                  place: str | None = None, min_reports: int | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    stmt = select(*[R.merged_events.c[c] for c in MERGED_COLUMNS])
    if since:
        stmt = stmt.where(ME.date_start >= since)
    if until:
        stmt = stmt.where(ME.date_start <= until)
    if type_:
        stmt = stmt.where(or_(ME.event_type == type_, ME.sub_event_type == type_))
    if place:
        stmt = stmt.where(or_(func.lower(ME.location) == place.lower(), func.lower(ME.admin1) == place.lower()))
    if min_reports:
        stmt = stmt.where(ME.reports >= min_reports)
    stmt = stmt.order_by(ME.date_start.desc(), ME.merged_id)
    rows = [dict(r._mapping) for r in conn.execute(stmt.limit(limit) if limit else stmt)]
    for row in rows:
        row["members"] = "; ".join(f"{m['document_id']}:{m['item_id']}" for m in event_members(conn, row["merged_id"]))
    return rows


def event_members(conn: Connection, merged_id: str) -> list[dict[str, Any]]:
    stmt = select(EM.document_id, EM.item_id, EM.score, EM.report).where(EM.merged_id == merged_id).order_by(EM.ord)
    out = []
    for r in conn.execute(stmt):
        report = json.loads(r.report)
        out.append({"document_id": r.document_id, "item_id": r.item_id, "score": r.score,
                    "outlet": report.get("outlet"), "published": report.get("published"),
                    "location": report.get("location"), "fatalities": report.get("fatalities")})
    return out


def timeline(conn: Connection, spec: SubjectSpec, measure: str | None = "killed", scope: str | None = "cumulative",
             filters: Filters | None = None, strict: bool = False) -> list[Point]:
    """Every matching claim in time order with the spread between claimants (see resolve.timeline)."""
    filters = filters or Filters()
    if spec.side and not filters.side:
        filters.side = spec.side
    return build_timeline(claim_rows(conn, filters, limit=None), spec, measure, scope, strict)
