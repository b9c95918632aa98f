"""The SQLite file as Datasette sees it: full-text search detected and working (`?_search=`), and
`sitrep metadata` describing every table, view and column, with the licence and source credits."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.model import Document
from sitrep.store import Store, migrations
from sitrep.store.metadata import describe, metadata_for
from sitrep.store.views import VIEWS
from test_store_support import facts_extractor, report_record

datasette_app = pytest.importorskip("datasette.app")
N = 10


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "sitrep.db"
    with Store.open(path) as store:
        for n in range(N):
            doc = Document(**report_record(n))
            store.add(doc, facts_extractor(doc))
    return path


def _get(ds, path):
    async def fetch():
        return await ds.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


def test_datasette_detects_the_full_text_index(db):
    from datasette.utils import detect_fts

    with sqlite3.connect(db) as conn:
        assert detect_fts(conn, "documents") == "documents_fts"


def test_search_through_datasette(db):
    ds = datasette_app.Datasette([str(db)])
    rows = _get(ds, "/sitrep/documents.json?_search=Kherson&_shape=array&_col=title")
    expected = {f"Shelling report {n}" for n in range(N) if "Kherson" in report_record(n)["text"]}
    assert expected and {r["title"] for r in rows} == expected
    phrase = _get(ds, "/sitrep/documents.json?_search=%22report+number+7%22&_shape=array&_col=title")
    assert [r["title"] for r in phrase] == ["Shelling report 7"]


def test_an_older_database_gets_the_index_datasette_finds(db):
    """Migration 4: a database whose index was declared content='documents' is redeclared and rebuilt."""
    from sitrep.store.schema import schema_version

    with sqlite3.connect(db) as conn:  # as version 3 left it
        for trigger in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER documents_fts_{trigger}")
        conn.execute("DROP TABLE documents_fts")
        conn.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
                     "content_rowid='seq', tokenize='unicode61 remove_diacritics 2')")
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        conn.execute("DROP INDEX ix_events_country_date")
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version VALUES (3, 'notes', '2026-11-01')")
    from datasette.utils import detect_fts

    with sqlite3.connect(db) as conn:
        assert detect_fts(conn, "documents") is None  # what Datasette saw before
    with Store.open(db) as store, store.read() as conn:
        assert migrations.current_version(conn) == migrations.latest_version()
        from sitrep.query import search

        assert len(search(conn, "Kharkiv", limit=None)) == sum("Kharkiv" in report_record(n)["text"] for n in range(N))
    with sqlite3.connect(db) as conn:
        assert detect_fts(conn, "documents") == "documents_fts"
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'ix_events_country_date'").fetchone()


def test_metadata_describes_every_table_view_and_column(db):
    with Store.open(db) as store:
        meta = metadata_for(store)
    tables = meta["databases"]["sitrep"]["tables"]
    for name in ("documents", "events", "actors", "claims", "people", "units", "places", "evidence", "failures",
                 *VIEWS):
        assert tables[name]["description"], name
    from sitrep.store import schema

    for table in ("documents", "events", "actors", "claims", "people", "units", "places", "evidence", "failures"):
        missing = [c.name for c in schema.metadata.tables[table].c if not describe(table, c.name)]
        assert not missing, (table, missing)
    for view, build in VIEWS.items():
        missing = [c for c in build().selected_columns.keys() if not describe(view, c)]
        assert not missing, (view, missing)
    assert "GeoNames" in meta["license"] and "CC BY 4.0" in meta["license"]
    assert tables["documents"]["fts_table"] == "documents_fts"


def test_metadata_command_feeds_datasette(db, tmp_path):
    result = CliRunner().invoke(main, ["metadata", "--db", str(db)])
    assert result.exit_code == 0, result.output
    meta = json.loads(result.stdout)
    ds = datasette_app.Datasette([str(db)], metadata=meta)
    shown = _get(ds, "/-/metadata.json")
    assert shown["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert shown["databases"]["sitrep"]["tables"]["events"]["columns"]["notes"] == describe("events", "notes")
