"""The labelled dev corpus (``devset.jsonl``): reports in ten genres, each with gold events (the main
one first), casualty claims, people and places.

Gold, one report per line::

    {"id", "genre", "published", "title", "text",
     "gold": {"events": [{event_type, sub_event_type, date, location: {name, lat, lon, precision, ...},
                          fatalities, actor1, actor2}],
              "claims": [{measure, count, qualifier, of, claimant, certainty}],
              "people": [names as first written], "places": [every place named, as written]}}

Scored by the corpus's own definitions (its README), nothing looser:

- main event: the first predicted event against the first gold event: sub_event_type, event_type and
  date equal; location within 10 km (and 25 km) of the gold point, counted where the gold precision
  is exact or near; fatalities equal, counted where the gold is not null.
- all events: a gold event is found by an unused predicted event of the same sub-type within 25 km
  (or either without coordinates); precision = found / predicted, recall = found / gold.
- claims: a gold claim is found by an unused predicted claim whose measures include the gold measure
  and whose single figure (best, else low, else high) equals the gold count; precision is over the
  predicted claims whose measures include killed/wounded/captured/detained/missing; the claimant is
  right when the gold claimant shares a word with the predicted claimant's name or text (lower-cased,
  punctuation removed), counted over found claims whose gold claimant is not null.
- people: a gold name is found when it equals (lower-cased, punctuation removed) a predicted
  person's name or one of its evidence texts, or contains one of those of two or more words; a
  predicted person is right when one of its forms equals, contains or is contained in a gold name.
- places: recall of the gold place strings among the texts of the predicted places' evidence spans.

Each report is extracted once, with its publication date and title, as ``sitrep ingest`` would.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.evaluate import facts
from sitrep.evaluate.data import read_gold_jsonl
from sitrep.evaluate.metrics import PRF, Tally, TwoSided
from sitrep.evaluate.report import ErrorCase, Report, Table, format_value
from sitrep.evaluate.runner import Extractor
from sitrep.geo import distance_km
from sitrep.model import Claim, Event, Extraction, Person
from sitrep.tolls import figure_of

TITLE = "Labelled dev corpus (devset)"
CREDIT = (
    "devset.jsonl, reports written for measuring sitrep (invented details at real places; not a factual "
    "source), scored by the definitions in its README."
)
MEASURES = frozenset({"killed", "wounded", "captured", "detained", "missing"})
POINT_PRECISIONS = frozenset({"exact", "near"})  # the gold precisions whose point the location is scored against
NEAR_KM, FAR_KM = 10.0, 25.0
EVENT_MATCH_KM = 25.0
_WINDOW = 150  # characters of text shown with a mistake
_LISTED = 8  # at most this many predicted items shown beside a miss


# --- the gold --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEvent:
    event_type: str
    sub_event_type: str
    date: str | None
    place: str | None  # the location's name as written
    lat: float | None
    lon: float | None
    precision: str | None  # exact|near|region
    fatalities: int | None  # None: the text does not say


@dataclass(frozen=True)
class GoldClaim:
    measure: str
    count: int | None
    claimant: str | None


@dataclass(frozen=True)
class DevsetItem:
    index: int  # line number in the gold file (1-based)
    id: str
    genre: str
    published: str | None
    title: str | None
    text: str
    events: tuple[GoldEvent, ...]
    claims: tuple[GoldClaim, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]


def _number(value: Any, kind, where: str, what: str):
    if value is None:
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {what} is not a number: {value!r}") from None


def _event(value: Any, where: str) -> GoldEvent:
    if not isinstance(value, dict) or not value.get("sub_event_type") or not value.get("event_type"):
        raise ValueError(f"{where}: a gold event needs event_type and sub_event_type")
    location = value.get("location") or {}
    return GoldEvent(
        event_type=value["event_type"],
        sub_event_type=value["sub_event_type"],
        date=(value.get("date") or None),
        place=location.get("name") or None,
        lat=_number(location.get("lat"), float, where, "location.lat"),
        lon=_number(location.get("lon"), float, where, "location.lon"),
        precision=location.get("precision") or None,
        fatalities=_number(value.get("fatalities"), int, where, "fatalities"),
    )


def _claim(value: Any, where: str) -> GoldClaim:
    if not isinstance(value, dict) or value.get("measure") not in MEASURES:
        raise ValueError(f"{where}: a gold claim needs a measure, one of {', '.join(sorted(MEASURES))}")
    return GoldClaim(value["measure"], _number(value.get("count"), int, where, "claim count"), value.get("claimant") or None)


def parse_record(record: Any, index: int, where: str) -> DevsetItem:
    """One line of the gold file; ``where`` ('path:line') names it in errors."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not isinstance(record.get("gold"), dict):
        raise ValueError(f"{where}: not a devset record (needs 'text' and a 'gold' object)")
    gold = record["gold"]
    return DevsetItem(
        index=index,
        id=str(record.get("id") or index),
        genre=str(record.get("genre") or "unknown"),
        published=record.get("published") or None,
        title=record.get("title") or None,
        text=record["text"],
        events=tuple(_event(e, where) for e in gold.get("events") or []),
        claims=tuple(_claim(c, where) for c in gold.get("claims") or []),
        people=tuple(str(p) for p in gold.get("people") or []),
        places=tuple(str(p) for p in gold.get("places") or []),
    )


