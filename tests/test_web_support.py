"""Shared by the web tests: a corpus of realistic reports (and hostile ones) ingested through the real
ingest API into a SQLite file, once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.ingest import ingest

REPO = Path(__file__).resolve().parents[1]
WEB_FIXTURES = REPO / "tests" / "fixtures" / "web"
CORPUS = [REPO / "examples" / "reports.jsonl", REPO / "examples" / "report.html", REPO / "examples" / "feed.rss",
          WEB_FIXTURES / "reports.jsonl", WEB_FIXTURES / "world.jsonl", WEB_FIXTURES / "hostile.jsonl"]
# Plain-text fixture reports carry no date of their own: each is ingested with the one its sidecar names.
DATED_TEXTS = {"shelling-nikopol.txt": "2023-06-06", "drone-strike-kupiansk.txt": "2023-10-02",
               "capture-vuhledar.txt": "2023-02-14", "execution-lyman.txt": "2022-10-05"}
HOSTILE_IDS = ("web-hostile-1", "web-hostile-2", "web-hostile-3")


def build_corpus(db: Path) -> Path:
    summary = ingest([str(p) for p in CORPUS if p.exists()], str(db), progress=False)
    assert summary.failed == 0, summary.failures
    for name, published in DATED_TEXTS.items():
        path = REPO / "tests" / "fixtures" / "reports" / name
        if path.exists():
            ingest([str(path)], str(db), published=published, progress=False)
    return db


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("web") / "corpus.db")
