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


def test_bodies_named_by_initials_by_country_or_by_their_kind():
    assert claimants("UNAMA has documented the killing of at least 12 civilians in the district.") == ["UNAMA"]
    assert claimants("Russia says it has killed more than 300 Ukrainian soldiers near Kupiansk.") == ["Russia"]
    assert claimants("The Nigerian Medical Association put the death toll at nine.") == ["Nigerian Medical Association"]
    assert claimants("After the search ended, the regional administration gave a final toll of 14 dead and 30 injured.") == ["regional administration"] * 2
