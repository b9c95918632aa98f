"""A district written with its region ("X district, Y province"): a district of that name in another region is
a namesake the gazetteer lacks, and the region written beside it stands for the place. Sentences written for
these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document


def event_place(text, published="2013-04-02"):
    x = extract_document(Document(text=text, published=published))
    loc = x.events[0].location
    return loc.name, loc.admin1


@pytest.mark.parametrize("text, admin1, district", [
    # the district the gazetteer knows, in the region written after it
    ("Police detained three men in Andar district, Ghazni province, yesterday.", "Ghazni", True),
    ("Marines killed two fighters in Zurmat district, Paktiya province, on Monday.", "Paktia", True),
    # a district of that name known only in another region: the region written beside it is the place
    ("Police detained three men in Andar district, Nangarhar province, yesterday.", "Nangarhar", False),
    ("Marines killed two fighters in Zurmat district, Logar province, on Monday.", "Logar", False),
    ("Commandos arrested a bomb maker in Khugyani district, Ghazni province, on Friday.", "Ghazni", False),
])
def test_a_district_lies_in_the_region_written_after_it(text, admin1, district):
    name, region = event_place(text)
    assert region == admin1
    assert ("District" in name) == district
