"""A report's text cut into segments at every evidence boundary, so the document page can highlight
each span by kind (event, claim, person, unit, place) while escaping every character of the text.

Spans overlap (a claim's clause inside an event's sentence, a name inside both): a segment lists all
the spans that cover it, and the first segment of each span carries that span's anchor, the target
of the links on the fact pages. Offsets are the store's: Python string indices into the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True)
class Mark:
    kind: str
    item_id: str
    ord: int
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"span-{self.kind}-{self.item_id}-{self.ord}"


def segments(text: str, marks: Iterable[Mark]) -> list[dict[str, Any]]:
    """[{text, kinds, spans, anchors}] covering ``text`` exactly once, in order.

    ``kinds``: the kinds of the covering spans, innermost (shortest) first; ``spans``: their anchors;
    ``anchors``: the spans that start here. Marks outside the text are clipped (never trusted blindly).
    """
    n = len(text)
    marks = [Mark(m.kind, m.item_id, m.ord, m.start, min(m.end, n)) if m.end > n else m
             for m in marks if 0 <= m.start < m.end and m.start < n]
    cuts = sorted({0, n} | {m.start for m in marks} | {m.end for m in marks})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    out, active = [], set()
    # a sweep over the cuts: spans join the active set where they start and leave it where they end,
    # so a long report with many spans costs (cuts x spans open at once), not (cuts x all spans)
    for a, b in zip(cuts, cuts[1:]):
        active = {m for m in active if m.end > a} | set(starts.get(a, ()))
        covering = sorted(active, key=lambda m: (m.end - m.start, m.kind, m.item_id, m.ord))
        out.append({
            "text": text[a:b],
            "kinds": list(dict.fromkeys(m.kind for m in covering)),
            "spans": [m.anchor for m in covering],
            "anchors": [m.anchor for m in sorted(starts.get(a, []), key=lambda m: (m.kind, m.item_id, m.ord))],
        })
    return out
