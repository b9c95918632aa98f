"""Counts of people: figures ("55", "20,000", "sixty-five", "dozens"), their hedges and what they count.

Candidate figures start at tokens found by one vectorised look-up over spaCy's token table (a leading
digit, a number or quantity word), where one regular expression reads the figure; small checks around it
throw out what is not a count of people (years, dates, times, ages, ordinals, percentages, money, measures,
labels such as "Article 5", lists of ids); then the words before and after give the qualifier ("about",
"up to", "60 or so", "between 10 and 15") and a short look-ahead past adjectives finds the counted noun.
All word lists are data files in ``lexicons/counts_*.tsv``.

Public: ``find_counts(ctx) -> list[Mention]`` and ``parse_number(text) -> int | None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import LOWER, PREFIX

from sitrep import limits
from sitrep.extract.context import Context
from sitrep.lexicons import load_lines, load_table
from sitrep.model import Count, Mention, Span
from sitrep.text import alternation, longest_first

# How far the noun may stand from the figure: words skipped (modifiers, nationalities, "of the") at most.
_MAX_LOOKAHEAD_TOKENS = 9
# Characters before a figure searched for a hedge ("approximately ", "reportedly nears ").
_HEDGE_WINDOW = 40
# Ages are small: "Vladimir Safronov, 23," - a figure above this in that position is not an age.
_MAX_AGE = 120

_CURRENCY_SIGNS = "$£€₴₽¥"
_OPENING = "\"'“‘«([—–"


# --- data ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hedge:
    qualifier: str
    strict: bool


@lru_cache(maxsize=1)
def _number_words() -> dict[str, tuple[int, str]]:
    return {r["word"].lower(): (int(r["value"]), r["kind"]) for r in load_table("counts_number_words.tsv")}


@lru_cache(maxsize=1)
def _vague() -> dict[str, tuple[int, int | None]]:
    return {
        r["phrase"].lower(): (int(r["low"]), int(r["high"]) if r["high"] else None)
        for r in load_table("counts_vague.tsv")
    }


@lru_cache(maxsize=None)
def _hedges(position: str) -> dict[str, _Hedge]:
    return {
        r["phrase"].lower(): _Hedge(r["qualifier"], r["strict"] == "yes")
        for r in load_table("counts_hedges.tsv")
        if r["position"] == position
    }


@lru_cache(maxsize=1)
def _nouns() -> dict[str, tuple[str, str]]:
    return {r["form"].lower(): (r["noun"], r["group"]) for r in load_table("counts_nouns.tsv")}


@lru_cache(maxsize=1)
def _modifiers() -> dict[str, str | None]:
    return {r["word"].lower(): (r["group"] or None) for r in load_table("counts_modifiers.tsv")}


@lru_cache(maxsize=None)
def _word_set(name: str, column: str = "word") -> frozenset[str]:
    return frozenset(r[column].lower() for r in load_table(name))


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    # shared with the dates stage: a figure beside a month name is a day of the month
    return frozenset(r["name"] for r in load_table("dates_months.tsv"))


@lru_cache(maxsize=1)
def _idioms() -> tuple[tuple[str, int], ...]:
    """Idioms with the offset of their number word: ("no one", 3)."""
    words = _number_words()
    out = []
    for row in load_table("counts_idioms.tsv"):
        phrase = row["phrase"].lower()
        for m in re.finditer(r"[a-z]+", phrase):
            if m.group(0) in words:
                out.append((phrase, m.start()))
                break
    return tuple(out)


@lru_cache(maxsize=None)
def _figure_re(glued_ok: bool = False) -> re.Pattern[str]:
    """Candidate figures. ``glued_ok``: the second figure of a range may follow a hyphen ("10-15")."""
    words = _number_words()
    single = [w for w, (_, kind) in words.items() if kind != "phrase"]
    phrases = [w for w, (_, kind) in words.items() if kind == "phrase"]
    word = f"(?:{alternation(single)})"
    scale_and = "(?:(?<=hundred)|(?<=thousand)|(?<=million))\\s+and\\s+"
    # not glued to a word, a decimal, an id ("T-72", "#5") or a currency sign
    lookbehind = r"(?<![\w.,])" if glued_ok else r"(?<![\w.,#+/" + re.escape(_CURRENCY_SIGNS) + r"-])"
    pattern = (
        lookbehind + r"(?:"
        r"(?P<digits>\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+(?:\.\d+)?)"
        r"(?:\s+(?P<scale>million|thousand|billion|hundred)\b|(?P<k>k)\b)?"
        f"|(?P<vague>{alternation(_vague())})\\b"
        f"|(?P<words>(?:{alternation(phrases)}|{word})(?:(?:[ \\t]+|-|{scale_and}){word})*)\\b"
        r")"
    )
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def _hedge_last_words() -> frozenset[str]:
    return frozenset(phrase.split()[-1] for phrase in _hedges("before"))


@lru_cache(maxsize=1)
def _hedge_after_re() -> re.Pattern[str]:
    alternatives = []
    for phrase in longest_first(_hedges("after")):
        if phrase.startswith("-") or not phrase[0].isalnum():
            alternatives.append(re.escape(phrase))  # "-odd", "+": glued to the figure
        else:
            alternatives.append(r"\s+" + re.escape(phrase).replace(r"\ ", r"\s+") + r"\b")
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


_TOKEN = re.compile(r"[ \t]*((?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’]*(?:[-/][A-Za-z]+)*|\S)")  # "U.S." is one word
_RANGE_JOIN = re.compile(r"[ \t]*(?:(–|—|-)|(to|and|or)\b)[ \t]*", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![\w-])(between|from)\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]*,[ \t]*|[A-Z][\w'’.-]*[ \t]+\(|\baged?[ \t]+)$")
_AGE_AFTER = re.compile(r"[ \t]*[,);]")
_LIST_BEFORE = re.compile(r"\d[ \t]*,[ \t]*$")
_LIST_AFTER = re.compile(r"[ \t]*,[ \t]*\d")
_SPACED_DIGITS_AFTER = re.compile(r"[ \t]\d")
_SPACED_DIGITS_BEFORE = re.compile(r"\d[ \t]$")
_COUNTER_AFTER = re.compile(r"[ \t]+of[ \t]+\d")
_COUNTER_BEFORE = re.compile(r"\d[ \t]+of[ \t]+$")
_GLUED_NUMBER = re.compile(r"[./:]\d")  # 14.08.2020, 10:30, 24/7, 1.2.3
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+(?:-[A-Za-z]+)*)")
_WORD_AFTER = re.compile(r"[ \t]*([A-Za-z°%][A-Za-z.'/]*|%|°)")


# --- parse_number ----------------------------------------------------------------------------------

_DIGITS = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|billion|hundred|k|m|bn)?\s*$", re.I)
# Figures past limits.MAX_COUNT are no count of anything (and cannot be stored); this many digits is
# already far past it, so longer digit strings are not even converted.
_MAX_FIGURE_DIGITS = 30
TOO_LARGE = 10**_MAX_FIGURE_DIGITS
_SCALE_SUFFIX = {"million": 1_000_000, "m": 1_000_000, "thousand": 1000, "k": 1000, "billion": 10**9, "bn": 10**9, "hundred": 100}


def parse_number(text: str) -> int | None:
    """A figure written in digits or words as an int: "twenty-five" → 25, "1.5 million" → 1500000,
    "20,000" → 20000, "20k" → 20000, "a dozen" → 12. None if it is not a whole number."""
    m = _DIGITS.match(text)
    if m:
        return _digits_value(m.group(1), m.group(2))
    return _parse_words(text)


def _digits_value(raw: str, scale: str | None = None) -> int | None:
    """Digits (with thousands commas or a decimal point) times an optional scale word, exactly (a float
    would read "99999999999999999999" as 1e20), or None when that is not a whole number. A figure with
    more whole digits than any count is returned as TOO_LARGE without reading them all: Python refuses
    to convert a string of thousands of digits to an int."""
    whole, _, fraction = raw.replace(",", "").partition(".")
    if len(whole.lstrip("0")) > _MAX_FIGURE_DIGITS:
        return TOO_LARGE
    factor = _SCALE_SUFFIX[scale.lower()] if scale else 1
    fraction = fraction.rstrip("0")[:_MAX_FIGURE_DIGITS]
    numerator = int(whole or "0") * 10 ** len(fraction) + int(fraction or "0")
    value, rest = divmod(numerator * factor, 10 ** len(fraction))
    return None if rest else value


def _parse_words(text: str) -> int | None:
    words = _number_words()
    phrase = " ".join(text.lower().split())
    if phrase in words and words[phrase][1] == "phrase":
        return words[phrase][0]
    tokens = [t for t in re.split(r"[\s-]+", phrase) if t and t != "and"]
    if not tokens:
        return None
    # a leading fixed phrase ("a hundred thousand", "a dozen"): its value starts the count
    total, current = 0, 0
    for size in (3, 2):
        head = " ".join(tokens[:size])
        if len(tokens) > size and head in words and words[head][1] == "phrase":
            current, tokens = words[head][0], tokens[size:]
            break
    if current == 0 and tokens[0] in words and words[tokens[0]][1] == "scale":
        return None  # "million" alone is the tail of a figure we rejected ("$5 million"), not a count
    for token in tokens:
        if token in ("a", "an"):
            current = max(current, 1)
            continue
        if token not in words:
            return None
        value, kind = words[token]
        if kind in ("unit", "teen", "ten"):
            current += value
        elif kind == "scale" and value < 1000:
            current = max(current, 1) * value  # hundred, dozen
        elif kind == "scale":
            total += max(current, 1) * value
            current = 0
        else:
            return None
    return total + current


# --- find_counts -----------------------------------------------------------------------------------


def find_counts(ctx: Context) -> list[Mention]:
    """Every count of people (or of something unknown) in the text, with qualifier and counted noun."""
    text = ctx.text
    out: list[Mention] = []
    consumed = 0  # end of the last figure used (the second number of a range is not a count of its own)
    for start in _candidate_starts(ctx):
        if start < consumed:
            continue
        m = _figure_re().match(text, start)
        if text[start - 1 : start] == "-" and _after_wire_slug(text, start):
            m = _figure_re(glued_ok=True).match(text, start)  # "UPDATE 2-Seven soldiers killed": the headline's first word
        if m is None:
            continue
        if text[m.end() : m.end() + 1] == "-" and _after_wire_slug(text, m.end() + 1):
            consumed = m.end()  # the "2" of "UPDATE 2-": the version of a wire story, no count
            continue
        mention = _count_at(text, m)
        if mention is not None and _beyond_any_count(mention.value):
            ctx.notes.append(f"the figure {_shortened(m.group(0))} is larger than any count sitrep "
                             f"records ({limits.MAX_COUNT:,}): read as no figure")
            consumed = m.end()
            continue
        if mention is not None:
            out.append(mention)
            consumed = mention.attrs["number_span"].end
        else:
            consumed = m.end()
    return out


@lru_cache(maxsize=1)
def _wire_slug() -> re.Pattern:
    """The labels a wire story's headline starts with, ending just before its first word ("UPDATE 2-",
    "RPT-", "WRAPUP 1-EXCLUSIVE-"; the words in lexicons/headline_labels.txt)."""
    labels = alternation(load_lines("headline_labels.txt"))
    # a line starts after any line break Python knows (U+2028 too), not only "\n"
    return re.compile(rf"(?:^|(?<=[\r\v\f\x1c-\x1e\x85\u2028\u2029]))[ \t]*(?:(?:{labels})(?:[ \t]+\d{{1,2}})?-)+$",
                      re.MULTILINE)


def _after_wire_slug(text: str, start: int) -> bool:
    """Does a line's wire slug end at ``start``? Called only where a figure touches a hyphen."""
    return _wire_slug().search(text, max(0, start - 40), start) is not None


