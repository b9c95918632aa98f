"""The claims timeline: for one subject and measure, every claim in time order, and at each point the
spread between what the claimants say.

Pure: takes claim rows as `sitrep claims` lists them (query.claims / the ``casualty_claims`` view) and
returns points. "How many Russian soldiers have died?" — Kyiv's 20,000, the Kremlin's "significant
losses" (a claim without a figure), NATO's "up to 40,000 captured, injured or dead" (a combined measure,
flagged) — each a point with its claimant, figure (low/best/high), certainty and source.

    spec = parse_subject("RU military")
    points = build_timeline(rows, spec, measure="killed", scope="cumulative")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from sitrep.lexicons import load_table
from sitrep.store.rows import split_joined
from sitrep.tolls import row_figure

GROUPS = ("military", "civilians", "mixed", "unknown")
# A claim of "losses" (dead, wounded, captured together, or unspecified) answers a question about the
# dead only broadly: it is kept on the timeline, marked, unless the caller asks for the measure alone.
BROAD_MEASURES = ("losses",)
# Claimant kinds that speak for a side's authorities: the Kremlin and its spokesman are one camp.
AUTHORITY_KINDS = ("government", "military", "official")


@lru_cache(maxsize=1)
def side_words() -> dict[str, str]:
    return {row["word"].lower(): row["side"] for row in load_table("side_words.tsv")}


@dataclass(frozen=True)
class SubjectSpec:
    side: str | None = None
    group: str | None = None

    def label(self) -> str:
        return " ".join(p for p in (self.side, self.group) if p) or "any subject"


def parse_subject(text: str | None) -> SubjectSpec:
    """"RU military", "Russian military", "ukrainian civilians", "RU" -> side + group."""
    side = group = None
    for word in (text or "").replace(",", " ").split():
        w = word.lower()
        if w in GROUPS or w.rstrip("s") in GROUPS or w in ("soldiers", "troops", "servicemen"):
            group = w if w in GROUPS else ("military" if w in ("soldiers", "troops", "servicemen") else w.rstrip("s"))
        elif len(w) == 2 and w.isalpha():
            side = w.upper()
        elif w in side_words():
            side = side_words()[w]
        else:
            raise ValueError(f"cannot read {word!r} in the subject {text!r}: give a side (RU, Russian ...) "
                             f"and/or a group ({', '.join(GROUPS)})")
    return SubjectSpec(side, group)


def subject_matches(row: dict[str, Any], spec: SubjectSpec) -> bool:
    if spec.side and row.get("subject_side") != spec.side:
        return False
    # a toll whose group the report leaves open ("the Russian death toll") still answers the question
    if spec.group and row.get("subject_group") not in (spec.group, "unknown", None):
        return False
    return True


def measure_match(row: dict[str, Any], measure: str | None) -> str | None:
    """exact (the claim counts just that), combined (that among others: "captured, injured or dead"),
    broad ("losses"), or None (another measure)."""
    measures = split_joined(row.get("measure"))
    if measure is None:
        return "exact"
    if measures == [measure]:
        return "exact"
    if measure in measures:
        return "combined"
    if any(m in BROAD_MEASURES for m in measures):
        return "broad"
    return None


def camp(row: dict[str, Any]) -> str:
    """Who the claim speaks for: a side's authorities as one camp, everyone else by name."""
    side, kind = row.get("claimant_side"), row.get("claimant_kind")
    if side and kind in AUTHORITY_KINDS:
        return f"{side} authorities"
    return row.get("claimant") or kind or "unknown"


@dataclass
class Point:
    date: str | None
    claimant: str
    camp: str
    claimant_kind: str | None
    via: list[str]
    measure: list[str]
    match: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None
    figure: int | None
    certainty: str
    scope: str | None
    subject: str | None
    evidence: str | None
    outlet: str | None
    title: str | None
    url: str | None
    document_id: str
    claim_id: str
    spread: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def build_timeline(rows: Iterable[dict[str, Any]], spec: SubjectSpec, measure: str | None = "killed",
                   scope: str | None = "cumulative", strict: bool = False) -> list[Point]:
    """Matching claims oldest first; each point carries the spread of the latest figure of every camp
    as of that point (a camp's newer figure replaces its older one)."""
    kept: list[tuple[dict[str, Any], str]] = []
    for row in rows:
        if scope and row.get("scope") != scope:
            continue
        if not subject_matches(row, spec):
            continue
        match = measure_match(row, measure)
        if match is None or (strict and match != "exact"):
            continue
        kept.append((row, match))
    kept.sort(key=lambda t: (t[0].get("published") or "9999", t[0]["document_id"], _claim_order(t[0]["claim_id"])))
    kept = drop_echoes(kept)
    latest: dict[str, int] = {}
    points = []
    for row, match in kept:
        point = _point(row, match)
        if point.figure is not None:
            latest[point.camp] = point.figure
        point.spread = spread(latest)
        points.append(point)
    return points


