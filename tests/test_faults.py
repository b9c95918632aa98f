"""Faults during an ingest: SIGKILL at random points (many kills, a mixed-format corpus, kills during start-up
and schema creation too), PostgreSQL restarted mid-run, a full disk, a read-only database.

What must hold: after any number of kills, running the same command again ends with exactly the rows of
one clean run (none lost, none twice); a restarted server is retried or gives a clear error, never a silent
loss; a full disk or a read-only database gives a clear error (no traceback) and loses nothing stored.
tests/test_ingest_faults.py kills a run three times after its first commit; here the kill moments are
random from process start to the end of a clean run. scripts/kill_long.py runs the long version (>= 50 kills).
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import sqlalchemy
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.ingest import StorageError, ingest
from sitrep.store.engine import normalise_url
from sitrep.store.probe import committed_rows
from test_store_support import TESTS, facts_extractor, pg_url, report_record, report_text, write_reports  # noqa: F401
from test_store_support import dump as _dump

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")

# A child process: ingest PATHS into DB with the slow helper extractor; print the summary as JSON, or the
# StorageError's message on stderr with exit status 3.
CHILD = """
import json, sys
sys.path.insert(0, {tests!r})
import sitrep.ingest as ingest_module
from sitrep.ingest import StorageError, ingest
from test_store_support import slow_facts_extractor
ingest_module.STORAGE_RETRIES = int({retries!r})
db, *paths = sys.argv[1:]
try:
    summary = ingest(paths, db, extract=slow_facts_extractor, progress=False)
except StorageError as exc:
    print(str(exc), file=sys.stderr)
    sys.exit(3)
