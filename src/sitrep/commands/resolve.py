"""`sitrep resolve`, `sitrep merge-log`, and the resolver's sub-commands of the listing commands:
`sitrep people register|show|merge|split`, `sitrep units register|show`, `sitrep events merged`, and
`sitrep claims --timeline`. Argument parsing and printing over sitrep.resolve.

The listing commands (`people`, `units`, `events`, `claims`) belong to commands/store.py; ``register``
wraps each in a group of the same name and options that still lists when called without a
sub-command, so `sitrep people --side RU` is unchanged and `sitrep people merge A B` exists.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from sitrep.commands.common import (COUNT, FILTER_OPTIONS, RAW_CSV, db_option, filters_from, open_store,
                                   verbosity_options)
from sitrep.commands.output import emit as emit_rows
from sitrep.commands.output import format_option
from sitrep.model import PERSON_STATUSES
from sitrep.tolls import row_figure


def FORMAT(f):  # noqa: N802 - used as a decorator like the options around it
    return format_option()(RAW_CSV(verbosity_options(f)))


def SHOW_FORMAT(f):  # noqa: N802
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)(
        verbosity_options(f))


LIMIT = click.option("--limit", type=COUNT, default=100, show_default=True, help="At most this many (0: all).")


def emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> None:
    """The register's rows: a table of ``columns``, or every column as csv, tsv, json or nl."""
    emit_rows(rows, fmt, list(rows[0]) if rows else list(columns), columns)


def _config(config, event_km, event_days, person_threshold, event_threshold):
    from sitrep.resolve.config import ResolveConfig

    try:
        cfg = ResolveConfig.load(config)
        event = {k: v for k, v in (("km", event_km), ("days", event_days), ("threshold", event_threshold)) if v is not None}
        person = {"threshold": person_threshold} if person_threshold is not None else {}
        return cfg.with_values(event=event, person=person)
    except (OSError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="--config")


# --- sitrep resolve ----------------------------------------------------------------------------------

