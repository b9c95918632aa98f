"""How every listing command prints its rows, as sqlite-utils does: ``--format table`` (aligned, long
cells cut, the columns people read first), ``csv`` and ``tsv`` (every column; cells a spreadsheet would
run as a formula are neutralised unless --raw), ``json`` (one array) or ``nl`` (one JSON object per
line). One option, one spelling, on every command."""

from __future__ import annotations

import json
import sys
from typing import Any, Callable, Sequence

import click

from sitrep.commands.common import raw_csv, say

FORMATS = ("table", "csv", "tsv", "json", "nl")


def format_option(default: str = "table", formats: Sequence[str] = FORMATS):
    return click.option("--format", "fmt", type=click.Choice(formats), default=default, show_default=True,
                        help="table: aligned, for reading; csv, tsv: every column; json: one array; "
                             "nl: one JSON object per line.")


def emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str], table_columns: Sequence[str] | None = None,
         limit: int | None = None, ids: Callable[[dict[str, Any]], str] | None = None) -> None:
    """Print ``rows``: a table of ``table_columns`` (default: ``columns``), or every one of ``columns``
    as CSV, TSV, a JSON array or JSON lines. ``ids`` gives the table's first column, "id", to drill down
    with. With ``limit`` rows shown, say (unless -q) that there may be more."""
    out = sys.stdout
    columns = list(columns) or (list(rows[0]) if rows else [])
    if fmt == "json":
        out.write("[" + ",\n ".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows) + "]\n")
    elif fmt == "nl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt in ("csv", "tsv"):
        from sitrep.export.writers import write_csv

        write_csv(rows, out, columns, raw=raw_csv(), ignore_extra=True, delimiter="\t" if fmt == "tsv" else ",")
    else:
        from sitrep.tables import text_table

        shown = list(table_columns or columns)
        if ids is not None:
            rows, shown = [{"id": ids(r), **r} for r in rows], ["id", *shown]
        out.write(text_table(rows, shown) + "\n")
        if limit and len(rows) == limit:
            say(f"(first {limit} rows; --limit 0 for all)")


def item_id(item: str | None) -> Callable[[dict[str, Any]], str]:
    """The id of a fact: DOCUMENT_ID:ITEM_ID (``item``: the row's column with the fact's id in its report),
    the form `sitrep people split` takes; with ``item`` None, the report's id."""
    return lambda r: f"{r['document_id']}:{r[item]}" if item and r.get(item) is not None else r["document_id"]
