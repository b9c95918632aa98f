"""When an event happened: the date bound to the event's own clause, not the report's.

A sentence often carries several dates: the day the report was filed (a dateline, "the ministry said on
Tuesday", "on Monday announced the deaths of", "was buried on Friday") and the day the thing happened
("... killed on 20 January when ..."). The event takes, in this order:

1. a date of its own in its sentences: not a dateline's, not bound to a reporting or ceremony word, not a
   day that names another incident ("responsible for Tuesday's attack"), not the
   start of a stretch ("since 10 May", but "since 2014, when separatists seized the city" dates the
   "when" clause's event: 2014), not a window ("over the past week"); a day's date in any of its
   sentences (the first first) before a coarser one or an end of a stretch ("between 1 July and 30
   September", "in October"), so that a summary followed by a dated incident takes the incident's day; the
   one nearest to the event's words; a date in a clause that sets the scene ("After crossing the border on
   10 May, ...") only when there is no other;
2. the date of the story so far: the nearest of the few sentences before it that has one, across a
   paragraph break too ("Farmers blocked the highway on Tuesday. The sit-in passed off peacefully."; a
   release's first paragraph dates the operation its next paragraphs tell);
3. the date told in the next sentences of the paragraph ("the council on Monday announced the deaths of two
   soldiers. X was killed on Saturday ...");
4. the day it was reported ("Russia said on Thursday its forces had taken ...");
5. a day naming an incident ("Tuesday's bombing killed ...") when nothing else dates it;
6. the report's own date, marked approximate (precision "week"), as ACLED codes an undated event — or
   precision "day" when the event is told from a report of one day ("in its daily briefing, the ministry said").

Words that count days from another day ("overnight", "yesterday", "the previous day") count from the day the
same sentence names ("the ministry said on Tuesday that ... overnight" is Tuesday), else, for "the previous
day" and its kind, from the story's day; else from the report's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TypeVar

from sitrep.extract.context import Context
from sitrep.extract.dates import in_dateline
from sitrep.lexicons import load_lines, load_table
from sitrep.model import DateRef, Mention, Span

T = TypeVar("T")

# a date whose words say it is a stretch of time, not the event's day
_DURATION = re.compile(r"^(?:since|for|over the (?:past|last)|in the (?:past|last)|throughout|during)\b", re.IGNORECASE)
# "over the past week": a window of more than a day before the report dates nothing by itself
_WINDOW = re.compile(r"^(?:the\s+)?(?:past|last|previous)\b", re.IGNORECASE)
_WINDOW_BEFORE = re.compile(r"\b(?:over|in|during|for|throughout|within)\s+$", re.IGNORECASE)
# the words before a date that make it the start of a stretch ("since hostilities escalated on 10 May")
_SINCE_CLAUSE = re.compile(r"\b(?:since|ever since)\b[^,;:]{0,60}$", re.IGNORECASE)
# "by May 25", "by the end of June", "no later than Friday": a deadline
_DEADLINE_BEFORE = re.compile(r"(?<![\w-])(?:by|no later than|not later than|before the deadline of)\s+(?:the\s+)?$", re.IGNORECASE)
# a date followed by a "when" clause dates what that clause tells ("since 2014, when separatists seized ...")
_WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)
# a clause opening the sentence that sets the scene ("After crossing the border on 10 May, troops ...")
_SCENE_CLAUSE = re.compile(r"^\W*(?:after|before|until|till|following)\b[^,;:]*$", re.IGNORECASE)
# two dates joined as the ends of one stretch ("between 1 July and 30 September", "from 24 February to 30 March")
_STRETCH_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
_STRETCH_JOIN = re.compile(r"\s*(?:and|to|until|till|through|-|–)\s*(?:the\s+)?", re.IGNORECASE)
# "an overnight operation": "overnight" before a noun it qualifies, after a determiner
_QUALIFIER_BEFORE = re.compile(r"\b(?:an?|the|in|during|separate|several|multiple|their|its)\s+(?:[a-z][\w-]*,?\s+)?$", re.IGNORECASE)
# a range longer than this is a stretch of time, not the event's day
_LONGEST_DAY_RANGE = 7
# how many words may stand between a reporting word and its date ("said in a statement on Monday")
_WORDS_BETWEEN = 3
# sentences back the story's date reaches, and forward the details of what a sentence announces
_STORY_REACH = 5
_DETAIL_REACH = 2


@lru_cache(maxsize=1)
def _night_noun() -> re.Pattern[str]:
    """A noun right after "overnight" that it qualifies (dates_night_nouns.tsv)."""
    nouns = [re.escape(r["noun"]) for r in load_table("dates_night_nouns.tsv")]
    # one word may qualify the noun too: "an overnight security operation", "overnight clearing raids"
    return re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?:" + "|".join(sorted(nouns, key=len, reverse=True)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _report_word() -> re.Pattern[str]:
    """Reporting verbs (reporting_verbs.tsv) and the words of ceremonies and announcements
    (dates_report_words.tsv), as one pattern of whole words."""
    words = [re.escape(r["verb"]) for r in load_table("reporting_verbs.tsv")]
    words += [r["pattern"] for r in load_table("dates_report_words.tsv")]
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _daily_report() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(load_lines("dates_daily_reports.tsv")[1:]) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _report_word_before() -> re.Pattern[str]:
    """A reporting word, then at most a few words, right before a date ("said on", "told reporters on")."""
    return re.compile(r"(?:" + _report_word().pattern + r")(?:[\s,]+[\w'’-]+){0," + str(_WORDS_BETWEEN) + r"}[\s,]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _report_word_after() -> re.Pattern[str]:
    """A reporting word right after a date ("on Tuesday announced", "on Friday buried")."""
    return re.compile(r"[\s,]*(?:" + _report_word().pattern + r")", re.IGNORECASE)


@dataclass
class _Dated:
    mention: Mention
    reporting: bool = False  # bound to a reporting or ceremony word: the report's date
    background: bool = False  # in a clause setting the scene ("After crossing the border on 10 May, ...")
    stretch: bool = False  # one end of a stretch of time, or a period coarser than a day
    possessive: bool = False  # "Tuesday's attack": names another incident by its day

    @property
    def own(self) -> bool:
        return not (self.reporting or self.background or self.possessive)

    @property
    def day(self) -> bool:
        return not self.stretch


class EventDates:
    """One document's dates by sentence, sorted out once: which may date an event and which date the report."""

    def __init__(self, ctx: Context, dates: list[Mention]):
        self.ctx = ctx
        self._by_sentence: dict[int, list[_Dated]] = {}
        text = ctx.text
        for d in sorted(dates, key=lambda d: d.span):
            ref = d.value
            # a date followed by a "when" clause dates what that clause tells, even as a stretch's start
            # ("since 2014, when separatists seized Donetsk")
            told_when = bool(_WHEN_AFTER.match(text, d.span.end))
            if not ref.start or in_dateline(text, d.span) or (_DURATION.match(ref.text or "") and not told_when):
                continue
            index = ctx.sentence_index(d.span)
            if index is None:
                continue
            sentence = ctx.sentences[index]
            before = text[sentence.start : d.span.start]
            if _SINCE_CLAUSE.search(before[-80:]) and not told_when:
                continue
            if told_when and _DURATION.match(ref.text or ""):
                d = Mention(d.label, d.span, _period_only(ref), d.attrs)  # "since 2014, when": 2014, not 2014 to now
            if ref.precision != "day" and _WINDOW.match(ref.text or "") and _WINDOW_BEFORE.search(before[-12:]):
                continue  # "detained three agents over the past week"
            if _DEADLINE_BEFORE.search(before[-16:]):
                continue  # "would hand the city over by May 25": a deadline, not the day anything happened
            dated = _Dated(d)
            dated.reporting = bool(_report_word_before().search(before[-60:])) or bool(
                _report_word_after().match(text, d.span.end, sentence.end))
            dated.background = bool(_SCENE_CLAUSE.match(before)) or _qualifies_a_noun(text, d, before)
            dated.stretch = ref.precision != "day" or _days(ref.start, ref.end) > _LONGEST_DAY_RANGE
            dated.possessive = text[d.span.start : d.span.end].endswith(("'s", "’s")) or text[d.span.end : d.span.end + 2] in ("'s", "’s")
            self._by_sentence.setdefault(index, []).append(dated)
        for found in self._by_sentence.values():
            self._join_stretches(found)
            self._drop_restated(found)

    def _join_stretches(self, found: list[_Dated]) -> None:
        """ "between 1 July and 30 September": neither end is the event's day."""
        text = self.ctx.text
        for a, b in zip(found, found[1:]):
            first, second = a.mention.span, b.mention.span
            if _STRETCH_JOIN.fullmatch(text, first.end, second.start) and _STRETCH_OPEN.search(text[max(0, first.start - 16) : first.start]):
                a.stretch = b.stretch = True

    def _drop_restated(self, found: list[_Dated]) -> None:
        """ "overnight on 1 January", "in the early hours of Sunday": words counting from the report's day,
        right before a day named outright, are told by it."""
        text = self.ctx.text
        for d, after in list(zip(found, found[1:])):
            if ("shift" in d.mention.attrs and "shift" not in after.mention.attrs and after.mention.value.precision == "day"
                    and re.fullmatch(r"\s*(?:,\s*)?(?:on|of)?\s*(?:the\s+)?", text[d.mention.span.end : after.mention.span.start])):
                found.remove(d)

    def date_of(self, sentences: list[int], spans: list[Span]) -> DateRef | None:
        """The date of an event told in these sentences by these words (document offsets)."""
        ordered = sorted(set(sentences))
        first = ordered[0]

        def own(d: _Dated) -> bool:  # "Monday's missile strike" names this very event by its day
            return d.own or (d.possessive and not (d.reporting or d.background) and _names_event(d, spans))

        # its own date: a day's in any of its sentences (the first first), else a coarser one, else one
        # from a clause that sets the scene
        for wanted in (lambda d: own(d) and d.day, own, lambda d: not d.reporting and (not d.possessive or own(d))):
            for index in ordered:
                found = [d for d in self._by_sentence.get(index, ()) if wanted(d)]
                if found:
                    near = [s for s in spans if self.ctx.sentence_index(s) == index] or spans
                    return self._resolved(_nearest(found, near), index)
        # the story's date, told earlier in the paragraph
        for index in self._before(first):
            found = [d for d in self._by_sentence.get(index, ()) if d.own and d.day]
            if found:
                return self._resolved(found[0], index)
        # what the sentence announces is told next ("... announced the deaths of two soldiers. X was killed on ...")
        for index in self._after(first):
            if index in ordered:
                continue
            found = [d for d in self._by_sentence.get(index, ()) if d.own and d.day]
            if found:
                return self._resolved(found[0], index)
        # the day it was reported, in its sentences or the story's
        for index in ordered + list(self._before(first)):
            found = [d for d in self._by_sentence.get(index, ()) if d.reporting and d.day]
            if found:
                return self._resolved(found[0], index)
        # an incident named by its day ("Tuesday's bombing") when its sentences say nothing else
        for index in ordered:
            found = [d for d in self._by_sentence.get(index, ()) if d.possessive and not d.reporting]
            if found:
                return self._resolved(found[0], index)
        if self.ctx.published is None:
            return None
        # undated in the text: coded on the report's date, as ACLED does, and marked approximate (week) —
        # unless told from a report of one day ("in its daily briefing, the ministry said"): that day
        day = self.ctx.published.isoformat()
        sentences = self.ctx.sentences
        daily = any(_daily_report().search(self.ctx.text, sentences[i].start, sentences[i].end) for i in ordered)
        return DateRef(start=day, end=day, precision="day" if daily else "week", text=None)

    def own_day(self, index: int, spans: list[Span]) -> str | None:
        """The day a sentence gives the words at ``spans`` as their own (not a report's, a scene's or a
        stretch's), resolved; None when it names none. Two tellings of one kind of event that each
        give a day of their own, different days, are two incidents ("X was killed on 25 February ...
        Y was killed there on 1 March")."""
        found = [d for d in self._by_sentence.get(index, ()) if d.own and d.day and not _WINDOW.match(d.mention.value.text or "")]
        if not found:
            return None  # "killed there over the last 24 hours": a window, not a day of its own
        near = [s for s in spans if self.ctx.sentence_index(s) == index] or spans
        return self._resolved(_nearest(found, near), index).start

    def nearest_told(self, index: int, spans: list[Span]) -> DateRef | None:
        """The date of its own nearest to the words at ``spans`` in sentence ``index``, of any precision
        ("exhumed on 2 June the remains of villagers killed in 1984": the killing's is 1984); None if none."""
        found = [d for d in self._by_sentence.get(index, ()) if d.own]
        if not found:
            return None
        near = [s for s in spans if self.ctx.sentence_index(s) == index] or spans
        return self._resolved(_nearest(found, near), index)

    def _resolved(self, dated: _Dated, index: int) -> DateRef:
        """The event's date from the chosen words. Words naming a day counted from another ("overnight",
        "the previous day") count from a day the same sentence names ("the ministry said on Tuesday ...
        overnight"), or, for "the previous day", the story's day before it; else from the report's date."""
        mention = dated.mention
        shift = mention.attrs.get("shift")
        if shift is not None:
            anchor = self._anchor(mention, index)
            if anchor is not None:
                day = (date.fromisoformat(anchor) + timedelta(days=shift)).isoformat()
                return DateRef(start=day, end=day, precision="day", text=mention.value.text)
        return _day_of(mention)

    def _anchor(self, mention: Mention, index: int) -> str | None:
        others = [d for d in self._by_sentence.get(index, ()) if "shift" not in d.mention.attrs and d.day and not d.possessive]
        if others:
            return min(others, key=lambda d: d.mention.span.distance(mention.span)).mention.value.start
        if mention.attrs.get("anchored"):
            for earlier in self._before(index):
                found = [d for d in self._by_sentence.get(earlier, ()) if d.own and d.day and "shift" not in d.mention.attrs]
                if found:
                    return found[0].mention.value.start
        return None

    def _before(self, index: int):
        """Earlier sentences, nearest first, as far as a story's date reaches (paragraphs of one short report
        go on telling the same day)."""
        for earlier in range(index - 1, max(-1, index - 1 - _STORY_REACH), -1):
            yield earlier

    def _after(self, index: int):
        """Later sentences of the same paragraph, as far as an announcement's details reach."""
        for later in range(index + 1, min(len(self.ctx.sentences), index + 1 + _DETAIL_REACH)):
            if self._paragraph_break(index, later):
                return
            yield later

    def _paragraph_break(self, earlier: int, later: int) -> bool:
        """Whether a new paragraph begins between two sentences (a blank line, or two line breaks)."""
        s = self.ctx.sentences
        between = self.ctx.text[s[earlier].end : s[later].start]
        return "\n\n" in between or between.count("\n") + between.count("\u2028") > 1


