"""The Store: one database (SQLite file or PostgreSQL), its schema kept current, documents written
whole or not at all."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from sitrep.model import Document, Extraction
from sitrep.store import schema
from sitrep.store.engine import make_engine, normalise_url
from sitrep.store.migrations import migrate
from sitrep.store.rows import document_row, fact_rows, normalised_text_hash, now_iso


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

    def insert(self, table):
        """An INSERT into ``table`` in this database's dialect (which can say ON CONFLICT DO NOTHING)."""
        return self._dialect.insert(table)

    # --- documents ------------------------------------------------------------------------------

    def seen(self, doc: Document) -> bool:
        """Is this report stored already (same id, same URL, or same normalised text)?"""
        d = schema.documents.c
        match = [d.id == doc.id, d.text_hash == normalised_text_hash(doc.text)]
        if doc.url:
            match.append(d.url == doc.url)
        with self.read() as conn:
            return conn.execute(select(d.seq).where(or_(*match)).limit(1)).first() is not None

    def add(self, doc: Document, extraction: Extraction) -> bool:
        """Store the report and everything extracted from it, in one transaction.

        Returns False (and writes nothing) when it is a duplicate: the unique id, URL and text hash
        decide, inside the transaction, so two processes adding the same report store it once.
        """
        # RETURNING says whether a row went in (rowcount is unreliable for ON CONFLICT DO NOTHING).
        doc_insert = self.insert(schema.documents).on_conflict_do_nothing().returning(schema.documents.c.seq)
        with self.write() as conn, conn.begin():
            if conn.execute(doc_insert, document_row(doc, extraction)).first() is None:
                return False
            for name, rows in fact_rows(doc.id, extraction, doc.text).items():
                if rows:
                    conn.execute(schema.metadata.tables[name].insert(), rows)
        return True

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
