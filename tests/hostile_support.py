"""Hostile inputs for the API and for every reader (no tests here): text with lone surrogates, letters whose
case changes length, digits that are no int, figures past any count, formula cells; publication dates at the
ends of the calendar and in every form; files of every format carrying them, some gzipped, some damaged.
Used by tests/test_hostile_input.py (a few hundred examples in CI) and scripts/fuzz_long.py (hundreds of
thousands)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import tempfile
from xml.sax.saxutils import escape

from hypothesis import strategies as st

import sitrep
from sitrep.model import Document
from sitrep.read import ReadFailure, read_inputs
from sitrep.schema import validate
import test_fuzz_extract as fx
import test_fuzz_read as fr

HOSTILE_PIECES = (
    "\ud800", "\udfff", "\udbff\udc00", "İ", "İdlib", "ß", "ǅ", "ς", "ΣΟΦΟΣ", "ﬁ", "²", "①", "٣", "五",
    "9" * 25, "9" * 400, "18446744073709551616", "3000000000", "1e309", "-0", "=HYPERLINK(\"http://x\")",
    "@SUM(1)", "+cmd", "\u202e", "\u200b", "\x00", "\r", "[" * 40, "{" * 40, "0001-01-01", "9999-12-31",
    "in 99999999 years", "400000 years ago", "next year", "Dec.", "\n\nDec. 17",
)
ODD_DATES = (
    "0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "20220408", "2022-04-08T10:00:00Z",
    "2022-04-08 23:59:59+02:00", "Fri, 31 Dec 9999 23:00:00 -1200", "Mon, 01 Jan 0001 00:00:00 +0000",
    "8 April 2022", "April 8, 2022", "2022-02-30", "yesterday", "", " ", "9" * 30,
)
PUBLISHED = st.one_of(st.none(), st.sampled_from(ODD_DATES), st.dates().map(lambda d: d.isoformat()),
                      st.text(max_size=24))


@st.composite
def hostile_texts(draw) -> str:
    """Generated reporting with hostile pieces put anywhere in it."""
    text = draw(fx.report_texts(max_pieces=40))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HOSTILE_PIECES)) + text[at:]
    return text


def check_api(text: str, published, title=None) -> dict | None:
    """``sitrep.extract`` on hostile input: a clear ValueError for a publication date that is no date, else
    an output valid against the schema, with valid offsets, that can be written as UTF-8 JSON."""
    try:
        out = sitrep.extract(text, published=published, title=title).to_dict()
    except ValueError as exc:
        assert "is not a date" in str(exc) and published not in (None, ""), exc
        return None
    validate(out)
    for where, start, end in fx.spans(out):
        assert 0 <= start < end <= len(text), f"{where}: {start}..{end} outside {len(text)} characters"
    json.dumps(out, ensure_ascii=False).encode("utf-8")
    return out


# --- crafted files, one reader each ----------------------------------------------------------------------

FORMATS = ("txt", "html", "jsonl", "csv", "tsv", "rss", "atom", "warc")


@st.composite
def records(draw) -> list[dict]:
    return [{"text": draw(hostile_texts()), "published": draw(st.one_of(st.none(), st.sampled_from(ODD_DATES))),
             "id": draw(st.one_of(st.none(), st.sampled_from(("a/b", "has space", "x" * 80, ".", "\ud800", "ok-1")))),
             "url": draw(st.one_of(st.none(), st.just("https://news.example.org/a"), st.just("javascript:alert(1)"))),
             "title": draw(st.one_of(st.none(), st.sampled_from(HOSTILE_PIECES)))}
            for _ in range(draw(st.integers(1, 4)))]


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate written as CESU bytes: broken UTF-8


def serialise(fmt: str, recs: list[dict]) -> bytes:
    if fmt == "txt":
        return _bytes(recs[0]["text"])
    if fmt == "html":
        r = recs[0]
        return _bytes(f"<html><head><title>{escape(r['title'] or '')}</title><meta name=\"date\" "
                      f"content=\"{escape(r['published'] or '')}\"></head><body><article><p>"
                      f"{escape(r['text'])}</p></article></body></html>")
    if fmt == "jsonl":
        return "".join(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n" for r in recs).encode()
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",")
        writer.writerow(["text", "date", "id", "url", "title"])
        for r in recs:
            writer.writerow([r["text"], r["published"] or "", r["id"] or "", r["url"] or "", r["title"] or ""])
        return _bytes(out.getvalue())
    if fmt == "rss":
        items = "".join(f"<item><title>{escape(r['title'] or '')}</title><description>{escape(r['text'])}</description>"
                        f"<pubDate>{escape(r['published'] or '')}</pubDate><link>{escape(r['url'] or '')}</link></item>"
                        for r in recs)
        return _bytes(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{items}'
                      "</channel></rss>")
    if fmt == "atom":
        entries = "".join(f"<entry><title>{escape(r['title'] or '')}</title><content>{escape(r['text'])}</content>"
                          f"<updated>{escape(r['published'] or '')}</updated><id>{escape(r['id'] or 'x')}</id></entry>"
                          for r in recs)
        return _bytes(f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                      f"<title>t</title>{entries}</feed>")
    raise ValueError(fmt)


@st.composite
def crafted_files(draw) -> tuple[str, bytes]:
    """(file name, bytes): a file of any format sitrep reads, carrying hostile records; sometimes gzipped,
    sometimes damaged afterwards."""
    fmt = draw(st.sampled_from(FORMATS))
    data = draw(fr.warc_files()) if fmt == "warc" else serialise(fmt, draw(records()))
    if draw(st.integers(0, 3)) == 0:
        data = draw(fr.damaged(data))
    name = f"crafted.{fmt}"
    if draw(st.booleans()):
        data, name = gzip.compress(data, mtime=0), name + ".gz"
    return name, data


def check_file(name: str, data: bytes) -> int:
    """Write the file, read it through read_inputs (the CLI's and ingest's way in) and extract every
    Document: only Documents and named ReadFailures come out, never an exception. Returns documents read."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data)
        n = 0
        for item in read_inputs([path]):
            assert isinstance(item, (Document, ReadFailure)), type(item)
            if isinstance(item, ReadFailure):
                assert item.reason and item.source.startswith(path)
                continue
            n += 1
            assert not any(0xD800 <= ord(c) <= 0xDFFF for c in item.text), "a lone surrogate reached a Document"
            check_api(item.text, item.published, item.title)
        return n


# --- the long run's generator: plain random, no hypothesis (hundreds of thousands of inputs) ----------------

_SEPARATORS = (" ", " ", " ", ", ", ". ", "\n", "\n\n", " — ", "\t", "\u00a0", "\u2028")


def random_hostile_text(rng, pieces: int = 24) -> str:
    """Reporting vocabulary, hostile pieces and random code points (any plane, surrogates included)."""
    out = []
    for _ in range(rng.randint(0, pieces)):
        roll = rng.random()
        if roll < 0.6:
            word = rng.choice(fx.VOCAB)
            out.append(word.upper() if rng.random() < 0.05 else word)
        elif roll < 0.8:
            out.append(rng.choice(HOSTILE_PIECES))
        elif roll < 0.9:
            out.append(str(rng.randint(-10**6, 10**15)))
        else:
            out.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 4))))
        out.append(rng.choice(_SEPARATORS))
    return "".join(out)


def random_published(rng):
    roll = rng.random()
    if roll < 0.4:
        return None
    if roll < 0.8:
        return rng.choice(ODD_DATES)
    return f"{rng.randint(1, 9999):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
