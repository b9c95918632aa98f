"""The evaluation's own data files (beside this module in ``data/``): loaded once, cached.

TSV files have a header line; plain lists have one entry per line. Lines starting with '#' are
comments in both.
"""

from __future__ import annotations

import csv
import json

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


def read_gold_jsonl(path, parse_record, limit: int | None = None) -> list:
    """Records of a gold JSON Lines file, each a JSON object passed through
    ``parse_record(record, index, where)`` (``where`` is 'path:line', for its errors). Blank lines are
    skipped; a line that is not a JSON object is refused, naming the file and the line."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for index, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{index}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not a JSON object ({exc.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{where}: not a JSON object")
            items.append(parse_record(record, index, where))
            if limit is not None and len(items) >= limit:
                break
    return items
