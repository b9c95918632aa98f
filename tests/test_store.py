"""The store on SQLite and PostgreSQL: one transaction per report, duplicates, evidence, search, schema."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy

from sitrep.model import Claim, Claimant, Count, Document, Event, Extraction, Span, Subject
from sitrep.store import SchemaError, Store, StoreNotFound
from sitrep.store import migrations
from sitrep.store.views import VIEWS
from test_store_support import db_url, facts_extractor, pg_url, report_record, report_text  # noqa: F401


def _doc(n: int, **over) -> Document:
    rec = {**report_record(n), **over}
    return Document(**rec)


def test_report_and_its_facts_are_stored_once(db_url):
    doc = _doc(1)
    with Store.open(db_url) as store:
        stored = store.add(doc, facts_extractor(doc))
        assert stored is not None and stored.key == doc.id and stored.kind == "new"
        assert store.add(doc, facts_extractor(doc)) is None
        counts = store.counts()
    assert counts["documents"] == 1
    assert (counts["events"], counts["claims"], counts["people"], counts["units"], counts["places"]) == (1, 2, 1, 1, 1)
    assert counts["actors"] == 2
    # evidence: 1 event + 2 claims + person + unit + place
    assert counts["evidence"] == 6


def test_same_text_is_a_duplicate_a_changed_text_at_the_same_url_a_revision(db_url):
    first = _doc(2)
    resaved = Document(text="  " + first.text.upper().replace(" ", "\n  "), url="https://mirror.example.net/copy")
    same_url = Document(text="An updated version of the report.", url=first.url)
    other = _doc(3)
    with Store.open(db_url) as store:
        assert store.add(first, facts_extractor(first))
        assert store.seen(resaved) and not store.add(resaved, facts_extractor(resaved))
        assert not store.seen(same_url)
        revision = store.add(same_url, Extraction(id=same_url.id))
        assert revision.kind == "revision" and revision.revision_of == first.id and revision.key != first.id
        assert not store.seen(other) and store.add(other, facts_extractor(other))
        assert store.counts()["documents"] == 3
        assert [r["id"] for r in store.revisions(first.url)] == [first.id, revision.key]


def test_a_report_that_cannot_be_stored_leaves_nothing_behind(db_url):
    doc = _doc(4)
    x = facts_extractor(doc)
    x.events.append(x.events[0])  # two events with one id: the second insert fails
    with Store.open(db_url) as store:
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            store.add(doc, x)
        assert all(n == 0 for n in store.counts().values())
        assert store.add(doc, facts_extractor(doc))  # and the report can still be stored whole


def test_many_reports_in_one_transaction_are_identified_against_each_other(db_url):
    first, other = _doc(5), _doc(6)
    resaved = Document(text=first.text.replace(" ", "  "), url="https://mirror.example.net/5")
    updated = Document(text="The toll in the report rose overnight.", url=first.url)
    batch = [(d, facts_extractor(d)) for d in (first, resaved, updated, other)]
    with Store.open(db_url) as store:
        stored = store.add_many(batch)
        assert [s.kind if s else None for s in stored] == ["new", None, "revision", "new"]
        assert stored[2].revision_of == first.id
        counts = store.counts()
        kept = [x for (_, x), s in zip(batch, stored) if s]
        assert counts["documents"] == 3
        assert (counts["events"], counts["claims"]) == (sum(len(x.events) for x in kept), sum(len(x.claims) for x in kept))
        assert counts["events"] >= 2  # the two whole reports' at least
        assert store.add_many(batch[:1]) == [None]  # stored: a duplicate now


def test_a_batch_with_a_report_that_cannot_be_stored_leaves_nothing_behind(db_url):
    good, bad = _doc(7), _doc(8)
    broken = facts_extractor(bad)
    broken.claims.append(broken.claims[0])  # two claims with one id
    with Store.open(db_url) as store:
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            store.add_many([(good, facts_extractor(good)), (bad, broken)])
        assert all(n == 0 for n in store.counts().values())


def test_evidence_in_views_reproduces_the_text_exactly(db_url):
    # Offsets are Python string indices: characters outside the BMP and Cyrillic before the span must not shift them.
    text = "Київ 🇺🇦 — Окупанти обстріляли місто. Three people were killed in Kyiv on Tuesday, officials said."
    quote = "Three people were killed in Kyiv"
    start = text.index(quote)
    doc = Document(text=text, published="2023-05-02")
    claim = Claim(id="c1", measure=["killed"], subject=Subject("people"), count=Count(best=3),
                  claimant=Claimant("officials", "official"), event_id="e1", evidence=Span(start, start + len(quote)))
    event = Event(id="e1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  claim_ids=["c1"], fatalities=3, evidence=[Span(start, start + len(quote))])
    with Store.open(db_url) as store:
        store.add(doc, Extraction(id=doc.id, events=[event], claims=[claim]))
        with store.read() as conn:
            got_event = conn.exec_driver_sql("SELECT evidence, fatalities_low, claimant FROM event_reports").one()
            got_claim = conn.exec_driver_sql("SELECT evidence, count_best FROM casualty_claims").one()
    assert got_event == (quote, 3, "officials")
    assert got_claim == (quote, 3)


def test_views_are_named_for_people(db_url):
    with Store.open(db_url) as store:
        names = set(sqlalchemy.inspect(store.engine).get_view_names())
    assert set(VIEWS) <= names
    assert {"event_reports", "casualty_claims", "people_mentioned", "units_by_reports"} <= names


def test_failures_are_recorded_once(db_url):
    with Store.open(db_url) as store:
        assert store.record_failure("feeds/broken.xml", "not a feed: unclosed tag", None)
        assert store.record_failure("corpus/batch-2.jsonl", "malformed JSON", 17)
        assert not store.record_failure("corpus/batch-2.jsonl", "malformed JSON", 17)
        got = [(f["source"], f["line"], f["reason"]) for f in store.failures()]
    assert got == [("feeds/broken.xml", None, "not a feed: unclosed tag"), ("corpus/batch-2.jsonl", 17, "malformed JSON")]


def test_full_text_search(db_url):
    from sitrep.query import Filters, search

    docs = [
        Document(text="A drone strike hit an oil depot in Belgorod region on Friday.", title="Depot hit",
                 published="2023-06-02"),
        Document(text="Shelling of Kherson killed two civilians, the governor said.", title="Kherson shelled",
                 published="2023-06-10"),
        Document(text="The oil depot fire in Novorossiysk was put out after the drone attack.", published="2023-07-01"),
    ]
    with Store.open(db_url) as store:
        for d in docs:
            store.add(d, Extraction(id=d.id))
        with store.read() as conn:
            def titles(q, **f):
                return sorted(r["document_id"] for r in search(conn, q, Filters(**f)))

            assert titles("drone depot") == sorted([docs[0].id, docs[2].id])
            assert titles('"oil depot fire"') == [docs[2].id]
            assert titles("Kherson OR Novorossiysk") == sorted([docs[1].id, docs[2].id])
            assert titles("drone", since="2023-06-15") == [docs[2].id]
            assert titles("drone", until="2023-06-15") == [docs[0].id]
            assert titles('civilians" (') == [docs[1].id]  # stray punctuation is not a syntax error
            assert titles("tank") == []
            hit = search(conn, "governor")[0]
            assert "[governor]" in hit["snippet"]


def test_new_database_is_at_the_latest_schema_version(db_url):
    with Store.open(db_url) as store, store.read() as conn:
        assert migrations.current_version(conn) == migrations.latest_version()


def test_migrations_apply_once_and_in_order(db_url, monkeypatch):
    Store.open(db_url).close()  # a database at the current version

    def add_note_column(conn):
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN analyst_note TEXT")

    latest = migrations.latest_version()
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        migrations.MIGRATIONS + [migrations.Migration(latest + 1, "analyst notes", add_note_column)])
    for _ in range(2):  # the second open finds nothing to do (ALTER TABLE twice would fail)
        with Store.open(db_url) as store, store.read() as conn:
            assert migrations.current_version(conn) == latest + 1
            cols = {c["name"] for c in sqlalchemy.inspect(conn).get_columns("documents")}
            assert "analyst_note" in cols
            assert "event_reports" in sqlalchemy.inspect(conn).get_view_names()  # views rebuilt


def _as_version_3(conn) -> None:
    """Turn a database at the current schema into what version 3 looked like: documents without the
    columns of migration 4, and its URL unique."""
    from sitrep.store.schema import schema_version

    for view in sqlalchemy.inspect(conn).get_view_names():
        conn.exec_driver_sql(f"DROP VIEW {view}")
    for index in ("ix_documents_url", "ix_documents_given_id", "ix_documents_revision_of"):
        conn.exec_driver_sql(f"DROP INDEX {index}")
    for column in ("given_id", "revision_of", "notes"):
        conn.exec_driver_sql(f"ALTER TABLE documents DROP COLUMN {column}")
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ALTER TABLE documents ADD CONSTRAINT documents_url_key UNIQUE (url)")
    else:
        conn.exec_driver_sql("CREATE UNIQUE INDEX documents_url_key ON documents (url)")
    conn.execute(schema_version.delete())
    conn.execute(schema_version.insert().values(version=3, description="event notes", applied_at="2026-11-01"))


def test_migration_5_keeps_every_row_and_allows_revisions(db_url):
    from sitrep.query import search as query_search

    docs = [_doc(6), _doc(7)]
    with Store.open(db_url) as store:
        for d in docs:
            store.add(d, facts_extractor(d))
        before = store.counts()
        with store.engine.begin() as conn:
            _as_version_3(conn)
        with pytest.raises(sqlalchemy.exc.IntegrityError):  # at version 3 a URL is stored once
            with store.engine.begin() as conn:
                conn.exec_driver_sql(f"UPDATE documents SET url = '{docs[0].url}' WHERE id = '{docs[1].id}'")
    with Store.open(db_url) as store:
        with store.read() as conn:
            assert migrations.current_version(conn) == migrations.latest_version()
            if conn.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
        assert store.counts() == before
        changed = Document(text=docs[0].text + " Updated: the toll rose to nine.", url=docs[0].url, id=docs[0].id)
        revision = store.add(changed, facts_extractor(changed))
        assert revision.kind == "revision" and revision.revision_of == docs[0].id
        with store.read() as conn:
            found = {r["document_id"] for r in query_search(conn, "toll rose nine")}
        assert found == {revision.key}  # full-text search indexes what is added after the migration


def test_migration_3_adds_event_notes_to_an_older_database(db_url):
    from sitrep.store.schema import schema_version

    with Store.open(db_url) as store, store.engine.begin() as conn:  # make it what version 2 looked like
        _as_version_3(conn)
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN notes")
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=2, description="resolver", applied_at="2026-11-01"))
    doc = _doc(5)
    with Store.open(db_url) as store:
        assert store.add(doc, facts_extractor(doc))
        with store.read() as conn:
            assert migrations.current_version(conn) == migrations.latest_version()
            notes = conn.exec_driver_sql("SELECT notes FROM event_reports").scalar()
    assert notes == doc.text[: doc.text.index(" Telegram.") + len(" Telegram.")]
    assert "Russian artillery shelled" in notes


def test_migration_8_moves_a_vague_counts_bounds_apart(db_url):
    """A database of version 7 kept "dozens" as low 24, high 99: after the migration the claim has no
    figure and the bounds are its conventional ones."""
    from sitrep.store.schema import schema_version

    doc = Document(text="Dozens of soldiers were wounded near Bakhmut on Monday, the ministry said. "
                        "Four civilians were killed in Kostiantynivka.", published="2024-03-04")
    from sitrep.extract.pipeline import extract_document

    with Store.open(db_url) as store:
        store.add(doc, extract_document(doc))
        with store.engine.begin() as conn:
            for view in sqlalchemy.inspect(conn).get_view_names():
                conn.exec_driver_sql(f"DROP VIEW {view}")
            conn.exec_driver_sql("UPDATE claims SET count_low = count_usual_low, count_high = count_usual_high "
                                 "WHERE qualifier = 'vague'")
            for column in ("count_usual_low", "count_usual_high"):
                conn.exec_driver_sql(f"ALTER TABLE claims DROP COLUMN {column}")
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=7, description="resolver order", applied_at="2026-11-01"))
    with Store.open(db_url) as store, store.read() as conn:
        assert migrations.current_version(conn) == migrations.latest_version()
        rows = {r.qualifier: r for r in conn.exec_driver_sql(
            "SELECT qualifier, count_best, count_low, count_high, count_usual_low, count_usual_high FROM claims")}
    assert tuple(rows["vague"])[1:] == (None, None, None, 24, 99)
    assert tuple(rows["exact"])[1:] == (4, None, None, None, None)


def test_a_newer_database_is_refused(db_url):
    from sitrep.store.schema import schema_version

    with Store.open(db_url) as store, store.engine.begin() as conn:  # as a later sitrep would leave it
        conn.execute(schema_version.insert().values(version=migrations.latest_version() + 1,
                                                    description="from the future", applied_at="2030-01-01"))
    with pytest.raises(SchemaError, match="newer"):
        Store.open(db_url)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    path = tmp_path / "w.db"
    with Store.open(path) as store, store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file


def test_queries_need_an_existing_database(tmp_path):
    with pytest.raises(StoreNotFound, match="sitrep ingest"):
        Store.open(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_report_text_is_realistic_enough_for_the_helpers():
    # the helper extractor must find its facts in every variant of the helper report
    for n in range(30):
        doc = Document(text=report_text(n), published="2022-03-05")
        x = facts_extractor(doc)
        assert len(x.events) == 1 and len(x.claims) == 2
        for c in x.claims:
            assert doc.text[c.evidence.start:c.evidence.end].endswith(("killed", "wounded"))


def test_notes_are_the_sentences_around_the_evidence():
    from sitrep.store.rows import sentence_around

    text = ("Air raid sirens sounded at dawn. A drone hit a fuel depot in Kyiv! Two workers were hurt.\n"
            "Officials gave no figures? Repairs began.")
    hit = text.index("drone")
    assert sentence_around(text, [Span(hit, hit + 5)]) == "A drone hit a fuel depot in Kyiv!"
    workers = text.index("workers")
    assert sentence_around(text, [Span(hit, hit + 5), Span(workers, workers + 7)]) == (
        "A drone hit a fuel depot in Kyiv! Two workers were hurt.")
    assert sentence_around(text, [Span(len(text) - 3, len(text) - 1)]) == "Repairs began."
    assert sentence_around(text, [Span(0, 3)]) == "Air raid sirens sounded at dawn."
