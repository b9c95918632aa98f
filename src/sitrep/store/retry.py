"""When a database write is tried again, and how long to wait: the two policies, as tenacity
(Apache-2.0) retry objects, rather than a hand-written loop at each place that writes.

* ``lost_connection``: `sitrep ingest` writes a batch of reports per transaction. A lost connection
  (PostgreSQL restarted, a network blip) is tried again after 0.5, 1, 2 ... 16 s (about 30 s in all):
  a transaction cut short was rolled back by the server, so running it again is safe. Any other error
  (a full disk, a read-only file) is not worth waiting for and is raised at once.
* ``busy_batch``: the Dask runner writes a batch of reports per transaction. A deadlock, a
  serialisation failure or a dropped connection (any OperationalError) is tried again after 0.1, 0.2 s;
  the caller then writes the batch one report at a time.
* ``wal_switch``: a SQLite file is put in WAL mode as each connection opens. Processes opening a new
  file at the same moment can meet "database is locked" there at once, the busy timeout not applying
  (two ingests started together on a new file); it is tried again after 0.05, 0.1 ... 1 s, for as long
  as the busy timeout would have waited.
"""

from __future__ import annotations

from tenacity import Retrying, retry_if_exception, retry_if_exception_type, stop_after_attempt, stop_after_delay, \
    wait_exponential, wait_incrementing

FIRST_WAIT = 0.5  # seconds, doubled each time ...
LONGEST_WAIT = 16  # ... up to this


def is_lost_connection(exc: BaseException) -> bool:
    """A database error that says the server went away or is not there (yet)."""
    from sqlalchemy.exc import InternalError, OperationalError

    if not isinstance(exc, (OperationalError, InternalError)):
        return False
    text = str(exc).lower()
    return bool(exc.connection_invalidated) or any(words in text for words in (
        "connection refused", "server closed the connection", "terminating connection", "connection failed",
        "consuming input failed", "the database system is", "connection is lost", "connection timeout",
        "ssl syscall"))


def lost_connection(retries: int) -> Retrying:
    """Up to ``retries`` more tries of a write whose connection was lost; the last error is raised."""
    return Retrying(retry=retry_if_exception(is_lost_connection), stop=stop_after_attempt(retries + 1),
                    wait=wait_exponential(multiplier=FIRST_WAIT, max=LONGEST_WAIT), reraise=True)


def busy_batch(attempts: int) -> Retrying:
    """``attempts`` tries in all of a batch write that met a deadlock or a dropped connection."""
    from sqlalchemy.exc import OperationalError

    return Retrying(retry=retry_if_exception_type(OperationalError), stop=stop_after_attempt(attempts),
                    wait=wait_incrementing(start=0.1, increment=0.1), reraise=True)


def is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked" (or busy): another connection holds the lock for now."""
    import sqlite3

    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def wal_switch(seconds: float) -> Retrying:
    """Tries, for up to ``seconds``, of putting a SQLite file in WAL mode while another opener holds it."""
    return Retrying(retry=retry_if_exception(is_locked), stop=stop_after_delay(seconds),
                    wait=wait_exponential(multiplier=0.05, max=1), reraise=True)
