"""The limits a user can rely on: how much sitrep reads, decompresses and extracts at once.

Text from the open web is hostile by default: a 10 MB "article", a gzip bomb, a page nested ten thousand
levels deep. Each limit below bounds time or memory; what goes past one is refused with a message that
names the limit (a ReadFailure for the readers, ``TextTooLong`` for the extractor), never a hang or a crash.
docs/reliability.md lists them with the measurements behind them.

Long texts are extracted in parts: the stages compare facts within a document, and some of that work
grows faster than the text (a 40,000-character text cost 15x a 10,000-character one), so a text longer
than ``PART_CHARS`` is cut at paragraph (else sentence, else word) boundaries, each part extracted on its
own, and the parts' facts put back together with offsets into the whole text.
"""

from __future__ import annotations

import dataclasses
import math
import re
import resource
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO, Callable

from sitrep.model import Document, Extraction, Place, Span

# --- extraction ---------------------------------------------------------------------------------------
PART_CHARS = 20_000  # a text longer than this is extracted in parts of at most this many characters
MAX_SENTENCE_CHARS = 1_000  # a longer "sentence" (a list, a table flattened to one line) is cut in pieces
MAX_TEXT_CHARS = 5_000_000  # longer texts are refused: ~25 s of CPU for the densest reporting at this size
MAX_COUNT = 2**31 - 1  # a larger figure is no count of people (and would not fit the store's integer columns)

# --- per-document budgets ---------------------------------------------------------------------------
# A document that takes more than this to extract fails (BudgetExceeded, recorded in `failures` by
# `sitrep ingest`) and the run goes on. Checked between stages and between parts: each stage works on at
# most PART_CHARS characters and sentences of at most MAX_SENTENCE_CHARS, so no check is far from the next.
DOC_CPU_SECONDS = 60.0  # CPU time of the extracting thread
DOC_MEMORY_MB = 1024  # growth of the process's resident memory while the document is extracted

# --- reading --------------------------------------------------------------------------------------------
MAX_FILE_BYTES = 256 * 2**20  # a text, HTML, CSV or feed file (after gzip) is read whole: at most this
MAX_LINE_BYTES = 64 * 2**20  # one JSON Lines record
MAX_RECORD_BYTES = 64 * 2**20  # one WARC record's payload (an HTML page)
MAX_DECOMPRESSED_BYTES = 8 * 2**30  # all of one .gz file
MAX_GZIP_RATIO = 200  # decompressed / compressed, checked once past GZIP_RATIO_AFTER: text gives 3-20
GZIP_RATIO_AFTER = 64 * 2**20
MAX_HTML_DEPTH = 2048  # libxml2's nesting limit (with huge_tree); deeper pages lose their text

_CLAUSE_BREAKS = (re.compile(r"[;:]\s"), re.compile(r",\s"), re.compile(r"\s"))
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]?\s"), re.compile(r"\s"))


class TextTooLong(ValueError):
    """A text longer than MAX_TEXT_CHARS was given to the extractor."""


class BudgetExceeded(RuntimeError):
    """A document took more CPU time or memory to extract than its budget (DOC_CPU_SECONDS, DOC_MEMORY_MB)."""


class TooLarge(ValueError):
    """An input (file, line, record, decompressed stream) is larger than its limit."""


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


# --- budgets ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Budget:
    cpu_start: float
    resident_start_kb: int
    cpu_seconds: float
    memory_mb: float


_BUDGET: ContextVar[_Budget | None] = ContextVar("sitrep_document_budget", default=None)


_PAGE_KB = resource.getpagesize() // 1024


