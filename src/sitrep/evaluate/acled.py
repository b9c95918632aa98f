"""ACLED exports: each row's ``notes`` -> event_type, sub_event_type, fatalities, location, date, actors.

Gold: a CSV with ACLED's column names (at least ``notes, event_type, sub_event_type, latitude,
longitude, fatalities, actor1, actor2, event_date``), as users download it from ACLED. The notes are
extracted without a publication date (they carry their own: "On 14 March 2022, ..."); sitrep's
answer for a row is its main event, the first it lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sitrep.evaluate.data import read_gold_csv
from sitrep.evaluate import facts
from sitrep.evaluate.metrics import (
    PRF,
    Tally,
    mean_abs_error,
    median,
    share_within,
    within,
)
from sitrep.evaluate.report import ErrorCase, Report
from sitrep.evaluate.runner import Extractor
from sitrep.geo import distance_km
from sitrep.model import Extraction
from sitrep.tolls import fatality_range

TITLE = "ACLED export (notes)"
CREDIT = "ACLED data as supplied by the user (Armed Conflict Location & Event Data Project; see ACLED's terms of use)."
REQUIRED_COLUMNS = ("notes", "event_type", "sub_event_type", "latitude", "longitude", "fatalities", "actor1", "actor2", "event_date")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%m/%d/%Y", "%d/%m/%Y")
_EXCERPT = 400


@dataclass(frozen=True)
class AcledRow:
    index: int  # data row number (1-based, header not counted)
    id: str
    notes: str
    event_type: str
    sub_event_type: str
    lat: float | None
    lon: float | None
    fatalities: int | None
    actor1: str
    actor2: str
    event_date: str | None  # ISO


@dataclass(frozen=True)
class AcledPrediction:
    event_type: str | None
    sub_event_type: str | None
    fatalities: int
    fatalities_low: int
    fatalities_high: int
    point: tuple[float, float] | None
    date_start: str | None
    date_end: str | None
    actors: tuple[str, ...]


def parse_date(value: str) -> str | None:
    value = " ".join(value.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _number(value: str | None, kind=float):
    try:
        return kind(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def parse_row(record: dict[str, str], index: int) -> AcledRow:
    get = lambda key: (record.get(key) or "").strip()
    return AcledRow(
        index=index,
        id=get("event_id_cnty") or str(index),
        notes=record.get("notes") or "",
        event_type=get("event_type"),
        sub_event_type=get("sub_event_type"),
        lat=_number(get("latitude")),
        lon=_number(get("longitude")),
        fatalities=_number(get("fatalities"), int),
        actor1=get("actor1"),
        actor2=get("actor2"),
        event_date=parse_date(get("event_date")),
    )


def load(path: str | Path, limit: int | None = None) -> list[AcledRow]:
    return read_gold_csv(path, REQUIRED_COLUMNS, "an ACLED export", parse_row, limit)


def predict(extraction: Extraction) -> AcledPrediction:
    """ACLED's fields read off the main event (fatalities: the event's own, else the note's killed
    total, else 0 — ACLED's convention when no death is reported)."""
    event = facts.main_event(extraction)
    total = facts.incident_total(extraction, facts.KILLED, minimum=True)
    fatalities, low, high = 0, 0, 0
    if total is not None:
        fatalities, low, high = total.best, total.low, total.high
    if event is not None and event.fatalities is not None:
        fatalities = event.fatalities
        low, high = _event_range(extraction, event.id, fatalities)
    point = None
    if event is not None and event.location is not None and event.location.lat is not None and event.location.lon is not None:
        point = (event.location.lat, event.location.lon)
    elif (found := facts.best_point(extraction)) is not None:
        point = found[:2]
    dated = event.date if event is not None and event.date is not None else None
    return AcledPrediction(
        event_type=event.event_type if event else None,
        sub_event_type=event.sub_event_type if event else None,
        fatalities=fatalities,
        fatalities_low=min(low, fatalities),
        fatalities_high=max(high, fatalities),
        point=point,
        date_start=dated.start[:10] if dated and dated.start else None,
        date_end=(dated.end or dated.start)[:10] if dated and (dated.end or dated.start) else None,
        actors=tuple(a.name for a in event.actors) if event else (),
    )


def _event_range(extraction: Extraction, event_id: str, fatalities: int) -> tuple[int, int]:
    """The range the event's own death claims allow, widened to hold its fatalities."""
    low, high = fatality_range(c for c in extraction.claims if c.event_id == event_id)
    if low is None or high is None:
        return fatalities, fatalities
    return min(low, fatalities), max(high, fatalities)


def _in_dates(gold: str | None, start: str | None, end: str | None) -> bool:
    if not (gold and start and end):
        return False
    try:
        return date.fromisoformat(start) <= date.fromisoformat(gold) <= date.fromisoformat(end)
    except ValueError:
        return False


