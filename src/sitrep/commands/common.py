"""What the command modules share: the --db option and the filter options, the store they open, and
the aligned table they print."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

import click

from sitrep.limits import MAX_COUNT
from sitrep.model import CERTAINTIES, PERSON_STATUSES
from sitrep.query import Filters


class DateParam(click.ParamType):
    """A day: YYYY-MM-DD, or anything dateparser reads in English ("last week", "3 days ago", "1 March
    2022", "March 2022" is its first day). Gives the ISO date."""

    name = "date"

    def convert(self, value, param, ctx):
        if value is None or isinstance(value, date):
            return value.isoformat() if isinstance(value, date) else None
        text = str(value).strip()
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
        import dateparser  # half a second to import: only for dates that are not YYYY-MM-DD

        parsed = dateparser.parse(text, languages=["en"], settings={
            "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
        if parsed is None:
            self.fail(f"{text!r} is not a date (YYYY-MM-DD, or words such as 'last week', '3 days ago')", param, ctx)
        return parsed.date().isoformat()


DATE = DateParam()

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


# --- output -------------------------------------------------------------------------------------

MAX_WIDTH = {"evidence": 60, "notes": 70, "snippet": 70, "title": 40}
DEFAULT_WIDTH = 32


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
