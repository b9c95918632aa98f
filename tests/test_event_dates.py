"""An event's date is the date of its own clause, resolved against the report's date: not the dateline's,
not the day the report was filed or the dead were buried, not another clause's."""

import pytest

import sitrep


def main_date(text, published=None):
    x = sitrep.extract(text, published=published)
    assert x.events, "no event read"
    return x.events[0].date


def dates_of_all(text, published=None):
    return [e.date.start for e in sitrep.extract(text, published=published).events]


# --- weekdays ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, day",
    [
        # a Wednesday report: "on Tuesday" is the day before
        ("Artillery pounded the outskirts of Kherson on Tuesday, killing two people, the governor said.", "2023-11-22", "2023-11-21"),
        # the same in a dateline story with no publication date given: the dateline is the reference
        ("KHERSON, Ukraine, Nov. 22, 2023 — Artillery pounded the outskirts of Kherson on Tuesday, killing two "
         "people, the governor said.", None, "2023-11-21"),
        # a Tuesday report: "on Tuesday" is that same day
        ("Artillery pounded the outskirts of Kherson on Tuesday, killing two people, the governor said.", "2023-11-21", "2023-11-21"),
        # a past weekday is the most recent such day before the report
        ("Gunmen on motorbikes stormed a village near Gusau on Sunday night and abducted 30 people.", "2024-03-14", "2024-03-10"),
        ("A car bomb exploded at a checkpoint in Mogadishu on Friday afternoon, killing five soldiers.", "2023-06-05", "2023-06-02"),
        # possessive weekday before the event noun
        ("Officials said on Thursday that the toll from Monday's missile strike on Dnipro had risen to nine.", "2024-02-08", "2024-02-05"),
    ],
)
def test_weekday_resolved_against_the_report(text, published, day):
    assert main_date(text, published).start == day


# --- the dateline dates the report, not the event ------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, day",
    [
        ("BAMAKO, Jan. 9 (Sahel Wire) - Gunmen ambushed an army patrol near Mopti late on Sunday, killing four "
         "soldiers, officials said.", "2024-01-09", "2024-01-07"),
        ("ODESA, Ukraine, July 20 - Russian missiles struck grain terminals in the port of Chornomorsk on "
         "Wednesday, the regional governor said.", "2023-07-20", "2023-07-19"),
        ("KHARKIV, May 5 (Reuters) – A guided bomb hit a printing works in Kharkiv yesterday, the mayor said.", "2024-05-05", "2024-05-04"),
    ],
)
def test_dateline_is_the_reports_date(text, published, day):
    assert main_date(text, published).start == day


def test_dateline_alone_dates_an_undated_event_as_approximate():
    date = main_date("KABUL, Afghanistan (March 3, 2011) - Insurgents fired rockets at a base in Ghazni province.")
    assert (date.start, date.precision) == ("2011-03-03", "week")


# --- the date bound to the event's own clause ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, day",
    [
        # the reporting verb's own date is the report's
        ("Prosecutors said on 12 May 2023 that a soldier had shot a farmer dead in a village near Izium on "
         "3 April 2022.", "2023-05-13", "2022-04-03"),
        ("On 3 June, gunmen attacked a convoy of lorries near Gao, the regional council said on 5 June.", "2023-06-07", "2023-06-03"),
        ("The army told reporters on Sunday that soldiers had repelled an assault on the base at Kidal on Friday.", "2023-10-09", "2023-10-06"),
        # the wire's reporting day dates the event when nothing else does
        ("Russia's defence ministry said on Thursday its forces had recaptured the village of Pishchane.", "2024-08-16", "2024-08-15"),
        # "since ... on X" starts a stretch of time; the event is dated by its own words
        ("Since fighting flared on 10 May, militias have shelled the camp; on 2 June a shell killed three children "
         "in the camp.", "2024-06-05", "2024-06-02"),
    ],
)
def test_the_events_own_clause_dates_it(text, published, day):
    assert main_date(text, published).start == day


