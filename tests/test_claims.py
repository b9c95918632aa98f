"""Claims, attribution and hedges, one sentence at a time."""

from sitrep.extract.attribution import attribute_sentence
from sitrep.extract.certainty import find_hedges, strongest
from sitrep.extract.claims import clause_around, find_measure_cues
from sitrep.extract.context import Context
from sitrep.model import Mention, Person, Span


def person_mention(text, name, **fields):
    start = text.index(name)
    return Mention("person", Span(start, start + len(name)), Person(id="p1", name=name, **fields))


def test_measure_cues_combine_coordinated_fates():
    cues = find_measure_cues("up to 40,000 captured, injured or dead Russian troops")
    assert [c.measures for c in cues] == [("captured",), ("wounded",), ("killed",)]


def test_refusal_is_a_measure():
    cues = find_measure_cues("About 60 servicemen refused to go to war")
    assert cues and cues[0].measures == ("refused_to_fight",)


def test_hedges_rank_doubt_over_report():
    hedges = find_hedges("Ukraine claimed the troops were paratroopers but this is not so far confirmed.")
    assert strongest(hedges) == "unconfirmed"
    assert strongest(find_hedges("Russian troops allegedly executed a man.")) == "alleged"
    assert strongest(find_hedges("Two soldiers were killed.")) == "reported"


def test_not_confirmed_is_not_read_as_confirmed():
    kinds = [h.certainty for h in find_hedges("The figure has not been confirmed.")]
    assert kinds == ["unconfirmed"]


def test_according_to_a_nation_is_its_government():
    s = "The death toll nears 20,000, according to Ukrainian estimates."
    a = attribute_sentence(s, 0, [])
    assert a.claimant.name == "Ukraine" and a.claimant.side == "UA" and a.claimant.kind == "government"


def test_anonymous_official_told_an_agency():
    s = "A senior NATO official, speaking on the condition of anonymity, told AP that figure could be higher."
    a = attribute_sentence(s, 0, [])
    assert a.claimant.kind == "anonymous"
    assert "NATO" in a.claimant.name
    assert a.via == ["AP"]


def test_named_person_before_the_verb():
    s = "Kremlin spokesman Dmitry Peskov said the losses were a tragedy."
    a = attribute_sentence(s, 0, [person_mention(s, "Dmitry Peskov", role="Kremlin spokesman", side="RU")])
    assert a.claimant.name == "Dmitry Peskov" and a.claimant.kind == "official" and a.claimant.side == "RU"


def test_pronoun_stands_for_the_last_person_named():
    text = "Dmitry Peskov spoke to reporters. But he later admitted: \"We have losses.\""
    people = [person_mention(text, "Dmitry Peskov", role="Kremlin spokesman", side="RU")]
    ctx = Context.from_text(text)
    from sitrep.extract.attribution import attribute

    found = attribute(ctx, people)
    assert found[1] is not None
    assert found[1].claimant.name == "Dmitry Peskov"
    assert found[1].verb_certainty == "admitted"


def test_outlet_quote_carries_to_the_next_quoted_sentence():
    text = 'The outlet Pskovskaya Guberniya reported: "About 60 men refused.\n"Most of them are being dismissed."'
    from sitrep.extract.attribution import attribute

    found = attribute(Context.from_text(text), [])
    assert [a.claimant.name if a else None for a in found] == ["Pskovskaya Guberniya", "Pskovskaya Guberniya"]


def test_clause_evidence_holds_lead_in_words():
    text = 'But he later admitted: "We have significant losses of troops and it is a tragedy."'
    core_start = text.index("significant")
    span = clause_around(text, Span(0, len(text)), Span(core_start, core_start + len("significant losses")))
    assert text[span.start : span.end].startswith("We have significant losses")


# --- nobody hurt is a figure of zero -----------------------------------------------------------------

import pytest

from sitrep import extract


def zeros(text: str) -> list[tuple[list[str], int | None]]:
    return [(c.measure, c.count.figure if c.count else None) for c in extract(text, published="2024-05-06").claims]


