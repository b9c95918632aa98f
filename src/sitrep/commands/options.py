"""Options every command shares that cost nothing to import: dates in words, and -q/-v. (The filter and
--db options, which need the query layer, are in commands/common.py.)"""

from __future__ import annotations

import re
import sys
from datetime import date

import click


_ISO_SHAPED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


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
            if _ISO_SHAPED.fullmatch(text):  # 2022-13-01 is a mistake, not 13 January
                self.fail(f"{text!r} is not a date (YYYY-MM-DD)", param, ctx)
        import dateparser  # half a second to import: only for dates that are not YYYY-MM-DD

        parsed = dateparser.parse(text, languages=["en"], settings={
            "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
        if parsed is None:
            self.fail(f"{text!r} is not a date (YYYY-MM-DD, or words such as 'last week', '3 days ago')", param, ctx)
        return parsed.date().isoformat()


DATE = DateParam()


# --- -q/--quiet and -v/--verbose: on the group and on every command -----------------------------------

_VERBOSITY = "sitrep.verbosity"


def _remember_quiet(ctx: click.Context, param, value: bool) -> bool:
    if value:
        ctx.meta[_VERBOSITY] = -1
        _configure_logging(-1)
    return value


def _remember_verbose(ctx: click.Context, param, value: int) -> int:
    if value:
        ctx.meta[_VERBOSITY] = value
        _configure_logging(value)
    return value


def _configure_logging(level: int) -> None:
    """-v: what sitrep does, on stderr (INFO); -vv: also every SQL statement (DEBUG)."""
    import logging

    if level <= 0:
        logging.getLogger("sitrep").setLevel(logging.WARNING)
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("sitrep: %(message)s"))
    log = logging.getLogger("sitrep")
    if not log.handlers:
        log.addHandler(handler)
    log.setLevel(logging.DEBUG if level > 1 else logging.INFO)
    if level > 1:
        logging.getLogger("sqlalchemy.engine").addHandler(handler)
        logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)


QUIET = click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True, callback=_remember_quiet,
                     help="Say nothing but errors and warnings: no progress, no notes.")
VERBOSE = click.option("-v", "--verbose", count=True, expose_value=False, is_eager=True, callback=_remember_verbose,
                       help="Say what is being done (-vv: and every SQL statement).")


def verbosity_options(f):
    """-q/--quiet and -v/--verbose, the same on every command (and on `sitrep` itself)."""
    return QUIET(VERBOSE(f))


def verbosity() -> int:
    """-1 quiet, 0 normal, 1 verbose, 2 very verbose (from this command's options or the group's)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_VERBOSITY, 0) if ctx is not None else 0


def quiet() -> bool:
    return verbosity() < 0


def say(message: str) -> None:
    """A note on stderr (rows written, more rows available ...), unless -q."""
    if not quiet():
        click.echo(message, err=True)




# `extract` and `ingest`: worker processes (sitrep.extract.parallel); None means one per core.
JOBS = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                    help="Extract in N worker processes (default: one per core; 1: in this process). "
                         "Output is the same, in the same order.")


# --- per-document budgets: extract and ingest ---------------------------------------------------------
# The defaults are limits.DOC_CPU_SECONDS and DOC_MEMORY_MB (not imported here: this module stays cheap;
# tests/test_cli_budgets.py checks the help says the same figures).

def budget_options(command):
    """--cpu-budget and --memory-budget: what one document may cost before it fails and the run goes on."""
    command = click.option(
        "--memory-budget", type=click.FloatRange(min=0), metavar="MB",
        help="Memory one document's extraction may add, in MB, before it fails (recorded, the run goes on). "
             "Default 1024; 0: no budget.")(command)
    return click.option(
        "--cpu-budget", type=click.FloatRange(min=0), metavar="SECONDS",
        help="CPU seconds one document's extraction may take before it fails (recorded, the run goes on). "
             "Default 60; 0: no budget.")(command)


def budget_from(cpu_budget: float | None, memory_budget: float | None):
    """The options as a limits.Budget (None when neither is given: the defaults)."""
    if cpu_budget is None and memory_budget is None:
        return None
    from sitrep.limits import Budget

    return Budget(cpu_budget, memory_budget)
