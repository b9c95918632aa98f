"""Small text rules shared by every layer."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _one_for_one() -> dict[int, str]:
    """Characters whose lower case is longer than one code point ("İ" → "i̇"), mapped to its first one."""
    table = {}
    for code in range(sys.maxunicode + 1):
        lowered = chr(code).lower()
        if len(lowered) != 1:
            table[code] = lowered[0]
    return table


def lower_keep_length(text: str) -> str:
    """``text.lower()``, one code point for one code point, so that an offset into the result is the same
    offset into ``text``. Python lowers "İ" (U+0130) to two characters; here it becomes "i"."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return text.translate(_one_for_one()).lower()


def longest_first(phrases) -> list[str]:
    """The distinct phrases, longest first (ties alphabetical). A regular expression tries the
    alternatives of an alternation in order, so "tens of thousands" must come before "thousands"."""
    return sorted(set(phrases), key=lambda p: (-len(p), p))


def alternation(phrases, space: str = r"\s+") -> str:
    """The phrases as one regular-expression alternation, longest first, each escaped; the blank
    between two words of a phrase matches ``space`` (any run of blanks unless said otherwise)."""
    return "|".join(space.join(map(re.escape, p.split())) for p in longest_first(phrases))


def strip_accents(text: str) -> str:
    """Letters without their diacritics ("Kandahār" → "Kandahar"; "й" → "и" too: compare keys with it,
    never show them)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
