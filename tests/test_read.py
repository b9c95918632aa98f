"""The readers: every supported format -> Document, and ReadFailure for whatever cannot be read."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.model import Document
from sitrep.read import (
    SUPPORTED_SUFFIXES,
    ReadFailure,
    format_of,
    normalise_date,
    plain_text,
    read_inputs,
    read_path,
)
from sitrep.read.decode import NotText, decode_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "read"

SHELLING = (
    "Russian artillery shelled the centre of Kherson on Tuesday morning, killing two civilians and wounding "
    "five, the head of the regional military administration said.\n"
    "A bus stop and a pharmacy were hit near the central market, he said.\n"
)
CYRILLIC = "Российские войска обстреляли Харьков ночью, погибли два человека, ещё пятеро ранены, сообщил губернатор."
FRENCH = "Deux soldats ukrainiens ont été tués près de Bakhmout, a déclaré l'état-major général à Kyiv."


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def failures(items):
    return [i for i in items if isinstance(i, ReadFailure)]


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


# --- text and encodings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        SHELLING.encode("utf-8"),
        b"\xef\xbb\xbf" + SHELLING.encode("utf-8"),
        SHELLING.encode("utf-16"),  # with BOM, machine byte order
        b"\xfe\xff" + SHELLING.encode("utf-16-be"),
        b"\xff\xfe" + SHELLING.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf16-le"],
)
def test_text_encodings_give_the_same_text(tmp_path, encoded):
    items = list(read_inputs([write(tmp_path / "r.txt", encoded)]))
    assert [d.text for d in docs(items)] == [SHELLING]
    assert not failures(items)


def test_text_is_kept_as_written(tmp_path):
    raw = "  KHERSON, Nov 21 (Wire) -\r\nTwo civilians were killed.\r\n\r\n\tThe governor said so.  "
    [doc] = read_inputs([write(tmp_path / "r.txt", raw)])
    assert doc.text == raw  # no stripping, no newline conversion
    assert doc.title is None  # the first line is not taken for a title
    assert doc.source == str(tmp_path / "r.txt")


@pytest.mark.parametrize("text,codec", [(CYRILLIC, "cp1251"), (FRENCH, "cp1252"), (FRENCH, "latin-1")])
def test_single_byte_encodings_when_clearly_text(tmp_path, text, codec):
    [doc] = read_inputs([write(tmp_path / "r.txt", text.encode(codec))])
    assert doc.text == text


def test_utf16_with_bom_and_cyrillic(tmp_path):
    [doc] = read_inputs([write(tmp_path / "r.txt", CYRILLIC.encode("utf-16"))])
    assert doc.text == CYRILLIC


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        gzip.compress(SHELLING.encode() * 20),
        bytes((i * 37 + 11) % 256 for i in range(4000)),  # noise without NUL-free guarantees
        bytes(b for b in (i * 73 % 256 for i in range(4000)) if b) ,  # noise with no NUL byte at all
    ],
    ids=["png", "gzip-bytes", "noise", "noise-no-nul"],
)
def test_binary_is_refused_with_a_reason(tmp_path, data):
    items = list(read_inputs([write(tmp_path / "photo.txt", data)]))
    assert items == [ReadFailure(str(tmp_path / "photo.txt"), "binary file, not text")]


def test_decode_refuses_text_in_no_plausible_encoding():
    # neither UTF-8, nor cp1251 (0x98 is undefined there), nor cp1252 (0x81 is undefined there)
    with pytest.raises(NotText):
        decode_bytes(b"casualties \x98\x81 reported " * 3)


def test_utf8_with_a_few_broken_bytes_stays_utf8():
    ukrainian = "Російські війська обстріляли Харків уночі, загинули двоє людей."
    cut = ukrainian.encode("utf-8")[:-2]  # a file cut in the middle of its last character
    assert decode_bytes(cut) == ukrainian[:-2] + "\ufffd"
    stray = ukrainian.encode("utf-8").replace(" ".encode(), b" \xff", 1)  # one stray byte
    assert decode_bytes(stray) == ukrainian.replace(" ", " \ufffd", 1)
    assert decode_bytes("Deux tués à Kherson".encode("cp1252")) == "Deux tués à Kherson"  # not UTF-8 at all


def test_utf8_wins_over_a_wrong_latin1_declaration():
    assert decode_bytes("Kyiv — Київ".encode("utf-8"), declared="iso-8859-1") == "Kyiv — Київ"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", "\ufeff".encode("utf-8")])
def test_an_empty_text_file_is_a_failure_with_a_reason(tmp_path, content):
    [failure] = read_inputs([write(tmp_path / "empty.txt", content)])
    assert isinstance(failure, ReadFailure) and failure.reason.startswith("empty text")
    assert failure.source.endswith("empty.txt")


def test_published_default_applies_to_undated_text(tmp_path):
    [doc] = read_inputs([write(tmp_path / "r.txt", SHELLING)], published="2023-11-21")
    assert doc.published == "2023-11-21"


def test_bad_published_default_is_refused(tmp_path):
    with pytest.raises(ValueError):
        list(read_inputs([write(tmp_path / "r.txt", SHELLING)], published="21/11/2023x"))


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given,expected",
    [
        ("2022-04-08", "2022-04-08"),
        ("2022-04-08T23:30:00+03:00", "2022-04-08"),  # the date as written, not shifted to UTC
        ("2022-04-08T02:10:00Z", "2022-04-08"),
        ("Fri, 08 Apr 2022 23:30:00 +0300", "2022-04-08"),
        ("Thu, 20 Jul 2023 23:40:00 -0500", "2023-07-20"),
        ("8 April 2022", "2022-04-08"),
        ("April 8, 2022", "2022-04-08"),
        ("Friday, 8 April 2022", "2022-04-08"),
        ("Sept 3, 2022", "2022-09-03"),
        ("08.04.2022", "2022-04-08"),
        ("2022/4/8", "2022-04-08"),
        ("20220408", "2022-04-08"),
        ("13/04/2022", "2022-04-13"),
        ("04/13/2022", "2022-04-13"),
        ("03/04/2022", None),  # March 4th or 3 April: not guessed
        ("2022-02-30", None),
        ("last Tuesday", None),
        ("2022", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(given, expected):
    assert normalise_date(given) == expected


# --- HTML ---------------------------------------------------------------------------------------


def test_html_main_text_and_metadata():
    [doc] = read_inputs([str(FIXTURES / "page-kramatorsk.html")])
    assert doc.title == "Missile strike on Kramatorsk station kills dozens, officials say"
    assert doc.published == "2022-04-08"
    assert doc.url == "https://steppecourier.example.org/2022/04/08/kramatorsk-station"
    assert doc.outlet == "Steppe Courier"
    assert "killing at least 50 people, including five children" in doc.text
    assert "Tochka-U missile" in doc.text
    for boilerplate in ("Subscribe", "Advertisement", "spring gardening", "All rights reserved", "dataLayer"):
        assert boilerplate not in doc.text
    assert "<p>" not in doc.text and "&copy;" not in doc.text


def test_html_date_comes_from_metadata_not_from_the_story(tmp_path):
    # the only date is the date of the events; it must not become the publication date
    page = (
        "<html><head><title>Border crossing</title></head><body><article><p>On 24 February 2022 Russian "
        "columns crossed the border north of Kharkiv. Two Ukrainian border guards were killed in the first "
        "hours of the assault, the State Border Guard Service said in a statement.</p></article></body></html>"
    )
    [doc] = read_inputs([write(tmp_path / "p.html", page)], published="2022-03-01")
    assert doc.published == "2022-03-01"
    assert "24 February 2022" in doc.text


def test_html_falls_back_to_plain_text_when_trafilatura_finds_no_article(tmp_path, monkeypatch):
    import sitrep.read.html as html_reader

    monkeypatch.setattr(html_reader, "_trafilatura", lambda markup: None)
    page = (
        "<html><head><title>Update</title><script>var x = 1;</script></head><body>"
        "<div><b>Two</b> soldiers were <i>wounded</i> near Bakhmut.</div><p>The brigade confirmed it.</p>"
        "<!-- tracking pixel --></body></html>"
    )
    [doc] = read_inputs([write(tmp_path / "p.html", page)])
    assert doc.text == "Two soldiers were wounded near Bakhmut.\nThe brigade confirmed it."
    assert doc.title == "Update"


def test_html_with_no_text_at_all_is_a_failure(tmp_path):
    items = list(read_inputs([write(tmp_path / "p.html", "<html><head><script>1</script></head><body></body></html>")]))
    assert [f.reason for f in failures(items)] == ["no text found in the HTML page"]


def test_html_that_trips_trafilatura_is_a_failure_not_a_crash(tmp_path):
    # trafilatura's date finder asserts on an <svg> at the root holding paragraphs: the reader must not
    # raise, and says the page has no article text (what is inside an <svg> is drawing, not prose)
    items = list(read_inputs([write(tmp_path / "p.html", "<svg><p><p>Shelling near Avdiivka")]))
    assert [f.reason for f in failures(items)] == ["no text found in the HTML page"]


def test_html_in_a_declared_single_byte_charset(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>'
        f"<article><p>{CYRILLIC}</p><p>{CYRILLIC}</p></article></body></html>"
    )
    [doc] = read_inputs([write(tmp_path / "p.htm", page.encode("cp1251"))])
    assert CYRILLIC in doc.text


def test_plain_text_walk():
    fragment = (
        "<p>Shelling <b>killed</b>&nbsp;two.</p><script>alert(1)</script>after script<ul><li>Kherson</li>"
        "<li>Bilozerka</li></ul>line<br>break<style>p{}</style>"
    )
    assert plain_text(fragment) == "Shelling killed two.\nafter script\nKherson\nBilozerka\nline\nbreak"
    assert plain_text("") == ""
    assert plain_text("no markup at all") == "no markup at all"


def test_plain_text_survives_deep_nesting():
    # unclosed inline tags nest deeply on real pages; libxml2's default cap (256 levels) would drop text
    deep = "<p>Intro.</p>" + "<font>" * 1500 + "Two killed" + "</font>" * 1500 + "<p>Outro.</p>"
    assert plain_text(deep) == "Intro.\nTwo killed\nOutro."


# --- JSON Lines ---------------------------------------------------------------------------------


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": SHELLING, "title": "Kherson shelled", "published": "2023-11-21",
                    "url": "https://wire.example.org/a1", "outlet": "Wire"}),
        "{not json",
        "",
        json.dumps({"id": 7, "text": "Two drones were shot down over Belgorod.", "date": "Tue, 21 Nov 2023 08:00:00 +0300"}),
        json.dumps({"id": "a3", "title": "no text here"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a5", "text": "   "}),
        json.dumps({"text": "Nine soldiers were killed in 24 hours, a military spokesman said."}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_inputs([path], published="2023-01-01"))
    found = docs(items)
    assert [d.id for d in found[:2]] == ["a1", "7"]
    assert found[0].title == "Kherson shelled" and found[0].url == "https://wire.example.org/a1"
    assert found[0].outlet == "Wire" and found[0].text == SHELLING
    assert found[1].published == "2023-11-21"  # 'date' accepted, RFC 822 normalised
    assert found[2].published == "2023-01-01"  # undated line takes the default
    assert found[2].id and found[2].id.startswith("d")  # deterministic id from the text
    assert [d.source for d in found] == [f"{path}:1", f"{path}:4", f"{path}:8"]
    bad = failures(items)
    assert [(f.source, f.line) for f in bad] == [(path, 2), (path, 5), (path, 6), (path, 7)]
    assert "malformed JSON" in bad[0].reason and "no text" in bad[1].reason
    assert "not a JSON object" in bad[2].reason and "empty text" in bad[3].reason
    assert str(bad[0]).startswith(f"{path}:2: ")


def test_jsonl_with_bom_and_bad_utf8_line(tmp_path):
    good = json.dumps({"text": "Shelling hit Nikopol overnight."}).encode()
    path = write(tmp_path / "b.jsonl", b"\xef\xbb\xbf" + good + b"\n" + b'{"text": "\xff\xfe caf\xe9"}\n' + good + b"\n")
    items = list(read_inputs([path]))
    assert len(docs(items)) == 2
    [bad] = failures(items)
    assert bad.line == 2 and "UTF-8" in bad.reason


def test_gzipped_jsonl_and_a_truncated_one(tmp_path):
    body = "".join(json.dumps({"id": f"n{i}", "text": f"Report {i}: two killed in Kharkiv."}) + "\n" for i in range(200))
    packed = gzip.compress(body.encode())
    assert [d.id for d in read_inputs([write(tmp_path / "ok.jsonl.gz", packed)])] == [f"n{i}" for i in range(200)]
    cut = write(tmp_path / "cut.jsonl.gz", packed[: len(packed) * 2 // 3])
    items = list(read_inputs([cut]))
    kept = docs(items)
    assert 0 < len(kept) < 200 and [d.id for d in kept] == [f"n{i}" for i in range(len(kept))]
    assert failures(items)[-1].source == cut and "truncated gzip" in failures(items)[-1].reason


def test_small_truncated_jsonl_gz_keeps_the_lines_before_the_cut(tmp_path):
    body = "".join(json.dumps({"id": f"s{i}", "text": f"Report {i}: a drone was shot down."}) + "\n" for i in range(4))
    packed = gzip.compress(body.encode())
    items = list(read_inputs([write(tmp_path / "s.jsonl.gz", packed[:-4])]))  # cut inside the 8-byte gzip trailer
    assert [d.id for d in docs(items)] == ["s0", "s1", "s2", "s3"]
    assert "truncated gzip" in items[-1].reason


def test_truncated_gzipped_text_is_refused_whole(tmp_path):
    packed = gzip.compress((SHELLING * 50).encode())
    path = write(tmp_path / "r.txt.gz", packed[: len(packed) // 2])
    assert [(type(i).__name__, i.source) for i in read_inputs([path])] == [("ReadFailure", path)]
    [doc] = read_inputs([write(tmp_path / "ok.txt.gz", packed)])
    assert doc.text == SHELLING * 50


# --- CSV / TSV ----------------------------------------------------------------------------------


def test_csv_default_columns(tmp_path):
    csv_text = (
        "Event_Date,Headline,Body,Link,Notes\n"
        '2023-08-29,Orikhiv shelled,"Russian forces shelled Orikhiv overnight, killing two men.",https://x.example.org/1,n\n'
        '30 August 2023,Strike on Kyiv,"Debris fell on two districts of Kyiv;\nno casualties were reported.",https://x.example.org/2,n\n'
        "2023-08-31,Empty one,,https://x.example.org/3,n\n"
        ",,,,\n"
        "2023-09-01,Last,Two border guards were wounded in Sumy region.,https://x.example.org/4,n\n"
    )
    path = write(tmp_path / "events.csv", csv_text)
    items = list(read_inputs([path]))
    found = docs(items)
    assert [d.title for d in found] == ["Orikhiv shelled", "Strike on Kyiv", "Last"]
    assert [d.published for d in found] == ["2023-08-29", "2023-08-30", "2023-09-01"]
    assert found[1].text == "Debris fell on two districts of Kyiv;\nno casualties were reported."  # body wins over notes
    assert found[0].url == "https://x.example.org/1"
    assert [d.source for d in found] == [f"{path}:2", f"{path}:3", f"{path}:7"]  # the line each row starts on
    [bad] = failures(items)
    assert (bad.line, bad.reason) == (5, "empty text")


def test_csv_column_mapping_and_missing_columns(tmp_path):
    csv_text = "report,when,src\nThree civilians were wounded in Kharkiv.,2022-05-02,Kharkiv Today\n"
    path = write(tmp_path / "custom.csv", csv_text)
    [doc] = read_inputs([path], csv_columns={"text": "report", "published": "WHEN", "outlet": "src"})
    assert (doc.text, doc.published, doc.outlet) == ("Three civilians were wounded in Kharkiv.", "2022-05-02", "Kharkiv Today")
    [fail] = read_inputs([path])  # no default text column in this header
    assert "no text column" in fail.reason
    [fail] = read_inputs([path], csv_columns={"text": "article"})
    assert "no column 'article'" in fail.reason
    with pytest.raises(ValueError):
        list(read_inputs([path], csv_columns={"body": "report"}))


def test_acled_style_export_reads_as_it_is(tmp_path):
    header = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,admin1,location,source,notes,fatalities\n"
    row = ('UKR12345,2023-03-14,2023,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Russia,'
           'Kharkivska,Kupiansk,Suspilne,"On 14 March 2023, Russian forces shelled Kupiansk, killing one civilian.",1\n')
    [doc] = read_inputs([write(tmp_path / "acled.csv", header + row)])
    assert doc.text.startswith("On 14 March 2023") and doc.published == "2023-03-14" and doc.outlet == "Suspilne"


def test_tsv_semicolon_and_cp1251_csv(tmp_path):
    tsv = write(tmp_path / "a.tsv", "title\ttext\nT1\tA drone hit a fuel depot in Kursk region.\n")
    semi = write(tmp_path / "b.csv", "title;text\nT2;Two servicemen were detained in Rostov.\n")
    cyr = write(tmp_path / "c.csv", f'title,text\nT3,"{CYRILLIC}"\n'.encode("cp1251"))
    found = docs(read_inputs([tsv, semi, cyr]))
    assert [(d.title, d.text) for d in found] == [
        ("T1", "A drone hit a fuel depot in Kursk region."),
        ("T2", "Two servicemen were detained in Rostov."),
        ("T3", CYRILLIC),
    ]


def test_csv_long_field_is_read(tmp_path):
    long_text = "Shelling continued along the front line. " * 10_000  # beyond the csv module's default limit
    [doc] = read_inputs([write(tmp_path / "long.csv", f'text\n"{long_text}"\n')])
    assert doc.text == long_text


# --- feeds --------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Donbas Wire</title><link>https://donbas.example.org/</link><description>d</description>
<item><title>Two killed in shelling of Toretsk</title><link>https://donbas.example.org/toretsk</link>
<pubDate>Thu, 20 Jul 2023 23:40:00 -0500</pubDate>
<description>short summary</description>
<content:encoded><![CDATA[<p>Russian artillery shelled <b>Toretsk</b> on Thursday, killing two people.</p><p>Five more were wounded.</p>]]></content:encoded>
</item>
<item><title>Drone downed near Belgorod</title><link>https://donbas.example.org/belgorod</link>
<description>&lt;p&gt;Air defences shot down a drone over the Belgorod region, the governor said.&lt;/p&gt;</description>
</item>
<item><title>Photo gallery</title><link>https://donbas.example.org/gallery</link></item>
</channel></rss>
"""


