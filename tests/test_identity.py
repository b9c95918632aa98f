"""Identity and versions: identical text is a duplicate; a changed text at a stored URL is a new revision,
linked to the first; an id reused by a different text is a conflict, stored under a key of its own and
said; any id, however odd, gives a report the web app can open."""

from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.ingest import ingest
from sitrep.store import Store
from sitrep.store.identity import SAFE_KEY
from test_store_support import db_url, pg_url  # noqa: F401

URL = "https://news.example.org/2024/03/strike-on-the-market"
FIRST = "The regional governor said Russian shelling killed four civilians at a market in Kherson on Monday."
UPDATE = "UPDATE 2- The regional governor said Russian shelling killed nine civilians at a market in Kherson on Monday."
ODD_IDS = ["a/b", "has space", "x" * 80, "../../etc/passwd", "semi;colon?query#frag", "Київ-1", "%2F", ".", "\u202eevil"]


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_a_changed_text_at_the_same_url_is_a_revision_and_identical_text_a_duplicate(tmp_path, db_url):
    corpus = _write(tmp_path / "feed.jsonl", [
        {"id": "market", "url": URL, "text": FIRST, "published": "2024-03-04"},
        {"id": "market", "url": URL, "text": UPDATE, "published": "2024-03-05"},
        {"id": "market", "url": URL, "text": FIRST, "published": "2024-03-04"},  # fetched again: a duplicate
    ])
    summary = ingest([corpus], db_url, progress=False)
    assert (summary.new, summary.revisions, summary.duplicate, summary.conflicts) == (2, 1, 1, 0)
    with Store.open(db_url) as store:
        lineage = store.revisions(URL)
        assert [r["revision"] for r in lineage] == [1, 2]
        assert lineage[0]["id"] == "market" and lineage[1]["revision_of"] == "market"
        assert lineage[1]["given_id"] == "market" and SAFE_KEY.fullmatch(lineage[1]["id"])
        assert store.revisions(lineage[1]["id"]) == lineage  # found from either revision
    again = ingest([corpus], db_url, progress=False)  # a re-run stores nothing new
    assert (again.new, again.duplicate) == (0, 3)


def test_the_claims_timeline_and_the_cli_show_both_revisions(tmp_path):
    db = str(tmp_path / "s.db")
    corpus = _write(tmp_path / "feed.jsonl", [{"id": "m", "url": URL, "text": FIRST, "published": "2024-03-04"},
                                              {"id": "m", "url": URL, "text": UPDATE, "published": "2024-03-05"}])
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", corpus, "--db", db, "--resolve", "--quiet"]).exit_code == 0
    timeline = runner.invoke(main, ["claims", "--timeline", "--db", db, "--subject", "UA civilians", "--scope", "any",
                                    "--format", "json"])
    assert timeline.exit_code == 0, timeline.output
    figures = sorted(p["best"] for p in json.loads(timeline.stdout)["points"])
    assert figures == [4, 9]
    listed = runner.invoke(main, ["revisions", URL, "--db", db, "--format", "json"])
    assert [r["revision"] for r in json.loads(listed.stdout)] == [1, 2]


def test_a_reused_id_with_a_different_text_is_stored_and_said(tmp_path, db_url):
    corpus = _write(tmp_path / "wire.jsonl", [
        {"id": "story-1", "text": FIRST},
        {"id": "story-1", "text": "Police said a drone strike wounded two people in Kharkiv."},
        {"id": "story-1", "text": "Officials said shelling killed three soldiers near Bakhmut."},
    ])
    summary = ingest([corpus], db_url, progress=False)
    assert (summary.new, summary.conflicts, summary.duplicate) == (3, 2, 0)
    assert len(summary.notes) == 2 and all("story-1" in n and "wire.jsonl:" in n for n in summary.notes)
    with Store.open(db_url) as store, store.read() as conn:
        rows = conn.exec_driver_sql("SELECT id, given_id FROM documents ORDER BY seq").all()
    assert rows[0] == ("story-1", None)
    assert [r[1] for r in rows[1:]] == ["story-1", "story-1"] and len({r[0] for r in rows}) == 3
    result = CliRunner().invoke(main, ["ingest", corpus, "--db", str(tmp_path / "cli.db"), "--quiet"])
    assert result.exit_code == 0 and result.stderr.count("is taken by another report") == 2


def test_odd_ids_are_stored_under_safe_keys(tmp_path, db_url):
    corpus = _write(tmp_path / "odd.jsonl", [{"id": i, "text": f"{FIRST} Report {n}."} for n, i in enumerate(ODD_IDS)])
    summary = ingest([corpus], db_url, progress=False)
    assert (summary.new, summary.failed) == (len(ODD_IDS), 0)
    with Store.open(db_url) as store, store.read() as conn:
        rows = conn.exec_driver_sql("SELECT id, given_id FROM documents").all()
    assert all(SAFE_KEY.fullmatch(key) for key, _ in rows)
    assert sorted(given or key for key, given in rows) == sorted(ODD_IDS)


def test_every_stored_report_opens_in_the_web_app_whatever_its_id(tmp_path):
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from sitrep.web import create_app

    db = str(tmp_path / "web.db")
    records = [{"id": i, "text": f"{FIRST} Report {n}."} for n, i in enumerate(ODD_IDS)]
    records += [{"id": "m", "url": URL, "text": FIRST + " Market.", "published": "2024-03-04"},
                {"id": "m", "url": URL, "text": UPDATE, "published": "2024-03-05"}]
    ingest([_write(tmp_path / "odd.jsonl", records)], db, progress=False)
    with Store.open(db) as store, store.read() as conn:
        keys = [r[0] for r in conn.exec_driver_sql("SELECT id FROM documents ORDER BY seq")]
        events = conn.exec_driver_sql("SELECT document_id, id FROM events").all()
    assert len(keys) == len(records) and events
    with TestClient(create_app(db)) as client:
        for key in keys:
            for path in (f"/documents/{key}", f"/api/documents/{key}"):
                assert client.get(path).status_code == 200, path
        for doc, event in events:
            assert client.get(f"/events/{doc}/{event}").status_code == 200
        latest = client.get(f"/api/documents/{keys[-1]}").json()
        assert [r["revision"] for r in latest["revisions"]] == [1, 2]
        page = client.get(f"/documents/{keys[-1]}").text
        assert "Revisions of this report" in page and f'href="/documents/{keys[-2]}"' in page
