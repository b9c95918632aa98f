"""What the command modules share: the --db option and the filter options, the store they open, and
the aligned table they print."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, Callable

import click

from sitrep.commands.options import DATE, quiet, say, verbosity, verbosity_options  # noqa: F401 - re-exported
from sitrep.limits import MAX_COUNT
from sitrep.model import CERTAINTIES, PERSON_STATUSES
from sitrep.query import Filters



# A count or a row limit: bounded, so a 20-digit number is a usage error rather than a database overflow.
COUNT = click.IntRange(min=0, max=MAX_COUNT)

DB_HELP = "Database: a SQLite file path or a postgresql:// URL (default: $SITREP_DB or ./sitrep.db)."

FILTER_OPTIONS: dict[str, Callable] = {
    "since": click.option("--since", type=DATE, help="From this date: YYYY-MM-DD, or 'last week', '3 days ago' ..."),
    "until": click.option("--until", type=DATE, help="Up to this date: YYYY-MM-DD, or 'yesterday' ..."),
    "type": click.option("--type", "type_", help="Events: ACLED event or sub-event type. Claims: a measure (killed, wounded ...)."),
    "place": click.option("--place", help="Place, admin1 or country name (any case; spelling variants and 'X region' "
                          "via the gazetteer), a country's ISO code, or a GeoNames id."),
    "country": click.option("--country", help="Country: name, ISO alpha-2 or alpha-3 code (Ukraine, UA, UKR)."),
    "admin1": click.option("--admin1", help="First-order division: 'Donetsk Oblast', 'Donetsk region', 'Helmand'."),
    "side": click.option("--side", help="A side: ISO 3166-1 alpha-2 code (UA, RU ...) or the country's name."),
    "claimant": click.option("--claimant", help="Part of the claimant's name, or a claimant kind (government, media ...)."),
    "unit": click.option("--unit", help="Part of a unit's name (as written or as in the registry)."),
    "certainty": click.option("--certainty", metavar="|".join(CERTAINTIES), help="How surely the report states it."),
    "min_fatalities": click.option("--min-fatalities", type=COUNT, help="At least this many dead."),
    "status": click.option("--status", type=click.Choice(PERSON_STATUSES, case_sensitive=False), help="The person's fate."),
    "name": click.option("--name", help="Part of the person's name."),
}


_RAW_CSV = "sitrep.raw_csv"


def _remember_raw(ctx: click.Context, param, value: bool) -> bool:
    ctx.meta[_RAW_CSV] = value
    return value


# CSV output neutralises cells a spreadsheet would run as a formula (export.writers.neutralise_cell);
# --raw writes them as stored. Kept in the context so every command's CSV writer sees it.
RAW_CSV = click.option("--raw", is_flag=True, expose_value=False, callback=_remember_raw,
                       help="CSV: write cells exactly as stored, without the quote put before a cell starting "
                            "with = + - @ (which a spreadsheet would run as a formula).")


def raw_csv() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(_RAW_CSV))


def db_option(f):
    """The --db option (a path or URL; $SITREP_DB by default)."""
    return click.option("--db", envvar="SITREP_DB", help=DB_HELP)(f)


def filters_from(kwargs: dict[str, Any]) -> Filters:
    """The filter options' values as query Filters (dates as YYYY-MM-DD; options not given left out)."""
    values = {("type" if k == "type_" else k): v for k, v in kwargs.items()}
    return Filters(**{k: v for k, v in values.items() if v is not None})


def warn_unknown(kind: str, filters: Filters) -> None:
    """On stderr: each filter value that matches nothing known, with the nearest valid ones. The command
    still runs (and exits 0): the warning says why its listing is empty."""
    from sitrep.query import check_filters

    for unknown in check_filters(kind, filters):
        click.echo(unknown.message(), err=True)


def open_store(db: str | None):
    """The existing store at ``db``; a missing database, or one written by a newer sitrep, is a clear command-line error."""
    from sitrep.store import Store, StoreNotFound, SchemaError

    try:
        return Store.open(db, create=False)
    except (StoreNotFound, SchemaError) as exc:
        raise click.ClickException(str(exc))


def format_table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """Aligned columns, long cells cut to a readable width (sitrep.tables)."""
    from sitrep.tables import text_table

    return text_table(rows, columns)
