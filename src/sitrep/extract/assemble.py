"""Collect the stages' mentions into the Extraction: one record per thing, in order of first mention."""

from __future__ import annotations

from typing import Iterable

from sitrep.model import Claim, Event, Extraction, Mention


def unique_values(mentions: Iterable[Mention]) -> list:
    """Stages give mentions of the same thing one shared value object; keep each once, in text order."""
    seen: set[int] = set()
    out = []
    for m in sorted(mentions, key=lambda m: m.span):
        if id(m.value) not in seen:
            seen.add(id(m.value))
            out.append(m.value)
    return out


def extraction(
    result: Extraction,
    *,
    places: list[Mention],
    units: list[Mention],
    people: list[Mention],
    claims: list[Claim],
    events: list[Event],
) -> Extraction:
    result.places = unique_values(places)
    result.units = unique_values(units)
    result.people = unique_values(people)
    result.claims = list(claims)
    result.events = list(events)
    return result