@pytest.mark.parametrize(
    "text, published, day",
    [
        # obituaries and funerals: the day he was killed, not the day he was buried or named
        ("Villagers in Kostopil buried Sergeant Andrii Melnyk on Friday. He was killed on 14 March when a shell "
         "hit his trench near Kupiansk.", "2024-03-23", "2024-03-14"),
        ("The Lviv city council on Monday announced the deaths of two paratroopers. Senior Sergeant Ivan Koval was "
         "killed on Saturday when a drone dropped a grenade on his position near Chasiv Yar.", "2024-04-22", "2024-04-20"),
        ("The governor's office on Wednesday named three marines killed in fighting near Krynky. Major Oleg Petrov "
         "was killed on 2 November in an assault on Ukrainian positions.", "2023-11-15", "2023-11-02"),
    ],
)
def test_announced_deaths_take_the_day_of_death(text, published, day):
    assert main_date(text, published).start == day


def test_an_event_without_a_date_takes_the_date_the_story_gave_before():
    text = ("Heavy rain fell over Kharkiv on Saturday. A missile struck a warehouse in the city's Saltivskyi district, "
            "wounding three workers.")
    assert dates_of_all(text, "2024-05-13") == ["2024-05-11"]


def test_the_story_date_carries_into_the_next_paragraph_but_not_far():
    text = ("Heavy rain fell over Kharkiv on Saturday.\n\nA missile struck a warehouse in the city's Saltivskyi "
            "district, wounding three workers.")
    assert main_date(text, "2024-05-13").start == "2024-05-11"
    far = ("Heavy rain fell over Kharkiv on Saturday. The river rose. Roads closed. Schools shut. Trams stopped. "
           "Shops stayed dark.\n\nA missile struck a warehouse in the city's Saltivskyi district, wounding three workers.")
    date = main_date(far, "2024-05-13")
    assert (date.start, date.precision) == ("2024-05-13", "week")


def test_a_dateline_after_line_separators_is_still_a_dateline():
    # press releases break lines with U+2028; "yesterday" counts from the dateline, which dates nothing itself
    text = ("Regional Command South\u2028\u2028KANDAHAR, Afghanistan (May 9, 2011) – A combined patrol detained "
            "two suspected insurgents in Arghandab district yesterday.")
    assert main_date(text).start == "2011-05-08"


# --- relative days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, day",
    [
        # a night that just ended is the report's own day
        ("Russian drones struck an energy facility in Odesa overnight, the governor said.", "2024-05-02", "2024-05-02"),
        ("Overnight, the enemy attacked Kryvyi Rih with ballistic missiles.", "2024-05-02", "2024-05-02"),
        # an explicit date beside "overnight" is the day
        ("A drone crashed into a block of flats in Uman overnight on 1 March 2025, the mayor said.", "2025-03-02", "2025-03-01"),
        # a daily summary's past day is the day before
        ("Over the past day, Russian forces shelled 14 villages in Sumy region.", "2024-08-10", "2024-08-09"),
        ("In the past 24 hours the army carried out 12 air strikes on rebel positions in Shan State.", "2024-08-10", "2024-08-09"),
        ("Insurgents attacked a police post in Kunar province yesterday, officials said.", "2012-05-06", "2012-05-05"),
    ],
)
def test_relative_days(text, published, day):
    assert main_date(text, published).start == day


def test_the_past_week_does_not_pretend_to_a_day():
    date = main_date("Police detained four suspected saboteurs in Poltava over the past week.", "2025-06-10")
    assert date.precision != "day" or date.start == "2025-06-10"


@pytest.mark.parametrize(
    "text, published, day",
    [
        # "overnight" counts from the day the sentence names, not from the report's date
        ("The defence ministry said on Sunday that Ukrainian drones had attacked an airfield near Kursk overnight.",
         "2024-09-02", "2024-09-01"),
        ("Rebel fighters entered the centre of Goma on Monday after the army withdrew overnight.", "2025-01-29", "2025-01-27"),
        # "the previous day" counts from the day the report names, or from the story's day before it
        ("The army said on Tuesday that its troops had repelled a raid on a border post near Kidal the previous day.",
         "2023-10-11", "2023-10-09"),
        ("Rebels surrounded the town of Rutshuru on 3 March. They attacked the army base there the following day.",
         "2024-03-10", "2024-03-04"),
    ],
)
def test_days_counted_from_another_day(text, published, day):
    x = sitrep.extract(text, published=published)
    assert day in [e.date.start for e in x.events]


