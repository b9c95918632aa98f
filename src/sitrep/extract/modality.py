"""Is what follows hypothetical or planned? ("could seize", "plans to attack", "to avoid civilian
casualties"): a word so introduced tells of no event and no casualty. Claims, events and the event
grammar ask here."""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.lexicons import load_lines


@lru_cache(maxsize=1)
def _modals() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(load_lines("event_modals.tsv")[1:]) + r")\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


_MODAL_REACH = 30  # characters before a word searched for "could", "plans to", "to avoid" ...


def hypothetical_before(text: str, start: int) -> bool:
    """Do the words just before ``start`` make what follows hypothetical or planned ("could seize",
    "plans to attack", "to avoid civilian casualties")?"""
    return bool(_modals().search(text, max(0, start - _MODAL_REACH), start))
