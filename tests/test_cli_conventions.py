"""One spelling per concept on every command: --format table|csv|tsv|json|nl on every listing, -q/-v
everywhere, ids in every table, an untitled report shown by its first words; the old spellings
(--fate, --json, --markdown, --no-progress) still work, unlisted."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.model import Document
from sitrep.store import Store
from test_store_support import facts_extractor, report_record

LISTINGS = (["events"], ["claims"], ["people"], ["units"], ["places"], ["search", "shelled"], ["merge-log"],
            ["people", "register"], ["units", "register"], ["events", "merged"])


def _all_commands(group: click.Group, prefix=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "sitrep.db"
    with Store.open(path) as store:
        for n in range(4):
            record = report_record(n)
            if n == 3:
                record["title"] = None  # an untitled report
            doc = Document(**record)
            store.add(doc, facts_extractor(doc))
    return str(path)


def test_every_command_takes_quiet_and_verbose():
    for path, command in _all_commands(main):
        names = {opt for p in command.params for opt in p.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= names, path


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_speaks_every_format(db, args):
    runner = CliRunner()
    outputs = {fmt: runner.invoke(main, [*args, "--db", db, "--format", fmt]) for fmt in ("table", "csv", "tsv", "json", "nl")}
    for fmt, result in outputs.items():
        assert result.exit_code == 0, (fmt, result.output)
    as_json = json.loads(outputs["json"].stdout)
    as_nl = [json.loads(line) for line in outputs["nl"].stdout.splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(outputs["csv"].stdout)))
    as_tsv = list(csv.DictReader(io.StringIO(outputs["tsv"].stdout), delimiter="\t"))
    assert as_nl == as_json
    assert len(as_csv) == len(as_tsv) == len(as_json)
    if as_json:
        assert set(as_csv[0]) == set(as_tsv[0]) == set(as_json[0])
    header = outputs["table"].stdout.splitlines()[0].split()
    assert header and (header[0] == "id" or header[0].endswith("_id") or header[0] == "unit_key"), header


def test_table_ids_lead_to_the_fact(db):
    out = CliRunner().invoke(main, ["claims", "--db", db, "--format", "table"]).stdout.splitlines()
    ids = [line.split()[0] for line in out[2:]]
    rows = json.loads(CliRunner().invoke(main, ["claims", "--db", db, "--format", "json"]).stdout)
    assert ids == [f"{r['document_id']}:{r['claim_id']}" for r in rows]


def test_an_untitled_report_shows_its_first_words(db):
    rows = json.loads(CliRunner().invoke(main, ["events", "--db", db, "--format", "json"]).stdout)
    untitled = next(r for r in rows if r["report_url"].endswith("report-3"))
    assert untitled["report_title"] == report_record(3)["text"][:80].strip()
    found = json.loads(CliRunner().invoke(main, ["search", "--db", db, "--format", "json", '"report number 3"']).stdout)
    assert [r["title"] for r in found] == [report_record(3)["text"][:80].strip()]


def test_quiet_silences_notes_and_verbose_is_accepted(db):
    noted = CliRunner().invoke(main, ["events", "--db", db, "--limit", "1"])
    assert "first 1 rows" in noted.stderr
    assert CliRunner().invoke(main, ["events", "--db", db, "--limit", "1", "-q"]).stderr == ""
    assert CliRunner().invoke(main, ["-q", "events", "--db", db, "--limit", "1"]).stderr == ""
    assert CliRunner().invoke(main, ["events", "--db", db, "-vv", "--limit", "1"]).exit_code == 0


def test_old_spellings_still_work_but_are_not_listed(db):
    runner = CliRunner()
    fate = runner.invoke(main, ["people", "register", "--db", db, "--fate", "killed", "--format", "json"])
    status = runner.invoke(main, ["people", "register", "--db", db, "--status", "killed", "--format", "json"])
    assert fate.exit_code == status.exit_code == 0 and fate.stdout == status.stdout
    assert "--fate" not in runner.invoke(main, ["people", "register", "--help"]).output
    help_text = runner.invoke(main, ["evaluate", "--help"]).output
    for old in ("--json", "--markdown", "--no-progress"):
        assert old not in help_text