@pytest.mark.parametrize(
    "text, published, day",
    [
        # a summary over a stretch of time, then one incident told with its day: the incident's day
        ("Between 1 March and 30 April 2024, monitors recorded 41 air strikes on villages in Sagaing Region. On "
         "12 April, two jets bombed a school in the village of Let Yet Kone, killing 14 children.", "2024-05-20", "2024-04-12"),
        ("In October, the monitoring group recorded 60 civilian casualties from shelling in Taiz. On 4 November, "
         "mortar shells hit a market in the city's Al-Qahira district, killing three people.", "2019-11-20", "2019-11-04"),
        ("So far in 2021, gunmen have abducted more than 700 people in Kaduna State. On 11 March, gunmen abducted "
         "39 students from a forestry college near Kaduna.", "2021-03-20", "2021-03-11"),
    ],
)
def test_a_dated_incident_beats_the_summary_stretch(text, published, day):
    assert main_date(text, published).start == day


def test_an_announcement_takes_the_day_told_next():
    text = ("Residents of a village near Maru in Zamfara State said on Tuesday that bandits had abducted at least 30 "
            "people. The gunmen stormed the village shortly after midnight on Sunday.")
    assert main_date(text, "2023-11-14").start == "2023-11-12"


@pytest.mark.parametrize(
    "text, published, day, sub_type",
    [
        # the summary and the incident are of different kinds: the incident leads
        ("Between January and June 2022, monitors documented 48 air strikes on markets in Amhara region. "
         "Separately, on 12 July, gunmen abducted 39 students from a college near Debre Birhan.",
         "2022-08-01", "2022-07-12", "Abduction/forced disappearance"),
        ("In 2023, monitors recorded 150 attacks on civilians in Cauca. On 3 February 2024, a roadside bomb "
         "exploded near Toribío, killing two soldiers.", "2024-02-20", "2024-02-03", "Remote explosive/landmine/IED"),
    ],
)
def test_the_incident_leads_the_summary(text, published, day, sub_type):
    x = sitrep.extract(text, published=published)
    assert (x.events[0].date.start, x.events[0].sub_event_type) == (day, sub_type)
    assert len(x.events) >= 2  # the summary is kept, after it


@pytest.mark.parametrize(
    "text, published, start, precision",
    [
        ("Missiles hit an energy plant near Burshtyn in the early hours of Sunday, the operator said.", "2024-04-29", "2024-04-28", "day"),
        ("A missile struck a hotel in Kharkiv in the early hours, wounding 11 people.", "2024-04-29", "2024-04-29", "day"),
        ("Drones attacked the port of Izmail on the night of 4 to 5 May, damaging grain silos.", "2024-05-06", "2024-05-04", "day"),
        ("Gunmen raided a church near Kaduna on the 14th, abducting 20 worshippers.", "2024-05-20", "2024-05-14", "day"),
        # coarser dates keep their precision: a month, a week
        ("Russian troops looted the museum in Kherson in October, staff said.", "2022-11-20", "2022-10-01", "month"),
        ("Police detained 30 protesters in Tbilisi earlier this week.", "2024-05-16", "2024-05-13", "week"),
        ("Militants seized the town of Djibo last week.", "2024-05-16", "2024-05-06", "week"),
    ],
)
def test_phrasings_of_the_day(text, published, start, precision):
    date = main_date(text, published)
    assert (date.start, date.precision) == (start, precision)


@pytest.mark.parametrize(
    "text, published, day",
    [
        # "an overnight operation" says what kind of operation; the day named dates it
        ("A combined force detained two suspects during an overnight operation in Logar province yesterday.", "2011-06-07", "2011-06-06"),
        ("Commandos killed four militants in separate, overnight raids near Khost on Thursday.", "2010-11-13", "2010-11-11"),
        # one word may qualify the noun too
        ("Marines seized a weapons cache during an overnight security operation near Ramadi yesterday.", "2007-03-05", "2007-03-04"),
        ("Gendarmes detained three smugglers in overnight clearing raids near Gao on Friday.", "2019-08-11", "2019-08-09"),
        # with no other day named it still dates the event, as the report's own day
        ("Troops detained a bomb maker during an overnight raid in Kandahar.", "2010-11-13", "2010-11-13"),
    ],
)
def test_overnight_before_a_noun(text, published, day):
    assert main_date(text, published).start == day


@pytest.mark.parametrize(
    "text, published, began",
    [
        ("Police detained four suspects in Peshawar overnight, officials said.", "2012-02-18", "2012-02-17"),
        ("Soldiers killed two gunmen during an overnight raid in Tikrit.", "2008-06-01", "2008-05-31"),
        ("Soldiers killed two gunmen in Tikrit yesterday.", "2008-06-01", None),
        ("Soldiers killed two gunmen in Tikrit last night.", "2008-06-01", None),
    ],
)
def test_the_night_an_overnight_event_began(text, published, began):
    from sitrep.extract.dates import night_began

    assert night_began(main_date(text, published)) == began


