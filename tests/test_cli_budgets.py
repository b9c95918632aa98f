"""Per-document budgets from the command line: `sitrep extract` and `sitrep ingest` take --cpu-budget and
--memory-budget; a document over its budget fails, named, and the others go on."""

from __future__ import annotations

import itertools
import json

import pytest
from click.testing import CliRunner

from sitrep import limits
from sitrep.limits import Budget
from sitrep.cli import main
from sitrep.extract.pipeline import extract_document
from sitrep.model import Document
from sitrep.store import Store

REPORTS = [
    "Russian artillery shelled Orikhiv overnight, killing two civilians, the regional governor said.",
    "A drone struck a fuel depot near Sumy on Tuesday; one worker was wounded, officials reported.",
]


def _files(tmp_path, copies: int = 1):
    paths = []
    for c in range(copies):
        for n, text in enumerate(REPORTS):
            path = tmp_path / f"report-{c}-{n}.txt"
            path.write_text(text + f" Report {c}." * (c > 0), encoding="utf-8")
            paths.append(str(path))
    return paths


def _run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(params=["1", "2"])
def jobs(request):
    """In this process, and in worker processes (the budget travels with the documents)."""
    return request.param


def test_extract_fails_each_document_over_a_cpu_budget_and_goes_on(tmp_path, jobs):
    paths = _files(tmp_path, copies=6 if jobs == "2" else 1)  # more than a chunk: workers start
    result = _run("extract", "--jobs", jobs, "--cpu-budget", "0.000001", *paths)
    assert result.exit_code == 1
    for path in paths:  # every document named, none stopped the others
        assert f"cannot extract {path}: BudgetExceeded: over its CPU budget" in result.stderr
    assert "the budget is 1e-06 s" in result.stderr
    generous = _run("extract", "--jobs", jobs, "--cpu-budget", "600", *paths)
    assert generous.exit_code == 0 and len(generous.stdout.splitlines()) == len(paths)


def test_no_option_keeps_the_default_and_zero_means_no_budget(tmp_path, monkeypatch):
    paths = _files(tmp_path)
    monkeypatch.setattr(limits, "DOC_CPU_SECONDS", 1e-9)
    assert "over its CPU budget" in _run("extract", "--jobs", "1", *paths).stderr  # the default applies
    unbudgeted = _run("extract", "--jobs", "1", "--cpu-budget", "0", *paths)
    assert unbudgeted.exit_code == 0, unbudgeted.stderr
    assert [json.loads(line)["claims"] != [] for line in unbudgeted.stdout.splitlines()] == [True, True]


def test_a_memory_budget_from_the_command_line(tmp_path, monkeypatch):
    paths = _files(tmp_path)
    grown = itertools.count(0, 200 * 1024)  # each reading of resident memory 200 MB more than the last
    monkeypatch.setattr(limits, "_resident_kb", lambda: next(grown))
    monkeypatch.setattr(limits.resource, "getrusage", lambda who: type("R", (), {"ru_maxrss": 10**9})())
    result = _run("extract", "--jobs", "1", "--memory-budget", "100", *paths)
    assert result.exit_code == 1 and result.stderr.count("over its memory budget") == len(paths)
    assert "the budget is 100 MB" in result.stderr
    assert _run("extract", "--jobs", "1", "--memory-budget", "0", *paths).exit_code == 0


def test_ingest_records_a_document_over_its_budget_in_failures(tmp_path, jobs):
    paths = _files(tmp_path, copies=6 if jobs == "2" else 1)
    db = str(tmp_path / "b.db")
    result = _run("ingest", "-q", "--jobs", jobs, "--db", db, "--cpu-budget", "0.000001", *paths)
    assert result.exit_code == 1
    with Store.open(db) as store:
        failures = store.failures()
        assert store.counts()["documents"] == 0
    assert len(failures) == len(paths) and all("over its CPU budget" in f["reason"] for f in failures)
    again = _run("ingest", "-q", "--jobs", jobs, "--db", db, "--cpu-budget", "600", *paths)  # within budget: stored
    assert again.exit_code == 0, again.output
    with Store.open(db) as store:
        assert store.counts()["documents"] == len(paths)


def test_budget_options_are_checked_and_their_help_gives_the_defaults():
    assert _run("extract", "--cpu-budget", "-1", "x.txt").exit_code == 2
    assert _run("ingest", "--memory-budget", "-5", "x.txt").exit_code == 2
    for command in ("extract", "ingest"):
        text = " ".join(_run(command, "--help").output.split())
        assert f"Default {limits.DOC_CPU_SECONDS:g}; 0: no budget" in text
        assert f"Default {limits.DOC_MEMORY_MB:g}; 0: no budget" in text
    with pytest.raises(ValueError, match="no budget"):
        extract_document(Document(text=REPORTS[0]), budget=Budget(cpu_seconds=-1))
