"""Who did what to whom (events._actors_of): the force that struck is actor1, the force or the civilians it
struck actor2 — whatever order the report names them in. Sentences written for these tests."""

import pytest

from sitrep import extract


def roles(text, published="2024-03-06"):
    """(actor1 names, actor2 names) of the report's first event."""
    event = extract(text, published=published).events[0]
    return ([a.name for a in event.actors if a.role == "actor1"], [a.name for a in event.actors if a.role == "actor2"])


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        # a unit named after an active strike verb, or after a strike noun, is the one struck
        ("Russian artillery hit command posts of Ukraine's 93rd Mechanized Brigade near Bakhmut on Tuesday.",
         "Military Forces of Russia", "93rd Separate Mechanized Brigade"),
        ("Ukrainian drones struck the barracks of the 20th Combined Arms Army near Svatove overnight.",
         "Military Forces of Ukraine", "20th Guards Combined Arms Army"),
        # the subject of a passive is struck, the one after "by" struck it
        ("Positions of the 72nd Mechanized Brigade near Vuhledar were shelled by Russian artillery on Monday.",
         "Military Forces of Russia", "72nd Separate Mechanized Brigade"),
        # a claimant's "its"/"our" forces are the claimant's side
        ("The Russian defence ministry said on Tuesday that its artillery had hit positions of Ukraine's 93rd "
         "Mechanized Brigade near Bakhmut.", "Military Forces of Russia", "93rd Separate Mechanized Brigade"),
        ("Our units repelled three attacks by Russian troops near Kupiansk, the Ukrainian General Staff said on Friday.",
         "Military Forces of Ukraine", "Military Forces of Russia"),
        # a side's weapon names its forces; the soldiers it killed are the other side
        ("A Russian missile struck a training ground near Dnipro on Friday, killing 20 Ukrainian soldiers.",
         "Military Forces of Russia", "Military Forces of Ukraine"),
        # a strike that killed or wounded civilians struck civilians
        ("Russian shelling killed two women in Kherson on Monday, the regional governor said.",
         "Military Forces of Russia", "Civilians (Ukraine)"),
    ],
)
def test_the_striker_is_actor1_and_the_struck_actor2(text, actor1, actor2):
    first, second = roles(text)
    assert actor1 in first
    assert actor2 in second
    assert actor2 not in first


@pytest.mark.parametrize(
    "text",
    [
        # only the one struck is named: no attacker is made of it, nor of the civilians killed
        "Shelling hit positions of the 47th Mechanized Brigade near Avdiivka on Sunday.",
        "Gunmen shot dead nine villagers near Djibo on Sunday, local officials said.",
        "A drone hit a minibus in Nikopol on Monday, wounding six passengers.",
    ],
)
def test_the_struck_alone_is_never_actor1(text):
    first, second = roles(text)
    assert not any("Brigade" in a or "Civilians" in a for a in first)
    assert second


@pytest.mark.parametrize(
    "text, actor1",
    [
        # a force in a clause of its own, or one handed something, is not struck
        ("A farmer was killed on Monday when his tractor hit a mine that Russian troops had left near Izium.",
         "Military Forces of Russia"),
        ("Kherson was shelled on Sunday by Russian artillery firing from the east bank, the governor said.",
         "Military Forces of Russia"),
    ],
)
def test_a_doer_named_after_the_event_word_stays_the_doer(text, actor1):
    first, second = roles(text)
    assert actor1 in first
    assert actor1 not in second
