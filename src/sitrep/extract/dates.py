"""Date expressions, absolute and relative, resolved against the publication date.

Tokens that can anchor an expression (a number, a month or weekday name, "yesterday", "ago", "war" ...)
are found with one vectorised look-up over spaCy's token table (no regex scan of the whole text); at each
such token the patterns of the kinds it can anchor (built from the ``lexicons/dates_*.tsv`` data) are
matched at that token and a few tokens before it, the longest match wins, and a small resolver per kind
turns it into ISO dates. Relative expressions ("yesterday",
"last Tuesday", "earlier this week", "the first days of the war") need a reference date: the publication
date, or, when that is unknown, the date the document gives itself near its top (a press-release dateline,
``find_dateline``). With no reference at all, a relative expression (or a day without a year) is still
reported, with ``start``/``end`` None and ``attrs["resolved"] = False``, so later stages keep the evidence
but never invent a date.

Public: ``find_dates(ctx)``, ``find_dateline(ctx)``, ``in_dateline(text, span)``, ``parse_date_text(text, published)``.
dateparser is used only by ``parse_date_text`` as a last resort for one string in an unusual format.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from sitrep.extract.context import Context, tokenizer
from sitrep.extract.counts import in_sorted, parse_number, token_table
from sitrep.lexicons import load_table
from sitrep.model import DateRef, Mention, Span
from sitrep.text import alternation

# How much of the top of a document may hold its dateline ("KABUL, Afghanistan (Jan. 10, 2011) –").
_DATELINE_CHARS = 600
_MIN_YEAR, _MAX_YEAR = 1900, 2099


# --- data ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Title- and upper-case forms of month names and abbreviations (upper case for headlines)."""
    out: dict[str, int] = {}
    for row in load_table("dates_months.tsv"):
        out[row["name"]] = out[row["name"].upper()] = int(row["month"])
    return out


@lru_cache(maxsize=1)
def _full_months() -> tuple[str, ...]:
    rows = [r["name"] for r in load_table("dates_months.tsv") if r["full"] == "yes"]
    return tuple(rows + [r.upper() for r in rows])


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    out: dict[str, int] = {}
    for row in load_table("dates_weekdays.tsv"):
        out[row["name"]] = out[row["name"].upper()] = int(row["weekday"])
    return out


@lru_cache(maxsize=1)
def _relative() -> dict[str, tuple[str, int]]:
    return {r["phrase"].lower(): (r["rule"], int(r["offset"])) for r in load_table("dates_relative.tsv")}


@lru_cache(maxsize=1)
def _prepositions() -> dict[str, str]:
    return {r["word"].lower(): r["mode"] for r in load_table("dates_prepositions.tsv")}


@dataclass(frozen=True)
class _Anchor:
    term: str
    start: date
    name: str
    keywords: re.Pattern[str]


@lru_cache(maxsize=1)
def _anchors() -> tuple[_Anchor, ...]:
    return tuple(
        _Anchor(r["term"].lower(), date.fromisoformat(r["date"]), r["name"], re.compile(rf"\b(?:{r['keywords']})\b"))
        for r in load_table("dates_anchors.tsv")
    )


@lru_cache(maxsize=1)
def _anchor_periods() -> dict[str, tuple[int, str]]:
    return {r["period"]: (int(r["days"]), r["precision"]) for r in load_table("dates_anchor_periods.tsv")}


@lru_cache(maxsize=1)
def _number_word_alternation() -> str:
    words = [r["word"] for r in load_table("counts_number_words.tsv") if r["kind"] in ("unit", "teen", "ten")]
    return alternation(words, space=" ")