print(json.dumps(summary.to_dict()))
"""


def start_child(db: str, *paths, retries: int = 6) -> subprocess.Popen:
    code = CHILD.format(tests=str(TESTS), retries=retries)
    return subprocess.Popen([sys.executable, "-c", code, db, *map(str, paths)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


# --- a corpus with every reader in it ---------------------------------------------------------------------


def _warc(numbers) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in numbers:
        page = f"<html><head><title>Report {n}</title></head><body><article><p>{report_text(n)}</p></article></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>", "WARC-Date": "2022-03-05T08:00:00Z"}
        writer.write_record(writer.create_warc_record(f"https://warc.example.org/{n}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=http,
                                                      warc_headers_dict=fixed))
    return buffer.getvalue()


def mixed_corpus(folder: Path, size: int = 20) -> Path:
    """``size`` reports in each of JSONL, JSONL.gz, CSV, text, HTML and WARC.gz, plus unreadable files."""
    folder.mkdir(parents=True, exist_ok=True)
    write_reports(folder / "a.jsonl", range(0, size), bad_lines={size // 2: "{not json"})
    (folder / "b.jsonl.gz").write_bytes(gzip.compress(
        b"".join(json.dumps(report_record(n)).encode() + b"\n" for n in range(size, 2 * size))))
    rows = ["text,title,date,url"] + [
        f'"{report_text(n)}",Report {n},2022-03-04,https://csv.example.org/{n}' for n in range(2 * size, 3 * size)]
    (folder / "c.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for n in range(3 * size, 3 * size + size // 4):
        (folder / "texts" / f"{n}.txt").parent.mkdir(exist_ok=True)
        (folder / "texts" / f"{n}.txt").write_text(report_text(n), encoding="utf-8")
        (folder / "pages" / f"{n}.html").parent.mkdir(exist_ok=True)
        (folder / "pages" / f"{n}.html").write_text(
            f"<html><body><article><p>{report_text(n + 1000)}</p></article></body></html>", encoding="utf-8")
    (folder / "d.warc.gz").write_bytes(_warc(range(4 * size, 5 * size)))
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")  # a failure, recorded once
    (folder / "cut.jsonl.gz").write_bytes(gzip.compress(json.dumps(report_record(9999)).encode() * 50)[:-40])
    return folder


def dump(url: str) -> dict[str, list[tuple]]:
    """test_store_support.dump, sorted so that failures with and without a line number compare."""
    import test_store_support

    real_sorted = sorted
    test_store_support.sorted = lambda rows: real_sorted(rows, key=repr)
    try:
        return _dump(url)
    finally:
        del test_store_support.sorted


def integrity(db: str) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def kill_at(db: str, corpus: Path, delay: float, after_commits: int = 0) -> int:
    """Start an ingest and SIGKILL it: ``delay`` seconds after it started (start-up included), or, with
    ``after_commits``, that many new documents into the run and then ``delay`` later. Returns rows stored."""
    proc = start_child(db, corpus)
    if after_commits:
        wait_for_growth(db, committed_rows(db) + after_commits, proc)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    return committed_rows(db)


def clean_run(corpus: Path, db: Path) -> tuple[float, dict]:
    """One clean run in this process (the child's extractor gives the same rows, without its 10 ms sleep);
    returns an estimate of how long a child takes (start-up included) and the summary."""
    started = time.monotonic()
    summary = ingest([str(corpus)], str(db), extract=facts_extractor, progress=False)
    seconds = time.monotonic() - started + 0.01 * summary.read + 2.0  # the child's sleeps and start-up
    return seconds, summary.to_dict()


def wait_for_growth(db: str, target: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while committed_rows(db) < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


def test_many_random_kills_on_a_mixed_corpus_then_rerun_gives_one_clean_run(tmp_path):
    corpus = mixed_corpus(tmp_path / "corpus")
    seconds, clean_summary = clean_run(corpus, tmp_path / "clean.db")
    assert clean_summary["new"] >= 80 and clean_summary["failed"] >= 3
    db = str(tmp_path / "killed.db")
    rng = random.Random(1945)
    history = []
    for n in range(6):
        if n % 3 == 0:  # anywhere: start-up, schema creation, any file
            history.append(kill_at(db, corpus, rng.uniform(0, seconds)))
        else:  # certainly mid-run (on a loaded machine, random moments may all fall in start-up)
            history.append(kill_at(db, corpus, rng.uniform(0, 0.1), after_commits=rng.randint(1, 20)))
        assert integrity(db) == "ok" if os.path.exists(db) else True
    assert history == sorted(history), f"a kill lost committed rows: {history}"
    assert any(0 < n < clean_summary["new"] for n in history), f"no kill landed mid-run: {history}"
    code, out, err = finish(start_child(db, corpus))
    assert code == 0, err
    assert json.loads(out)["new"] == clean_summary["new"] - history[-1]
    assert dump(db) == dump(str(tmp_path / "clean.db"))


@pytest.mark.postgres
def test_random_kills_on_postgresql_then_rerun_gives_one_clean_run(tmp_path, pg_url):
    corpus = write_reports(tmp_path / "corpus.jsonl", range(80), bad_lines={7: "[1, 2"})
    seconds, _ = clean_run(corpus, tmp_path / "clean.db")
    rng = random.Random(2014)
    kill_at(pg_url, corpus, rng.uniform(0, seconds))
    proc = start_child(pg_url, corpus)
    _wait_for_rows(pg_url, proc, committed_rows(pg_url) + rng.randint(1, 20))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    code, _, err = finish(start_child(pg_url, corpus))
    assert code == 0, err
    assert dump(pg_url) == dump(str(tmp_path / "clean.db"))


# --- PostgreSQL restarted mid-ingest (a throwaway cluster of our own) -------------------------------------------


def _pg_bindir() -> str | None:
    found = shutil.which("initdb") or max(glob.glob("/usr/lib/postgresql/*/bin/initdb"), default=None,
                                          key=lambda p: [int(x) for x in p.split("/")[4].split(".") if x.isdigit()])
    return os.path.dirname(os.path.realpath(found)) if found else None


class Cluster:
    """initdb into a temporary folder, listen on 127.0.0.1 at a free port; as root, run as 'postgres'."""

    def __init__(self, bindir: str):
        self.bindir = bindir
        self.dir = tempfile.mkdtemp(prefix="sitrep-faults-pg.")
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.run("initdb", "-D", f"{self.dir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "sitrep_faults")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/sitrep_faults"

    def run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_user, f"{self.bindir}/{tool}", *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "-t", "60", "-o",
                 f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    bindir = _pg_bindir()
    if bindir is None:
        if IN_CI:
            pytest.fail("PostgreSQL binaries not found in CI (.ci/services/postgres.sh installs them)")
        pytest.skip("needs the PostgreSQL server binaries (initdb, pg_ctl)")
    c = Cluster(bindir)
    yield c
    c.remove()


def _fresh_schema(url: str, name: str) -> str:
    engine = sqlalchemy.create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    engine.dispose()
    return f"{url}?options=-csearch_path%3D{name}"


def _wait_for_rows(url: str, proc: subprocess.Popen, at_least: int = 1) -> None:
    deadline = time.monotonic() + 60
    while committed_rows(url) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.postgres
def test_postgresql_restarted_mid_ingest_is_retried_and_nothing_is_lost(tmp_path, cluster):
    corpus = write_reports(tmp_path / "corpus.jsonl", range(100))
    _, clean_summary = clean_run(corpus, tmp_path / "clean.db")
    url = _fresh_schema(cluster.url, "restart")
    proc = start_child(url, corpus)
    _wait_for_rows(url, proc, 10)
    cluster.stop()  # fast shutdown: open transactions are cut and rolled back
    time.sleep(1.5)
    cluster.start()
    code, out, err = finish(proc)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["seconds"] > 1.5, summary  # the run was still going when the server went down, and waited
    assert summary["failed"] == 0, summary["failures"]  # no document blamed for the server's restart
    assert summary["new"] + summary["duplicate"] == 100
    assert dump(url) == dump(str(tmp_path / "clean.db"))


@pytest.mark.postgres
def test_postgresql_gone_for_good_is_a_clear_error_and_a_rerun_completes(tmp_path, cluster):
    corpus = write_reports(tmp_path / "corpus.jsonl", range(120))
    clean_run(corpus, tmp_path / "clean.db")  # in this process: fast
    url = _fresh_schema(cluster.url, "gone")
    proc = start_child(url, corpus, retries=2)  # 0.5 + 1 s of retries, then the error
    _wait_for_rows(url, proc, 10)
    cluster.stop()
    try:
        code, _, err = finish(proc)
    finally:
        cluster.start()
    assert code == 3 and "cannot write to the database" in err and "run the same command again" in err, err
    assert "Traceback" not in err
    code, _, err = finish(start_child(url, corpus))
    assert code == 0, err
    assert dump(url) == dump(str(tmp_path / "clean.db"))


@pytest.mark.postgres
def test_read_only_postgresql_database_is_a_clear_error(tmp_path, cluster):
    corpus = write_reports(tmp_path / "corpus.jsonl", range(5))
    url = _fresh_schema(cluster.url, "readonly")
    ingest([str(corpus)], url, extract=facts_extractor, progress=False)
    engine = sqlalchemy.create_engine(normalise_url(cluster.url))
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER DATABASE sitrep_faults SET default_transaction_read_only = on")
    try:
        more = write_reports(tmp_path / "more.jsonl", range(5, 10))
        with pytest.raises(StorageError, match="cannot write to the database: .*read-only"):
            ingest([str(more)], url, extract=facts_extractor, progress=False)
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql("SET default_transaction_read_only = off")
            conn.exec_driver_sql("ALTER DATABASE sitrep_faults RESET default_transaction_read_only")
        engine.dispose()
    assert committed_rows(url) == 5


# --- a full disk and a read-only file (a small tmpfs: needs root) -----------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True,
                       capture_output=True, timeout=30)
    except (subprocess.CalledProcessError, FileNotFoundError, PermissionError):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=30)


def _cli_ingest(db: Path, corpus: Path):
    from sitrep.cli import main

    return CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), str(corpus)])


def test_a_full_disk_is_a_clear_error_and_nothing_stored_is_lost(tmp_path, small_disk):
    corpus = write_reports(tmp_path / "corpus.jsonl", range(400))
    ingest([str(corpus)], str(tmp_path / "clean.db"), progress=False)
    db = small_disk / "sitrep.db"
    result = _cli_ingest(db, corpus)
    assert result.exit_code == 1
    assert "cannot write to the database: database or disk is full" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert integrity(str(db)) == "ok"
    before = committed_rows(str(db))
    assert 0 < before < 400
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True, timeout=30)
    result = _cli_ingest(db, corpus)
    assert result.exit_code == 0, result.output
    assert dump(str(db)) == dump(str(tmp_path / "clean.db"))


def test_a_read_only_database_file_is_a_clear_error(tmp_path, small_disk):
    corpus = write_reports(tmp_path / "corpus.jsonl", range(3))
    db = small_disk / "sitrep.db"
    assert _cli_ingest(db, corpus).exit_code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True, timeout=30)
    more = write_reports(tmp_path / "more.jsonl", range(3, 6))
    result = _cli_ingest(db, more)
    assert result.exit_code == 1
    assert "cannot write to the database" in result.output and "read" in result.output.lower(), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    # read-only media: a WAL database whose -shm file was cleaned up opens only as immutable (nobody writes it)
    with sqlite3.connect(f"file:{db}?immutable=1", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
