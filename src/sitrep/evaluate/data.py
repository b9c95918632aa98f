"""The evaluation's own data files (beside this module in ``data/``): loaded once, cached.

TSV files have a header line; plain lists have one entry per line. Lines starting with '#' are
comments in both.
"""

from __future__ import annotations

import csv

from sitrep.datafiles import read_lines, read_table


def load_lines(name: str) -> tuple[str, ...]:
    return read_lines(__package__, f"data/{name}")


def load_table(name: str) -> tuple[dict[str, str], ...]:
    return read_table(__package__, f"data/{name}")


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
