"""`sitrep ingest --jobs N` killed outright: its worker processes must not outlive it.

A SIGKILLed parent cannot stop its workers. Left waiting for work, each kept what it inherited at the
fork, the parent's database connection among them, with the transaction the parent had open: on
PostgreSQL its locks then held every later ingest (scripts/kill_long.py --db postgresql://... stalled).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from sitrep.store import Store
from test_store_support import db_url, pg_url, write_reports  # noqa: F401

REPORTS = 80


def _ingest(db: str, corpus, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-m", "sitrep.cli", "ingest", "-q", "--jobs", "2", "--db", db, str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, **kw)


def _workers(proc: subprocess.Popen, timeout: float = 180) -> list[psutil.Process]:
    """The ingest's worker processes, once it has started them."""
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = parent.children()
        if len(children) >= 2:
            return children
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    pytest.fail("the ingest finished or stalled before starting its workers")


def test_the_workers_of_a_killed_ingest_exit_and_the_next_ingest_runs(tmp_path, db_url):
    corpus = write_reports(tmp_path / "reports.jsonl", range(REPORTS))
    proc = _ingest(db_url, corpus)
    workers = _workers(proc)
    time.sleep(1.0)  # let it store a few reports, a transaction open at the kill
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"workers outlived the killed ingest: {[p.pid for p in alive]}"
    again = _ingest(db_url, corpus)
    try:
        assert again.wait(timeout=300) == 0  # not held by a lock the dead run left behind
    finally:
        if again.poll() is None:
            again.kill()
    with Store.open(db_url) as store:
        assert store.counts()["documents"] == REPORTS
