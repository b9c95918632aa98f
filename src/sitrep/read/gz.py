"""Gzip that reports damage instead of losing the data before it.

Python's gzip raises EOFError for a file cut short, and a buffered reader that meets the error
mid-fill drops the bytes it had already decompressed in that fill. This stream decompresses one step
at a time, hands over everything before the damage, then reads as end-of-file and keeps the reason in
``damage``; the reader that used it reports that as a ReadFailure naming the file.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from sitrep import limits

MAGIC = b"\x1f\x8b"


class SafeGzip(io.RawIOBase):
    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._gzip = gzip.GzipFile(fileobj=raw)
        self.damage: str | None = None
        self.delivered = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.damage:
            return 0
        try:
            chunk = self._gzip.read1(len(buffer))  # one decompression step, never more
        except EOFError:
            self.damage = "truncated gzip: the file ends inside a compressed member"
            return 0
        except (gzip.BadGzipFile, zlib.error) as exc:
            self.damage = f"corrupt gzip data: {exc}"
            return 0
        self.delivered += len(chunk)
        bomb = limits.gzip_bomb(self.delivered, self._raw.tell()) if self._raw.seekable() else None
        if bomb:  # stop before it fills memory or takes minutes; reported like damage
            self.damage = bomb
            return 0
        buffer[: len(chunk)] = chunk
        return len(chunk)


def open_gzip(raw: BinaryIO) -> tuple[io.BufferedReader, SafeGzip]:
    """A buffered stream over the decompressed bytes, and the SafeGzip that records damage."""
    inner = SafeGzip(raw)
    return io.BufferedReader(inner), inner
