"""Which reader reads what: files by suffix (a trailing .gz is undone first), folders recursively in
sorted order, ``-`` for standard input. Every reader is guarded, so one bad file never stops a run."""

from __future__ import annotations

import os
import sys
from typing import Any, BinaryIO, Iterable, Iterator

from sitrep import limits
from sitrep.read.base import Items, ReadFailure
from sitrep.read.csv import check_columns, read_csv
from sitrep.read.dates import normalise_date
from sitrep.read.feed import looks_like_feed, read_feed
from sitrep.read.gz import SafeGzip, open_gzip
from sitrep.read.html import looks_like_html, read_html
from sitrep.read.jsonl import read_jsonl
from sitrep.read.text import read_text
from sitrep.read.warc import read_warc

# suffix -> format. Each may also be gzipped (name.jsonl.gz ...); .warc.gz is the usual crawl form.
FORMATS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".rss": "feed", ".atom": "feed", ".xml": "xml",
    ".warc": "warc",
}
SUPPORTED_SUFFIXES = tuple(FORMATS) + (".warc.gz",)
STDIN_SOURCE = "<stdin>"


def format_of(path: str) -> tuple[str | None, bool]:
    """(format, gzipped) from a file name; format None when the suffix is not one we know."""
    name = path.lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    return FORMATS.get(os.path.splitext(name)[1]), gzipped


def iter_folder(folder: str) -> Iterator[str]:
    """Readable files under ``folder``, recursively, sorted by path; hidden files and folders skipped."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and format_of(name)[0] is not None:
                found.append(os.path.join(dirpath, name))
    return iter(sorted(found, key=lambda p: os.path.relpath(p, folder).split(os.sep)))


def read_inputs(paths: Iterable[str], published: str | None = None,
                csv_columns: dict | None = None) -> Iterator[Any]:
    """Documents (or ReadFailures) from files, folders and ``-`` (stdin), in the order given.

    ``published`` (YYYY-MM-DD) dates inputs that carry no date of their own; ``csv_columns`` maps
    Document fields to CSV column names ({"text": "body", "date": "event_date"}).
    """
    published = _checked_date(published)
    check_columns(csv_columns)
    for path in paths:
        yield from read_path(path, published=published, csv_columns=csv_columns)


def read_path(path: str, published: str | None = None, csv_columns: dict | None = None) -> Iterator[Any]:
    """Everything one path holds: a file, a folder (recursively), or ``-`` for stdin."""
    path = os.fspath(path)
    if path == "-":
        yield from _guarded(_read_stdin(published), STDIN_SOURCE)
    elif os.path.isdir(path):
        for file in iter_folder(path):
            yield from _read_file(file, published, csv_columns, named=False)
    elif not os.path.exists(path):
        yield ReadFailure(path, "no such file or directory")
    else:
        yield from _read_file(path, published, csv_columns, named=True)


def _checked_date(published: str | None) -> str | None:
    if published is None:
        return None
    found = normalise_date(published)
    if found is None:
        raise ValueError(f"published date {published!r} is not a date (YYYY-MM-DD)")
    return found


def _read_stdin(published: str | None) -> Items:
    """Standard input is text, or HTML when it starts like a page (``curl ... | sitrep extract -``)."""
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
    reader = read_html if looks_like_html(data) else read_text
    yield from reader(data, STDIN_SOURCE, published)


def _read_file(path: str, published: str | None, csv_columns: dict | None, named: bool) -> Items:
    """One file through its reader. ``named``: the user gave this path (not found in a folder), so a
    file we cannot place is still tried as text, and an XML file that is no feed is an error."""
    fmt, gzipped = format_of(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield ReadFailure(path, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        if gzipped and fmt != "warc":  # the WARC reader undoes its own gzip, record by record
            stream, gz = open_gzip(handle)
            yield from _guarded(_by_format(fmt, stream, path, published, csv_columns, named, gz), path)
            if gz.damage:
                yield ReadFailure(path, gz.damage)
        else:
            yield from _guarded(_by_format(fmt, handle, path, published, csv_columns, named), path)


def _by_format(fmt: str | None, stream: BinaryIO, path: str, published: str | None,
               csv_columns: dict | None, named: bool, gz: SafeGzip | None = None) -> Items:
    if fmt == "warc":
        yield from read_warc(stream, path, published)
        return
    if fmt == "jsonl":
        yield from read_jsonl(stream, path, published)
        return
    try:
        data = limits.read_at_most(stream, limits.MAX_FILE_BYTES)  # read whole: bounded (a gzip bomb, a 5 GB log)
    except limits.TooLarge as exc:
        yield ReadFailure(path, str(exc))
        return
    if gz is not None and gz.damage:
        return  # half a page or half a table is not what the file holds; the caller reports the damage
    if fmt in ("csv", "tsv"):
        yield from read_csv(data, path, published, csv_columns, delimiter="\t" if fmt == "tsv" else None)
    elif fmt == "feed" or (fmt == "xml" and looks_like_feed(data)):
        yield from read_feed(data, path, published)
    elif fmt == "xml":
        if named:
            yield ReadFailure(path, "XML file that is not an RSS or Atom feed")
    elif fmt == "html" or (fmt is None and looks_like_html(data)):
        yield from read_html(data, path, published)
    else:
        yield from read_text(data, path, published)


def _guarded(items: Items, source: str) -> Items:
    """Pass items through; an error while reading becomes a ReadFailure and ends only this input."""
    try:
        yield from items
    except OSError as exc:
        yield ReadFailure(source, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug or a parser's surprise must not end the whole run
        yield ReadFailure(source, f"cannot read: {type(exc).__name__}: {exc}")