def test_rss_entries(tmp_path):
    path = write(tmp_path / "wire.rss", RSS)
    items = list(read_inputs([path], published="2023-07-22"))
    first, second = docs(items)
    assert first.text == "Russian artillery shelled Toretsk on Thursday, killing two people.\nFive more were wounded."
    assert (first.title, first.url, first.outlet) == ("Two killed in shelling of Toretsk", "https://donbas.example.org/toretsk", "Donbas Wire")
    assert first.published == "2023-07-20"  # as the feed wrote it; in UTC it would be the 21st
    assert second.text == "Air defences shot down a drone over the Belgorod region, the governor said."
    assert second.published == "2023-07-22"  # no date in the entry: the default
    assert [d.source for d in (first, second)] == [f"{path}#1", f"{path}#2"]
    [empty] = failures(items)
    assert empty.source == f"{path}#3" and "no text" in empty.reason


def test_atom_feed_as_xml():
    path = str(FIXTURES / "feed-atom.xml")
    first, second = read_inputs([path])
    assert first.title == "Drone attack on Odesa port damages grain silos"  # HTML title made plain
    assert first.text.startswith("Russian drones struck grain storage facilities") and "\n" in first.text
    assert first.published == "2023-07-21" and first.outlet == "Black Sea Monitor"
    assert second.text.startswith("A 64-year-old man was killed")
    assert second.published == "2023-07-20"  # <published> before <updated>
    assert second.url == "https://blacksea.example.net/2023/07/20/kherson-shelling"