def _qualifies_a_noun(text: str, mention: Mention, before: str) -> bool:
    """ "during an overnight operation ... yesterday": "overnight" says what kind of operation, and another
    day the sentence names dates it (it dates the event only when there is none)."""
    return (" ".join((mention.value.text or "").lower().split()) == "overnight"
            and bool(_QUALIFIER_BEFORE.search(before[-40:])) and _night_noun().match(text, mention.span.end) is not None)


# how far after "Monday's" the words of the event it names may start ("Monday's Russian missile strike")
_POSSESSIVE_REACH = 30


def _names_event(dated: _Dated, spans: list[Span]) -> bool:
    end = dated.mention.span.end
    return any(end <= s.start <= end + _POSSESSIVE_REACH for s in spans)


def is_stretch(ref: DateRef | None) -> bool:
    """Whether a date the text gives is a stretch of time rather than a day: a month, a year, or a range of
    more than a week ("between 1 July and 30 September 2019")."""
    if ref is None or ref.text is None or ref.start is None:
        return False
    return ref.precision in ("month", "year") or _days(ref.start, ref.end) > _LONGEST_DAY_RANGE


def incident_first(dated: list[tuple[T, DateRef | None]]) -> list[tuple[T, DateRef | None]]:
    """The report's main event, first: a summary over a stretch of time ("In October the monitors recorded
    128 casualties ...") leads only when no incident with a day of its own follows ("On 4 November, mortar
    shells hit a market ..."); the first such incident leads instead. Items are (event, its date)."""
    if not dated or not is_stretch(dated[0][1]):
        return dated
    for i, (_, ref) in enumerate(dated[1:], 1):
        if ref is not None and ref.text is not None and ref.precision == "day" and not is_stretch(ref):
            return [dated[i]] + dated[:i] + dated[i + 1 :]
    return dated


