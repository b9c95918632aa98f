"""Places hit in the same wave as the incident told before them ("X and Y were also hit")."""

import sitrep


def events(text: str) -> list[tuple[str, str | None]]:
    x = sitrep.extract(text, published="2024-03-10")
    return [(e.sub_event_type, e.location.name if e.location else None) for e in x.events]


def test_places_also_hit_take_the_incidents_type():
    found = events("Russian drones struck an energy facility in Sumy overnight. Okhtyrka and Lebedyn were also hit.")
    assert [t for t, _ in found] == ["Air/drone strike"] * 3
    assert {"Okhtyrka", "Lebedyn"} <= {p for _, p in found}


def test_also_came_under_fire_and_also_damaged():
    found = events("Russian artillery shelled Nikopol on Tuesday, wounding two men. Marhanets and Pokrov also came under fire.")
    assert [t for t, _ in found] == ["Shelling/artillery/missile attack"] * 3
    found = events("Russian forces shelled Kherson on Monday. A hospital in Beryslav was also damaged.")
    assert ("Shelling/artillery/missile attack", "Beryslav") in found


def test_no_echo_of_what_is_no_violence_or_no_place_hit():
    # an arrest has no wave; "also confirmed the strike" tells of no place hit; another story is not this wave
    assert events("Police arrested two activists in Tbilisi on Monday. Their office in Batumi was also hit.") == [
        ("Arrests", "Tbilisi")]
    found = events("A precision airstrike killed several insurgents near Khost. Officials also confirmed the strike "
                   "had not injured any civilians.")
    assert [t for t, _ in found] == ["Air/drone strike"]
    found = events("Drones struck a depot in Kursk on Monday. In other news, the bridge at Belgorod was also hit.")
    assert [p for _, p in found] == ["Kursk"]
