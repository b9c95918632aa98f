"""Events in ACLED's taxonomy (stub)."""

from __future__ import annotations

from sitrep.model import Event
from sitrep.extract.context import Context


def find_events(ctx: Context, claims, places, dates, units, people) -> list[Event]:
    return []