@click.command("resolve")
@db_option
@click.option("--rebuild", is_flag=True, help="Resolve every stored report again (your merges and splits are re-applied).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="TOML file overriding thresholds and weights: [person] threshold = 3.5, [event] km = 25 ...")
@click.option("--event-km", type=float, help="Events further apart than this (km) are never merged.")
@click.option("--event-days", type=float, help="Events further apart than this (days) are never merged.")
@click.option("--event-threshold", type=float, help="Score needed to merge two reports of an event.")
@click.option("--person-threshold", type=float, help="Score needed to merge a mention into a person.")
@SHOW_FORMAT
def resolve_command(db, rebuild, config, event_km, event_days, event_threshold, person_threshold, fmt):
    """Fold the reports stored since the last run into the people register, the unit register and the
    merged events (all reports with --rebuild). Every decision goes to the merge log."""
    from sitrep.resolve.runner import resolve

    cfg = _config(config, event_km, event_days, person_threshold, event_threshold)
    with open_store(db) as store:
        summary = resolve(store, rebuild=rebuild, config=cfg)
    click.echo(json.dumps(summary.to_dict()) if fmt == "json" else str(summary))


@click.command("merge-log")
@db_option
@click.option("--kind", type=click.Choice(["person", "event"]), help="Only persons or only events.")
@click.option("--id", "target", help="Only the decisions about this person or merged event.")
@click.option("--decision", type=click.Choice(["merged", "new", "user-merge", "user-split"]))
@LIMIT
@FORMAT
def merge_log_command(db, kind, target, decision, limit, fmt):
    """Which reports were merged into which person or event, matched with which report, the score and why."""
    from sitrep.resolve.register import merge_log

    with open_store(db) as store, store.read() as conn:
        rows = merge_log(conn, kind, target, decision, limit or None)
    emit(rows, fmt, ("target_id", "kind", "decision", "document_id", "item_id", "matched_document_id", "score", "reasons"))


# --- people ------------------------------------------------------------------------------------------

@click.command("register")
@db_option
@click.option("--name", help="Part of any spelling of the name.")
@click.option("--side", help="ISO 3166-1 alpha-2 code.")
@click.option("--unit", help="Part of the unit's name, or its register key.")
@click.option("--status", type=click.Choice(PERSON_STATUSES, case_sensitive=False), help="The person's fate.")
@click.option("--fate", type=click.Choice(PERSON_STATUSES, case_sensitive=False), hidden=True,
              help="Old spelling of --status.")
@FILTER_OPTIONS["country"]
@FILTER_OPTIONS["admin1"]
@LIMIT
@FORMAT
def people_register(db, name, side, unit, status, fate, country, admin1, limit, fmt):
    """The people register: one row per person across reports (run `sitrep resolve` first).
    --country/--admin1: one of the person's reports names a place there."""
    from sitrep.resolve.register import persons

    with open_store(db) as store, store.read() as conn:
        rows = persons(conn, name, side, unit, status or fate, limit or None, country=country, admin1=admin1)
    emit(rows, fmt, ("person_id", "name", "variants", "ranks", "unit", "side", "fate", "fate_date", "fate_place", "reports"))


@click.command("show")
@click.argument("person_id")
@db_option
@SHOW_FORMAT
def people_show(person_id, db, fmt):
    """One person: spellings, ranks, unit, side, fate, every source with its words, and the merge log."""
    from sitrep.resolve.register import person_detail

    with open_store(db) as store, store.read() as conn:
        detail = person_detail(conn, person_id)
    if detail is None:
        raise click.ClickException(f"no person {person_id!r} (see `sitrep people register`)")
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=1, default=str))
        return
    click.echo(f"{detail['person_id']}  {detail['name']}")
    for label in ("variants", "ranks", "roles", "unit", "side", "fate", "fate_date", "fate_place", "first_reported",
                  "last_reported", "reports"):
        if detail.get(label) is not None:
            click.echo(f"  {label:<15}{detail[label]}")
    click.echo("  sources:")
    for s in detail["sources"]:
        click.echo(f"    {s['mention']}  {s['published'] or '?'}  {s['outlet'] or ''}: \"{' '.join((s['evidence'] or s['name']).split())}\"")
    click.echo("  merge log:")
    for e in detail["merge_log"]:
        click.echo(f"    {e['decision']} {e['document_id'] or ''}:{e['item_id'] or ''} score {e['score']}: {e['reasons']}")


@click.command("merge")
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--note", help="Why (kept with the decision).")
@verbosity_options
def people_merge(a, b, db, note):
    """Persons A and B are one person. A and B: person ids, or mentions as DOCUMENT_ID:ITEM_ID. The decision
    is kept in the database and re-applied by later runs (`sitrep resolve --rebuild` included)."""
    from sitrep.resolve.runner import merge_people

    with open_store(db) as store, store.write() as conn, conn.begin():
        try:
            merged = merge_people(conn, a, b, note=note)
        except KeyError as exc:
            raise click.ClickException(str(exc.args[0]))
    click.echo(f"merged into {merged}")


@click.command("split")
@click.argument("mentions", nargs=-1, required=True)
@db_option
@click.option("--note", help="Why (kept with the decision).")
@verbosity_options
def people_split(mentions, db, note):
    """These mentions (DOCUMENT_ID:ITEM_ID, see `sitrep people show`) are a person of their own, not the
    person they were merged into. Kept in the database and re-applied by later runs."""
    from sitrep.resolve.runner import split_people

    with open_store(db) as store, store.write() as conn, conn.begin():
        try:
            new_id = split_people(conn, list(mentions), note=note)
        except KeyError as exc:
            raise click.ClickException(str(exc.args[0]))
    click.echo(f"split into {new_id}")


# --- units and events ---------------------------------------------------------------------------------

