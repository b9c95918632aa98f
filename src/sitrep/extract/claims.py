"""Casualty claims (stub)."""

from __future__ import annotations

from sitrep.model import Claim, Mention
from sitrep.extract.context import Context


def find_claims(ctx: Context, counts, people, units, places, dates) -> list[Claim]:
    return []
