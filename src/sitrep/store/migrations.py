"""Schema version and explicit migrations.

A new database is created from the current table definitions in one go and stamped with
``SCHEMA_VERSION``. An existing database at version N gets every migration after N, in order, each
in the same transaction as its stamp, so a migration is either wholly applied or not at all. Views
are rebuilt after any migration (they hold no data). A database newer than this code is refused
rather than written to.

To change the schema: edit schema.py, bump SCHEMA_VERSION, and append a Migration that brings a
database at the previous version to the same shape (ALTER TABLE ..., CREATE INDEX ...).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import Connection, Engine, MetaData, inspect, insert, select, func
from sqlalchemy.schema import CreateTable

from sitrep.store import resolution_schema, schema
from sitrep.store.rekey import rekey_unsafe_ids
from sitrep.store.rows import now_iso
from sitrep.store.search import create_search_index, redeclare_search_index
from sitrep.store.views import create_views

# Any constant: PostgreSQL advisory lock held while a process creates or migrates the schema.
_PG_MIGRATION_LOCK = 0x51742E9


class SchemaError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int  # the version this migration brings the database to
    description: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)
    create_search_index(conn)


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, events, actors, claims, people, units, places, evidence, failures; full-text search",
              _initial),
    Migration(2, "resolver: person/unit registers, merged events, merge log, user overrides",
              resolution_schema.create_resolution_tables),
    Migration(3, "events.notes: the sentence that reports each event",
              lambda conn: conn.exec_driver_sql("ALTER TABLE events ADD COLUMN notes TEXT")),
    Migration(4, "full-text index declared as Datasette finds it (content=[documents]); events by country",
              lambda conn: (redeclare_search_index(conn), _create_index(conn, "ix_events_country_date"))),
    Migration(5, "documents: URL no longer unique (revisions); given_id, revision_of, notes",
              lambda conn: _documents_with_revisions(conn)),
    Migration(6, "reports stored under ids unsafe in a URL get a safe key; the id as given kept in given_id",
              lambda conn: rekey_unsafe_ids(conn)),
    Migration(7, "resolver processing order (person_mentions.ord, event_members.ord) 64-bit: seq*1000 "
                 "passes 2^31 after 2.1 million reports",
              lambda conn: _resolver_order_bigint(conn)),
    Migration(8, "claims: a vague count's conventional bounds in count_usual_low/high, its low/high left empty",
              lambda conn: _vague_bounds_apart(conn)),
    Migration(9, "PostgreSQL: documents indexed newest first, undated last (the listings' order)",
              lambda conn: _documents_newest_first(conn)),
]


def _documents_newest_first(conn: Connection) -> None:
    """Migration 9: schema.py's ix_documents_published_newest, on PostgreSQL only (SQLite needs none)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_documents_published_newest "
                             "ON documents (published DESC NULLS LAST, id)")


def _create_index(conn: Connection, name: str) -> None:
    """Create an index of schema.py on the events table: ``_newest_first_index``'s form for this dialect."""
    nulls = " NULLS LAST" if conn.dialect.name == "postgresql" else ""
    columns = {"ix_events_country_date": "country"}[name]
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON events "
                         f"({columns}, date_start DESC{nulls}, document_id DESC, id DESC)")


def _documents_with_revisions(conn: Connection) -> None:
    """Migration 5. PostgreSQL drops the URL's unique constraint and adds the columns; SQLite cannot drop
    a constraint, so the table is rebuilt in the new shape (foreign keys are off while migrating)."""
    documents = schema.documents
    if conn.dialect.name == "postgresql":
        for constraint in inspect(conn).get_unique_constraints("documents"):
            if constraint["column_names"] == ["url"]:
                conn.exec_driver_sql(f'ALTER TABLE documents DROP CONSTRAINT "{constraint["name"]}"')
        for name in ("given_id", "revision_of", "notes"):
            column = documents.c[name]
            conn.exec_driver_sql(f"ALTER TABLE documents ADD COLUMN {name} {column.type.compile(conn.dialect)}")
        for index in documents.indexes:
            if index.name in ("ix_documents_url", "ix_documents_given_id", "ix_documents_revision_of"):
                index.create(conn)
        return
    _rebuild_sqlite_table(conn, documents)
    create_search_index(conn)  # its triggers went with the old table


