"""Units: the registry (GFSIS-derived + curated) and the extraction stage, on sentences of the kind
conflict reporting is made of, and on the seed article."""

from __future__ import annotations

import json

import pytest

from sitrep.extract.context import Context
from sitrep.extract.units import find_units
from sitrep.gazetteer.units import canonical_unit_key, parse_unit_name, registry
from tests.conftest import needs_shared


def units_in(text: str):
    mentions = find_units(Context.from_text(text))
    for m in mentions:  # the house rule: every span reproduces its evidence
        assert m.label == "unit"
        assert 0 <= m.span.start < m.span.end <= len(text)
    return mentions


def named(mentions):
    """Distinct units, in order of first mention."""
    out = []
    for m in mentions:
        if all(m.value is not u for u in out):
            out.append(m.value)
    return out


# --- the registry -----------------------------------------------------------------------------------


def test_registry_has_both_sources_and_merges_guards_titles():
    reg = registry()
    assert len(reg) > 500
    entry = reg.lookup("247th Air Assault Regiment")
    assert entry.name == "247th Guards Air Assault Regiment"  # curated title over the GFSIS row
    assert entry.unit_number == "54801" and entry.garrison.startswith("Stavropol")  # GFSIS facts kept
    assert entry.parent == "7th Guards Air Assault Division"
    assert entry.source == "gfsis+curated"


@pytest.mark.parametrize(
    "name, canonical, side",
    [
        ("247th Guards Airborne Regiment", "247th Guards Air Assault Regiment", "RU"),  # Airborne = Air Assault
        ("247 Guards Air Assault Regiment", "247th Guards Air Assault Regiment", "RU"),
        ("247-th Regiment", "247th Guards Air Assault Regiment", "RU"),
        ("76th Guards Air Assault Division", "76th Guards Air Assault Division", "RU"),
        ("1st Guards Tank Army", "1st Guards Tank Army", "RU"),
        ("30th Motor Rifle Brigade", "30th Motor Rifle Brigade", "RU"),  # GFSIS says "Mechanized"
        ("30th Mechanized Brigade", "30th Separate Mechanized Brigade", "UA"),  # exact wording wins
        ("93rd Mechanized Brigade", "93rd Separate Mechanized Brigade", "UA"),
        ("3rd Assault Brigade", "3rd Separate Assault Brigade", "UA"),
        ("92nd Mechanized Brigade", "92nd Separate Assault Brigade", "UA"),  # an older name
        ("Wagner PMC", "Wagner Group", "RU"),
        ("Rosgvardia", "National Guard of Russia", "RU"),
        ("Kholodnyi Yar Brigade", "93rd Separate Mechanized Brigade", "UA"),
        ("Azov Regiment", "12th Special Forces Brigade Azov", "UA"),
    ],
)
def test_lookup_applies_alias_rules(name, canonical, side):
    entry = registry().lookup(name)
    assert entry is not None, name
    assert (entry.name, entry.side) == (canonical, side)


def test_lookup_refuses_ambiguous_and_unknown_names():
    reg = registry()
    assert reg.lookup("45th Brigade") is None  # Russian special forces or Ukrainian air assault
    assert reg.lookup("45th Brigade", side="UA").name == "45th Separate Air Assault Brigade"
    assert reg.lookup("999th Regiment") is None
    assert reg.lookup("Flamethrower Battalion") is None  # several of them in GFSIS
    assert reg.lookup("3rd Battalion") is None  # every regiment has one: sub-units need their branch
    assert reg.lookup("171st Separate Air Assault Battalion").garrison.startswith("Feodosia")


def test_by_number():
    reg = registry()
    assert reg.by_number("54801").name == "247th Guards Air Assault Regiment"
    assert reg.by_number("07264").name == "76th Guards Air Assault Division"
    # "a battalion within the 39th NBC Protection Regiment (military unit number - 16390)"
    assert reg.by_number("16390").name == "39th NBC Protection Regiment"
    assert reg.by_number("99999") is None


def test_canonical_unit_key_normalises_aliases():
    assert canonical_unit_key("Wagner PMC") == canonical_unit_key("Wagner Group") == canonical_unit_key("PMC Wagner")
    assert canonical_unit_key("247th Guards Airborne Regiment") == canonical_unit_key("247 Air Assault Regiment")
    assert canonical_unit_key("OMON from Khakassia") != canonical_unit_key("OMON from Moscow")
    assert canonical_unit_key("501st Separate Rifle Battalion") == "501 rifle battalion"  # unknown: structural key
    assert canonical_unit_key("93rd Mechanized Brigade") != canonical_unit_key("30th Mechanized Brigade")


def test_parse_unit_name_ignores_honorifics():
    a = parse_unit_name("4th Guards Kantemirovskaya Tank Division")
    assert (a.number, a.echelon, a.branch_key, a.proper) == (4, "division", "tank", ("Kantemirovskaya",))
    assert parse_unit_name("72nd Separate Mechanized Brigade").key() == "72 mech brigade"
    assert parse_unit_name("1st Army Corps").echelon == "corps"


# --- extraction -------------------------------------------------------------------------------------


