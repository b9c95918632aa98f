"""Thin commands over the Python API. Each command's logic lives in the package; this only parses
arguments, prints, and sets the exit status.

The `sitrep` group loads each command's module only when that command runs (or its own --help is
asked for): `sitrep --help` and shell completion answer without importing SQLAlchemy, spaCy or the
gazetteers. ``COMMANDS`` says where each command lives and what it does in one line;
tests/test_cli_startup.py checks that line against the command's own help.
"""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass

import click

from sitrep import __version__
from sitrep.commands.options import DATE, JOBS, budget_from, budget_options, verbosity_options


@dataclass(frozen=True)
class Lazy:
    target: str  # "module:attribute"; an attribute named `command` is called with the command's name
    summary: str  # the first sentence of the command's help


COMMANDS: dict[str, Lazy] = {
    "ingest": Lazy("sitrep.commands.registry:command", "Read PATHS (files and folders: .txt .html .jsonl .csv, "
                   "feeds, WARC), extract each report once and store it."),
    "events": Lazy("sitrep.commands.registry:command", "Events (ACLED types), newest first, with the words that "
                   "report them."),
    "claims": Lazy("sitrep.commands.registry:command", "Casualty claims: who claims how many of whom, how sure, in "
                   "which words."),
    "people": Lazy("sitrep.commands.registry:command", "People named in the reports: rank, role, status, unit."),
    "units": Lazy("sitrep.commands.registry:command", "Military units named in the reports."),
    "places": Lazy("sitrep.commands.registry:command", "Places named in the reports, with GeoNames ids and "
                   "coordinates."),
    "search": Lazy("sitrep.commands.registry:command", 'Full-text search of the stored reports: words (all must '
                   'match), "quoted phrases", OR.'),
    "export": Lazy("sitrep.commands.registry:command", "Export events as ACLED's export has them (31 columns, "
                   "ACLED's codes), then claimant, certainty, fatalities_low, fatalities_high, document_url and "
                   "evidence; or as UCDP GED has them."),
    "metadata": Lazy("sitrep.commands.registry:command", "Datasette metadata (JSON) for the database: what every "
                     "table, view and column holds, the licence and the sources to credit."),
    "revisions": Lazy("sitrep.commands.registry:command", "Every stored revision of REPORT (its key, the id its "
                      "source gave, or its URL), oldest first: a changed text at a URL already stored is kept as a "
                      "new revision."),
    "resolve": Lazy("sitrep.commands.registry:command", "Fold the reports stored since the last run into the people "
                    "register, the unit register and the merged events (all reports with --rebuild)."),
    "merge-log": Lazy("sitrep.commands.registry:command", "Which reports were merged into which person or event, "
                      "matched with which report, the score and why."),
    "evaluate": Lazy("sitrep.commands.evaluate:evaluate", "Score sitrep against gold FILE: ISAF press releases "
                     "(JSONL), the labelled dev corpus (devset JSONL), UCDP GED (CSV) or an ACLED export (CSV)."),
    "serve": Lazy("sitrep.commands.web:serve", "Serve the web app (map, events, claims timelines, people, units, "
                  "documents with their evidence) on http://HOST:PORT, reading the database read-only."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when used, listed in --help from ``COMMANDS``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        lazy = COMMANDS.get(name)
        if lazy is None:
            return None
        module, attribute = lazy.target.split(":")
        found = getattr(importlib.import_module(module), attribute)
        command = found(name) if attribute == "command" else found
        self.commands[name] = command
        return command

    def summary(self, name: str, limit: int = 45) -> str:
        if name in COMMANDS and name not in self.commands:
            return click.utils.make_default_short_help(COMMANDS[name].summary, limit)
        return self.commands[name].get_short_help_str(limit)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list:
        """Command names with their one-line help, without importing any command (then the group's options)."""
        from click.shell_completion import CompletionItem

        found = [CompletionItem(name, help=self.summary(name)) for name in self.list_commands(ctx)
                 if name.startswith(incomplete)]
        return found + click.Command.shell_complete(self, ctx, incomplete)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = [(name, self.summary(name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, epilog="TAB completion: see `sitrep completion --help`. Every command takes -q/-v.")
@click.version_option(__version__, prog_name="sitrep")
@verbosity_options
def main() -> None:
    """sitrep: conflict reports in, a sourced record of events, claims, people, units and places out."""


# What `extract` and `ingest` read, by file name (read/dispatch.py's FORMATS; tests check they agree).
READS = (".txt .text, .html .htm .xhtml, .jsonl .ndjson, .csv .tsv, .rss .atom .xml (feeds), .warc and .warc.gz; "
         "any of them gzipped (.gz); folders (recursively); - for stdin")


@main.command(help=f"""Extract events, claims, people, units and places from FILES.

    \b
    Reads: {READS}.

    Prints one JSON object per document, in the order read. Files that cannot be read are reported
    on stderr and skipped; the exit status is 1 if any failed.""")
@click.argument("files", nargs=-1, required=True)
@click.option("--published", type=DATE, help="Publication date for files that do not carry one (YYYY-MM-DD, or "
                                              "'yesterday' ...).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True,
              help="jsonl: the full record, one JSON object per document; text: a summary to read.")
@JOBS
@budget_options
@verbosity_options
def extract(files: tuple[str, ...], published: str | None, fmt: str, jobs: int | None, cpu_budget: float | None,
            memory_budget: float | None) -> None:
    from sitrep.read import ReadFailure, read_inputs
    from sitrep.extract.parallel import extract_all
    from sitrep.limits import TextTooLong
    from sitrep.render import summary

    failed = 0
    out = sys.stdout
    budget = budget_from(cpu_budget, memory_budget)
    for item, extraction in extract_all(read_inputs(files, published=published), jobs, budget=budget):
        if isinstance(item, ReadFailure):
            failed += 1
            click.echo(f"sitrep: cannot read {item}", err=True)
            continue
        if isinstance(extraction, TextTooLong):  # like an unreadable file: said on stderr, the others still extracted
            failed += 1
            click.echo(f"sitrep: cannot extract {item.source or item.id}: {extraction}", err=True)
            continue
        if isinstance(extraction, BaseException):  # one document's failure (a budget exceeded ...), named; the others go on
            failed += 1
            click.echo(f"sitrep: cannot extract {item.source or item.id}: {type(extraction).__name__}: {extraction}",
                       err=True)
            continue
        for note in extraction.notes:
            click.echo(f"sitrep: note: {item.source or item.id}: {note}", err=True)
        if fmt == "jsonl":
            out.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.write(summary(extraction, item.text) + "\n")
    out.flush()
    if failed:
        sys.exit(1)


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@verbosity_options
def completion(shell: str) -> None:
    """The script that makes TAB complete sitrep's commands and options in SHELL.

    \b
    bash:  eval "$(sitrep completion bash)"     (or put that line in ~/.bashrc)
    zsh:   eval "$(sitrep completion zsh)"      (in ~/.zshrc)
    fish:  sitrep completion fish > ~/.config/fish/completions/sitrep.fish
    """
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)(main, {}, "sitrep", "_SITREP_COMPLETE")
    click.echo(complete.source())


if __name__ == "__main__":
    main()
