"""Which figure of a headline is its death toll, told in headline grammar: wire labels before the first
word, incidents counted beside the dead, one person told without an article or figure, the wounded who
died, and a comparison's "since" that starts no period. Our own headlines, from several wars."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.extract.context import Context
from sitrep.extract.counts import find_counts


def killed(text: str) -> list[int | None]:
    x = sitrep.extract(text, published="2021-03-01")
    return [c.count.best if c.count else None for c in x.claims if c.measure == ["killed"] and c.scope == "incident"]


@pytest.mark.parametrize("text, figure", [
    ("UPDATE 2-Seven soldiers killed as fighting spreads in central Mali", 7),
    ("RPT-Four police officers killed in ambush near Tumaco", 4),
    ("UPDATE 1-EXCLUSIVE-Thirty-one miners dead after militia raid", 31),
    ("CORRECTED-Nine civilians killed in shelling of market", 9),
])
def test_a_figure_right_after_a_wire_label_is_the_headlines_toll(text, figure):
    assert killed(text) == [figure]


@pytest.mark.parametrize("text", ["UPDATE 3-Army says it repelled attack on border post",
                                  "UPDATE 12-Talks on ceasefire stall in capital"])
def test_a_wire_labels_version_number_is_no_count(text):
    assert find_counts(Context.from_text(text)) == []


def test_a_hyphenated_figure_outside_a_wire_label_stays_glued():
    assert [m.value.best for m in find_counts(Context.from_text("BMP-2 crew of three killed"))] == [3]


@pytest.mark.parametrize("text, figure", [
    ("Soldier killed amid four ceasefire violations - army", 1),
    ("Police officer killed amid 5 truce breaches", 1),
    ("One Kurdish fighter killed in 24 enemy shellings overnight", 1),
    ("Army says 12 rebels killed in three ambushes", 12),
])
def test_incidents_counted_beside_the_dead_are_no_toll(text, figure):
    assert killed(text) == [figure]


@pytest.mark.parametrize("text", [
    "Syrian army officer reported killed in Idlib",
    "Journalist believed killed in Mogadishu blast",
    "Ukrainian soldier reported killed near Bakhmut",
])
def test_one_person_reported_killed_is_a_claim_of_one_and_no_speaker(text):
    x = sitrep.extract(text, published="2021-03-01")
    assert [c.count.best for c in x.claims if c.measure == ["killed"]] == [1]
    assert all(c.claimant.name is None or c.claimant.kind == "unknown" for c in x.claims)


@pytest.mark.parametrize("text", [
    "Army reports death of border guard in mortar attack",
    "Rebels report death of fighter in government shelling",
    "The death of a soldier was confirmed on Monday",
    "Officials announced the killing of a journalist in Kabul",
    "Rebels violate truce 20 times, killing soldier - army",
    "Drone strike kills teenager in Gaza",
])
def test_one_person_killed_told_as_a_noun_or_without_article(text):
    assert killed(text) == [1]


@pytest.mark.parametrize("text, figure", [
    ("Two wounded paratroopers die in hospital", 2),
    ("Three injured miners died in hospital, officials say", 3),
    ("Four wounded soldiers have died of their wounds, brigade says", 4),
])
def test_the_wounded_who_died_are_dead(text, figure):
    assert killed(text) == [figure]


@pytest.mark.parametrize("text, figure", [
    ("Five Afghan policemen killed in bloodiest week since March", 5),
    ("Four soldiers killed in the deadliest day since the start of the year", 4),
    ("Six protesters shot dead in the worst violence since 2019", 6),
])
def test_a_comparisons_since_starts_no_period(text, figure):
    assert killed(text) == [figure]


def test_a_period_since_a_month_is_still_a_running_total():
    x = sitrep.extract("Twelve soldiers killed since March, army says", published="2021-06-01")
    assert [c.scope for c in x.claims if c.measure == ["killed"]] == ["cumulative"]


@pytest.mark.parametrize("text, measure, figure", [
    ("Army captures two rebel commanders - military spokesman", "captured", 2),
    ("Rebels capture 12 soldiers near border, army says", "captured", 12),
    ("Gunmen kidnap five aid workers in Darfur", "captured", 5),
    ("Police arrest three suspects over market bombing", "detained", 3),
    ("Security service detains two men accused of spying", "detained", 2),
])
def test_headline_present_tense_of_capture_and_arrest_counts_people(text, measure, figure):
    x = sitrep.extract(text, published="2021-03-01")
    assert [(c.measure, c.count.best) for c in x.claims] == [([measure], figure)]


def test_capturing_a_town_is_no_claim():
    assert sitrep.extract("Troops capture the town of Kupiansk", published="2022-09-10").claims == []


def test_an_operation_to_detain_someone_is_no_claim():
    text = "Forces conducted a raid to detain a militant leader in Zhari district"
    assert [c for c in sitrep.extract(text, published="2011-05-02").claims if c.measure == ["detained"]] == []


@pytest.mark.parametrize("text, figure", [
    ("The army's response made it possible to neutralise five attackers and capture three others", 5),
    ("Troops neutralize two gunmen near the border - army", 2),
])
def test_neutralise_in_the_present_counts_the_dead(text, figure):
    assert killed(text) == [figure]


@pytest.mark.parametrize("body", ["", "\n\nThe market reopened on Monday.", "\n\nOfficials gave no further details."])
def test_a_headline_keeps_its_one_dead_whatever_follows_it(body):
    # the capital opening the body's next line is no name after the noun ("the death of leader X")
    assert killed("Roadside bomb kills Malian soldier" + body) == [1]


@pytest.mark.parametrize("before", ["", "\n", "\u2028", "  "])
def test_a_wire_label_after_any_line_break_is_still_a_label(before):
    text = before + "UPDATE 3-Two Somali soldiers killed in ambush near Baidoa - officials"
    x = sitrep.extract(text, published="2021-03-01")
    assert [(c.count.best, c.subject.text) for c in x.claims] == [(2, "soldiers")]
