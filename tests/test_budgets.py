"""Per-document budgets: a document that takes more CPU time or memory to extract than limits.DOC_CPU_SECONDS
or DOC_MEMORY_MB fails with what was exceeded, recorded in `failures`; the documents after it are read."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from click.testing import CliRunner

import sitrep

from sitrep import limits
from sitrep.cli import main
from sitrep.ingest import ingest
from sitrep.store import Store

SHORT = "The regional governor said Russian shelling killed four civilians in Kherson on Monday."


def _dense(chars: int) -> str:
    """Paragraphs of incidents, each with a place, a spokesman, counts and a unit: a feed that is all facts."""
    places = ("Kharkiv", "Kherson", "Izium", "Bakhmut", "Sumy", "Odesa", "Nikopol")
    out, n = [], 0
    while sum(map(len, out)) < chars:
        place = places[n % len(places)]
        out.append(f"Russian artillery shelled {place} overnight, the governor said on Telegram. {n % 90 + 2} civilians "
                   f"were killed and {n % 40 + 3} wounded. Soldiers of the 93rd Mechanised Brigade repelled an attack "
                   f"near {places[(n + 3) % len(places)]}, the General Staff said.\n\n")
        n += 1
    return "".join(out)[:chars]


def test_a_document_over_its_cpu_budget_fails_and_the_run_goes_on(tmp_path, monkeypatch):
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "before", "text": SHORT}, {"id": "dense", "text": _dense(300_000)}, {"id": "after", "text": SHORT + " Again."}]))
    sitrep.extract(SHORT)  # the first extraction loads the gazetteer and lexicons: not this budget's business
    monkeypatch.setattr(limits, "DOC_CPU_SECONDS", 0.5)
    db = str(tmp_path / "s.db")
    summary = ingest([str(corpus)], db, progress=False)
    assert (summary.new, summary.failed) == (2, 1)
    with Store.open(db) as store:
        failures = store.failures()
        with store.read() as conn:
            stored = sorted(r[0] for r in conn.exec_driver_sql("SELECT id FROM documents"))
    assert stored == ["after", "before"]
    assert len(failures) == 1 and failures[0]["line"] == 2
    assert "CPU budget" in failures[0]["reason"] and "0.5 s per document" in failures[0]["reason"]


def test_sitrep_extract_names_the_budget_and_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a-dense.txt").write_text(_dense(200_000))
    (tmp_path / "b-short.txt").write_text(SHORT)
    sitrep.extract(SHORT)
    monkeypatch.setattr(limits, "DOC_CPU_SECONDS", 0.3)
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "a-dense.txt" in result.stderr and "CPU budget" in result.stderr
    assert [json.loads(line)["claims"] != [] for line in result.stdout.splitlines()] == [True]


def test_a_document_over_its_memory_budget_fails_with_what_was_exceeded():
    """In a fresh process, after a warm-up (the gazetteer and lexicons load once, some 150 MB)."""
    body = textwrap.dedent(f"""
        import sitrep
        from sitrep import limits
        sitrep.extract({SHORT!r})
        limits.DOC_MEMORY_MB = 2
        text = {_dense(100)!r} * 12_000
        try:
            sitrep.extract(text)
            print("no budget exceeded")
        except limits.BudgetExceeded as exc:
            print(exc)
        limits.DOC_MEMORY_MB = 1024
        print(len(sitrep.extract({SHORT!r}).claims), "claims after")
    """)
    out = subprocess.run([sys.executable, "-c", body], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "over its memory budget" in out.stdout and "2 MB per document" in out.stdout, out.stdout
    assert "1 claims after" in out.stdout


def test_no_budget_outside_an_extraction():
    limits.check_budget("anywhere")  # nothing to hold to: no error
