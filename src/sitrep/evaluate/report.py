"""What an evaluation found, and how it is printed: a table for people, JSON for programs, Markdown
for the README.

A ``Report`` is plain data: the scorers fill it, the renderers only format it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sitrep.tables import grid


@dataclass
class Score:
    """One figure: ``value`` of ``metric`` for ``field`` over ``n`` scored items."""

    field: str
    metric: str
    value: float | None
    n: int
    unit: str = "ratio"  # ratio|km|abs (an absolute error in the field's own units)
    reference: dict[str, float] = field(default_factory=dict)  # published figures of other systems

    @property
    def key(self) -> str:
        """The name floors and lookups use: ``field/metric``."""
        return f"{self.field}/{self.metric}"


@dataclass
class ErrorCase:
    """One gold item sitrep got wrong, for reading the mistakes."""

    field: str
    item: str  # row number (1-based) or id in the gold file
    gold: Any
    predicted: Any
    text: str


@dataclass
class Table:
    """A breakdown printed after the scores (per genre, per type ...): informative, not floored."""

    title: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Report:
    dataset: str  # isaf|ucdp|acled|devset
    title: str
    credit: str
    items: int  # gold rows scored
    texts: int = 0  # distinct texts extracted
    seconds: float = 0.0  # time spent extracting
    scores: list[Score] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[ErrorCase] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)  # names of the reference systems, in column order
    tables: list[Table] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)  # per gold item, for diffing two runs (JSON only)

    def add(self, field_: str, metric: str, value: float | None, n: int, unit: str = "ratio", **reference) -> Score:
        score = Score(field_, metric, value, n, unit, dict(reference))
        self.scores.append(score)
        return score

    def get(self, key: str) -> Score:
        for score in self.scores:
            if score.key == key:
                return score
        raise KeyError(key)

    def value(self, key: str) -> float | None:
        return self.get(key).value

    def to_dict(self, errors: int = 0) -> dict[str, Any]:
        data = asdict(self)
        data["scores"] = [dict(asdict(s), key=s.key) for s in self.scores]
        data["errors"] = [asdict(e) for e in first_errors(self.errors, errors)]
        return data


def first_errors(errors: list[ErrorCase], per_field: int) -> list[ErrorCase]:
    """At most ``per_field`` error cases for each field, in gold order."""
    seen: dict[str, int] = {}
    out = []
    for case in errors:
        if seen.get(case.field, 0) < per_field:
            seen[case.field] = seen.get(case.field, 0) + 1
            out.append(case)
    return out


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "km":
        return f"{value:.1f} km"
    if unit == "abs":
        return f"{value:.2f}"
    return f"{value:.3f}"


def _rows(report: Report) -> list[list[str]]:
    rows = []
    for s in report.scores:
        row = [s.field, s.metric, format_value(s.value, s.unit), str(s.n)]
        row += [format_value(s.reference[name], s.unit) if name in s.reference else "" for name in report.systems]
        rows.append(row)
    return rows


def _header(report: Report) -> list[str]:
    return ["field", "metric", "sitrep", "n", *report.systems]


def _heading(report: Report) -> str:
    return (
        f"{report.title}: {report.items} gold items, {report.texts} texts extracted "
        f"in {report.seconds:.1f} s"
    )


def _figure_columns(header: list[str]) -> list[bool]:
    """The scores table: field and metric are words, the rest figures."""
    return [i >= 2 for i in range(len(header))]


def render_text(report: Report, errors: int = 0) -> str:
    header, rows = _header(report), _rows(report)
    out = [_heading(report), "", grid(header, rows, right=_figure_columns(header))]
    for table in report.tables:
        out += ["", *_text_table(table)]
    if report.notes:
        out += ["", *(f"- {note}" for note in report.notes)]
    out += ["", f"Gold data: {report.credit}"]
    cases = sorted(first_errors(report.errors, errors), key=lambda c: _field_order(report, c.field))
    if cases:
        out += ["", f"Mistakes (up to {errors} per field):"]
        for c in cases:
            excerpt = " ".join(c.text.split())[:160]
            out.append(f"  [{c.field}] #{c.item}: gold={c.gold!r} predicted={c.predicted!r} | {excerpt}")
    return "\n".join(out)


def _text_table(table: Table) -> list[str]:
    """The title, then the columns aligned: figures to the right, words to the left."""
    return [f"{table.title}:", grid(table.header, table.rows)]


def _markdown_table(table: Table) -> list[str]:
    return [f"*{table.title}*", "", grid(table.header, table.rows, markdown=True)]


def _field_order(report: Report, field_: str) -> int:
    """Mistakes are listed field by field, in the order the scores show the fields."""
    names = list(dict.fromkeys(s.field for s in report.scores))
    return names.index(field_) if field_ in names else len(names)


def render_markdown(report: Report) -> str:
    header, rows = _header(report), _rows(report)
    out = [f"**{_heading(report)}**", "", grid(header, rows, markdown=True, right=_figure_columns(header))]
    for table in report.tables:
        out += ["", *_markdown_table(table)]
    if report.notes:
        out += ["", *(f"- {note}" for note in report.notes)]
    out += ["", f"Gold data: {report.credit}"]
    return "\n".join(out)


def render_json(report: Report, errors: int = 0) -> str:
    return json.dumps(report.to_dict(errors), ensure_ascii=False, indent=2)
