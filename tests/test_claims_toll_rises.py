"""Claims as wire reports word them. A toll's new figure after a rise verb ("the death toll from the attacks in Goma has climbed to 27", "the number
of people killed in the shelling has risen to 14", "the toll now stands at 41"): the figure is the toll's, however
many words (a place, an incident) stand between them in one clause. Sentences written for these tests."""

import pytest

from sitrep import extract


def killed(text):
    found = extract(text, published="2024-06-14").claims
    return [(c.count.best if c.count.best is not None else c.count.low) for c in found if "killed" in c.measure and c.count]


@pytest.mark.parametrize("text, figure", [
    ("The death toll from the weekend's attacks on villages near Beni has climbed to 27.", 27),
    ("The death toll from the landslide of shelling in Kharkiv has risen to 14, the governor said.", 14),
    ("The number of people killed in the market bombing in Maiduguri has risen to 31.", 31),
    ("The number of dead in the flooding in Derna has risen to at least 5,300, the Red Crescent said.", 5300),
    ("The toll from the car bomb outside the Mogadishu hotel now stands at forty-one.", 41),
    ("The tally of those killed in the raid on the camp in Rakhine reached 19 on Wednesday.", 19),
    ("The death toll has been revised up to 58, hospital officials said.", 58),  # "up to": the verb's, no ceiling
    ("The number of dead from Friday's clashes in Jos has gone up to forty.", 40),
])
def test_a_figure_after_a_rise_verb_is_the_toll(text, figure):
    assert killed(text) == [figure]


@pytest.mark.parametrize("text", [
    # another number in another clause is no toll
    "Troops killed two militants near Goma, where the number of displaced people has risen to 27,000.",
    # a rise of something else
    "The number of checkpoints on the road to Beni has risen to 14.",
])
def test_a_rise_of_something_else_is_no_toll(text):
    assert 27000 not in killed(text) and 14 not in killed(text)


def test_up_to_after_a_verb_of_raising_is_no_ceiling_but_before_the_figure_alone_it_is():
    found = extract("Up to 58 people were killed in the raid on Gao, officials said.", published="2024-06-14").claims
    assert [(c.count.high, c.count.qualifier) for c in found] == [(58, "up_to")]


@pytest.mark.parametrize("text, claimant", [
    ("Nine people died when a shell hit a bus stop in Mekele, the regional health bureau said.", "bureau"),
    ("Nine people died in the bombardment, the provincial health directorate said.", "directorate"),
    ("Nine people died in the floods and shelling, the disaster management authority said.", "authority"),
])
def test_public_bodies_named_by_their_kind_are_claimants(text, claimant):
    found = extract(text, published="2024-06-14").claims
    assert found and claimant in (found[0].claimant.name or "")
    assert found[0].claimant.kind == "official"
