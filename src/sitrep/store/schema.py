"""The tables, defined once with SQLAlchemy Core and created the same way on SQLite and PostgreSQL.

Every fact row is keyed by ``(document_id, <id the extractor gave it>)``: extractor ids (``e1``,
``c2`` ...) are only unique inside one document, and keeping them means a stored row can always be
traced back to the Extraction it came from. Evidence spans live in one table for all kinds of fact,
as character offsets into ``documents.text`` (the views cut the quoted words out with ``substr``).
Fact tables are WITHOUT ROWID on SQLite: their key is the composite primary key, stored once
rather than as a table plus a copy in an index. Full-text search and the Datasette views are dialect-specific DDL, kept in ``search.py`` and
``views.py``.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

# The schema version is that of the last entry in migrations.MIGRATIONS: a change here needs one.
metadata = MetaData()


def _doc_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE")


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    # An integer key that never changes (SQLite may renumber an implicit rowid on VACUUM, and the
    # FTS5 index refers to documents by it); also the order documents were stored in.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    # The key every fact row refers to: the id the source gave when it is URL-safe and free, else one made
    # from it (store/identity.py); the id as given is then in given_id.
    Column("id", String(64), nullable=False, unique=True),
    Column("url", Text),  # not unique since migration 4: a changed text at the same URL is a new revision
    Column("text_hash", String(40), nullable=False, unique=True),  # sha1 of the normalised text
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("outlet", Text),
    Column("source", Text),  # where it was read from: path, path:line, WARC record
    Column("language", String(16)),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_claims", Integer, nullable=False, default=0),
    Column("ingested_at", String(32), nullable=False),
    Column("text", Text, nullable=False),
    # Added by migration 4, hence last. given_id: the id as the source gave it, when it could not be the
    # key (unsafe in a URL, too long, or taken by another text: a conflict). revision_of: the key of the
    # first report stored at the same URL, for a later, changed text of it. notes: Extraction.notes.
    Column("given_id", Text),
    Column("revision_of", String(64)),
    Column("notes", Text),
    Index("ix_documents_url", "url"),
    Index("ix_documents_given_id", "given_id"),
    Index("ix_documents_revision_of", "revision_of"),
)

events = Table(
    "events",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("id", String(32), nullable=False),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("tags", Text),  # "; "-joined
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_precision", String(8)),
    Column("location", Text),
    Column("geonames_id", Integer),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", String(8)),
    Column("actor1", Text),
    Column("actor1_side", String(2)),
    Column("actor2", Text),
    Column("actor2_side", String(2)),
    Column("fatalities", Integer),
    # Derived at ingest from the event's linked claims, so that filters and exports need no join.
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("claimant", Text),
    Column("certainty", String(16), nullable=False),
    # The sentence(s) holding the event's evidence: what ACLED calls notes (the evidence itself may be
    # a single word such as "shelled"). Added by migration 3, hence last.
    Column("notes", Text),
    PrimaryKeyConstraint("document_id", "id"),
    _doc_fk(),
    Index("ix_events_geonames", "geonames_id"),
    Index("ix_events_fatalities", "fatalities"),
    sqlite_with_rowid=False,
)

actors = Table(
    "actors",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("event_id", String(32), nullable=False),
    Column("ord", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("side", String(2)),
    Column("kind", String(32)),
    Column("role", String(16), nullable=False),
    PrimaryKeyConstraint("document_id", "event_id", "ord"),
    ForeignKeyConstraint(["document_id", "event_id"], ["events.document_id", "events.id"], ondelete="CASCADE"),
    sqlite_with_rowid=False,
)

claims = Table(
    "claims",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("id", String(32), nullable=False),
    Column("measure", Text, nullable=False),  # "; "-joined: killed; wounded
    Column("subject", Text),
    Column("subject_side", String(2)),
    Column("subject_group", String(16)),
    Column("subject_unit_id", String(32)),
    Column("count_best", Integer),
    Column("count_low", Integer),
    Column("count_high", Integer),
    Column("qualifier", String(16)),
    Column("scope", String(16)),
    Column("claimant", Text),
    Column("claimant_kind", String(16)),
    Column("claimant_side", String(2)),
    Column("via", Text),  # "; "-joined
    Column("certainty", String(16), nullable=False),
    Column("event_id", String(32)),
    # a vague word's conventional bounds ("dozens": 24 to 99), apart from the count's own figures
    Column("count_usual_low", Integer),
    Column("count_usual_high", Integer),
    PrimaryKeyConstraint("document_id", "id"),
    _doc_fk(),
    Index("ix_claims_side", "subject_side"),
    Index("ix_claims_certainty", "certainty"),
    Index("ix_claims_best", "count_best"),
    sqlite_with_rowid=False,
)

people = Table(
    "people",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("id", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("rank", Text),
    Column("role", Text),
    Column("age", Integer),
    Column("unit_id", String(32)),
    Column("side", String(2)),
    Column("status", String(16)),
    PrimaryKeyConstraint("document_id", "id"),
    _doc_fk(),
    Index("ix_people_side", "side"),
    sqlite_with_rowid=False,
)

units = Table(
    "units",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("id", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("canonical", Text),
    Column("echelon", String(32)),
    Column("branch", Text),
    Column("side", String(2)),
    Column("garrison", Text),
    Column("parent", Text),
    Column("unit_number", String(32)),
    Column("registry_id", String(64)),
    PrimaryKeyConstraint("document_id", "id"),
    _doc_fk(),
    sqlite_with_rowid=False,
)

places = Table(
    "places",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("ord", Integer, nullable=False),  # Place has no id of its own: its position in the Extraction
    Column("name", Text, nullable=False),
    Column("geonames_id", Integer),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("precision", String(8)),
    Column("kind", String(32)),
    PrimaryKeyConstraint("document_id", "ord"),
    _doc_fk(),
    Index("ix_places_geonames", "geonames_id"),
    sqlite_with_rowid=False,
)

evidence = Table(
    "evidence",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("item_kind", String(8), nullable=False),  # event|claim|person|unit|place
    Column("item_id", String(32), nullable=False),  # the fact's id (places: their ord)
    Column("ord", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    PrimaryKeyConstraint("document_id", "item_kind", "item_id", "ord"),
    _doc_fk(),
    sqlite_with_rowid=False,
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    # source + line (+ reason) once: re-running over the same bad file records nothing new
    Column("key", String(40), nullable=False, unique=True),
    Column("first_seen", String(32), nullable=False),
)



def _newest_first_index(name: str, *columns) -> None:
    """Index ``columns`` + the listing order (date, then the key, all descending: newest first,
    undated last), so that a filtered listing reads its first rows straight off the index and stops.
    PostgreSQL needs NULLS LAST in the index to use it for that order; SQLite sorts NULLs that way
    by itself and rejects the words in an index: one variant per engine."""
    key = (events.c.document_id.desc(), events.c.id.desc())
    Index(name, *columns, events.c.date_start.desc(), *key).ddl_if(dialect="sqlite")
    Index(name, *columns, events.c.date_start.desc().nulls_last(), *key).ddl_if(dialect="postgresql")


_newest_first_index("ix_events_date")
_newest_first_index("ix_events_type_date", events.c.event_type)
_newest_first_index("ix_events_subtype_date", events.c.sub_event_type)
_newest_first_index("ix_events_actor1_side", events.c.actor1_side)
_newest_first_index("ix_events_actor2_side", events.c.actor2_side)
_newest_first_index("ix_events_certainty", events.c.certainty)
_newest_first_index("ix_events_country_date", events.c.country)  # --country, --place with a country

# Listings of claims, people and units are newest report first, undated last. SQLite reads
# ix_documents_published backwards for that (its NULLs sort first ascending); PostgreSQL's ascending
# index puts NULLs last, so backwards they come first, and it sorted every report instead: this one
# is in the listing's order.
Index("ix_documents_published_newest", documents.c.published.desc().nulls_last(), documents.c.id).ddl_if(
    dialect="postgresql")

# Case-insensitive lookups (--place, --claimant, --unit ...) use these.
Index("ix_events_location", func.lower(events.c.location))
Index("ix_events_admin1", func.lower(events.c.admin1))
Index("ix_events_claimant", func.lower(events.c.claimant))
Index("ix_actors_name", func.lower(actors.c.name))
Index("ix_claims_claimant", func.lower(claims.c.claimant))
Index("ix_people_name", func.lower(people.c.name))
Index("ix_units_name", func.lower(units.c.name))
Index("ix_units_canonical", func.lower(units.c.canonical))
Index("ix_places_name", func.lower(places.c.name))

# In the order rows must be deleted / inserted (children after documents).
FACT_TABLES = (events, actors, claims, people, units, places, evidence)
