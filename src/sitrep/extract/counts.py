"""Counts of people (stub)."""

from __future__ import annotations

from sitrep.model import Mention
from sitrep.extract.context import Context


def find_counts(ctx: Context) -> list[Mention]:
    return []
