"""Text tables for people at a terminal and for Markdown, drawn by tabulate (MIT): the listing
commands, the registers and the evaluation reports all print through here.

Long cells are cut to a readable width (with "…"); numbers are right-aligned, text left-aligned.
"""

from __future__ import annotations

from typing import Any, Sequence

# characters a column shows at most (None: all of it; ids are never cut)
MAX_WIDTH: dict[str, int | None] = {"id": None, "evidence": 60, "notes": 70, "snippet": 70, "title": 40, "report": 40, "report_title": 40}
DEFAULT_WIDTH = 32


def cell(value: Any, width: int | None = DEFAULT_WIDTH) -> str:
    """One cell as text on one line, cut to ``width`` characters (None: not cut)."""
    text = "" if value is None else " ".join(str(value).split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def text_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int | None] | None = None) -> str:
    """``rows`` (dicts) under a header of ``columns``: aligned, long cells cut (MAX_WIDTH, or ``widths``)."""
    from tabulate import tabulate

    limits = {**MAX_WIDTH, **(widths or {})}
    body = [[cell(r.get(c), limits.get(c, DEFAULT_WIDTH)) for c in columns] for r in rows]
    right = [bool(rows) and all(_is_number(r.get(c)) for r in rows) and any(r.get(c) is not None for r in rows)
             for c in columns]
    return tabulate(body, headers=list(columns), tablefmt="simple", disable_numparse=True,
                    colalign=["right" if r else "left" for r in right])


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool = False,
         right: Sequence[bool] | None = None) -> str:
    """Rows of strings as they are (no cutting): a plain text table, or a Markdown (pipe) table;
    ``right`` says which columns align right (default: the ones holding only figures)."""
    from tabulate import tabulate

    if right is None:
        right = [bool(rows) and all(_is_figure(r[i]) for r in rows) for i in range(len(header))]
    align = ["right" if r else "left" for r in right]
    return tabulate([list(r) for r in rows], headers=list(header), tablefmt="pipe" if markdown else "simple",
                    colalign=align, disable_numparse=True)


def _is_number(value: Any) -> bool:
    """A stored number (or nothing): such columns align right; text that looks like a number does not."""
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _is_figure(text: str) -> bool:
    return text in ("", "–") or text.replace(".", "", 1).replace("%", "", 1).lstrip("-").isdigit()
