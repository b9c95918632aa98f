"""An event placed only in an area ("eastern Chad", "the Sahel", "Donbas") gets the area's representative
point at precision 'area', never a settlement's precision; a region (a province, a breakaway republic)
keeps 'region'; a settlement named with the area is the event's place."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.gazetteer.lookup import resolve_place_name


@pytest.mark.parametrize("phrase", ["southern Ukraine", "north-eastern Nigeria", "western Afghanistan",
                                    "central Mali", "Donbas", "the Donbass", "North Caucasus"])
def test_areas_have_area_precision(phrase):
    place = resolve_place_name(phrase)
    assert place is not None and place.kind == "area" and place.precision == "area"
    assert place.lat is not None and place.lon is not None  # a representative point all the same


@pytest.mark.parametrize("phrase", ["Donetsk People's Republic", "Abkhazia", "Helmand", "Kharkiv Oblast"])
def test_regions_and_breakaway_republics_keep_region_precision(phrase):
    place = resolve_place_name(phrase)
    assert place is not None and place.precision == "region"


@pytest.mark.parametrize("text", [
    "Three soldiers killed in eastern Ukraine",
    "Gunmen kill seven in north-western Nigeria, police say",
    "Two civilians die as shells hit homes in the Donbas",
    "Militants attack army post in southern Somalia",
])
def test_an_event_told_only_of_an_area_is_placed_at_area_precision(text):
    x = sitrep.extract(text, published="2020-06-01")
    located = [e.location for e in x.events if e.location is not None]
    assert located and all(loc.precision == "area" and loc.lat is not None for loc in located)


@pytest.mark.parametrize("text, town", [
    ("Two soldiers killed near Avdiivka in Donbas", "Avdiivka"),
    ("Shelling of Marinka in eastern Ukraine kills a civilian", "Marinka"),
    ("Gunmen kill five in Gusau, north-western Nigeria", "Gusau"),
])
def test_a_town_named_with_its_area_is_the_events_place(text, town):
    x = sitrep.extract(text, published="2020-06-01")
    assert x.events and x.events[0].location is not None
    assert x.events[0].location.text == town and x.events[0].location.precision in ("exact", "near")
