"""People counted beside others and people counted besides those before: "detained a bomb maker along with
three suspects" is four; "arrested a cartel boss ... the patrol also detained two suspects" is one and two
more (``Claim.adds_to``), and the toll of the incident adds them up. Sentences written for these tests."""

import pytest

from sitrep import tolls
from incident_support import Incidents
from sitrep.model import Claim, Count, Subject


_REPORTS = Incidents("2021-03-04")
extract, seized_total, killed_total = _REPORTS.extract, _REPORTS.seized_total, _REPORTS.killed_total


# --- one person joined before a count --------------------------------------------------------------


@pytest.mark.parametrize("text, total", [
    ("Police in Lagos arrested a suspected kidnapper along with three accomplices on Monday.", 4),
    ("Gendarmes detained a smuggler and two of his couriers near Agadez on Friday.", 3),
    ("Soldiers captured a rebel commander, an arms dealer and two of their fighters near Goma.", 4),
    ("Troops apprehended a militia leader as well as five fighters in Ituri province on Sunday.", 6),
    ("Marines detained the cell's financier together with one other operative in Basra.", 2),
])
def test_people_joined_before_a_count_are_counted_with_it(text, total):
    assert seized_total(text) == total


def test_a_vague_count_with_people_joined_stays_vague_and_adds_to_its_bounds():
    x = extract("Commandos captured an ISIS recruiter and several of his associates in Anbar province on Monday.")
    [claim] = [c for c in x.claims if "captured" in c.measure]
    assert claim.count.qualifier == "vague" and tolls.figure_of(claim.count) is None
    assert claim.count.usual_low == 4  # one named beside "several" (3 or more)


def test_a_man_and_two_women_killed_are_three():
    assert killed_total("Police said a man and two women were killed when the bus was hit near Kherson.") == 3


def test_including_is_a_part_not_one_more():
    # the commander is one of the two, not a third
    assert seized_total("Police detained two suspects in Mombasa on Friday, including a gang commander.") == 2


# --- others besides those counted before -------------------------------------------------------------


@pytest.mark.parametrize("text, total", [
    ("Troops arrested a gang leader in Sinaloa on Friday. The patrol also detained two other suspects.", 3),
    ("Security forces captured a senior militia leader in North Kivu. Two other fighters were also captured.", 3),
    ("The army captured an Islamic State financier in Anbar province. One additional suspect was detained.", 2),
    ("Police arrested a smuggler in Tessalit and detained four suspected militants.", 5),
    ("Police confirmed the arrest of a cartel leader in Jalisco on Tuesday. Officers detained an additional suspect.", 2),
])
def test_others_detained_besides_add_to_the_toll(text, total):
    assert seized_total(text) == total


def test_a_claim_of_others_names_the_claim_it_adds_to():
    x = extract("Troops arrested a gang leader in Sinaloa on Friday. The patrol also detained two other suspects.")
    first, more = [c for c in x.claims if set(c.measure) & {"captured", "detained"}]
    assert first.adds_to is None and more.adds_to == first.id
    assert "adds_to" in more.to_dict() and "adds_to" not in first.to_dict()


def test_a_second_gunman_killed_adds_to_the_event_toll():
    x = extract("Marines killed one gunman near Basra on Monday. A second gunman was killed as he fled.")
    assert [e.fatalities for e in x.events] == [2]


def test_the_same_arrests_told_again_do_not_add():
    # the detail restates the lead: no "also", no "additional", another sentence
    text = ("Soldiers detained two suspected insurgents near Mosul on Monday. "
            "After questioning, the soldiers detained two suspected insurgents for further questioning.")
    assert seized_total(text) == 2


def test_others_of_another_kind_in_the_sentence_do_not_add_to_earlier_figures():
    # "three other passengers" are others than the five killed, not more of the 40 wounded before
    text = ("Shelling wounded 40 people in Donetsk last week. On Monday a mine hit a bus near Marinka, "
            "killing five women and injuring three other passengers.")
    wounded = [c for c in extract(text).claims if c.measure == ["wounded"]]
    assert all(c.adds_to is None for c in wounded)


def test_two_accounts_of_the_dead_in_one_sentence_do_not_add_up():
    text = ("Local officials reported at least nine deaths in Beni, while medical teams said they had received "
            "the bodies of 18 people.")
    assert all(c.adds_to is None for c in extract(text).claims)