def test_numbered_unit_resolved_with_every_field():
    text = "Paratroopers of the 247th Guards Airborne Regiment were seen in Kherson region on Monday."
    (m,) = units_in(text)
    unit = m.value
    assert m.text(text) == "247th Guards Airborne Regiment"
    assert unit.id == "u1" and unit.name == "247th Guards Airborne Regiment"
    assert unit.canonical == "247th Guards Air Assault Regiment"
    assert (unit.echelon, unit.branch, unit.side) == ("regiment", "airborne", "RU")
    assert unit.unit_number == "54801" and unit.registry_id


def test_mentions_of_one_unit_share_one_object_and_evidence():
    text = (
        "Documents found on the body showed he served in military unit 54801. The 247th Guards "
        "Airborne Regiment has lost its commander, and relatives of v/ch 54801 soldiers protested."
    )
    mentions = units_in(text)
    assert [m.text(text) for m in mentions] == ["military unit 54801", "247th Guards Airborne Regiment", "v/ch 54801"]
    assert len(named(mentions)) == 1
    unit = mentions[0].value
    assert unit.evidence == [m.span for m in mentions]
    assert unit.name == "military unit 54801" and unit.canonical == "247th Guards Air Assault Regiment"


def test_ids_follow_first_mention():
    text = (
        "Ukraine's 93rd Mechanized Brigade said Wagner Group assault teams attacked near Bakhmut, "
        "and the 93rd brigade held. Wagner later withdrew."
    )
    mentions = units_in(text)
    assert [(m.text(text), m.value.id) for m in mentions] == [
        ("93rd Mechanized Brigade", "u1"),
        ("Wagner Group", "u2"),
        ("93rd brigade", "u1"),
        ("Wagner", "u2"),
    ]
    assert mentions[0].value.side == "UA" and mentions[1].value.side == "RU"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Soldiers of the 72nd Separate Mechanized Brigade withdrew from Vuhledar.", ("72nd Separate Mechanized Brigade", "UA", "brigade")),
        ("The 3rd Separate Assault Brigade retook the village of Andriivka.", ("3rd Separate Assault Brigade", "UA", "brigade")),
        ("The 76th Guards Air Assault Division, based in Pskov, was filmed in Bucha.", ("76th Guards Air Assault Division", "RU", "division")),
        ("The 1st Guards Tank Army lost dozens of tanks near Kharkiv.", ("1st Guards Tank Army", "RU", "army")),
        ("Fighters of the Azov Regiment held out at the Azovstal steelworks.", ("12th Special Forces Brigade Azov", "UA", "brigade")),
        ("Rosgvardia troops were sent to Kherson.", ("National Guard of Russia", "RU", "force")),
        ("The National Guard of Russia said three officers died.", ("National Guard of Russia", "RU", "force")),
        ("Wagner PMC fighters took the salt mine.", ("Wagner Group", "RU", "group")),
        ("The Kraken unit liberated villages north of Kharkiv.", ("Kraken", "UA", None)),
    ],
)
def test_known_units(text, expected):
    mentions = units_in(text)
    assert len(named(mentions)) == 1, [m.text(text) for m in mentions]
    unit = mentions[0].value
    assert (unit.canonical, unit.side, unit.echelon) == expected


def test_omon_with_home_region():
    text = "Earlier reports said that elite OMON special forces troops from Khakassia had refused to fight."
    (m,) = units_in(text)
    unit = m.value
    assert m.text(text) == "OMON special forces troops from Khakassia"
    assert unit.name == "OMON from Khakassia"
    assert (unit.branch, unit.side, unit.echelon, unit.garrison) == ("riot police", "RU", None, "Khakassia")


def test_regional_detachments_are_distinct_and_bare_name_refers_back():
    text = (
        "Kemerovo OMON officers refused to cross into Ukraine. SOBR fighters from Chechnya went home. "
        "Riot police from Moscow replaced them, and OMON commanders were dismissed."
    )
    mentions = units_in(text)
    assert [m.value.name for m in mentions] == ["OMON from Kemerovo", "SOBR from Chechnya", "OMON from Kemerovo"]
    assert mentions[0].value is mentions[2].value


def test_force_level_units_need_a_side():
    text = (
        "Russia's airborne forces suffered heavy losses, and the VDV commander was replaced. "
        "Ukraine's National Guard reinforced the city. The airborne forces of both sides were exhausted."
    )
    mentions = units_in(text)
    assert [m.text(text) for m in mentions] == ["Russia's airborne forces", "VDV", "Ukraine's National Guard"]
    vdv, ngu = named(mentions)
    assert (vdv.canonical, vdv.echelon, vdv.branch, vdv.side) == ("Russian Airborne Forces", "force", "airborne", "RU")
    assert (ngu.canonical, ngu.side) == ("National Guard of Ukraine", "UA")