@pytest.mark.parametrize("text, measure", [
    ("A rocket struck a warehouse in Kupiansk overnight. Nobody was injured, the governor said.", ["wounded"]),
    ("Artillery shells landed near a school in Misrata; no one was hurt.", ["wounded"]),
    ("A drone struck a petrol station near Sumy on Monday; no one was killed or wounded.", ["killed", "wounded"]),
    ("Mortar rounds fell on the edge of Kherson. There were no casualties.", ["killed", "wounded"]),
    ("The blast damaged three houses in Kramatorsk, without casualties.", ["killed", "wounded"]),
    ("Gunmen fired on a bus near Kaduna, police said. No deaths were reported.", ["killed"]),
])
def test_a_statement_that_nobody_was_hurt_is_a_claim_of_zero(text, measure):
    assert (measure, 0) in zeros(text)


def test_sentences_about_nobody_else_are_no_claims():
    assert zeros("He said nobody knew where the convoy had gone.") == []
    assert zeros("No one was able to reach the village after the bridge collapsed.") == []


def test_no_casualties_gives_an_event_a_toll_of_zero():
    x = extract("A drone struck a petrol station near Sumy on Monday; no one was killed or wounded.", published="2024-05-06")
    assert [e.fatalities for e in x.events] == [0]


# --- who says so, when no known name is before the verb ------------------------------------------------

def claimants(text: str) -> list[str | None]:
    return [c.claimant.name for c in extract(text, published="2024-05-06").claims]


def test_a_post_is_its_author_s():
    assert claimants("Oleksiy Kuleba: Bila Tserkva district. A drone hit a warehouse overnight. Two people were injured.") == ["Oleksiy Kuleba"]
    assert claimants("Mykola Lukashuk, head of the regional council: Shelling of Nikopol went on all night. One man was killed.") == ["Mykola Lukashuk"]


def test_a_head_that_names_nobody_is_no_author():
    assert claimants("UPDATE: Three soldiers were killed near Gao, the army said.") == ["army"]


@pytest.mark.parametrize("link", ["READ MORE", "WATCH", "RELATED", "SEE ALSO", "Read more"])
def test_a_web_page_link_line_is_no_author(link):
    """A line linking another story ("READ MORE: <its headline>") names no one who speaks for what follows."""
    text = ("A drone hit a fuel depot in Rovenky overnight, the region's governor said.\n"
            f"{link}: Kremlin says talks with Kyiv are not on the agenda\n"
            "Rescuers found the bodies of two workers under the rubble on Wednesday morning.")
    assert link not in claimants(text)


def test_bodies_named_by_initials_by_country_or_by_their_kind():
    assert claimants("UNAMA has documented the killing of at least 12 civilians in the district.") == ["UNAMA"]
    assert claimants("Russia says it has killed more than 300 Ukrainian soldiers near Kupiansk.") == ["Russia"]
    assert claimants("The Nigerian Medical Association put the death toll at nine.") == ["Nigerian Medical Association"]
    assert claimants("After the search ended, the regional administration gave a final toll of 14 dead and 30 injured.") == ["regional administration"] * 2


# --- one statement, one claim; a denial is a claim -------------------------------------------------------

def test_a_headline_and_the_body_saying_the_same_are_one_claim_with_two_pieces_of_evidence():
    text = ("Drone strike kills four civilians in Sumy region, governor says\n"
            "SUMY, Ukraine — A Russian drone hit a minibus near Bilopillia on Friday, killing four civilians, "
            "the regional governor said.")
    x = extract(text, published="2024-05-06")
    deaths = [c for c in x.claims if c.measure == ["killed"]]
    assert len(deaths) == 1
    [claim] = deaths
    assert claim.count.figure == 4 and claim.evidence.start > text.index("\n")
    assert [text[s.start:s.end] for s in claim.restated] == ["Drone strike kills four civilians in Sumy region"]
    assert "restated" not in extract("Four civilians were killed in Sumy.", published="2024-05-06").claims[0].to_dict()


