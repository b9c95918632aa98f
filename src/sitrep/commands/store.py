"""`sitrep ingest`, the listing commands (`events`, `claims`, `people`, `units`, `places`, `search`) and
`sitrep export`: argument parsing and printing over sitrep.ingest, sitrep.query and sitrep.export."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

import click

from sitrep.commands.common import (COUNT, DATE, FILTER_OPTIONS, RAW_CSV, db_option, filters_from, open_store, quiet, raw_csv,
                                   say, verbosity_options, warn_unknown)
from sitrep.commands.options import JOBS, budget_from, budget_options
from sitrep.commands.output import emit, format_option, item_id
from sitrep.query import LISTINGS

log = logging.getLogger("sitrep.commands")

EXPORT_FORMATS = ("acled-csv", "ucdp-csv", "jsonl", "geojson", "parquet")  # sitrep.export.FORMATS

# What the table format shows, after the id (csv, tsv, json and nl give every column).
TABLE_COLUMNS = {
    "events": ("date", "event_type", "sub_event_type", "location", "actor1", "actor2", "fatalities",
               "certainty", "claimant", "notes"),
    "claims": ("published", "measure", "count_best", "count_low", "count_high", "subject", "subject_side",
               "claimant", "certainty", "evidence"),
    "people": ("name", "rank", "role", "status", "side", "unit", "published", "evidence"),
    "units": ("name", "canonical", "echelon", "side", "published", "evidence"),
    "places": ("name", "geonames_id", "country", "admin1", "latitude", "longitude", "published", "report_title"),
    "search": ("published", "title", "snippet", "report_url"),
    "revisions": ("revision", "id", "published", "ingested_at", "n_claims", "title"),
}
# The id of each listing's rows: DOCUMENT_ID:ITEM_ID (places and search results: the report's id).
TABLE_IDS = {"events": "event_id", "claims": "claim_id", "people": "person_id", "units": "unit_id",
             "places": None, "search": None}


def _listing_command(kind: str, doc: str) -> click.Command:
    from sitrep import query

    def run(db, fmt, limit, **kwargs):
        filters = filters_from(kwargs)
        warn_unknown(kind, filters)
        started = time.perf_counter()
        with open_store(db) as store, store.read() as conn:
            rows = query.listing(conn, kind, filters, limit or None)
        log.info("%s: %d rows in %.3f s (%s)", kind, len(rows), time.perf_counter() - started,
                 ", ".join(f"{k}={v!r}" for k, v in vars(filters).items() if v is not None) or "no filters")
        emit(rows, fmt, query.listing_columns(kind), TABLE_COLUMNS[kind], limit, item_id(TABLE_IDS[kind]))

    run.__doc__ = doc
    for name in sorted(LISTINGS[kind].accepts, reverse=True):
        run = FILTER_OPTIONS[name](run)
    run = RAW_CSV(run)
    run = click.option("--limit", type=COUNT, default=100, show_default=True,
                       help="At most this many rows (0: all).")(run)
    run = format_option()(run)
    return click.command(kind)(verbosity_options(db_option(run)))


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
@db_option
@click.option("--published", type=DATE, help="Date for documents that carry none (YYYY-MM-DD, or 'yesterday' ...).")
@click.option("--csv-column", "csv_columns", multiple=True, callback=_csv_columns, metavar="FIELD=COLUMN",
              help="CSV input: which column holds a field (text, title, date, url ...). Repeatable.")
@verbosity_options
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this process. dask: extract and store on a dask.distributed cluster (docs/scaling.md).")
@click.option("--scheduler", metavar="tcp://HOST:8786", help="--engine dask: a running scheduler (default: a local cluster).")
@click.option("--workers", type=click.IntRange(min=1), help="--engine dask: worker processes of the local cluster (default: cores).")
@JOBS
@budget_options
def ingest(paths, db, published, csv_columns, engine, scheduler, workers, jobs, cpu_budget, memory_budget):
    """Read PATHS (files and folders: .txt .html .jsonl .csv, feeds, WARC), extract each report once and
    store it. Reports already stored (same text) are counted and skipped; a changed text at a stored URL is
    stored as a new revision (`sitrep revisions URL`); an id already taken by another text is stored under
    a key of its own, and said. Exit status 1 if anything could not be read (it is listed in the
    `failures` table)."""
    from sitrep.ingest import StorageError, ingest as run_ingest
    from sitrep.store import SchemaError

    from functools import partial

    if engine == "dask":
        from sitrep.scale import ingest_dask

        if jobs is not None:
            raise click.UsageError("--jobs is for --engine local (--engine dask: --workers)")
        from sitrep.extract.pipeline import extract_document

        budget = budget_from(cpu_budget, memory_budget)
        run_ingest = partial(ingest_dask, scheduler=scheduler, workers=workers,
                             extract=partial(extract_document, budget=budget) if budget else None)
    elif scheduler or workers:
        raise click.UsageError("--scheduler and --workers need --engine dask")
    else:
        from sitrep.extract.parallel import default_jobs

        run_ingest = partial(run_ingest, jobs=jobs or default_jobs(), budget=budget_from(cpu_budget, memory_budget))

    def report(failure):
        from tqdm import tqdm

        tqdm.write(f"sitrep: cannot read {failure}", file=sys.stderr)

    try:
        summary = run_ingest(paths, db, published=published, csv_columns=csv_columns, progress=not quiet(),
                             on_failure=report)
    except (SchemaError, StorageError) as exc:  # a full disk, a read-only file, a server gone: said plainly
        raise click.ClickException(str(exc))
    except ValueError as exc:  # an unknown --csv-column field
        raise click.BadParameter(str(exc), param_hint="--csv-column")
    for note in summary.notes:
        click.echo(f"sitrep: note: {note}", err=True)
    click.echo(str(summary))
    if summary.failed:
        sys.exit(1)


@click.command()
@click.argument("query")
@db_option
@FILTER_OPTIONS["since"]
@FILTER_OPTIONS["until"]
@FILTER_OPTIONS["country"]
@FILTER_OPTIONS["admin1"]
@click.option("--limit", type=COUNT, default=20, show_default=True, help="At most this many (0: all).")
@format_option()
@RAW_CSV
@verbosity_options
def search(query, db, since, until, country, admin1, limit, fmt):
    """Full-text search of the stored reports: words (all must match), "quoted phrases", OR."""
    from sitrep import query as q
    from sitrep.store.search import COLUMNS

    filters = filters_from({"since": since, "until": until, "country": country, "admin1": admin1})
    warn_unknown("search", filters)
    with open_store(db) as store, store.read() as conn:
        rows = q.search(conn, query, filters, limit or None)
    emit(rows, fmt, COLUMNS, TABLE_COLUMNS["search"], limit, item_id(TABLE_IDS["search"]))


def _export_filters(f):
    for name in sorted(LISTINGS["events"].accepts, reverse=True):
        f = FILTER_OPTIONS[name](f)
    return f


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="acled-csv", show_default=True,
              help="acled-csv: ACLED's 31 columns then sitrep's; ucdp-csv: UCDP GED's columns; jsonl, geojson and "
                   "parquet: the ACLED columns (docs/export.md).")
@click.option("--out", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@RAW_CSV
@db_option
@_export_filters
@verbosity_options
def export(fmt, out, db, **kwargs):
    """Export events as ACLED's export has them (31 columns, ACLED's codes), then claimant, certainty,
    fatalities_low, fatalities_high, document_url and evidence; or as UCDP GED has them. CSV, JSON lines,
    GeoJSON or Parquet. Takes the same filters as `sitrep events`."""
    from sitrep.export import export as run_export

    if fmt == "parquet" and out is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give --out FILE (or redirect stdout)")
    filters = filters_from(kwargs)
    warn_unknown("export", filters)
    with open_store(db) as store:
        n = run_export(store, fmt, out, filters, raw=raw_csv())
    if out:
        say(f"{n} events written to {out}")


@click.command()
@db_option
@verbosity_options
def metadata(db):
    """Datasette metadata (JSON) for the database: what every table, view and column holds, the licence
    and the sources to credit. `sitrep metadata > metadata.json; datasette sitrep.db -m metadata.json`."""
    from sitrep.store.metadata import metadata_for

    with open_store(db) as store:
        click.echo(json.dumps(metadata_for(store), ensure_ascii=False, indent=2))


@click.command()
@click.argument("report")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@RAW_CSV
@verbosity_options
def revisions(report, db, fmt):
    """Every stored revision of REPORT (its key, the id its source gave, or its URL), oldest first: a changed
    text at a URL already stored is kept as a new revision."""
    with open_store(db) as store:
        rows = store.revisions(report)
    if not rows:
        raise click.ClickException(f"no stored report has the key, id or URL {report!r}")
    columns = ["revision", "id", "given_id", "published", "ingested_at", "n_events", "n_claims", "title", "url"]
    emit(rows, fmt, "revisions", columns, None)


def register(group: click.Group) -> None:
    """Add the storage commands to the `sitrep` command group."""
    group.add_command(ingest)
    for kind, doc in LISTING_DOCS.items():
        group.add_command(_listing_command(kind, doc))
    group.add_command(search)
    group.add_command(revisions)
    group.add_command(export)
    group.add_command(metadata)
