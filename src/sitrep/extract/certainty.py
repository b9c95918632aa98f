"""How sure the report is: hedges ("reportedly", "not so far confirmed", "denied") mapped to a certainty."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicons import load_table
from sitrep.extract.scan import without_nested
from sitrep.extract.scans import hedge_table


@dataclass(frozen=True)
class Hedge:
    certainty: str
    rank: int  # stronger doubt outranks weaker
    applies: str  # "sentence" | "figure"
    start: int
    end: int


def _as_hedges(hits, offset: int) -> list[Hedge]:
    return [Hedge(h.payload[0], h.payload[1], h.payload[2], h.start - offset, h.end - offset) for h in without_nested(hits)]


def find_hedges(text: str) -> list[Hedge]:
    """All hedges in a sentence. A longer hedge hides the shorter ones inside it ("not confirmed" ⊃ "confirmed")."""
    return _as_hedges(hedge_table().scan(text), 0)


def sentence_hedges(ctx, sentence) -> list[Hedge]:
    """The hedges of one sentence of ``ctx`` (offsets relative to the sentence), from one scan of the document."""
    return _as_hedges(ctx.scans.hedges.within(sentence.start, sentence.end), sentence.start)


_SEGMENT_EDGE = re.compile(r";|\s[–—]\s|\s-\s")


def hedges_in_segment(hedges: list[Hedge], sentence_text: str, start: int, end: int) -> list[Hedge]:
    """The hedges that speak of the words at ``start:end`` (offsets in ``sentence_text``): those in the
    same segment of the sentence. Semicolons and dashes join separate statements in headlines and lists
    ("Shelling kills three, governor says; Moscow denies targeting homes")."""
    lo, hi = 0, len(sentence_text)
    for m in _SEGMENT_EDGE.finditer(sentence_text, 0, start):
        lo = m.end()
    m = _SEGMENT_EDGE.search(sentence_text, end)
    if m:
        hi = m.start()
    return [h for h in hedges if lo <= h.start and h.end <= hi]


def strongest(hedges: list[Hedge], default: str = "reported") -> str:
    return max(hedges, key=lambda h: h.rank).certainty if hedges else default


@lru_cache(maxsize=1)
def _ranks() -> dict[str, int]:
    return {r["certainty"]: int(r["rank"]) for r in load_table("claim_hedges.tsv")}


def stronger(a: str, b: str) -> str:
    """The more doubtful of two certainties."""
    ranks = _ranks()
    return a if ranks.get(a, 0) >= ranks.get(b, 0) else b