def load(path: str | Path, limit: int | None = None) -> list[DevsetItem]:
    return read_gold_jsonl(path, parse_record, limit)


# --- the matching rules ----------------------------------------------------------------------------


def plain_words(text: str | None) -> tuple[str, ...]:
    """Lower-cased, punctuation removed, split into words: how names are compared."""
    if not text:
        return ()
    kept = "".join(ch for ch in text.lower() if not unicodedata.category(ch).startswith("P"))
    return tuple(kept.split())


def contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """Whether the words ``inner`` occur together, in order, inside ``outer``."""
    n = len(inner)
    return 0 < n <= len(outer) and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def figure(claim: Claim) -> int | None:
    """A claim's single figure: best, else low, else high (the rule is sitrep.tolls')."""
    return figure_of(claim.count)


def event_km(gold: GoldEvent, predicted: Event) -> float | None:
    """Great-circle distance between a gold and a predicted event; None when either lacks coordinates."""
    loc = predicted.location
    if gold.lat is None or gold.lon is None or loc is None or loc.lat is None or loc.lon is None:
        return None
    return distance_km(gold.lat, gold.lon, loc.lat, loc.lon)


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[Event]) -> list[int | None]:
    """For each gold event, the index of the unused predicted event that finds it (same sub-type, within
    25 km or either without coordinates), or None. The nearest candidate is taken; one without
    coordinates only when no located one qualifies."""
    used: set[int] = set()
    out: list[int | None] = []
    for g in gold:
        best: tuple[tuple[int, float], int] | None = None
        for j, p in enumerate(predicted):
            if j in used or p.sub_event_type != g.sub_event_type:
                continue
            km = event_km(g, p)
            if km is not None and km > EVENT_MATCH_KM:
                continue
            rank = (1, 0.0) if km is None else (0, km)
            if best is None or rank < best[0]:
                best = (rank, j)
        out.append(None if best is None else best[1])
        if best is not None:
            used.add(best[1])
    return out


def claim_found_by(gold: GoldClaim, predicted: Claim) -> bool:
    return gold.measure in (predicted.measure or ()) and figure(predicted) == gold.count


def counted_claims(claims: Sequence[Claim]) -> list[Claim]:
    """The predicted claims precision is over: those measuring killed/wounded/captured/detained/missing."""
    return [c for c in claims if MEASURES & set(c.measure or ())]


def claimant_right(gold: str | None, predicted: Claim) -> bool:
    """The gold claimant shares a word with the predicted claimant's name or text."""
    words = set(plain_words(gold))
    said = set(plain_words(predicted.claimant.name)) | set(plain_words(predicted.claimant.text))
    return bool(words & said)


