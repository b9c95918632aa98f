"""The claims timeline of the web app: for one subject (side + group), one measure and one scope, the
figures each claimant gave over time, shaped so that the chart cannot mislead.

- **One measure per timeline.** A claim counts a set of measures ("killed", or "killed; wounded"); a
  timeline is asked for one exact set, so "322,190 killed or wounded" is never drawn beside "20,000
  killed". The sets that exist are offered as choices (``measure_choices``), each labelled as it is
  ("killed or wounded").
- **Running totals as steps, incidents as points.** A cumulative toll stays what it was said to be
  until the claimant says another figure (a step line per claimant); single incidents are unrelated to
  each other, so they are points, never joined.
- **Ranges as ranges.** A count given as a range with no single best figure ("tens of thousands",
  "between 10 and 15") is drawn as a bar from its low to its high figure and labelled with both; it
  is not put on the line as if it were exact.

A point's ``figure`` is the claim's single figure by sitrep's one rule (``sitrep.tolls.figure``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from typing import Any

from sqlalchemy import Connection, desc, func, or_, select, tuple_

from sitrep.lexicons import load_table
from sitrep.store import schema as S
from sitrep.store.rows import LIST_SEPARATOR, split_joined
from sitrep.tolls import DEATH_MEASURE, death_claim_sql, row_figure

C, D, EV = S.claims.c, S.documents.c, S.evidence.c
SCOPES = ("cumulative", "incident")
TIMELINE_POINTS = 1500  # at most about this many points are drawn: one claim per claimant and day, or month
MAX_MEASURES = 4  # a measure set longer than this is no real claim (and its permutations would be many)


@lru_cache(maxsize=1)
def measure_order() -> tuple[str, ...]:
    """Measures in the order the claim lexicon lists them (killed, wounded, captured ...), then losses."""
    seen: dict[str, None] = {}
    for row in load_table("claim_measures.tsv"):
        for m in row["measure"].split(","):
            seen.setdefault(m.strip(), None)
    seen.setdefault("losses", None)
    return tuple(seen)


def measure_key(measures: list[str] | tuple[str, ...]) -> str:
    """The canonical name of a set of measures: "killed,wounded" (the lexicon's order, no repeats)."""
    order = measure_order()
    unique = sorted(set(measures), key=lambda m: (order.index(m) if m in order else len(order), m))
    return ",".join(unique)


def measure_label(key: str) -> str:
    """ "killed", "killed or wounded", "killed, wounded or captured"."""
    parts = [p.replace("_", " ") for p in key.split(",") if p]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


def stored_forms(key: str) -> list[str]:
    """Every way the store may have joined this set of measures ("killed; wounded", "wounded; killed")."""
    parts = key.split(",")
    return sorted({LIST_SEPARATOR.join(p) for p in permutations(parts)})


def known_measure_key(text: str) -> str | None:
    """``text`` ("killed", "wounded,killed") as a canonical key, or None if a part is no known measure."""
    parts = [p.strip().lower() for p in text.split(",")]
    if not parts or len(parts) > MAX_MEASURES or any(p not in measure_order() for p in parts):
        return None
    return measure_key(parts)


@dataclass(frozen=True)
class TimelineQuery:
    side: str | None = None
    group: str | None = None
    measure: str = DEATH_MEASURE  # a measure key (measure_key)
    scope: str | None = "cumulative"  # None: both scopes, each claimant's running totals and incidents apart
    since: str | None = None
    until: str | None = None


def claimant_label():
    """The line a claim is drawn on: the claimant's name, else its side and kind ("UA government")."""
    return func.coalesce(C.claimant, C.claimant_side + " " + C.claimant_kind, C.claimant_kind, "unknown")


def _has_figure():
    """A figure, or a vague word's conventional bounds (drawn as a labelled range)."""
    return or_(C.count_best.is_not(None), C.count_low.is_not(None), C.count_high.is_not(None),
               C.count_usual_low.is_not(None))


def _conditions(q: TimelineQuery) -> list:
    cond = [_has_figure(), D.published.is_not(None), C.measure.in_(stored_forms(q.measure))]
    if q.side:
        cond.append(C.subject_side == q.side)
    if q.group:
        cond.append(C.subject_group == q.group)
    if q.scope:
        cond.append(C.scope == q.scope)
    if q.since:
        cond.append(D.published >= q.since)
    if q.until:
        cond.append(D.published <= q.until)
    return cond


def timeline_rows(conn: Connection, q: TimelineQuery) -> tuple[str, int, list[dict[str, Any]]]:
    """(bucket, matching claims, kept rows): the latest claim of each claimant (and scope) per day, or
    per month when that would make more than TIMELINE_POINTS points. The choice and the pick are made in
    SQL (a window function, on both engines), so tens of thousands of running totals cost one pass."""
    source = S.claims.join(S.documents, D.id == C.document_id)
    cond = _conditions(q)
    label = claimant_label()
    daily = (select(label, C.scope, D.published, func.count().label("n")).select_from(source).where(*cond)
             .group_by(label, C.scope, D.published).subquery())
    n_days, n_claims = conn.execute(select(func.count(), func.coalesce(func.sum(daily.c.n), 0))).one()
    bucket_name, bucket = ("day", D.published) if n_days <= TIMELINE_POINTS else ("month", func.substr(D.published, 1, 7))
    newest_first = func.row_number().over(partition_by=(label, C.scope, bucket),
                                          order_by=(D.published.desc(), C.document_id.desc(), C.id.desc()))
    ranked = (select(D.published, C.document_id, C.id.label("claim_id"), label.label("line"), C.scope,
                     C.count_low, C.count_best, C.count_high, C.count_usual_low, C.count_usual_high, C.qualifier, C.certainty, C.measure, C.subject,
                     D.outlet, newest_first.label("rn"))
              .select_from(source).where(*cond).subquery())
    stmt = (select(*[c for c in ranked.c if c.name != "rn"]).where(ranked.c.rn == 1)
            .order_by(ranked.c.published, ranked.c.document_id, ranked.c.claim_id))
    return bucket_name, n_claims, [dict(r._mapping) for r in conn.execute(stmt)]


def claim_quotes(conn: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The first evidence span of each claim, cut from its report."""
    out: dict[tuple[str, str], str] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        stmt = (select(EV.document_id, EV.item_id,
                       func.substr(D.text, EV.start_char + 1, EV.end_char - EV.start_char).label("quote"))
                .select_from(S.evidence.join(S.documents, D.id == EV.document_id))
                .where(EV.item_kind == "claim", EV.ord == 0, tuple_(EV.document_id, EV.item_id).in_(chunk)))
        out.update({(r.document_id, r.item_id): r.quote for r in conn.execute(stmt)})
    return out


def _number(n: int) -> str:
    return f"{n:,}"


def shown_as(best: int | None, low: int | None, high: int | None, qualifier: str | None) -> dict[str, Any]:
    """How a count is drawn: ``plotted`` (the value on the line, None for a range with no best figure),
    ``range`` ([low, high] when the count spans one) and ``label`` (what the chart and table say)."""
    spans = low is not None and high is not None and low != high
    if spans:
        label = f"{_number(low)}–{_number(high)}" + (f", best {_number(best)}" if best is not None else "")
        if qualifier == "vague":
            label += " (a vague figure, drawn as a range)"
        return {"plotted": best, "range": [low, high], "label": label}
    if best is not None:
        prefix = {"approximately": "≈ ", "at_least": "≥ ", "at_most": "≤ ", "up_to": "≤ "}.get(qualifier or "", "")
        return {"plotted": best, "range": None, "label": prefix + _number(best)}
    if low is not None:
        return {"plotted": low, "range": None, "label": ("" if high == low else "≥ ") + _number(low)}
    return {"plotted": high, "range": None, "label": "≤ " + _number(high)}


def timeline(conn: Connection, q: TimelineQuery) -> dict[str, Any]:
    """One series per claimant (and scope, when both are asked for), each point with its figure, how it
    is drawn, the claim's words and its report.

    Seam: when the resolver's timeline (sitrep.resolve.timeline) is wanted here, its camps and echo
    removal can replace ``claimant_label``; the JSON shape below stays.
    """
    bucket, n_claims, kept = timeline_rows(conn, q)
    quotes = claim_quotes(conn, [(r["document_id"], r["claim_id"]) for r in kept])
    series: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in kept:
        low, best, high = r["count_low"], r["count_best"], r["count_high"]
        if r["qualifier"] == "vague" and row_figure(r) is None:
            low, high = r["count_usual_low"], r["count_usual_high"]  # "dozens": its conventional bounds
        series.setdefault((r["line"], r["scope"]), []).append({
            "date": r["published"], "figure": row_figure(r), "best": best, "low": low, "high": high,
            **shown_as(best, low, high, r["qualifier"]), "qualifier": r["qualifier"], "certainty": r["certainty"],
            "measure": measure_key(split_joined(r["measure"])), "subject": r["subject"],
            "evidence": quotes.get((r["document_id"], r["claim_id"])), "outlet": r["outlet"],
            "document_id": r["document_id"], "claim_id": r["claim_id"],
        })
    both_scopes = len({scope for _, scope in series}) > 1
    ordered = sorted(series.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return {
        "query": q.__dict__, "measure_label": measure_label(q.measure),
        "series": [{"claimant": name + (f" ({'running totals' if scope == 'cumulative' else 'incidents'})"
                                        if both_scopes else ""),
                    "scope": scope, "style": "steps" if scope == "cumulative" else "points", "points": points}
                   for (name, scope), points in ordered],
        "claims": n_claims, "points": len(kept), "bucket": bucket,
    }


def choices(conn: Connection) -> list[dict[str, Any]]:
    """What a timeline can be drawn of: each subject (side, group), measure set and scope that claims
    with a figure count, with how many claims; most claimed first."""
    stmt = (select(C.subject_side, C.subject_group, C.measure, C.scope, func.count().label("claims"))
            .where(_has_figure(), C.scope.in_(SCOPES))
            .group_by(C.subject_side, C.subject_group, C.measure, C.scope))
    merged: dict[tuple, int] = {}
    for r in conn.execute(stmt):
        key = (r.subject_side, r.subject_group, measure_key(split_joined(r.measure)), r.scope)
        merged[key] = merged.get(key, 0) + r.claims
    return [{"side": s, "group": g, "measure": m, "measure_label": measure_label(m), "scope": sc, "claims": n}
            for (s, g, m, sc), n in sorted(merged.items(), key=lambda kv: (-kv[1], tuple(str(x) for x in kv[0])))]


def main_subject(conn: Connection) -> dict[str, Any] | None:
    """The side and group most often counted by running totals of the dead (the default timeline); else
    the subject most claimed with a figure."""
    deaths = (select(C.subject_side, C.subject_group, func.count().label("n"))
              .where(C.scope == "cumulative", C.subject_side.is_not(None), death_claim_sql(C.measure, C.count_best, C.count_low, C.count_high))
              .group_by(C.subject_side, C.subject_group).order_by(desc("n"), C.subject_side, C.subject_group).limit(1))
    row = conn.execute(deaths).first()
    if row:
        return {"side": row.subject_side, "group": row.subject_group, "measure": DEATH_MEASURE, "scope": "cumulative"}
    anything = (select(C.subject_side, C.subject_group, C.measure, C.scope, func.count().label("n"))
                .where(_has_figure(), C.subject_side.is_not(None), C.scope.in_(SCOPES))
                .group_by(C.subject_side, C.subject_group, C.measure, C.scope)
                .order_by(desc("n"), C.subject_side, C.subject_group, C.measure).limit(1))
    row = conn.execute(anything).first()
    if row is None:
        return None
    return {"side": row.subject_side, "group": row.subject_group,
            "measure": measure_key(split_joined(row.measure)), "scope": row.scope}
