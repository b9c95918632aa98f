"""Places named in the text, resolved against the gazetteer (stub: filled in by the places work)."""

from __future__ import annotations

from sitrep.model import Mention
from sitrep.extract.context import Context


def find_places(ctx: Context) -> list[Mention]:
    return []
