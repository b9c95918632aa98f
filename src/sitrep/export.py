"""Events out, for the tools people already use: ACLED-style CSV (R, pandas, spreadsheets), JSON lines,
GeoJSON (QGIS) and Parquet.

    from sitrep.export import export
    with Store.open("sitrep.db") as store:
        n = export(store, "acled-csv", "events.csv", Filters(since="2022-03-01"))

Every format carries the same columns: ACLED's names, then sitrep's own. Where ACLED would put a
number sitrep does not know (fatalities of an event nobody counted, precision of an undated
event), the cell is empty rather than a made-up 0. Rows stream from the database, so an export of
millions of events does not need millions of rows in memory.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Iterator, TextIO

from sitrep.query import Filters, listing_select
from sitrep.store import Store

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)
SITREP_COLUMNS = ("claimant", "certainty", "fatalities_low", "fatalities_high", "document_url")
COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS
FORMATS = ("acled-csv", "jsonl", "geojson", "parquet")

# ACLED's codes: time 1 = the day is known, 2 = within a week, 3 = only the month or longer;
# geo 1 = the town itself, 2 = near it / part of a region, 3 = a larger region only.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"exact": 1, "near": 2, "region": 3, "country": 3}
_BATCH = 5000


def acled_row(r: dict[str, Any]) -> dict[str, Any]:
    """One row of the event_reports view -> the export's columns."""
    return {
        "event_id_cnty": f"{r['document_id']}-{r['event_id']}",
        "event_date": r["date"],
        "time_precision": TIME_PRECISION.get(r["date_precision"]),
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "actor1": r["actor1"],
        "actor2": r["actor2"],
        "admin1": r["admin1"],
        "location": r["location"],
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "geo_precision": GEO_PRECISION.get(r["geo_precision"]) if r["location"] else None,
        "source": r["outlet"],
        "notes": " ".join(r["notes"].split()) if r["notes"] else None,
        "fatalities": r["fatalities"],
        "claimant": r["claimant"],
        "certainty": r["certainty"],
        "fatalities_low": r["fatalities_low"],
        "fatalities_high": r["fatalities_high"],
        "document_url": r["report_url"],
    }


def export_rows(store: Store, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
    """The filtered events, newest first, as export rows (streamed)."""
    with store.read() as conn:
        result = conn.execution_options(yield_per=_BATCH).execute(listing_select("events", filters, limit=None))
        for row in result:
            yield acled_row(dict(row._mapping))


def export(store: Store, fmt: str, out: str | Path | TextIO | BinaryIO | None = None,
           filters: Filters | None = None) -> int:
    """Write the filtered events to ``out`` (a path, a file object, or None for stdout) in ``fmt``
    (one of FORMATS); returns the number of events written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    rows = export_rows(store, filters)
    if fmt == "parquet":
        with _open(out, binary=True) as f:
            return write_parquet(rows, f)
    with _open(out, binary=False) as f:
        return {"acled-csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}[fmt](rows, f)


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


def write_csv(rows, f: TextIO) -> int:
    writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
    return n


def write_jsonl(rows, f: TextIO) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def geojson_feature(row: dict[str, Any]) -> dict[str, Any]:
    """A Point where the event has coordinates; a feature with no geometry (allowed by RFC 7946) where
    it has none, so the export loses no event."""
    located = row["latitude"] is not None and row["longitude"] is not None
    geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]} if located else None
    return {"type": "Feature", "id": row["event_id_cnty"], "geometry": geometry, "properties": row}


def write_geojson(rows, f: TextIO) -> int:
    f.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for n, row in enumerate(rows, 1):
        f.write((",\n" if n > 1 else "") + json.dumps(geojson_feature(row), ensure_ascii=False))
    f.write("\n]}\n")
    return n


def parquet_schema():
    import pyarrow as pa

    integer = {"time_precision", "geo_precision", "fatalities", "fatalities_low", "fatalities_high"}
    real = {"latitude", "longitude"}
    return pa.schema([
        (c, pa.int32() if c in integer else pa.float64() if c in real else pa.string()) for c in COLUMNS
    ])


def write_parquet(rows, f: BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    sink = f if not isinstance(f, io.TextIOBase) else f.buffer
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _BATCH:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        # Always write one (possibly empty) batch: an export with no events is still a valid file with the columns.
        writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
        n += len(batch)
    return n
