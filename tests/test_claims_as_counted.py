"""Casualty claims as analysts count them: vague words without a figure, people named as the ones hit,
nobody hurt, running totals, and who says so when the speaker comes last. Sentences written for these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document
from sitrep.tolls import figure_of, least_of


def claims_of(text, published="2024-05-06"):
    return extract_document(Document(text=text, published=published)).claims


def found(text, measure):
    return [c for c in claims_of(text) if measure in c.measure]


# --- a vague word states no figure ------------------------------------------------------------------


@pytest.mark.parametrize("text, measure, usual_low", [
    ("Dozens of fighters were killed near Goma on Sunday, the army said.", "killed", 24),
    ("Police detained several protesters outside the parliament in Tbilisi.", "detained", 3),
    ("Hundreds of civilians have been wounded in the shelling of Kharkiv, officials say.", "wounded", 200),
    ("The rebels reportedly abducted scores of villagers from Kiwanja.", "captured", 40),
])
def test_a_vague_count_has_no_figure_but_keeps_its_usual_bounds(text, measure, usual_low):
    [claim] = found(text, measure)
    assert figure_of(claim.count) is None and claim.count.qualifier == "vague"
    assert (claim.count.best, claim.count.low, claim.count.high) == (None, None, None)
    assert claim.count.usual_low == usual_low and least_of(claim.count) == usual_low
    assert claim.scope == "incident"


# --- people named as the ones killed, wounded, detained ---------------------------------------------


@pytest.mark.parametrize("text, measure, count", [
    ("Corporal Juan Pérez García, 28, of Cali, was killed on Monday in an ambush near Tumaco, the army said.", "killed", 1),
    ("Lieutenant Amadou Traoré, 31, a platoon commander from Mopti, was reportedly killed near Boni.", "killed", 1),
    ("Private Tomasz Nowak, 22, of Lublin, and Sergeant Piotr Zielinski, 35, of Radom, died when a shell hit their trench.",
     "killed", 2),
    ("Gunmen shot dead Ahmed Abdi Farah, 40, outside a mosque in Baidoa on Friday.", "killed", 1),
    ("Police arrested opposition spokesman Kofi Mensah in Accra on Friday.", "detained", 1),
])
def test_a_named_person_hit_is_a_claim_of_one_each(text, measure, count):
    claims = found(text, measure)
    assert [figure_of(c.count) for c in claims] == [count]


def test_a_person_named_in_passing_is_not_counted():
    text = "The photographs of the dead soldiers include Colonel Viktor Antonov, a veteran of Chechnya."
    assert not claims_of(text)
    speaker = "Maria Lopez, 63, said soldiers took her son from the house in Chilapa."
    assert not found(speaker, "killed")


def test_one_person_with_a_possessive_or_an_article():
    text = "A drone hit a car on the Kherson road, killing a driver and wounding his child."
    assert sorted((c.measure[0], figure_of(c.count)) for c in claims_of(text)) == [("killed", 1), ("wounded", 1)]


def test_a_number_that_counts_the_speakers_leaves_the_fate_word_to_the_named_victim():
    text = "Two neighbours said soldiers shot dead Hassan Omar Ali, 52, in the market of Beledweyne."
    assert [figure_of(c.count) for c in found(text, "killed")] == [1]


# --- nobody hurt ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, measure", [
    ("No soldier was killed in the attack on the base near Gao.", "killed"),
    ("No Kenyan or Somali personnel were wounded during the raid.", "wounded"),
    ("No civilians were harmed in the strike, the coalition said.", "killed"),
])
def test_none_hurt_is_a_figure_of_zero_not_one(text, measure):
    claims = found(text, measure)
    assert claims and all(figure_of(c.count) == 0 for c in claims)


# --- totals over a period, rates -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Security forces have detained 40 suspects in five operations in Kunduz since Mar. 3.",
    "Police said 12 people had been killed in the province over the past month.",
    "Officials in Kyiv said the attackers were losing up to 100 fighters per day near Bakhmut.",
])
def test_a_total_over_a_period_or_a_rate_is_no_incident_toll(text):
    claims = claims_of(text)
    assert claims and all(c.scope == "cumulative" for c in claims)


def test_a_day_after_is_still_one_incident():
    [claim] = claims_of("A day after the blast in Quetta, police said three people were killed.")
    assert claim.scope == "incident" and figure_of(claim.count) == 3


# --- who says so when the speaker comes last --------------------------------------------------------


@pytest.mark.parametrize("text, claimant", [
    ("Sergeant Oleh Bondar, 41, of Poltava, was killed on Sunday near Robotyne, the brigade said.", "brigade"),
    ("Private Ilya Sokolov, 20, died on May 3 when he stepped on a mine near Kreminna, his brother said.", "brother"),
    ("Junior Sergeant Aliyu Bello, 29, was killed in an ambush near Damboa, the statement said.", "statement"),
    ("Corporal Ramón Díaz Ortega was wounded in the clash near Arauca, according to his unit.", "unit"),
])
def test_the_speaker_named_after_the_victim_is_the_claimant(text, claimant):
    claims = claims_of(text)
    assert claims and all(claimant in (c.claimant.text or "").lower() for c in claims), [c.claimant for c in claims]


# --- which fate word a number takes -----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Two policemen were killed and four were wounded in the ambush near Tillabéri.", [("killed", 2), ("wounded", 4)]),
    ("Hospital staff said six fighters had died and nine were injured.", [("killed", 6), ("wounded", 9)]),
    ("One engineer was killed and seven others were hurt when the mine exploded.", [("killed", 1), ("wounded", 7)]),
    ("The shelling killed three civilians and wounded 11 in Kupiansk.", [("killed", 3), ("wounded", 11)]),
])
def test_a_number_takes_the_fate_word_it_is_the_subject_of(text, expected):
    assert sorted((c.measure[0], figure_of(c.count)) for c in claims_of(text)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("Militiamen looted at least twenty shops and abducted three traders in Bunia.", [("captured", 3)]),
    ("The offensive killed 40 civilians and displaced more than 90,000 people in Tigray.", [("killed", 40)]),
])
def test_the_object_of_another_verb_is_no_toll(text, expected):
    assert [(c.measure[0], figure_of(c.count)) for c in claims_of(text)] == expected


# --- numbers that count no casualties ---------------------------------------------------------------


@pytest.mark.parametrize("text, figure", [
    ("Soldiers occupying Hostomel, a town of about 16,000 people, detained 30 residents in March.", 30),
    ("Troops detained 12 men in the village, according to interviews with 25 people carried out in April.", 12),
    ("At least nine villagers were killed, according to 17 survivors interviewed by phone.", 9),
])
def test_population_and_sources_are_no_toll(text, figure):
    assert [figure_of(c.count) for c in claims_of(text)] == [figure]


# --- a total told again person by person ------------------------------------------------------------


def test_a_total_whose_people_are_then_named_is_one_statement():
    text = ("On Monday the Lutsk city council reported the deaths of two soldiers of the 14th Brigade. "
            "Sergeant Andrii Kovalchuk, 38, of Lutsk, was killed on Friday near Kupiansk, the brigade said. "
            "Private Yurii Savchuk, 24, of Kovel, died on Saturday when a drone hit his trench.")
    assert [figure_of(c.count) for c in found(text, "killed")] == [1, 1]


def test_a_total_larger_than_the_people_named_stays():
    text = ("Five soldiers of the brigade were killed near Toretsk on Sunday, the governor said. "
            "Sergeant Mykola Hrytsenko, 44, of Dubno, was among the first, his family said.")
    assert 5 in [figure_of(c.count) for c in found(text, "killed")]


# --- a part of the people counted ---------------------------------------------------------------------


@pytest.mark.parametrize("text, whole, part", [
    ("Gunmen attacked a camp near Djugu on Sunday, killing 23 civilians, including nine children, the army said.", 23, 9),
    ("The police said 31 people were killed in the blast in Peshawar, among them four policemen.", 31, 4),
    ("Bandits abducted 40 villagers in Zamfara, among whom 12 women, residents said.", 40, 12),
])
def test_a_part_is_its_own_claim_but_not_the_events_toll(text, whole, part):
    x = extract_document(Document(text=text, published="2024-05-06"))
    by_figure = {figure_of(c.count): c for c in x.claims}
    assert by_figure[part].part_of == by_figure[whole].id and by_figure[whole].part_of is None
    if "killed" in by_figure[whole].measure:
        assert [e.fatalities for e in x.events if by_figure[whole].id in e.claim_ids] == [whole]


# --- a headline's claimant at its end -----------------------------------------------------------------


@pytest.mark.parametrize("headline, claimant", [
    ("Three border guards killed, two wounded in mortar attack - interior minister", "interior minister"),
    ("Seven soldiers killed near Gao: defence minister", "defence minister"),
    ("Twelve villagers killed in Zamfara raid- presidential adviser", "presidential adviser"),
    ("Journalist dies of wounds after shelling in Marinka: doctor", "doctor"),
])
def test_a_headline_names_its_claimant_after_a_dash_or_colon(headline, claimant):
    claims = claims_of(headline, published="2015-02-01")
    assert claims and all(c.claimant.text == claimant for c in claims), [c.claimant for c in claims]


@pytest.mark.parametrize("headline, claimant", [
    ("Shelling kills two workers at a Kramatorsk steel plant - Metinvest", "Metinvest"),
    ("Four miners die in a rocket strike on a pit in Katanga: Glencore", "Glencore"),
    ("Three rescuers killed in a double-tap strike on Idlib - White Helmets", "White Helmets"),
    ("Two soldiers killed by sniper fire near Svatove - Zaluzhnyi", "Zaluzhnyi"),
    ("One soldier killed in the north of Donetsk region - Khortytsia operational-strategic group", "Khortytsia operational-strategic group"),
    ("Six border guards killed at a post near Tillaberi - Niger delegation", "Niger delegation"),
])
def test_a_headline_names_a_source_the_lexicons_do_not_know_after_a_dash_or_colon(headline, claimant):
    """A company, an NGO, a commander's surname or a hyphenated unit name in the source's place."""
    claims = claims_of(headline, published="2016-03-01")
    assert claims and all(c.claimant.text == claimant for c in claims), [c.claimant for c in claims]


@pytest.mark.parametrize("headline", [
    "Five soldiers killed in clashes near Menaka: Mali",      # says where, not who
    "Four killed as fighting flares near the border - UPDATE",  # a label of the wire
    "Kabul: gunmen kill five police at a checkpoint",         # a place label before the statement
    "Two civilians killed in overnight shelling - March 8",   # a date
])
def test_a_headline_tail_that_is_a_place_label_or_date_is_no_claimant(headline):
    claims = claims_of(headline, published="2016-03-01")
    assert claims and all(c.claimant.text is None or c.claimant.text not in headline.split(":")[0] + headline.rsplit("-", 1)[-1]
                          for c in claims if c.claimant.name), [c.claimant for c in claims]


# --- one person in a headline: an "of" phrase after the noun, "dead", "found dead" -------------------


@pytest.mark.parametrize("headline, measure", [
    ("Mayor of frontier town killed by gunmen", "killed"),
    ("Commander of rebel battalion killed in ambush near Kidal", "killed"),
    ("Member of a mine clearance team wounded near Mosul", "wounded"),
    ("Leader of a rebel faction captured by troops near Bunia", "captured"),
    ("Rebel fighter dead after shelling near Tillaberi", "killed"),
    ("Man found dead outside Goma after clashes", "killed"),
])
def test_one_person_in_a_headline_with_an_of_phrase_or_dead(headline, measure):
    claims = claims_of(headline, published="2016-03-01")
    assert [(c.measure, figure_of(c.count)) for c in claims] == [([measure], 1)], claims


@pytest.mark.parametrize("text", [
    "A neighbour of the couple who were killed said the shelling began at dawn.",
    "The lawyer of the family that was attacked spoke to reporters.",
    "No soldier of the battalion was found dead.",
])
def test_an_of_phrase_in_prose_does_not_make_its_head_the_one_counted(text):
    assert [c for c in claims_of(text, published="2016-03-01") if figure_of(c.count) == 1 and c.subject.text.split()[-1].lower() in ("neighbour", "lawyer", "soldier")] == []
