"""Event merging: reports of the same incident become one event with several sources.

Pure: no database. A report's event is compared with the merged events already known whose type
may match and whose dates fall within the window; each member of a candidate is compared and the
candidate is taken when its best member scores at least the threshold and no member vetoes it.
Vetoes (never merged): types that are not the same or listed as compatible, places further apart
than the distance limit, dates further apart than the window, the same report, opposite attackers.
Weights and limits: ``data/merge_weights.tsv`` (kind ``event``), overridable with ResolveConfig.

    index = EventIndex(ResolveConfig.load())
    decision = index.add(EventReport(document_id="d1", item_id="e1", event_type="Explosions/Remote violence", ...))
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Iterable

from sitrep import geo
from sitrep.resolve.config import ResolveConfig, read_table
from sitrep.resolve.people import Match, Reason

COARSE = ("region", "area", "country")  # location precisions that name an area, not a spot


@dataclass
class EventReport:
    """One report's event, as the resolver sees it."""

    document_id: str
    item_id: str
    event_type: str
    sub_event_type: str
    date_start: str | None = None
    date_end: str | None = None
    location: str | None = None
    geonames_id: int | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    actor1_side: str | None = None
    actor2_kind: str | None = None
    fatalities: int | None = None
    tags: list[str] = field(default_factory=list)
    unit_keys: list[str] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)  # register persons named near the event
    published: str | None = None
    outlet: str | None = None
    ord: int = 0

    @property
    def key(self) -> str:
        return f"{self.document_id}:{self.item_id}"

    def dates(self) -> tuple[date, date] | None:
        """The event's date range; the publication date when the report gives none."""
        start = self.date_start or self.published
        end = self.date_end or start
        if not start:
            return None
        return date.fromisoformat(start), date.fromisoformat(end or start)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EventReport":
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@lru_cache(maxsize=1)
def type_compat() -> dict[frozenset[str], float]:
    return {frozenset((r["type_a"], r["type_b"])): float(r["weight"]) for r in read_table("event_type_compat.tsv")}


def distance_km(a: EventReport, b: EventReport) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return geo.distance_km(a.lat, a.lon, b.lat, b.lon)


def day_gap(a: EventReport, b: EventReport) -> int | None:
    """Days between the two date ranges (0 when they overlap)."""
    da, db = a.dates(), b.dates()
    if da is None or db is None:
        return None
    if da[1] < db[0]:
        return (db[0] - da[1]).days
    if db[1] < da[0]:
        return (da[0] - db[1]).days
    return 0


def compare_events(a: EventReport, b: EventReport, cfg: ResolveConfig) -> Match:
    """Score (with reasons) for two reports telling of one incident; ``veto`` says why they cannot."""
    w = cfg.event
    out = Match()
    if a.document_id == b.document_id and not told_twice(a, b):
        out.veto = "same report, another place or day (its events are distinct)"
        return out
    _compare_types(a, b, w, out)
    if not out.veto:
        _compare_dates(a, b, w, out)
    if not out.veto:
        _compare_places(a, b, w, out)
    if out.veto:
        return out
    if a.actor1_side and b.actor1_side:
        if a.actor1_side != b.actor1_side:
            out.veto = f"attackers {a.actor1_side} vs {b.actor1_side}"
            return out
        out.add(f"attackers both {a.actor1_side}", w["side_same"])
    if a.actor2_kind == b.actor2_kind == "civilians":
        out.add("civilians targeted in both", w["actor2_civilians"])
    shared_units = sorted(set(a.unit_keys) & set(b.unit_keys))
    if shared_units:
        out.add(f"unit {shared_units[0]} in both", w["unit_same"])
    shared_people = sorted(set(a.person_ids) & set(b.person_ids))
    if shared_people:
        out.add(f"person {shared_people[0]} in both", w["person_same"])
    shared_tags = sorted(set(a.tags) & set(b.tags))
    if shared_tags:
        out.add(f"tag {shared_tags[0]} in both", w["tag_same"])
    _compare_tolls(a, b, w, out)
    return out


