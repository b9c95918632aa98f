"""One person seized or killed, told by a long description: "arrested a senior Islamic State leader",
"detained a Boko Haram bomb-making facilitator", "a rebel leader and another wanted associate"; and how an
incident's toll reads such persons beside vague counts ("the facilitator and several suspects") and
others told twice ("also detained several suspects"). Sentences written for these tests, about several wars."""

import pytest

from incident_support import Incidents


_REPORTS = Incidents("2016-09-12")
extract, seized_total, killed_total = _REPORTS.extract, _REPORTS.seized_total, _REPORTS.killed_total


@pytest.mark.parametrize("text, total", [
    # an organisation's name of several words inside the description of one person
    ("Iraqi troops arrested a senior Islamic State of Iraq leader in Hawija on Sunday.", 1),
    ("Nigerian soldiers detained a Boko Haram improvised explosive device facilitator near Bama on Monday.", 1),
    ("Colombian police captured a Revolutionary Armed Forces of Colombia explosives expert in Cali.", 1),
    ("The ministry confirmed the arrest of a Jaysh al-Islam weapons smuggling facilitator in Douma on Friday.", 1),
    # and more people besides him
    ("Malian gendarmes arrested a senior Ansar Dine recruitment leader in Gao today. They also detained "
     "two additional suspects.", 3),
    ("Kenyan police detained an al-Shabaab logistics planner in Garissa on Tuesday, and the patrol also "
     "arrested one other suspect.", 2),
])
def test_one_person_told_by_a_long_description_is_counted(text, total):
    assert seized_total(text) == total


@pytest.mark.parametrize("text, total", [
    ("The unit detained a rebel leader and another wanted associate near Goma on Thursday.", 2),
    ("Troops captured a militia commander and another fighter in Ituri province.", 2),
    ("Police arrested a smuggler, a forger and another courier near Agadez on Friday.", 3),
])
def test_another_person_joined_by_and_adds_one(text, total):
    assert seized_total(text) == total


@pytest.mark.parametrize("text", [
    "An inquiry after the raid found no civilian casualties in the village near Kandahar.",
    "A spokesman said that no civilian was hurt when the depot near Sumy was shelled.",
])
def test_words_before_a_negation_make_no_person(text):
    assert all((c.count.best or 0) == 0 for c in extract(text).claims if "killed" in c.measure)


def test_a_person_ends_at_a_function_word():
    # "a man near the soldier" is a man (a civilian), not a soldier
    [claim] = [c for c in extract("Troops shot dead a man near the soldier post in Hebron.").claims]
    assert claim.subject.group != "military" or "man" in claim.subject.text.split()[-1:]


def test_one_person_then_that_person_and_a_vague_number_is_the_vague_number_and_him():
    text = ("Afghan police detained a Taliban bomb maker in Zabul province on Sunday. The police detained the "
            "bomb maker and several additional suspects at his compound.")
    assert seized_total(text) >= 3  # several (at least three) besides the one told first, not the one alone


@pytest.mark.parametrize("text, total", [
    ("Soldiers captured a rebel commander and detained several fighters near Bunia on Monday. They also "
     "detained several fighters for questioning.", 4),
    ("Police arrested a cartel boss in Sinaloa and detained a few gunmen. Officers also detained a few gunmen "
     "at the ranch.", 4),
])
def test_the_same_others_told_twice_count_once(text, total):
    assert seized_total(text) == total


@pytest.mark.parametrize("text, killed, seized", [
    ("The raid resulted in the death of one rebel commander and the detainment of several others.", 1, 3),
    ("The operation ended with the detainment of two gunmen near Mogadishu.", 0, 2),
])
def test_detainment_is_a_detention(text, killed, seized):
    assert (killed_total(text), seized_total(text)) == (killed, seized)


@pytest.mark.parametrize("text", [
    "The commander planned and executed numerous small-arms and roadside bomb attacks against police in Zabul.",
    "The cell executed a series of coordinated suicide bombings in Baghdad last year.",
    "Rebels executed several well-planned night raids on army posts near Goma.",
])
def test_executing_attacks_kills_nobody(text):
    assert not [c for c in extract(text).claims if c.measure == ["killed"]]


def test_people_executed_are_killed():
    assert killed_total("Militants executed three hostages in a village near Raqqa on Friday.") == 3


@pytest.mark.parametrize("text, killed, seized", [
    ("Coalition aircraft killed more than 30 militants near Raqqa on Monday.", 31, 0),
    ("Police detained over 20 suspected smugglers in Agadez on Friday.", 0, 21),
    ("Troops killed in excess of forty fighters and arrested at least six near Gao.", 41, 6),
    ("Soldiers killed at least 12 gunmen in Borno yesterday.", 12, 0),
])
def test_the_least_of_more_than_n_is_n_and_one(text, killed, seized):
    assert (killed_total(text), seized_total(text)) == (killed, seized)


def test_more_than_n_keeps_n_as_its_low_end_and_says_it_is_left_out():
    [claim] = [c for c in extract("Shelling killed more than 30 civilians in Donetsk on Monday.").claims]
    assert (claim.count.low, claim.count.qualifier, claim.count.exclusive) == (30, "at_least", True)
    assert claim.count.to_dict()["exclusive"] is True
    [claim] = [c for c in extract("Shelling killed at least 30 civilians in Donetsk on Monday.").claims]
    assert "exclusive" not in claim.count.to_dict()
