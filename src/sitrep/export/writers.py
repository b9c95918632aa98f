"""Rows out as files: CSV, JSON Lines, GeoJSON and Parquet. Each writer takes rows (dicts) as they
stream and the columns to write, and returns how many rows it wrote.

Every CSV an export writes goes through ``write_csv``: the one place to change how cells are written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from typing import Any, BinaryIO, Iterable, TextIO

BATCH = 5000


# OWASP's rule against CSV (formula) injection: a cell that begins with one of these is read by a
# spreadsheet as a formula ("=HYPERLINK(...)", "@SUM(...)", "-2+3"), so it is written after a single quote,
# which the spreadsheet shows as text. A cell that is only a number ("-12", "+3.5", "1e-3") is data, not a
# formula, and is left as it is (OWASP's page notes that the quote breaks such numbers).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    """``value`` as a spreadsheet should see it: a string that would start a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, Any]], f: TextIO, columns: tuple[str, ...] | list[str], *,
              raw: bool = False, ignore_extra: bool = False, delimiter: str = ",") -> int:
    """Rows as CSV (or TSV: ``delimiter="\\t"``) with a header of ``columns``. Cells that a spreadsheet would
    run as a formula are neutralised (``neutralise_cell``) unless ``raw``; ``ignore_extra`` drops keys not
    in ``columns``."""
    # csv.writer over lists, not DictWriter over a neutralised copy of each dict: a web download of a
    # month of events (3,000 rows) spent most of its time there
    writer = csv.writer(f, lineterminator="\n", delimiter=delimiter)
    writer.writerow(columns)
    wanted = frozenset(columns)
    n = 0
    for n, row in enumerate(rows, 1):
        if not ignore_extra and not wanted.issuperset(row):
            raise ValueError(f"row has fields not in the columns: {sorted(set(row) - wanted)}")
        cells = [row.get(c) for c in columns]
        if not raw:
            cells = [neutralise_cell(v) if v.__class__ is str and v[:1] in _FORMULA_FIRST else v for v in cells]
        writer.writerow(cells)
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], f: TextIO, columns: tuple[str, ...] = ()) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def geojson_feature(row: dict[str, Any], id_column: str) -> dict[str, Any]:
    """A Point where the event has coordinates; a feature with no geometry (allowed by RFC 7946) where
    it has none, so the export loses no event."""
    located = row["latitude"] is not None and row["longitude"] is not None
    geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]} if located else None
    return {"type": "Feature", "id": row[id_column], "geometry": geometry, "properties": row}


def write_geojson(rows: Iterable[dict[str, Any]], f: TextIO, columns: tuple[str, ...]) -> int:
    f.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for n, row in enumerate(rows, 1):
        f.write((",\n" if n > 1 else "") + json.dumps(geojson_feature(row, columns[0]), ensure_ascii=False))
    f.write("\n]}\n")
    return n


def parquet_schema(columns: tuple[str, ...], dates=frozenset(), integers=frozenset(), reals=frozenset()):
    """Dates as Parquet dates, codes and counts as 64-bit integers, coordinates as doubles, the rest text."""
    import pyarrow as pa

    def kind(c: str):
        return pa.date32() if c in dates else pa.int64() if c in integers else pa.float64() if c in reals else pa.string()

    return pa.schema([(c, kind(c)) for c in columns])


def _typed(row: dict[str, Any], dates) -> dict[str, Any]:
    for c in dates:
        value = row.get(c)
        if isinstance(value, str):
            try:
                row[c] = date.fromisoformat(value)
            except ValueError:  # not a day: no date rather than a wrong one
                row[c] = None
    return row


def write_parquet(rows: Iterable[dict[str, Any]], f: BinaryIO, schema, dates=frozenset()) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    sink = f if not isinstance(f, io.TextIOBase) else f.buffer
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(_typed(dict(row), dates))
            if len(batch) >= BATCH:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        # Always write one (possibly empty) batch: an export with no events is still a valid file with the columns.
        writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
        n += len(batch)
    return n
