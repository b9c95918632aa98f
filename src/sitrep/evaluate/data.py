"""The evaluation's own data files (beside this module in ``data/``): loaded once, cached.

TSV files have a header line; plain lists have one entry per line. Lines starting with '#' are
comments in both.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@cache
def load_lines(name: str) -> tuple[str, ...]:
    lines = (line.strip() for line in _read(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    lines = [ln for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


def split_list(cell: str) -> tuple[str, ...]:
    """A '|'-separated cell as a tuple (empty cell -> empty tuple)."""
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def read_gold_csv(path, required, what: str, parse_row, limit: int | None = None) -> list:
    """Rows of a gold CSV file (UTF-8, with or without BOM), each through ``parse_row(record, index)``;
    a file that lacks a ``required`` column is refused, naming it and ``what`` the file should be."""
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: not {what}, missing columns: {', '.join(missing)}")
        for index, record in enumerate(reader, 1):
            rows.append(parse_row(record, index))
            if limit is not None and len(rows) >= limit:
                break
    return rows
