"""Count a table's committed rows from outside a running writer, without disturbing it.

Crash and kill tests, the long kill run and the web benchmark watch a database that another process is
creating or filling. Looking must not create the SQLite file that process is about to create (so the
file is opened read-only), and a database or table that does not exist yet has 0 rows, not an error.
"""

from __future__ import annotations

import os
import sqlite3

import sqlalchemy

from sitrep.store.engine import normalise_url
from sitrep.store.schema import metadata


def committed_rows(db: str | os.PathLike, table: str = "documents") -> int:
    """Rows of ``table`` committed in ``db`` (a SQLite path or a PostgreSQL URL); 0 while it does not exist."""
    if table not in metadata.tables:  # the name goes into the statement as written
        raise ValueError(f"not a table of the store: {table!r}")
    statement = f"SELECT count(*) FROM {table}"
    url = normalise_url(db)
    if not url.startswith("sqlite"):
        engine = sqlalchemy.create_engine(url)
        try:
            with engine.connect() as conn:
                return conn.exec_driver_sql(statement).scalar_one()
        except sqlalchemy.exc.SQLAlchemyError:  # no database or no table yet
            return 0
        finally:
            engine.dispose()
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(statement).fetchone()[0]
    except sqlite3.Error:  # no file or no table yet
        return 0
