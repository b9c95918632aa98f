"""What is said about one name, and the small rules the readers before and after it share."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.extract.people.lexicon import unit_echelon
from sitrep.model import Mention, Span

MAX_PREDICATE_WORDS = 8  # "X was a senior Taliban leader responsible for ...": the role comes early
MIN_AGE, MAX_AGE = 14, 99


@dataclass
class Facts:
    """Facts read around one name, with the spans that support them."""

    rank: str | None = None
    rank_span: Span | None = None
    role: str | None = None
    role_kind: str | None = None
    role_span: Span | None = None
    role_qualified: bool = False
    role_tail: Span | None = None  # "of Ukraine's ground forces" in "the commander of ..., Colonel X"
    role_tail_anchor: int = -1  # where the role head must end for the tail to be its own
    age: int | None = None
    unit: Mention | None = None
    side: str | None = None
    status: str | None = None
    status_span: Span | None = None
    status_source: str | None = None  # predicate|object|adjective|list: how far the fate may be shared
    trigger: bool = False  # a rank, role or honorific introduces the name
    start: int = 0  # where the descriptor before the name starts
    after_end: int = 0  # where the appositives after the name end


def commander_of(unit: Mention) -> str:
    """A bare "commander" tied to a unit reads as the unit's commander: "regiment commander"."""
    echelon = unit_echelon(unit.value)
    return f"{echelon} commander" if echelon else "commander"


def age_of(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value if MIN_AGE <= value <= MAX_AGE else None
