"""Mentions grouped by the sentence that holds them, found once per document: a stage that looks at each
sentence's counts, places or claims reads its own short list instead of testing every mention of the
document against every sentence (which made dense text cost the square of its facts per part)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Sequence, TypeVar

from sitrep.model import Span

T = TypeVar("T")


def by_sentence(sentences: Sequence[Span], items: Sequence[T], span_of: Callable[[T], Span | None]) -> list[list[T]]:
    """For each sentence, the items whose span lies inside it, in the items' order. The same as
    ``[x for x in items if sentence.contains(span_of(x))]`` for each sentence (sentences never overlap)."""
    starts = [s.start for s in sentences]
    grouped: list[list[T]] = [[] for _ in sentences]
    for item in items:
        span = span_of(item)
        if span is None:
            continue
        i = bisect_right(starts, span.start) - 1
        if i >= 0 and sentences[i].contains(span):
            grouped[i].append(item)
    return grouped


class FirstOverlapping:
    """The first item, in the items' order, whose span overlaps a given span: the same as
    ``next((x for x in items if span.overlaps(span_of(x))), None)``, without reading every item for every
    question (asked for each claim, that loop cost claims x units or places on text dense with both)."""

    def __init__(self, items: Sequence[T], span_of: Callable[[T], Span]):
        order = sorted(range(len(items)), key=lambda n: span_of(items[n]).start)
        self.items = items
        self.spans = [span_of(items[n]) for n in order]
        self.order = order
        self.starts = [s.start for s in self.spans]
        self.longest = max((len(s) for s in self.spans), default=0)

    def __call__(self, span: Span) -> T | None:
        # an item that overlaps starts before the span ends, and no earlier than the longest item's length before it
        lo = bisect_right(self.starts, span.start - self.longest)
        hi = bisect_left(self.starts, span.end, lo)
        first = None
        for k in range(lo, hi):
            if span.overlaps(self.spans[k]) and (first is None or self.order[k] < first):
                first = self.order[k]
        return None if first is None else self.items[first]