def test_different_figures_in_headline_and_body_stay_two_claims():
    text = ("Strike kills four in Sumy\n"
            "A Russian drone hit a minibus near Bilopillia on Friday, killing six people, police said.")
    figures = sorted(c.count.figure for c in extract(text, published="2024-05-06").claims if c.measure == ["killed"])
    assert figures == [4, 6]


@pytest.mark.parametrize("text, group", [
    ("The defence ministry denied that its forces had targeted civilians in the town.", "civilians"),
    ("Police denied that anyone was killed when officers dispersed the march in Kano.", "unknown"),
    ("The army denies its soldiers fired on villagers near Mopti.", "civilians"),
])
def test_a_denial_of_harm_is_a_claim_with_no_figure(text, group):
    [claim] = extract(text, published="2024-05-06").claims
    assert (claim.certainty, claim.count, claim.subject.group, claim.scope) == ("denied", None, group, "incident")


def test_a_denial_of_something_else_is_no_claim():
    assert extract("The minister denied the corruption charges on Monday.", published="2024-05-06").claims == []


def test_abductions_count_as_captured_and_an_injury_of_people_as_wounded():
    assert zeros("Gunmen abducted 14 passengers from a bus near Gusau on Tuesday.") == [(["captured"], 14)]
    assert (["wounded"], 700) in zeros("Monitors recorded the injury of more than 700 people in the city.")


# --- what a count counts: the fate word it belongs to -----------------------------------------------------

def counted(text: str) -> list[tuple[list[str], int | None]]:
    return [(c.measure, c.count.figure if c.count else None) for c in extract(text, published="2024-05-06").claims]


@pytest.mark.parametrize("text, expected", [
    ("Seven civilians were killed plus the two gunmen, the governor said.", [(["killed"], 7), (["killed"], 2)]),
    ("Four soldiers died along with three attackers near Menaka.", [(["killed"], 4), (["killed"], 3)]),
    ("Police said 12 passengers were killed as well as the bomber.", [(["killed"], 12), (["killed"], 1)]),
])
def test_people_added_to_the_dead_are_dead_too(text, expected):
    assert counted(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The agency recorded 310 civilian deaths and 540 injuries in the province last month.", [(["killed"], 310), (["wounded"], 540)]),
    ("About 40 residents were treated for breathing problems after the shelling.", [(["wounded"], 40)]),
    ("One policeman died and 25 people, most of them students, were hospitalised after the clashes.", [(["killed"], 1), (["wounded"], 25)]),
])
def test_injuries_and_treatment_count_the_wounded(text, expected):
    assert counted(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The toll from the strike by two cruise missiles on the depot rose to 18 dead.", [(["killed"], 18)]),
    ("Rescuers found nine bodies and three burnt-out minibuses near the checkpoint.", [(["killed"], 9)]),
    ("Five members of one family were killed when a shell hit their home in Huliaipole.", [(["killed"], 5)]),
])
def test_numbers_of_things_and_inside_the_counted_people_count_nobody(text, expected):
    assert counted(text) == expected


# --- claimants named in passing, and a speaker who goes on speaking -----------------------------------------

@pytest.mark.parametrize("text, claimant", [
    ("Our field team documented the killing of 23 civilians in the district in May.", "Our field team"),
    ("The research project recorded 64 civilian deaths across the governorate last year.", "research project"),
    ("Partners registered 15 civilians abducted by armed groups between June and August.", "Partners"),
    ("An independent tally by reporters has counted at least 410 soldiers from the region killed.", "independent tally by reporters"),
    ("Insurgents claim to have killed 25 policemen in the raid.", "Insurgents"),
])
def test_bodies_that_count_are_the_claimants_of_their_counts(text, claimant):
    assert claimants(text) == [claimant]


@pytest.mark.parametrize("text, claimant", [
    ("Gunmen killed nine farmers near Bama on 3 May, per Borno emergency officials.", "Borno emergency officials"),
    ("IED hit a patrol near Gao; 3 soldiers killed, per local sources.", "sources"),
])
def test_per_names_the_source(text, claimant):
    assert claimants(text) == [claimant]


