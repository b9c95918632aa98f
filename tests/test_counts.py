"""The counts stage: figures, their hedges, what they count, and what is not a count of people."""

from __future__ import annotations

import pytest

from sitrep.extract.context import Context
from sitrep.extract.counts import find_counts, parse_number
from tests.conftest import needs_shared


def counts(sentence: str):
    return find_counts(Context.from_text(sentence, published="2022-04-08"))


def only(sentence: str):
    found = counts(sentence)
    assert len(found) == 1, [(m.text(sentence), m.value) for m in found]
    return found[0]


# --- parse_number ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("55", 55),
        ("20,000", 20000),
        ("1.5 million", 1_500_000),
        ("20k", 20000),
        ("twenty-five", 25),
        ("sixty-five", 65),
        ("Seven", 7),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("a hundred thousand", 100_000),
        ("three million", 3_000_000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["banana", "1.5", "", "twenty banana"])
def test_parse_number_rejects_what_is_not_a_whole_number(text):
    assert parse_number(text) is None


# --- figures with their counted noun ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, best, noun, group",
    [
        ("Shelling kills 3 civilians in Donetsk.", 3, "civilians", "civilians"),
        ("The air weapons team engaged the enemy position, killing two insurgents.", 2, "insurgents", "military"),
        ("Afghan and coalition forces detained three suspects in Khost province.", 3, "suspects", "unknown"),
        ("Sixty-five servicemen were returned in the prisoner exchange.", 65, "servicemen", "military"),
        ("Rescuers recovered a dozen bodies from the rubble in Izium.", 12, "bodies", "unknown"),
        ("One more Ukrainian protester died of his wounds in hospital.", 1, "protesters", "civilians"),
        ("The strike killed 14 Ukrainian Armed Forces soldiers near Bakhmut.", 14, "soldiers", "military"),
        ("Two U.S. soldiers were wounded in the blast.", 2, "soldiers", "military"),
        ("A mortar round killed three civilian workers at the market.", 3, "workers", "civilians"),
        ("The ambush left 1,200 Russian paratroopers cut off.", 1200, "paratroopers", "military"),
        ("Police said 1.5 million people had fled the region.", 1_500_000, "people", "unknown"),
        ("The ministry put the toll at 20k troops.", 20000, "troops", "military"),
        ("Two of the soldiers were later found alive.", 2, "soldiers", "military"),
    ],
)
def test_exact_counts_and_nouns(sentence, best, noun, group):
    m = only(sentence)
    assert m.value.best == best and m.value.qualifier == "exact"
    assert m.attrs["noun"] == noun
    assert m.attrs["group"] == group
    assert sentence[m.attrs["noun_span"].start : m.attrs["noun_span"].end].lower().startswith(noun[:4].lower())


def test_headline_count_without_a_noun_still_counts():
    m = only("Five dead as police launch assault on protesters")
    assert m.value.best == 5 and m.attrs["noun"] is None and m.attrs["group"] == "unknown"
    assert m.text("Five dead as police launch assault on protesters") == "Five"


@pytest.mark.parametrize(
    "sentence, qualifier, best, low, high, phrase",
    [
        ("About 60 servicemen from Pskov refused to go to war.", "approximately", 60, None, None, "About 60 servicemen"),
        ("Ukraine claimed that the 60 or so troops were elite paratroopers.", "approximately", 60, None, None, "60 or so troops"),
        ("The death toll reportedly nears 20,000, according to Ukrainian estimates.", "approximately", 20000, None, None, "reportedly nears 20,000"),
        ("Some 300 fighters surrendered at the steel plant.", "approximately", 300, None, None, "Some 300 fighters"),
        ("Nearly 2,000 children have been evacuated from Sumy.", "approximately", 2000, None, None, "Nearly 2,000 children"),
        ("At least 12 people were killed when a missile hit the station.", "at_least", None, 12, None, "At least 12 people"),
        ("The offensive killed more than 30 insurgents in Helmand.", "at_least", None, 30, None, "more than 30 insurgents"),
        ("Fewer than 10 soldiers of the company survived.", "at_most", None, None, 10, "Fewer than 10 soldiers"),
        ("Up to 300 paratroopers refused to deploy.", "up_to", None, None, 300, "Up to 300 paratroopers"),
        ("Officials said as many as 1,500 troops were encircled.", "up_to", None, None, 1500, "as many as 1,500 troops"),
        ("Between 10 and 15 militants were killed in the raid.", "range", None, 10, 15, "Between 10 and 15 militants"),
        ("The shelling killed 10-15 fighters, the statement said.", "range", None, 10, 15, "10-15 fighters"),
        ("Two or three civilians were wounded.", "range", None, 2, 3, "Two or three civilians"),
        ("The battalion lost 300-plus soldiers near Vuhledar.", "at_least", None, 300, None, "300-plus soldiers"),
        ("HAUNTING video shows the pictures of all 55 soldiers from one elite regiment.", "exact", 55, None, None, "all 55 soldiers"),
    ],
)
def test_hedged_counts(sentence, qualifier, best, low, high, phrase):
    found = [m for m in counts(sentence) if m.value.qualifier == qualifier]
    assert len(found) == 1, [(m.text(sentence), m.value) for m in counts(sentence)]
    m = found[0]
    assert (m.value.best, m.value.low, m.value.high) == (best, low, high)
    assert m.text(sentence) == phrase


def test_strict_comparatives_are_flagged():
    assert only("Security forces killed more than 30 insurgents.").attrs.get("strict") is True
    assert "strict" not in only("Security forces killed at least 30 insurgents.").attrs