# --- the patterns ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _patterns() -> dict[str, str]:
    """One regular expression per kind of expression (groups unnamed; the resolvers know their order)."""
    months = _months()
    abbreviated = [m for m in months if m not in _full_months()]
    # a month ends its word: "the 30th Separate Brigade" holds no "30th Sep"
    month_any = "(" + alternation(_full_months()) + r"(?![A-Za-z])|(?:" + alternation(abbreviated) + r")(?![A-Za-z])\.?)"
    month_full = "(" + alternation(_full_months()) + ")"
    ordinal = r"(?:st|nd|rd|th)?"
    day = r"(\d{1,2})" + ordinal + r"(?!\d)"
    to = r"\s*(?:-|–|to|and|into)\s*"
    night = r"(?:(?:[Oo]n\s+)?the\s+night\s+of\s+)?"
    year = r"((?:19|20)\d{2})(?![\d,.]\d|\d)"
    preps = [p for p, mode in _prepositions().items() if mode != "part"]
    parts = [p for p, mode in _prepositions().items() if mode == "part" and " " not in p]
    part_phrases = [p for p, mode in _prepositions().items() if mode == "part" and " " in p]
    prep = "(?i:(" + alternation(preps) + "))"
    part = "(?i:(" + alternation(parts) + r")(?:\s+|-)|(" + alternation(part_phrases) + r")\s+)"
    weekdays = "(" + alternation(_weekdays()) + ")"
    number = r"(\d{1,3}|" + _number_word_alternation() + r"|an?|a\s+few|several|a\s+couple\s+of)"
    terms = r"(full[-\s]scale\s+invasion|invasion|war|conflict)"
    return {
        "iso": r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])",
        "numeric": r"(?<![\w.])(\d{1,2})(?P<sep>[./])(\d{1,2})(?P=sep)(\d{4})(?![\w]|\.\d)",
        "dmy": night + r"(?:[Tt]he\s+)?(?<![\w.,])" + day + r"(?:" + to + day + r")?\s+(?:of\s+)?" + month_any + r"(?:,?\s+" + year + ")?",
        "mdy": night + month_any + r"\s+" + day + r"(?:" + to + day + r")?(?:,?\s+" + year + ")?",
        "my": r"(?:" + part + r")?" + month_any + r"\s+(?:of\s+)?" + year,
        "year": r"(?<![\w-])(?:" + prep + r"\s+)?(?:" + part + r")?" + year + r"(?![\w-])",
        "month": r"(?<![\w-])(?:" + prep + r"\s+)?(?:" + part + r")?" + month_full + r"\b(?!\s+(?:of\s+)?\d)",
        "weekday": r"(?<![\w-])(?:(?i:(last|this|next|on|past|early|late))\s+)?" + weekdays
        + r"(?:'s)?\b(?:\s+(?i:(morning|afternoon|evening|night)))?",
        "relative": r"(?<![\w-])(?i:(" + alternation(_relative()) + r"))\b",
        # "on the 14th": a day of the month alone, where no month and no noun follows ("the 14th floor")
        "day_only": r"(?<![\w-])(?:[Oo]n\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)(?=\s*[,.;:)]|\s*$|\s+(?:when|as|and|at|in|near|after|"
        r"before|during|while|with|around|from|amid|following|but)\b)",
        "ago": r"(?<![\w-])(?i:" + number + r"\s+(days?|weeks?|months?|years?)\s+ago)\b",
        "past": r"(?<![\w-])(?i:(?:the\s+)?(?:past|last|previous)\s+" + number + r"\s+(hours|days|weeks|months|years))\b",
        "anchor": r"(?<![\w-])(?i:(?:the\s+)?(first|opening|early|initial)\s+(hours|days?|weeks?|months?)\s+of\s+"
        r"(?:the\s+)?" + terms + r"|(since|from|at)\s+the\s+(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?"
        + terms + r"|(since)\s+the\s+" + terms + r"(?:\s+(?:began|started))?)\b",
    }


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    return {kind: re.compile(p) for kind, p in _patterns().items()}


# --- public API ------------------------------------------------------------------------------------


def find_dates(ctx: Context) -> list[Mention]:
    """Every date expression in the text, resolved against the publication date (or the dateline)."""
    reference = ctx.published
    if reference is None:
        dateline = find_dateline(ctx)
        if dateline is not None and dateline.start is not None:
            reference = date.fromisoformat(dateline.start)
    elif not _MIN_YEAR <= reference.year <= _MAX_YEAR:
        # "next year" after 9999-12-31 is no date at all; nor is a report of year 1 about this war
        ctx.notes.append(f"publication date {reference.isoformat()} is outside the years sitrep resolves dates in "
                         f"({_MIN_YEAR}-{_MAX_YEAR}): relative dates (yesterday, last week) are left unresolved")
        reference = None
    return _find(ctx.text, reference, ctx.doc)


