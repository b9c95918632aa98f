"""Store migrations 6 and 7 on a store made as older sitrep left it.

6: reports stored (before migration 5) under ids unsafe in a URL path get the key they would get today,
everywhere the old id was. 7: the resolver's processing order (documents.seq * 1000 + position) is 64-bit.
"""

from __future__ import annotations

import json
import warnings

import pytest
import sqlalchemy

from sitrep.model import Document, Extraction
from sitrep.resolve.runner import record_override, resolve
from sitrep.store import Store, migrations
from sitrep.store import db as store_db
from sitrep.store import resolution_schema as R
from sitrep.store import schema
from sitrep.store.identity import SAFE_KEY, Identity, derived_key
from sitrep.store.engine import make_engine
from sitrep.store.rows import fact_rows, normalised_text_hash
from test_store_support import db_url, facts_extractor, pg_url, report_record  # noqa: F401


def _as_stored_before_migration_5(conn, doc_id, url, text):
    """What sitrep did before migration 5: the id as given is the key, whatever it is."""
    taken = conn.execute(sqlalchemy.select(schema.documents.c.id).where(
        sqlalchemy.or_(schema.documents.c.id == doc_id, schema.documents.c.text_hash == normalised_text_hash(text)))).first()
    if taken is not None:
        return None
    first = conn.execute(sqlalchemy.select(schema.documents.c.id).where(schema.documents.c.url == url)
                         .order_by(schema.documents.c.seq)).first() if url else None
    return Identity(doc_id, None, first.id if first else None, "new", normalised_text_hash(text))


def _back_to(conn, version: int) -> None:
    conn.execute(schema.schema_version.delete())
    conn.execute(schema.schema_version.insert().values(version=version, description="older", applied_at="2026-11-01"))


def _old_store(url: str, monkeypatch, ids: list[str]) -> list[Document]:
    """A store holding reports under ``ids`` as given (one of them revised at the same URL), resolved,
    with a user's merge recorded, stamped at schema version 5."""
    docs = []
    for n, doc_id in enumerate(ids):
        docs.append(Document(id=doc_id, **report_record(40 + n)))
    revised = Document(id=ids[0] + "-v2", **{**report_record(40), "text": report_record(40)["text"] + " The toll rose."})
    with monkeypatch.context() as patch:
        patch.setattr(store_db, "identify", _as_stored_before_migration_5)
        with Store.open(url) as store:
            for d in docs + [revised]:
                assert store.add(d, facts_extractor(d)).key == d.id
            resolve(store)
            with store.write() as conn, conn.begin():
                record_override(conn, "merge", [[f"{ids[0]}:p1"], [f"{ids[1]}:p1"]], "the same man")
                _back_to(conn, 5)
    return docs + [revised]


def _tables_with_document_ids():
    return list(schema.FACT_TABLES) + [R.person_mentions, R.unit_mentions, R.event_members, R.merge_log]


def _rows(conn) -> dict[str, int]:
    return {t.name: conn.execute(sqlalchemy.select(sqlalchemy.func.count()).select_from(t)).scalar_one()
            for t in [schema.documents] + _tables_with_document_ids() + [R.person_register, R.merged_events]}


def test_reports_under_unsafe_ids_get_safe_keys_everywhere(db_url, monkeypatch):
    ids = ["a/b", "has space", "semi;colon?q#f", "Київ-7"]
    if not db_url.startswith("postgresql"):
        ids.append("x" * 80)  # PostgreSQL's VARCHAR(64) never took one
    docs = _old_store(db_url, monkeypatch, ids)
    old_ids = [d.id for d in docs]
    engine = make_engine(db_url)  # the old store as it is: Store.open would migrate it
    with engine.connect() as conn:
        before = _rows(conn)
        fks_before = _foreign_keys(conn)
    engine.dispose()
    assert before["person_mentions"] and before["event_members"] and before["merge_log"]

    with Store.open(db_url) as store, store.read() as conn:  # migrates
        assert migrations.current_version(conn) == migrations.latest_version()
        assert _rows(conn) == before  # every row kept
        assert _foreign_keys(conn) == fks_before  # PostgreSQL's constraints made again as they were
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
        d = schema.documents.c
        stored = {r.given_id: r for r in conn.execute(sqlalchemy.select(d.id, d.given_id, d.revision_of, d.text_hash))}
        assert set(stored) == set(old_ids)
        for old, row in stored.items():
            assert SAFE_KEY.fullmatch(row.id) and row.id == derived_key(old, row.text_hash)
        assert stored[docs[-1].id].revision_of == stored[ids[0]].id  # the revision's link follows its first
        for table in _tables_with_document_ids():
            found = {r[0] for r in conn.execute(sqlalchemy.select(table.c.document_id).distinct())}
            assert not found & set(old_ids), table.name
        keys = {r.id for r in stored.values()}
        mentions = {f"{r.document_id}:{r.item_id}" for r in conn.execute(sqlalchemy.select(R.person_mentions))}
        for row in conn.execute(sqlalchemy.select(R.person_register)):
            profile = json.loads(row.profile)
            assert row.anchor in mentions and profile["anchor"] == row.anchor
            assert profile["last_document"] in keys
        for row in conn.execute(sqlalchemy.select(R.event_members)):
            assert json.loads(row.report)["document_id"] == row.document_id
        for row in conn.execute(sqlalchemy.select(R.merged_events.c.anchor)):
            assert row.anchor.rpartition(":")[0] in keys
        (override,) = conn.execute(sqlalchemy.select(R.resolution_overrides.c.mentions)).all()
        assert json.loads(override.mentions) == [[f"{stored[ids[0]].id}:p1"], [f"{stored[ids[1]].id}:p1"]]

    with Store.open(db_url) as store:  # the store works on: a re-read report is a duplicate, the resolver goes on
        assert store.add(docs[0], facts_extractor(docs[0])) is None
        other = Document(id=ids[0], **report_record(60))
        found = store.add(other, facts_extractor(other))
        assert found.key != ids[0] and found.given_id == ids[0]
        assert resolve(store).documents == 1


