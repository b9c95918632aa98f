"""Publication dates as sources give them (ISO datetimes, RFC 822, '14 March 2022') -> 'YYYY-MM-DD'.

The date is taken as written, in the publisher's own time zone: a feed item stamped
'Mon, 14 Mar 2022 23:30:00 +0200' was published on the 14th where it was written, so it is not
shifted to UTC. Ambiguous numeric dates ('03/04/2022') give None rather than a guess.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d|Z|[+-]\d)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:$|T\d)")
_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b")
_YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\b")
_DAY_MONTH = re.compile(r"(?:[A-Za-z]+\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY = re.compile(r"(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """English month names and abbreviations (from the C locale's calendar), plus 'sept'."""
    names = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
    names.update({abbr.lower(): n for n, abbr in enumerate(calendar.month_abbr) if abbr})
    names["sept"] = 9
    return names


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric(match: re.Match) -> str | None:
    """d.m.yyyy and d-m-yyyy are day-first; with slashes only an impossible month decides."""
    first, sep, second, year = int(match[1]), match[2], int(match[3]), int(match[4])
    if sep != "/" or first > 12:
        return _day(year, second, first)
    if second > 12:
        return _day(year, first, second)
    return None  # 03/04/2022: March 4th or 3 April? Do not guess.


def _from_string(text: str) -> str | None:
    if m := _ISO.match(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RFC 822 / 2822, as in RSS
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if m := _YEAR_FIRST.match(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(text):
        return _numeric(m)
    months = _months()
    if (m := _DAY_MONTH.match(text)) and m[2].lower() in months:
        return _day(int(m[3]), months[m[2].lower()], int(m[1]))
    if (m := _MONTH_DAY.match(text)) and m[1].lower() in months:
        return _day(int(m[3]), months[m[1].lower()], int(m[2]))
    return None


def normalise_date(value: Any) -> str | None:
    """'YYYY-MM-DD' for a date given as text, datetime, date or time.struct_time; None if unknown."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _day(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    return _from_string(value.strip())