def test_broken_and_truncated_feeds(tmp_path):
    broken = write(tmp_path / "broken.rss", "this is not a feed <<<")
    [fail] = read_inputs([broken])
    assert fail.source == broken and "feed" in fail.reason
    cut_at = RSS.index("<item><title>Drone downed") + 40
    truncated = write(tmp_path / "cut.rss", RSS[:cut_at])
    items = list(read_inputs([truncated]))
    assert [d.title for d in docs(items)] == ["Two killed in shelling of Toretsk"]  # the cut entry is not kept
    assert failures(items)[-1].source == truncated and "truncated" in failures(items)[-1].reason


def test_xml_that_is_not_a_feed(tmp_path):
    sitemap = '<?xml version="1.0"?><urlset><url><loc>https://x.example.org/</loc></url></urlset>'
    path = write(tmp_path / "sitemap.xml", sitemap)
    [fail] = read_inputs([path])
    assert "not an RSS or Atom feed" in fail.reason
    assert list(read_inputs([str(tmp_path)])) == []  # in a folder it is passed over silently


# --- WARC ---------------------------------------------------------------------------------------

ARTICLE_HTML = (
    "<html><head><title>{title}</title>{meta}</head><body><nav>Home | World</nav><article><h1>{title}</h1>"
    "<p>{body}</p><p>The regional administration said rescue work at the site had finished by the evening "
    "and that the wounded had been taken to hospitals in the city.</p></article>"
    "<footer>All rights reserved</footer></body></html>"
)
STORIES = [
    ("Strike on Dnipro apartment block", "A missile hit a nine-storey apartment block in Dnipro, killing at least 12 people."),
    ("Shelling of Kupiansk", "Russian shelling of Kupiansk killed a 70-year-old woman and wounded two men."),
    ("Drone attack on Kyiv", "Air defences shot down 20 drones over Kyiv; falling debris injured three residents."),
]


