"""ACLED's conventions between neighbouring sub-types, read through the whole pipeline in our own words."""

import pytest

import sitrep


def main_sub_type(text: str) -> str | None:
    x = sitrep.extract(text, published="2024-03-10")
    return x.events[0].sub_event_type if x.events else None


@pytest.mark.parametrize("text, expected", [
    # fighters who surrendered or were taken are no longer combatants: killing them is an attack
    ("Footage indicates Russian soldiers shot three Ukrainian servicemen who had surrendered near Robotyne.", "Attack"),
    ("Witnesses said militants executed two prisoners of war outside Tessalit.", "Attack"),
    ("Prosecutors say the unit killed captured soldiers near Bakhmut in January.", "Attack"),
    # a shooting is typed by who was shot; "shot a video" is no event
    ("The gunman shot a policeman in Kano on Friday.", "Attack"),
    ("He shot a short video on the road out of Kharkiv.", None),
    # "encountered" in military reporting is a clash, or the bomb that was met
    ("Troops of the 5th Infantry Battalion encountered about 20 NPA rebels in a village of Las Navas on Monday.",
     "Armed clash"),
    ("Government soldiers encountered a group of armed men near Maiduguri and exchanged fire.", "Armed clash"),
    ("A patrol encountered a roadside bomb near Kandahar.", "Remote explosive/landmine/IED"),
    # a bomb destroyed in a controlled detonation was a weapon stopped
    ("Police stopped a car packed with explosives at a checkpoint in Mogadishu and destroyed it in a controlled "
     "detonation.", "Disrupted weapons use"),
    ("Sappers blew up the device in a controlled explosion outside the market in Kabul.", "Disrupted weapons use"),
    # an assault thwarted is a clash; a plot foiled is no clash
    ("Units of the West group thwarted attempts by Ukrainian assault groups to advance towards Kupiansk.",
     "Armed clash"),
    ("The army foiled an attempt by rebels to break through near Goma.", "Armed clash"),
])
def test_neighbouring_sub_types(text, expected):
    assert main_sub_type(text) == expected
