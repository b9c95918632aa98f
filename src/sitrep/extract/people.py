"""Named people with rank, role, age, unit and fate (stub)."""

from __future__ import annotations

from sitrep.model import Mention
from sitrep.extract.context import Context


def find_people(ctx: Context, units: list[Mention], places: list[Mention]) -> list[Mention]:
    return []