def _resolver_order_bigint(conn: Connection) -> None:
    """Migration 7. PostgreSQL's INTEGER is 32-bit; SQLite's is already 64-bit whatever the declared type."""
    if conn.dialect.name != "postgresql":
        return
    for table in (resolution_schema.person_mentions, resolution_schema.event_members):
        conn.exec_driver_sql(f"ALTER TABLE {table.name} ALTER COLUMN ord TYPE BIGINT")


def _vague_bounds_apart(conn: Connection) -> None:
    """Migration 8. A vague count ("dozens") gives no figure: the bounds its word carries by convention
    move from count_low/count_high to their own columns, so a stored vague claim has no figure either."""
    present = {c["name"] for c in inspect(conn).get_columns("claims")}
    for name in ("count_usual_low", "count_usual_high"):
        if name not in present:
            conn.exec_driver_sql(f"ALTER TABLE claims ADD COLUMN {name} INTEGER")
    conn.exec_driver_sql("UPDATE claims SET count_usual_low = count_low, count_usual_high = count_high, "
                         "count_low = NULL, count_high = NULL WHERE qualifier = 'vague'")


def _rebuild_sqlite_table(conn: Connection, table) -> None:
    """SQLite's way to change a table's constraints: make the new table, copy the rows (same names, new
    columns empty), drop the old one, rename. Views are dropped first (create_views makes them again)."""
    for (view,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'view'").all():
        conn.exec_driver_sql(f'DROP VIEW "{view}"')
    old_columns = [c["name"] for c in inspect(conn).get_columns(table.name)]
    shared = ", ".join(f'"{c}"' for c in old_columns if c in table.c)
    new_name = table.name + "__new"
    conn.execute(CreateTable(table.to_metadata(MetaData(), name=new_name)))
    conn.exec_driver_sql(f'INSERT INTO "{new_name}" ({shared}) SELECT {shared} FROM "{table.name}"')
    conn.exec_driver_sql(f'DROP TABLE "{table.name}"')
    conn.exec_driver_sql(f'ALTER TABLE "{new_name}" RENAME TO "{table.name}"')
    for index in table.indexes:
        index.create(conn)


def current_version(conn: Connection) -> int:
    """0 for an empty database."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0


def latest_version() -> int:
    return max(m.version for m in MIGRATIONS)


def migrate(engine: Engine) -> int:
    """Bring the database to the latest version; returns the version it was at before."""
    with engine.connect() as conn:
        found = current_version(conn)
        conn.rollback()
    if found == latest_version():
        return found
    _refuse_newer(found)
    with engine.connect().execution_options(sitrep_write=True) as conn, _foreign_keys_off(conn), conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        found = current_version(conn)  # again, under the lock: another process may have done it
        _refuse_newer(found)
        if found == 0:
            _create(conn)
        else:
            _upgrade(conn, found)
        create_views(conn)
        if conn.dialect.name == "sqlite":
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
            if broken is not None:
                raise SchemaError(f"migration left a row without its parent: {tuple(broken)}; nothing was changed")
    return found


@contextmanager
def _foreign_keys_off(conn: Connection):
    """SQLite: foreign keys off while migrating (outside the transaction: the pragma is ignored inside
    one), so that a table can be rebuilt without its ON DELETE CASCADE emptying the others."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def _refuse_newer(found: int) -> None:
    if found > latest_version():
        raise SchemaError(
            f"the database is at schema version {found}, newer than this sitrep knows ({latest_version()}); "
            "upgrade sitrep to use it"
        )


def _create(conn: Connection) -> None:
    _initial(conn)
    _stamp(conn, latest_version(), "created at the current schema")


def _upgrade(conn: Connection, found: int) -> None:
    for migration in sorted(MIGRATIONS, key=lambda m: m.version):
        if migration.version > found:
            migration.apply(conn)
            _stamp(conn, migration.version, migration.description)


def _stamp(conn: Connection, version: int, description: str) -> None:
    conn.execute(insert(schema.schema_version).values(version=version, description=description, applied_at=now_iso()))