def told_twice(a: EventReport, b: EventReport) -> bool:
    """Two events of one report at the same spot on the same days: the report tells one incident twice
    (a shelling that is also coded as an attack on civilians), not two incidents."""
    km = distance_km(a, b)
    same_spot = (a.geonames_id is not None and a.geonames_id == b.geonames_id) or (km is not None and km <= 2)
    return same_spot and a.geo_precision not in COARSE and day_gap(a, b) == 0


def _compare_types(a: EventReport, b: EventReport, w: dict[str, float], out: Match) -> None:
    if a.event_type == b.event_type:
        out.add(f"type {a.event_type}", w["type_same"])
        if a.sub_event_type == b.sub_event_type:
            out.add(f"sub-type {a.sub_event_type}", w["subtype_same"])
        return
    weight = type_compat().get(frozenset((a.event_type, b.event_type)))
    if weight is None:
        out.veto = f"types {a.event_type} vs {b.event_type}"
    else:
        out.add(f"types {a.event_type} ~ {b.event_type}", weight)


def _compare_dates(a: EventReport, b: EventReport, w: dict[str, float], out: Match) -> None:
    gap = day_gap(a, b)
    if gap is None:
        return
    if gap > w["days"]:
        out.veto = f"{gap} days apart (window {w['days']:g})"
    elif gap == 0:
        out.add("same dates", w["date_same"])
    elif gap == 1:
        out.add("a day apart", w["date_near"])
    else:
        out.add(f"{gap} days apart", w["date_window"])


def _compare_places(a: EventReport, b: EventReport, w: dict[str, float], out: Match) -> None:
    km = distance_km(a, b)
    coarse = a.geo_precision in COARSE or b.geo_precision in COARSE
    if km is None:
        if a.location is None or b.location is None:
            out.add("place missing in one report", w["place_missing"])
        return
    if coarse:
        if km > w["region_km"]:
            out.veto = f"places {a.location} / {b.location} {km:.0f} km apart"
        elif a.admin1 and a.admin1 == b.admin1 or a.geonames_id == b.geonames_id:
            out.add(f"{a.location} / {b.location}: same region", w["place_region"])
        return
    if km > w["km"]:
        out.veto = f"places {a.location} / {b.location} {km:.0f} km apart (limit {w['km']:g})"
    elif (a.geonames_id is not None and a.geonames_id == b.geonames_id) or km <= 2:
        out.add(f"same place {a.location}", w["place_same"])
    elif km <= 15 and "near" in (a.geo_precision, b.geo_precision):
        out.add(f"{a.location} / {b.location} {km:.0f} km apart, one 'near'", w["place_near"])
    else:
        # two named places: two towns shelled the same night are two incidents, unless more says otherwise
        out.add(f"other places {a.location} / {b.location}, {km:.0f} km apart", w["place_other"])


def _compare_tolls(a: EventReport, b: EventReport, w: dict[str, float], out: Match) -> None:
    if not a.fatalities or not b.fatalities:
        return
    low, high = sorted((a.fatalities, b.fatalities))
    if high <= 2 * low:
        out.add(f"tolls {a.fatalities} / {b.fatalities} close", w["toll_close"])
    else:
        out.add(f"tolls {a.fatalities} / {b.fatalities} far apart", w["toll_far"])


# --- merged events ------------------------------------------------------------------------------

def merged_id_for(anchor: str) -> str:
    return "E" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:9]


