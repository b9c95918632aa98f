"""Events out, for the tools people already use: ACLED-style CSV (R, pandas, spreadsheets), UCDP
GED-style CSV, JSON lines, GeoJSON (QGIS) and Parquet (duckdb, pandas, Arrow).

    from sitrep.export import export
    with Store.open("sitrep.db") as store:
        n = export(store, "acled-csv", "events.csv", Filters(since="2022-03-01"))

acled-csv, jsonl, geojson and parquet carry the same columns: ACLED's 31, in ACLED's order and coded
as ACLED codes them where sitrep knows how (export/acled.py), then sitrep's own. ucdp-csv carries
GED's columns (export/ucdp.py). docs/export.md documents every column. Rows stream from the
database, so an export of millions of events does not need millions of rows in memory.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from sitrep.export.acled import ACLED_COLUMNS, COLUMNS, DATE_COLUMNS, INTEGER_COLUMNS, REAL_COLUMNS, SITREP_COLUMNS, acled_row
from sitrep.export.events import export_events
from sitrep.export.ucdp import UCDP_COLUMNS, ucdp_row
from sitrep.export.writers import parquet_schema, write_csv, write_geojson, write_jsonl, write_parquet
from sitrep.query import Filters
from sitrep.store import Store

FORMATS = ("acled-csv", "ucdp-csv", "jsonl", "geojson", "parquet")
__all__ = ["export", "FORMATS", "COLUMNS", "ACLED_COLUMNS", "SITREP_COLUMNS", "UCDP_COLUMNS", "acled_row", "ucdp_row"]


def export(store: Store, fmt: str, out: str | Path | TextIO | BinaryIO | None = None,
           filters: Filters | None = None, *, raw: bool = False) -> int:
    """Write the filtered events to ``out`` (a path, a file object, or None for stdout) in ``fmt``
    (one of FORMATS); returns the number of events written. CSV cells that a spreadsheet would run as a
    formula are written after a quote (writers.neutralise_cell) unless ``raw``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    events = export_events(store, filters)
    if fmt == "ucdp-csv":
        with _open(out, binary=False) as f:
            return write_csv((ucdp_row(e) for e in events), f, UCDP_COLUMNS, raw=raw)
    rows = (acled_row(e) for e in events)
    if fmt == "parquet":
        schema = parquet_schema(COLUMNS, DATE_COLUMNS, INTEGER_COLUMNS, REAL_COLUMNS)
        with _open(out, binary=True) as f:
            return write_parquet(rows, f, schema, DATE_COLUMNS)
    with _open(out, binary=False) as f:
        if fmt == "acled-csv":
            return write_csv(rows, f, COLUMNS, raw=raw)
        return {"jsonl": write_jsonl, "geojson": write_geojson}[fmt](rows, f, COLUMNS)


@contextmanager
def _open(out, binary: bool):
    if out is None:
        yield sys.stdout.buffer if binary else sys.stdout
    elif isinstance(out, (str, Path)):
        with open(out, "wb" if binary else "w", encoding=None if binary else "utf-8",
                  newline=None if binary else "") as f:
            yield f
    else:
        yield out
