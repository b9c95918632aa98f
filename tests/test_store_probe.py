"""committed_rows: counting what a running writer has committed, from outside it, without disturbing it."""

from __future__ import annotations

import pytest

from sitrep.ingest import ingest
from sitrep.store import Store
from sitrep.store.probe import committed_rows
from test_store_support import facts_extractor, pg_url, write_reports  # noqa: F401


def test_a_database_not_created_yet_has_no_rows_and_is_not_created(tmp_path):
    db = tmp_path / "later.db"
    assert committed_rows(db) == 0
    assert not db.exists()


def test_an_empty_postgresql_schema_has_no_rows(pg_url):  # noqa: F811
    assert committed_rows(pg_url) == 0


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_counts_the_rows_an_ingest_committed(tmp_path, request, backend):
    db = str(tmp_path / "s.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    Store.open(db).close()
    assert committed_rows(db) == 0  # the tables exist, empty
    ingest([str(write_reports(tmp_path / "r.jsonl", range(1, 8)))], db, extract=facts_extractor, progress=False)
    assert committed_rows(db) == 7
    assert committed_rows(db, "events") > 0


def test_only_the_stores_own_tables_can_be_named(tmp_path):
    with pytest.raises(ValueError, match="not a table of the store"):
        committed_rows(tmp_path / "s.db", "documents; DROP TABLE documents")
