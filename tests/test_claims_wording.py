"""Casualty claims in the many ways reports word them: people named by their trade or standing, figures
set off by a comma, euphemisms for the dead, prisoners taken, the hurt taken to hospital, and counted
people who did something else. Sentences written for these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document
from sitrep.tolls import figure_of, least_of


def claims_of(text, published="2024-05-06"):
    return extract_document(Document(text=text, published=published)).claims


def stated(count):
    """The figure a report states: best, else the low bound, else the high one ("more than 30": 30)."""
    return next((v for v in (count.best, count.low, count.high) if v is not None), None)


def figures(text, measure):
    return [stated(c.count) for c in claims_of(text) if measure in c.measure and c.count is not None]


# --- a figure set off by a comma counts no noun after the comma ------------------------------------


@pytest.mark.parametrize("text, measure, figure", [
    ("Soldiers shot at demonstrators in Nasiriyah, killing one and injuring at least 30, doctors said.", "wounded", 30),
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
    ("The mine blast left three troopers making the supreme sacrifice and one officer sustaining injuries.",
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
    ("Three gunmen crept forward to attack the patrol, and they were killed by a helicopter crew.",
     "killed", 3),
    ("Four suspects were identified and detained after questioning in Kandahar.", "detained", 4),
])
def test_people_who_acted_and_then_were_hit_are_the_casualties(text, measure, figure):
    [claim] = [c for c in claims_of(text) if measure in c.measure]
    assert figure_of(claim.count) == figure


# --- a figure in quotation marks is the speaker's figure -----------------------------------------------


@pytest.mark.parametrize("text, low, vague", [
    ('A spokesman told reporters that "dozens" of militants had been killed near the bridge.', 24, True),
    ('A rebel spokesman claimed that "more than 30" government soldiers had died in Rutshuru.', 30, False),
    ("The governor said “at least 12” people were wounded in Sumy.", 12, False),
    ('The army said "scores" of its soldiers had died defending the base.', 40, True),
    ('The ministry said its forces had "eliminated more than 200 nationalists" at the airfield.', 200, False),
])
def test_a_quoted_figure_counts_the_people_after_the_quote(text, low, vague):
    [claim] = [c for c in claims_of(text) if c.count is not None]
    assert (least_of(claim.count) if vague else stated(claim.count)) == low
    assert (claim.count.qualifier == "vague") == vague
    assert claim.subject.text in ("militants", "soldiers", "people", "nationalists")


def test_things_eliminated_are_no_people_killed():
    assert not claims_of("Troops eliminated two terrorist hideouts and three positions near Bama.")


# --- a toll told place by place ----------------------------------------------------------------------


@pytest.mark.parametrize("text, whole, parts", [
    ("Within a day enemy fire killed 6 civilians across Kharkiv region: 3 in Kupiansk, 2 in Vovchansk and 1 in Izium.",
     6, [3, 2, 1]),
    ("Drone strikes killed 3 residents of the region: 2 in Nova Kakhovka and 1 in Oleshky, officials said.", 3, [2, 1]),
    ("Police said 15 people were detained: seven in Minsk, five in Hrodna and three in Brest.", 15, [7, 5, 3]),
    ("Shelling wounded nine people across the province - six in Idlib and three in Ariha.", 9, [6, 3]),
])
def test_the_figures_of_a_breakdown_are_parts_of_the_toll(text, whole, parts):
    claims = [c for c in claims_of(text) if c.count is not None]
    [total] = [c for c in claims if figure_of(c.count) == whole]
    found = [c for c in claims if c is not total]
    assert [figure_of(c.count) for c in found] == parts
    assert all(c.part_of == total.id and c.measure == total.measure for c in found)


@pytest.mark.parametrize("text, figures_told", [
    ("Artillery fire killed three villagers in Kupiansk and one in Izium on Sunday.", [3, 1]),
    ("Police detained 40 protesters in Tbilisi and 12 in Batumi, the ministry said.", [40, 12]),
    ("Militants abducted eleven farmers near Gwoza and four at Bama.", [11, 4]),
])
def test_a_figure_told_with_another_place_is_a_claim_of_its_own(text, figures_told):
    claims = [c for c in claims_of(text) if c.count is not None]
    assert [figure_of(c.count) for c in claims] == figures_told
    assert len({tuple(c.measure) for c in claims}) == 1 and all(c.part_of is None for c in claims)


def test_a_figure_of_something_else_after_a_place_is_no_part():
    claims = claims_of("Russian shelling killed four civilians in Kherson and 2023 was the worst year.")
    assert [figure_of(c.count) for c in claims if c.count is not None] == [4]


# --- one person told by kinship or role ---------------------------------------------------------------


@pytest.mark.parametrize("text, measure, figure", [
    ("A drone struck a car near Beryslav, killing the driver, Petro Koval, 51, and wounding his passenger.", "wounded", 1),
    ("Troops fired on the family's car, killing the driver and wounding his daughter, relatives said.", "wounded", 1),
    ("A drone hit a minibus in Nikopol, killing two volunteers and wounding an elderly passenger.", "wounded", 1),
    ("Her son was killed by shrapnel in the yard.", "killed", 1),
    ("The strike killed a farmer and his wife in Kupiansk.", "killed", 2),
    ("Police in Lahore detained a shopkeeper and his nephew.", "detained", 2),
])
def test_one_person_told_by_kinship_or_role(text, measure, figure):
    assert figures(text, measure) == [figure]


def test_a_threat_to_kill_is_no_killing():
    assert not claims_of("A woman said a soldier beat her after threatening to kill her son.")


@pytest.mark.parametrize("text, figure", [
    ("Three witnesses told researchers that soldiers killed two men outside the mosque.", 2),
    ("Two shopkeepers said gunmen shot dead a trader near the market in Maiduguri.", 1),
    ("Five people said to have been killed in the raid were buried in Kaya on Sunday.", 5),
])
def test_people_counted_as_the_ones_who_speak_are_no_toll(text, figure):
    assert figures(text, "killed") == [figure]


# --- another account of a figure, and counts of detentions and disappearances --------------------------


@pytest.mark.parametrize("text, figure, claimant_word", [
    ("The ministry said at least 10 soldiers died in the blast, while volunteers put the figure at about 30.", 30,
     "volunteers"),
    ("Police said 80 people had been arrested. The opposition party put the number at more than 300.", 300, "party"),
    ("The governor says nine residents were killed; the city council's own count is about a dozen.", 12, "council"),
    ("Officials said 14 miners were missing, but the union has estimated the total at 40.", 40, "union"),
])
def test_another_account_of_a_figure_is_a_claim_of_the_same_people(text, figure, claimant_word):
    claims = [c for c in claims_of(text) if c.count is not None]
    first, again = claims[0], claims[-1]
    assert stated(again.count) == figure and again.measure == first.measure
    assert again.subject.group == first.subject.group
    assert claimant_word in (again.claimant.name or "").lower()


@pytest.mark.parametrize("text, measure, figure", [
    ("The monitoring group said it had counted 112 detentions in Makhachkala by Sunday night.", "detained", 112),
    ("Kenyan police made 45 arrests in Nairobi on Tuesday.", "detained", 45),
    ("Rights groups recorded 450 new disappearances in Balochistan last year.", "missing", 450),
    ("The UN verified 37 abductions of children in Cabo Delgado.", "captured", 37),
    ("The party said more than 300 of its members had been picked up by police in Lahore.", "detained", 300),
])
def test_counts_of_detentions_and_disappearances(text, measure, figure):
    assert figures(text, measure) == [figure]


@pytest.mark.parametrize("text", [
    "Prosecutors have charged 15 soldiers over the detentions in Yahidne.",
    "Enforced disappearances remain widespread in the province, the commission said.",
    "Police issued 20 arrest warrants after the riot.",
])
def test_detentions_not_counted_are_no_claim(text):
    assert not [c for c in claims_of(text) if c.count is not None]
