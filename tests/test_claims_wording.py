"""Casualty claims in the many ways reports word them: people named by their trade or standing, figures
set off by a comma, euphemisms for the dead, prisoners taken, the hurt taken to hospital, and counted
people who did something else. Sentences written for these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document
from sitrep.tolls import figure_of, least_of


def claims_of(text, published="2024-05-06"):
    return extract_document(Document(text=text, published=published)).claims


def figures(text, measure):
    return [least_of(c.count) for c in claims_of(text) if measure in c.measure and c.count is not None]


# --- a figure set off by a comma counts no noun after the comma ------------------------------------


@pytest.mark.parametrize("text, measure, figure", [
    ("Troops fired on marchers in Basra, killing two and wounding at least 30, medical sources said.", "wounded", 30),
    ("The shelling of Sloviansk wounded 14, hospital staff said.", "wounded", 14),
    ("Gunmen stormed the village and abducted eleven, local elders said on Monday.", "captured", 11),
    ("Police in Dhaka said they had arrested 57, party officials said more.", "detained", 57),
])
def test_a_figure_before_a_comma_is_still_a_claim(text, measure, figure):
    assert figure in figures(text, measure)


# --- people named by their trade, standing or the force they serve in ------------------------------


@pytest.mark.parametrize("text, measure, figure, group", [
    ("As a result, 19 employees of the power company were injured.", "wounded", 19, "civilians"),
    ("Raiders killed four shepherds near Jos, Plateau State.", "killed", 4, "civilians"),
    ("Nine fishermen were kidnapped off the coast of Sulu.", "captured", 9, "civilians"),
    ("After a two-hour firefight, 12 junta soldiers were killed near Shwebo.", "killed", 12, "military"),
    ("Eleven regime fighters died in the clash near Saraqib, the monitor said.", "killed", 11, "military"),
    ("The ministry said 23 staff members of aid agencies had been detained in Sanaa.", "detained", 23, None),
    ("Seventeen pilgrims were wounded when the bus hit a mine near Kerbala.", "wounded", 17, "civilians"),
])
def test_people_named_by_trade_or_force_are_counted(text, measure, figure, group):
    [claim] = [c for c in claims_of(text) if measure in c.measure]
    assert figure_of(claim.count) == figure
    if group:
        assert claim.subject.group == group


# --- the dead told by euphemism, the captured as prisoners, the hurt taken to hospital --------------


@pytest.mark.parametrize("text, measure, figure", [
    ("Regrettably, two gallant soldiers paid the supreme price in the attack on Monguno.", "killed", 2),
    ("Three of our comrades made the ultimate sacrifice defending the post.", "killed", 3),
    ("Two of our fighters fell in battle near Ye-U, the command said.", "killed", 2),
    ("Four of the wounded later succumbed to their injuries in hospital.", "killed", 4),
    ("Forensic teams exhumed the remains of 23 people from a grave outside Tomé.", "killed", 23),
    ("Near Kupiansk, our units took five enemy soldiers prisoner.", "captured", 5),
    ("The alliance said seven officers were being held as prisoners in Laukkai.", "captured", 7),
    ("More than 3,000 Ukrainians remain in Russian captivity, the ombudsman said.", "captured", 3000),
    ("Eight people were taken to hospital after the strike on Shebekino, the governor said.", "wounded", 8),
    ("Six children were rushed to the district hospital after the blast.", "wounded", 6),
    ("Twenty-one officers received medical treatment after the riot in Tbilisi.", "wounded", 21),
    ("The bomb killed three soldiers, and two others suffered serious injuries.", "wounded", 2),
    ("The device went off, with two soldiers making the supreme sacrifice and one officer sustaining injuries.",
     "wounded", 1),
])
def test_the_dead_captured_and_hurt_in_other_words(text, measure, figure):
    assert figures(text, measure) == [figure]


def test_a_lynching_is_a_killing_of_one():
    assert figures("A mob lynched a suspected thief in Kisumu on Friday, police said.", "killed") == [1]


def test_a_prisoner_exchange_and_losses_suffered_keep_their_own_measures():
    assert not figures("The prisoner swap near the Belarus border was the eighth this year.", "captured")
    [claim] = claims_of("The brigade suffered heavy losses near Vuhledar.")
    assert claim.measure == ["losses"]


# --- counted people who did something else are no casualty figure -----------------------------------


@pytest.mark.parametrize("text, figure", [
    ("About 300 residents fled the shelling, in which four were wounded.", 4),
    ("Some 2,500 soldiers had pulled out of the town and 13 were killed.", 13),
    ("Nearly 2,000 villagers fled after gunmen killed nine farmers.", 9),
    ("Some forty families left Kupiansk on Monday, after a shell killed two people.", 2),
])
def test_people_who_fled_or_withdrew_are_not_the_casualties(text, figure):
    assert [f for m in ("killed", "wounded") for f in figures(text, m)] == [figure]


@pytest.mark.parametrize("text, measure, figure", [
    ("Several gunmen presented an immediate threat to the patrol and were killed.", "killed", None),
    ("Three armed insurgents maneuvered to ambush the force, and they were killed by an air weapons team.",
     "killed", 3),
    ("Four suspects were identified and detained after questioning in Kandahar.", "detained", 4),
])
def test_people_who_acted_and_then_were_hit_are_the_casualties(text, measure, figure):
    [claim] = [c for c in claims_of(text) if measure in c.measure]
    assert figure_of(claim.count) == figure