@click.command("register")
@db_option
@click.option("--unit", help="Part of a unit's name (any spelling seen) or its register key.")
@click.option("--side", help="ISO 3166-1 alpha-2 code.")
@FILTER_OPTIONS["country"]
@FILTER_OPTIONS["admin1"]
@LIMIT
@FORMAT
def units_register(db, unit, side, country, admin1, limit, fmt):
    """The unit register: each unit once, with how many persons, merged events and loss claims.
    --country/--admin1: one of the unit's reports names a place there."""
    from sitrep.resolve.register import units

    with open_store(db) as store, store.read() as conn:
        rows = units(conn, unit, side, limit or None, country=country, admin1=admin1)
    emit(rows, fmt, ("unit_key", "name", "variants", "side", "echelon", "mentions", "persons", "events", "loss_claims"))


@click.command("show")
@click.argument("unit")
@db_option
@SHOW_FORMAT
def units_show(unit, db, fmt):
    """One unit (register key or a name as written): its people, its events and the losses claimed for it."""
    from sitrep.resolve.register import unit_detail

    with open_store(db) as store, store.read() as conn:
        detail = unit_detail(conn, unit)
    if detail is None:
        raise click.ClickException(f"no unit {unit!r} in the register (see `sitrep units register`)")
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=1, default=str))
        return
    click.echo(f"{detail['unit_key']}  {detail['name']}  [{detail['side'] or '?'}, {detail['echelon'] or '?'}]")
    for label in ("variants", "parent", "garrison", "unit_number", "first_reported", "last_reported", "mentions"):
        if detail.get(label) is not None:
            click.echo(f"  {label:<15}{detail[label]}")
    click.echo(f"  people ({len(detail['people'])}):")
    for p in detail["people"]:
        click.echo(f"    {p['person_id']}  {' '.join(filter(None, (p['ranks'], p['name'])))}  {p['fate'] or ''} {p['fate_date'] or ''}")
    click.echo(f"  events ({len(detail['events'])}):")
    for e in detail["events"]:
        click.echo(f"    {e['merged_id']}  {e['date_start']}  {e['event_type']}  {e['location'] or '?'}  ({e['reports']} reports)")
    click.echo(f"  claimed losses ({len(detail['claimed_losses'])}):")
    for c in detail["claimed_losses"]:
        figure = row_figure(c)
        figure = "no figure" if figure is None else figure
        how = "the claim's subject" if c["link"] == "subject" else "named in the same sentence"
        click.echo(f"    {c['published']}  {c['measure']} {figure} of {c['subject'] or '?'} - {c['claimant'] or 'unattributed'}, "
                   f"{c['certainty']} ({how})")


@click.command("merged")
@db_option
@FILTER_OPTIONS["since"]
@FILTER_OPTIONS["until"]
@click.option("--type", "type_", help="ACLED event or sub-event type.")
@click.option("--place", help="Place or admin1 name.")
@click.option("--min-reports", type=click.IntRange(min=1), help="Told by at least this many reports.")
@LIMIT
@FORMAT
def events_merged(db, since, until, type_, place, min_reports, limit, fmt):
    """Merged events: one row per incident, with its reports, outlets and range of tolls."""
    from sitrep.resolve.register import merged_events

    dates = filters_from({"since": since, "until": until})
    with open_store(db) as store, store.read() as conn:
        rows = merged_events(conn, dates.since, dates.until, type_, place, min_reports, limit or None)
    emit(rows, fmt, ("merged_id", "date_start", "event_type", "location", "fatalities_low", "fatalities_high",
                     "reports", "outlets"))


# --- claims --timeline -------------------------------------------------------------------------------

TIMELINE_OPTIONS = (
    click.Option(["--timeline"], is_flag=True, help="Claims about one subject in time order, with the spread between claimants."),
    click.Option(["--subject"], help="Timeline: side and/or group, e.g. 'RU military', 'Russian', 'UA civilians'."),
    click.Option(["--measure"], default="killed", show_default=True, help="Timeline: killed, wounded, captured ..."),
    click.Option(["--scope"], type=click.Choice(["cumulative", "incident", "any"]), default="cumulative",
                 show_default=True, help="Timeline: cumulative tolls or single incidents."),
    click.Option(["--strict-measure"], is_flag=True,
                 help="Timeline: leave out claims of 'losses' and combined figures (killed, wounded or captured)."),
)


