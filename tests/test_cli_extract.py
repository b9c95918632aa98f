"""`sitrep extract` through click's CliRunner: the I/O contract (what is read, in which order, what a
bad file does to stdout, stderr and the exit status), not the facts the extraction stages find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main

REPORT = (
    "KHARKIV, March 3 - Russian shelling of a residential district in northern Kharkiv killed three "
    "civilians and wounded seven on Thursday, the regional governor said. Firefighters put out blazes "
    "in two apartment blocks."
)
PAGE = """<!DOCTYPE html><html><head><title>Drone strike on Sumy | Northern Herald</title>
<meta property="og:title" content="Drone strike on Sumy">
<meta property="og:site_name" content="Northern Herald">
<meta property="article:published_time" content="2023-05-02T10:00:00+03:00">
<link rel="canonical" href="https://herald.example.org/2023/05/02/sumy-drone"></head>
<body><nav>Home | Regions | Sport</nav><article><h1>Drone strike on Sumy</h1>
<p>A Russian drone hit an administrative building in the centre of Sumy early on Tuesday, killing two
employees and injuring eleven people, the regional military administration said.</p>
<p>Rescuers worked through the morning to clear the rubble, the State Emergency Service said.</p>
</article><footer>Northern Herald, all rights reserved</footer></body></html>
"""


def run(*args: str, stdin: bytes | str | None = None):
    return CliRunner().invoke(main, ["extract", *args], input=stdin)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, str]:
    txt = tmp_path / "kharkiv.txt"
    txt.write_text(REPORT, encoding="utf-8")
    html = tmp_path / "sumy.html"
    html.write_text(PAGE, encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        "\n".join([
            json.dumps({"id": "j1", "title": "Belgorod", "published": "2023-06-01", "url": "https://wire.example.net/j1",
                        "outlet": "Wire", "text": "Two people were injured when a drone hit a car park in Belgorod, the governor said."}),
            '{"id": "j2", "text": "unterminated',
            json.dumps({"id": "j3", "title": "Kherson", "text": "Shelling of Kherson killed a 58-year-old man on Sunday."}),
        ]) + "\n",
        encoding="utf-8",
    )
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    return {"txt": str(txt), "html": str(html), "jsonl": str(jsonl), "binary": str(binary)}


def test_mixed_inputs_in_order_with_failures(inputs):
    stdin_text = "Ukrainian air defences shot down 18 of 20 drones overnight, the air force said."
    result = run(inputs["txt"], inputs["binary"], inputs["html"], "-", inputs["jsonl"], "--published", "2022-03-03",
                 stdin=stdin_text)
    assert result.exit_code == 1
    out = lines(result.stdout)
    assert len(out) == 5  # txt, html, stdin, two good JSONL lines
    txt, html, piped, j1, j3 = out
    assert txt["title"] is None and txt["published"] == "2022-03-03"  # the default date for an undated file
    assert html["title"] == "Drone strike on Sumy"
    assert html["published"] == "2023-05-02"  # the page's own date beats --published
    assert html["url"] == "https://herald.example.org/2023/05/02/sumy-drone" and html["outlet"] == "Northern Herald"
    assert piped["published"] == "2022-03-03" and piped["id"] not in (txt["id"], html["id"])
    assert (j1["id"], j1["title"], j1["published"], j1["outlet"]) == ("j1", "Belgorod", "2023-06-01", "Wire")
    assert (j3["id"], j3["published"]) == ("j3", "2022-03-03")
    for obj in out:  # the output contract's top-level keys, whatever the stages found
        for key in ("id", "language", "events", "claims", "people", "units", "places"):
            assert key in obj
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert inputs["binary"] in errors[0] and "binary file, not text" in errors[0]
    assert f"{inputs['jsonl']}:2" in errors[1] and "JSON" in errors[1]
    assert inputs["binary"] not in result.stdout


def test_all_good_inputs_exit_zero(inputs):
    result = run(inputs["txt"], inputs["html"])
    assert result.exit_code == 0, result.stderr
    assert [o["title"] for o in lines(result.stdout)] == [None, "Drone strike on Sumy"]
    assert result.stderr == ""


def test_same_input_same_output(inputs):
    first = run(inputs["txt"], inputs["html"], inputs["jsonl"])
    second = run(inputs["txt"], inputs["html"], inputs["jsonl"])
    assert first.stdout == second.stdout and first.stdout


def test_stdin_html_is_read_as_a_page():
    result = run("-", stdin=PAGE)
    assert result.exit_code == 0
    [obj] = lines(result.stdout)
    assert obj["title"] == "Drone strike on Sumy" and obj["published"] == "2023-05-02"


def test_text_format_prints_a_summary_per_document(inputs):
    result = run("--format", "text", inputs["html"], inputs["txt"], "--published", "2022-03-03")
    assert result.exit_code == 0
    headers = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert len(headers) == 2
    assert headers[0].startswith("== Drone strike on Sumy") and "[2023-05-02]" in headers[0]
    assert "Northern Herald" in headers[0]
    assert "[2022-03-03]" in headers[1]
    assert headers[1].startswith("== KHARKIV, March 3 - Russian shelling")  # untitled: its first words, not its id
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout.splitlines()[0])


@pytest.mark.parametrize("bad", ["2022-13-01", "the eighth", "2022-02-30"])
def test_published_must_be_a_date(inputs, bad):
    result = run(inputs["txt"], "--published", bad)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert result.stdout == ""


def test_missing_file_is_named_and_the_rest_still_printed(inputs, tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    result = run(missing, inputs["txt"])
    assert result.exit_code == 1
    assert missing in result.stderr
    assert len(lines(result.stdout)) == 1


def test_folder_argument_reads_its_files(inputs, tmp_path):
    result = run(str(tmp_path))
    # batch.jsonl (2 good lines), kharkiv.txt, scan.txt (binary), sumy.html: sorted by name
    assert result.exit_code == 1
    titles = [o["title"] for o in lines(result.stdout)]
    assert titles == ["Belgorod", "Kherson", None, "Drone strike on Sumy"]


def test_an_empty_text_file_is_a_failure_with_a_reason(tmp_path, inputs):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = run(str(empty), inputs["txt"])
    assert result.exit_code == 1 and len(lines(result.stdout)) == 1
    assert str(empty) in result.stderr and "empty text" in result.stderr


def test_extract_help_lists_every_format_it_reads():
    from sitrep.read.dispatch import SUPPORTED_SUFFIXES

    help_text = CliRunner().invoke(main, ["extract", "--help"]).output
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in help_text, suffix
    assert ".gz" in help_text and "stdin" in help_text
