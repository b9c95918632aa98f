#!/usr/bin/env python3
"""The long kill run: SIGKILL `sitrep ingest` (the real extractor, the real CLI) at random moments, N times,
over a mixed-format corpus (JSONL, JSONL.gz, CSV, text, HTML, WARC.gz, broken files), checking SQLite's
integrity after every kill. In rounds: a fresh database, --per-round kills (each run resumes the last),
then the same command once more, and every row compared with a clean run.
Prints the kills, where they landed and the verdict. Exit status 1 if the databases differ.

    python3 scripts/kill_long.py                       # 60 kills on SQLite
    python3 scripts/kill_long.py --kills 100 --size 40
    python3 scripts/kill_long.py --db postgresql://... # PostgreSQL (its public schema is emptied each round!)
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from test_faults import dump, integrity, mixed_corpus  # noqa: E402
from sitrep.store.engine import normalise_url  # noqa: E402
from sitrep.store.probe import committed_rows  # noqa: E402


STORING_SHARE = 0.1  # how long a run stores its documents, against how long it took to store the first


def sitrep_ingest(db: str, corpus: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitrep.cli", "ingest", "-q", "--db", db, str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=60)
    parser.add_argument("--size", type=int, default=30, help="reports per file in the corpus (default 30)")
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--per-round", type=int, default=5, help="kills before each re-run and comparison (default 5)")
    parser.add_argument("--db", help="a postgresql:// URL of an empty database (default: a SQLite file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sitrep-kill-long."))
    corpus = mixed_corpus(work / "corpus", args.size)

    started = time.monotonic()
    clean = subprocess.run([sys.executable, "-m", "sitrep.cli", "ingest", "-q", "--db", str(work / "clean.db"),
                            str(corpus)], capture_output=True, text=True)
    clean_seconds = time.monotonic() - started
    clean_docs = committed_rows(work / "clean.db")
    print(f"clean run: {clean_docs} documents in {clean_seconds:.1f} s (exit {clean.returncode}: some inputs are "
          f"broken on purpose): {clean.stdout.strip()}")

    rounds = (args.kills + args.per_round - 1) // args.per_round
    rng = random.Random(args.seed)
    kills = mid_run = lost = differ = 0
    for r in range(1, rounds + 1):
        db = args.db or str(work / f"killed-{r}.db")
        if db.startswith("postgresql://"):
            _empty_postgres(db)
        count = committed_rows
        history = []
        for _ in range(args.per_round):
            proc = sitrep_ingest(db, corpus)
            if rng.random() < 0.25:  # anywhere: start-up, schema creation, skipping what is stored
                time.sleep(rng.uniform(0, clean_seconds))
            else:  # mid-run: once this run has stored something new, a random moment of the time the rest
                # should take. A short run is mostly start-up, then its batches commit within a few seconds
                # (a sixth of the start-up or more on this corpus, at any load): waiting for a number of
                # new rows and killing at once mostly landed after the last batch.
                started = time.monotonic()
                _wait_for_growth(count, db, (history[-1] if history else 0) + 1, proc)
                left = max(0.0, 1 - count(db) / max(clean_docs, 1))
                time.sleep(rng.uniform(0, STORING_SHARE * (time.monotonic() - started) * left))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            now = count(db)
            lost += bool(history) and now < history[-1]
            mid_run += 0 < now < clean_docs and (not history or now > history[-1])
            check = integrity(db) if not db.startswith("postgresql://") and os.path.exists(db) else "ok"
            if check != "ok":
                print(f"round {r}: SQLite integrity check failed: {check}", file=sys.stderr)
                return 1
            history.append(now)
        final = subprocess.run([sys.executable, "-m", "sitrep.cli", "ingest", "-q", "--db", db, str(corpus)],
                               capture_output=True, text=True)
        same = dump(db) == dump(str(work / "clean.db"))
        differ += not same
        print(f"round {r:2}: documents after each kill {history}; re-run: {final.stdout.strip().split(' (')[0]}; "
              f"equal to the clean run: {'yes' if same else 'NO'}", flush=True)
    print(f"kills: {kills} in {rounds} rounds; kills that landed mid-run (documents stored, run unfinished): "
          f"{mid_run}; kills that lost committed documents: {lost}; rounds whose database differs from a clean "
          f"run: {differ}  (work folder: {work})")
    return 0 if differ == 0 and lost == 0 else 1


def _wait_for_growth(count, db: str, target: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while count(db) < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


def _empty_postgres(url: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
