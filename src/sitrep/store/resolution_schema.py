"""The resolver's tables: persons, units and merged events across reports, the merge log, and the
user's merge/split decisions. Defined on the store's MetaData (so a new database gets them in one go)
and added to older databases by migration 2.

Every resolved row points back at the per-report facts by ``(document_id, item_id)``, the same key
the fact tables use, so a person or a merged event can always be traced to the words that made it.
``profile``/``reasons`` columns hold JSON: what the resolver needs to compare a new mention against
a person or an event without reading all of its reports again (that is what keeps it incremental).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Connection, Float, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from sitrep.store.schema import metadata

person_register = Table(
    "person_register",
    metadata,
    Column("person_id", String(16), primary_key=True),
    Column("name", Text, nullable=False),  # the most frequent spelling
    Column("variants", Text),  # "; "-joined spellings seen
    Column("ranks", Text),
    Column("roles", Text),
    Column("unit", Text),
    Column("unit_key", Text),
    Column("side", Text),  # "; "-joined when the user merged people of two sides
    Column("fate", String(16)),  # killed|wounded|captured|...
    Column("fate_date", String(10)),
    Column("fate_place", Text),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Column("mentions", Integer, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("anchor", Text, nullable=False),  # the first mention "document_id:item_id": what the id is made of
    Column("profile", Text, nullable=False),  # JSON: what a new mention is compared against
    Index("ix_person_register_name", "name"),
    Index("ix_person_register_unit", "unit_key"),
)

person_mentions = Table(
    "person_mentions",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("item_id", String(32), nullable=False),
    Column("person_id", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("rank", Text),
    Column("role", Text),
    Column("unit_key", Text),
    Column("unit", Text),
    Column("side", String(2)),
    Column("status", String(16)),
    Column("published", String(10)),
    Column("event_date", String(10)),
    Column("event_place", Text),
    # processing order: documents.seq * 1000 + position; 64-bit (migration 7): past 2.1 million reports
    Column("ord", BigInteger, nullable=False),
    PrimaryKeyConstraint("document_id", "item_id"),
    Index("ix_person_mentions_person", "person_id"),
)

# Blocking keys: a person's surname keys and their one-letter deletions ("zizevski" -> "ziezvski" ...),
# so a new mention finds its candidates (typos included) with one indexed lookup.
person_keys = Table(
    "person_keys",
    metadata,
    Column("key", String(64), nullable=False),
    Column("person_id", String(16), nullable=False),
    PrimaryKeyConstraint("key", "person_id"),
)

unit_register = Table(
    "unit_register",
    metadata,
    Column("unit_key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("registry_id", Text),
    Column("variants", Text),
    Column("side", String(2)),
    Column("echelon", String(32)),
    Column("branch", Text),
    Column("parent", Text),
    Column("garrison", Text),
    Column("unit_number", String(32)),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Column("mentions", Integer, nullable=False),
)

unit_mentions = Table(
    "unit_mentions",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("item_id", String(32), nullable=False),
    Column("unit_key", Text, nullable=False),
    Column("name", Text, nullable=False),
    PrimaryKeyConstraint("document_id", "item_id"),
    Index("ix_unit_mentions_key", "unit_key"),
)

merged_events = Table(
    "merged_events",
    metadata,
    Column("merged_id", String(16), primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("sub_event_type", Text, nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("location", Text),
    Column("admin1", Text),
    Column("country", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", String(8)),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("reports", Integer, nullable=False),
    Column("outlets", Text),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Column("unit_keys", Text),
    Column("anchor", Text, nullable=False),
    Index("ix_merged_events_type_date", "event_type", "date_start", "latitude"),
    Index("ix_merged_events_date", "date_start"),
)

event_members = Table(
    "event_members",
    metadata,
    Column("document_id", String(64), nullable=False),
    Column("item_id", String(32), nullable=False),
    Column("merged_id", String(16), nullable=False),
    Column("report", Text, nullable=False),  # JSON: the EventReport compared against later reports
    Column("score", Float),
    Column("ord", BigInteger, nullable=False),  # as person_mentions.ord
    PrimaryKeyConstraint("document_id", "item_id"),
    Index("ix_event_members_merged", "merged_id"),
)

merge_log = Table(
    "merge_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # person|event
    Column("decision", String(16), nullable=False),  # merged|new|user-merge|user-split
    Column("target_id", String(16), nullable=False),  # the person or merged event
    Column("document_id", String(64)),
    Column("item_id", String(32)),
    Column("matched_document_id", String(64)),  # the report it was found to match best
    Column("matched_item_id", String(32)),
    Column("score", Float),
    Column("reasons", Text),  # JSON list of [reason, weight]
    Column("run", Integer, nullable=False),
    Index("ix_merge_log_target", "kind", "target_id"),
)

resolution_overrides = Table(
    "resolution_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # person
    Column("action", String(8), nullable=False),  # merge|split
    Column("mentions", Text, nullable=False),  # JSON: merge [[a...],[b...]] / split [moved...]
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
)

resolution_state = Table(
    "resolution_state",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)

TABLES = (person_register, person_mentions, person_keys, unit_register, unit_mentions, merged_events,
          event_members, merge_log, resolution_overrides, resolution_state)
# What a rebuild empties (the user's decisions are kept)
DERIVED_TABLES = tuple(t for t in TABLES if t is not resolution_overrides)


def create_resolution_tables(conn: Connection) -> None:
    """Migration 2: the resolver's tables (and their indexes) on a database that lacks them."""
    for table in TABLES:
        table.create(conn, checkfirst=True)