def _response(writer, url, html: bytes, content_type="text/html; charset=utf-8", status="200 OK", date="2023-01-15T06:00:00Z"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers,
                                     warc_headers_dict={"WARC-Date": date})


def make_warc(gz: bool, ends: list[int] | None = None) -> bytes:
    """A small crawl; ``ends`` collects the byte offset where each record ends."""
    ends = [] if ends is None else ends
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "sitrep tests"}))
    ends.append(buf.tell())
    for n, (title, body) in enumerate(STORIES):
        meta = '<meta property="article:published_time" content="2023-01-14T18:00:00+02:00">' if n == 0 else ""
        page = ARTICLE_HTML.format(title=title, body=body, meta=meta).encode()
        writer.write_record(_response(writer, f"https://news.example.org/story/{n}", page))
        ends.append(buf.tell())
        if n == 0:  # records that carry no report, between the articles
            writer.write_record(_response(writer, "https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n\x00", "image/png"))
            ends.append(buf.tell())
            writer.write_record(_response(writer, "https://news.example.org/old", b"", status="301 Moved Permanently"))
            ends.append(buf.tell())
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses(tmp_path, gz):
    path = write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), make_warc(gz))
    items = list(read_inputs([path], published="2020-01-01"))
    assert not failures(items)
    found = docs(items)
    assert [d.url for d in found] == [f"https://news.example.org/story/{n}" for n in range(3)]
    assert [d.title for d in found] == [t for t, _ in STORIES]
    assert all(body in d.text for d, (_, body) in zip(found, STORIES))
    assert all("All rights reserved" not in d.text for d in found)
    assert found[0].published == "2023-01-14"  # the page's own date
    assert found[1].published == "2023-01-15"  # else the WARC-Date, before the caller's default
    assert all(d.source.startswith(f"{path}#urn:uuid:") for d in found)
    assert len({d.source for d in found}) == 3


