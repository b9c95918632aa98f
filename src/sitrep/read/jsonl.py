"""JSON Lines: one document per line, read as a stream so a large file never sits in memory.

Fields: ``text`` (required), ``id``, ``title``, ``published`` (or ``date``), ``url``, ``outlet``.
A line that is not JSON, not an object, or has no text is a ReadFailure with its line number; the
lines after it are still read.
"""

from __future__ import annotations

import codecs
import json
from typing import BinaryIO

from sitrep import limits
from sitrep.read.base import Items, ReadFailure, record_document


def read_jsonl(stream: BinaryIO, source: str, published: str | None = None) -> Items:
    for number, raw in enumerate(_bounded_lines(stream), 1):
        if raw is None:
            yield ReadFailure(source, f"line longer than {limits.mib(limits.MAX_LINE_BYTES)} (sitrep's limit)", number)
            continue
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        yield _line_document(raw, source, number, published)


def _bounded_lines(stream: BinaryIO):
    """The lines of ``stream``; None for a line longer than limits.MAX_LINE_BYTES, whose bytes are skipped
    without being held in memory (a gzip bomb of one endless line)."""
    while True:
        raw = stream.readline(limits.MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > limits.MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(2**20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield raw


def _line_document(raw: bytes, source: str, number: int, published: str | None):
    try:
        row = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return ReadFailure(source, f"not UTF-8 text ({exc.reason} at byte {exc.start})", number)
    except json.JSONDecodeError as exc:
        return ReadFailure(source, f"malformed JSON: {exc.msg} at column {exc.colno}", number)
    except RecursionError:  # 100,000 "[": the parser gives up; this line fails, the next is read
        return ReadFailure(source, "JSON nested too deeply to read", number)
    except ValueError as exc:  # a number of thousands of digits: Python refuses to convert it
        return ReadFailure(source, f"cannot read the JSON: {exc}".split(";")[0], number)
    if not isinstance(row, dict):
        return ReadFailure(source, f"not a JSON object (got {type(row).__name__})", number)
    record = dict(row)
    record["date"] = row.get("published") or row.get("date")
    document = record_document(record, f"{source}:{number}", published)
    return ReadFailure(source, document, number) if isinstance(document, str) else document
