"""Property tests of the readers on malformed input: HTML, RSS/Atom feeds, JSON Lines, CSV, WARC (plain and
gzipped) and gzip in general. Each reader is called *directly*, without the guard that read_path puts around
it (which turns any exception into a ReadFailure and would hide a bug), and must give only Documents and
ReadFailures: never an exception, never a Document without text, never a date that is not ISO.

Inputs are generated with structure (tags, entries, JSON values, quoted fields, WARC records) and then
damaged (cut short, bytes overwritten, bytes inserted), so the parsers get past their first line.
The strategies and ``check_items`` are reused by scripts/fuzz_long.py.
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.model import Document
from sitrep.read import ReadFailure
from sitrep.read.csv import read_csv
from sitrep.read.feed import read_feed
from sitrep.read.gz import open_gzip
from sitrep.read.html import plain_text, read_html
from sitrep.read.jsonl import read_jsonl
from sitrep.read.text import read_text
from sitrep.read.warc import read_warc

CI_SETTINGS = settings(max_examples=100, deadline=timedelta(seconds=10),
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = st.sampled_from((
    "Russian", "artillery", "shelled", "Kherson", "overnight,", "killing", "two", "civilians", "the", "governor",
    "said.", "A", "drone", "hit", "a", "bus", "stop", "near", "Bakhmut", "&amp;", "&nbsp;", "&#0;", "&#x110000;",
    "&bogus;", "<", ">", "\"", "'", "\u202e", "\u0000", "😀", "ي", "Харків", "\ufeff",
))
SENTENCE = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)
TAGS = st.sampled_from(("p", "div", "span", "article", "main", "h1", "title", "script", "style", "a", "b", "br",
                        "table", "td", "ul", "li", "noscript", "svg", "math", "template", "iframe", "meta", "html",
                        "body", "head", "!--", "![CDATA[", "?xml", "x:y", ""))
ATTRS = st.sampled_from(("", ' class="story"', ' href="javascript:alert(1)"', " charset=utf-16", ' lang="ar" dir="rtl"',
                         ' content="2022-02-30"', " onload=alert(1)", ' property="article:published_time"', " x='"))


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` cut short, with some bytes overwritten and some inserted."""
    out = bytearray(data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data)
    for _ in range(draw(st.integers(0, 4))):
        if out:
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(out)))
        out[at:at] = draw(st.binary(max_size=8))
    return bytes(out)


@st.composite
def html_pages(draw) -> bytes:
    """Tag soup: opened and closed tags in any order, attributes, entities, text, a charset now and then."""
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag, attrs = draw(TAGS), draw(ATTRS)
        kind = draw(st.sampled_from(("open", "close", "text", "text")))
        parts.append({"open": f"<{tag}{attrs}>", "close": f"</{tag}>", "text": draw(SENTENCE)}[kind])
    page = "".join(parts)
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "utf-16", "cp1251", "latin-1")))
    return draw(damaged(page.encode(encoding, "replace")))


@st.composite
def feeds(draw) -> bytes:
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 5))):
        title, body, when = draw(SENTENCE), draw(SENTENCE), draw(st.sampled_from(
            ("Tue, 22 Nov 2022 08:00:00 +0200", "2022-11-22T08:00:00Z", "yesterday", "", "Mon, 31 Feb 2022", "9999")))
        escaped = draw(st.booleans())
        body = body.replace("&", "&amp;").replace("<", "&lt;") if escaped else f"<![CDATA[<p>{body}</p>]]>"
        if atom:
            entries.append(f"<entry><title>{title}</title><updated>{when}</updated><link href='{draw(SENTENCE)}'/>"
                           f"<content type='html'>{body}</content></entry>")
        else:
            entries.append(f"<item><title>{title}</title><pubDate>{when}</pubDate><link>{draw(SENTENCE)}</link>"
                           f"<description>{body}</description></item>")
    if atom:
        feed = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>{''.join(entries)}</feed>"
    else:
        feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{''.join(entries)}</channel></rss>"
    return draw(damaged(feed.encode("utf-8", "surrogatepass")))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40), SENTENCE),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8,
)
RECORD_KEYS = st.sampled_from(("text", "title", "date", "published", "url", "id", "outlet", "body", ""))


@st.composite
def jsonl_files(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        record = draw(st.dictionaries(RECORD_KEYS, st.one_of(SENTENCE, JSON_VALUES), max_size=6))
        kind = draw(st.sampled_from(("object", "object", "object", "value", "raw")))
        line = {"object": lambda: json.dumps(record, ensure_ascii=draw(st.booleans())),
                "value": lambda: json.dumps(draw(JSON_VALUES)),
                "raw": lambda: draw(st.text(max_size=40))}[kind]()
        lines.append(line.encode("utf-8", "surrogatepass"))
    return draw(damaged(b"\n".join(lines)))


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(("text", "title", "date", "url", "body", "Text", "", '"', "a,b")),
                           max_size=5))
    cell = st.one_of(SENTENCE, st.text(max_size=20), st.sampled_from(('"', '""', '"a"b', "\n", "\r", ",", ";", "\t")))
    rows = [header] + draw(st.lists(st.lists(cell, max_size=6), max_size=8))
    delimiter = draw(st.sampled_from((",", ";", "\t")))
    quoted = draw(st.booleans())
    text = "\n".join(delimiter.join(f'"{c}"' if quoted else c for c in row) for row in rows)
    return draw(damaged(text.encode("utf-8", "surrogatepass")))


