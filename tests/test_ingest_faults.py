"""SIGKILL at random moments, with real processes, then a re-run: exactly one clean run's rows, none
lost, none twice. The child process helpers are shared with test_ingest_concurrent.py."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.ingest import ingest
from sitrep.store.probe import committed_rows
from test_store_support import TESTS, dump, facts_extractor, pg_url, write_reports  # noqa: F401

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")

# A child process: ingest PATHS into DB with the slow helper extractor, print the summary as JSON.
CHILD = """
import json, sys, time
sys.path.insert(0, {tests!r})
from sitrep.ingest import ingest
from test_store_support import slow_facts_extractor
db, *paths = sys.argv[1:]
start = time.time()
summary = ingest(paths, db, extract=slow_facts_extractor, progress=False)
print(json.dumps({{**summary.to_dict(), "start": start, "end": time.time()}}))
"""


def _child(db: str, *paths: Path) -> subprocess.Popen:
    code = CHILD.format(tests=str(TESTS))
    return subprocess.Popen([sys.executable, "-c", code, db, *map(str, paths)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_mid_run(db: str, corpus: Path, rng: random.Random) -> int:
    """Start an ingest, wait until it has stored something, SIGKILL it a random moment later;
    returns the documents stored when it died."""
    proc = _child(db, corpus)
    deadline = time.monotonic() + 30
    while committed_rows(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, 0.25))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return committed_rows(db)


def test_sigkill_at_random_moments_then_rerun_gives_one_clean_run(tmp_path):
    total = 100
    corpus = write_reports(tmp_path / "corpus.jsonl", range(total), bad_lines={50: "{not json"})
    clean = tmp_path / "clean.db"
    ingest([str(corpus)], str(clean), extract=facts_extractor, progress=False)

    db = str(tmp_path / "killed.db")
    rng = random.Random(20220224)
    after_kills = [_kill_mid_run(db, corpus, rng) for _ in range(3)]
    assert any(0 < n < total for n in after_kills), f"no kill landed mid-run: {after_kills}"
    assert after_kills == sorted(after_kills)  # nothing committed is ever lost

    final = _child(db, corpus)
    out, err = final.communicate(timeout=60)
    assert final.returncode == 0, err
    summary = json.loads(out)
    assert summary["new"] == total - after_kills[-1]
    assert summary["failed"] == 1  # the malformed line fails again, and is recorded once
    assert dump(db) == dump(str(clean))


@pytest.mark.postgres
def test_sigkill_then_rerun_on_postgresql(tmp_path, pg_url):
    total = 60
    corpus = write_reports(tmp_path / "corpus.jsonl", range(total))
    clean = tmp_path / "clean.db"
    ingest([str(corpus)], str(clean), extract=facts_extractor, progress=False)
    stored = _kill_mid_run(pg_url, corpus, random.Random(1))
    assert 0 < stored < total
    final = _child(pg_url, corpus)
    out, err = final.communicate(timeout=60)
    assert final.returncode == 0, err
    assert dump(pg_url) == dump(str(clean))
