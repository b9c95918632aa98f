"""What the command modules share: the --db option and the filter options, the store they open, and
the aligned table they print."""

from __future__ import annotations

from typing import Any, Callable

import click

from sitrep.model import CERTAINTIES, PERSON_STATUSES
from sitrep.query import Filters

DB_HELP = "Database: a SQLite file path or a postgresql:// URL (default: $SITREP_DB or ./sitrep.db)."

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


def db_option(f):
    """The --db option (a path or URL; $SITREP_DB by default)."""
    return click.option("--db", envvar="SITREP_DB", help=DB_HELP)(f)


def filters_from(kwargs: dict[str, Any]) -> Filters:
    """The filter options' values as query Filters (dates as YYYY-MM-DD; options not given left out)."""
    values = {("type" if k == "type_" else k): v for k, v in kwargs.items()}
    for key in ("since", "until"):
        if values.get(key) is not None:
            values[key] = values[key].date().isoformat()
    return Filters(**{k: v for k, v in values.items() if v is not None})


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
