"""The indexes that answer per-fact questions without reading every fact again (extract/spans.py,
extract/attribution.py, extract/claims.py) give exactly what the plain loops they replace give,
ties included: on text dense with facts the loops cost the square of the facts per part."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.attribution import _LastPersonBefore, _last_person_before
from sitrep.extract.spans import FirstOverlapping
from sitrep.model import Mention, Span

spans = st.tuples(st.integers(0, 120), st.integers(0, 25)).map(lambda t: Span(t[0], t[0] + t[1]))


def _mentions(items: list[Span]) -> list[Mention]:
    return [Mention(label="person", span=s, value=n) for n, s in enumerate(items)]


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=40), st.lists(spans, min_size=1, max_size=10))
def test_first_overlapping_is_the_first_in_order_that_overlaps(items, questions):
    mentions = _mentions(items)
    first = FirstOverlapping(mentions, lambda m: m.span)
    for span in questions:
        expected = next((m for m in mentions if span.overlaps(m.span)), None)
        assert first(span) is expected


@settings(max_examples=300, deadline=None)
@given(st.lists(spans, max_size=40), st.lists(st.integers(0, 160), min_size=1, max_size=10))
def test_last_person_before_is_the_plain_loops_answer(items, positions):
    people = _mentions(items)
    index = _LastPersonBefore(people)
    for position in positions:
        assert index(position) is _last_person_before(people, position)


def test_ties_go_to_the_first_in_order():
    a, b, c = _mentions([Span(5, 9), Span(5, 9), Span(2, 30)])
    assert FirstOverlapping([a, b, c], lambda m: m.span)(Span(6, 7)) is a
    assert FirstOverlapping([c, b, a], lambda m: m.span)(Span(6, 7)) is c
    assert _LastPersonBefore([a, b, c])(10) is a
    assert _LastPersonBefore([b, a])(10) is b
    assert _LastPersonBefore([a, b])(8) is None
