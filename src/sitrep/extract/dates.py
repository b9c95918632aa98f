"""Date expressions resolved against the publication date (stub)."""

from __future__ import annotations

from sitrep.model import Mention
from sitrep.extract.context import Context


def find_dates(ctx: Context) -> list[Mention]:
    return []