def test_warc_charset_header_and_wet_conversion_records(tmp_path):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    page = ARTICLE_HTML.format(title="Харків", body=CYRILLIC, meta="").encode("cp1251")
    writer.write_record(_response(writer, "https://ru.example.org/1", page, "text/html; charset=windows-1251"))
    wet = writer.create_warc_record("https://wire.example.org/2", "conversion", payload=io.BytesIO(SHELLING.encode()),
                                    warc_headers_dict={"Content-Type": "text/plain"})
    writer.write_record(wet)
    page_doc, text_doc = read_inputs([write(tmp_path / "mixed.warc.gz", buf.getvalue())])
    assert page_doc.title == "Харків" and CYRILLIC in page_doc.text
    assert (text_doc.text, text_doc.url) == (SHELLING, "https://wire.example.org/2")


def test_a_bad_record_does_not_stop_the_crawl(tmp_path):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example.org/bad", "response",
                                                  payload=io.BytesIO(b"\x1f\x8b\x08\x00 not really gzip"), http_headers=headers))
    page = ARTICLE_HTML.format(title=STORIES[0][0], body=STORIES[0][1], meta="").encode()
    writer.write_record(_response(writer, "https://news.example.org/good", page))
    path = write(tmp_path / "mixed.warc.gz", buf.getvalue())
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "Document"]
    assert items[0].source.startswith(f"{path}#urn:uuid:") and items[1].url == "https://news.example.org/good"


