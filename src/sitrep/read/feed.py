"""RSS and Atom feeds (feedparser): one Document per entry.

The entry's full content (or else its summary) loses its HTML through the html reader's plain-text
path; title, publication date (RFC 822 in RSS, ISO in Atom) and link come along, and the feed's own
title names the outlet. ``Document.source`` is ``path#n``, n counting entries from 1.
"""

from __future__ import annotations

import re

from sitrep.model import Document
from sitrep.read.base import Items, ReadFailure, optional_str
from sitrep.read.dates import normalise_date
from sitrep.read.html import plain_text

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_OTHER_ROOT = re.compile(rb"<[A-Za-z_]")
_CLOSING_ROOT = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)\s*>\s*$")
_CLOSING_ENTRY = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_SNIFF_BYTES = 2048
_CHAR_REFERENCE = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));?")


def looks_like_feed(data: bytes) -> bool:
    """True when the first element of an XML file is <rss>, <feed> or <rdf:RDF>."""
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", data[:_SNIFF_BYTES], flags=re.DOTALL)
    first = _OTHER_ROOT.search(head)
    return bool(first and _FEED_ROOT.match(head, first.start()))


def read_feed(data: bytes, source: str, published: str | None = None) -> Items:
    import feedparser  # imported on first use, like trafilatura: start-up for other inputs stays short

    try:  # bytes, never a str: feedparser would take a str for a URL
        parsed = feedparser.parse(_without_impossible_references(data))
    except Exception as exc:  # noqa: BLE001 - its loose parser's surprises are this file's failure
        yield ReadFailure(source, f"not a readable RSS or Atom feed: {type(exc).__name__}: {exc}")
        return
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # feedparser flags these although the feed was read completely and correctly
    if isinstance(problem, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)):
        problem = None
    if not parsed.entries:
        reason = f"not a readable RSS or Atom feed: {problem}" if problem else "no entries in the feed"
        if not parsed.get("version") and not problem:
            reason = "not an RSS or Atom feed"
        yield ReadFailure(source, reason)
        return
    entries = parsed.entries
    truncated = problem is not None and not _CLOSING_ROOT.search(data.rstrip()[-64:])
    if truncated:
        entries = entries[: len(_CLOSING_ENTRY.findall(data))]  # the last one was cut off mid-way
    outlet = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail"))
    for number, entry in enumerate(entries, 1):
        yield entry_document(entry, f"{source}#{number}", outlet, published)
    if truncated:
        yield ReadFailure(source, f"the feed ends early (truncated?) after {len(entries)} complete entries: {problem}")


def _impossible(match: re.Match) -> bytes:
    hex_digits, decimal = match.groups()
    digits = (hex_digits or decimal).lstrip(b"0")
    too_long = len(digits) > 8  # and int() refuses thousands of digits
    if too_long or (int(hex_digits, 16) if hex_digits else int(decimal)) > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group(0)


def _without_impossible_references(data: bytes) -> bytes:
    """A character reference beyond Unicode ("&#x110000;") made feedparser's loose parser raise
    ValueError and lose the whole feed (found by tests/test_fuzz_read.py): it becomes U+FFFD."""
    return _CHAR_REFERENCE.sub(_impossible, data) if b"&#" in data else data


def entry_document(entry, source: str, outlet: str | None, published: str | None) -> Document | ReadFailure:
    text = _entry_text(entry)
    if not text:
        return ReadFailure(source, "feed entry has no text (no content or summary)")
    return Document(
        text=text,
        title=_plain(entry.get("title"), entry.get("title_detail")),
        published=_entry_date(entry) or published,
        url=optional_str(entry.get("link")),
        outlet=outlet,
        source=source,
    )


def _entry_text(entry) -> str:
    """The longest content block, else the summary, as plain text."""
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        return _plain(best.get("value"), best) or ""
    return _plain(entry.get("summary"), entry.get("summary_detail")) or ""


def _plain(value: str | None, detail) -> str | None:
    """Text of a feed field: HTML fields go through plain_text, plain ones are only stripped."""
    if not value:
        return None
    kind = (detail or {}).get("type") or "text/html"
    return optional_str(plain_text(value) if "html" in kind or "xml" in kind else value)


def _entry_date(entry) -> str | None:
    """The date as the feed wrote it (publisher's time zone); feedparser's UTC tuple as a fallback."""
    for key in ("published", "updated", "created"):
        found = normalise_date(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        found = normalise_date(entry.get(key))
        if found:
            return found
    return None
