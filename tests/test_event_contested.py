"""An incident one side reports and the other denies is contested, not denied: the event keeps the
certainty of who told it, and the denial is a claim of its own (assemble.link_claims, events._merge).
A denial that is the report's own lead is the event's. Sentences written for these tests."""

import pytest

from sitrep import extract


@pytest.mark.parametrize(
    "text",
    [
        "Artillery shelled Nikopol on Monday, killing two civilians, the regional governor said. "
        "The Russian defence ministry denied that its forces had targeted civilians.",
        "Soldiers shot dead four villagers near Mopti on Friday, residents said. "
        "The army denied that any civilians had been killed.",
        "An air strike hit a market in Maarat al-Numan on Sunday, killing nine people, rescuers said. "
        "Damascus denied that its aircraft had struck civilians.",
    ],
)
def test_a_denial_by_the_other_side_contests_the_incident(text):
    x = extract(text, published="2024-03-06")
    event = x.events[0]
    assert event.certainty == "reported"
    denials = [c for c in x.claims if c.certainty == "denied"]
    assert denials, "the denial is kept as a claim"
    assert all(c.claimant.name != event.claimant.name for c in denials)


def test_a_denial_that_is_the_lead_is_the_events():
    x = extract("The ministry denied on Monday that its aircraft had bombed a market in Idlib.", published="2024-03-06")
    assert x.events and all(e.certainty == "denied" for e in x.events)


def test_a_denial_beside_the_reporters_own_account_contests_it():
    x = extract("A missile hit a grain terminal in Odesa overnight, killing two workers. "
                "The Russian defence ministry denied targeting civilian infrastructure.", published="2024-03-06")
    assert x.events and x.events[0].certainty == "reported"
    assert any(c.certainty == "denied" for c in x.claims)
