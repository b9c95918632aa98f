"""Which side a stretch of text is about: nationality words and institutions mapped to ISO alpha-2 codes."""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.lexicons import load_table
from sitrep.text import alternation


@lru_cache(maxsize=1)
def _side_table() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    rows = load_table("side_words.tsv")
    table = {r["word"]: (r["side"], r["country"]) for r in rows}
    pattern = re.compile(r"(?<![\w-])(" + alternation(table, space=" ") + r")(?![\w-])")
    return pattern, table


def sides_in(text: str) -> list[tuple[int, int, str, str]]:
    """Every side word in ``text``: (start, end, side, country name), in order."""
    pattern, table = _side_table()
    word = lambda m: m.group(1).replace("’", "'")  # noqa: E731 — curly apostrophes as straight
    return [(m.start(1), m.end(1), *table[word(m)]) for m in pattern.finditer(text.replace("’", "'"))]


def side_of(text: str) -> str | None:
    """The side named in ``text``, the last one winning (it sits closest to the noun it modifies)."""
    found = sides_in(text)
    return found[-1][2] if found else None


def country_name(side: str | None) -> str | None:
    _, table = _side_table()
    for code, name in table.values():
        if code == side:
            return name
    return None