def match_claims(gold: Sequence[GoldClaim], predicted: Sequence[Claim]) -> list[int | None]:
    """For each gold claim, the index of the unused predicted claim that finds it, or None; among
    several, one whose claimant is right goes first, else the earliest."""
    used: set[int] = set()
    out: list[int | None] = []
    for g in gold:
        candidates = [j for j, p in enumerate(predicted) if j not in used and claim_found_by(g, p)]
        pick = next((j for j in candidates if claimant_right(g.claimant, predicted[j])), None)
        if pick is None and candidates:
            pick = candidates[0]
        out.append(pick)
        if pick is not None:
            used.add(pick)
    return out


def person_forms(person: Person, text: str) -> list[tuple[str, ...]]:
    """A predicted person's name and every text of its evidence, as plain words."""
    forms = [plain_words(person.name)] + [plain_words(text[s.start : s.end]) for s in person.evidence if s.end <= len(text)]
    return [f for f in forms if f]


def person_found(gold: str, people_forms: Sequence[Sequence[tuple[str, ...]]]) -> bool:
    """The gold name equals a predicted person's name or evidence text, or contains one of two or more words."""
    name = plain_words(gold)
    return any(f == name or (len(f) >= 2 and contains(name, f)) for forms in people_forms for f in forms)


def person_right(forms: Sequence[tuple[str, ...]], gold: Sequence[str]) -> bool:
    """One of the person's forms equals, contains or is contained in a gold name."""
    names = [plain_words(g) for g in gold]
    return any(f == n or contains(f, n) or contains(n, f) for f in forms for n in names if n)


def place_texts(extraction: Extraction, text: str) -> set[str]:
    """The texts of the predicted places' evidence spans."""
    return {text[s.start : s.end] for p in extraction.places for s in p.evidence if s.end <= len(text)}


# --- scoring ---------------------------------------------------------------------------------------


@dataclass
class _Genre:
    sub: Tally
    date: Tally
    near: Tally
    claims: PRF
    people: TwoSided


_ERROR_FIELDS = (
    "main_event:sub_event_type", "main_event:date", "main_event:location", "main_event:fatalities",
    "events:missed", "events:spurious", "claims:missed", "claims:spurious", "claims:claimant",
    "people:missed", "people:spurious", "places:missed",
)


