"""Denials and statements that nobody was hurt, as claims with their certainty and their people. Sentences
written for these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document


def claims_of(text):
    return extract_document(Document(text=text, published="2024-05-06")).claims


@pytest.mark.parametrize("text, measure, claimant", [
    ("The police rejected claims that officers had shot dead two protesters in Nairobi.", "killed", "police"),
    ("The ministry dismissed as false reports that 50 civilians died in the raid.", "killed", "ministry"),
    ("The governor refuted reports that 30 people were killed in the blast.", "killed", "local official"),
    ("The army rejects allegations that its troops detained 14 villagers near Mopti.", "detained", "army"),
])
def test_a_figure_rejected_or_dismissed_is_a_denied_claim_of_who_rejects_it(text, measure, claimant):
    [claim] = [c for c in claims_of(text) if c.measure == [measure]]
    assert (claim.certainty, claim.claimant.name) == ("denied", claimant)


def test_a_rejection_of_something_else_gives_no_denial():
    [claim] = claims_of("The council rejected the budget on Monday. Shelling killed two people in Kherson, officials said.")
    assert claim.certainty == "reported"


@pytest.mark.parametrize("text, measure, group", [
    ("The army said none of its soldiers were hurt.", "wounded", "military"),
    ("None of them had been injured, the shipping company said.", "wounded", "unknown"),
    ("The ministry said none of its personnel were killed in the attack on the base.", "killed", "military"),
    ("None of the villagers was killed, the mayor said.", "killed", "civilians"),
    ("No women or children were harmed during the raid.", "killed", "civilians"),
])
def test_none_of_them_hurt_is_a_zero_of_the_people_it_names(text, measure, group):
    [claim] = claims_of(text)
    assert measure in claim.measure and claim.count.figure == 0 and claim.subject.group == group


@pytest.mark.parametrize("text, denied, own", [
    ("The governor refuted reports that 30 people were killed in the blast, saying three died.", 30, 3),
    ("The defence ministry denied that 25 soldiers were killed, saying only four had been wounded.", 25, 4),
    ("The army denied that 20 soldiers were captured, adding that two were missing.", 20, 2),
])
def test_a_denier_s_own_figure_is_reported_not_denied(text, denied, own):
    by_figure = {c.count.figure: c for c in claims_of(text) if c.count is not None}
    assert by_figure[denied].certainty == "denied"
    assert by_figure[own].certainty == "reported"
    assert by_figure[own].claimant.name == by_figure[denied].claimant.name