def find_dateline(ctx: Context) -> DateRef | None:
    """The date a press release gives itself near its top: the first full day-precision date in the first
    few hundred characters ("KABUL, Afghanistan (Jan. 10, 2011)"). A dateline without a year ("(June 14)")
    takes the publication year, else a year written nearby in the header (a release number "2012-06-S-026")."""
    head = ctx.text[:_DATELINE_CHARS]
    year_hint = ctx.published.year if ctx.published else _header_year(head)
    doc = ctx.doc if ctx.doc is not None else tokenizer()(ctx.text)
    for core_start, core_end, kinds, starts in _cores(doc, ctx.text):
        if core_end > _DATELINE_CHARS:
            break
        day_kinds = tuple(k for k in kinds if k in _DAY_KINDS)
        found = _longest(head, core_start, core_end, day_kinds, starts, None) if day_kinds else None
        if found is None or found[1].precision != "day":
            continue
        kind, ref, span = found
        if _narrative_word_before(head, span.start):
            continue  # "On 24 February 2022 Russia invaded": an event date, not the dateline
        if ref.start is None and year_hint is not None:
            ref = _absolute_day_with_year(kind, head, span.start, year_hint) or ref
        return ref
    return None


_DAY_KINDS = ("iso", "numeric", "dmy", "mdy")

# a dateline's head: a place in capitals at the start of a line, maybe a country or region after a comma
# ("KHARKIV, ", "KYIV/MOSCOW, ", "AVDIIVKA, Ukraine, ", "KABUL, Afghanistan (")
_DATELINE_HEAD = re.compile(r"(?:^|[\n\u2028\u2029])[ \t\xa0]*[A-Z][A-Z'’./ -]*[A-Z.],(?:[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*,?)?[ \t]*\(?$")
# and its tail: an outlet in brackets, then a dash ("May 5 (Reuters) –", "Jan. 10, 2011) -", "June 23 —")
_DATELINE_TAIL = re.compile(r"\)?[ \t]*(?:\([^()\n]{1,60}\)[ \t]*)?[-–—]")


def in_dateline(text: str, span: Span) -> bool:
    """Whether a date is a dateline's ("KHARKIV, May 5 (Reuters) – ..."): the date the report gives itself,
    which dates the report, not the events it tells."""
    if span.start > _DATELINE_CHARS:
        return False
    head = text[max(0, span.start - 80) : span.start]
    return _DATELINE_HEAD.search(head) is not None and _DATELINE_TAIL.match(text, span.end) is not None


def _narrative_word_before(text: str, start: int) -> bool:
    words = text[max(0, start - 12) : start].split()
    return bool(words) and words[-1].lower() in _dateline_blockers()


@lru_cache(maxsize=1)
def _dateline_blockers() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in load_table("dates_dateline_blockers.tsv"))


def parse_date_text(text: str, published: date | None = None) -> DateRef | None:
    """One date string ("2011-01-10", "Jan. 10, 2011", "14.08.2020", "yesterday", "1/22/2014 12:00:00 AM")
    as a DateRef, resolved against ``published`` where it is relative. None if no date is found."""
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    us = _US_SLASH.match(text)
    if us:  # data exports: "1/22/2014 12:00:00 AM" is month first
        return _day_ref(int(us.group(3)), int(us.group(1)), int(us.group(2)), text.strip())
    found = _find(text, published)
    if found:
        best = max(found, key=lambda m: (len(m.span), -m.span.start))
        return best.value
    bare = text.strip()
    if _COMPACT_DATE.fullmatch(bare):  # 20220224
        return _day_ref(int(bare[:4]), int(bare[4:6]), int(bare[6:]), bare)
    if _YEAR_ONLY.fullmatch(bare):  # a year column: "2014"
        return DateRef(f"{bare}-01-01", f"{bare}-12-31", "year", bare)
    if not _DATE_LIKE.search(bare):
        return None  # a lone number is not a date; dateparser would make one up
    return _dateparser_fallback(text, published)


_COMPACT_DATE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")
_DATE_LIKE = re.compile(r"[A-Za-z]{3}|\d[-./]\d")


_US_SLASH = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M\s*$", re.I)


# --- finding ---------------------------------------------------------------------------------------


