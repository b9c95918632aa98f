"""Datasette metadata for a sitrep database: what each table, view and column holds, the licence, and
the sources to credit (GeoNames, CC BY 4.0). `sitrep metadata > metadata.json` then
`datasette sitrep.db -m metadata.json`.

The descriptions are data (store/data/descriptions.tsv); tests/test_datasette.py checks that every
column of every table and view has one, so they cannot fall behind the schema.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

TITLE = "sitrep: a sourced record of conflict reporting"
DESCRIPTION = ("Events in ACLED's taxonomy, casualty claims with their claimants, people, units and places, "
               "each pointing to the words of the report that say so.")
LICENSE = "Code and data files: MIT; place data © GeoNames, CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE = "GeoNames (places, CC BY 4.0); the reports ingested (see documents.url)"
SOURCE_URL = "https://www.geonames.org/"
SEARCHABLE = {"documents": "documents_fts"}


@lru_cache(maxsize=1)
def descriptions() -> dict[tuple[str, str], str]:
    """(table, column) -> description; column "" describes the table, table "*" any table's column."""
    text = resources.files("sitrep.store").joinpath("data/descriptions.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {(r["table"], r["column"]): r["description"] for r in csv.DictReader(lines, delimiter="\t")}


def describe(table: str, column: str = "") -> str | None:
    found = descriptions()
    return found.get((table, column)) or (found.get(("*", column)) if column else None)


def datasette_metadata(database: str, tables: dict[str, list[str]]) -> dict[str, Any]:
    """Metadata for database ``database`` (Datasette names it after the file: sitrep.db -> "sitrep")
    with ``tables``: table or view name -> its columns."""
    described: dict[str, Any] = {}
    for table, columns in tables.items():
        entry: dict[str, Any] = {}
        if describe(table):
            entry["description"] = describe(table)
        cols = {c: describe(table, c) for c in columns if describe(table, c)}
        if cols:
            entry["columns"] = cols
        if table in SEARCHABLE:
            entry["fts_table"] = SEARCHABLE[table]
            entry["fts_pk"] = "seq"
        if entry:
            described[table] = entry
    return {
        "title": TITLE, "description": DESCRIPTION, "license": LICENSE, "license_url": LICENSE_URL,
        "source": SOURCE, "source_url": SOURCE_URL,
        "databases": {database: {"source": SOURCE, "source_url": SOURCE_URL, "license": LICENSE,
                                 "license_url": LICENSE_URL, "tables": described}},
    }


def metadata_for(store) -> dict[str, Any]:
    """The metadata of an open Store (tables and views as they are in it)."""
    from sqlalchemy import inspect

    with store.read() as conn:
        found = inspect(conn)
        names = [n for n in found.get_table_names() + found.get_view_names() if not n.startswith("documents_fts")]
        tables = {n: [c["name"] for c in found.get_columns(n)] for n in names}
    database = store.engine.url.database or "sitrep"
    return datasette_metadata(Path(database).stem, tables)
