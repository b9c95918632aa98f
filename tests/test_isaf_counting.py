"""What the ISAF scorer reads off a press release, on releases written for these tests in the voice of
several armies: the people an operation killed (not the force's own dead), the people it took (a leader
captured is an arrest, joined to those detained with him; a figure told again counts once, one told with
others joined counts them all), and the day of the operation rather than the release's."""

import pytest

from sitrep.evaluate import isaf
from sitrep.extract.pipeline import extract_document
from sitrep.model import Document


def predicted(text: str, published: str | None = "2011-03-03") -> isaf.IsafPrediction:
    return isaf.predict(extract_document(Document(text=text, published=published)), text)


@pytest.mark.parametrize("text, killed", [
    ("Coalition troops killed four insurgents in a firefight near Musa Qala yesterday. Two Afghan soldiers "
     "were killed in the exchange.", 4),
    ("Marines killed three armed militants during a patrol in Fallujah on Tuesday. One marine was killed and "
     "two others were wounded.", 3),
    ("Government forces killed five gunmen who attacked a checkpoint outside Maiduguri overnight; three "
     "policemen died in the attack.", 5),
    ("An air weapons team killed two insurgents planting a bomb on a road in Zhari district. One civilian "
     "was also killed in the strike.", 3),
])
def test_the_forces_own_dead_are_not_the_operations_toll(text, killed):
    assert predicted(text).min_killed == killed


@pytest.mark.parametrize("text, taken", [
    # a leader captured and others detained: one arrest, everyone counted
    ("Afghan commandos captured a Taliban bomb maker in Nawa district, Helmand province, on Tuesday. The "
     "security force detained two suspected insurgents during the search.", 3),
    ("Somali special forces captured an al-Shabaab commander near Kismayo on Monday. Soldiers detained "
     "four suspects at the compound.", 5),
    # the same people told again count once
    ("Police commandos arrested an al-Shabaab financier and one suspected militant near Kismayo on Monday. "
     "The financier was arrested at his home. An additional suspected militant was held at the scene.", 2),
    ("Iraqi troops detained a senior ISIL recruiter and two suspects in a raid west of Mosul yesterday. "
     "The suspects were detained after questioning.", 3),
    # told again with others joined to him: he and they
    ("Troops captured a Haqqani weapons facilitator in Khost province yesterday. During the search, the "
     "force detained the facilitator along with three of his associates.", 4),
    ("Afghan and coalition forces captured a Taliban commander in Zabul province Thursday. The unit detained "
     "the commander and two of his associates without firing a shot.", 3),
])
def test_people_taken_in_an_operation_are_counted_once_each(text, taken):
    assert predicted(text).min_captured == taken


@pytest.mark.parametrize("text, day", [
    ("Militant Commander Captured in Kandahar\nKABUL, Afghanistan (March 3, 2011) — Afghan and coalition "
     "forces captured a militant commander in Kandahar province Tuesday.", "2011-03-01"),
    ("Insurgent Leader Detained in Kunar\nKABUL, Afghanistan (March 3, 2011) — A combined force detained "
     "an insurgent leader in Asadabad district yesterday.", "2011-03-02"),
])
def test_the_operations_day_not_the_headlines(text, day):
    assert predicted(text, published=None).start_date == day


def main_sub_type(text: str) -> str | None:
    events = extract_document(Document(text=text, published="2021-03-10")).events
    return events[0].sub_event_type if events else None


@pytest.mark.parametrize("text, sub_type", [
    # a leader or a wanted man captured by a state's forces is arrested, by an armed group abducted
    ("Army commandos captured a Taliban commander during a raid in Nad Ali district on Tuesday.", "Arrests"),
    ("A senior al-Shabaab leader was captured by Somali troops in Lower Shabelle overnight.", "Arrests"),
    ("Marines captured the insurgent cell's financier at a compound outside Ramadi.", "Arrests"),
    ("Senior Rebel Commander Captured Near Kidal", "Arrests"),
    ("Jihadists captured a gendarmerie commander and two of his men near Djibo.", "Abduction/forced disappearance"),
    # ground taken, with a leader named near the verb: still ground taken
    ("Russian forces captured the village of Urozhaine, the commander of the battalion said.", "Armed clash"),
    ("Ukrainian troops captured Klishchiivka, a brigade commander said on Sunday.", "Government regains territory"),
    ("Rebels occupied the governor's office in Goma, a local leader said.", "Non-state actor overtakes territory"),
    # civilians seized stay an abduction
    ("Gunmen seized six women walking to the market.", "Abduction/forced disappearance"),
])
def test_a_leader_captured_is_an_arrest_not_ground_taken(text, sub_type):
    assert main_sub_type(text) == sub_type


@pytest.mark.parametrize("text", [
    "Numerous militants were killed by coalition aircraft during separate strike operations in eastern "
    "Afghanistan over the past day.",
    "Government troops killed 14 rebels and detained six others in separate raids near Goma on Sunday.",
    "Police arrested more than 20 suspects throughout the separate search operations in the capital.",
])
def test_a_figure_over_separate_operations_is_no_incidents_toll(text):
    claims = extract_document(Document(text=text, published="2021-03-10")).claims
    assert claims and all(c.scope == "cumulative" for c in claims)


def test_an_update_counts_its_operations_not_their_summary():
    text = ("KABUL, Afghanistan (March 3, 2011) — Several insurgents were killed during separate clearing "
            "operations in southern Afghanistan over the past 24 hours.\nIn Garmsir district, Helmand province, "
            "a patrol came under fire and returned fire, killing two insurgents.")
    p = predicted(text, published=None)
    assert p.min_killed == 2 and "insurgentskilled" in p.labels