@dataclass
class MergedEvent:
    merged_id: str
    members: list[EventReport]
    scores: list[float | None] = field(default_factory=list)

    @property
    def anchor(self) -> EventReport:
        return self.members[0]

    def summary(self) -> dict[str, Any]:
        """The register row: the first report's type and place (the most precise place if it lacks one),
        the union of dates, the range of tolls, outlets and units."""
        first = self.anchor
        placed = [m for m in self.members if m.lat is not None]
        exact = [m for m in placed if m.geo_precision not in COARSE]
        where = (exact or placed or [first])[0]
        starts = [m.dates()[0] for m in self.members if m.dates()]
        ends = [m.dates()[1] for m in self.members if m.dates()]
        tolls = [m.fatalities for m in self.members if m.fatalities is not None]
        published = sorted(m.published for m in self.members if m.published)
        return {
            "merged_id": self.merged_id, "event_type": first.event_type, "sub_event_type": first.sub_event_type,
            "date_start": min(starts).isoformat() if starts else None,
            "date_end": max(ends).isoformat() if ends else None,
            "location": where.location, "admin1": where.admin1, "country": where.country,
            "latitude": where.lat, "longitude": where.lon, "geo_precision": where.geo_precision if where.lat is not None else None,
            "fatalities_low": min(tolls) if tolls else None, "fatalities_high": max(tolls) if tolls else None,
            "reports": len({m.document_id for m in self.members}),
            "outlets": "; ".join(dict.fromkeys(m.outlet for m in self.members if m.outlet)) or None,
            "first_reported": published[0] if published else None,
            "last_reported": published[-1] if published else None,
            "unit_keys": "; ".join(sorted({k for m in self.members for k in m.unit_keys})) or None,
            "anchor": first.key,
        }


@dataclass
class EventDecision:
    report: EventReport
    merged_id: str
    decision: str  # merged|new
    score: float | None = None
    reasons: list[Reason] = field(default_factory=list)
    matched: str | None = None  # the member it matched best


def choose_event(r: EventReport, candidates: Iterable[MergedEvent], cfg: ResolveConfig
                 ) -> tuple[MergedEvent | None, Match, EventReport | None, list[Reason]]:
    """The best merged event ``r`` belongs to (or None), the match with its best member, that member,
    and notes on the candidates turned down."""
    best: tuple[float, str, MergedEvent, Match, EventReport] | None = None
    notes: list[Reason] = []
    for ev in candidates:
        member_best: tuple[float, Match, EventReport] | None = None
        veto = None
        for member in ev.members:
            match = compare_events(r, member, cfg)
            if match.veto:
                veto = match.veto
                break
            if member_best is None or match.score > member_best[0]:
                member_best = (match.score, match, member)
        if veto or member_best is None:
            notes.append((f"not {ev.merged_id}: {veto}", 0.0))
            continue
        score, match, member = member_best
        if best is None or score > best[0] or (score == best[0] and ev.merged_id < best[1]):
            best = (score, ev.merged_id, ev, match, member)
    if best is None:
        return None, Match(), None, notes
    if best[0] < cfg.event["threshold"]:
        notes.append((f"best {best[1]} scored {best[0]:.2f} < {cfg.event['threshold']}", 0.0))
        return None, best[3], None, notes
    return best[2], best[3], best[4], notes


# The longest date range one report may give an event (a week, "earlier this week"): every member of a
# merged event is within the window of every other, so its start is at most this much + the window earlier.
LONGEST_RANGE_DAYS = 8


def date_bounds(r: EventReport, cfg: ResolveConfig) -> tuple[str, str] | None:
    """The date range a candidate's start must fall in (the window around ``r``), for lookups."""
    d = r.dates()
    if d is None:
        return None
    days = int(math.ceil(cfg.event["days"]))
    return _days_after(d[0], -(days + LONGEST_RANGE_DAYS)).isoformat(), _days_after(d[1], days).isoformat()