def _find(text: str, reference: date | None, doc=None) -> list[Mention]:
    out: list[Mention] = []
    if doc is None:
        doc = tokenizer()(text)
    consumed = 0
    for core_start, core_end, kinds, starts in _cores(doc, text):
        if core_start < consumed:
            continue
        found = _longest(text, core_start, core_end, kinds, starts, reference)
        if found is None:
            continue
        kind, ref, span = found
        if kind in _SINCE_KINDS:
            ref, span = _with_since(text, ref, span, reference)
        attrs = {"kind": _KIND_CLASS[kind], "resolved": ref.start is not None, "day": _best_day(kind, ref)}
        if kind == "relative":
            rule, offset = _relative()[" ".join(text[span.start : span.end].lower().split())]
            if rule in _DAY_RULES:
                # days from the reference: a later stage may count them from another day the text names
                # ("the ministry said on Tuesday that ... overnight"); "the previous day" needs such a day
                attrs["shift"] = offset
                attrs["anchored"] = rule == "anchored_day"
        out.append(Mention("date", span, ref, attrs))
        consumed = span.end
    return out


# relative expressions naming one day (or night) a fixed number of days from the reference
_DAY_RULES = ("day", "night", "night_ending", "anchored_day")


def night_began(ref: DateRef | None) -> str | None:
    """For a day dated by a night that ended on it ("overnight": coded on the day the night ended), the day
    the night began, where an operation told of so started; None for any other date."""
    if ref is None or ref.start is None or ref.precision != "day":
        return None
    if _relative().get(" ".join((ref.text or "").lower().split()), ("",))[0] != "night_ending":
        return None
    return (date.fromisoformat(ref.start[:10]) - timedelta(days=1)).isoformat()


def period_ended(ref: DateRef | None) -> str | None:
    """For a date told as a span of days up to the report ("in the past 24 hours", "over the last two
    days"), the day the span ended, where a coder who dates a summary by its report dates it; None for any
    other date."""
    if ref is None or ref.end is None:
        return None
    if _relative().get(" ".join((ref.text or "").lower().split()), ("",))[0] != "past_days":
        return None
    return ref.end[:10]


def _best_day(kind: str, ref: DateRef) -> str | None:
    """The single day an event dated by this expression most likely fell on, for day-precision dates:
    the start ("last night" is the evening before; "3 to 4 March" begins on the 3rd; "over the past day" is
    the day before the report), except for "overnight", which is coded on the day the night ended."""
    if ref.precision != "day" or ref.start is None:
        return None
    if kind == "relative" and _relative().get(" ".join((ref.text or "").lower().split()), ("",))[0] == "night_ending":
        return ref.end
    return ref.start


def _cores(doc, text: str):
    """Tokens that can anchor a date expression (a digit, a month or weekday name, "yesterday", "ago",
    "war" ...), found by one vectorised look-up over spaCy's token table; with each, the kinds of expression
    to try and the token starts (this one and a few before it, on the same line) where the expression may
    begin."""
    if len(doc) == 0:
        return
    kinds_by_hash, digit_hashes, core_hashes = _core_table(doc.vocab.strings)
    table = token_table(doc)
    mask = in_sorted(table[:, 0], core_hashes) | in_sorted(table[:, 1], digit_hashes)
    for i in np.flatnonzero(mask).tolist():
        token = doc[i]
        kinds, back = kinds_by_hash.get(token.lower, _DIGIT_KINDS)
        start = token.idx
        if kinds is _DIGIT_KINDS[0] and not _digits_may_be_date(token.text, text, start + len(token)):
            continue
        starts = []
        for j in range(max(0, i - back), i):
            before = doc[j]
            s = before.idx
            if "\n" not in text[s:start] and "\u2028" not in text[s:start]:
                starts.append((s, before.lower_))
        starts.append((start, token.lower_))
        yield start, start + len(token), kinds, starts


