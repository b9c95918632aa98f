"""The Dask runner on a real dask.distributed LocalCluster (two worker processes) and a real PostgreSQL:
a worker SIGKILLed mid-run, the client SIGKILLed mid-run and run again, SQLite on a local cluster, and
the real extractor on the workers. Every run is compared row by row with a single-process ingest of
the same files. The cluster is started once for the module and shut down at its end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitrep.ingest import ingest
from sitrep.scale import batched, ingest_dask
from sitrep.store.engine import normalise_url
from test_store_support import TESTS, dump, facts_extractor, pg_url, report_record  # noqa: F401

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
distributed = pytest.importorskip("distributed")  # the `scale` extra; installed in CI

REPO = TESTS.parent


def slower_facts_extractor(doc):
    """The helper extractor, as slow as a real one on a loaded machine, so that a kill lands mid-run."""
    time.sleep(0.02)
    return facts_extractor(doc)


def broken_on_report_7(doc):
    if "Report number 7." in doc.text:
        raise ValueError("the extractor chokes on this report")
    return facts_extractor(doc)


@pytest.fixture(scope="module")
def client():
    """Two single-threaded worker processes, as `--workers 2` starts them; closed after the module."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def copies(total: int) -> int:
    return len(range(0, total, 10)) + len(range(5, total, 15))


