"""WARC and WARC.gz (warcio): HTTP responses carrying HTML become Documents through the html module.

The record's target URI is the Document's url and its WARC-Date the fallback publication date (the
page's own date wins). Other records (requests, metadata, images, redirects) are passed over. WET
'conversion' records (plain text) are read as text.

Damage is reported, never silently dropped: gzip is decompressed here rather than by warcio (which
treats a truncated gzip member as a clean end of file), so a file cut short yields the complete
records before the cut and then a ReadFailure naming the file.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from sitrep import limits
from sitrep.model import Document
from sitrep.read.base import Items, ReadFailure, optional_str
from sitrep.read.decode import NotText, decode_bytes
from sitrep.read.gz import MAGIC, SafeGzip
from sitrep.read.html import declared_charset, html_document

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Counted(io.RawIOBase):
    """The bytes warcio reads, counted (its offsets are positions in this stream)."""

    def __init__(self, raw: BinaryIO, gzipped: bool) -> None:
        self._gzip = SafeGzip(raw) if gzipped else None
        self._source = self._gzip or raw
        self.delivered = 0
        self._damage: str | None = None

    @property
    def damage(self) -> str | None:
        return self._damage or (self._gzip.damage if self._gzip else None)

    @damage.setter
    def damage(self, reason: str | None) -> None:
        self._damage = reason

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.delivered

    def readinto(self, buffer) -> int:
        count = self._source.readinto(buffer)
        self.delivered += count or 0
        return count or 0


def read_warc(raw: BinaryIO, source: str, published: str | None = None) -> Items:
    from warcio.archiveiterator import ArchiveIterator  # imported on first use (~0.25 s)

    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    stream = _Counted(raw, gzipped=head == MAGIC)
    records = ArchiveIterator(stream)
    complete_to = 0  # where the last complete record (and the blank lines after it) ends
    kept = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio's parser on a damaged record header
            stream.damage = stream.damage or f"damaged WARC record at byte {complete_to} ({type(exc).__name__}: {exc})"
            break
        try:
            item = _record_item(record, source, published)
        except Exception as exc:  # one undecodable payload (bad content-encoding ...) is that record's failure
            item = ReadFailure(_where(record, source), f"cannot read the record: {type(exc).__name__}: {exc}")
        records.read_to_end()  # drains the record: a short one shows as an unmet length below
        if getattr(record.raw_stream, "limit", 1) > 0:
            stream.damage = stream.damage or f"the file ends inside a record (truncated?) at byte {complete_to}"
            break
        complete_to = records.offset
        if item is not None:
            kept += isinstance(item, Document)
            yield item
    if stream.damage is None and stream.delivered > complete_to:
        stream.damage = f"the file ends inside a record (truncated?) at byte {complete_to}"
    if stream.damage:
        yield ReadFailure(source, f"{stream.damage}; {kept} documents read before it")


def _record_item(record, source: str, published: str | None) -> Document | ReadFailure | None:
    """A Document for an HTML response (or WET text), None for records that carry no report."""
    kind = _payload_kind(record)
    if kind is None:
        return None
    where = _where(record, source)
    payload = limits.read_at_most(record.content_stream(), limits.MAX_RECORD_BYTES, "record")
    url = optional_str(record.rec_headers.get_header("WARC-Target-URI"))
    crawled = record.rec_headers.get_header("WARC-Date")
    if kind == "text":
        try:
            text = decode_bytes(payload)
        except NotText as exc:
            return ReadFailure(where, str(exc))
        if not text.strip():  # else every empty WET record became an empty stored report (fuzz finding)
            return ReadFailure(where, "no text in the conversion record")
        return Document(text=text, url=url, published=published, source=where)
    charset = _http_charset(record)
    try:
        markup = decode_bytes(payload, declared=charset or declared_charset(payload))
    except NotText as exc:
        return ReadFailure(where, str(exc))
    return html_document(markup, where, published, url=url, fallback_date=crawled)


def _where(record, source: str) -> str:
    """``path#urn:uuid:...``: the file and the record's WARC-Record-ID."""
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    return f"{source}#{record_id}" if record_id else source


def _payload_kind(record) -> str | None:
    """'html' for a successful HTML response, 'text' for a WET conversion, else None."""
    if record.rec_type == "conversion":
        content_type = record.rec_headers.get_header("Content-Type") or ""
        return "text" if content_type.startswith("text/plain") else None
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or not content_type.startswith(_HTML_TYPES):
        return None
    return "html"


def _http_charset(record) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
