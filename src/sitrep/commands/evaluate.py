"""`sitrep evaluate`: score the extractor against gold data (thin: the work is in sitrep.evaluate)."""

from __future__ import annotations

import click


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "isaf", "ucdp", "acled", "devset"]), default="auto",
              show_default=True, help="Gold format; auto looks at the file's first line.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N gold rows.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--markdown", is_flag=True, help="Print the report as a Markdown table (for the README).")
@click.option("--errors", type=click.IntRange(min=0), default=0, show_default=True,
              help="Show up to N mistakes per field.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress line on stderr.")
def evaluate(file: str, fmt: str, limit: int | None, as_json: bool, markdown: bool, errors: int, progress: bool) -> None:
    """Score sitrep against gold FILE: ISAF press releases (JSONL), the labelled dev corpus (devset JSONL),
    UCDP GED (CSV) or an ACLED export (CSV).

    Each text is extracted once; the report gives accuracy, precision/recall/F1 and distance errors
    per field, with published figures of other systems where there are any.
    """
    from sitrep.evaluate import evaluate_file, render_json, render_markdown, render_text

    try:
        report = evaluate_file(file, fmt=fmt, limit=limit, progress=progress)
    except (ValueError, KeyError, OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(render_json(report, errors))
    elif markdown:
        click.echo(render_markdown(report))
    else:
        click.echo(render_text(report, errors))
