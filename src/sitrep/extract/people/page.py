"""One document as the people readers see it: the text, its sentences, the lexicon, and the units and
places other stages found there, looked up by offset. Built once per document by the finder and shared
with the readers of facts and lists; it holds nothing from another document.
"""

from __future__ import annotations

from bisect import bisect_right

from sitrep.extract.context import Context
from sitrep.extract.people.lexicon import Lexicon, lexicon, unit_echelon
from sitrep.extract.people.tokens import Tok
from sitrep.model import Mention, Span


class SpanIndex:
    """Mentions of another stage sorted by start, for 'what covers this offset' and 'last one before'."""

    def __init__(self, mentions: list[Mention]):
        self.items = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
        self.starts = [m.span.start for m in self.items]

    def at(self, start: int, end: int) -> Mention | None:
        if not self.starts:
            return None
        i = bisect_right(self.starts, end - 1) - 1
        while i >= 0:
            m = self.items[i]
            if m.span.end > start:
                return m
            if m.span.start < start - 200:
                break
            i -= 1
        return None

    def last_before(self, pos: int, accept=None) -> Mention | None:
        i = bisect_right(self.starts, pos) - 1
        while i >= 0:
            m = self.items[i]
            if m.span.end <= pos and (accept is None or accept(m)):
                return m
            i -= 1
        return None


class Page:
    """What every reader of one document's names needs: ``text`` (and ``lowered``, as long as it),
    ``sentences``, the lexicon ``lex``, and other stages' ``units`` and ``places`` by offset."""

    def __init__(self, ctx: Context, units: list[Mention], places: list[Mention]):
        self.text = ctx.text
        self.lowered = ctx.lowered  # as long as the text: searched with the text's offsets
        self.sentences = ctx.sentences
        self.sentence_starts = [s.start for s in ctx.sentences]
        self.lex: Lexicon = lexicon()
        self.units = SpanIndex([m for m in units if getattr(m.value, "id", None)])
        self.places = SpanIndex(places)

    def sentence_at(self, pos: int) -> tuple[int, Span]:
        """The index and span of the sentence holding ``pos``; (-1, the whole text) between sentences."""
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return i, self.sentences[i]
        return -1, Span(0, len(self.text))

    def covered(self, tok: Tok) -> bool:
        """Is the token part of a place or a unit another stage found?"""
        return self.places.at(tok.start, tok.end) is not None or self.units.at(tok.start, tok.end) is not None

    def unit_by_echelon(self, pos: int, echelon: str) -> Mention | None:
        """The last unit before ``pos`` of that echelon ("the regiment's"), else the last unit before it."""
        return self.units.last_before(pos, lambda m: unit_echelon(m.value) == echelon) or self.units.last_before(pos)
