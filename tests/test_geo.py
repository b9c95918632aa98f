"""The one great-circle distance every layer uses."""

import pytest

from sitrep.geo import EARTH_RADIUS_KM, distance_km


def test_distance_between_real_cities():
    kyiv, kharkiv = (50.4501, 30.5234), (49.9935, 36.2304)
    assert 405 < distance_km(*kyiv, *kharkiv) < 415
    assert distance_km(*kharkiv, *kyiv) == pytest.approx(distance_km(*kyiv, *kharkiv))
    assert distance_km(*kyiv, *kyiv) == 0.0


def test_distance_on_meridians_and_the_equator():
    # one degree of latitude is about 111 km anywhere; half the equator is pi times the radius
    assert distance_km(48.0, 37.8, 49.0, 37.8) == pytest.approx(111.2, abs=0.5)
    assert distance_km(0, 0, 0, 180) == pytest.approx(3.141592653589793 * EARTH_RADIUS_KM)
    assert distance_km(-89.9, 0, 89.9, 0) == pytest.approx(distance_km(0, 0, 0, 179.8))
