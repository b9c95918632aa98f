"""The data model every stage shares.

Plain dataclasses with ``to_dict()``/``from_dict()``. Offsets are Python string indices into the
document text as read: ``text[span.start:span.end]`` reproduces the evidence. Nothing here knows how
facts are found; the extractors fill these in, the store persists them, the resolver merges them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from sitrep import tolls


# --- controlled vocabularies (the JSON Schema mirrors these) --------------------------------------

DATE_PRECISIONS = ("day", "week", "month", "year")
# How far a place's point can be trusted, finest first. exact: a settlement's own point; near: within
# ~25 km of it ("near X", a city's district); region: a first- or second-order division (oblast,
# province, raion, hromada), or a breakaway republic, at its capital; area: a part of a country or of
# the world larger than, or across, its divisions ("eastern Ukraine", "Donbas", "the Black Sea"), at a
# representative point; country: the country at its centre. Region, area and country points are
# stand-ins, never the place of an event (UCDP's where_prec 4, 5, 6; ACLED's geo_precision 3).
PLACE_PRECISIONS = ("exact", "near", "region", "area", "country")
CLAIM_QUALIFIERS = ("exact", "approximately", "at_least", "at_most", "up_to", "range", "vague")
CLAIM_SCOPES = ("incident", "cumulative")
CLAIMANT_KINDS = ("government", "military", "official", "media", "ngo", "witness", "anonymous", "unknown")
CERTAINTIES = ("confirmed", "reported", "alleged", "unconfirmed", "denied", "admitted")
SUBJECT_GROUPS = ("military", "civilians", "mixed", "unknown")
PERSON_STATUSES = ("killed", "wounded", "captured", "detained", "missing", "alive")
ACTOR_ROLES = ("actor1", "actor2", "associated")


class Record:
    """Mixin: dict round-trip for nested dataclasses, with the nested types declared per class."""

    # field name -> dataclass type (or (list, type) for lists of records)
    nested: ClassVar[dict[str, Any]] = {}

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _public_fields(type(self))}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        kwargs: dict[str, Any] = {}
        names = _field_names(cls)
        for key, value in data.items():
            if key not in names:
                continue  # tolerate fields added by later versions
            kind = cls.nested.get(key)
            if kind is None or value is None:
                kwargs[key] = value
            elif isinstance(kind, tuple):
                kwargs[key] = [kind[1].from_dict(v) for v in value]
            else:
                kwargs[key] = kind.from_dict(value)
        return cls(**kwargs)


@lru_cache(maxsize=None)
def _field_names(cls: type) -> frozenset[str]:
    """A record class's field names, read once (dataclasses.fields() on every call was a tenth of the cost
    of putting a long text's parts together)."""
    return frozenset(f.name for f in dataclasses.fields(cls))


@lru_cache(maxsize=None)
def _public_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith("_"))


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, order=True)
class Span(Record):
    """A stretch of the document text: ``text[start:end]``."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # written out (dataclass keeps an __init__ of the class's own): a document makes hundreds of spans,
        # and the frozen dataclass's generated one, object.__setattr__ per field, cost half as much again
        if not 0 <= start <= end:
            raise ValueError(f"bad span {start}..{end}")
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def distance(self, other: "Span") -> int:
        """Characters between two spans (0 if they touch or overlap)."""
        if self.overlaps(other):
            return 0
        return other.start - self.end if self.end <= other.start else self.start - other.end

    def cover(self, other: "Span") -> "Span":
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass
class Document(Record):
    """One report as read: the text every offset refers to, and what we know about it."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    source: str | None = None  # where it was read from: a path, path:line, a WARC record id
    notes: list[str] = field(default_factory=list)  # what was repaired while reading (Extraction.notes)

    def __post_init__(self) -> None:
        self._repair_surrogates()
        if self.id is None:
            self.id = document_id(self.text, self.url)

    def _repair_surrogates(self) -> None:
        """A lone surrogate (U+D800-U+DFFF; JSON may carry one as "\\ud800") is no character: it cannot be
        encoded, stored or tokenized. Each becomes U+FFFD, one code point for one, so offsets stay put."""
        for name in ("text", "id", "title", "published", "url", "outlet", "source"):
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                repaired, n = _SURROGATE.subn("\ufffd", value)
                setattr(self, name, repaired)
                self.notes.append(f"{n:,} lone surrogate{'s' if n > 1 else ''} (U+D800-U+DFFF) in the {name} "
                                  "replaced by U+FFFD")


_SURROGATE = re.compile("[\ud800-\udfff]")


def document_id(text: str, url: str | None = None) -> str:
    """A deterministic id: the same text (or URL) always gives the same id."""
    key = url if url else text
    return "d" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class DateRef(Record):
    """A resolved date or period. ``start``/``end`` are ISO dates; equal for a single day."""

    start: str | None
    end: str | None
    precision: str  # day|week|month|year
    text: str | None = None


@dataclass
class Place(Record):
    """A place named in the report, resolved to GeoNames where possible."""

    name: str
    geonames_id: int | None = None
    country: str | None = None  # ISO alpha-2
    admin1: str | None = None  # first-order division name
    lat: float | None = None
    lon: float | None = None
    precision: str = "exact"  # exact|near|region|area|country (see PLACE_PRECISIONS)
    kind: str | None = None  # populated_place|region|country|area
    evidence: list[Span] = field(default_factory=list)
    nested: ClassVar[dict[str, Any]] = {"evidence": (list, Span)}


@dataclass
class Location(Record):
    """Where an event happened (a place, possibly with 'near' precision), with the words that say so."""

    name: str
    geonames_id: int | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "exact"
    text: str | None = None


