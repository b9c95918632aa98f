"""One statement, one claim, inside the body: a count that points back at people a claim before it counted
("the two", "those 12 fighters", "all four hostages") is that claim told again — one claim, whose ``restated``
holds the later words. A count that points back at a different figure, or at a different fate, stays a claim of
its own; and a part of people counted before ("Among the dead were three children") is ``part_of`` them, whether
it shares their sentence or opens the next one. Sentences written for these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document


def claims_of(text):
    return extract_document(Document(text=text, published="2024-05-06")).claims


def of_measure(text, measure):
    return [c for c in claims_of(text) if c.measure == [measure]]


@pytest.mark.parametrize("text, measure, figure, again", [
    ("Russian shelling killed two civilians in Nikopol on Monday, the governor said. "
     "The two were killed when a shell hit their house on the riverbank.", "killed", 2, "The two were killed"),
    ("Police in Kano arrested three suspects on Tuesday. The three suspects were arrested after a raid on a "
     "warehouse, a police spokesman said.", "detained", 3, "The three suspects were arrested"),
    ("Gunmen abducted four aid workers near Gao, the UN said. Those four aid workers were kidnapped as they drove "
     "to a clinic in the morning.", "captured", 4, "Those four aid workers were kidnapped"),
    ("An airstrike killed 12 fighters near Idlib, according to the monitor. All 12 fighters died in their "
     "barracks, it added.", "killed", 12, "All 12 fighters died"),
    ("A roadside bomb wounded five policemen outside Quetta. Doctors said the five injured were in a stable "
     "condition at the district hospital.", "wounded", 5, "five injured"),
])
def test_a_count_pointing_back_at_the_same_figure_is_the_same_claim(text, measure, figure, again):
    [claim] = of_measure(text, measure)
    assert claim.count.figure == figure
    assert claim.evidence.start < text.index(again)  # the first telling is the claim's evidence
    assert any(again in text[s.start:s.end] for s in claim.restated)


def test_the_later_telling_gives_its_claimant_to_a_claim_that_had_none():
    text = ("Police in Kano arrested three suspects on Tuesday. The three suspects were arrested after a raid on a "
            "warehouse, a police spokesman said.")
    [claim] = of_measure(text, "detained")
    assert claim.claimant.name == "police spokesman"


@pytest.mark.parametrize("text, measures", [
    # another fate of the same people is a claim of its own
    ("Troops detained three suspects in Khost. The three were killed in a shootout the next day.", ["detained", "killed"]),
    # another figure is another statement
    ("Shelling killed two civilians in Kherson. The three wounded were taken to hospital.", ["killed", "wounded"]),
])
def test_a_count_pointing_back_at_another_fate_or_figure_stays_a_claim(text, measures):
    made = claims_of(text)
    assert sorted(m for c in made for m in c.measure) == sorted(measures)
    assert all(not c.restated for c in made)


def test_the_same_figure_without_a_word_pointing_back_stays_two_claims():
    text = ("In Nikopol, shelling wounded two people on Monday. In Marhanets, a drone wounded two people on Tuesday.")
    assert [c.count.figure for c in of_measure(text, "wounded")] == [2, 2]


@pytest.mark.parametrize("text, whole, part", [
    ("A car bomb killed seven people in Mogadishu, police said. Among the seven killed were two soldiers.", 7, 2),
    ("A drone strike on a market in Sumy killed nine people. Among the dead were three children, the mayor said.", 9, 3),
    ("Militants stormed a school near Kaduna and abducted 20 pupils. Among the abducted were four girls.", 20, 4),
    ("A missile hit a bus station in Kramatorsk, killing six people. The dead included two teenagers, officials said.", 6, 2),
    ("An explosion in a market in Peshawar wounded 23 people. He said the wounded included five children.", 23, 5),
    ("Fighters overran an outpost near Tillaberi and killed 17 soldiers. Those killed included three officers.", 17, 3),
])
def test_a_part_named_in_the_next_sentence_is_part_of_the_claim_before(text, whole, part):
    made = claims_of(text)
    by_figure = {c.count.figure: c for c in made}
    assert set(by_figure) == {whole, part}
    assert by_figure[part].part_of == by_figure[whole].id and by_figure[whole].part_of is None


# --- a lead and its detail: the same figure, fate, people and claimant, nothing else told between -----------


@pytest.mark.parametrize("text, measure, figure, again", [
    ("Afghan and coalition forces detained two suspected insurgents in Khost province yesterday. The leader is "
     "suspected of smuggling weapons. The assault force detained two suspected insurgents, who are being questioned.",
     "detained", 2, "The assault force detained two"),
    ("The regional governor said five people were wounded in the strike on Kharkiv. Rescuers worked through the "
     "night. Five people were wounded, the governor added, two of them seriously.", "wounded", 5, "Five people were wounded"),
    ("Troops killed three militants during a raid in Marka district on Sunday, the army said. The soldiers came under "
     "fire as they searched a compound, killing three militants, it said.", "killed", 3, "killing three militants"),
    ("Three Afghan civilians were killed by a coalition air strike in Kunar province, officials said. An inquiry "
     "found that three died when the strike hit their vehicle.", "killed", 3, "three died"),
])
def test_a_detail_retelling_the_lead_is_the_same_claim(text, measure, figure, again):
    [claim] = of_measure(text, measure)
    assert claim.count.figure == figure
    assert any(again in text[s.start:s.end] for s in claim.restated)


@pytest.mark.parametrize("text", [
    # another place between the two tellings: another incident
    "Shelling wounded two people in Nikopol, the governor said. Marhanets also came under fire. Two people were wounded, he said.",
    # another day
    "Two soldiers were killed near Bakhmut on Monday, the army said. On Tuesday, two soldiers were killed, it said.",
    # other people
    "Coalition forces killed two insurgents in Badghis. Separately, a roadside bomb killed two Spanish soldiers.",
    # another claimant
    "Police said two protesters were wounded in Dhaka. Two protesters were wounded, the opposition party said.",
])
def test_the_same_figure_in_another_setting_or_from_another_source_stays_two_claims(text):
    made = claims_of(text)
    assert len(made) == 2 and not any(c.restated for c in made)


def test_a_lead_and_its_detail_merge_only_past_no_other_claim_of_that_fate():
    text = ("Soldiers detained two suspects in Gao. Gendarmes detained four men at a checkpoint. "
            "Two suspects were detained after a search of the market.")
    assert [c.count.figure for c in of_measure(text, "detained")] == [2, 4, 2]
