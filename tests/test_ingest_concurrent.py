"""Two `ingest` processes writing one SQLite file at once: both finish, nothing is lost or stored twice."""

from __future__ import annotations

import json
import sqlite3

from sitrep.ingest import ingest
from test_ingest_faults import _child
from test_store_support import dump, facts_extractor, write_reports


def test_two_concurrent_ingests_into_one_sqlite_file(tmp_path):
    # overlapping halves, started together: every report stored once, both runs finish
    first = write_reports(tmp_path / "first.jsonl", range(0, 80))
    second = write_reports(tmp_path / "second.jsonl", range(40, 120))
    db = tmp_path / "shared.db"
    procs = [_child(str(db), first), _child(str(db), second)]
    results = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
    summaries = [json.loads(out) for out, _ in results]
    assert max(s["start"] for s in summaries) < min(s["end"] for s in summaries), "the two runs did not overlap"
    assert sum(s["new"] for s in summaries) == 120
    assert sum(s["duplicate"] for s in summaries) == 40
    clean = tmp_path / "clean.db"
    ingest([str(first), str(second)], str(clean), extract=facts_extractor, progress=False)
    # (documents.source says which file a report was first read from: either, in a race)
    assert dump(str(db), ignore=("source",)) == dump(str(clean), ignore=("source",))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


OPEN_NEW_FILE = """
import sys, time
from sitrep.store.engine import make_engine
start = float(sys.argv[2])
while time.time() < start:
    pass
with make_engine(sys.argv[1]).connect() as conn:
    print(conn.exec_driver_sql("PRAGMA journal_mode").scalar())
"""


def test_processes_opening_a_new_file_at_once_all_open_it(tmp_path):
    # Putting a new file in WAL mode as it opens can meet "database is locked" at once, the busy timeout not
    # applying; several openers racing for one new file (two ingests started together) must all get in.
    import subprocess
    import sys
    import time

    for round_ in range(6):
        db = tmp_path / f"new-{round_}.db"
        start = time.time() + 1.0  # every process imported and waiting before the race starts
        procs = [subprocess.Popen([sys.executable, "-c", OPEN_NEW_FILE, str(db), str(start)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0 and out.strip() == "wal", err


def test_the_wal_switch_waits_out_a_lock_and_gives_up_on_anything_else():
    from sitrep.store import retry

    tries = []

    def locked_twice():
        tries.append(1)
        if len(tries) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "wal"

    for attempt in retry.wal_switch(5):
        with attempt:
            answer = locked_twice()
    assert answer == "wal" and len(tries) == 3
    assert not retry.is_locked(sqlite3.OperationalError("unable to open database file"))