def test_truncated_warc_gz_keeps_the_records_before_the_cut(tmp_path):
    data = make_warc(True)
    path = write(tmp_path / "cut.warc.gz", data[: len(data) - 200])
    items = list(read_inputs([path]))
    found = docs(items)
    assert [d.title for d in found] == [t for t, _ in STORIES[:2]]
    assert isinstance(items[-1], ReadFailure) and items[-1].source == path
    assert "truncated gzip" in items[-1].reason


def test_truncated_plain_warc_is_reported(tmp_path):
    data = make_warc(False)
    path = write(tmp_path / "cut.warc", data[: len(data) - 150])
    items = list(read_inputs([path]))
    assert len(docs(items)) == 2
    assert isinstance(items[-1], ReadFailure) and "truncated" in items[-1].reason


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_every_cut_of_a_warc_keeps_only_complete_documents(tmp_path, gz):
    ends: list[int] = []
    data = make_warc(gz, ends)
    for cut in range(1, len(data), 41):
        path = write(tmp_path / f"c{cut}.warc", data[:cut])
        items = list(read_inputs([path]))
        for doc in docs(items):
            assert "hospitals in the city." in doc.text  # never half a page
        # a cut exactly between records (or inside the blank lines after one) looks like a shorter file
        if not any(end - 4 <= cut <= end for end in ends):
            assert failures(items), f"cut at {cut} went unnoticed"
        pages = [(ends[n - 1], ends[n]) for n in (1, 4, 5)]  # (start, end) of the records holding articles
        # every article whose record is complete is kept; one whose record is cut in its last bytes (blank
        # lines, gzip trailer) may be kept whole, as the text check above shows; none is invented
        assert sum(end <= cut for _, end in pages) <= len(docs(items)) <= sum(start < cut for start, _ in pages)