def _resident_kb() -> int:
    """The process's resident memory now (Linux: /proc/self/statm); elsewhere its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@dataclass(frozen=True)
class Budget:
    """What one document may cost to extract, as a caller sets it (`--cpu-budget`, `--memory-budget`): CPU
    seconds and MB of resident-memory growth; None: the default (DOC_CPU_SECONDS, DOC_MEMORY_MB); 0: no
    budget of that kind. Plain data, so it travels to worker processes."""

    cpu_seconds: float | None = None
    memory_mb: float | None = None

    def __post_init__(self):
        for name in ("cpu_seconds", "memory_mb"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"a budget of {value:g} ({name}) is no budget: give 0 for none, or a positive figure")


@contextmanager
def document_budget(cpu_seconds: float | None = None, memory_mb: float | None = None):
    """Extraction inside this block is held to a budget (None: DOC_CPU_SECONDS, DOC_MEMORY_MB; 0: none of
    that kind): see ``check_budget``. A block inside another keeps the outer budget (the parts of one
    document share it)."""
    if _BUDGET.get() is not None:
        yield
        return
    token = _BUDGET.set(_Budget(time.thread_time(), _resident_kb(), _budget(cpu_seconds, DOC_CPU_SECONDS),
                                _budget(memory_mb, DOC_MEMORY_MB)))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _budget(given: float | None, default: float) -> float:
    if given is not None and given < 0:
        raise ValueError(f"a budget of {given:g} is no budget: give 0 for none, or a positive figure")
    return default if given is None else given or math.inf  # 0: none


def check_budget(where: str) -> None:
    """BudgetExceeded if the document being extracted has used more CPU time or memory than its budget."""
    budget = _BUDGET.get()
    if budget is None:
        return
    cpu = time.thread_time() - budget.cpu_start
    if cpu > budget.cpu_seconds:
        raise BudgetExceeded(f"over its CPU budget: {cpu:.1f} s of CPU by {where} (the budget is {budget.cpu_seconds:g} s "
                             "per document; sitrep's limit, see docs/reliability.md)")
    limit_kb = budget.memory_mb * 1024
    # the peak (one cheap system call) bounds the memory now: read /proc only when the peak is past the budget
    if resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - budget.resident_start_kb <= limit_kb:
        return
    grown = (_resident_kb() - budget.resident_start_kb) / 1024
    if grown > budget.memory_mb:
        raise BudgetExceeded(f"over its memory budget: memory grew by {grown:,.0f} MB by {where} (the budget is "
                             f"{budget.memory_mb:,g} MB per document; sitrep's limit, see docs/reliability.md)")


# --- parts ----------------------------------------------------------------------------------------------


def check_text_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLong(f"text of {len(text):,} characters is longer than sitrep extracts "
                          f"({MAX_TEXT_CHARS:,}; see docs/reliability.md): split it into reports")


def capped_sentences(text: str, sentences: list[Span], max_chars: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """Sentence spans, those longer than ``max_chars`` cut at clause (else word) boundaries. Stages look
    at each count or name against its whole sentence, so one sentence of 100,000 numbers cost minutes."""
    if all(len(s) <= max_chars for s in sentences):
        return sentences
    out: list[Span] = []
    for s in sentences:
        start = s.start
        while s.end - start > max_chars:
            end = _last_break(text, start + max_chars // 2, start + max_chars, _CLAUSE_BREAKS) or start + max_chars
            out.append(Span(start, end))
            start = end
            while start < s.end and text[start].isspace():
                start += 1
        if start < s.end:
            out.append(Span(start, s.end))
    return out


def _last_break(text: str, floor: int, end: int, patterns) -> int | None:
    for pattern in patterns:
        cuts = [m.end() for m in pattern.finditer(text, floor, end)]
        if cuts:
            return cuts[-1]
    return None


def part_bounds(text: str, part_chars: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive parts covering ``text``, each at most ``part_chars`` long, cut at the
    last paragraph break in the second half of a part, else the last line break, sentence end or space."""
    bounds, start = [], 0
    while len(text) - start > part_chars:
        end = _last_break(text, start + part_chars // 2, start + part_chars, _BREAKS) or start + part_chars
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def extract_in_parts(document: Document, extract_part: Callable[[Document], Extraction],
                     part_chars: int = PART_CHARS) -> Extraction:
    """``extract_part`` on each part of a long document; one Extraction with offsets into the whole text,
    ids numbered through (e1, e2 ... across parts) and each place listed once with all its evidence."""
    check_text_length(document.text)
    whole: Extraction | None = None
    places: dict[tuple, int] = {}  # a place's key -> its index in whole.places
    published = document.published
    for start, end in part_bounds(document.text, part_chars):
        check_budget(f"character {start:,} of {len(document.text):,}")
        part = Document(text=document.text[start:end], id=document.id, title=document.title, published=published,
                        url=document.url, outlet=document.outlet, source=document.source)
        found = extract_part(part)
        published = published or found.published  # a dateline in the first part dates the rest
        if whole is None:
            whole = found
            whole.places = list(found.places)
            for n, p in enumerate(whole.places):
                places.setdefault(_place_key(p), n)
        else:
            _join(whole, found, start, places)
    return whole


def _join(whole: Extraction, extra: Extraction, offset: int, places: dict[tuple, int]) -> None:
    """Add one part's facts (``extra``, its offsets from ``offset``) to ``whole``. The part's records are
    copied as they are moved (never changed: a record may be shared, a gazetteer's place for one)."""
    renamed = {}
    for key in ("events", "claims", "people", "units"):
        taken = len(getattr(whole, key))
        for n, item in enumerate(getattr(extra, key), 1):
            prefix = item.id.rstrip("0123456789") or key[0]
            renamed[item.id] = f"{prefix}{taken + n}"
    move = _Mover(offset, renamed)
    for key in ("events", "claims", "people", "units"):
        getattr(whole, key).extend(move(item) for item in getattr(extra, key))
    whole.notes = list(dict.fromkeys(whole.notes + extra.notes))
    for place in extra.places:
        place = move(place)
        key = _place_key(place)
        known = places.get(key)
        if known is None:
            places[key] = len(whole.places)
            whole.places.append(place)
        else:  # each place once, with the evidence of every part
            first = whole.places[known]
            whole.places[known] = dataclasses.replace(first, evidence=first.evidence + place.evidence)


def _place_key(place: Place) -> tuple:
    return place.geonames_id, place.name


_ID_FIELDS = {"id", "event_id", "unit_id"}
_ID_LISTS = {"claim_ids", "person_ids"}


@lru_cache(maxsize=None)
def _moving_plan(cls: type) -> tuple[tuple[str, str], ...]:
    """What moving a record of ``cls`` changes, field by field: (how, field name), how being "span",
    "spans", "id", "ids", "record" or "records". Nested records with nothing to move (a date, a count) are
    left out: they are shared, not copied. Read once per class from its fields and ``nested``."""
    plan = []
    for f in dataclasses.fields(cls):
        kind = cls.nested.get(f.name)
        if kind is Span:
            plan.append(("span", f.name))
        elif kind == (list, Span):
            plan.append(("spans", f.name))
        elif isinstance(kind, tuple):
            if _moving_plan(kind[1]):
                plan.append(("records", f.name))
        elif kind is not None:
            if _moving_plan(kind):
                plan.append(("record", f.name))
        elif f.name in _ID_FIELDS:
            plan.append(("id", f.name))
        elif f.name in _ID_LISTS:
            plan.append(("ids", f.name))
    return tuple(plan)


class _Mover:
    """One part's records as the whole text's: a copy of each with every character span moved by
    ``offset`` and the ids of its facts, and every reference to them, numbered after the earlier parts'
    (``renamed``). One pass over the records; fields that hold neither are shared, not copied."""

    def __init__(self, offset: int, renamed: dict[str, str]):
        self.offset, self.renamed = offset, renamed

    def __call__(self, record):
        copy = object.__new__(type(record))
        copy.__dict__.update(record.__dict__)
        offset, renamed = self.offset, self.renamed
        for kind, name in _moving_plan(type(record)):
            value = record.__dict__[name]
            if value is None:
                continue
            if kind == "span":
                value = Span(value.start + offset, value.end + offset)
            elif kind == "spans":
                value = [Span(v.start + offset, v.end + offset) for v in value]
            elif kind == "id":
                value = renamed.get(value, value) if isinstance(value, str) else value
            elif kind == "ids":
                value = [renamed.get(v, v) for v in value]
            elif kind == "record":
                value = self(value)
            else:
                value = [self(v) for v in value]
            copy.__dict__[name] = value
        return copy


# --- reading --------------------------------------------------------------------------------------------


def read_at_most(stream: BinaryIO, limit: int, what: str = "file") -> bytes:
    """All of ``stream`` if it holds at most ``limit`` bytes, else TooLarge (having read limit + 1 bytes)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{what} larger than {mib(limit)} (sitrep's limit, see docs/reliability.md)")
    return data


def gzip_bomb(decompressed: int, compressed: int) -> str | None:
    """Why decompression must stop, or None: too much in all, or too much for what was read."""
    if decompressed > MAX_DECOMPRESSED_BYTES:
        return f"decompresses to more than {mib(MAX_DECOMPRESSED_BYTES)} (sitrep's limit)"
    if decompressed > GZIP_RATIO_AFTER and decompressed > MAX_GZIP_RATIO * max(compressed, 1):
        return (f"decompresses more than {MAX_GZIP_RATIO} times its size ({mib(decompressed)} from "
                f"{compressed:,} bytes): a gzip bomb, not text; stopped")
    return None


_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def html_too_deep(markup: str, limit: int = MAX_HTML_DEPTH) -> bool:
    """Does the markup nest elements deeper than ``limit``? (A tag count, not a parse: used only to say
    why a page gave no text.)"""
    depth = 0
    for match in _TAG.finditer(markup):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            if depth > limit:
                return True
    return False
