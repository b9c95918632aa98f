"""`sitrep ingest`, the listing commands (`events`, `claims`, `people`, `units`, `places`, `search`) and
`sitrep export`: argument parsing and printing over sitrep.ingest, sitrep.query and sitrep.export."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable

import click

from sitrep.model import CERTAINTIES, PERSON_STATUSES
from sitrep.query import Filters, LISTINGS

DB_HELP = "Database: a SQLite file path or a postgresql:// URL (default: $SITREP_DB or ./sitrep.db)."

# What the table format shows (csv and json give every column).
TABLE_COLUMNS = {
    "events": ("date", "event_type", "sub_event_type", "location", "actor1", "actor2", "fatalities",
               "certainty", "claimant", "notes"),
    "claims": ("published", "measure", "count_best", "count_low", "count_high", "subject", "subject_side",
               "claimant", "certainty", "evidence"),
    "people": ("name", "rank", "role", "status", "side", "unit", "published", "evidence"),
    "units": ("name", "canonical", "echelon", "side", "published", "evidence"),
    "places": ("name", "geonames_id", "country", "admin1", "latitude", "longitude", "published"),
    "search": ("published", "title", "snippet", "report_url"),
}
MAX_WIDTH = {"evidence": 60, "notes": 70, "snippet": 70, "title": 40}
DEFAULT_WIDTH = 32

FILTER_OPTIONS: dict[str, Callable] = {
    "since": click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="From this date (YYYY-MM-DD)."),
    "until": click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Up to this date (YYYY-MM-DD)."),
    "type": click.option("--type", "type_", help="Events: ACLED event or sub-event type. Claims: a measure (killed, wounded ...)."),
    "place": click.option("--place", help="Place or admin1 name (any case; spelling variants and 'X region' via the "
                          "gazetteer), or a GeoNames id."),
    "side": click.option("--side", help="ISO 3166-1 alpha-2 code of a side (UA, RU ...)."),
    "claimant": click.option("--claimant", help="Part of the claimant's name, or a claimant kind (government, media ...)."),
    "unit": click.option("--unit", help="Part of a unit's name (as written or as in the registry)."),
    "certainty": click.option("--certainty", type=click.Choice(CERTAINTIES, case_sensitive=False)),
    "min_fatalities": click.option("--min-fatalities", type=click.IntRange(min=0), help="At least this many dead."),
    "status": click.option("--status", type=click.Choice(PERSON_STATUSES, case_sensitive=False), help="The person's fate."),
    "name": click.option("--name", help="Part of the person's name."),
}


def _db_option(f):
    return click.option("--db", envvar="SITREP_DB", help=DB_HELP)(f)


def _filters_from(kwargs: dict[str, Any]) -> Filters:
    values = {("type" if k == "type_" else k): v for k, v in kwargs.items()}
    for key in ("since", "until"):
        if values.get(key) is not None:
            values[key] = values[key].date().isoformat()
    return Filters(**{k: v for k, v in values.items() if v is not None})


def _open_store(db: str | None):
    from sitrep.store import Store, StoreNotFound, SchemaError

    try:
        return Store.open(db, create=False)
    except (StoreNotFound, SchemaError) as exc:
        raise click.ClickException(str(exc))


# --- output -------------------------------------------------------------------------------------

def _cell(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """Aligned columns, long cells cut to a readable width."""
    limits = {c: MAX_WIDTH.get(c, DEFAULT_WIDTH) for c in columns}
    cells = [[_cell(r.get(c), limits[c]) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def emit(rows: list[dict[str, Any]], fmt: str, kind: str, columns: list[str], limit: int | None) -> None:
    """Print rows as a table (TABLE_COLUMNS[kind] only), CSV or a JSON array (all ``columns``)."""
    out = sys.stdout
    if fmt == "json":
        out.write("[" + ",\n ".join(json.dumps(r, ensure_ascii=False) for r in rows) + "]\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.write(format_table(rows, TABLE_COLUMNS[kind]) + "\n")
        if limit and len(rows) == limit:
            click.echo(f"(first {limit} rows; --limit 0 for all)", err=True)


def _listing_command(kind: str, doc: str) -> click.Command:
    from sitrep import query

    def run(db, fmt, limit, **kwargs):
        with _open_store(db) as store, store.read() as conn:
            rows = query.listing(conn, kind, _filters_from(kwargs), limit or None)
        emit(rows, fmt, kind, query.listing_columns(kind), limit)

    run.__doc__ = doc
    for name in sorted(LISTINGS[kind].accepts, reverse=True):
        run = FILTER_OPTIONS[name](run)
    run = click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True,
                       help="At most this many rows (0: all).")(run)
    run = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                       show_default=True)(run)
    return click.command(kind)(_db_option(run))


LISTING_DOCS = {
    "events": "Events (ACLED types), newest first, with the words that report them.",
    "claims": "Casualty claims: who claims how many of whom, how sure, in which words.",
    "people": "People named in the reports: rank, role, status, unit.",
    "units": "Military units named in the reports.",
    "places": "Places named in the reports, with GeoNames ids and coordinates.",
}


# --- ingest, search, export ------------------------------------------------------------------------

def _csv_columns(ctx, param, values):
    mapping = {}
    for value in values:
        field, sep, column = value.partition("=")
        if not sep or not field or not column:
            raise click.BadParameter(f"{value!r} is not FIELD=COLUMN (e.g. text=body)")
        mapping[field.strip()] = column.strip()
    return mapping or None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), help="Date for documents that carry none (YYYY-MM-DD).")
@click.option("--csv-column", "csv_columns", multiple=True, callback=_csv_columns, metavar="FIELD=COLUMN",
              help="CSV input: which column holds a field (text, title, date, url ...). Repeatable.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this process. dask: extract and store on a dask.distributed cluster (docs/scaling.md).")
@click.option("--scheduler", metavar="tcp://HOST:8786", help="--engine dask: a running scheduler (default: a local cluster).")
@click.option("--workers", type=click.IntRange(min=1), help="--engine dask: worker processes of the local cluster (default: cores).")
def ingest(paths, db, published, csv_columns, quiet, engine, scheduler, workers):
    """Read PATHS (files and folders: .txt .html .jsonl .csv, feeds, WARC), extract each report once and
    store it. Reports already stored (same URL or same text) are counted and skipped. Exit status 1 if
    anything could not be read (it is listed in the `failures` table)."""
    from sitrep.ingest import StorageError, ingest as run_ingest
    from sitrep.store import SchemaError

    if engine == "dask":
        from functools import partial

        from sitrep.scale import ingest_dask

        run_ingest = partial(ingest_dask, scheduler=scheduler, workers=workers)
    elif scheduler or workers:
        raise click.UsageError("--scheduler and --workers need --engine dask")

    def report(failure):
        from tqdm import tqdm

        tqdm.write(f"sitrep: cannot read {failure}", file=sys.stderr)

    try:
        summary = run_ingest(paths, db, published=published.date().isoformat() if published else None,
                             csv_columns=csv_columns, progress=not quiet, on_failure=report)
    except (SchemaError, StorageError) as exc:  # a full disk, a read-only file, a server gone: said plainly
        raise click.ClickException(str(exc))
    except ValueError as exc:  # an unknown --csv-column field
        raise click.BadParameter(str(exc), param_hint="--csv-column")
    click.echo(str(summary))
    if summary.failed:
        sys.exit(1)


@click.command()
@click.argument("query")
@_db_option
@FILTER_OPTIONS["since"]
@FILTER_OPTIONS["until"]
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True, help="At most this many (0: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def search(query, db, since, until, limit, fmt):
    """Full-text search of the stored reports: words (all must match), "quoted phrases", OR."""
    from sitrep import query as q
    from sitrep.store.search import COLUMNS

    with _open_store(db) as store, store.read() as conn:
        rows = q.search(conn, query, _filters_from({"since": since, "until": until}), limit or None)
    emit(rows, fmt, "search", list(COLUMNS), limit)


def _export_filters(f):
    for name in sorted(LISTINGS["events"].accepts, reverse=True):
        f = FILTER_OPTIONS[name](f)
    return f


@click.command()
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "jsonl", "geojson", "parquet"]), default="acled-csv",
              show_default=True)
@click.option("--out", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@_db_option
@_export_filters
def export(fmt, out, db, **kwargs):
    """Export events with ACLED's column names plus claimant, certainty, fatalities_low, fatalities_high and
    document_url, as CSV, JSON lines, GeoJSON or Parquet. Takes the same filters as `sitrep events`."""
    from sitrep.export import export as run_export

    if fmt == "parquet" and out is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give --out FILE (or redirect stdout)")
    with _open_store(db) as store:
        n = run_export(store, fmt, out, _filters_from(kwargs))
    if out:
        click.echo(f"{n} events written to {out}", err=True)


def register(group: click.Group) -> None:
    """Add the storage commands to the `sitrep` command group."""
    group.add_command(ingest)
    for kind, doc in LISTING_DOCS.items():
        group.add_command(_listing_command(kind, doc))
    group.add_command(search)
    group.add_command(export)
