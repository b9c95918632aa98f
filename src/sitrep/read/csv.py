"""CSV and TSV: one document per row, columns chosen by name.

Each Document field (text, title, date, url, id, outlet) takes the first header that matches one of
its default names (read/data/csv_columns.tsv, case-insensitive) unless ``columns`` names it. A row
with an empty text is a ReadFailure with the line it starts on; the other rows are still read.
"""

from __future__ import annotations

import csv
import io
import sys
from functools import lru_cache

from sitrep.read.base import RECORD_FIELDS, Items, ReadFailure, load_table, record_document
from sitrep.read.decode import NotText, decode_bytes

# Articles are long; the csv module's default field limit (128 KiB) would refuse a long report.
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
FIELD_ALIASES = {"published": "date"}


@lru_cache(maxsize=1)
def default_columns() -> dict[str, tuple[str, ...]]:
    return {row["field"]: tuple(row["columns"].split()) for row in load_table("csv_columns.tsv")}


def check_columns(columns: dict | None) -> dict[str, str]:
    """The user's field -> column mapping with field names checked ('published' means 'date')."""
    checked: dict[str, str] = {}
    for field, column in (columns or {}).items():
        field = FIELD_ALIASES.get(field, field)
        if field not in RECORD_FIELDS:
            raise ValueError(f"unknown CSV field {field!r}; known: {', '.join(RECORD_FIELDS)}")
        if column:
            checked[field] = str(column)
    return checked


def read_csv(data: bytes, source: str, published: str | None = None, columns: dict | None = None,
             delimiter: str | None = None) -> Items:
    try:
        text = decode_bytes(data)
    except NotText as exc:
        yield ReadFailure(source, str(exc))
        return
    csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _delimiter(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield ReadFailure(source, f"malformed CSV header: {exc}", 1)
        return
    if not header:
        yield ReadFailure(source, "empty CSV file: no header line")
        return
    mapping = _map_columns(header, check_columns(columns))
    if isinstance(mapping, str):
        yield ReadFailure(source, mapping, 1)
        return
    yield from _rows(reader, mapping, source, published)


def _delimiter(text: str) -> str:
    """Comma, unless the header line has none and uses semicolons (as spreadsheets in many locales do)."""
    first = text.split("\n", 1)[0]
    return ";" if "," not in first and ";" in first else ","


def _map_columns(header: list[str], chosen: dict[str, str]) -> dict[str, int] | str:
    """Field -> column index, or a reason when the text column (or a chosen column) is missing."""
    index = {name.strip().lower(): i for i, name in reversed(list(enumerate(header)))}
    mapping: dict[str, int] = {}
    for field, names in default_columns().items():
        if field in chosen:
            wanted = chosen[field].strip().lower()
            if wanted not in index:
                return f"no column {chosen[field]!r} (for {field}) in the header: {', '.join(header)}"
            mapping[field] = index[wanted]
            continue
        found = next((index[n] for n in names if n in index), None)
        if found is not None:
            mapping[field] = found
    if "text" not in mapping:
        return f"no text column (looked for {', '.join(default_columns()['text'])}) in the header: {', '.join(header)}"
    return mapping


def _rows(reader, mapping: dict[str, int], source: str, published: str | None) -> Items:
    while True:
        line = reader.line_num + 1  # the line this row starts on (a quoted field may span lines)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadFailure(source, f"malformed CSV row: {exc}", line)
            continue
        if not any(cell.strip() for cell in row):
            continue
        record = {field: (row[i] if i < len(row) else None) for field, i in mapping.items()}
        document = record_document(record, f"{source}:{line}", published)
        yield ReadFailure(source, document, line) if isinstance(document, str) else document