def test_every_migrated_report_opens_in_the_web_app(tmp_path, monkeypatch):
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from sitrep.web import create_app

    url = str(tmp_path / "old.db")
    docs = _old_store(url, monkeypatch, ["a/b", "has space", "y" * 80])
    Store.open(url).close()
    with Store.open(url) as store, store.read() as conn:
        keys = [r[0] for r in conn.exec_driver_sql("SELECT id FROM documents ORDER BY seq")]
        events = conn.exec_driver_sql("SELECT document_id, id FROM events").all()
    assert len(keys) == len(docs) and events
    with TestClient(create_app(url)) as client:
        for key in keys:
            assert client.get(f"/documents/{key}").status_code == 200
            assert client.get(f"/api/documents/{key}").status_code == 200
        for doc, event in events:
            assert client.get(f"/events/{doc}/{event}").status_code == 200


def test_a_store_with_only_safe_ids_is_left_as_it_was(db_url, monkeypatch):
    docs = _old_store(db_url, monkeypatch, ["r1", "r2"])
    with Store.open(db_url) as store, store.read() as conn:
        d = schema.documents.c
        assert {(r.id, r.given_id) for r in conn.execute(sqlalchemy.select(d.id, d.given_id))} == {
            (x.id, None) for x in docs}


def _foreign_keys(conn) -> list:
    inspector = sqlalchemy.inspect(conn)
    return sorted((t.name, fk["name"] or "", tuple(fk["constrained_columns"]), fk["referred_table"],
                   (fk.get("options") or {}).get("ondelete")) for t in schema.FACT_TABLES
                  for fk in inspector.get_foreign_keys(t.name))


# --- migration 7 --------------------------------------------------------------------------------------

def test_resolver_order_holds_past_two_million_reports(db_url):
    """documents.seq * 1000 passes 2**31 at seq 2,147,484: the resolver's order must still be stored."""
    with Store.open(db_url) as store, store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # what version 6 looked like: 32-bit order
            for table in ("person_mentions", "event_members"):
                conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN ord TYPE INTEGER")
        _back_to(conn, 6)
    with Store.open(db_url) as store:
        with store.read() as conn:
            assert migrations.current_version(conn) == migrations.latest_version()
            if conn.dialect.name == "postgresql":
                types = {c["name"]: str(c["type"]) for c in sqlalchemy.inspect(conn).get_columns("person_mentions")}
                assert types["ord"] == "BIGINT"
        doc = Document(id="late", **report_record(70))
        x = facts_extractor(doc)
        with store.write() as conn, conn.begin():
            found = store.add_document(conn, doc, x)
            conn.execute(schema.documents.update().where(schema.documents.c.id == found.key).values(seq=3_000_000))
        with store.write() as conn, conn.begin():
            for name, rows in fact_rows(found.key, x, doc.text).items():
                if rows:
                    conn.execute(schema.metadata.tables[name].insert(), rows)
        assert resolve(store).documents == 1
        with store.read() as conn:
            orders = [r[0] for r in conn.execute(sqlalchemy.select(R.person_mentions.c.ord))]
            orders += [r[0] for r in conn.execute(sqlalchemy.select(R.event_members.c.ord))]
    assert orders and min(orders) >= 3_000_000 * 1000 > 2**31