def _timeline(kwargs: dict[str, Any]) -> None:
    from sitrep.resolve.register import timeline
    from sitrep.resolve.timeline import TABLE_COLUMNS, parse_subject, table_rows

    try:
        spec = parse_subject(kwargs.pop("subject"))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--subject")
    measure, scope, strict = kwargs.pop("measure"), kwargs.pop("scope"), kwargs.pop("strict_measure")
    db, fmt = kwargs.pop("db"), kwargs.pop("fmt")
    kwargs.pop("limit", None)
    if kwargs.get("type_"):
        raise click.UsageError("--timeline takes the measure from --measure, not --type")
    with open_store(db) as store, store.read() as conn:
        points = timeline(conn, spec, measure, None if scope == "any" else scope, filters_from(kwargs), strict)
    if fmt == "json":
        click.echo(json.dumps({"subject": spec.label(), "measure": measure, "scope": scope,
                               "points": [p.to_dict() for p in points]}, ensure_ascii=False, indent=1))
    elif fmt == "nl":
        emit([p.to_dict() for p in points], fmt, ())
    elif fmt in ("csv", "tsv"):
        emit([{**p.to_dict(), "via": "; ".join(p.via), "measure": "; ".join(p.measure),
               "spread": json.dumps(p.spread)} for p in points], fmt, ())
    else:
        click.echo(f"{spec.label()} / {measure} / {scope}: {len(points)} claims, "
                   f"{len({p.camp for p in points})} claimants")
        emit_rows(table_rows(points), "table", TABLE_COLUMNS)


def _with_timeline(old: click.Command) -> click.Command:
    def callback(**kwargs):
        if kwargs.get("timeline"):
            kwargs.pop("timeline")
            return _timeline(kwargs)
        for opt in ("timeline", "subject", "measure", "scope", "strict_measure"):
            kwargs.pop(opt, None)
        return old.callback(**kwargs)

    return click.Command(old.name, params=list(old.params) + list(TIMELINE_OPTIONS), callback=callback,
                         help=(old.help or "") + "\n\nWith --timeline: every claim about --subject and --measure in time "
                         "order, with claimant, figure, certainty, source and the spread between claimants.")


def _with_subcommands(old: click.Command, *subs: click.Command) -> click.Group:
    """A group named like ``old``, with its options, that runs ``old`` when no sub-command is given."""

    def callback(**kwargs):
        if click.get_current_context().invoked_subcommand is None:
            return old.callback(**kwargs)

    group = click.Group(old.name, params=list(old.params), callback=callback, invoke_without_command=True,
                        help=(old.help or "") + "\n\nSub-commands work on the resolved registers (`sitrep resolve`).")
    for sub in subs:
        group.add_command(sub)
    return group


def _with_resolve(old: click.Command) -> click.Command:
    """`sitrep ingest ... --resolve`: resolve the new reports right after storing them (incremental)."""

    def callback(**kwargs):
        resolve_after = kwargs.pop("resolve")
        try:
            return old.callback(**kwargs)
        finally:  # also when ingest exits 1 because some files could not be read
            if resolve_after:
                from sitrep.resolve.runner import resolve

                with open_store(kwargs.get("db")) as store:
                    click.echo(str(resolve(store)))

    option = click.Option(["--resolve"], is_flag=True,
                          help="Then fold the new reports into the people/unit registers and merged events (`sitrep resolve`).")
    return click.Command(old.name, params=list(old.params) + [option], callback=callback, help=old.help)


def register(group: click.Group) -> None:
    """Add `resolve` and `merge-log`, and extend the listing commands with the resolver's sub-commands."""
    group.add_command(resolve_command)
    group.add_command(merge_log_command)
    commands = group.commands
    if "ingest" in commands:
        group.add_command(_with_resolve(commands["ingest"]))
    if "people" in commands:
        group.add_command(_with_subcommands(commands["people"], people_register, people_show, people_merge, people_split))
    if "units" in commands:
        group.add_command(_with_subcommands(commands["units"], units_register, units_show))
    if "events" in commands:
        group.add_command(_with_subcommands(commands["events"], events_merged))
    if "claims" in commands:
        group.add_command(_with_timeline(commands["claims"]))
