"""UCDP Georeferenced Event Dataset rows: each row's source headlines -> deaths, claimant, place.

Gold: the GED CSV (UCDP, CC BY 4.0). A row is one event; ``source_headline`` holds one or more
(machine-translated) headlines separated by ';', ``source_date`` their dates in the same order, and
each headline is extracted with its own date as publication date.

Deaths are compared per *cluster*, not per row: UCDP splits one headline's toll over several events
and backs one event with several headlines, so rows that share a headline (same text, same date) are
joined, and the cluster's gold is the sum of its rows' best/low/high. The prediction for a cluster is
the largest killed total any one of its headlines gives (the headlines are alternative reports of the
same deaths, and a headline's number covers every event it was split into).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sitrep.evaluate.data import read_gold_csv
from sitrep.evaluate import facts
from sitrep.evaluate.data import load_lines
from sitrep.evaluate.metrics import (
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

TITLE = "UCDP GED Ukraine 2014–2021 (source headlines)"
CREDIT = "UCDP Georeferenced Event Dataset (Sundberg & Melander 2013; Davies et al.), CC BY 4.0."
REQUIRED_COLUMNS = ("source_headline", "source_date", "best", "low", "high")
MAX_WHERE_PREC = 3  # 1 exact, 2 within ~25 km, 3 second-order division: precise enough for a distance
_EXCERPT = 400


@dataclass(frozen=True)
class Headline:
    text: str
    published: str | None  # ISO date


@dataclass(frozen=True)
class UcdpRow:
    index: int  # data row number (1-based, header not counted)
    id: str
    headlines: tuple[Headline, ...]
    claimant: str
    best: int
    low: int
    high: int
    where_prec: int | None
    where_description: str
    adm_1: str
    lat: float | None
    lon: float | None


# --- reading the gold ----------------------------------------------------------------------------


def parse_date(value: str) -> str | None:
    """UCDP writes source dates as 2014-01-22 or 22/01/2014."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def split_headlines(headlines: str, dates: str) -> tuple[Headline, ...]:
    """Pair each headline with its date (by position; the first date where the lists differ in length)."""
    texts = [h.strip() for h in headlines.split(";")]
    days = [parse_date(d) for d in dates.split(";")]
    first = next((d for d in days if d), None)
    out = []
    for i, text in enumerate(texts):
        if text:
            day = days[i] if i < len(days) and days[i] else first
            out.append(Headline(text, day))
    return tuple(out)


def _int(value: str) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_row(record: dict[str, str], index: int) -> UcdpRow:
    return UcdpRow(
        index=index,
        id=record.get("id", "") or str(index),
        headlines=split_headlines(record.get("source_headline", ""), record.get("source_date", "")),
        claimant=(record.get("source_original") or "").strip(),
        best=_int(record.get("best", "")),
        low=_int(record.get("low", "")),
        high=_int(record.get("high", "")),
        where_prec=_int(record["where_prec"]) if (record.get("where_prec") or "").strip() else None,
        where_description=(record.get("where_description") or "").strip(),
        adm_1=(record.get("adm_1") or "").strip(),
        lat=_float(record.get("latitude", "")),
        lon=_float(record.get("longitude", "")),
    )


def load(path: str | Path, limit: int | None = None) -> list[UcdpRow]:
    return read_gold_csv(path, REQUIRED_COLUMNS, "a UCDP GED file", parse_row, limit)


# --- clusters of rows that share headlines -------------------------------------------------------