class _Scorer:
    """Accumulates every figure over the items, item by item."""

    def __init__(self) -> None:
        self.sub, self.type, self.date = Tally(), Tally(), Tally()
        self.near, self.far, self.fatalities = Tally(), Tally(), Tally()
        self.events, self.claims = PRF(), PRF()
        self.people = TwoSided()
        self.claimant, self.places = Tally(), Tally()
        self.genres: dict[str, _Genre] = {}
        self.by_sub: dict[str, Tally] = {}
        self.confused: dict[str, Counter] = {}
        self.errors: dict[str, list[ErrorCase]] = {f: [] for f in _ERROR_FIELDS}
        self.results: list[dict[str, Any]] = []

    def error(self, field: str, item: DevsetItem, gold, predicted, at: tuple[int, int] | None = None) -> None:
        self.errors[field].append(ErrorCase(field, item.id, gold, predicted, excerpt(item.text, at)))

    def genre(self, name: str) -> _Genre:
        return self.genres.setdefault(name, _Genre(Tally(), Tally(), Tally(), PRF(), TwoSided()))

    def item(self, item: DevsetItem, x: Extraction) -> None:
        result: dict[str, Any] = {"id": item.id, "genre": item.genre}
        if item.events:
            result["main_event"] = self.main_event(item, x)
        result["events"] = self.all_events(item, x)
        result["claims"] = self.claim_set(item, x)
        result["people"] = self.people_set(item, x)
        result["places"] = self.place_set(item, x)
        self.results.append(result)

    def main_event(self, item: DevsetItem, x: Extraction) -> dict[str, Any]:
        gold, predicted = item.events[0], facts.main_event(x)
        genre = self.genre(item.genre)
        at = _event_span(predicted)
        sub = predicted.sub_event_type if predicted else None
        sub_ok = genre.sub.add(self.sub.add(sub == gold.sub_event_type))
        self.by_sub.setdefault(gold.sub_event_type, Tally()).add(sub_ok)
        if not sub_ok:
            self.confused.setdefault(gold.sub_event_type, Counter())[sub or "no event"] += 1
            self.error("main_event:sub_event_type", item, gold.sub_event_type, sub, at)
        type_ok = self.type.add(predicted is not None and predicted.event_type == gold.event_type)
        day = predicted.date.start[:10] if predicted and predicted.date and predicted.date.start else None
        date_ok = genre.date.add(self.date.add(gold.date is not None and day == gold.date))
        if not date_ok and predicted is not None:  # no event at all is listed once, under the sub-type
            words = predicted.date.text if predicted and predicted.date and predicted.date.text else None
            self.error("main_event:date", item, gold.date, f"{day} ({words!r})" if words else day, at)
        out: dict[str, Any] = {
            "gold": {"sub_event_type": gold.sub_event_type, "date": gold.date, "place": gold.place,
                     "fatalities": gold.fatalities},
            "predicted": None if predicted is None else {
                "sub_event_type": predicted.sub_event_type, "date": day,
                "place": predicted.location.name if predicted.location else None, "fatalities": predicted.fatalities},
            "sub_event_type": sub_ok, "event_type": type_ok, "date": date_ok,
        }
        if gold.precision in POINT_PRECISIONS and gold.lat is not None and gold.lon is not None:
            km = event_km(gold, predicted) if predicted is not None else None
            near = genre.near.add(self.near.add(km is not None and km <= NEAR_KM))
            self.far.add(km is not None and km <= FAR_KM)
            out["km"] = None if km is None else round(km, 1)
            if not near and predicted is not None:
                where = predicted.location
                shown = None if where is None else f"{where.name}: " + (f"{km:.0f} km" if km is not None else "no point")
                self.error("main_event:location", item, f"{gold.place} ({gold.precision})", shown,
                           _find(item.text, gold.place))
        if gold.fatalities is not None:
            said = predicted.fatalities if predicted else None
            out["fatalities"] = self.fatalities.add(said == gold.fatalities)
            if not out["fatalities"] and predicted is not None:
                self.error("main_event:fatalities", item, gold.fatalities, said, at)
        return out

    def all_events(self, item: DevsetItem, x: Extraction) -> dict[str, int]:
        matched = match_events(item.events, x.events)
        found = sum(m is not None for m in matched)
        self.events.merge(PRF(tp=found, fp=len(x.events) - found, fn=len(item.events) - found))
        shown_predicted = [_event_label(e) for e in x.events][:_LISTED]
        for g, m in zip(item.events, matched):
            if m is None:
                self.error("events:missed", item, _gold_event_label(g), shown_predicted, _find(item.text, g.place))
        used = set(matched)
        shown_gold = [_gold_event_label(g) for g in item.events][:_LISTED]
        for j, e in enumerate(x.events):
            if j not in used:
                self.error("events:spurious", item, shown_gold, _event_label(e), _event_span(e))
        return {"gold": len(item.events), "predicted": len(x.events), "found": found}

    def claim_set(self, item: DevsetItem, x: Extraction) -> dict[str, int]:
        counted = counted_claims(x.claims)
        matched = match_claims(item.claims, counted)
        found = sum(m is not None for m in matched)
        prf = PRF(tp=found, fp=len(counted) - found, fn=len(item.claims) - found)
        self.claims.merge(prf)
        self.genre(item.genre).claims.merge(prf)
        right = Tally()
        shown_predicted = [_claim_label(c) for c in counted][:_LISTED]
        for g, m in zip(item.claims, matched):
            if m is None:
                self.error("claims:missed", item, _gold_claim_label(g), shown_predicted, _find_number(item.text, g.count))
            elif g.claimant is not None and not right.add(claimant_right(g.claimant, counted[m])):
                self.error("claims:claimant", item, g.claimant, _claimant_label(counted[m]), _span(counted[m].evidence))
        self.claimant.merge(right)
        used = set(matched)
        shown_gold = [_gold_claim_label(g) for g in item.claims][:_LISTED]
        for j, c in enumerate(counted):
            if j not in used:
                self.error("claims:spurious", item, shown_gold, _claim_label(c), _span(c.evidence))
        return {"gold": len(item.claims), "predicted": len(counted), "found": found,
                "claimant_right": right.correct, "claimant_scored": right.total}

    def people_set(self, item: DevsetItem, x: Extraction) -> dict[str, int]:
        forms = [person_forms(p, item.text) for p in x.people]
        names = [p.name for p in x.people][:_LISTED]
        found = 0
        for name in item.people:
            if person_found(name, forms):
                found += 1
            else:
                self.error("people:missed", item, name, names, _find(item.text, name))
        right = 0
        for person, its_forms in zip(x.people, forms):
            if person_right(its_forms, item.people):
                right += 1
            else:
                self.error("people:spurious", item, list(item.people)[:_LISTED], person.name,
                           _span(person.evidence[0] if person.evidence else None))
        counts = (found, len(item.people), right, len(x.people))
        self.people.add(*counts)
        self.genre(item.genre).people.add(*counts)
        return {"gold": len(item.people), "found": found, "predicted": len(x.people), "right": right}

    def place_set(self, item: DevsetItem, x: Extraction) -> dict[str, int]:
        texts = place_texts(x, item.text)
        found = 0
        for name in item.places:
            if self.places.add(name in texts):
                found += 1
            else:
                self.error("places:missed", item, name, sorted(texts)[:_LISTED], _find(item.text, name))
        return {"gold": len(item.places), "found": found}