def drop_echoes(kept: list[tuple[dict[str, Any], str]]) -> list[tuple[dict[str, Any], str]]:
    """One report often states a figure twice (in the headline and in the attributed sentence): within a
    report, a claim with no named claimant is dropped when a named claim gives the same figure."""
    named = {(r["document_id"], r.get("count_low"), r.get("count_best"), r.get("count_high"))
             for r, _ in kept if r.get("claimant")}
    return [(r, m) for r, m in kept
            if r.get("claimant") or (r["document_id"], r.get("count_low"), r.get("count_best"), r.get("count_high")) not in named]


def _claim_order(claim_id: str) -> tuple[int, str]:
    digits = "".join(c for c in claim_id if c.isdigit())
    return (int(digits) if digits else 0, claim_id)


def _point(row: dict[str, Any], match: str) -> Point:
    return Point(
        date=row.get("published"), claimant=row.get("claimant") or row.get("claimant_kind") or "unknown",
        camp=camp(row), claimant_kind=row.get("claimant_kind"), via=split_joined(row.get("via")),
        measure=split_joined(row.get("measure")), match=match,
        low=row.get("count_low"), best=row.get("count_best"), high=row.get("count_high"),
        qualifier=row.get("qualifier"), figure=row_figure(row), certainty=row.get("certainty") or "reported",
        scope=row.get("scope"), subject=row.get("subject"), evidence=row.get("evidence"),
        outlet=row.get("outlet"), title=row.get("report_title"), url=row.get("report_url"),
        document_id=row["document_id"], claim_id=row["claim_id"],
    )


def spread(latest: dict[str, int]) -> dict[str, Any]:
    """The camps' current figures, lowest and highest, and how far apart (high / low)."""
    if not latest:
        return {"claimants": {}, "low": None, "high": None, "ratio": None, "difference": None}
    low, high = min(latest.values()), max(latest.values())
    return {"claimants": dict(sorted(latest.items())), "low": low, "high": high,
            "ratio": round(high / low, 2) if low else None, "difference": high - low}


def figure_text(p: Point) -> str:
    """"~20000", "up to 40000", "55", "100-120", "no figure"."""
    if p.figure is None:
        return "no figure"
    if p.low is not None and p.high is not None and p.low != p.high:
        text = f"{p.low}-{p.high}"
    else:
        text = str(p.figure)
    prefix = {"approximately": "~", "up_to": "up to ", "at_least": "at least ", "at_most": "at most ",
              "vague": "~"}.get(p.qualifier or "", "")
    return prefix + text


def spread_text(s: dict[str, Any]) -> str:
    if not s.get("claimants"):
        return ""
    n = len(s["claimants"])
    if n == 1:
        return f"{s['low']} (1 claimant)"
    ratio = f", x{s['ratio']}" if s.get("ratio") else ""
    return f"{s['low']}-{s['high']} ({n} claimants{ratio})"


def table_rows(points: list[Point]) -> list[dict[str, Any]]:
    """What the table format shows, one row per point."""
    out = []
    for p in points:
        who = p.claimant + (f" via {', '.join(p.via)}" if p.via else "")
        measure = "" if p.match == "exact" else f" [{'+'.join(p.measure)}]"
        out.append({"date": p.date, "claimant": who, "low": p.low, "best": p.best, "high": p.high,
                    "figure": figure_text(p) + measure, "certainty": p.certainty,
                    "source": p.outlet or p.title or p.document_id, "spread": spread_text(p.spread),
                    "evidence": p.evidence})
    return out


TABLE_COLUMNS = ("date", "claimant", "low", "best", "high", "figure", "certainty", "source", "spread", "evidence")
