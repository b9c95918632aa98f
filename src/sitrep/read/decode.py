"""Bytes -> str for files that should be text, or a clear refusal when they are not.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); NUL bytes mean binary data; valid UTF-8
wins next (it is almost never an accident, even when a page declares Latin-1), and so does UTF-8 with a
few broken bytes (a file cut mid-character); then an encoding the file declares; and only then, when the bytes clearly look like text, Windows-1251 (Cyrillic) or
Windows-1252 (Latin-1's printable range plus typographic quotes).
"""

from __future__ import annotations

import codecs
import unicodedata

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, form feed and carriage return, and DEL.
_CONTROL = bytes(range(0, 9)) + b"\x0b" + bytes(range(0x0E, 0x20)) + b"\x7f"
_HIGH = bytes(range(0x80, 0x100))
_MAX_CONTROL_SHARE = 0.01  # a few stray control bytes happen in real text; more means binary
_MIN_LETTER_SHARE = 0.9  # of the non-ASCII characters, in a single-byte guess
_MIN_SOUND_PER_BROKEN = 10  # well-formed UTF-8 characters per broken sequence for "UTF-8, damaged"


class NotText(ValueError):
    """The bytes are not text we can decode; the message says why."""


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` as text (a leading BOM is dropped) or raise NotText."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise NotText(f"cannot decode as {codec.upper().removesuffix('-SIG')}: {exc.reason}") from None
    if b"\x00" in data or _control_share(data) > _MAX_CONTROL_SHARE:
        raise NotText("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged
    for codec in (_known_codec(declared), _guess_single_byte(data)):
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    raise NotText("not text in a known encoding (tried UTF-8, UTF-16, Windows-1251, Windows-1252)")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a file cut mid-character, one stray byte) stays UTF-8, the broken
    bytes shown as U+FFFD: read as a single-byte code page, every other non-ASCII letter would be garbled."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    sound = sum(1 for c in text if ord(c) > 0x7F) - broken
    cut_at_the_end = broken == 1 and text.endswith("\ufffd")
    if sound and (cut_at_the_end or sound >= _MIN_SOUND_PER_BROKEN * broken):
        return text
    return None


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL))) / len(data)


def _known_codec(name: str | None) -> str | None:
    """The codec a file declares, if Python knows it; Latin-1 is read as its superset Windows-1252."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _guess_single_byte(data: bytes) -> str | None:
    """cp1251 when the non-ASCII bytes read as runs of Cyrillic letters, cp1252 when they read as
    scattered Latin letters and punctuation, None when neither is clearly the case."""
    high = len(data) - len(data.translate(None, _HIGH))
    if high == 0:
        return "ascii"
    if _letter_share(data, "cp1251", cyrillic=True) >= _MIN_LETTER_SHARE and _run_share(data) >= 0.5:
        return "cp1251"
    if _letter_share(data, "cp1252", cyrillic=False) >= _MIN_LETTER_SHARE:
        return "cp1252"
    return None


def _letter_share(data: bytes, codec: str, cyrillic: bool) -> float:
    """Share of the non-ASCII characters that are letters (Cyrillic ones, for cp1251) or
    punctuation/symbols a text would plausibly use."""
    try:
        chars = [c for c in data.decode(codec) if ord(c) > 0x7F]
    except UnicodeDecodeError:
        return 0.0
    good = 0
    for c in chars:
        category = unicodedata.category(c)
        if cyrillic:
            good += "\u0400" <= c <= "\u04ff" or category[0] in "PZS"
        else:
            good += category[0] in "LPZS" and not "\u0400" <= c <= "\u04ff"
    return good / len(chars)


def _run_share(data: bytes) -> float:
    """Share of non-ASCII bytes next to another non-ASCII byte: Cyrillic words are all high bytes,
    accented Latin letters sit alone between ASCII ones."""
    high_positions = [i for i, b in enumerate(data) if b >= 0x80]
    if not high_positions:
        return 0.0
    present = set(high_positions)
    paired = sum(1 for i in high_positions if i - 1 in present or i + 1 in present)
    return paired / len(high_positions)
