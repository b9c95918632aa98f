"""Score sitrep against gold data: ISAF press releases, UCDP GED, ACLED exports.

Python API::

    from sitrep.evaluate import evaluate_file
    report = evaluate_file("isaf-press-releases-dev.jsonl")      # format detected
    report.value("min_killed/accuracy")

Each gold format has a module (``isaf``, ``ucdp``, ``acled``, ``devset``) with ``load(path, limit)``, a pure
``score(rows, extractions) -> Report`` and ``evaluate(path, limit, extractor, progress)``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sitrep.evaluate.report import (
    Report,
    Score,
    render_json,
    render_markdown,
    render_text,
)
from sitrep.evaluate.runner import Extractor

FORMATS = ("isaf", "ucdp", "acled", "devset")

__all__ = ["FORMATS", "Extractor", "Report", "Score", "detect_format", "evaluate_file",
           "render_json", "render_markdown", "render_text"]


def detect_format(path: str | Path) -> str:
    """isaf (JSON Lines with text + labels), devset (JSON Lines with text + gold), ucdp (CSV with
    source_headline), acled (CSV with notes and event_type). Raises ValueError naming the file when it
    is none of these."""
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
    stripped = first.strip()
    if stripped.startswith("{"):
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: first line is not valid JSON ({exc.msg})") from None
        if isinstance(record, dict) and "text" in record and "labels" in record:
            return "isaf"
        if isinstance(record, dict) and "text" in record and "gold" in record:
            return "devset"
        raise ValueError(
            f"{path}: JSON Lines with neither 'text' and 'labels' (ISAF) nor 'text' and 'gold' (devset) on the first line"
        )
    header = next(csv.reader([first]), [])
    if "source_headline" in header:
        return "ucdp"
    if "notes" in header and "event_type" in header:
        return "acled"
    raise ValueError(f"{path}: cannot tell the gold format (expected ISAF or devset JSONL, UCDP GED CSV or ACLED CSV)")


def evaluate_file(path: str | Path, fmt: str = "auto", limit: int | None = None,
                  extractor: Extractor | None = None, progress: bool = True) -> Report:
    """Extract every gold text once and score it; ``fmt`` is one of FORMATS or 'auto'."""
    from sitrep.evaluate import acled, devset, isaf, ucdp

    fmt = detect_format(path) if fmt == "auto" else fmt
    modules = {"isaf": isaf, "ucdp": ucdp, "acled": acled, "devset": devset}
    if fmt not in modules:
        raise ValueError(f"unknown gold format {fmt!r} (choose from {', '.join(FORMATS)} or auto)")
    return modules[fmt].evaluate(path, limit=limit, extractor=extractor, progress=progress)