# --- dispatch: folders, order, stdin, guards ----------------------------------------------------


def test_supported_suffixes_and_format_of():
    for suffix in (".txt", ".html", ".htm", ".jsonl", ".csv", ".tsv", ".rss", ".atom", ".xml", ".warc", ".warc.gz"):
        assert suffix in SUPPORTED_SUFFIXES
    assert format_of("a/B.HTML") == ("html", False)
    assert format_of("x.jsonl.gz") == ("jsonl", True)
    assert format_of("crawl.warc.gz") == ("warc", True)
    assert format_of("photo.png") == (None, False)


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    root = tmp_path / "corpus"
    for name in ("b.txt", "a/z.txt", "a.txt", "a/b/c.txt", ".hidden.txt", ".git/x.txt", "image.png", "notes.md"):
        write(root / name, f"Report from {name}: two soldiers wounded.")
    first = [d.source for d in read_inputs([str(root)])]
    expected = [str(root / p) for p in ("a/b/c.txt", "a/z.txt", "a.txt", "b.txt")]
    assert first == expected
    assert [d.source for d in read_inputs([str(root)])] == first  # deterministic


def test_paths_keep_their_order_and_missing_paths_fail(tmp_path):
    a = write(tmp_path / "a.txt", "First report.")
    b = write(tmp_path / "b.html", ARTICLE_HTML.format(title="Second", body=STORIES[1][1], meta=""))
    items = list(read_inputs([b, str(tmp_path / "missing.txt"), a]))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure", "Document"]
    assert items[0].title == "Second" and items[2].text == "First report."
    assert items[1].reason == "no such file or directory"


