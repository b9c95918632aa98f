"""`sitrep evaluate`: score the extractor against gold data (thin: the work is in sitrep.evaluate)."""

from __future__ import annotations

import click

from sitrep.commands.common import quiet, verbosity_options

GOLD_FORMATS = ("auto", "isaf", "ucdp", "acled", "devset")
OUTPUT_FORMATS = ("text", "json", "markdown")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--gold", type=click.Choice(GOLD_FORMATS), default="auto", show_default=True,
              help="Gold format; auto looks at the file's first line.")
# --format is the report's format here as on every command; a gold format given to it (the old spelling,
# `--format isaf`) is still taken as --gold.
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS + GOLD_FORMATS[1:]), default="text",
              metavar="[text|json|markdown]", help="The report: text, JSON, or a Markdown table (for the README).")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N gold rows.")
@click.option("--errors", type=click.IntRange(min=0), default=0, show_default=True,
              help="Show up to N mistakes per field.")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Old spelling of --format json.")
@click.option("--markdown", is_flag=True, hidden=True, help="Old spelling of --format markdown.")
@click.option("--progress/--no-progress", default=True, hidden=True, help="Old spelling of -q.")
@verbosity_options
def evaluate(file: str, gold: str, fmt: str, limit: int | None, errors: int, as_json: bool, markdown: bool,
             progress: bool) -> None:
    """Score sitrep against gold FILE: ISAF press releases (JSONL), the labelled dev corpus (devset JSONL),
    UCDP GED (CSV) or an ACLED export (CSV).

    Each text is extracted once; the report gives accuracy, precision/recall/F1 and distance errors
    per field, with published figures of other systems where there are any.
    """
    from sitrep.evaluate import evaluate_file, render_json, render_markdown, render_text

    if fmt in GOLD_FORMATS:
        gold, fmt = fmt, "text"
    fmt = "json" if as_json else "markdown" if markdown else fmt
    try:
        report = evaluate_file(file, fmt=gold, limit=limit, progress=progress and not quiet())
    except (ValueError, KeyError, OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(render_json(report, errors))
    elif fmt == "markdown":
        click.echo(render_markdown(report))
    else:
        click.echo(render_text(report, errors))
