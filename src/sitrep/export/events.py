"""The events an export writes, streamed from the database with what the export formats need beyond
the `sitrep events` listing: every actor of the event (with its kind, for ACLED's actor codes), the
event's death claims (for UCDP's deaths by side) and when its report was stored (ACLED's timestamp).

Events come in the listing's order, in batches; each batch's actors and claims are fetched in one
query each, so an export of a million events makes a few hundred queries, not millions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator

from sqlalchemy import Connection, select

from sitrep.query import Filters, listing_select
from sitrep.store import Store, schema
from sitrep import tolls

BATCH = 5000


@dataclass
class ExportEvent:
    """One row of the event_reports view (``row``) and what the formats add to it."""

    row: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)  # name, side, kind, role, in order
    death_claims: list[dict[str, Any]] = field(default_factory=list)  # subject_side, subject_group, figure
    stored_at: int | None = None  # Unix time the report was stored

    def __getitem__(self, key: str) -> Any:
        return self.row[key]

    def actor(self, role: str) -> dict[str, Any] | None:
        return next((a for a in self.actors if a["role"] == role), None)


def export_events(store: Store, filters: Filters | None = None) -> Iterator[ExportEvent]:
    """The filtered events, newest first, each with its actors, death claims and storage time."""
    with store.read() as conn:
        result = conn.execution_options(yield_per=BATCH).execute(listing_select("events", filters, limit=None))
        for rows in result.partitions():
            yield from _with_details(conn, [dict(r._mapping) for r in rows])


def _with_details(conn: Connection, rows: list[dict[str, Any]]) -> list[ExportEvent]:
    events = [ExportEvent(row) for row in rows]
    by_key = {(e["document_id"], e["event_id"]): e for e in events}
    documents = sorted({e["document_id"] for e in events})
    a, c, d = schema.actors.c, schema.claims.c, schema.documents.c
    for chunk in _chunks(documents):
        for r in conn.execute(select(a.document_id, a.event_id, a.name, a.side, a.kind, a.role)
                              .where(a.document_id.in_(chunk)).order_by(a.document_id, a.event_id, a.ord)):
            event = by_key.get((r.document_id, r.event_id))
            if event is not None:
                event.actors.append({"name": r.name, "side": r.side, "kind": r.kind, "role": r.role})
        for r in conn.execute(select(c.document_id, c.event_id, c.subject_side, c.subject_group, c.count_best,
                                     c.count_low, c.count_high)
                              .where(c.document_id.in_(chunk), c.event_id.is_not(None), tolls.death_claim_sql(c.measure, c.count_best, c.count_low, c.count_high))
                              .order_by(c.document_id, c.id)):
            event = by_key.get((r.document_id, r.event_id))
            figure = tolls.figure(r.count_best, r.count_low, r.count_high)
            if event is not None and figure is not None:
                event.death_claims.append({"subject_side": r.subject_side, "subject_group": r.subject_group,
                                           "figure": figure})
        stored = dict(conn.execute(select(d.id, d.ingested_at).where(d.id.in_(chunk))).all())
        for e in events:
            if e["document_id"] in stored and e.stored_at is None:
                e.stored_at = _unix_time(stored[e["document_id"]])
    return events


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """Keeps each IN (...) list well under SQLite's limit on bound parameters."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _unix_time(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return int(datetime.fromisoformat(iso).timestamp())
    except ValueError:
        return None