def _period_only(ref: DateRef) -> DateRef:
    """A stretch's start read as its own period: "since 2014" as the year 2014, "since March 2022" as March 2022."""
    start = date.fromisoformat(ref.start)
    if ref.precision == "year":
        end = date(start.year, 12, 31)
    elif ref.precision == "month":
        end = (date(start.year + start.month // 12, start.month % 12 + 1, 1) - timedelta(days=1))
    else:
        end = start
    return DateRef(start=ref.start, end=end.isoformat(), precision=ref.precision, text=ref.text)


def _days(start: str, end: str | None) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days if end else 0


def _nearest(found: list[_Dated], spans: list[Span]) -> _Dated:
    """The date nearest to the event's words."""
    return min(found, key=lambda d: min(d.mention.span.distance(s) for s in spans))


def _day_of(mention: Mention) -> DateRef:
    """The event's date from a date expression: the one day it most likely fell on where the words name a day
    or a night ("overnight" is coded on the day the night ended, "over the past day" on the day before the
    report; dates.py says which), else the expression's own period ("in March", "last week")."""
    ref: DateRef = mention.value
    day = mention.attrs.get("day")
    if day is None or day == ref.start:
        return ref  # a range keeps its end: "3 to 4 March" is coded on the 3rd and says it ran on
    return DateRef(start=day, end=day, precision="day", text=ref.text)