def _beyond_any_count(count: Count) -> bool:
    return any(v is not None and v > limits.MAX_COUNT for v in (count.best, count.low, count.high))


def _shortened(figure: str) -> str:
    return figure if len(figure) <= 24 else f"{figure[:10]}…{figure[-4:]} ({len(figure):,} characters)"


def _candidate_starts(ctx: Context) -> list[int]:
    """Where figures may start, from the tokens spaCy already made: tokens starting with a digit, number
    and quantity words; a figure may begin one or two tokens earlier ("a dozen",
    "tens of thousands"). Vectorised over the token table, which is far cheaper than a regex scan."""
    doc = ctx.doc
    if doc is None or len(doc) == 0:
        return []
    lower_hashes, prefix_hashes, starters = _core_hashes(doc.vocab.strings)
    table = token_table(doc)
    mask = in_sorted(table[:, 1], prefix_hashes) | in_sorted(table[:, 0], lower_hashes)
    starts: list[int] = []
    for i in np.flatnonzero(mask).tolist():
        for back in (2, 1):
            if i - back >= 0 and doc[i - back].lower in starters:
                starts.append(doc[i - back].idx)
                break
        starts.append(doc[i].idx)
    return starts


def token_table(doc) -> np.ndarray:
    """The lower-case and first-character hashes of every token (one row per token), made once per
    document and shared by the stages that look tokens up in lexicons (kept in ``doc.user_data``)."""
    table = doc.user_data.get(_TABLE_KEY)
    if table is None:
        table = doc.user_data[_TABLE_KEY] = doc.to_array([LOWER, PREFIX])
    return table


