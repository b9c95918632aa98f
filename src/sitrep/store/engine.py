"""Database URLs and engines: a SQLite file by default, PostgreSQL (psycopg 3) when asked.

SQLite is opened in WAL mode with a busy timeout, so readers never block the writer and a second
writer waits its turn instead of failing. Write transactions start with ``BEGIN IMMEDIATE``: a
transaction that reads first and upgrades to a write later can fail at once with SQLITE_BUSY (the
busy timeout does not apply to that upgrade), which is exactly what two concurrent ingests do.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from sitrep.store import retry

DEFAULT_DB = "sitrep.db"
BUSY_TIMEOUT_MS = 60_000


def default_db() -> str:
    """``$SITREP_DB`` if set, else ``sitrep.db`` in the working directory."""
    return os.environ.get("SITREP_DB") or DEFAULT_DB


def normalise_url(db: str | os.PathLike | None) -> str:
    """A path or URL -> a SQLAlchemy URL. ``postgresql://`` is served by psycopg 3."""
    db = str(db) if db is not None else default_db()
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def make_engine(db: str | os.PathLike | None = None) -> Engine:
    url = make_url(normalise_url(db))
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy (not the driver) decide where transactions begin; see _on_begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            for attempt in retry.wal_switch(BUSY_TIMEOUT_MS / 1000):
                with attempt:
                    cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            raise _why_not_opened(exc, url.database) from exc
        # WAL + NORMAL: a killed process loses nothing committed; only a power cut can lose the
        # last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA cache_size = -32000")  # 32 MB (the default is 2 MB): listings of 1M events
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = "IMMEDIATE" if conn.get_execution_options().get("sitrep_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _why_not_opened(exc: sqlite3.OperationalError, database: str | None) -> sqlite3.OperationalError:
    """SQLite's "unable to open database file" for a WAL database in a read-only folder (its -wal and
    -shm files cannot be made there) says nothing of why: say it."""
    folder = Path(database).parent if database else None
    if folder is not None and folder.exists() and not os.access(folder, os.W_OK):
        return sqlite3.OperationalError(f"{exc}: its folder {folder} is read-only (SQLite writes a journal beside it)")
    return exc


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
