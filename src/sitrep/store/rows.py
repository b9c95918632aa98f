"""Document + Extraction -> plain row dicts, one list per table. Pure: no database here.

Lists (tags, measures, via) are stored "; "-joined so that they read well in Datasette and in a
spreadsheet; the events row also carries what the export needs from the event's claims (claimant,
fatality range by ``sitrep.tolls``), computed once here rather than joined on every query.
"""

from __future__ import annotations

import functools
import hashlib
import re
from datetime import datetime, timezone
from typing import Any, Iterable

from sitrep.model import Claim, Document, Event, Extraction, Span
from sitrep.tolls import fatality_range

LIST_SEPARATOR = "; "


@functools.lru_cache(maxsize=256)
def normalised_text_hash(text: str) -> str:
    """Same report, re-saved with other whitespace or case, gives the same hash. Cached: ingest asks it of
    the same text several times (is it stored, is it in the batch, its identity, its row)."""
    return hashlib.sha1(" ".join(text.split()).casefold().encode("utf-8", "surrogatepass")).hexdigest()


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def joined(values: Iterable[str] | None) -> str | None:
    values = [v for v in values or () if v]
    return LIST_SEPARATOR.join(values) if values else None


def split_joined(value: str | None) -> list[str]:
    return value.split(LIST_SEPARATOR) if value else []


def document_row(doc: Document, x: Extraction, key: str | None = None, given_id: str | None = None,
                 revision_of: str | None = None) -> dict[str, Any]:
    """The documents row; ``key`` (default: the document's id), ``given_id`` and ``revision_of`` as
    store/identity.py decides them."""
    return {
        "id": key or doc.id,
        "given_id": given_id,
        "revision_of": revision_of,
        "notes": "\n".join(x.notes) or None,
        "url": doc.url or None,
        "text_hash": normalised_text_hash(doc.text),
        "title": doc.title if doc.title is not None else x.title,
        "published": doc.published or x.published,
        "outlet": doc.outlet or x.outlet,
        "source": doc.source,
        "language": x.language,
        "n_events": len(x.events),
        "n_claims": len(x.claims),
        "ingested_at": now_iso(),
        "text": doc.text,
    }


def fact_rows(doc_id: str, x: Extraction, text: str) -> dict[str, list[dict[str, Any]]]:
    """Rows for every fact table (keys are table names), all tied to ``doc_id``; ``text`` is the
    document text the offsets refer to."""
    claims_by_id = {c.id: c for c in x.claims}
    rows: dict[str, list[dict[str, Any]]] = {
        "events": [], "actors": [], "claims": [], "people": [], "units": [], "places": [], "evidence": [],
    }
    for e in x.events:
        linked = [claims_by_id[i] for i in e.claim_ids if i in claims_by_id]
        rows["events"].append(event_row(doc_id, e, linked, text))
        rows["actors"] += [
            {"document_id": doc_id, "event_id": e.id, "ord": n, "name": a.name, "side": a.side,
             "kind": a.kind, "role": a.role}
            for n, a in enumerate(e.actors)
        ]
        rows["evidence"] += evidence_rows(doc_id, "event", e.id, e.evidence)
    for c in x.claims:
        rows["claims"].append(claim_row(doc_id, c))
        rows["evidence"] += evidence_rows(doc_id, "claim", c.id, ([c.evidence] if c.evidence else []) + c.restated)
    for p in x.people:
        rows["people"].append({
            "document_id": doc_id, "id": p.id, "name": p.name, "rank": p.rank, "role": p.role, "age": p.age,
            "unit_id": p.unit_id, "side": p.side, "status": p.status,
        })
        rows["evidence"] += evidence_rows(doc_id, "person", p.id, p.evidence)
    for u in x.units:
        rows["units"].append({
            "document_id": doc_id, "id": u.id, "name": u.name, "canonical": u.canonical, "echelon": u.echelon,
            "branch": u.branch, "side": u.side, "garrison": u.garrison, "parent": u.parent,
            "unit_number": u.unit_number, "registry_id": u.registry_id,
        })
        rows["evidence"] += evidence_rows(doc_id, "unit", u.id, u.evidence)
    for n, pl in enumerate(x.places):
        rows["places"].append({
            "document_id": doc_id, "ord": n, "name": pl.name, "geonames_id": pl.geonames_id,
            "country": pl.country, "admin1": pl.admin1, "latitude": pl.lat, "longitude": pl.lon,
            "precision": pl.precision, "kind": pl.kind,
        })
        rows["evidence"] += evidence_rows(doc_id, "place", str(n), pl.evidence)
    return rows


def evidence_rows(doc_id: str, kind: str, item_id: str, spans: Iterable[Span]) -> list[dict[str, Any]]:
    return [
        {"document_id": doc_id, "item_kind": kind, "item_id": item_id, "ord": n,
         "start_char": s.start, "end_char": s.end}
        for n, s in enumerate(spans)
    ]


def event_row(doc_id: str, e: Event, claims: list[Claim], text: str) -> dict[str, Any]:
    loc, date = e.location, e.date
    actor1 = next((a for a in e.actors if a.role == "actor1"), None)
    actor2 = next((a for a in e.actors if a.role == "actor2"), None)
    low, high = fatality_range(claims)
    return {
        "document_id": doc_id, "id": e.id, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "tags": joined(e.tags),
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "location": loc.name if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "actor1": actor1.name if actor1 else None,
        "actor1_side": actor1.side if actor1 else None,
        "actor2": actor2.name if actor2 else None,
        "actor2_side": actor2.side if actor2 else None,
        "fatalities": e.fatalities,
        "fatalities_low": low,
        "fatalities_high": high,
        "claimant": joined(dict.fromkeys(claimant_label(c) for c in claims)),
        "certainty": e.certainty,
        "notes": sentence_around(text, e.evidence) if e.evidence else None,
    }


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
NOTES_MAX = 600  # characters: a note is a sentence or two, not a page


def sentence_around(text: str, spans: list[Span]) -> str:
    """From the start of the sentence holding the first span to the end of the one holding the last
    (sentences end at . ! ? before a space, or at a line break), as written in the text."""
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, first):
        start = m.end()
    end_match = _SENTENCE_END.search(text, last)
    end = end_match.end() if end_match else len(text)
    note = text[start:end].strip()
    return note if len(note) <= NOTES_MAX else note[: NOTES_MAX - 1] + "…"


def claimant_label(c: Claim) -> str:
    return c.claimant.name or c.claimant.kind or "unknown"


def claim_row(doc_id: str, c: Claim) -> dict[str, Any]:
    count = c.count
    return {
        "document_id": doc_id, "id": c.id, "measure": joined(c.measure) or "",
        "subject": c.subject.text, "subject_side": c.subject.side, "subject_group": c.subject.group,
        "subject_unit_id": c.subject.unit_id,
        "count_best": count.best if count else None,
        "count_low": count.low if count else None,
        "count_high": count.high if count else None,
        "qualifier": count.qualifier if count else None,
        "scope": c.scope,
        "claimant": c.claimant.name, "claimant_kind": c.claimant.kind, "claimant_side": c.claimant.side,
        "via": joined(c.via),
        "certainty": c.certainty,
        "event_id": c.event_id,
        "count_usual_low": count.usual_low if count else None,
        "count_usual_high": count.usual_high if count else None,
    }
