"""The web app's database connection: the same SQLite file or PostgreSQL database as the store, opened
read-only, so no page or API call can change it (whatever a bug or a crafted request tries).

SQLite: the file is opened with a ``mode=ro`` URI (and ``PRAGMA query_only`` as a second lock); a
missing file is an error, never a new empty database. PostgreSQL: every transaction is read-only
(``default_transaction_read_only``). The schema is checked, never migrated.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, select, func
from sqlalchemy.engine import make_url

from sitrep.store import StoreNotFound, SchemaError
from sitrep.store import schema
from sitrep.store.engine import BUSY_TIMEOUT_MS, normalise_url
from sitrep.store.migrations import latest_version


def open_readonly(db: str | os.PathLike | None) -> Engine:
    """An engine on ``db`` (path, sqlite:// or postgresql:// URL) that can only read."""
    url = make_url(normalise_url(db))
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_readonly(url.database or "")
    else:
        engine = create_engine(_read_only_pg(url), pool_pre_ping=True)
    check_schema(engine)
    return engine


def _read_only_pg(url):
    """The URL with every transaction read-only, keeping any server options it already gives
    (a search_path, for instance)."""
    given = url.query.get("options")
    given = " ".join(given) if isinstance(given, tuple) else given
    options = (given + " " if given else "") + "-c default_transaction_read_only=on"
    return url.update_query_dict({"options": options})


def _sqlite_readonly(path: str) -> Engine:
    if not path or path == ":memory:" or not Path(path).is_file():
        raise StoreNotFound(f"no sitrep database at {path} (run `sitrep ingest` first, or pass --db)")
    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"
    engine = create_engine("sqlite+pysqlite:///" + uri + "&uri=true",
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA query_only = ON")
        cursor.execute("PRAGMA cache_size = -32000")
        cursor.close()

    return engine


def check_schema(engine: Engine) -> int:
    """The database's schema version; SchemaError if it is not a sitrep database or is not at this
    sitrep's version. The web app only reads, so it cannot upgrade an older database itself, and its
    pages would fail on the columns a later migration added: it is refused with the command that
    upgrades it."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("schema_version"):
            raise SchemaError("not a sitrep database (no schema_version table): run `sitrep ingest` into it first")
        version = conn.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0
    if version > latest_version():
        raise SchemaError(f"the database is at schema version {version}, newer than this sitrep knows "
                          f"({latest_version()}); upgrade sitrep to serve it")
    if version < latest_version():
        raise SchemaError(f"the database is at schema version {version}, older than this sitrep's "
                          f"({latest_version()}), and serving only reads: upgrade it once with any sitrep "
                          "command that opens it (`sitrep events --db ...`, or `sitrep ingest`), then serve it")
    return version