def _days_after(day: date, days: int) -> date:
    """``day`` + ``days``, stopping at the first and last days Python knows (a report dated 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def box(r: EventReport, cfg: ResolveConfig, coarse: bool = True) -> tuple[float, float, float, float] | None:
    """(south, north, west, east) within which a merged event's place must lie to be a candidate: the
    region limit around ``r`` for places that are areas (``coarse``, or when ``r`` is an area), the
    distance limit for spots (a merged event placed further away would be vetoed anyway)."""
    if r.lat is None or r.lon is None:
        return None
    km = cfg.event["region_km"] if coarse or r.geo_precision in COARSE else cfg.event["km"]
    dlat = km / 111.0
    dlon = km / (111.0 * max(0.1, math.cos(math.radians(r.lat))))
    return r.lat - dlat, r.lat + dlat, r.lon - dlon, r.lon + dlon


def compatible_types(event_type: str) -> list[str]:
    out = {event_type}
    for pair in type_compat():
        if event_type in pair:
            out |= pair
    return sorted(out)


class EventIndex:
    """Merged events in memory, found by type and date. The store-backed runner does this in SQL."""

    def __init__(self, cfg: ResolveConfig | None = None):
        self.cfg = cfg or ResolveConfig()
        self.events: dict[str, MergedEvent] = {}
        self.where: dict[str, str] = {}

    def candidates(self, r: EventReport) -> list[MergedEvent]:
        types = set(compatible_types(r.event_type))
        bounds = date_bounds(r, self.cfg)
        out = []
        for ev in self.events.values():
            if ev.anchor.event_type not in types and not any(m.event_type in types for m in ev.members):
                continue
            if bounds is not None:
                starts = [m.dates()[0].isoformat() for m in ev.members if m.dates()]
                if starts and not any(bounds[0] <= s <= bounds[1] for s in starts):
                    continue
            out.append(ev)
        return out

    def add(self, r: EventReport) -> EventDecision:
        ev, match, member, notes = choose_event(r, self.candidates(r), self.cfg)
        if ev is None:
            ev = MergedEvent(merged_id_for(r.key), [r], [None])
            self.events[ev.merged_id] = ev
            self.where[r.key] = ev.merged_id
            return EventDecision(r, ev.merged_id, "new", None, notes)
        ev.members.append(r)
        ev.scores.append(round(match.score, 2))
        self.where[r.key] = ev.merged_id
        return EventDecision(r, ev.merged_id, "merged", round(match.score, 2), match.reasons, member.key)


def merge_events(reports: Iterable[EventReport], cfg: ResolveConfig | None = None
                 ) -> tuple[EventIndex, list[EventDecision]]:
    """All reports, in their order, into merged events."""
    index = EventIndex(cfg)
    decisions = [index.add(r) for r in sorted(reports, key=lambda r: r.ord)]
    return index, decisions


def pair_scores(predicted: dict[str, str], gold: dict[str, str], cross_report: bool = False) -> dict[str, float]:
    """Pairwise precision/recall/F1 of a clustering (report key -> cluster) against gold labels:
    a pair of reports is positive when both are in one cluster. Only keys in both are counted.
    ``cross_report``: only pairs from different reports (keys are DOCUMENT_ID:ITEM_ID). Counted from
    cluster sizes, not pair by pair, so it takes a corpus of any size."""
    keys = sorted(set(predicted) & set(gold))
    tp, pred_pairs, gold_pairs = (_pairs(Counter(f(k) for k in keys)) for f in
                                  (lambda k: (predicted[k], gold[k]), lambda k: predicted[k], lambda k: gold[k]))
    n = len(keys) * (len(keys) - 1) // 2
    if cross_report:  # take away the pairs inside one report
        doc = lambda k: k.rpartition(":")[0]  # noqa: E731
        tp -= _pairs(Counter((doc(k), predicted[k], gold[k]) for k in keys))
        pred_pairs -= _pairs(Counter((doc(k), predicted[k]) for k in keys))
        gold_pairs -= _pairs(Counter((doc(k), gold[k]) for k in keys))
        n -= _pairs(Counter(doc(k) for k in keys))
    fp, fn = pred_pairs - tp, gold_pairs - tp
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": n, "true_pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())
