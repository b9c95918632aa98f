"""ISAF press releases (Afghanistan 2009–2013) with human labels: text -> min_killed, min_captured,
province, start_date, event type.

Gold: ``{"text", "labels": {start_date, event_type[], province[], min_killed, min_captured, ...}}``
per line (A. Strick van Linschoten & F. Kuehn, CC BY-SA 4.0). The releases date themselves in their
dateline ("KABUL, Afghanistan (Jan. 10, 2011)"), so no publication date is passed to the extractor
unless a record carries a ``published`` field.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sitrep.evaluate import facts
from sitrep.evaluate.data import load_table, read_gold_jsonl, split_list
from sitrep.evaluate.metrics import PRF, Tally, mean_abs_error
from sitrep.evaluate.report import ErrorCase, Report
from sitrep.evaluate.runner import Extractor
from sitrep.extract.dates import night_began, period_ended
from sitrep.extract.places import is_dateline
from sitrep.model import Extraction
from sitrep.tolls import least_of

TITLE = "ISAF press releases (dev set)"
CREDIT = (
    "ISAF press releases dataset, A. Strick van Linschoten & F. Kuehn, CC BY-SA 4.0. "
    "Reference columns: published per-field accuracies of language models on the same task."
)
UNKNOWN_PROVINCES = frozenset({"", "??", "?"})
# min_killed is how many the operation killed: the enemy and any civilians. The releasing forces' own dead
# (a state's soldiers, police, guards: tolls.camp_of "state") are reported beside it but are not in the label.
KILLED_CAMPS: frozenset[str | None] = frozenset({"armed group", "civilians", None})
# a release's label says what its operations did: a figure over several separate operations (a cumulative
# claim, no one incident's toll) still tells that they killed or detained
LABEL_SCOPES = frozenset({"incident", "cumulative"})
_EXCERPT = 400


@dataclass(frozen=True)
class IsafRow:
    index: int  # line number in the gold file (1-based)
    text: str
    published: str | None
    start_date: str | None
    labels: frozenset[str]
    provinces: frozenset[str] | None  # None: the gold does not know ('??' or empty)
    min_killed: int
    min_captured: int


@dataclass(frozen=True)
class IsafPrediction:
    min_killed: int
    min_captured: int
    provinces: frozenset[str]  # where the events happened (else every place named)
    place_provinces: frozenset[str]  # every Afghan place named, the dateline's included
    start_date: str | None
    date_source: str  # event|published|none
    date_words: str | None  # the words that dated the main event
    labels: frozenset[str]


# --- reading the gold ----------------------------------------------------------------------------


def parse_row(record: dict, index: int) -> IsafRow:
    labels = record.get("labels") or {}
    return IsafRow(
        index=index,
        text=record.get("text") or "",
        published=record.get("published") or None,
        start_date=(labels.get("start_date") or None),
        labels=_split_labels(labels.get("event_type") or []),
        provinces=gold_provinces(labels.get("province") or []),
        min_killed=int(labels.get("min_killed") or 0),
        min_captured=int(labels.get("min_captured") or 0),
    )


def _split_labels(values: list[str]) -> frozenset[str]:
    """The gold writes two labels as one string 'insurgentskilled;detention'."""
    return frozenset(part.strip() for v in values for part in v.split(";") if part.strip())


def gold_provinces(values: list[str]) -> frozenset[str] | None:
    names = [part.strip() for v in values for part in v.split(";")]
    if all(n in UNKNOWN_PROVINCES for n in names):
        return None
    return frozenset(facts.admin1_key(n, "AF") or facts.fold(n) for n in names if n not in UNKNOWN_PROVINCES)


def load(path: str | Path, limit: int | None = None) -> list[IsafRow]:
    return read_gold_jsonl(path, lambda record, index, where: parse_row(record, index), limit)


# --- reading the extraction ----------------------------------------------------------------------


@dataclass(frozen=True)
class LabelRule:
    label: str
    precedence: int
    event_types: frozenset[str]
    sub_event_types: frozenset[str]
    tags: frozenset[str]
    fatal_events: bool
    measures: frozenset[str]
    subject_groups: frozenset[str]
    requires: tuple[str, ...]


@lru_cache(maxsize=1)
def label_rules() -> tuple[LabelRule, ...]:
    """The ISAF label <-> sitrep/ACLED mapping, from data/isaf_labels.tsv, in precedence order."""
    rules = [
        LabelRule(
            label=row["label"],
            precedence=int(row["precedence"]),
            event_types=frozenset(split_list(row["event_types"])),
            sub_event_types=frozenset(split_list(row["sub_event_types"])),
            tags=frozenset(split_list(row["tags"])),
            fatal_events=row["fatal_events"] == "yes",
            measures=frozenset(split_list(row["measures"])),
            subject_groups=frozenset(split_list(row["subject_groups"])),
            requires=split_list(row["requires"]),
        )
        for row in load_table("isaf_labels.tsv")
    ]
    return tuple(sorted(rules, key=lambda r: r.precedence))


def _event_matches(rule: LabelRule, extraction: Extraction) -> bool:
    for event in extraction.events:
        if event.event_type in rule.event_types or event.sub_event_type in rule.sub_event_types:
            return True
        if rule.tags & set(event.tags) or (rule.fatal_events and (event.fatalities or 0) > 0):
            return True
    return False


def _claim_matches(rule: LabelRule, extraction: Extraction) -> bool:
    if not rule.measures:
        return False
    for claim in extraction.claims:
        if claim.scope not in LABEL_SCOPES or claim.certainty == "denied" or not claim.measure:
            continue
        if not set(claim.measure) <= rule.measures or (least_of(claim.count) or 0) <= 0:  # "several" is a positive count
            continue
        if not rule.subject_groups or claim.subject.group in rule.subject_groups:
            return True
    return False


def label_holds(label: str, extraction: Extraction) -> bool:
    """Whether the extraction shows what the ISAF label means (see data/isaf_labels.tsv)."""
    rule = next(r for r in label_rules() if r.label == label)
    if rule.requires:
        return all(label_holds(required, extraction) for required in rule.requires)
    return _event_matches(rule, extraction) or _claim_matches(rule, extraction)


def predict_label(extraction: Extraction) -> str | None:
    """The ISAF label for the release: the first, in precedence order, whose condition holds."""
    for rule in label_rules():
        if label_holds(rule.label, extraction):
            return rule.label
    return None


def _named_outside_datelines(extraction: Extraction, text: str | None) -> Extraction:
    """The extraction with only the places named somewhere other than a dateline ("KABUL, Afghanistan
    (Jan. 10, 2011) —" says where the release was issued, not where anything happened)."""
    if not text:
        return extraction
    kept = [p for p in extraction.places
            if not p.evidence or any(not is_dateline(text, span.start, span.end) for span in p.evidence)]
    return dataclasses.replace(extraction, places=kept)


def predict(extraction: Extraction, text: str | None = None) -> IsafPrediction:
    killed = facts.incident_total(extraction, facts.KILLED, minimum=True, camps=KILLED_CAMPS, text=text)
    captured = facts.incident_total(extraction, facts.CAPTURED, minimum=True, text=text)
    start, source = facts.event_date(extraction)
    words = None
    if source == "event":
        dated = _operation_date(extraction)
        start, words = dated.start[:10], " ".join((dated.text or "").lower().split()) or None  # type: ignore[index]
        # an operation "overnight", coded on the day the night ended, started the day before; the operations of
        # "the past 24 hours" in an update are coded on the update's day, where the span ends
        start = night_began(dated) or period_ended(dated) or start
    label = predict_label(extraction)
    return IsafPrediction(
        min_killed=killed.best if killed else 0,
        min_captured=captured.best if captured else 0,
        provinces=frozenset(facts.event_admin1_keys(extraction, "AF")
                            or facts.admin1_keys(_named_outside_datelines(extraction, text), "AF")),
        place_provinces=frozenset(facts.admin1_keys(extraction, "AF")),
        start_date=start,
        date_source=source,
        date_words=words,
        labels=frozenset({label} if label else ()),
    )


def _operation_date(extraction: Extraction):
    """The date of the operation a release reports: the first event dated by words of its own ("yesterday",
    "Feb. 6", "overnight"), else the first dated event (a headline's event, told without a day, has only the
    release's date)."""
    dated = [e for e in extraction.events if e.date is not None and e.date.start]
    return next((e.date for e in dated if e.date.text), dated[0].date)


# --- scoring -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def reference_scores() -> dict[tuple[str, str], dict[str, float]]:
    """(field, metric) -> {system: published accuracy} for the ISAF task."""
    out: dict[tuple[str, str], dict[str, float]] = {}
    for row in load_table("reference_scores.tsv"):
        if row["dataset"] == "isaf":
            out.setdefault((row["field"], row["metric"]), {})[row["system"]] = float(row["value"])
    return out


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return None


def score(rows: Sequence[IsafRow], extractions: Sequence[Extraction]) -> Report:
    """Score extractions (one per gold row, same order) against the ISAF labels."""
    if len(rows) != len(extractions):
        raise ValueError(f"{len(rows)} gold rows but {len(extractions)} extractions")
    report = Report("isaf", TITLE, CREDIT, items=len(rows), systems=["fine-tuned 7B", "GPT-4o"])
    refs = reference_scores()
    predictions = [predict(x, row.text) for row, x in zip(rows, extractions)]

    def error(field: str, row: IsafRow, gold, predicted) -> None:
        report.errors.append(ErrorCase(field, str(row.index), gold, predicted, row.text[:_EXCERPT]))

    for name, gold_of, pred_of in (
        ("min_killed", lambda r: r.min_killed, lambda p: p.min_killed),
        ("min_captured", lambda r: r.min_captured, lambda p: p.min_captured),
    ):
        exact, any_ = Tally(), Tally()
        for row, p in zip(rows, predictions):
            if not exact.add(gold_of(row) == pred_of(p)):
                error(name, row, gold_of(row), pred_of(p))
            any_.add((gold_of(row) > 0) == (pred_of(p) > 0))
        report.add(name, "accuracy", exact.accuracy, exact.total, **refs.get((name, "accuracy"), {}))
        report.add(name, "mean abs error", mean_abs_error((gold_of(r), pred_of(p)) for r, p in zip(rows, predictions)), len(rows), unit="abs")
        report.add(name, "any vs none", any_.accuracy, any_.total)

    _score_provinces(report, rows, predictions, error, refs)
    _score_dates(report, rows, predictions, error, refs)
    _score_labels(report, rows, predictions, error)
    report.notes[:0] = [
        (
            "min_killed / min_captured: the sum of the extraction's incident-scope claims that count only "
            "'killed' (resp. only 'captured'/'detained'), the killed not counting a state's soldiers or police (the releasing "
            "forces' own dead are not in the label; lexicons/toll_camps.tsv), one figure per group of people an event's claims "
            "name (a later claim naming people an earlier one named tells them again; one joining them to others counts all) (its largest claim, a stated figure "
            "of two or more before a vague word; the low end of a range, of 'at least N' or of a vague 'several'), plus the claims of "
            "others besides ('also detained two': adds_to), each claim tied to no event on its own, a figure told again "
            "counted once (others besides the same claim told twice too); 0 when there is none."
        ),
        "No publication date was passed unless a record has one (these carry none: the releases date themselves).",
    ]
    report.notes.append(facts.language_note(extractions))
    return report


def _score_provinces(report: Report, rows, predictions, error, refs) -> None:
    exact, items, literal = Tally(), PRF(), Tally()
    unknown = 0
    for row, p in zip(rows, predictions):
        if row.provinces is None:
            unknown += 1
            continue
        if not exact.add(row.provinces == p.provinces):
            error("province", row, sorted(row.provinces), sorted(p.provinces))
        items.add_sets(row.provinces, p.provinces)
        literal.add(row.provinces == p.place_provinces)
    report.add("province", "exact set", exact.accuracy, exact.total, **refs.get(("province", "exact set"), {}))
    report.add("province", "precision", items.precision, items.tp + items.fp)
    report.add("province", "recall", items.recall, items.support)
    report.add("province", "exact set (all places)", literal.accuracy, literal.total)
    report.notes.append(
        "province: the Afghan provinces where the extracted events happened (event locations: a province "
        "at region precision, else its admin1), or, when no event has an Afghan location, those of every "
        "Afghan place named outside a dateline; 'all places' counts every place named, the dateline's 'KABUL' included. "
        "Compared as sets with the gold (names folded, aliases in data/admin1_aliases.tsv); "
        f"{unknown} rows with an unknown gold province ('??' or empty) are not scored."
    )


def _score_dates(report: Report, rows, predictions, error, refs) -> None:
    exact, near = Tally(), Tally()
    by_source: dict[str, Tally] = {}
    by_words: dict[str, Tally] = {}
    for row, p in zip(rows, predictions):
        if row.start_date is None:
            continue
        ok = p.start_date is not None and p.start_date == row.start_date[:10]
        by_source.setdefault(p.date_source, Tally()).add(ok)
        by_words.setdefault(_date_word_kind(p.date_words), Tally()).add(ok)
        if not exact.add(ok):
            error("start_date", row, row.start_date, p.start_date)
        apart = _days_apart(row.start_date, p.start_date)
        near.add(apart is not None and apart <= 1)
    report.add("start_date", "accuracy", exact.accuracy, exact.total, **refs.get(("start_date", "accuracy"), {}))
    report.add("start_date", "within 1 day", near.accuracy, near.total)
    resolved = ", ".join(
        f"{source} {t.total} ({t.correct} right)" for source, t in sorted(by_source.items())
    )
    words = ", ".join(
        f"{kind} {t.total} ({t.correct} right)"
        for kind, t in sorted(by_words.items(), key=lambda kv: -kv[1].total)[:_DATE_WORD_KINDS]
    )
    report.notes.append(
        "start_date: the first event's start that words of its own date, else the first dated event's (for an event dated by a night that ended on its day, "
        "'overnight', the day the night began; for a span of days up to the release, 'the past 24 hours', the day it "
        "ended), else the extraction's publication date (e.g. read "
        f"from the dateline), else none. Resolved from: {resolved or 'nothing'}. "
        f"Most common dating words: {words or 'none'}."
    )


_DATE_WORD_KINDS = 6
_DIGITS = re.compile(r"\d+")


def _date_word_kind(words: str | None) -> str:
    """'Feb. 6' and 'Feb. 7' are one kind of dating: digits become '#'; no words -> '(none)'."""
    return f"'{_DIGITS.sub('#', words)}'" if words else "(none)"


def _score_labels(report: Report, rows, predictions, error) -> None:
    exact = Tally()
    per_label = {rule.label: PRF() for rule in label_rules()}
    for row, p in zip(rows, predictions):
        for label in set(per_label) | row.labels:
            per_label.setdefault(label, PRF()).add(label in row.labels, label in p.labels)
        if not exact.add(row.labels == p.labels):
            error("event_type", row, sorted(row.labels), sorted(p.labels))
    report.add("event_type", "exact label set", exact.accuracy, exact.total)
    for label, prf in sorted(per_label.items(), key=lambda kv: -kv[1].support):
        report.add(f"event_type:{label}", "precision", prf.precision, prf.tp + prf.fp)
        report.add(f"event_type:{label}", "recall", prf.recall, prf.support)
        report.add(f"event_type:{label}", "F1", prf.f1, prf.support)
    report.notes.append(
        "event_type: one ISAF label per release read off the extraction by the rules in "
        "data/isaf_labels.tsv (airstrike = ACLED Air/drone strike; detention = Arrests or a capture/"
        "detention claim; insurgentskilled = a killed claim or a fatal event; captureandkill = both; "
        "civiliancasualty = Violence against civilians or a civilian casualty claim), first match in "
        "precedence order; per-label precision/recall are over releases."
    )


def evaluate(path: str | Path, limit: int | None = None, extractor: Extractor | None = None, progress: bool = True) -> Report:
    """Load the gold file, extract each release once, and score."""
    rows = load(path, limit)
    extractor = extractor or Extractor()
    extractor.run(((r.text, r.published) for r in rows), "isaf", progress)
    report = score(rows, [extractor(r.text, r.published) for r in rows])
    report.texts, report.seconds = extractor.texts, extractor.seconds
    return report
