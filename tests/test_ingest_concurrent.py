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