def clusters(rows: Sequence[UcdpRow]) -> list[list[int]]:
    """Indexes (into ``rows``) of rows joined by shared headlines, each cluster in row order."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Headline, int] = {}
    for i, row in enumerate(rows):
        for headline in row.headlines:
            j = owner.setdefault(headline, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())


@lru_cache(maxsize=1)
def _death_word() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load_lines("death_words.txt"))
    return re.compile(rf"\b(?:{words})", re.IGNORECASE)


def mentions_death(text: str) -> bool:
    """Whether a headline says that someone died (so it can carry a death toll at all)."""
    return bool(_death_word().search(text))


# --- scoring -------------------------------------------------------------------------------------


def score(rows: Sequence[UcdpRow], extractions: Sequence[Sequence[Extraction]]) -> Report:
    """Score extractions (for each gold row, one per headline, in the row's order) against UCDP."""
    if len(rows) != len(extractions) or any(len(r.headlines) != len(x) for r, x in zip(rows, extractions)):
        raise ValueError("extractions must give one Extraction per headline of every row")
    report = Report("ucdp", TITLE, CREDIT, items=len(rows))
    _score_deaths(report, rows, extractions)
    _score_claimants(report, rows, extractions)
    _score_places(report, rows, extractions)
    report.notes.append(facts.language_note(x for xs in extractions for x in xs))
    return report


def _excerpt(row: UcdpRow) -> str:
    return " ; ".join(h.text for h in row.headlines)[:_EXCERPT]


def _score_deaths(report: Report, rows, extractions) -> None:
    exact, in_range, answered = Tally(), Tally(), Tally()
    pairs: list[tuple[int, int]] = []
    groups = clusters(rows)
    scored_rows = 0
    for group in groups:
        members = [rows[i] for i in group]
        if not any(mentions_death(h.text) for r in members for h in r.headlines):
            continue
        scored_rows += len(members)
        gold_best = sum(r.best for r in members)
        gold_low, gold_high = sum(r.low for r in members), sum(r.high for r in members)
        predicted = _cluster_figure([facts.incident_total(x, facts.KILLED, minimum=True) for i in group for x in extractions[i]])
        answered.add(predicted is not None)
        exact.add(predicted == gold_best)
        if not in_range.add(within(predicted, gold_low, gold_high)):
            report.errors.append(ErrorCase(
                "deaths", ",".join(str(r.index) for r in members),
                f"{gold_best} ({gold_low}–{gold_high})", predicted, " | ".join(_excerpt(r) for r in members)[:_EXCERPT],
            ))
        if predicted is not None:
            pairs.append((gold_best, predicted))
    report.add("deaths", "answered", answered.accuracy, answered.total)
    report.add("deaths", "exact (best)", exact.accuracy, exact.total)
    report.add("deaths", "within low–high", in_range.accuracy, in_range.total)
    report.add("deaths", "mean abs error (answered)", mean_abs_error(pairs), len(pairs), unit="abs")
    report.notes.append(
        f"deaths: {len(groups)} clusters of rows joined by shared headlines; the {answered.total} clusters "
        f"({scored_rows} rows) whose headlines mention a death (data/death_words.txt) are scored. Gold: the "
        "sum of the cluster's best/low/high; predicted: the largest killed total of any one headline "
        "(incident-scope claims counting only 'killed', one figure per event; a vague 'dozens' only when no "
        "headline gives a precise figure); no figure counts as wrong."
    )


def _cluster_figure(totals: list[facts.Total | None]) -> int | None:
    """The largest precise killed total any headline gives ("Twelve fighters killed" beats a
    neighbouring "Dozens killed"); vague ones only when no headline gives a precise figure."""
    given = [t for t in totals if t is not None]
    precise = [t.best for t in given if t.precise]
    figures = precise or [t.best for t in given]
    return max(figures) if figures else None


def _score_claimants(report: Report, rows, extractions) -> None:
    overall, named, agree = Tally(), Tally(), Tally()
    for row, xs in zip(rows, extractions):
        gold = facts.name_tokens(row.claimant)
        if not gold:
            continue
        predicted = [s for x in xs for s in facts.claimant_strings(x)]
        ok = facts.names_match(row.claimant, predicted)
        overall.add(ok)
        headline_words = set().union(*(facts.name_tokens(h.text) for h in row.headlines))
        if gold & headline_words and not named.add(ok):
            report.errors.append(ErrorCase("claimant", str(row.index), row.claimant, predicted, _excerpt(row)))
        if predicted:
            agree.add(ok)
    report.add("claimant", "token overlap", overall.accuracy, overall.total)
    report.add("claimant", "token overlap (named in headline)", named.accuracy, named.total)
    report.add("claimant", "precision", agree.accuracy, agree.total)
    report.notes.append(
        "claimant: source_original against the claimants (name, naming words, intermediaries) of the "
        "row's headlines' claims and events; a match is a token overlap: one of the names listed in source_original and one "
        "claimant share at least half the words of the shorter (folded, plural 's' ignored, filler words in "
        "data/claimant_stopwords.txt dropped). 'named in headline': rows where a word of the gold "
        "claimant occurs in a headline at all; precision: rows where sitrep named any claimant."
    )


def _score_places(report: Report, rows, extractions) -> None:
    adm1, adm1_answered, described = Tally(), Tally(), Tally()
    distances: list[float] = []
    area_distances: list[float] = []  # the former reading: an area's stand-in point counted as a location
    answered, located, area_only = Tally(), Tally(), Tally()
    for row, xs in zip(rows, extractions):
        if row.adm_1:
            gold = facts.admin1_key(row.adm_1, "UA") or facts.fold(row.adm_1)
            predicted = set().union(*(facts.admin1_keys(x, "UA") for x in xs))
            if not adm1.add(gold in predicted):
                report.errors.append(ErrorCase("adm_1", str(row.index), row.adm_1, sorted(predicted), _excerpt(row)))
            if predicted:
                adm1_answered.add(gold in predicted)
        if row.where_description:
            words = f" {facts.fold(row.where_description)} "
            names = {facts.fold(s) for x, h in zip(xs, row.headlines) for s in facts.place_strings(x, h.text)}
            described.add(any(name and f" {name} " in words for name in names))
        if row.where_prec is not None and row.where_prec <= MAX_WHERE_PREC and row.lat is not None and row.lon is not None:
            point = next((p for p in (facts.best_point(x) for x in xs) if p is not None), None)
            stand_in = next((p for p in (facts.best_point(x, facts.AREA_POINTS) for x in xs) if p is not None), None)
            if stand_in is not None:
                area_distances.append(distance_km(row.lat, row.lon, stand_in[0], stand_in[1]))
            answered.add(stand_in is not None)
            area_only.add(point is None and stand_in is not None)
            if located.add(point is not None):
                km = distance_km(row.lat, row.lon, point[0], point[1])
                distances.append(km)
                if km > 50:
                    report.errors.append(ErrorCase("location", str(row.index), f"{row.where_description} ({row.lat}, {row.lon})", f"({point[0]:.4f}, {point[1]:.4f}) {km:.0f} km", _excerpt(row)))
            else:
                report.errors.append(ErrorCase("location", str(row.index), row.where_description, None, _excerpt(row)))
    report.add("adm_1", "hit rate", adm1.accuracy, adm1.total)
    report.add("adm_1", "hit rate (answered)", adm1_answered.accuracy, adm1_answered.total)
    report.add("where_description", "place named", described.accuracy, described.total)
    report.add("location", "answered", answered.accuracy, answered.total)
    report.add("location", "located (exact, near or region)", located.accuracy, located.total)
    report.add("location", "median error", median(distances), len(distances), unit="km")
    report.add("location", "within 25 km", share_within(distances, 25), len(distances))
    report.add("location", "within 50 km", share_within(distances, 50), len(distances))
    report.add("location", "placed only in an area", area_only.accuracy, area_only.total)
    report.add("location", "within 25 km (area points too)", share_within(area_distances, 25), len(area_distances))
    report.notes.append(
        "adm_1: the gold oblast among the Ukrainian first-order divisions the row's extractions name. "
        "where_description: some extracted place name (resolved or as written) occurs in UCDP's "
        f"description. location: rows with where_prec <= {MAX_WHERE_PREC}; sitrep's point is the first "
        "event location with coordinates, else its most precise place (exact > near > region), from the "
        "first headline that has one; distances (great circle) over the rows located so. A place at area "
        "precision ('eastern Ukraine', 'Donbas': UCDP's where_prec 5) has only a stand-in point, no answer "
        f"to where an event at where_prec <= {MAX_WHERE_PREC} happened: 'answered' counts rows with any point "
        "finer than the country (area stand-ins too), 'located' those with an exact, near or region point, "
        "'placed only in an area' those with nothing finer than an area, and 'within 25 km (area points "
        "too)' scores the stand-in points as if they were locations (the reading before areas had a "
        "precision of their own). An area is not credited by containment: the areas headlines name here "
        "('eastern Ukraine', 'Donbas') hold every row's point, so containment would score the data set's scope."
    )


def evaluate(path: str | Path, limit: int | None = None, extractor: Extractor | None = None, progress: bool = True) -> Report:
    """Load the gold file, extract each distinct (headline, date) once, and score."""
    rows = load(path, limit)
    extractor = extractor or Extractor()
    extractor.run(((h.text, h.published) for r in rows for h in r.headlines), "ucdp", progress)
    report = score(rows, [[extractor(h.text, h.published) for h in r.headlines] for r in rows])
    report.texts, report.seconds = extractor.texts, extractor.seconds
    return report
