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
    # a drone that filmed is no means of attack
    ("Witness accounts backed by drone footage show the invading troops shot three Ukrainian soldiers who had "
     "laid down their arms near Marinka.", "Attack"),
    ("Drone video shows soldiers executing two men near Verbove.", "Attack"),
    ("Drone surveillance spotted the convoy before artillery destroyed it near Bakhmut.",
     "Shelling/artillery/missile attack"),
    # air interdiction is air strikes in military prose
    ("The air force said its air interdiction missions killed dozens of bandits near Tsafe, Zamfara State.",
     "Air/drone strike"),
    # a hand-thrown explosive is a grenade whatever it is called
    ("Gunmen hurled explosive devices at soldiers in Nablus overnight.", "Grenade"),
    ("Someone threw a homemade bomb at the police station in Imphal.", "Grenade"),
    ("Assailants tossed two grenades into a bar in Bujumbura, wounding six people.", "Grenade"),
    ("Protesters threw stones and bottles at police in Tbilisi.", "Violent demonstration"),
    # an arrest and the riot that answered it are one violent demonstration
    ("Lviv. Residents blocked a road outside the enlistment office after police detained a man there, and threw "
     "bottles at officers. Two officers hurt, four people detained.", "Violent demonstration"),
    ("Police arrested two activists in Tbilisi on Monday. Hundreds of their supporters then threw stones at "
     "the police station.", "Violent demonstration"),
    ("Police arrested two activists in Tbilisi on Monday.", "Arrests"),
    # a campaign is many incidents: the incident told is the event
    ("The army pressed on with its campaign of long-range strikes on enemy supply lines across Zaporizhzhia "
     "Oblast. Its rocket artillery struck a fuel depot near Tokmak on Thursday.", "Shelling/artillery/missile attack"),
    # abuses listed in general are the report's background: the incident told is the event
    ("Ethiopian security forces have committed grave abuses in Oromia, including killings, arbitrary arrests and "
     "torture. On 3 May, soldiers raped two women in a village near Nekemte.", "Sexual violence"),
    ("Rights groups say the militia's violations in Ituri, such as lootings and abductions, go unpunished. On "
     "Sunday its fighters shot dead five villagers near Djugu.", "Attack"),
    # an arrest that ends in the person's disappearance is an enforced disappearance
    ("Security agents arrested dozens of people in Daraa in January; most of those detained were later forcibly "
     "disappeared.", "Abduction/forced disappearance"),
    ("Police arrested two activists in Tbilisi on Monday. Both were released on bail the next day.", "Arrests"),
])
def test_neighbouring_sub_types(text, expected):
    assert main_sub_type(text) == expected