# --- what a mistake shows --------------------------------------------------------------------------


def excerpt(text: str, at: tuple[int, int] | None) -> str:
    """About _WINDOW characters of the text around ``at`` (a span), else its beginning; one line."""
    if at is None:
        start = 0
    else:
        start = max(0, min(at[0] - _WINDOW // 3, len(text) - _WINDOW))
        while start > 0 and not text[start - 1].isspace() and at[0] - start < _WINDOW // 2:
            start -= 1  # begin at a word
    piece = " ".join(text[start : start + _WINDOW].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + _WINDOW < len(text) else "")


def _find(text: str, needle: str | None) -> tuple[int, int] | None:
    if not needle:
        return None
    i = text.find(needle)
    return None if i < 0 else (i, i + len(needle))


def _find_number(text: str, count: int | None) -> tuple[int, int] | None:
    """Where the gold figure is written in digits, if it is (figures in words are not searched)."""
    if count is None:
        return None
    found = re.search(rf"(?<![\d,.]){count}(?![\d,])", text)
    return None if found is None else found.span()


def _span(span) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def _event_span(event: Event | None) -> tuple[int, int] | None:
    return _span(event.evidence[0]) if event is not None and event.evidence else None


def _event_label(event: Event) -> str:
    where = event.location.name if event.location else "?"
    return f"{event.sub_event_type} @ {where}"


def _gold_event_label(event: GoldEvent) -> str:
    return f"{event.sub_event_type} @ {event.place or '?'}"


def _claim_label(claim: Claim) -> str:
    return f"{'/'.join(claim.measure)} {figure(claim)}"


def _gold_claim_label(claim: GoldClaim) -> str:
    return f"{claim.measure} {claim.count}" + (f" ({claim.claimant})" if claim.claimant else "")


def _claimant_label(claim: Claim) -> str | None:
    c = claim.claimant
    if c.name and c.text and c.text != c.name:
        return f"{c.name} ({c.text!r})"
    return c.name or c.text


# --- the report ------------------------------------------------------------------------------------


def score(items: Sequence[DevsetItem], extractions: Sequence[Extraction]) -> Report:
    """Score extractions (one per gold item, same order) by the corpus's definitions."""
    if len(items) != len(extractions):
        raise ValueError(f"{len(items)} gold items but {len(extractions)} extractions")
    s = _Scorer()
    for item, x in zip(items, extractions):
        s.item(item, x)
    report = Report("devset", TITLE, CREDIT, items=len(items))
    report.add("main_event", "sub_event_type", s.sub.accuracy, s.sub.total)
    report.add("main_event", "event_type", s.type.accuracy, s.type.total)
    report.add("main_event", "date", s.date.accuracy, s.date.total)
    report.add("main_event", "location within 10 km", s.near.accuracy, s.near.total)
    report.add("main_event", "location within 25 km", s.far.accuracy, s.far.total)
    report.add("main_event", "fatalities exact", s.fatalities.accuracy, s.fatalities.total)
    for name, prf in (("events", s.events), ("claims", s.claims)):
        report.add(name, "precision", prf.precision, prf.tp + prf.fp)
        report.add(name, "recall", prf.recall, prf.support)
        report.add(name, "F1", prf.f1, prf.support)
    report.add("claims", "claimant right", s.claimant.accuracy, s.claimant.total)
    report.add("people", "precision", s.people.precision, s.people.predicted)
    report.add("people", "recall", s.people.recall, s.people.gold)
    report.add("people", "F1", s.people.f1, s.people.gold)
    report.add("places", "recall", s.places.accuracy, s.places.total)
    report.tables += [_genre_table(s), _sub_type_table(s), _mistakes_table(s)]
    for field in _ERROR_FIELDS:
        report.errors += across_genres(s.errors[field], {i.id: i.genre for i in items})
    report.results = s.results
    report.notes += [
        "Scored by the definitions in the corpus's README: the main event is the first event sitrep lists; "
        "its location counts where the gold precision is exact or near, its fatalities where the gold "
        "gives a figure. Events, claims, people and places are compared within each report.",
        "claims: precision over sitrep's claims measuring killed/wounded/captured/detained/missing; a claim's "
        "figure is its best, else low, else high; claimant right over found claims whose gold claimant is "
        "not null.",
        "Each report was extracted with its publication date and title. Mistakes of the main event's date, "
        "location and fatalities are listed where sitrep gave a main event; a report with none is listed once, "
        "under its sub-type. --errors N takes each field's mistakes from every genre in turn.",
        facts.language_note(extractions),
    ]
    return report


def across_genres(cases: list[ErrorCase], genre_of: dict[str, str]) -> list[ErrorCase]:
    """The mistakes of one field taken in turn from each genre (the first of every genre, then the
    second ...), so the first N listed show N different kinds of report rather than the first file's."""
    queues: dict[str, list[ErrorCase]] = {}
    for case in cases:
        queues.setdefault(genre_of.get(case.item, ""), []).append(case)
    out: list[ErrorCase] = []
    for rank in range(max((len(q) for q in queues.values()), default=0)):
        out += [q[rank] for q in queues.values() if rank < len(q)]
    return out


def _mistakes_table(s: _Scorer) -> Table:
    rows = [[field, str(len(s.errors[field]))] for field in _ERROR_FIELDS]
    return Table("Mistakes per field (listed with --errors N)", ["field", "mistakes"], rows)


def _cell(value: float | None) -> str:
    return format_value(value, "ratio")


def _genre_table(s: _Scorer) -> Table:
    rows = [
        [name, str(g.sub.total), _cell(g.sub.accuracy), _cell(g.date.accuracy), _cell(g.near.accuracy),
         _cell(g.claims.f1), _cell(g.people.f1)]
        for name, g in sorted(s.genres.items(), key=lambda kv: (-kv[1].sub.total, kv[0]))
    ]
    return Table("Per genre", ["genre", "n", "sub-type", "date", "loc ≤10 km", "claims F1", "people F1"], rows)


def _sub_type_table(s: _Scorer) -> Table:
    rows = []
    for name, tally in sorted(s.by_sub.items(), key=lambda kv: (-kv[1].total, kv[0])):
        wrong = s.confused.get(name, Counter()).most_common(1)
        taken = f"{wrong[0][0]} ({wrong[0][1]})" if wrong else ""
        rows.append([name, str(tally.total), _cell(tally.accuracy), taken])
    return Table("Main event by gold sub-type (recall)", ["gold sub_event_type", "n", "recall", "most often taken for"], rows)


def evaluate(path: str | Path, limit: int | None = None, extractor: Extractor | None = None, progress: bool = True) -> Report:
    """Load the gold file, extract each report once, and score."""
    items = load(path, limit)
    extractor = extractor or Extractor()
    extractor.run(((i.text, i.published, i.title) for i in items), "devset", progress)
    report = score(items, [extractor(i.text, i.published, i.title) for i in items])
    report.texts, report.seconds = extractor.texts, extractor.seconds
    return report