def _longest(text, core_start, core_end, kinds, starts, reference):
    """The longest expression of the given kinds that begins at one of ``starts`` and covers the core
    token, resolved; None if none resolves."""
    candidates = []
    first_words = _first_words()
    for kind in kinds:
        pattern = _compiled()[kind]
        openers = first_words[kind]
        for st, word in starts:  # earliest first: the first that fits is the longest for this kind
            if st != core_start and word not in openers and not (word[:1].isdigit() and "#" in openers):
                continue  # this word cannot begin this kind of expression: skip the regex call
            m = pattern.match(text, st)
            if m is not None and m.end() >= core_end:
                candidates.append((m.end() - m.start(), -m.start(), kind, m))
                break
    for _, _, kind, m in sorted(candidates, key=lambda c: (c[0], c[1]), reverse=True):
        try:
            ref = _RESOLVERS[kind](m, reference, text)
        except (OverflowError, ValueError):
            ref = None  # "300000 years ago", "in 90000 days": arithmetic past the calendar names no date
        if ref is not None:
            span = Span(m.start(), m.end())
            ref.text = text[span.start : span.end]
            return kind, ref, span
    return None


@lru_cache(maxsize=1)
def _first_words() -> dict[str, frozenset[str]]:
    """Per kind, the (lower-case) words an expression of that kind can begin with before its core token;
    "#" stands for any number. Derived from the same lexicons as the patterns."""
    preps = set(_prepositions())
    part_words = {p.split()[0] for p in preps}
    months = {m.lower() for m in _months()} | {m.lower() + "." for m in _months()}
    numbers = {r["word"] for r in load_table("counts_number_words.tsv") if r["kind"] in ("unit", "teen", "ten")}
    night = {"on", "the"}
    out = {
        "iso": set(), "numeric": set(),
        "dmy": night | {"#"},
        "mdy": night | months,
        "my": part_words | months,
        "year": part_words | {"#"},
        "month": part_words | months,
        "weekday": {"last", "this", "next", "on", "past", "early", "late"} | {w.lower() for w in _weekdays()},
        "relative": {p.split()[0] for p in _relative()},
        "day_only": {"on", "the"},
        "ago": numbers | {"a", "an", "several", "#"},
        "past": {"the", "past", "last", "previous"},
        "anchor": {"the", "first", "opening", "early", "initial", "since", "from", "at"},
    }
    return {kind: frozenset(words) for kind, words in out.items()}


# after a day number: an ordinal, maybe a second day, then a capitalised word (the month)
_DAY_THEN_WORD = re.compile(r"(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and|into)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?[A-Z]")


def _digits_may_be_date(token: str, text: str, end: int) -> bool:
    """Cheap filter before trying the date patterns at a number: a year, a dotted/slashed/ISO date, or a
    day followed by a month name may be a date; "55", "20,000" and release numbers are not."""
    head = token.split("-")[0]
    if len(head) == 4 and head.isdigit():
        return True
    if _ORDINAL_DAY.fullmatch(token) and text[max(0, end - len(token) - 4) : end - len(token)] == "the ":
        return True  # "on the 14th"
    if "." in token or "/" in token:
        return True
    digits = len(token) - len(token.lstrip("0123456789"))
    return digits <= 2 and _DAY_THEN_WORD.match(text, _after_digits(token, end)) is not None


def _after_digits(token: str, end: int) -> int:
    """Where the text after the leading digits of a token begins ("28th" → after "28")."""
    digits = len(token) - len(token.lstrip("0123456789"))
    return end - len(token) + digits


# kinds tried at a token starting with a digit, and how many tokens back the expression may begin
_DIGIT_KINDS = (("iso", "numeric", "dmy", "year", "day_only"), 5)
_ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)")


@lru_cache(maxsize=4)
def _core_table(strings):
    """hash of a core word -> (kinds to try, tokens back); hashes of the digits; all core hashes."""
    table: dict[int, tuple[tuple[str, ...], int]] = {}

    def add(word: str, kinds: tuple[str, ...], back: int) -> None:
        h = strings.add(word.lower())
        old_kinds, old_back = table.get(h, ((), 0))
        table[h] = (old_kinds + tuple(k for k in kinds if k not in old_kinds), max(back, old_back))

    for name in _months():
        add(name, ("mdy", "my", "month"), 5)
        add(name + ".", ("mdy", "my"), 5)
    for name in _weekdays():
        add(name, ("weekday",), 1)
        add(name + "'s", ("weekday",), 1)
    for phrase in _relative():
        add(phrase.split()[-1], ("relative",), len(phrase.split()) - 1)
    for unit in ("hours", "days", "weeks", "months", "day", "week", "month", "year", "years"):
        add(unit, ("past",), 4)
    add("ago", ("ago",), 5)
    for term in ("war", "invasion", "conflict"):
        add(term, ("anchor",), 9)
    digits = np.array(sorted(strings.add(str(d)) for d in range(10)), dtype=np.uint64)
    return table, digits, np.array(sorted(table), dtype=np.uint64)