def test_unknown_suffix_named_explicitly_is_tried(tmp_path):
    text = write(tmp_path / "report", "Two civilians were killed.")
    page = write(tmp_path / "saved", "<!DOCTYPE html>" + ARTICLE_HTML.format(title="Saved", body=STORIES[0][1], meta=""))
    found = docs(read_inputs([text, page]))
    assert found[0].text == "Two civilians were killed."
    assert found[1].title == "Saved" and "<p>" not in found[1].text


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("html", [False, True])
def test_stdin(monkeypatch, html):
    data = ("<!doctype html>" + ARTICLE_HTML.format(title="Piped", body=STORIES[2][1], meta="")) if html else SHELLING
    monkeypatch.setattr(sys, "stdin", _Stdin(data.encode()))
    [doc] = read_inputs(["-"], published="2023-05-05")
    assert doc.source == "<stdin>" and doc.published == "2023-05-05"
    if html:
        assert doc.title == "Piped" and STORIES[2][1] in doc.text
    else:
        assert doc.text == SHELLING


def test_a_reader_crash_is_contained(tmp_path, monkeypatch):
    import sitrep.read.dispatch as dispatch

    def explode(*args, **kwargs):
        raise RuntimeError("parser bug")
        yield  # pragma: no cover

    monkeypatch.setattr(dispatch, "read_csv", explode)
    bad = write(tmp_path / "a.csv", "text\nx\n")
    good = write(tmp_path / "b.txt", "Still read.")
    items = list(read_inputs([bad, good]))
    assert isinstance(items[0], ReadFailure) and "parser bug" in items[0].reason and items[0].source == bad
    assert items[1].text == "Still read."


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = write(tmp_path / "locked.txt", "x")
    os.chmod(path, 0)
    [fail] = read_inputs([path])
    assert fail.reason.startswith("cannot open")


def test_read_path_matches_read_inputs(tmp_path):
    path = write(tmp_path / "r.txt", SHELLING)
    assert [d.to_dict() for d in read_path(path)] == [d.to_dict() for d in read_inputs([path])]


# --- damaged inputs never raise -----------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SAMPLES = {
    "r.txt": SHELLING.encode(),
    "p.html": ARTICLE_HTML.format(title="Kupiansk", body=STORIES[1][1], meta="").encode(),
    "b.jsonl": (json.dumps({"id": "x", "text": SHELLING}) + "\n" + json.dumps({"text": STORIES[0][1]}) + "\n").encode(),
    "t.csv": f'title,text\nA,"{STORIES[0][1]}"\nB,"{STORIES[2][1]}"\n'.encode(),
    "f.rss": RSS.encode(),
    "c.warc.gz": make_warc(True),
    "c.jsonl.gz": gzip.compress(json.dumps({"text": SHELLING}).encode() + b"\n"),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(_SAMPLES)), cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=3))
def test_damaged_files_give_documents_or_failures_never_exceptions(tmp_path, name, cut, flips):
    data = bytearray(_SAMPLES[name][: int(len(_SAMPLES[name]) * cut)])
    for where, value in flips:
        if data:
            data[min(int(where * len(data)), len(data) - 1)] = value
    path = write(tmp_path / name, bytes(data))
    items = list(read_inputs([path]))
    assert all(isinstance(i, (Document, ReadFailure)) for i in items)
    for doc in docs(items):
        assert isinstance(doc.text, str) and doc.source.startswith(path)
    for fail in failures(items):
        assert fail.source.startswith(path) and fail.reason
