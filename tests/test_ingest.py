"""Ingest: each report once, re-runs change nothing, later files add only what is new, bad input is
named, recorded and does not stop the run. Through the Python API and through `sitrep ingest`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.ingest import ingest
from sitrep.store import Store
from test_store_support import db_url, dump, facts_extractor, pg_url, report_record, write_reports  # noqa: F401


def _ingest(paths, db, **kw):
    return ingest([str(p) for p in paths], db, extract=facts_extractor, progress=False, **kw)


def test_rerunning_the_same_ingest_changes_nothing(tmp_path, db_url):
    corpus = write_reports(tmp_path / "march.jsonl", range(20))
    first = _ingest([corpus], db_url)
    assert (first.read, first.new, first.duplicate, first.failed) == (20, 20, 0, 0)
    assert (first.events, first.claims) == (20, 40)
    before = dump(db_url)
    again = _ingest([corpus], db_url)
    assert (again.read, again.new, again.duplicate, again.failed) == (20, 0, 20, 0)
    assert dump(db_url) == before


def test_files_added_later_add_only_what_is_new(tmp_path, db_url):
    week1 = write_reports(tmp_path / "week1.jsonl", range(0, 10))
    _ingest([week1], db_url)
    # week 2 repeats three reports of week 1 under the same URL
    week2 = write_reports(tmp_path / "week2.jsonl", [7, 8, 9] + list(range(10, 18)))
    second = _ingest([week1, week2], db_url)
    assert (second.new, second.duplicate) == (8, 13)
    with Store.open(db_url) as store:
        counts = store.counts()
    assert counts["documents"] == 18 and counts["events"] == 18 and counts["claims"] == 36


def test_the_same_report_twice_in_one_run_is_stored_once(tmp_path, db_url):
    a = write_reports(tmp_path / "a.jsonl", [1, 2, 3])
    b = tmp_path / "b.jsonl"  # report 2 again, saved elsewhere with other whitespace: same text, new URL
    rec = report_record(2)
    b.write_text(json.dumps({**rec, "url": "https://mirror.example.net/2", "text": rec["text"].replace(". ", ".\n\n")}) + "\n")
    summary = _ingest([a, b], db_url)
    assert (summary.new, summary.duplicate) == (3, 1)


def test_malformed_input_is_named_recorded_and_the_run_goes_on(tmp_path, db_url):
    corpus = write_reports(tmp_path / "batch.jsonl", range(6), bad_lines={3: '{"text": "unterminated'})
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    seen = []
    summary = _ingest([corpus, binary, tmp_path / "missing.jsonl"], db_url, on_failure=seen.append)
    assert summary.new == 6  # every good line, including those after the bad one
    assert summary.failed == 3
    assert any(f.source.endswith("batch.jsonl") and f.line == 3 for f in seen)
    with Store.open(db_url) as store:
        recorded = {(f["source"].rsplit("/", 1)[-1], f["line"]) for f in store.failures()}
    assert recorded == {("batch.jsonl", 3), ("scan.txt", None), ("missing.jsonl", None)}
    assert any("batch.jsonl:3" in line for line in summary.failures)


def test_a_document_the_extractor_chokes_on_is_a_failure_not_a_crash(tmp_path, db_url):
    corpus = write_reports(tmp_path / "c.jsonl", range(5))

    def fragile(doc):
        if "report-3" in (doc.url or ""):
            raise RuntimeError("stage exploded\nwith a traceback")
        return facts_extractor(doc)

    summary = ingest([str(corpus)], db_url, extract=fragile, progress=False)
    assert (summary.new, summary.failed) == (4, 1)
    with Store.open(db_url) as store:
        [failure] = store.failures()
    assert failure["source"].endswith("c.jsonl") and failure["line"] == 4
    assert failure["reason"] == "RuntimeError: stage exploded"


def test_a_report_the_database_refuses_fails_alone_and_its_batch_is_stored(tmp_path, db_url):
    corpus = write_reports(tmp_path / "d.jsonl", range(8))

    def duplicating(doc):  # report 5's extraction has two events with one id: the database refuses it
        x = facts_extractor(doc)
        if "report-5" in (doc.url or ""):
            x.events.append(x.events[0])
        return x

    seen = []
    summary = ingest([str(corpus)], db_url, extract=duplicating, progress=False, on_failure=seen.append)
    assert (summary.new, summary.failed, summary.events) == (7, 1, 7)
    assert [(f.source.rsplit("/", 1)[-1], f.line) for f in seen] == [("d.jsonl", 6)]
    with Store.open(db_url) as store:
        assert store.counts()["documents"] == 7 and store.counts()["events"] == 7
        [failure] = store.failures()
    assert failure["line"] == 6 and failure["reason"].startswith("IntegrityError")


def test_reports_are_committed_in_batches(tmp_path, db_url, monkeypatch):
    import sitrep.ingest as ingest_module
    from sitrep.store import Store as StoreClass

    monkeypatch.setattr(ingest_module, "BATCH_DOCUMENTS", 4)
    monkeypatch.setattr(ingest_module, "BATCH_SECONDS", 3600)
    sizes = []
    add_many = StoreClass.add_many
    monkeypatch.setattr(StoreClass, "add_many", lambda self, items: sizes.append(len(items)) or add_many(self, items))
    corpus = write_reports(tmp_path / "e.jsonl", range(10))
    summary = _ingest([corpus], db_url)
    assert summary.new == 10 and sizes == [4, 4, 2]


def test_a_batch_is_committed_once_its_first_report_has_waited_long_enough(tmp_path, db_url, monkeypatch):
    import sitrep.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "BATCH_SECONDS", 0.0)  # every report is due at once: one per batch
    stored_before = []

    def counting(doc):  # what is committed when each report is about to be extracted
        with Store.open(db_url) as store:
            stored_before.append(store.counts()["documents"])
        return facts_extractor(doc)

    corpus = write_reports(tmp_path / "f.jsonl", range(4))
    ingest([str(corpus)], db_url, extract=counting, progress=False)
    assert stored_before == [0, 1, 2, 3]


# --- the command ----------------------------------------------------------------------------------


def test_ingest_command_summarises_and_sets_the_exit_status(tmp_path, db_url):
    good = write_reports(tmp_path / "good.jsonl", range(3))
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"text": "Two soldiers were wounded near Kupiansk."}\nnot json at all\n')
    runner = CliRunner()
    ok = runner.invoke(main, ["ingest", "--quiet", "--db", db_url, str(good)])
    assert ok.exit_code == 0, ok.output
    assert "read 3, new 3, duplicate 0, failed 0" in ok.output
    failed = runner.invoke(main, ["ingest", "--quiet", "--db", db_url, str(good), str(bad)])
    assert failed.exit_code == 1
    assert "read 5, new 1, duplicate 3, failed 1" in failed.stdout
    assert f"{bad}:2" in failed.stderr  # names the file and the line


def test_ingest_reads_folders_and_csv_with_mapped_columns(tmp_path, db_url):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "one.txt").write_text("Shelling of Nikopol wounded four people on Sunday, the governor said.\n")
    (folder / "two.csv").write_text(
        "headline,body,day\n"
        "Strike on Sumy,\"A missile strike on Sumy killed two people, officials said.\",2023-04-01\n"
    )
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", db_url, "--csv-column", "text=body",
                                       "--csv-column", "title=headline", "--csv-column", "date=day", str(folder)])
    assert result.exit_code == 0, result.output
    assert "new 2" in result.stdout
    with Store.open(db_url) as store, store.read() as conn:
        rows = conn.exec_driver_sql("SELECT title, published FROM documents WHERE title IS NOT NULL").all()
    assert rows == [("Strike on Sumy", "2023-04-01")]


def test_ingest_rejects_a_bad_column_mapping(tmp_path):
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(main, ["ingest", "--db", db, "--csv-column", "body", "x.csv"])
    assert result.exit_code == 2 and "FIELD=COLUMN" in result.output
    result = CliRunner().invoke(main, ["ingest", "--db", db, "--csv-column", "colour=body", "x.csv"])
    assert result.exit_code == 2 and "colour" in result.output


def test_default_database_is_sitrep_db_or_SITREP_DB(tmp_path, monkeypatch):
    corpus = write_reports(tmp_path / "r.jsonl", range(2))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITREP_DB", raising=False)
    _ingest([corpus], None)
    assert (tmp_path / "sitrep.db").exists()
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "elsewhere.db"))
    assert _ingest([corpus], None).new == 2
    assert (tmp_path / "elsewhere.db").exists()


def test_published_date_is_validated(tmp_path):
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), "--published", "the eighth", "x.txt"])
    assert result.exit_code == 2 and "is not a date" in result.output


def test_progress_has_a_total_and_moves_document_by_document(tmp_path):
    """The bar's total is the input's bytes; JSON Lines advance a line's share per document, a text file
    all at once; the bar ends full."""
    from sitrep.progress import IngestProgress

    (tmp_path / "in").mkdir()
    jsonl = write_reports(tmp_path / "in" / "batch.jsonl", range(4))
    text = tmp_path / "in" / "one.txt"
    text.write_text("Shelling of Kherson killed two people, the governor said.", encoding="utf-8")
    total = jsonl.stat().st_size + text.stat().st_size
    with IngestProgress([str(tmp_path / "in")]) as bar:
        assert bar.bar.total == total
        bar.advance(f"{jsonl}:1")
        assert abs(bar.bar.n - jsonl.stat().st_size / 4) < 1
        bar.advance(f"{jsonl}:2")
        bar.advance(str(text))  # the JSON Lines file is done when the next file starts
        assert bar.bar.n == total
    assert bar.documents == 3
