"""Words read off the text with their offsets, and lexicon phrases matched over them.

``Tok`` is a word (or comma) of a window of text; ``match_back`` and ``match_forward`` find the longest
lexicon phrase ending or starting at a token.
"""

from __future__ import annotations

import re

from sitrep.extract.people.lexicon import PhraseTable, phrase_key

WINDOW_TOKEN = re.compile(r"\d{1,2}-year-old|\d{1,2} ?y\.o\.|[\w][\w'’.\-]*|,")
DETERMINERS = frozenset({"a", "an", "the", "his", "her", "this", "that"})
PREPOSITIONS = frozenset({"from", "of", "in", "at", "with", "for"})


class Tok:
    """A word (or comma) of the text with its offsets; its lexicon key is computed when first asked."""

    __slots__ = ("text", "start", "end", "_key")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end, self._key = text, start, end, None

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = phrase_key(self.text)
        return self._key


def read_tokens(text: str, pattern: re.Pattern, start: int, end: int) -> list[Tok]:
    return [Tok(m.group(0), m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def match_back(toks: list[Tok], i: int, table: "PhraseTable") -> tuple[int, str] | None:
    """The longest lexicon phrase ending at token i: (number of tokens, key)."""
    if toks[i].key.rsplit(" ", 1)[-1] not in table.last_words:
        return None
    for k in range(min(table.longest, i + 1), 0, -1):
        words = toks[i - k + 1 : i + 1]
        if any(t.text == "," for t in words):
            continue
        key = phrase_key(" ".join(t.text for t in words))
        if key in table:
            return k, key
    return None


def match_forward(toks: list[Tok], i: int, table: "PhraseTable") -> tuple[int, str] | None:
    """The longest lexicon phrase starting at token i: (number of tokens, key)."""
    if toks[i].key.split(" ", 1)[0] not in table.first_words:
        return None
    for k in range(min(table.longest, len(toks) - i), 0, -1):
        key = phrase_key(" ".join(t.text for t in toks[i : i + k]))
        if key in table:
            return k, key
    return None