@pytest.mark.parametrize(
    "sentence, low, high, noun",
    [
        ("Dozens of civilians were wounded in the strike on Kramatorsk station.", 24, 99, "civilians"),
        ("Hundreds of Russian troops were seen crossing the river.", 200, 999, "troops"),
        ("Tens of thousands of people marched in Kyiv.", 20000, 99999, "people"),
        ("Coalition forces detained several suspected insurgents.", 3, 9, "insurgents"),
        ("Several hundred conscripts refused to deploy.", 300, 999, "conscripts"),
        ("A few dozen fighters held out in the plant.", 24, 99, "fighters"),
    ],
)
def test_vague_quantities_give_bounds(sentence, low, high, noun):
    m = only(sentence)
    assert m.value.qualifier == "vague" and m.value.figure is None  # a vague word states no figure
    assert (m.value.low, m.value.high) == (None, None)
    assert (m.value.usual_low, m.value.usual_high) == (low, high)
    assert m.attrs["noun"] == noun


def test_noun_found_past_coordinated_measure_words():
    sentence = "A senior NATO official told AP that figure could be as high as 40,000 captured, injured or dead Russian troops."
    m = only(sentence)
    assert m.value.qualifier == "up_to" and m.value.high == 40000
    assert m.attrs["noun"] == "troops" and m.attrs["group"] == "military"
    noun_span = m.attrs["noun_span"]
    assert sentence[noun_span.start : noun_span.end] == "troops"
    assert sentence[m.attrs["number_span"].start : m.attrs["number_span"].end] == "40,000"


def test_coordinated_groups_are_mixed():
    assert only("The strike killed 15 soldiers and civilians.").attrs["group"] == "mixed"


def test_modifier_gives_the_group_when_the_noun_does_not():
    m = only("There were three civilian casualties.")
    assert m.attrs["noun"] == "casualties" and m.attrs["group"] == "civilians"


def test_two_counts_in_one_sentence():
    sentence = "Security forces responded, killing one and wounding two others."
    found = counts(sentence)
    assert [m.value.best for m in found] == [1, 2]
    assert found[1].attrs["noun"] == "others"


# --- what is not a count of people -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The dead of the 247th Guards Airborne Regiment include its commander.",
        "Putin believed he could seize control of Kyiv within 48 hours.",
        "An earlier captive Russian soldier from Pskov, Vladimir Safronov, 23, told his interrogators about rations.",
        "A 23-year-old conscript was taken prisoner.",
        "The column stopped 40 km from the border.",
        "A 152mm shell hit the school.",
        "Prices of bread rose 15% in a week.",
        "Turnout was 60 per cent.",
        "The fund pledged $5 million in aid.",
        "In 2014 the war in Donbas began.",
        "The convoy was hit on 14 August 2020.",
        "The convoy was hit on August 14, 2020.",
        "The sirens sounded at 10:30 local time.",
        "Article 5 of the treaty was invoked.",
        "The T-72 tank was abandoned near Kupiansk.",
        "No one was hurt in the explosion.",
        "Three houses were destroyed by the shelling.",
        "Two tanks and several armoured vehicles were destroyed.",
        "Joint Command - Afghanistan 2012-03-S-047 1402,1188, 1190, 1275",
        "The attack came in the 1990s.",
        "The 93rd Mechanized Brigade held the line.",
        "He was sentenced to three years in prison.",
        "The shelling went on for several hours.",
        "Dozens of kilometres of trenches were dug.",
        "For information call the hotline on 044 123 4567.",
        "Photo 3 of 12: the ruins of the drama theatre.",
        "A soldier aged 23 was among the prisoners.",
        "UPDATE 2-Ukraine says talks stalled",
    ],
)
def test_not_counts_of_people(sentence):
    assert counts(sentence) == [], [(m.text(sentence), m.value) for m in counts(sentence)]


def test_offsets_reproduce_the_text():
    sentence = "On Tuesday, about 60 servicemen and at least 12 civilians were reported missing near Izium."
    for m in counts(sentence):
        assert sentence[m.span.start : m.span.end] == m.text(sentence)
        assert m.span.contains(m.attrs["number_span"])
        if m.attrs["noun_span"] is not None:
            assert m.span.contains(m.attrs["noun_span"])


def test_deterministic():
    sentence = "Dozens of civilians and about 60 servicemen were killed; up to 300 troops were captured."
    first = [(m.span, m.value, m.attrs["noun"]) for m in counts(sentence)]
    assert first == [(m.span, m.value, m.attrs["noun"]) for m in counts(sentence)]
    assert len(first) == 3


# --- the seed article ------------------------------------------------------------------------------


@needs_shared
def test_seed_article_counts(shared):
    text = (shared / "seed" / "article-247th-regiment.txt").read_text(encoding="utf-8")
    found = find_counts(Context.from_text(text, published="2022-04-08"))
    by_figure = {}
    for m in found:
        figure = m.value.best if m.value.best is not None else m.value.high
        by_figure.setdefault(figure, []).append(m)

    assert any(m.value.qualifier == "exact" and m.attrs["noun"] == "soldiers" for m in by_figure[55])
    assert any("all 55 soldiers" in m.text(text) for m in by_figure[55])
    assert [m.value.qualifier for m in by_figure[20000]] == ["approximately"]
    (toll,) = by_figure[40000]
    assert toll.value.qualifier == "up_to" and toll.attrs["noun"] == "troops" and toll.attrs["group"] == "military"
    assert sorted(m.attrs["noun"] for m in by_figure[60]) == ["servicemen", "troops"]
    assert all(m.value.qualifier == "approximately" for m in by_figure[60])
    assert 48 not in by_figure and 23 not in by_figure and 247 not in by_figure