@pytest.mark.parametrize(
    "text, published, ended",
    [
        ("In the past 24 hours coalition patrols detained six suspects in Basra province.", "2007-09-14", "2007-09-14"),
        ("French and Malian troops killed four militants near Gao over the last 24 hours, the army said.", "2014-02-03", "2014-02-03"),
        ("During the past day, border guards detained two smugglers near Lviv.", "2023-05-20", "2023-05-20"),
        ("Soldiers killed two gunmen in Tikrit yesterday.", "2008-06-01", None),
        ("Police detained four suspects in Peshawar overnight, officials said.", "2012-02-18", None),
    ],
)
def test_the_day_a_span_up_to_the_report_ended(text, published, ended):
    from sitrep.extract.dates import period_ended

    assert period_ended(main_date(text, published)) == ended


@pytest.mark.parametrize(
    "text, published, day",
    [
        ("Police detained a man suspected of organising Tuesday's bombing of a bus station in Quetta, officials said on Friday.", "2024-03-08", "2024-03-08"),
        ("Security forces detained a militant leader today who planned Monday’s ambush on a convoy in Zabul province.", "2011-06-21", "2011-06-21"),
        ("Gunmen who carried out Sunday's raid on a village near Zamfara were arrested yesterday, police said.", "2023-05-10", "2023-05-09"),
    ],
)
def test_a_day_that_names_another_incident_does_not_date_the_event(text, published, day):
    x = sitrep.extract(text, published=published)
    assert x.events, text
    assert x.events[0].date.start == day, x.events[0].date


def test_a_day_naming_the_incident_dates_it_when_nothing_else_does():
    x = sitrep.extract("Tuesday's car bombing in Mogadishu killed nine people.", published="2024-03-08")
    assert x.events and x.events[0].date.start == "2024-03-05"


@pytest.mark.parametrize(
    "text, precision",
    [
        # told from a report of one day, an undated strike is that day's
        ("In its daily briefing, the defence ministry said its aircraft had hit a fuel depot near Kupiansk.", "day"),
        ("The General Staff's morning update said Russian artillery shelled Nikopol and Marhanets.", "day"),
        ("According to the army's evening bulletin, rebels attacked a checkpoint outside Goma.", "day"),
        # the same told with no such report stays approximate: the report's week
        ("The defence ministry said its aircraft had hit a fuel depot near Kupiansk.", "week"),
    ],
)
def test_an_undated_event_from_a_daily_report_is_that_days(text, precision):
    date = main_date(text, "2024-04-10")
    assert (date.start, date.precision) == ("2024-04-10", precision)


@pytest.mark.parametrize(
    "text",
    [
        # a "when" clause after the start of a stretch tells what happened then: history, not news
        "The town has been on the front line since 2015, when rebels seized the nearby airport. "
        "On Monday, shelling killed two residents, the mayor said.",
        "Militia checkpoints have ringed the city since March 2021, when the army overran the district. "
        "Gunmen shot dead a trader at a market there on Sunday, police said.",
        "The valley has been contested ever since 2016, when insurgents seized the town of Imam Sahib. "
        "Two soldiers were wounded in an ambush near Kunduz on Saturday, officials said.",
    ],
)
def test_an_event_in_a_when_clause_after_since_is_background(text):
    events = sitrep.extract(text, published="2024-03-06").events
    history_ends = text.index(". ") + 1
    assert events
    assert all(span.start > history_ends for e in events for span in e.evidence), [(e.sub_event_type, e.date) for e in events]


@pytest.mark.parametrize(
    "text, day",
    [
        # a deadline ("by 25 May") is no day anything happened, even when it resolves to a past date
        ("The rebels said on Saturday they had seized Kidal and would hand the town to the army by 25 May.", "2024-05-18"),
        ("Gunmen abducted 20 pupils from a school near Kaduna on Sunday and demanded a ransom by the end of June.", "2024-05-19"),
        ("Militia fighters took over the port of Kismayo on Friday; elders said they must leave no later than 30 May.", "2024-05-17"),
    ],
)
def test_a_deadline_is_not_the_events_day(text, day):
    assert main_date(text, "2024-05-21").start == day
