"""The Store: one database (SQLite file or PostgreSQL), its schema kept current, documents written
whole or not at all: one report per transaction (``add``) or several (``add_many``)."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Any, Sequence

from sqlalchemy import Connection, Engine, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from sitrep.model import Document, Extraction
from sitrep.store import schema
from sitrep.store.engine import make_engine, normalise_url
from sitrep.store.identity import Identity, identify, revisions
from sitrep.store.migrations import migrate
from sitrep.store.rows import document_row, fact_rows, normalised_text_hash, now_iso


# The tables a report's facts go to, in the order they are written (documents first, before them).
FACT_TABLES = ("events", "actors", "claims", "people", "units", "places", "evidence")


_SEEN = select(schema.documents.c.seq).where(schema.documents.c.text_hash == bindparam("text_hash")).limit(1)


class StoreNotFound(FileNotFoundError):
    pass


class Store:
    """``Store.open(db)`` -> a store; ``add(document, extraction)`` writes one report in one transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._dialect = postgresql if engine.dialect.name == "postgresql" else sqlite

    @classmethod
    def open(cls, db: str | os.PathLike | None = None, *, create: bool = True) -> "Store":
        """Open (and, with ``create``, make) the database at ``db``: a path, a sqlite:// or postgresql:// URL."""
        url = make_url(normalise_url(db))
        if url.get_backend_name() == "sqlite" and not create and url.database and not Path(url.database).exists():
            raise StoreNotFound(f"no sitrep database at {url.database} (run `sitrep ingest` first, or pass --db)")
        store = cls(make_engine(db))
        migrate(store.engine)
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def read(self) -> Connection:
        """A connection for queries (use as a context manager)."""
        return self.engine.connect()

    def write(self) -> Connection:
        """A connection for a transaction that writes (use as a context manager, with ``conn.begin()``).
        SQLite takes its write lock at the transaction's start, so two writers wait instead of failing."""
        return self.engine.connect().execution_options(sitrep_write=True)

    @functools.cached_property
    def _insert_document(self):
        # RETURNING says whether a row went in (rowcount is unreliable for ON CONFLICT DO NOTHING).
        return self.insert(schema.documents).on_conflict_do_nothing().returning(schema.documents.c.seq)

    def insert(self, table):
        """An INSERT into ``table`` in this database's dialect (which can say ON CONFLICT DO NOTHING)."""
        return self._dialect.insert(table)

    # --- documents ------------------------------------------------------------------------------

    def seen(self, doc: Document) -> bool:
        """Is this report stored already (the same normalised text)? A changed text at a stored URL, or
        under a stored id, is not: it is stored as a revision or a conflict (store/identity.py)."""
        with self.read() as conn:
            return conn.execute(_SEEN, {"text_hash": normalised_text_hash(doc.text)}).first() is not None

    def add(self, doc: Document, extraction: Extraction) -> Identity | None:
        """Store the report and everything extracted from it, in one transaction.

        Returns how it was stored (key, revision or conflict: store/identity.py), or None (writing
        nothing) when it is a duplicate. Decided inside the transaction, so two processes adding the
        same report store it once.
        """
        with self.write() as conn, conn.begin():
            found = self.add_document(conn, doc, extraction)
            if found is not None:
                for name, rows in fact_rows(found.key, extraction, doc.text).items():
                    if rows:
                        conn.execute(schema.metadata.tables[name].insert(), rows)
        return found

    def add_many(self, extracted: Sequence[tuple[Document, Extraction]]) -> list[Identity | None]:
        """Store several reports and their facts in ONE transaction: all of them or none. Returns how
        each was stored, in order (None: a duplicate, of a stored report or of one earlier in the list).

        Document rows go in one by one (each is identified against what is stored, store/identity.py,
        including the reports before it in this transaction); their facts together, one statement per
        table (COPY on PostgreSQL), which is what makes a report cost a few statements, not a dozen."""
        identities: list[Identity | None] = []
        if not extracted:
            return identities
        with self.write() as conn, conn.begin():
            facts: dict[str, list[dict[str, Any]]] = {name: [] for name in FACT_TABLES}
            for doc, x in extracted:
                stored = self.add_document(conn, doc, x)
                identities.append(stored)
                if stored is not None:
                    for name, rows in fact_rows(stored.key, x, doc.text).items():
                        facts[name] += rows
            insert_rows = copy_rows if self.dialect == "postgresql" else executemany_rows
            for name in FACT_TABLES:
                if facts[name]:
                    insert_rows(conn, name, facts[name])
        return identities

    def add_document(self, conn: Connection, doc: Document, extraction: Extraction) -> Identity | None:
        """The documents row alone, in the caller's transaction (its facts are the caller's to add, under
        the returned key); None for a duplicate."""
        insert = self._insert_document
        for _ in range(2):  # the second time, after another process stored this text or took this key meanwhile
            found = identify(conn, doc.id, doc.url, doc.text)
            if found is None:
                return None
            row = document_row(doc, extraction, found.key, found.given_id, found.revision_of)
            if conn.execute(insert, row).first() is not None:
                return found
        return None

    def revisions(self, key_or_url: str) -> list[dict[str, Any]]:
        """Every stored revision of a report (by key, id as given, or URL), oldest first (store/identity.py)."""
        with self.read() as conn:
            return revisions(conn, key_or_url)

    def record_failure(self, source: str, reason: str, line: int | None = None) -> bool:
        """Note what could not be read; the same failure again is not noted twice. True if new."""
        key = hashlib.sha1(f"{source}\0{line}\0{reason}".encode("utf-8", "surrogatepass")).hexdigest()
        row = {"source": source, "line": line, "reason": reason, "key": key, "first_seen": now_iso()}
        insert = self.insert(schema.failures).on_conflict_do_nothing().returning(schema.failures.c.id)
        with self.write() as conn, conn.begin():
            return conn.execute(insert, row).first() is not None

    # --- overview ---------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, events, claims, people, units, places, evidence, failures."""
        names = ("documents", "events", "actors", "claims", "people", "units", "places", "evidence", "failures")
        with self.read() as conn:
            return {n: conn.execute(select(func.count()).select_from(schema.metadata.tables[n])).scalar_one()
                    for n in names}

    def failures(self) -> list[dict[str, Any]]:
        f = schema.failures
        with self.read() as conn:
            rows = conn.execute(select(f.c.source, f.c.line, f.c.reason, f.c.first_seen).order_by(f.c.id))
            return [dict(r._mapping) for r in rows]


def copy_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: rows into ``table`` with COPY, in the open transaction. About twice as fast as a
    multi-row INSERT for the ~100 fact rows of a report (docs/scaling.md). No conflict handling is
    needed: these are the facts of documents this transaction has just inserted."""
    columns = list(rows[0])
    quoted = ", ".join(f'"{c}"' for c in columns)  # quoted: rank, precision ... are SQL words
    statement = f'COPY "{table}" ({quoted}) FROM STDIN'
    import psycopg
    from sqlalchemy.exc import DBAPIError

    try:
        with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except psycopg.Error as exc:  # raised as SQLAlchemy raises the driver's errors (IntegrityError, OperationalError ...)
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc


def executemany_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """SQLite: rows into ``table`` with one executemany of a plain INSERT, handed to the driver as tuples
    (the fact columns are text and numbers, which need no conversion; SQLAlchemy's per-row parameter
    processing cost more than SQLite's insert)."""
    columns = tuple(rows[0])
    conn.exec_driver_sql(_insert_sql(table, columns), [tuple(row[c] for c in columns) for row in rows])


@functools.cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})'
