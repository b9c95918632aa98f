"""Two speakers in one sentence: "police said 14 were arrested, while the party claimed 300". A claim told after
the sentence turns ("while", "whereas", "but", "and", a semicolon) to a speaker of its own, in what that speaker
says, is the second speaker's; claims before the turn, and a claim the second clause only speaks of ("... a claim
Kyiv dismissed"), stay the first speaker's. Sentences written for these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document
from sitrep.tolls import least_of


def claimants_by_figure(text):
    claims = extract_document(Document(text=text, published="2024-05-06")).claims
    return {least_of(c.count): c.claimant.name for c in claims if c.count is not None}


@pytest.mark.parametrize("text, first, second", [
    ("Police said 14 people had been arrested in Lahore, while the party claimed more than 300 of its activists "
     "were in custody.", (14, "Police"), (301, "party")),
    ("Local officials reported at least nine deaths in Goma, whereas doctors at the main hospital said they had "
     "received the bodies of 18 people.", (9, "Local officials"), (18, "doctors at the main hospital")),
    ("The army said it killed 30 militants near Kidal; the rebels said they lost only five fighters.",
     (30, "army"), (5, "rebels")),
    ("The ministry said 10 soldiers were wounded, but an opposition commander, Karim Haddad, said his men had "
     "killed 40 troops.", (10, "ministry"), (40, "Karim Haddad")),
    ("Two soldiers were killed, the army said, while rebels said they had killed 40.", (2, "army"), (40, "rebels")),
])
def test_a_claim_after_the_turn_to_a_second_speaker_is_theirs(text, first, second):
    found = claimants_by_figure(text)
    assert found[first[0]] == first[1]
    assert found[second[0]] == second[1]


@pytest.mark.parametrize("text, figure, speaker", [
    # one speaker, two figures joined by "and"
    ("The governor said two people were killed and five wounded in the shelling.", 5, "local official"),
    # the speaker stands after the turn: the whole sentence is what it says
    ("Three civilians were killed and seven wounded in Kherson, the regional administration said.", 7, "regional administration"),
    # the second clause speaks of the claim, it does not make it
    ('The ministry said its troops had repelled the assault and "killed 60 attackers", a figure the rebels denied.',
     60, "ministry"),
])
def test_one_speaker_keeps_the_claims_it_makes(text, figure, speaker):
    assert claimants_by_figure(text)[figure] == speaker