_TABLE_KEY = "sitrep.lower_prefix"


def in_sorted(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Vectorised set membership against a small sorted array (cheaper than np.isin, which sorts)."""
    at = np.searchsorted(sorted_keys, values)
    at[at == len(sorted_keys)] = 0
    return sorted_keys[at] == values


@lru_cache(maxsize=4)
def _core_hashes(strings) -> tuple[np.ndarray, np.ndarray, frozenset[int]]:
    words: set[str] = set()
    for phrase in list(_number_words()) + list(_vague()):
        words.update(phrase.split())
    first_words = {p.split()[0] for p in list(_number_words()) + list(_vague()) if " " in p}
    words -= {"of", "a", "an", "half"}
    lower = np.array(sorted(strings.add(w) for w in words), dtype=np.uint64)
    prefix = np.array(sorted(strings.add(str(d)) for d in range(10)), dtype=np.uint64)
    return lower, prefix, frozenset(strings.add(w) for w in first_words)


def _count_at(text: str, m: re.Match[str]) -> Mention | None:
    start, end = m.span()
    if m.group("vague"):
        low, high = _vague()[" ".join(m.group("vague").lower().split())]
        count = Count(qualifier="vague", usual_low=low, usual_high=high)
        value = None
    else:
        value = _figure_value(m)
        if value is None:
            return None
        before = _words_before(text, start, 1)
        if _not_a_count(text, m, value, before) or _measure_after(text, end) or _month_after(text, end):
            return None  # cheapest rejections first: most figures in a text are not counts of people
        if before and before[-1][0].lower() in _hedge_last_words():
            before = _words_before(text, start, 3)  # a hedge may end here: read up to three words
        count = Count(best=value, qualifier="exact")
    hedge_start, strict = start, False
    number_end = end

    rng = None if m.group("vague") else _range_after(text, m, value)
    if rng is not None:
        second, number_end, between_start = rng
        count = Count(low=value, high=second, qualifier="range")
        hedge_start = between_start if between_start is not None else start
    elif not m.group("vague"):
        hedge = _hedge_before(before)
        if hedge is not None:
            hedge_start, kind = hedge
            count, strict = _qualified(value, kind), kind.strict
    tail_end = number_end
    if not m.group("vague") and rng is None:
        after = _hedge_after_re().match(text, number_end)
        if after:
            kind = _hedges("after")[" ".join(after.group(0).strip().lower().split())]
            if count.qualifier == "exact" or kind.qualifier != "exact":
                count, strict = _qualified(value, kind), kind.strict
            tail_end = after.end()
    if (tail_end != end or value is None) and (_measure_after(text, tail_end) or _month_after(text, tail_end)):
        return None

    noun, noun_span, group, stopped_on_thing = _counted_noun(text, tail_end)
    if stopped_on_thing:
        return None  # "three houses", "two tanks": not people
    if value is not None and _is_year(m, value) and noun is None:
        return None
    span_end = noun_span.end if noun_span else tail_end
    attrs = {
        "noun": noun,
        "noun_span": noun_span,
        "group": group,
        "number_span": Span(start, number_end),
    }
    if strict:
        attrs["strict"] = True  # "more than 30": the bound itself is excluded
    return Mention("count", Span(hedge_start, span_end), count, attrs)


def _figure_value(m: re.Match[str]) -> int | None:
    if m.group("digits"):
        raw = m.group("digits")
        if m.group("scale"):
            return parse_number(f"{raw} {m.group('scale')}")
        if m.group("k"):
            return parse_number(raw + "k")
        if "." in raw or (len(raw) > 1 and raw[0] == "0"):
            return None  # decimals and zero-padded ids count no people
        return _digits_value(raw)
    return _parse_words(m.group("words"))


def _qualified(value: int, hedge: _Hedge) -> Count:
    if hedge.qualifier == "at_least":
        return Count(low=value, qualifier="at_least", exclusive=hedge.strict)
    if hedge.qualifier in ("at_most", "up_to"):
        return Count(high=value, qualifier=hedge.qualifier, exclusive=hedge.strict)
    return Count(best=value, qualifier=hedge.qualifier)


def _hedge_before(words: list[tuple[str, int]]) -> tuple[int, _Hedge] | None:
    """The longest hedge phrase (up to three of the given words) that ends right before the figure."""
    if not words or words[-1][0].lower() not in _hedge_last_words():
        return None  # the usual case, decided with one set look-up
    hedges = _hedges("before")
    for k in range(len(words), 0, -1):
        phrase = " ".join([w for w, _ in words[-k:]]).lower()
        if phrase in hedges:
            if phrase == "up to" and k < len(words) and words[-k - 1][0].lower() in _raised_up():
                return None  # "the toll was revised up to 58": a new figure, not a ceiling
            return words[-k][1], hedges[phrase]
    return None


@lru_cache(maxsize=1)
def _raised_up() -> frozenset[str]:
    return frozenset(load_lines("counts_raised_up.txt"))


def _words_before(text: str, start: int, n: int) -> list[tuple[str, int]]:
    """Up to ``n`` whitespace-separated words before ``start`` on the same line, with their offsets; a
    word opening with a quote or bracket is the last one taken (nothing before it belongs to a hedge)."""
    window_start = max(0, start - _HEDGE_WINDOW)
    chunk = text[window_start:start]
    line_break = max(chunk.rfind("\n"), chunk.rfind("\u2028"))
    cut = window_start > 0 and not text[window_start - 1].isspace() and not chunk[:1].isspace()
    if line_break >= 0:
        chunk, window_start, cut = chunk[line_break + 1 :], window_start + line_break + 1, False
    parts = chunk.split()
    if cut and parts:
        parts = parts[1:]  # the first word was cut by the window edge
    out: list[tuple[str, int]] = []
    end = len(chunk)
    for part in reversed(parts[-n:]):
        begin = chunk.rfind(part, 0, end)
        bare = part.lstrip(_OPENING)
        out.append((bare, window_start + begin + len(part) - len(bare)))
        if bare != part:
            break
        end = begin
    out.reverse()
    return out


def _range_after(text: str, m: re.Match[str], low: int) -> tuple[int, int, int | None] | None:
    """ "10-15", "10 to 15", "two or three", "between 10 and 15": (high, end of the figure, start of 'between')."""
    join = _RANGE_JOIN.match(text, m.end())
    if join is None:
        return None
    between = _BETWEEN.search(text, max(0, m.start() - 9), m.start())
    word = (join.group(2) or "").lower()
    if word == "and" and between is None:
        return None  # "killing 2 and wounding 5" is two counts
    second = _figure_re(True).match(text, join.end())
    if second is None or second.group("vague"):
        return None
    high = _figure_value(second)
    if high is None or high <= low or _not_a_count(text, second, high):
        return None
    return high, second.end(), between.start() if between else None


def _not_a_count(text: str, m: re.Match[str], value: int, previous: list[tuple[str, int]] | None = None) -> bool:
    """Years, dates, times, ages, ordinals, labels, money and id lists are figures but not counts."""
    start, end = m.span()
    following = text[end : end + 1]
    if m.group("digits") and not m.group("scale") and not m.group("k"):
        if following.isalpha():
            return True  # 247th, 152mm, 1990s, 3am
        if _GLUED_NUMBER.match(text, end) or _LIST_AFTER.match(text, end) or _LIST_BEFORE.search(text, max(0, start - 4), start):
            return True
        if _SPACED_DIGITS_AFTER.match(text, end) or _SPACED_DIGITS_BEFORE.search(text, max(0, start - 3), start):
            return True  # phone numbers and ids written in groups: "044 123 4567"
    if _COUNTER_AFTER.match(text, end) or _COUNTER_BEFORE.search(text, max(0, start - 12), start):
        return True  # page and photo counters: "1 of 12", "Page 2 of 5"
    before = text[max(0, start - 2) : start].rstrip()
    if before[-1:] and before[-1] in _CURRENCY_SIGNS:
        return True
    if previous is None:
        previous = _words_before(text, start, 1)
    if previous:
        w = previous[0][0]
        if w.lower() in _word_set("counts_blockers.tsv") or w.rstrip(".") in _months():
            return True
    if value <= _MAX_AGE and _AGE_AFTER.match(text, end) and _AGE_BEFORE.search(text, max(0, start - 40), start):
        return True  # "Vladimir Safronov, 23," / "Ivanov (45)" / "aged 19,"
    if m.group("words") and _inside_idiom(text, start):
        return True
    return False


def _is_year(m: re.Match[str], value: int) -> bool:
    raw = m.group("digits") or ""
    return len(raw) == 4 and raw.isdigit() and 1800 <= value <= 2100


def _inside_idiom(text: str, start: int) -> bool:
    for phrase, offset in _idioms():
        if text[start : start + 1].lower() != phrase[offset]:
            continue
        begin = start - offset
        if begin >= 0 and text[begin : begin + len(phrase)].lower() == phrase:
            after = text[begin + len(phrase) : begin + len(phrase) + 1]
            if not after.isalpha():
                return True
    return False


def _measure_after(text: str, end: int) -> bool:
    """ "48 hours", "40 km", "23-year-old", "5 per cent": the figure measures something."""
    measures = _word_set("counts_measures.tsv")
    hyphen = _HYPHEN_WORD.match(text, end)
    if hyphen:
        first = hyphen.group(1).split("-")[0].lower()
        return first in measures or hyphen.group(1).lower() in measures
    word = _WORD_AFTER.match(text, end)
    if word is None:
        return False
    if word.group(1).lower() == "of":  # "dozens of kilometres", "thousands of tonnes"
        word = _WORD_AFTER.match(text, word.end())
        if word is None:
            return False
    w = word.group(1).lower().rstrip(".")
    return w in measures or word.group(1).lower() in measures


def _month_after(text: str, end: int) -> bool:
    word = _WORD_AFTER.match(text, end)
    if word is None:
        return False
    w = word.group(1)
    if w.lower() == "of":  # "14th of August" is caught as an ordinal; "3 of March" is rare but a date
        nxt = _WORD_AFTER.match(text, word.end())
        w = nxt.group(1) if nxt else ""
    return w.rstrip(".") in _months()


def _counted_noun(text: str, pos: int) -> tuple[str | None, Span | None, str, bool]:
    """Look a few tokens ahead for the counted noun, past modifiers, nationalities and "of the".

    Returns (noun, noun span, group, stopped on a non-person thing)."""
    nouns, modifiers, things = _nouns(), _modifiers(), _word_set("counts_things.tsv")
    group_hint: str | None = None
    fallback: tuple[str, Span, str] | None = None  # a word that is both modifier and noun ("police")
    tokens = _Lookahead(text, pos, _MAX_LOOKAHEAD_TOKENS + 1)
    i = 0
    first = tokens.get(0)
    if first is not None and first[0].lower() == "of":
        i = 1
        nxt = tokens.get(1)
        if nxt is not None and nxt[0].lower() in ("the", "those", "these", "their", "his", "her", "its", "our"):
            i += 1
    while (token := tokens.get(i)) is not None:
        word, start, end = token
        lower = word.lower()
        if lower == "," and i == 0:
            break  # "wounding at least 30, medical sources said": a comma right after the figure ends what it counts
        # (a comma between modifiers joins them: "40,000 captured, injured or dead troops")
        following = tokens.get(i + 1)
        if following is not None:
            pair = f"{lower} {following[0].lower()}"
            if pair in nouns:
                noun, group = nouns[pair]
                return _with_group(noun, Span(start, following[2]), group, group_hint, tokens, i + 2)
        capitalised_name_part = word[:1].isupper() and following is not None and following[0].lower() in nouns
        if lower in nouns and lower not in modifiers and not capitalised_name_part:
            # ("Armed Forces soldiers": a capitalised noun before a counted noun is part of a name)
            noun, group = nouns[lower]
            return _with_group(noun, Span(start, end), group, group_hint, tokens, i + 1)
        if lower in modifiers:
            if lower in nouns and fallback is None:
                fallback = (nouns[lower][0], Span(start, end), nouns[lower][1])
            group_hint = group_hint or modifiers[lower]
        elif word[:1].isupper() and (word.isalpha() or "-" in word or "." in word):
            pass  # nationalities and names of forces: "Russian", "Haqqani", "Pro-Russian"
        else:
            if fallback is None and _thing_within(tokens, i, nouns, things):
                return None, None, "unknown", True
            break
        i += 1
    if fallback is not None:
        noun, span, group = fallback
        return noun, span, group if group != "unknown" else (group_hint or group), False
    return None, None, group_hint or "unknown", False


_CLOSING_QUOTES = frozenset('"”’»')


class _Lookahead:
    """The words after a figure, read lazily (most look-aheads stop after one or two words) and never
    past the end of the clause or line."""

    __slots__ = ("text", "pos", "limit", "items", "done")

    def __init__(self, text: str, pos: int, limit: int) -> None:
        self.text, self.pos, self.limit = text, pos, limit
        self.items: list[tuple[str, int, int]] = []
        self.done = False

    def get(self, i: int) -> tuple[str, int, int] | None:
        while len(self.items) <= i and not self.done:
            self._read_one()
        return self.items[i] if i < len(self.items) else None

    def _read_one(self) -> None:
        t = _TOKEN.match(self.text, self.pos)
        if t is not None and not self.items and t.group(1) in _CLOSING_QUOTES:
            t = _TOKEN.match(self.text, t.end())  # a quoted figure: '"more than 30" soldiers', '"dozens" of fighters'
        if (
            t is None
            or len(self.items) >= self.limit
            or "\n" in self.text[self.pos : t.start(1)]
            or t.group(1) in ".!?;:()\"“”\u2028"
        ):
            self.done = True
            return
        self.items.append((t.group(1), t.start(1), t.end(1)))
        self.pos = t.end()


# words past the first that is neither a modifier nor a noun, looked at for a thing: "two ballistic missiles",
# "two burned pickup trucks"
_THING_REACH = 3


def _thing_within(tokens: "_Lookahead", i: int, nouns, things: frozenset[str]) -> bool:
    """A thing counted at token ``i`` or after a few words that may describe it ("ballistic", "burnt-out");
    not past a noun of people, a function word or a fate word ("three died in attacks")."""
    for j in range(i, i + _THING_REACH):
        token = tokens.get(j)
        if token is None:
            return False
        lower = token[0].lower()
        if _is_thing(lower, things):
            return True
        if (lower in nouns or lower in _function_words() or _fate_word().fullmatch(lower)
                or not token[0].replace("-", "").isalpha()):  # ("burnt-out" is a word)
            return False
    return False


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(r["word"] for r in load_table("stopwords.tsv") if r.get("language", "en") == "en")


@lru_cache(maxsize=1)
def _fate_word() -> re.Pattern:
    """The fate words of claims (claim_measures.tsv), as one pattern a word is matched against."""
    return re.compile("|".join(f"(?:{r['pattern']})" for r in load_table("claim_measures.tsv")), re.IGNORECASE)


def _is_thing(word: str, things: frozenset[str]) -> bool:
    return word in things or word + "s" in things or word + "es" in things


def _with_group(noun, span, group, hint, tokens: _Lookahead, nxt: int) -> tuple[str, Span, str, bool]:
    """The noun's group, or the modifier's when the noun says nothing; coordinated nouns of another
    group ("soldiers and civilians") make it mixed."""
    if group == "unknown" and hint:
        group = hint
    joiner, other_word = tokens.get(nxt), tokens.get(nxt + 1)
    if joiner is not None and other_word is not None and joiner[0].lower() in ("and", "or"):
        other = _nouns().get(other_word[0].lower())
        if other and other[1] != group and "unknown" not in (other[1], group):
            group = "mixed"
    return noun, span, group, False
