"""A real-text corpus for the speed benchmark, read from the shared dev data (never copied into the repository).

Short texts: the ISAF press releases and the labelled dev corpus, as they are (~100 words each). Long
articles: the same texts joined in order, a blank line between them, until each has at least ``words``
words (~520 by default, the length of a news article). Generated text is regular and repeats its
vocabulary; real text has the long tail of names and spellings that makes tokenization and lookups cost
more, which is why both are measured.

    from benchmarks.real_corpus import real_corpora
    corpora = real_corpora(Path("../shared"))   # {"real short": [...], "real long": [...]}, or {} if absent
"""

from __future__ import annotations

import json
from pathlib import Path

FILES = ("isaf-press-releases-dev.jsonl", "devset.jsonl")  # in ../shared/data
LONG_WORDS = 520


def short_texts(shared: Path) -> list[dict]:
    """Every ISAF release and dev-corpus text, as articles (id, title, text, published, url, outlet)."""
    out: list[dict] = []
    for name in FILES:
        path = shared / "data" / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                row = json.loads(line)
                out.append({"id": f"{name}:{n}", "title": row.get("title"), "text": row["text"],
                            "published": row.get("published"), "url": None, "outlet": None})
    return out


def joined(articles: list[dict], words: int = LONG_WORDS) -> list[dict]:
    """Articles of at least ``words`` words, each the next texts in order joined by blank lines (the last,
    shorter remainder is dropped)."""
    out: list[dict] = []
    parts: list[dict] = []
    count = 0
    for article in articles:
        parts.append(article)
        count += len(article["text"].split())
        if count >= words:
            out.append({"id": f"long:{len(out) + 1}", "title": None,
                        "text": "\n\n".join(p["text"].strip() for p in parts),
                        "published": next((p["published"] for p in parts if p["published"]), None),
                        "url": None, "outlet": None})
            parts, count = [], 0
    return out


def real_corpora(shared: Path, words: int = LONG_WORDS) -> dict[str, list[dict]]:
    """{"real short": ..., "real long": ...}; empty when the shared data is not there."""
    short = short_texts(shared)
    if not short:
        return {}
    return {"real short": short, "real long": joined(short, words)}