def test_back_references_resolve_to_the_last_unit_of_that_echelon():
    text = (
        "The 1st Battalion of the 80th Separate Air Assault Brigade crossed the Dnipro. "
        "The brigade's commander said his men were tired. "
        "Its commander's brigade had lost a third of its vehicles."
    )
    mentions = units_in(text)
    got = [(m.text(text), m.value.id, m.attrs.get("anaphor", False)) for m in mentions]
    assert got == [
        ("1st Battalion", "u1", False),
        ("80th Separate Air Assault Brigade", "u2", False),
        ("The brigade", "u2", True),
        ("Its commander's brigade", "u2", True),
    ]
    assert mentions[0].value.parent == "80th Separate Air Assault Brigade"
    assert mentions[0].value.side == "UA"  # from its parent


def test_back_reference_without_antecedent_is_dropped():
    assert units_in("The regiment's band played in Red Square. The battalion of volunteers marched.") == []


def test_bare_ordinal_refers_back_only_to_a_named_unit():
    text = "The 247th regiment lost its commander. Soldiers of the 247th buried him on the 24th of March."
    mentions = units_in(text)
    assert [m.text(text) for m in mentions] == ["247th regiment", "the 247th"]
    assert mentions[1].attrs == {"anaphor": True}


def test_coordinated_ordinals_name_separate_units():
    text = "Elements of the 104th and 234th Guards Air Assault Regiments were spotted near Hostomel."
    mentions = units_in(text)
    assert [m.text(text) for m in mentions] == ["104th", "234th Guards Air Assault Regiments"]
    a, b = named(mentions)
    assert a.name == "104th Guards Air Assault Regiment" and b.name == "234th Guards Air Assault Regiment"
    assert a.parent == b.parent == "76th Guards Air Assault Division"


def test_side_from_context_when_the_registry_does_not_know_the_unit():
    text = "Ukraine's 501st Brigade claimed a tank, while the Russian 999th Regiment retreated."
    a, b = named(units_in(text))
    assert (a.name, a.side, a.canonical) == ("501st Brigade", "UA", None)
    assert (b.name, b.side, b.canonical) == ("999th Regiment", "RU", None)


def test_context_side_settles_an_ambiguous_number():
    text = "Moscow sent the Russian 3rd Army Corps, while Ukraine's 3rd Army Corps took over the sector."
    a, b = named(units_in(text))
    assert (a.side, b.side) == ("RU", "UA")
    assert a.registry_id != b.registry_id


@pytest.mark.parametrize(
    "text",
    [
        "On the 24th of February, Russian troops crossed the border.",
        "He lived on 47th Street and later on 5th Avenue.",
        "Ukraine formed 10 brigades; 55 Russian soldiers died and 3 Russian battalion tactical groups were destroyed.",
        "It was the 2nd company to sign the reconstruction contract.",
        "Ships were shelled in the Sea of Azov, near Azov Sea ports.",
        "Richard Wagner wrote operas. Akhmat Kadyrov was killed in 2004.",
        "The airborne forces of both sides were exhausted, Russian forces said.",
        "Russian marines and Ukrainian border guards exchanged fire; Ukrainian troops held.",
        "In 2022 Russian tank units advanced; 1,200 troops and 30 tanks were lost.",
    ],
)
def test_no_false_positives(text):
    assert units_in(text) == []


def test_deterministic_and_empty_input():
    text = "Wagner Group fighters and the 93rd Mechanized Brigade clashed near Soledar."
    first = [(m.span, m.value.to_dict()) for m in units_in(text)]
    second = [(m.span, m.value.to_dict()) for m in units_in(text)]
    assert first == second
    assert units_in("") == []


@needs_shared
def test_seed_article_units(shared):
    text = (shared / "seed" / "article-247th-regiment.txt").read_text(encoding="utf-8")
    expected = json.loads((shared / "seed" / "expected.json").read_text(encoding="utf-8"))["units"]
    mentions = units_in(text)
    units = named(mentions)
    for want in expected:
        found = [u for u in units if u.name.lower() == want["name"].lower()]
        assert found, want["name"]
        unit = found[0]
        assert unit.echelon == want["echelon"]
        assert unit.side == want["side"]
        assert unit.branch in want["branch"]
    regiment = next(u for u in units if u.name == "247th Guards Airborne Regiment")
    assert regiment.canonical == "247th Guards Air Assault Regiment"
    assert len(regiment.evidence) == 3  # two by name, one "the regiment's reconnaissance commander"
    assert [text[s.start : s.end] for s in regiment.evidence][1] == "the regiment"


def test_comma_apposition_gives_the_parent_and_abbreviated_army():
    text = (
        "Soldiers of the 2nd Battalion, 187th Infantry Regiment cleared the compound. "
        "Troops of the 58th CAA and the 42nd Motor Rifle Division were reported near Robotyne."
    )
    battalion, regiment, army, division = named(units_in(text))
    assert battalion.parent == "187th Infantry Regiment" and regiment.parent is None
    assert army.canonical == "58th Combined Arms Army" and army.side == "RU"
    assert division.parent == "58th Combined Arms Army"  # from the registry, not from adjacency


def test_ordinal_words_need_capitals():
    text = "The First Guards Tank Army withdrew. It was the first brigade to cross; Third, the second regiment stayed."
    (m,) = units_in(text)
    assert m.text(text) == "First Guards Tank Army" and m.value.canonical == "1st Guards Tank Army"
