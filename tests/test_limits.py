"""Pathological input, each bounded in time and memory by the documented limits (sitrep/limits.py,
docs/reliability.md): a 10 MB article, a 1,000,000-character line, deeply nested HTML, gzip bombs, invalid
UTF-8, NUL bytes, right-to-left and emoji text, 100,000 numbers in one document.

The heavy cases run in a child process that reports its CPU time, wall time and peak memory (RSS growth
after imports and a warm-up extraction). Bounds are generous: the machine is shared and loaded; what they
catch is a limit that no longer holds (minutes instead of seconds, gigabytes instead of megabytes).
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import sitrep
from sitrep import limits
from sitrep.model import Document
from sitrep.read import ReadFailure, read_path
from sitrep.read.html import read_html
from sitrep.read.jsonl import read_jsonl
from sitrep.schema import validate

sys.path.insert(0, str(Path(__file__).parent))
from test_fuzz_extract import check_extraction, spans  # noqa: E402

PARAGRAPH = ("KHARKIV, March 3, 2022 — Russian artillery shelled residential districts of Kharkiv overnight, the "
             "regional governor Oleh Synehubov said on Telegram. Twelve civilians were killed and 25 wounded, "
             "according to the governor. Soldiers of the 93rd Mechanised Brigade repelled an attack near Izium, "
             "the General Staff said.\n\n")

CHILD = """
import json, resource, sys, time
import sitrep
from sitrep import limits
sitrep.extract("Russian shelling killed two civilians in Kharkiv on Tuesday, the governor said.")
_base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
_cpu, _wall = time.process_time(), time.perf_counter()
result = {{}}
{body}
result.update(cpu=time.process_time() - _cpu, wall=time.perf_counter() - _wall,
              peak_mb=(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - _base) / 1024)
