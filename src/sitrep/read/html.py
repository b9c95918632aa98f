"""HTML pages: trafilatura finds the article text and its metadata; a plain-text walk is the fallback.

``Document.text`` is the extracted text, so every offset the extractor reports refers to it, not to
the markup. ``plain_text`` is also the path feed entries take to lose their HTML.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from sitrep import limits
from sitrep.model import Document
from sitrep.read.base import Items, ReadFailure, load_table, optional_str
from sitrep.read.dates import normalise_date
from sitrep.read.decode import NotText, decode_bytes

# trafilatura's date search reads dates out of the body text when the page carries no date
# metadata; that finds the date of the *events* ("on 24 February 2022 ..."), not of publication,
# and a wrong publication date misplaces every relative date in the report. So: metadata only.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_SNIFF_BYTES = 4096

# trafilatura logs every page it finds too short at WARNING level; that is its business, not the user's.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML page (used for stdin and files without a suffix)."""
    return bool(_HTML_START.match(data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")))


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in its <meta> tags, if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def read_html(data: bytes, source: str, published: str | None = None, charset: str | None = None) -> Items:
    """One Document from an HTML file's bytes (``charset``: what an HTTP header said, if anything)."""
    try:
        markup = decode_bytes(data, declared=charset or declared_charset(data))
    except NotText as exc:
        yield ReadFailure(source, str(exc))
        return
    yield html_document(markup, source, published)


def html_document(markup: str, source: str, published: str | None = None, url: str | None = None,
                  fallback_date: str | None = None) -> Document | ReadFailure:
    """The main text and metadata of one page.

    ``url`` (e.g. a WARC record's target URI) wins over the page's canonical URL; the page's own date
    wins over ``fallback_date`` (e.g. the crawl date), which wins over ``published``.
    """
    meta = _trafilatura(markup)
    text = meta.text if meta is not None and meta.text and meta.text.strip() else plain_text(markup)
    if not text.strip():
        if limits.html_too_deep(markup):
            return ReadFailure(source, f"HTML nested deeper than {limits.MAX_HTML_DEPTH} elements: its text cannot be read")
        return ReadFailure(source, "no text found in the HTML page")
    page_url = url or (optional_str(meta.url) if meta is not None else None)
    title = optional_str(meta.title) if meta is not None else None
    return Document(
        text=text,
        title=title or page_title(markup),
        published=(normalise_date(meta.date) if meta is not None else None) or normalise_date(fallback_date)
        or published,
        url=page_url,
        outlet=(optional_str(meta.sitename) if meta is not None else None) or _host(page_url),
        source=source,
    )


def _trafilatura(markup: str):
    """trafilatura's main-text extraction with metadata, or None when it finds no article."""
    import trafilatura  # imported on first use: it costs ~0.2 s of start-up that text input never needs

    try:
        return trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except (ValueError, TypeError, AssertionError, lxml.etree.LxmlError):
        # AssertionError: htmldate (trafilatura's date finder) asserts on an element lxml left without a
        # parent, e.g. a page that begins "<svg><p><p>". The plain-text walk still gets the words.
        return None


def _host(url: str | None) -> str | None:
    """The site name when a page does not give one: its host, without 'www.'."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


@lru_cache(maxsize=1)
def _tag_kinds() -> dict[str, str]:
    return {row["tag"]: row["kind"] for row in load_table("html_tags.tsv")}


def _parse(markup: str):
    """An lxml tree for a page or a fragment, or None for markup with nothing in it."""
    if not markup.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)  # no depth cap
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def page_title(markup: str) -> str | None:
    """The <title> of a page, when trafilatura found none."""
    root = _parse(markup)
    if root is None:
        return None
    found = root.find(".//title")
    return optional_str(" ".join(found.text_content().split())) if found is not None else None


def plain_text(markup: str) -> str:
    """Every visible text of a page or fragment, one line per block element, spaces collapsed.

    Scripts, styles and other non-text elements are dropped; nothing else is judged, so navigation
    and footers stay in. This is the fallback when trafilatura finds no article, and the way feed
    entries (HTML fragments) become text.
    """
    root = _parse(markup)
    if root is None:
        return ""
    pieces = _visible_pieces(root, _tag_kinds())
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _visible_pieces(root, kinds: dict[str, str]) -> list[str]:
    """Text pieces in document order with '\\n' at block boundaries (iterative: no recursion limit)."""
    pieces: list[str] = []
    skipping = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        kind = kinds.get(tag, "skip" if not tag else "inline")
        if event == "start":
            if skipping or kind == "skip":
                skipping += 1
                continue
            if kind in ("block", "break"):
                pieces.append("\n")
            if el.text:
                pieces.append(el.text)
            continue
        if skipping:
            skipping -= 1
            if skipping == 0 and el.tail:
                pieces.append(el.tail)  # text after a dropped element is still visible
            continue
        if kind == "block":
            pieces.append("\n")
        if el.tail:
            pieces.append(el.tail)
    return pieces
