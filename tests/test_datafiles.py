"""The one reader of the data files beside the code."""

from sitrep.datafiles import read_lines, read_table
from sitrep.lexicons import load_lines, load_table


def test_tables_skip_comments_and_blank_lines_and_strip_cells():
    rows = read_table("sitrep.lexicons", "side_words.tsv")
    assert rows and set(rows[0]) == {"word", "side", "country"}
    assert all(not row["word"].startswith("#") and row["word"] == row["word"].strip() for row in rows)
    assert load_table("side_words.tsv") is rows  # read once, shared


def test_lists_and_a_package_data_folder():
    surnames = read_lines("sitrep.resolve", "data/common_surnames.txt")
    assert surnames and all(s and s == s.strip() and not s.startswith("#") for s in surnames)
    assert load_lines("given_names.txt") == read_lines("sitrep.lexicons", "given_names.txt")
    weights = read_table("sitrep.resolve", "data/merge_weights.tsv")
    assert {"kind", "name", "value"} <= set(weights[0])