@dataclass
class Unit(Record):
    """A military formation or force named in the report."""

    id: str
    name: str  # as written
    canonical: str | None = None  # registry name when resolved
    echelon: str | None = None  # army|corps|division|brigade|regiment|battalion|company|platoon|...
    branch: str | None = None  # airborne|motor rifle|tank|artillery|naval infantry|national guard|...
    side: str | None = None
    garrison: str | None = None
    parent: str | None = None
    unit_number: str | None = None  # Russian military unit number (v/ch), when known
    registry_id: str | None = None
    evidence: list[Span] = field(default_factory=list)
    nested: ClassVar[dict[str, Any]] = {"evidence": (list, Span)}


@dataclass
class Person(Record):
    id: str
    name: str
    rank: str | None = None
    role: str | None = None
    age: int | None = None
    unit_id: str | None = None
    side: str | None = None
    status: str | None = None  # killed|wounded|captured|detained|missing|alive|None
    evidence: list[Span] = field(default_factory=list)
    nested: ClassVar[dict[str, Any]] = {"evidence": (list, Span)}


@dataclass
class Count(Record):
    best: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"
    # a vague word's conventional bounds ("dozens": 24 to 99), which the report never states: kept apart
    # from low/high so that a vague count has no figure; omitted from the output when there are none
    usual_low: int | None = None
    usual_high: int | None = None
    # the bound leaves its own figure out ("more than 30" is 31 or more, "fewer than 10" 9 or fewer); omitted
    # from the output when not
    exclusive: bool = False

    @property
    def figure(self) -> int | None:
        """The count as one number (the rule is in ``sitrep.tolls``)."""
        return tolls.figure_of(self)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        for name in ("usual_low", "usual_high"):
            if out[name] is None:
                del out[name]  # only vague counts carry them; every other count's output stays as it was
        if not out["exclusive"]:
            del out["exclusive"]
        return out


@dataclass
class Subject(Record):
    text: str | None = None
    side: str | None = None
    group: str = "unknown"  # military|civilians|mixed|unknown
    unit_id: str | None = None


@dataclass
class Claimant(Record):
    name: str | None = None
    kind: str = "unknown"
    side: str | None = None
    text: str | None = None


@dataclass
class Claim(Record):
    id: str
    measure: list[str]
    subject: Subject
    count: Count | None
    scope: str = "incident"
    claimant: Claimant = field(default_factory=Claimant)
    via: list[str] = field(default_factory=list)
    certainty: str = "reported"
    event_id: str | None = None
    evidence: Span | None = None
    # the same statement told again in the report (a headline and the body saying the same thing are one
    # claim): the other places that say it; omitted when none
    restated: list[Span] = field(default_factory=list)
    # the claim whose people these are a part of ("killing 12 civilians, including five women": the five are
    # of the twelve); omitted when none. A part is a claim of its own, but no toll of its event
    part_of: str | None = None
    # the claim whose people these are more of ("arrested a leader ... also detained two suspects": the two
    # are others than the leader); omitted when none. Its figure adds to that claim's in the event's toll
    adds_to: str | None = None
    # the figure counts people told one by one, named or described ("a man and his wife were killed": 2), not a
    # number the report gives; omitted when not. Such a figure counts some of the dead, never fewer than a toll
    one_by_one: bool = False
    nested: ClassVar[dict[str, Any]] = {
        "subject": Subject,
        "count": Count,
        "claimant": Claimant,
        "evidence": Span,
        "restated": (list, Span),
    }

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if not out["restated"]:
            del out["restated"]  # most claims are told once; their output stays as it was
        if out["part_of"] is None:
            del out["part_of"]
        if out["adds_to"] is None:
            del out["adds_to"]
        if not out["one_by_one"]:
            del out["one_by_one"]
        return out


@dataclass
class Actor(Record):
    name: str
    side: str | None = None
    kind: str | None = None  # military|state|rebel|civilians|police|...
    role: str = "actor1"


@dataclass
class Event(Record):
    id: str
    event_type: str
    sub_event_type: str
    tags: list[str] = field(default_factory=list)
    date: DateRef | None = None
    location: Location | None = None
    actors: list[Actor] = field(default_factory=list)
    fatalities: int | None = None
    claim_ids: list[str] = field(default_factory=list)
    certainty: str = "reported"
    evidence: list[Span] = field(default_factory=list)
    claimant: Claimant | None = None  # who tells of the event, when the text says
    person_ids: list[str] = field(default_factory=list)  # people named in the event's sentences
    nested: ClassVar[dict[str, Any]] = {
        "date": DateRef,
        "location": Location,
        "actors": (list, Actor),
        "evidence": (list, Span),
        "claimant": Claimant,
    }


@dataclass
class Extraction(Record):
    """Everything sitrep found in one document."""

    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was repaired or left out, and why; omitted when none
    nested: ClassVar[dict[str, Any]] = {
        "events": (list, Event),
        "claims": (list, Claim),
        "people": (list, Person),
        "units": (list, Unit),
        "places": (list, Place),
    }

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if not out["notes"]:
            del out["notes"]  # most documents need none; their output stays as it was
        return out


@dataclass
class Mention:
    """What one extraction stage found at one place in the text, before the document is assembled.

    ``value`` is the stage's own model object (a Place, DateRef, Count, Unit, Person ...); ``label``
    says which stage made it; ``attrs`` holds stage-specific extras (e.g. the counted noun).
    """

    label: str
    span: Span
    value: Any
    attrs: dict[str, Any] = field(default_factory=dict)

    def text(self, text: str) -> str:
        return text[self.span.start : self.span.end]
