"""When an event happened: the date bound to the event's own clause, not the report's.

A sentence often carries several dates: the day the report was filed (a dateline, "the ministry said on
Tuesday", "on Monday announced the deaths of", "was buried on Friday") and the day the thing happened
("... killed on 20 January when ..."). The event takes, in this order:

1. a date of its own: in the event's sentences (the first one first), not a dateline's, not bound to a
   reporting or ceremony word, not a duration ("since March", "over the past week"), the one nearest to the
   event's words; a date of a day beats a coarser one ("in March", "last week");
2. the date of the story so far: the nearest earlier sentence of the same paragraph that has one ("Farmers
   blocked the highway on Tuesday. The sit-in passed off peacefully.");
3. when the event's sentence only announces it ("the council on Monday announced the deaths of ..."), the
   date told in the next sentences of the paragraph ("X was killed on Saturday ...");
4. the date the report gives for it ("Russia said on Thursday its forces had taken ..."): no better one;
5. the report's own date, marked approximate (precision "week"), as ACLED codes an undated event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.context import Context
from sitrep.extract.dates import in_dateline
from sitrep.lexicons import load_table
from sitrep.model import DateRef, Mention, Span

# a date whose words say it is a stretch of time, not the event's day
_DURATION = re.compile(r"^(?:since|for|over the (?:past|last)|in the (?:past|last)|throughout|during)\b", re.IGNORECASE)
# the words before a date that make it the start of a stretch ("since hostilities escalated on 10 May")
_SINCE_CLAUSE = re.compile(r"\b(?:since|ever since)\b[^,;:]{0,60}$", re.IGNORECASE)
# how many words may stand between a reporting word and its date ("said in a statement on Monday")
_WORDS_BETWEEN = 3
# sentences back the story's date reaches, and forward an announcement's details
_STORY_REACH = 5
_DETAIL_REACH = 2
# how close a day must come to the event's words to beat a coarser date nearer to them
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@lru_cache(maxsize=1)
def _report_word() -> re.Pattern[str]:
    """Reporting verbs (reporting_verbs.tsv) and the words of ceremonies and announcements
    (dates_report_words.tsv), as one pattern of whole words."""
    words = [re.escape(r["verb"]) for r in load_table("reporting_verbs.tsv")]
    words += [r["pattern"] for r in load_table("dates_report_words.tsv")]
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _report_word_before() -> re.Pattern[str]:
    """A reporting word, then at most a few words, right before a date ("said on", "told reporters on")."""
    return re.compile(r"(?:" + _report_word().pattern + r")(?:[\s,]+[\w'’-]+){0," + str(_WORDS_BETWEEN) + r"}[\s,]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _report_word_after() -> re.Pattern[str]:
    """A reporting word right after a date ("on Tuesday announced", "on Friday buried")."""
    return re.compile(r"[\s,]*(?:" + _report_word().pattern + r")", re.IGNORECASE)


@dataclass(frozen=True)
class _Dated:
    mention: Mention
    reporting: bool  # bound to a reporting or ceremony word: the report's date


class EventDates:
    """One document's dates by sentence, sorted out once: which may date an event and which date the report."""

    def __init__(self, ctx: Context, dates: list[Mention]):
        self.ctx = ctx
        self._by_sentence: dict[int, list[_Dated]] = {}
        text = ctx.text
        for d in sorted(dates, key=lambda d: d.span):
            if not d.value.start or in_dateline(text, d.span) or _DURATION.match(d.value.text or ""):
                continue
            index = ctx.sentence_index(d.span)
            if index is None:
                continue
            sentence = ctx.sentences[index]
            before = text[sentence.start : d.span.start]
            if _SINCE_CLAUSE.search(before[-80:]):
                continue
            reporting = bool(_report_word_before().search(before[-60:])) or bool(
                _report_word_after().match(text, d.span.end, sentence.end))
            self._by_sentence.setdefault(index, []).append(_Dated(d, reporting))
        self._drop_restated()

    def _drop_restated(self) -> None:
        """ "overnight on 1 January": a relative date right before an absolute one is told by it."""
        text = self.ctx.text
        for index, found in self._by_sentence.items():
            kept = []
            for i, d in enumerate(found):
                after = found[i + 1].mention if i + 1 < len(found) else None
                if (after is not None and d.mention.attrs.get("kind") == "relative"
                        and after.attrs.get("kind") == "absolute"
                        and re.fullmatch(r"\s*(?:,\s*)?(?:on|of)?\s*(?:the\s+)?", text[d.mention.span.end : after.span.start])):
                    continue
                kept.append(d)
            self._by_sentence[index] = kept

    def date_of(self, sentences: list[int], spans: list[Span]) -> DateRef | None:
        """The date of an event told in these sentences by these words (document offsets)."""
        ordered = sorted(set(sentences))
        for index in ordered:
            own = [d for d in self._by_sentence.get(index, ()) if not d.reporting]
            if own:
                return _day_of(_nearest(own, [s for s in spans if self._index_of(s) == index] or spans).mention)
        first = ordered[0]
        for index in range(first - 1, max(-1, first - 1 - _STORY_REACH), -1):
            if self._paragraph_break(index, first):
                break
            own = [d for d in self._by_sentence.get(index, ()) if not d.reporting]
            if own:
                return _day_of(own[0].mention)
        reported = [d for index in ordered for d in self._by_sentence.get(index, ()) if d.reporting]
        if reported:
            last = ordered[-1]
            for index in range(last + 1, min(len(self.ctx.sentences), last + 1 + _DETAIL_REACH)):
                if self._paragraph_break(last, index):
                    break
                own = [d for d in self._by_sentence.get(index, ()) if not d.reporting]
                if own:
                    return _day_of(own[0].mention)
            return _day_of(reported[0].mention)
        if self.ctx.published is None:
            return None
        day = self.ctx.published.isoformat()
        return DateRef(start=day, end=day, precision="week", text=None)

    def _index_of(self, span: Span) -> int | None:
        return self.ctx.sentence_index(span)

    def _paragraph_break(self, earlier: int, later: int) -> bool:
        """Whether a new paragraph begins between two sentences (a blank line, or two line breaks)."""
        s = self.ctx.sentences
        between = self.ctx.text[s[earlier].end : s[later].start]
        return "\n\n" in between or between.count("\n") + between.count("\u2028") > 1


def _nearest(found: list[_Dated], spans: list[Span]) -> _Dated:
    """The date nearest to the event's words; a day's date before a coarser one."""
    def key(d: _Dated) -> tuple[int, int]:
        precision = _PRECISION_RANK.get(d.mention.value.precision, 4)
        return precision, min(d.mention.span.distance(s) for s in spans)
    return min(found, key=key)


def _day_of(mention: Mention) -> DateRef:
    """The event's date from a date expression: the one day it most likely fell on where the words name a day
    or a night ("overnight" is coded on the day the night ended, "over the past day" on the day before the
    report; dates.py says which), else the expression's own period ("in March", "last week")."""
    ref: DateRef = mention.value
    day = mention.attrs.get("day")
    if day is None or day == ref.start:
        return ref  # a range keeps its end: "3 to 4 March" is coded on the 3rd and says it ran on
    return DateRef(start=day, end=day, precision="day", text=ref.text)