def write_corpus(path: Path, total: int, bad_line: int | None = None) -> Path:
    """``total`` reports as JSONL, with copies the way crawls have them: every 10th report again later
    under another URL (same text), every 15th again as it was (same URL)."""
    lines = [json.dumps(report_record(n)) for n in range(total)]
    for n in range(0, total, 10):
        copy = dict(report_record(n), url=f"https://mirror.example.net/{n}")
        lines.insert(min(len(lines), n + 25), json.dumps(copy))
    for n in range(5, total, 15):
        lines.append(json.dumps(report_record(n)))
    if bad_line is not None:
        lines.insert(bad_line - 1, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def local_copy(tmp_path: Path, corpus: Path, extract=facts_extractor) -> dict:
    clean = tmp_path / "clean.db"
    ingest([str(corpus)], str(clean), extract=extract, progress=False)
    return dump(str(clean))


def stored(url: str) -> int:
    import sqlalchemy

    engine = sqlalchemy.create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
    except sqlalchemy.exc.ProgrammingError:  # tables not created yet
        return 0
    finally:
        engine.dispose()


def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.postgres
def test_a_worker_killed_mid_run_loses_nothing_and_stores_nothing_twice(tmp_path, pg_url, client):
    total = 100
    corpus = write_corpus(tmp_path / "corpus.jsonl", total, bad_line=40)
    pids = set(client.run(os.getpid).values())
    outcome = {}

    def run():
        try:
            outcome["summary"] = ingest_dask([str(corpus)], pg_url, client=client, batch_size=6,
                                             extract=slower_facts_extractor, progress=False)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread below
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    try:
        wait_until(lambda: stored(pg_url) > 0 or not thread.is_alive())
        victim = sorted(pids)[0]
        os.kill(victim, signal.SIGKILL)
        at_kill = stored(pg_url)
    finally:
        thread.join(timeout=120)
    assert "error" not in outcome, outcome.get("error")
    summary = outcome["summary"]
    assert 0 < at_kill < total, f"the kill did not land mid-run ({at_kill} stored)"
    assert victim not in set(client.run(os.getpid).values())  # it really died (its nanny started a new one)

    assert dump(pg_url) == local_copy(tmp_path, corpus)
    # A batch that committed just before its worker died is found stored when it runs again, so it may
    # count as duplicates rather than new (it is never stored twice).
    assert summary.failed == 1 and summary.read == total + copies(total) + 1
    assert summary.new + summary.duplicate == total + copies(total)
    assert total - 6 <= summary.new <= total


CLIENT = """
import sys
sys.path.insert(0, {tests!r})
from distributed import Client
from sitrep.scale import ingest_dask
from test_scale import slower_facts_extractor
scheduler, db, corpus = sys.argv[1:]
with Client(scheduler) as client:
    ingest_dask([corpus], db, client=client, batch_size=4, extract=slower_facts_extractor, progress=False)
"""


@pytest.mark.postgres
def test_the_client_killed_mid_run_then_run_again_gives_one_clean_run(tmp_path, pg_url, client):
    total = 80
    corpus = write_corpus(tmp_path / "corpus.jsonl", total, bad_line=50)
    proc = subprocess.Popen([sys.executable, "-c", CLIENT.format(tests=str(TESTS)), client.scheduler.address,
                             pg_url, str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: stored(pg_url) > 0 or proc.poll() is not None)
        assert proc.poll() is None, proc.communicate()[1]
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    at_kill = stored(pg_url)
    assert 0 < at_kill < total

    summary = ingest_dask([str(corpus)], pg_url, client=client, batch_size=4, extract=facts_extractor,
                          progress=False)
    assert summary.new <= total - at_kill  # what the dead client committed is not stored again ...
    assert summary.failed == 1  # ... and the malformed line fails again, recorded once
    assert dump(pg_url) == local_copy(tmp_path, corpus)


def test_sqlite_on_a_local_cluster_equals_a_local_ingest_and_a_rerun_adds_nothing(tmp_path, client):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 50)
    db = str(tmp_path / "dask.db")
    first = ingest_dask([str(corpus)], db, client=client, batch_size=5, extract=broken_on_report_7, progress=False)
    assert dump(db) == local_copy(tmp_path, corpus, extract=broken_on_report_7)
    assert first.failed == 1 and "chokes" in first.failures[0]
    assert first.new == 49 and first.duplicate == copies(50)

    again = ingest_dask([str(corpus)], db, client=client, batch_size=5, extract=broken_on_report_7, progress=False)
    assert (again.new, again.failed) == (0, 1)
    assert dump(db) == local_copy(tmp_path, corpus, extract=broken_on_report_7)


def test_resolution_runs_once_on_the_client_after_the_last_batch(tmp_path, client):
    from sitrep.resolve.runner import pending_documents
    from sitrep.store import Store

    corpus = write_corpus(tmp_path / "corpus.jsonl", 30)
    db = str(tmp_path / "dask.db")
    timings: dict = {}
    summary = ingest_dask([str(corpus)], db, client=client, batch_size=4, extract=facts_extractor, progress=False,
                          resolve=True, timings=timings)
    assert summary.new == 30 and timings["resolve"] > 0
    with Store.open(db) as store, store.read() as conn:
        assert pending_documents(store) == 0
        # every stored person mention went into the register (the helper extractor names one per report)
        assert conn.exec_driver_sql("SELECT count(*) FROM person_mentions").scalar() == 30


def test_the_real_extractor_on_workers_gives_what_it_gives_in_process(tmp_path, client):
    """Worker processes have their own hash seeds and lazily loaded data: the rows must not depend on it."""
    sys.path.insert(0, str(REPO))
    from benchmarks.corpus import write_corpus as write_articles

    corpus = write_articles(tmp_path / "articles.jsonl", 12, seed=3)
    db = str(tmp_path / "dask.db")
    summary = ingest_dask([str(corpus)], db, client=client, batch_size=4, progress=False)
    assert summary.new == 12 and summary.events > 0
    clean = tmp_path / "clean.db"
    ingest([str(corpus)], str(clean), progress=False)
    assert dump(db) == dump(str(clean))


def test_batches_are_cut_from_a_stream_without_reading_it_whole():
    seen = []

    def stream():
        for i in range(10):
            seen.append(i)
            yield i

    batches = batched(stream(), 4)
    assert next(batches) == [0, 1, 2, 3] and seen == [0, 1, 2, 3]
    assert list(batches) == [[4, 5, 6, 7], [8, 9]]


def test_the_command_runs_on_a_given_scheduler_and_refuses_dask_options_without_dask(tmp_path, client):
    from click.testing import CliRunner

    from sitrep.cli import main

    sys.path.insert(0, str(REPO))
    from benchmarks.corpus import write_corpus as write_articles

    corpus = write_articles(tmp_path / "articles.jsonl", 6, seed=11)
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "--quiet", "--db", db, "--engine", "dask", "--scheduler",
                                  client.scheduler.address, str(corpus)])
    assert result.exit_code == 0, result.output
    assert "read 6, new 6, duplicate 0, failed 0" in result.output
    again = runner.invoke(main, ["ingest", "--quiet", "--db", db, "--engine", "dask", "--scheduler",
                                 client.scheduler.address, str(corpus)])
    assert "new 0, duplicate 6" in again.output
    refused = runner.invoke(main, ["ingest", "--quiet", "--db", db, "--workers", "2", str(corpus)])
    assert refused.exit_code == 2 and "--engine dask" in refused.output