_SINCE_KINDS = ("iso", "numeric", "dmy", "mdy", "my")
_SINCE_BEFORE = re.compile(r"(?<![\w-])[Ss]ince\s+$")


def _with_since(text: str, ref: DateRef, span: Span, reference: date | None) -> tuple[DateRef, Span]:
    """ "since 24 February", "since March 2022": from that date up to the publication date."""
    m = _SINCE_BEFORE.search(text, max(0, span.start - 8), span.start)
    if m is None:
        return ref, span
    span = Span(m.start(), span.end)
    end = reference.isoformat() if reference is not None and ref.start and reference.isoformat() >= ref.start else None
    return DateRef(ref.start, end, ref.precision, text[span.start : span.end]), span


_KIND_CLASS = {
    "iso": "absolute", "numeric": "absolute", "dmy": "absolute", "mdy": "absolute", "my": "absolute",
    "year": "absolute", "month": "absolute", "weekday": "relative", "relative": "relative",
    "ago": "relative", "past": "relative", "anchor": "anchor", "day_only": "relative",
}


# --- resolvers (one per kind) ----------------------------------------------------------------------


def _iso(m, ref, document):
    return _day_ref(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _numeric(m, ref, document):
    # day first (European and wire usage); month first only where the day-first reading is impossible
    first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    return _day_ref(year, second, first) or _day_ref(year, first, second)


def _dmy(m, ref, document):
    return _day_month(int(m.group(1)), int(m.group(2)) if m.group(2) else None, m.group(3), m.group(4), ref)


def _mdy(m, ref, document):
    return _day_month(int(m.group(2)), int(m.group(3)) if m.group(3) else None, m.group(1), m.group(4), ref)


def _day_month(day1: int, day2: int | None, month_name: str, year: str | None, ref: date | None):
    month = _months()[month_name.rstrip(".")]
    if year:
        y = int(year)
    elif ref is not None:
        y = _year_not_after(month, day1, ref)
    else:
        return DateRef(None, None, "day") if _valid(2000, month, day1) else None  # leap days: any leap year
    start = _safe_date(y, month, day1)
    if start is None:
        return None
    end = start
    if day2 is not None:
        end = _safe_date(y, month, day2)
        if end is None or end < start:
            return None
    return DateRef(start.isoformat(), end.isoformat(), "day")


def _my(m, ref, document):
    month = _months()[m.group(3).rstrip(".")]
    year = int(m.group(4))
    return _month_ref(year, month)


def _year(m, ref, document):
    prep, part_word, part_phrase, year = m.group(1), m.group(2), m.group(3), int(m.group(4))
    if not (prep or part_word or part_phrase):
        return None  # a bare four-digit number is too often a count or an id
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    start, end = date(year, 1, 1), date(year, 12, 31)
    if prep and _prepositions().get(prep.lower()) == "since":
        if ref is None or ref < start:
            return DateRef(start.isoformat(), None, "year")
        end = ref
    return DateRef(start.isoformat(), end.isoformat(), "year")


def _month(m, ref, document):
    prep, part_word, part_phrase, name = m.group(1), m.group(2), m.group(3), m.group(4)
    if not (prep or part_word or part_phrase):
        return None  # "June" alone may be a name; "in June", "since June", "mid-June" are dates
    month = _months()[name]
    if ref is None:
        return DateRef(None, None, "month")
    year = ref.year if month <= ref.month else ref.year - 1
    out = _month_ref(year, month)
    if prep and _prepositions().get(prep.lower()) == "since":
        out.end = ref.isoformat()
    return out


def _weekday(m, ref, document):
    modifier = (m.group(1) or "").lower()
    weekday = _weekdays()[m.group(2)]
    if ref is None:
        return DateRef(None, None, "day")
    if modifier == "next":
        delta = (weekday - ref.weekday()) % 7 or 7
        day = ref + timedelta(days=delta)
    else:
        # the most recent such day up to publication: in press releases "Wednesday" in a Wednesday release
        # is that same day (5 of 6 such ISAF releases); "last Wednesday" then means the week before
        delta = (ref.weekday() - weekday) % 7
        if delta == 0 and modifier in ("last", "past"):
            delta = 7
        day = ref - timedelta(days=delta)
    return DateRef(day.isoformat(), day.isoformat(), "day")


def _day_only(m, ref, document):
    """ "on the 14th": the latest 14th not after the reference date."""
    day = int(m.group(1))
    if not 1 <= day <= 31:
        return None
    if ref is None:
        return DateRef(None, None, "day")
    year, month = ref.year, ref.month
    for _ in range(12):
        if _valid(year, month, day) and (year, month, day) <= (ref.year, ref.month, ref.day):
            return _day_ref(year, month, day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _relative_fixed(m, ref, document):
    rule, offset = _relative()[" ".join(m.group(1).lower().split())]
    if ref is None:
        return DateRef(None, None, _RULE_PRECISION[rule])
    return _apply_rule(rule, offset, ref)


_RULE_PRECISION = {
    "day": "day", "anchored_day": "day", "night": "day", "night_ending": "day", "week": "week", "week_to_date": "week", "month": "month",
    "month_to_date": "month", "year": "year", "year_to_date": "year", "past_days": "day", "weekend": "week",
}


def _apply_rule(rule: str, offset: int, ref: date) -> DateRef:
    if rule in ("day", "anchored_day"):
        d = ref + timedelta(days=offset)
        return DateRef(d.isoformat(), d.isoformat(), "day")
    if rule == "night":
        d = ref + timedelta(days=offset)
        return DateRef(d.isoformat(), (d + timedelta(days=1)).isoformat(), "day")
    if rule == "night_ending":
        d = ref + timedelta(days=offset)
        return DateRef((d - timedelta(days=1)).isoformat(), d.isoformat(), "day")
    if rule == "past_days":
        precision = "day" if offset <= 2 else "week" if offset <= 7 else "month"
        return DateRef((ref - timedelta(days=offset)).isoformat(), ref.isoformat(), precision)
    if rule == "weekend":
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)  # the last Saturday, or the day itself
        if offset < 0 and ref.weekday() >= 5:
            saturday -= timedelta(weeks=1)  # "last weekend" said at a weekend is the one before it
        return DateRef(saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "week")
    if rule in ("week", "week_to_date"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        end = ref if rule == "week_to_date" else monday + timedelta(days=6)
        return DateRef(monday.isoformat(), end.isoformat(), "week")
    if rule in ("month", "month_to_date"):
        year, month = divmod(ref.year * 12 + ref.month - 1 + offset, 12)
        out = _month_ref(year, month + 1)
        if rule == "month_to_date":
            out.end = ref.isoformat()
        return out
    year = ref.year + offset
    end = ref if rule == "year_to_date" else date(year, 12, 31)
    return DateRef(date(year, 1, 1).isoformat(), end.isoformat(), "year")


def _ago(m, ref, document):
    n = _amount(m.group(1))
    unit = m.group(2).lower().rstrip("s")
    if n is None:
        return None
    precision = unit if unit in ("day", "week", "month", "year") else "day"
    if ref is None:
        return DateRef(None, None, precision)
    d = _shift(ref, unit, -n)
    return DateRef(d.isoformat(), d.isoformat(), precision)


def _past(m, ref, document):
    n = _amount(m.group(1))
    unit = m.group(2).lower().rstrip("s")
    if n is None:
        return None
    if unit in ("hour", "day", "week"):
        precision = "day" if unit != "week" and n <= 7 else "week"
    else:
        precision = unit  # month, year
    if ref is None:
        return DateRef(None, None, precision)
    start = ref - timedelta(days=max(1, n // 24)) if unit == "hour" else _shift(ref, unit, -n)
    return DateRef(start.isoformat(), ref.isoformat(), precision)


def _anchor(m, ref, document):
    if m.group(1):  # "the first days of the war"
        period, term = m.group(2).lower(), m.group(3)
        days, precision = _anchor_periods()[period]
        anchor = _pick_anchor(term, ref, document)
        if anchor is None:
            return DateRef(None, None, precision)
        return DateRef(anchor.isoformat(), (anchor + timedelta(days=days)).isoformat(), precision)
    since = (m.group(4) or m.group(6) or "").lower() == "since"
    term = m.group(5) or m.group(7)
    anchor = _pick_anchor(term, ref, document)
    if anchor is None:
        return DateRef(None, None, "day")
    end = ref if since and ref is not None else anchor
    return DateRef(anchor.isoformat(), end.isoformat(), "day")


def _pick_anchor(term: str, ref: date | None, document: str) -> date | None:
    """The war the text is about: an anchor for this word whose keywords occur, the latest one not after
    the reference date; if the text names no war's keywords, the latest anchor for the word not after the
    reference date. Without a reference date the phrase is not resolved."""
    if ref is None:
        return None
    key = "full-scale invasion" if "full" in term.lower() else term.lower()
    possible = [a for a in _anchors() if a.term == key and a.start <= ref]
    fitting = [a for a in possible if a.keywords.search(document)] or possible
    return max(fitting, key=lambda a: a.start).start if fitting else None


_RESOLVERS = {
    "iso": _iso, "numeric": _numeric, "dmy": _dmy, "mdy": _mdy, "my": _my, "year": _year, "month": _month,
    "weekday": _weekday, "relative": _relative_fixed, "day_only": _day_only, "ago": _ago, "past": _past, "anchor": _anchor,
}


# --- small date helpers ----------------------------------------------------------------------------


def _valid(y: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, month)[1]


def _safe_date(y: int, month: int, day: int) -> date | None:
    return date(y, month, day) if _MIN_YEAR <= y <= _MAX_YEAR and _valid(y, month, day) else None


def _day_ref(y: int, month: int, day: int, text: str | None = None) -> DateRef | None:
    d = _safe_date(y, month, day)
    return DateRef(d.isoformat(), d.isoformat(), "day", text) if d else None


def _month_ref(year: int, month: int) -> DateRef:
    last = calendar.monthrange(year, month)[1]
    return DateRef(date(year, month, 1).isoformat(), date(year, month, last).isoformat(), "month")


def _year_not_after(month: int, day: int, ref: date) -> int:
    """A day without a year: the publication year, or the year before if that would be after publication."""
    if (month, day) > (ref.month, ref.day):
        return ref.year - 1
    return ref.year


def _shift(ref: date, unit: str, n: int) -> date:
    if unit == "day":
        return ref + timedelta(days=n)
    if unit == "week":
        return ref + timedelta(weeks=n)
    months = n if unit == "month" else 12 * n
    year, month = divmod(ref.year * 12 + ref.month - 1 + months, 12)
    month += 1
    return date(year, month, min(ref.day, calendar.monthrange(year, month)[1]))


def _amount(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w in ("a", "an"):
        return 1
    if w in ("a few", "several", "a couple of"):
        return 3 if w != "a couple of" else 2  # the nearest reading; precision is coarse anyway
    return parse_number(w)


_HEADER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _header_year(head: str) -> int | None:
    m = _HEADER_YEAR.search(head)
    return int(m.group(1)) if m else None


def _absolute_day_with_year(kind: str, text: str, pos: int, year: int) -> DateRef | None:
    """Resolve a year-less day ("June 14") in a dateline with a year found in the header."""
    m = _compiled()[kind].match(text, pos)
    if m is None or kind not in ("dmy", "mdy"):
        return None
    day1, day2, name = (m.group(1), m.group(2), m.group(3)) if kind == "dmy" else (m.group(2), m.group(3), m.group(1))
    out = _day_month(int(day1), int(day2) if day2 else None, name, str(year), None)
    if out is not None:
        out.text = text[m.start() : m.end()]
    return out


def _dateparser_fallback(text: str, published: date | None) -> DateRef | None:
    """Last resort for a single odd-format string; dateparser is slow (milliseconds), so never in a scan."""
    import datetime as _dt

    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = _dt.datetime(published.year, published.month, published.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on junk; junk is simply not a date
        return None
    if parsed is None:
        return None
    d = parsed.date()
    return DateRef(d.isoformat(), d.isoformat(), "day", text.strip())