def test_a_stated_figure_outranks_a_vague_word_of_the_same_event():
    text = ("Soldiers killed a rebel commander and detained several other fighters near Butembo on Sunday. "
            "Two fighters were detained for questioning.")
    assert seized_total(text) == 2


# --- the toll rule ------------------------------------------------------------------------------------


def _claim(id_, best, adds_to=None):
    return Claim(id=id_, measure=["killed"], subject=Subject(), count=Count(best=best), adds_to=adds_to)


def test_event_fatalities_add_others_to_the_least_account():
    claims = [_claim("c1", 4), _claim("c2", 3), _claim("c3", 2, adds_to="c1")]
    assert tolls.event_fatalities(claims) == 5  # the least account of the same dead (3) and two more
    low, high = tolls.fatality_range(claims)
    assert low <= tolls.event_fatalities(claims) <= high and (low, high) == (5, 6)


def test_an_addition_whose_first_claim_is_elsewhere_counts_as_alternative():
    claims = [_claim("c1", 4), _claim("c3", 2, adds_to="c9")]
    assert tolls.event_fatalities(claims) == 2


def test_people_of_another_side_are_a_claim_of_their_own():
    text = "One Georgian soldier, three separatists killed near Tskhinvali, ministry says"
    assert sorted(c.count.best for c in extract(text).claims if c.measure == ["killed"]) == [1, 3]


def test_people_of_another_kind_are_not_counted_with_a_count():
    text = "A civilian and two soldiers were killed when the convoy was hit near Bakhmut."
    soldiers = [c for c in extract(text).claims if c.subject.group == "military"]
    assert [c.count.best for c in soldiers] == [2]


# --- a person named, or referred to, as the one killed ------------------------------------------------


@pytest.mark.parametrize("text, total", [
    ("Special forces killed the ISIS commander Abu Hamza al-Iraqi and one other fighter near Raqqa on Monday.", 2),
    ("Troops killed militia leader, Jean-Pierre Bemba Ndala, along with two of his bodyguards in Ituri on Monday.", 3),
])
def test_a_person_named_before_a_count_is_counted_with_it(text, total):
    assert killed_total(text) == total


@pytest.mark.parametrize("text", [
    "Gendarmes detained several smugglers near Gao on Friday. A gunman fired at the patrol, and the soldiers returned fire, killing the gunman.",
    "A man ran towards the checkpoint in Mosul with a rifle. The soldiers fired at the man and killed him.",
    "A sniper fired on the convoy near Ramadi on Tuesday. He was later killed by an air strike.",
])
def test_one_person_referred_to_as_killed_is_one(text):
    assert killed_total(text) == 1


def test_one_referred_to_after_a_figure_is_one_of_those_counted():
    text = "Troops killed three fighters near Idlib on Monday. After a chase the patrol caught up with the driver, killing the driver."
    assert killed_total(text) == 3


def test_a_thing_killed_is_no_person():
    assert killed_total("The drone hit the truck near Bakhmut on Friday, killing the engine.") == 0


def test_a_number_of_is_three_or_more():
    x = extract("Police detained a number of protesters outside the assembly in Nairobi on Tuesday.")
    [claim] = [c for c in x.claims if "detained" in c.measure]
    assert claim.count.usual_low == 3


def test_a_figure_told_again_in_a_detail_counts_once():
    text = ("Police detained two suspected kidnappers in Kaduna state on Monday. The officers searched a house "
            "nearby, found three rifles and a cache of ammunition, and detained two suspected kidnappers.")
    assert seized_total(text) == 2
    # unless the detail says they are others
    assert seized_total(text.replace("and detained two suspected", "and also detained two other suspected")) == 4


def test_the_one_counted_before_joined_to_a_count_is_not_counted_again():
    text = ("Gendarmes captured a smuggling ring leader near Agadez on Friday. After questioning residents, "
            "the gendarmes detained the leader and two of his couriers.")
    x = extract(text)
    detained = [c for c in x.claims if c.measure == ["detained"]]
    assert [c.count.best for c in detained] == [2] and detained[0].adds_to is None
    # told of for the first time, he is one of those detained
    assert seized_total("After questioning residents, gendarmes near Agadez detained the leader and two of his couriers.") == 3