@st.composite
def warc_files(draw) -> bytes:
    gzipped = draw(st.booleans())
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for n in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("response", "response", "resource", "conversion", "metadata")))
        content_type = draw(st.sampled_from(("text/html; charset=utf-8", "text/html; charset=bogus", "text/html",
                                             "application/xhtml+xml", "text/plain", "image/png", "")))
        status = draw(st.sampled_from(("200 OK", "301 Moved", "404 Not Found", "200 OK")))
        body = draw(st.one_of(html_pages(), SENTENCE.map(str.encode), st.binary(max_size=50)))
        uri = f"https://news.example.org/{n}"
        # fixed id and date: warcio's random ones would make the same draw give different bytes
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>", "WARC-Date": "2022-03-03T08:00:00Z"}
        if kind == "response":
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                               warc_headers_dict=fixed)
        else:
            record = writer.create_warc_record(uri, kind, payload=io.BytesIO(body), warc_headers_dict=fixed,
                                               warc_content_type=content_type or "text/plain")
        writer.write_record(record)
    return draw(damaged(buffer.getvalue()))


def check_items(items, source: str, empty_ok: bool = False) -> list:
    """Consume a reader's output; assert it holds only sound Documents and ReadFailures naming the source.
    ``empty_ok``: a Document may have empty text (no reader makes one now: an empty text file is a failure)."""
    items = list(items)
    for item in items:
        assert isinstance(item, (Document, ReadFailure)), f"{type(item).__name__} from a reader"
        if isinstance(item, Document):
            assert isinstance(item.text, str) and (empty_ok or item.text.strip()), "a Document without text"
            assert item.published is None or date.fromisoformat(item.published)
            assert item.source is None or item.source.startswith(source)
            for field in (item.title, item.url, item.outlet):
                assert field is None or isinstance(field, str)
        else:
            assert item.source.startswith(source) and isinstance(item.reason, str) and item.reason
    return items


def buffered(data: bytes) -> io.BufferedReader:
    """What read_path hands the stream readers: a buffered binary file."""
    return io.BufferedReader(io.BytesIO(data))


@CI_SETTINGS
@given(data=html_pages())
def test_html_reader_on_tag_soup(data):
    check_items(read_html(data, "p.html"), "p.html")


@CI_SETTINGS
@given(markup=st.text(max_size=300))
def test_plain_text_of_any_string(markup):
    assert isinstance(plain_text(markup), str)


@settings(CI_SETTINGS, max_examples=60)  # feedparser and warcio are the slow parsers
@given(data=feeds())
def test_feed_reader_on_damaged_feeds(data):
    check_items(read_feed(data, "f.rss"), "f.rss")


@CI_SETTINGS
@given(data=jsonl_files())
def test_jsonl_reader_on_damaged_lines(data):
    items = check_items(read_jsonl(buffered(data), "b.jsonl"), "b.jsonl")
    assert all(i.line is not None for i in items if isinstance(i, ReadFailure))  # every failure names its line


@CI_SETTINGS
@given(data=csv_files(), delimiter=st.sampled_from((None, "\t")))
def test_csv_reader_on_damaged_tables(data, delimiter):
    check_items(read_csv(data, "t.csv", delimiter=delimiter), "t.csv")


@settings(CI_SETTINGS, max_examples=60)
@given(data=warc_files())
def test_warc_reader_on_damaged_archives(data):
    check_items(read_warc(buffered(data), "c.warc"), "c.warc")


@CI_SETTINGS
@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_text_reader_on_any_bytes(data):
    check_items(read_text(data, "r.txt"), "r.txt")


@CI_SETTINGS
@given(data=st.one_of(jsonl_files(), st.binary(max_size=100)), level=st.integers(1, 9))
def test_damaged_gzip_gives_what_precedes_the_damage(data, level):
    """A gzip stream cut or overwritten anywhere: the reader reads up to the damage and says so, never raises."""
    packed = gzip.compress(data, compresslevel=level)
    for cut in (len(packed), len(packed) // 2, 11):
        stream, gz = open_gzip(io.BytesIO(packed[:cut]))
        items = check_items(read_jsonl(stream, "b.jsonl.gz"), "b.jsonl.gz")
        assert (gz.damage is None) == (cut == len(packed)), gz.damage
        if cut == len(packed):
            assert len(items) == len(check_items(read_jsonl(buffered(data), "b.jsonl.gz"), "b.jsonl.gz"))


def test_feed_with_a_character_reference_beyond_unicode_is_still_read():
    """Found by the feed property: '&#x110000;' made feedparser raise ValueError and the feed was lost."""
    feed = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Strike &#x110000;"
            b"</title><description>A drone hit a bus stop in Kherson &#" + b"9" * 5000 + b"; killing two.</description>"
            b"</item></channel></rss>")
    [doc] = check_items(read_feed(feed, "f.rss"), "f.rss")
    assert doc.text.startswith("A drone hit a bus stop in Kherson") and "\ufffd" in doc.title


def test_an_empty_wet_record_is_a_failure_not_an_empty_report():
    """Found by the WARC property: a conversion record with no text became a Document with empty text."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n, body in enumerate((b"", b"Two civilians were killed in Kherson, the governor said.")):
        writer.write_record(writer.create_warc_record(f"https://news.example.org/{n}", "conversion",
                                                      payload=io.BytesIO(body), warc_content_type="text/plain"))
    empty, doc = check_items(read_warc(buffered(buffer.getvalue()), "c.warc.gz"), "c.warc.gz")
    assert isinstance(empty, ReadFailure) and "no text" in empty.reason
    assert isinstance(doc, Document) and doc.url == "https://news.example.org/1"