def score(rows: Sequence[AcledRow], extractions: Sequence[Extraction]) -> Report:
    """Score extractions (one per gold row, same order) against an ACLED export."""
    if len(rows) != len(extractions):
        raise ValueError(f"{len(rows)} gold rows but {len(extractions)} extractions")
    report = Report("acled", TITLE, CREDIT, items=len(rows))
    pairs = list(zip(rows, [predict(x) for x in extractions]))

    def error(field: str, row: AcledRow, gold, predicted) -> None:
        report.errors.append(ErrorCase(field, row.id, gold, predicted, row.notes[:_EXCERPT]))

    for scorer in (_score_types, _score_fatalities, _score_locations, _score_dates, _score_actors, _score_per_type):
        scorer(report, pairs, error)
    report.notes += [
        "sitrep's answer for a row is the main (first) event extracted from its notes, with no publication date given.",
        (
            "fatalities: the main event's, else the incident-scope killed total of the notes, else 0 (ACLED's "
            "convention when none is reported); 'within range': the gold figure lies in the range sitrep's claims allow."
        ),
        (
            "location: the main event's coordinates, else the most precise place named (not a country); "
            "distances over rows with a point. actors: token overlap with any of the main event's actors "
            "(at least half the words of the shorter name; see the UCDP claimant rule)."
        ),
        facts.language_note(extractions),
    ]
    return report


def _score_types(report: Report, pairs, error) -> None:
    types, subs = Tally(), Tally()
    for row, p in pairs:
        if row.event_type and not types.add(p.event_type == row.event_type):
            error("event_type", row, row.event_type, p.event_type)
        if row.sub_event_type and not subs.add(p.sub_event_type == row.sub_event_type):
            error("sub_event_type", row, row.sub_event_type, p.sub_event_type)
    report.add("event_type", "accuracy", types.accuracy, types.total)
    report.add("sub_event_type", "accuracy", subs.accuracy, subs.total)


def _score_fatalities(report: Report, pairs, error) -> None:
    exact, in_range, differences = Tally(), Tally(), []
    for row, p in pairs:
        if row.fatalities is None:
            continue
        if not exact.add(p.fatalities == row.fatalities):
            error("fatalities", row, row.fatalities, p.fatalities)
        in_range.add(within(row.fatalities, p.fatalities_low, p.fatalities_high))
        differences.append((row.fatalities, p.fatalities))
    report.add("fatalities", "exact", exact.accuracy, exact.total)
    report.add("fatalities", "gold within sitrep's range", in_range.accuracy, in_range.total)
    report.add("fatalities", "mean abs error", mean_abs_error(differences), len(differences), unit="abs")


def _score_locations(report: Report, pairs, error) -> None:
    pointed, distances = Tally(), []
    for row, p in pairs:
        if row.lat is None or row.lon is None:
            continue
        if not pointed.add(p.point is not None):
            error("location", row, (row.lat, row.lon), None)
            continue
        km = distance_km(row.lat, row.lon, *p.point)
        distances.append(km)
        if km > 50:
            error("location", row, (row.lat, row.lon), f"{p.point} {km:.0f} km")
    report.add("location", "answered", pointed.accuracy, pointed.total)
    report.add("location", "median error", median(distances), len(distances), unit="km")
    report.add("location", "within 25 km", share_within(distances, 25), len(distances))
    report.add("location", "within 50 km", share_within(distances, 50), len(distances))


def _score_dates(report: Report, pairs, error) -> None:
    exact, in_range = Tally(), Tally()
    for row, p in pairs:
        if not row.event_date:
            continue
        if not exact.add(p.date_start == row.event_date):
            error("event_date", row, row.event_date, p.date_start)
        in_range.add(_in_dates(row.event_date, p.date_start, p.date_end))
    report.add("event_date", "accuracy", exact.accuracy, exact.total)
    report.add("event_date", "within sitrep's date range", in_range.accuracy, in_range.total)


def _score_actors(report: Report, pairs, error) -> None:
    tallies = {"actor1": Tally(), "actor2": Tally()}
    for row, p in pairs:
        for name, gold in (("actor1", row.actor1), ("actor2", row.actor2)):
            if facts.name_tokens(gold) and not tallies[name].add(facts.names_match(gold, list(p.actors))):
                error(name, row, gold, list(p.actors))
    for name, tally in tallies.items():
        report.add(name, "token overlap", tally.accuracy, tally.total)


def _score_per_type(report: Report, pairs, error) -> None:
    """Precision/recall/F1 of each event type over rows (one-vs-rest)."""
    per_type: dict[str, PRF] = {}
    for row, p in pairs:
        if not row.event_type:
            continue
        for kind in {row.event_type, p.event_type} - {None}:
            per_type.setdefault(kind, PRF()).add(kind == row.event_type, kind == p.event_type)
    for kind, prf in sorted(per_type.items(), key=lambda kv: (-kv[1].support, kv[0])):
        report.add(f"event_type:{kind}", "precision", prf.precision, prf.tp + prf.fp)
        report.add(f"event_type:{kind}", "recall", prf.recall, prf.support)
        report.add(f"event_type:{kind}", "F1", prf.f1, prf.support)


def evaluate(path: str | Path, limit: int | None = None, extractor: Extractor | None = None, progress: bool = True) -> Report:
    rows = load(path, limit)
    extractor = extractor or Extractor()
    extractor.run(((r.notes, None) for r in rows), "acled", progress)
    report = score(rows, [extractor(r.notes) for r in rows])
    report.texts, report.seconds = extractor.texts, extractor.seconds
    return report
