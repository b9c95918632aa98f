"""Small text rules shared by every layer."""

from __future__ import annotations

import sys
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
