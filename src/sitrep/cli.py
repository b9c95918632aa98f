"""Thin commands over the Python API. Each command's logic lives in the package; this only parses
arguments, prints, and sets the exit status."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from sitrep import __version__


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


@click.group()
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """sitrep: conflict reports in, a sourced record of events, claims, people, units and places out."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--published", callback=_iso_date, help="Publication date (YYYY-MM-DD) for files that do not carry one.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True)
def extract(files: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Extract events, claims, people, units and places from FILES (.txt .html .jsonl, or - for stdin).

    Prints one JSON object per document, in the order read. Files that cannot be read are reported
    on stderr and skipped; the exit status is 1 if any failed.
    """
    from sitrep.read import ReadFailure, read_inputs
    from sitrep.extract.pipeline import extract_document
    from sitrep.limits import TextTooLong
    from sitrep.render import summary

    failed = 0
    out = sys.stdout
    for item in read_inputs(files, published=published):
        if isinstance(item, ReadFailure):
            failed += 1
            click.echo(f"sitrep: cannot read {item}", err=True)
            continue
        try:
            extraction = extract_document(item)
        except TextTooLong as exc:  # like an unreadable file: said on stderr, the others still extracted
            failed += 1
            click.echo(f"sitrep: cannot extract {item.source or item.id}: {exc}", err=True)
            continue
        except Exception as exc:  # noqa: BLE001 - one document's failure, named; the others are still extracted
            failed += 1
            click.echo(f"sitrep: cannot extract {item.source or item.id}: {type(exc).__name__}: {exc}", err=True)
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


from sitrep.commands.evaluate import evaluate as _evaluate; main.add_command(_evaluate)  # noqa: E402,E702

from sitrep.commands.store import register as _register_store; _register_store(main)  # noqa: E402,E702

from sitrep.commands.resolve import register as _register_resolve; _register_resolve(main)  # noqa: E402,E702

from sitrep.commands.web import serve as _serve; main.add_command(_serve)  # noqa: E402,E702


if __name__ == "__main__":
    main()
