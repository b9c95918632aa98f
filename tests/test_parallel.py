"""Extraction in worker processes (`--jobs N`, sitrep.extract.parallel) gives what one process gives: the
same records, in input order, the same failures named the same way, for `sitrep extract` and `sitrep ingest`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.extract.parallel import default_jobs, extract_all
from sitrep.ingest import ingest
from sitrep.model import Document
from sitrep.read import ReadFailure
from test_store_support import dump, pg_url  # noqa: F401

# Short reports written for these tests: shelling, a drone strike, a battle, captures, and quiet news.
REPORTS = [
    "Artillery fire hit the market in Nikopol on Monday, killing four people and wounding nine, the city's mayor said.",
    "A drone struck a fuel depot outside Belgorod overnight; the regional governor reported no casualties.",
    "Ukrainian troops repelled three assaults near Avdiivka on Wednesday, the General Staff said, claiming "
    "forty enemy soldiers killed.",
    "Border guards detained two men who tried to cross into Moldova near Palanca on Friday.",
    "The city council of Lviv approved a new budget for school repairs on Thursday.",
    "Police said at least six people were injured when a missile fell on a warehouse in Odesa early on Sunday.",
    "Rebels captured eleven soldiers after an ambush near Goma, a spokesman for the M23 movement claimed.",
    "Two policemen were killed and a third was wounded when gunmen attacked a checkpoint in Zamfara state.",
    "Heavy rain closed the mountain road between Kabul and Jalalabad for a day, officials said.",
    "An airstrike killed at least twelve fighters near Idlib on Tuesday, a monitoring group said.",
]


def documents(n: int) -> list[Document]:
    return [Document(text=REPORTS[i % len(REPORTS)] + f" Update {i}.", id=f"r{i}", published="2023-06-0" + str(1 + i % 9))
            for i in range(n)]


def outcome(result):
    if result is None:
        return None
    if isinstance(result, BaseException):
        return f"{type(result).__name__}: {result}"
    return result.to_dict()


def test_workers_give_the_same_results_in_the_same_order():
    items: list = documents(23)
    items.insert(5, ReadFailure("feed.xml", "not a feed", 3))  # passed through untouched, in its place
    items.insert(12, Document(text=REPORTS[0], id="bad-date", published="the eighth"))  # that document's failure
    alone = [(item, outcome(r)) for item, r in extract_all(items, jobs=1)]
    pooled = [(item, outcome(r)) for item, r in extract_all(items, jobs=2, chunk=3)]
    assert pooled == alone
    assert [item for item, _ in pooled] == items
    assert pooled[5][1] is None
    assert pooled[12][1].startswith("ValueError: published 'the eighth' is not a date")
    assert sum(bool(r["claims"]) for _, r in pooled if isinstance(r, dict)) >= 5  # facts found, not empty records


def test_a_pool_leaves_the_loaded_data_frozen_as_it_found_it():
    import gc

    list(extract_all(documents(1), jobs=1))  # in-process: the pipeline freezes the data it loaded
    assert gc.get_freeze_count() > 0
    list(extract_all(documents(20), jobs=2, chunk=4))
    assert gc.get_freeze_count() > 0  # a pool run does not give the lexicons back to the collector


def test_select_chooses_what_is_extracted():
    items = documents(12)
    skip = {"r2", "r7"}
    results = list(extract_all(items, jobs=2, chunk=2, select=lambda d: None if d.id in skip else d))
    assert [item.id for item, _ in results] == [d.id for d in items]
    assert [item.id for item, r in results if r is None] == ["r2", "r7"]


def test_tasks_hold_a_few_documents_and_fewer_long_ones():
    from sitrep.extract.parallel import _chunks

    short = [(d, d) for d in documents(20)]  # ~100 characters each: the count closes a task
    assert [len(c.documents) for c in _chunks(short, 8, chars=6_000)] == [8, 8, 4]
    long_text = " ".join([REPORTS[0]] * 30)  # ~3,400 characters: two of them close a task, so the last is short
    long = [(d, d) for d in (Document(text=long_text, id=f"l{i}") for i in range(5))]
    assert [len(c.documents) for c in _chunks(long, 8, chars=6_000)] == [2, 2, 1]
    items = [(f"failure {i}", None) if i % 2 else pair for i, pair in enumerate(long)]  # read failures ride along
    assert [(len(c.items), len(c.documents)) for c in _chunks(items, 8, chars=6_000)] == [(3, 2), (2, 1)]


def test_jobs_must_be_positive_and_default_to_the_cores():
    assert default_jobs() >= 1
    with pytest.raises(ValueError, match="at least 1"):
        list(extract_all(documents(2), jobs=0))


def _corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(folder / "a.jsonl", "w", encoding="utf-8") as f:
        for i, text in enumerate(REPORTS * 2):
            f.write(json.dumps({"id": f"a{i}", "text": text + f" Report {i}.", "published": "2023-07-14"}) + "\n")
        f.write("{not json\n")
        f.write(json.dumps({"id": "a-again", "text": REPORTS[2] + " Report 2.", "published": "2023-07-14"}) + "\n")
    (folder / "b.txt").write_text(REPORTS[6], encoding="utf-8")
    return folder


def test_extract_command_output_is_the_same_with_one_job_or_two(tmp_path):
    folder = _corpus(tmp_path)
    runs = [CliRunner().invoke(main, ["extract", "--jobs", jobs, "--published", "2023-07-15",
                                                       str(folder)]) for jobs in ("1", "2")]
    assert runs[0].exit_code == runs[1].exit_code == 1  # the malformed line
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr == runs[1].stderr
    assert "malformed JSON" in runs[0].stderr
    assert len(runs[0].stdout.splitlines()) == 2 * len(REPORTS) + 2


INGEST_FIELDS = ("read", "new", "duplicate", "failed", "events", "claims", "failures", "notes")


def test_ingest_stores_the_same_with_one_job_or_two(tmp_path):
    folder = _corpus(tmp_path)
    one_db, two_db = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    one = ingest([str(folder)], one_db, progress=False, jobs=1)
    two = ingest([str(folder)], two_db, progress=False, jobs=2)
    assert [getattr(one, f) for f in INGEST_FIELDS] == [getattr(two, f) for f in INGEST_FIELDS]
    assert one.duplicate == 1 and one.failed == 1 and one.claims > 5
    assert dump(one_db) == dump(two_db)
    again = ingest([str(folder)], two_db, progress=False, jobs=2)  # all stored: nothing extracted, nothing added
    assert (again.new, again.duplicate, again.failed) == (0, one.new + one.duplicate, 1)
    assert dump(one_db) == dump(two_db)


@pytest.mark.postgres
def test_ingest_into_postgresql_with_two_jobs(tmp_path, pg_url):
    folder = _corpus(tmp_path)
    one = ingest([str(folder)], str(tmp_path / "one.db"), progress=False, jobs=1)
    two = ingest([str(folder)], pg_url, progress=False, jobs=2)
    assert [getattr(one, f) for f in INGEST_FIELDS] == [getattr(two, f) for f in INGEST_FIELDS]


def test_ingest_command_takes_jobs(tmp_path):
    folder = _corpus(tmp_path)
    result = CliRunner().invoke(main, ["ingest", "-q", "--jobs", "2", "--db",
                                                       str(tmp_path / "x.db"), str(folder)])
    assert result.exit_code == 1  # the malformed line
    assert "failed 1" in result.stdout and f"new {2 * len(REPORTS) + 1}" in result.stdout
    refused = CliRunner().invoke(main, ["ingest", "--engine", "dask", "--jobs", "2", str(folder)])
    assert refused.exit_code == 2 and "--jobs is for --engine local" in refused.output