def test_a_rate_is_no_source():
    assert claimants("Officials said the unit was losing about 30 men per day near the river.") == ["Officials"]


def test_a_sentence_naming_no_speaker_goes_on_with_the_speaker_before_it_in_its_paragraph():
    text = ("Corporal Andriy Melnyk, 31, was killed on Monday near Toretsk, the brigade said. Private Ivan Hordiienko, "
            "22, died the next day when a drone hit his dugout.\n\nTwo civilians were wounded in Toretsk on Tuesday.")
    assert claimants(text) == ["brigade", "brigade", None]


def test_the_speaker_goes_on_but_not_their_denial():
    text = "The ministry denied that its troops had shelled the village. Four residents were killed there on Friday."
    x = extract(text, published="2024-05-06")
    killed = [c for c in x.claims if c.measure == ["killed"]]
    assert [(c.claimant.name, c.certainty) for c in killed] == [("ministry", "reported")]


@pytest.mark.parametrize("text, expected", [
    ("Kyiv said the Russian regiment lost about 60 paratroopers in the assault on the airfield.", [(["killed"], 60)]),
    ("Rebel commanders admitted their side had lost 12 fighters near Sake.", [(["killed"], 12)]),
    ("Officers said the battalion was losing some 20 men a day in the trenches.", [(["killed"], 20)]),
    ("The regiment lost 30 tanks and two armoured vehicles in the retreat.", []),
    ("The army has suffered heavy losses, analysts said.", [(["losses"], None)]),
])
def test_people_lost_are_dead_as_analysts_read_them(text, expected):
    assert counted(text) == expected


@pytest.mark.parametrize("text", [
    "A missile hit a school in Chernihiv on 3 March. Officials said about 40 people were feared dead; the figure could not be verified.",
    "A car bomb exploded near a market in Baidoa on Friday. Police said nine people were killed, a figure that rose later.",
])
def test_the_figure_told_after_a_claim_is_that_claims_own_not_a_running_total(text):
    x = extract(text, published="2024-05-06")
    [claim] = [c for c in x.claims if c.measure == ["killed"]]
    assert claim.scope == "incident" and x.events[0].fatalities == claim.count.figure


@pytest.mark.parametrize("text, expected", [
    ("A roadside bomb hit a convoy near Baiji, resulting in the martyrdom of three soldiers and the injury of two others.",
     [(["killed"], 3), (["wounded"], 2)]),
    ("Troops engaged the bandits near Zurmi and neutralised 6 of them.", [(["killed"], 6)]),
    ("Investigators documented 21 unlawful killings of civilians in the village.", [(["killed"], 21)]),
    ("The commission received reports of 14 summary executions of detainees.", [(["killed"], 14)]),
    ("The fate of about 45 of the fishermen remains unknown.", [(["missing"], 45)]),
])
def test_martyrdom_neutralised_killings_executions_and_an_unknown_fate_are_counted(text, expected):
    assert counted(text) == expected


@pytest.mark.parametrize(
    "text, side",
    [
        ("Russian shelling kills three in Kharkiv", None),
        ("Israeli air strike killed five in Rafah on Monday.", None),
        ("Sudanese army shelling killed 12 in Omdurman, medics said.", None),
        ("Russia lost 50 in the battle, the report said.", "RU"),  # a loss verb: the side before it lost them
    ],
)
def test_the_side_before_a_verb_of_harm_is_the_doer_not_the_dead(text, side):
    [claim] = extract(text, published="2023-05-01").claims
    assert claim.subject.side == side


def test_a_headline_and_its_body_telling_one_toll_are_not_two_parties_dead():
    # the headline's side word is the shelling's; summed as two parties' dead it was 6
    text = ("Russian shelling kills three in Ukraine's Sumy\n\nRussian shelling killed three civilians in the city "
            "of Sumy on Friday, the regional governor said.")
    [event] = extract(text, published="2023-05-01").events
    assert event.fatalities == 3