print(json.dumps(result))
"""


def run_child(body: str, timeout: float = 300) -> dict:
    """Run ``body`` (which fills ``result``) in a fresh interpreter; its result with cpu, wall and peak_mb."""
    code = CHILD.format(body=textwrap.dedent(body))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          cwd=Path(__file__).parent)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the extractor ------------------------------------------------------------------------------------


def test_a_10_mb_article_is_refused_at_once_with_the_limit_named(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text((PARAGRAPH * (10_000_000 // len(PARAGRAPH) + 1))[:10_000_000], encoding="utf-8")
    result = run_child(f"""
        from sitrep.ingest import ingest
        try:
            sitrep.extract(open({str(path)!r}, encoding="utf-8").read())
        except limits.TextTooLong as exc:
            result["refused"] = str(exc)
        summary = ingest([{str(path)!r}], {str(tmp_path / "s.db")!r}, progress=False)
        result["summary"] = summary.to_dict()
    """)
    assert "10,000,000 characters is longer than sitrep extracts (5,000,000" in result["refused"]
    assert result["summary"]["failed"] == 1 and result["summary"]["new"] == 0
    assert "TextTooLong" in result["summary"]["failures"][0] and "huge.txt" in result["summary"]["failures"][0]
    assert result["wall"] < 60 and result["peak_mb"] < 600, result


def test_a_single_line_of_a_million_characters_is_extracted_in_parts():
    result = run_child("""
        from sitrep.schema import validate
        para = %r.replace("\\n", " ")
        text = (para * (1_000_000 // len(para) + 1))[:1_000_000]
        x = sitrep.extract(text, published="2022-03-03").to_dict()
        validate(x)
        result["claims"] = len(x["claims"])
        result["last_claim"] = max(c["evidence"]["start"] for c in x["claims"])
        result["bad_spans"] = sum(1 for c in x["claims"] if not 0 <= c["evidence"]["start"] < c["evidence"]["end"] <= len(text))
        result["evidence_ok"] = all(text[c["evidence"]["start"]:c["evidence"]["end"]].strip() for c in x["claims"])
        result["ids_unique"] = len({c["id"] for c in x["claims"]}) == len(x["claims"])
    """ % PARAGRAPH)
    assert result["claims"] > 1000 and result["last_claim"] > 990_000  # the end of the line was read too
    assert result["bad_spans"] == 0 and result["evidence_ok"] and result["ids_unique"]
    assert result["cpu"] < 60 and result["wall"] < 180 and result["peak_mb"] < 800, result


def test_100000_numbers_in_one_document_are_bounded():
    result = run_child("""
        import random
        rng = random.Random(7)
        def sentence(i):
            numbers = ", ".join(str(rng.randint(1, 99999)) for _ in range(49))
            return f"The register for district {i} lists buildings {numbers}, where {rng.randint(1, 40)} people were killed."
        text = " ".join(sentence(i) for i in range(2040))
        result["numbers"] = sum(1 for i, c in enumerate(text) if c.isdigit() and not text[i - 1].isdigit())
        result["claims"] = len(sitrep.extract(text).claims)
    """)
    assert result["numbers"] >= 100_000
    assert result["claims"] >= 1000
    assert result["cpu"] < 60 and result["wall"] < 180 and result["peak_mb"] < 800, result


def test_one_sentence_of_thousands_of_counts_is_cut_into_pieces():
    """Before MAX_SENTENCE_CHARS, a single 'sentence' of 100,000 counts ran for more than ten minutes."""
    text = "Deaths by village, the governor said: " + ", ".join(f"{n % 97 + 1} killed" for n in range(3000)) + "."
    result = run_child(f"result['claims'] = len(sitrep.extract({text!r}).claims)")
    assert result["claims"] > 1000 and result["cpu"] < 30, result


def test_right_to_left_and_emoji_text_keeps_valid_offsets():
    text = ("\u202eتقرير\u202c 🇺🇦 Russian shelling killed 12 civilians 👨‍👩‍👧‍👦 in Kharkiv on Tuesday, the regional "
            "governor said. שלום \u200f(ח)\u200f — 😀😀 A drone strike wounded 3 soldiers near Bakhmut, the General "
            "Staff said. e\u0301\u0301 Z̤͔ͧ̑̓ä͖̭̈̇lgͮ̍ o\U0001F600\n")
    out = check_extraction(text, "2022-03-03")
    evidence = [text[c["evidence"]["start"]:c["evidence"]["end"]] for c in out["claims"]]
    assert any("12 civilians" in e for e in evidence) and any("3 soldiers" in e for e in evidence), evidence
    assert all(0 <= s < e <= len(text) for _, s, e in spans(out))


# --- the readers --------------------------------------------------------------------------------------


def _gzip_bomb(path: Path, member: bytes, repeats: int) -> int:
    """A gzip file of ``repeats`` copies of one compressed member: len(member) * repeats bytes unpacked."""
    packed = gzip.compress(member, compresslevel=9)
    path.write_bytes(packed * repeats)
    return len(member) * repeats


def test_gzip_bombs_are_stopped_early_in_bounded_memory(tmp_path):
    paths = []
    for name in ("bomb.txt.gz", "bomb.jsonl.gz", "bomb.html.gz"):  # read whole, streamed by line, read whole
        paths.append(str(tmp_path / name))
        unpacked = _gzip_bomb(tmp_path / name, b"a" * (16 * 2**20), 256)  # 4 GiB from ~4 MB
        assert unpacked == 4 * 2**30 and (tmp_path / name).stat().st_size < 8 * 2**20
    result = run_child(f"""
        from sitrep.read import read_path
        result["items"] = [[(type(i).__name__, getattr(i, "reason", None)) for i in read_path(p)] for p in {paths!r}]
    """)
    for items in result["items"]:
        assert "Document" not in [kind for kind, _ in items], items
        assert any("gzip bomb" in (reason or "") for _, reason in items), items
    assert result["wall"] < 90 and result["peak_mb"] < 400, result


def test_a_large_legitimate_gzip_file_is_still_read(tmp_path, monkeypatch):
    """The bomb check looks at the ratio, not the size: varied JSON lines past the check decompress fine."""
    monkeypatch.setattr(limits, "GZIP_RATIO_AFTER", 2**20)
    lines = b"".join(json.dumps({"text": f"Report {n}: {n % 50} civilians were killed in shelling, officials said.",
                                 "url": f"https://example.org/{n}"}).encode() + b"\n" for n in range(40_000))
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(lines, compresslevel=9))
    assert len(lines) > 3 * limits.GZIP_RATIO_AFTER
    count = sum(1 for item in read_path(str(path)) if isinstance(item, Document))
    assert count == 40_000


def test_a_jsonl_line_over_the_limit_is_one_failure_and_the_next_lines_are_read(monkeypatch):
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 1000)
    good = json.dumps({"text": "Two soldiers were killed near Bakhmut, the General Staff said."}).encode()
    data = good + b"\n" + b'{"text": "' + b"x" * 50_000 + b'"}\n' + good.replace(b"Two", b"Three") + b"\n"
    items = list(read_jsonl(io.BufferedReader(io.BytesIO(data)), "b.jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure", "Document"]
    assert items[1].line == 2 and "longer than" in items[1].reason and items[2].text.startswith("Three")


def test_a_file_over_the_limit_is_refused_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10_000)
    path = tmp_path / "long.txt"
    path.write_text(PARAGRAPH * 100, encoding="utf-8")
    [failure] = read_path(str(path))
    assert isinstance(failure, ReadFailure) and "larger than" in failure.reason and "limit" in failure.reason


@pytest.mark.parametrize("depth", [1_500, 100_000])
def test_deeply_nested_html_is_read_or_refused_clearly(depth):
    page = ("<html><body>" + "<div>" * depth + "<p>Russian shelling killed two civilians in Kherson, the governor "
            "said.</p>" + "</div>" * depth + "</body></html>").encode()
    [item] = read_html(page, "deep.html")
    if depth <= limits.MAX_HTML_DEPTH:
        assert isinstance(item, Document) and "killed two civilians" in item.text
    else:
        assert isinstance(item, ReadFailure) and f"nested deeper than {limits.MAX_HTML_DEPTH}" in item.reason


def test_invalid_utf8(tmp_path):
    broken = ("Russian shelling killed two civilians in Kherson, the governor said. Київ " * 20).encode()
    broken = broken[:200] + b"\xff\xfe\xc3" + broken[200:] + b"\xe2\x82"  # stray bytes and a cut character
    (tmp_path / "broken.txt").write_bytes(broken)
    [doc] = read_path(str(tmp_path / "broken.txt"))
    assert isinstance(doc, Document) and "\ufffd" in doc.text and "Київ" in doc.text
    check_extraction(doc.text)
    lines = [json.dumps({"text": "Two soldiers were killed."}).encode(), b'{"text": "bad \xff byte"}',
             json.dumps({"text": "Three soldiers were wounded."}).encode()]
    (tmp_path / "b.jsonl").write_bytes(b"\n".join(lines))
    items = list(read_path(str(tmp_path / "b.jsonl")))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure", "Document"]
    assert items[1].line == 2 and "not UTF-8" in items[1].reason


def test_nul_bytes(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"Two soldiers\x00 were killed near Bakhmut.")
    [failure] = read_path(str(tmp_path / "nul.txt"))
    assert isinstance(failure, ReadFailure) and "binary" in failure.reason
    (tmp_path / "nul.jsonl").write_text(json.dumps({"text": "Two soldiers\u0000 were killed near Bakhmut, the "
                                                    "General Staff said.\u0000"}) + "\n", encoding="utf-8")
    [doc] = read_path(str(tmp_path / "nul.jsonl"))
    assert "\x00" in doc.text
    out = check_extraction(doc.text)
    assert all("\x00" not in doc.text[s:e] or e - s > 1 for _, s, e in spans(out))


# --- the limits module itself -------------------------------------------------------------------------


def test_parts_cover_the_text_and_cut_at_boundaries():
    text = (PARAGRAPH * 300) + "x" * 50_000 + " tail"
    bounds = limits.part_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))  # contiguous, nothing lost or repeated
    assert all(0 < end - start <= limits.PART_CHARS for start, end in bounds)
    in_paragraphs = [end for _, end in bounds if end < 300 * len(PARAGRAPH)]
    assert in_paragraphs and all(text[end - 2:end] == "\n\n" for end in in_paragraphs)  # paragraph breaks first


def test_parts_give_one_extraction_with_consistent_ids():
    text = PARAGRAPH * 150  # ~48,000 characters: three parts
    x = sitrep.extract(text, published="2022-03-03").to_dict()
    validate(x)
    for key in ("events", "claims", "people", "units"):
        ids = [item["id"] for item in x[key]]
        assert len(ids) == len(set(ids)), key
    events = {e["id"] for e in x["events"]}
    claims = {c["id"] for c in x["claims"]}
    assert all(c["event_id"] in events for c in x["claims"] if c["event_id"])
    assert all(set(e["claim_ids"]) <= claims for e in x["events"])
    assert len({p["geonames_id"] for p in x["places"]}) == len(x["places"])  # Kharkiv once, all its evidence
    kharkiv = next(p for p in x["places"] if p["name"] == "Kharkiv")
    assert max(e["start"] for e in kharkiv["evidence"]) > 40_000
    assert all(text[e["start"]:e["end"]].lower() == "kharkiv" for e in kharkiv["evidence"])


def test_a_short_text_is_extracted_whole_as_before():
    text = PARAGRAPH * 3
    whole = sitrep.extract(text).to_dict()
    in_one_part = limits.extract_in_parts(Document(text=text), sitrep.extract_document).to_dict()
    assert whole == in_one_part


def test_long_sentences_are_capped():
    text = "Counts: " + ", ".join(str(n) for n in range(5000)) + ". Next sentence here."
    from sitrep.extract.context import split_sentences

    sentences = split_sentences(text)
    assert max(len(s) for s in sentences) <= limits.MAX_SENTENCE_CHARS
    assert text[sentences[-1].start:sentences[-1].end] == "Next sentence here."
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


def test_sitrep_extract_reports_a_text_too_long_and_goes_on(tmp_path, monkeypatch):
    """Found by this suite: `sitrep extract` on a text past MAX_TEXT_CHARS ended in a traceback."""
    from click.testing import CliRunner

    from sitrep.cli import main

    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 50_000)
    (tmp_path / "a-long.txt").write_text(PARAGRAPH * 200, encoding="utf-8")
    (tmp_path / "b-short.txt").write_text(PARAGRAPH, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "a-long.txt"), str(tmp_path / "b-short.txt")])
    assert result.exit_code == 1 and not isinstance(result.exception, limits.TextTooLong)
    assert "a-long.txt: text of" in result.output and "longer than sitrep extracts (50,000" in result.output
    assert result.output.count('"claims"') == 1  # the short file was still extracted
