"""How sure the report is: hedges ("reportedly", "not so far confirmed", "denied") mapped to a certainty."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.lexicons import load_table


@dataclass(frozen=True)
class Hedge:
    certainty: str
    rank: int  # stronger doubt outranks weaker
    applies: str  # "sentence" | "figure"
    start: int
    end: int


@lru_cache(maxsize=1)
def _hedges() -> tuple[tuple[re.Pattern, str, int, str], ...]:
    return tuple(
        (re.compile(r"(?<![\w-])(?:" + r["pattern"] + r")(?![\w-])", re.IGNORECASE), r["certainty"], int(r["rank"]), r["applies"])
        for r in load_table("claim_hedges.tsv")
    )


def find_hedges(text: str) -> list[Hedge]:
    """All hedges in a sentence. A longer hedge hides the shorter ones inside it ("not confirmed" ⊃ "confirmed")."""
    found: list[Hedge] = []
    for pattern, certainty, rank, applies in _hedges():
        for m in pattern.finditer(text):
            found.append(Hedge(certainty, rank, applies, m.start(), m.end()))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hedge] = []
    for h in found:
        if any(k.start <= h.start and h.end <= k.end for k in kept):
            continue
        kept.append(h)
    return kept


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


def stronger(a: str, b: str) -> str:
    """The more doubtful of two certainties."""
    ranks = {r["certainty"]: int(r["rank"]) for r in load_table("claim_hedges.tsv")}
    return a if ranks.get(a, 0) >= ranks.get(b, 0) else b
