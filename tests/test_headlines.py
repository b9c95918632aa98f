"""Headline-ese: the present tense, dropped articles, and the source named after a dash or colon.

Wire headlines say "Shell kills soldier", "Two miners die in blast", "... - DPR defence ministry": the
claims in them must come out as in prose. Sentences written for these tests, several phrasings each.
"""

import pytest

import sitrep


def killed(text: str) -> list[int | None]:
    x = sitrep.extract(text, published="2016-05-02")
    return [c.count.best for c in x.claims if c.measure == ["killed"]]


def claimants(text: str) -> list[tuple[str | None, str | None]]:
    x = sitrep.extract(text, published="2016-05-02")
    return [(c.claimant.name, c.claimant.text) for c in x.claims]


@pytest.mark.parametrize("text, figure", [
    ("Two police officers die in gun attack in Kharkiv - interior ministry", 2),
    ("Three miners die as shell hits pit near Toretsk", 3),
    ("Fourteen people die in overnight bombardment of Luhansk: health officials", 14),
    ("Clashes kill five in east Ukraine despite talks", 5),
    ("Air strikes kill 23 in northern Syria, monitor says", 23),
])
def test_present_tense_die_and_kill_are_fate_words(text, figure):
    assert killed(text) == [figure]


@pytest.mark.parametrize("text", [
    "Sniper kills soldier near Popasna",
    "Shell kills civilian in Horlivka",
    "Rebels kill policeman at checkpoint near Mariupol",
    "Roadside bomb kills Afghan border guard in Helmand",
])
def test_a_singular_object_without_article_in_a_headline_is_one_person(text):
    assert killed(text) == [1]


@pytest.mark.parametrize("text", [
    "Ukrainian servicemen killed near Zolote",
    "Landmine kills Ukrainian servicemen near Zolote: army",
    "Children killed in shelling of Donetsk",
    "Militiamen killed in night raid, says command",
])
def test_a_plural_without_s_is_no_single_person(text):
    assert 1 not in killed(text)


def test_wounds_is_a_fate_word_of_its_own():
    x = sitrep.extract("Horlivka shelling kills one, wounds four - city council", published="2016-05-02")
    figures = {tuple(c.measure): c.count.best for c in x.claims}
    assert figures == {("killed",): 1, ("wounded",): 4}


@pytest.mark.parametrize("text, words", [
    ("Two LNR fighters killed in shelling by Ukrainian army - LNR defence ministry", "LNR defence ministry"),
    ("Militiaman killed in Horlivka shelling - DPR operational command", "DPR operational command"),
    ("Civilian killed in Horlivka shelling - mayor's office", "mayor's office"),
    ("Three Ukrainian marines wounded in rebel east: Kyiv military", "Kyiv military"),
])
def test_a_headline_source_named_with_its_institution_keeps_all_its_words(text, words):
    assert [t for _, t in claimants(text)] == [words]


@pytest.mark.parametrize("text", [
    "Two Ukrainian soldiers killed in separatist east: Kiev",
    "Five soldiers killed in separatist east - Kiev",
    "Four troops wounded near Avdiivka: Kyiv",
])
def test_a_capital_after_the_dash_or_colon_is_its_government_not_the_statement_before(text):
    assert [n for n, _ in claimants(text)] == ["Government of Ukraine"]


def test_a_post_headed_by_its_author_stays_the_authors():
    assert claimants("Kharkiv RMA: Two civilians killed in shelling of Kupiansk.") == [("Kharkiv RMA", "Kharkiv RMA")]


@pytest.mark.parametrize("text", [
    "Two Ukrainian soldiers killed in separatist east: Kiev",
    "Three servicemen killed in past day - Kiev military",
    "Marine wounded by sniper fire in the south – Moscow",
])
def test_a_capital_named_as_the_headlines_source_is_no_event_place(text):
    x = sitrep.extract(text, published="2016-05-02")
    assert all(e.location is None or e.location.name not in ("Kyiv", "Moscow") for e in x.events)


def test_a_capital_where_something_happened_stays_the_events_place():
    x = sitrep.extract("Shelling hits Kiev suburb, two dead", published="2016-05-02")
    assert x.events and x.events[0].location.name == "Kyiv"


@pytest.mark.parametrize("text, name", [
    ("Poroshenko says 16 killed in shelling of town", "Poroshenko"),
    ("Five killed in Donetsk, Basurin says", "Basurin"),
    ("Zelensky said two soldiers were killed near Bakhmut.", "Zelensky"),
])
def test_a_name_the_lexicons_do_not_know_before_a_speech_verb_is_the_claimant(text, name):
    assert [n for n, _ in claimants(text)] == [name]


@pytest.mark.parametrize("text", [
    "Initial reports indicate two insurgents were killed.",
    "On Sunday officials found that two were killed.",
    "Then two soldiers were killed, the report says nothing more.",
])
def test_capitalised_words_that_are_no_name_do_not_speak(text):
    assert all(n in (None, "report") or n[0].islower() for n, _ in claimants(text))


@pytest.mark.parametrize("text, killed_, wounded_", [
    ("One KIA, two WIA near Avdiivka overnight - brigade HQ", 1, 2),
    ("Army reports 2 KIAs and 5 WIAs after mortar attack near Marinka", 2, 5),
    ("Three KIA, four WIA in Helmand ambush - coalition", 3, 4),
])
def test_killed_and_wounded_in_action_abbreviated(text, killed_, wounded_):
    x = sitrep.extract(text, published="2016-05-02")
    figures = {c.measure[0]: c.count.best for c in x.claims}
    assert figures == {"killed": killed_, "wounded": wounded_}


def test_a_car_of_that_make_is_no_casualty():
    assert not sitrep.extract("He drove a Kia to the checkpoint.", published="2016-05-02").claims


def test_a_headquarters_abbreviated_is_a_claimant():
    assert [t for _, t in claimants("Two soldiers wounded near Avdiivka - ATO HQ")] == ["ATO HQ"]


@pytest.mark.parametrize("text, words", [
    ("Marine killed in sniper fire near Shyrokyne - JFO", "JFO"),
    ("Shelling of Horlivka kills two - JCCC", "JCCC"),
    ("One soldier killed, five injured near Zolote - JFO staff", "JFO staff"),
    ("Four servicemen wounded in past day - Ukraine's TCG representative", "Ukraine's TCG representative"),
])
def test_a_headline_source_by_its_initials(text, words):
    assert {t for _, t in claimants(text)} == {words}


@pytest.mark.parametrize("text", ["Two killed in blast - UPDATE", "Three soldiers killed near Kupiansk: PHOTOS"])
def test_a_headline_label_is_no_source(text):
    assert {n for n, _ in claimants(text)} == {None}


@pytest.mark.parametrize("text", [
    "Photographer killed in shelling near Sloviansk",
    "Rescuer killed while putting out fire in Donetsk",
    "Shell kills nurse outside hospital in Horlivka",
    "Rebels kill cameraman at checkpoint",
])
def test_occupations_in_the_news_are_people_counted_one_by_one(text):
    assert killed(text) == [1]
