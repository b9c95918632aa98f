"""Military units and forces (stub)."""

from __future__ import annotations

from sitrep.model import Mention
from sitrep.extract.context import Context


def find_units(ctx: Context) -> list[Mention]:
    return []
