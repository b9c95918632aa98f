"""Mentions grouped by the sentence that holds them, found once per document: a stage that looks at each
sentence's counts, places or claims reads its own short list instead of testing every mention of the
document against every sentence (which made dense text cost the square of its facts per part)."""

from __future__ import annotations

from bisect import bisect_right
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
