"""A deterministic generator of realistic conflict news articles, for benchmarks.

Articles are composed from sentence templates (``corpus_templates.tsv``) filled with real place names
(Ukrainian cities and front-line villages with their oblast, Russian border towns), real unit names
(Russian units with military unit numbers), invented people, claimants, hedges, counts in digits and
words, and dates relative to the publication date; then padded with ordinary news prose (politics,
economy, quotes) to the requested length. The text is plausible, not true: it is benchmark input.

    from benchmarks.corpus import generate_articles, write_corpus
    articles = generate_articles(500, seed=0, words=800)   # [{id, title, text, published, url, outlet}]
    write_corpus("corpus.jsonl", 500, seed=0)

Article ``i`` of a seed does not depend on ``n``: ``generate_articles(10)`` is a prefix of
``generate_articles(500)``, and every run gives the same texts.
"""

from __future__ import annotations

import csv
import json
import random
import re
import string
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
TEMPLATES_FILE = HERE / "corpus_templates.tsv"
NAMES_FILE = HERE / "corpus_names.tsv"

KINDS = ("shelling", "drone", "battle", "losses", "capture", "refusal")
FIRST_DAY = date(2022, 3, 1)  # publication dates fall between these
LAST_DAY = date(2024, 12, 31)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS_AP = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


# --- data ------------------------------------------------------------------------------------------

def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@lru_cache(maxsize=1)
def templates() -> dict[str, tuple[str, ...]]:
    """section -> templates, in file order."""
    out: dict[str, list[str]] = {}
    for row in _read_tsv(TEMPLATES_FILE):
        out.setdefault(row["section"], []).append(row["template"])
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def names() -> dict[str, tuple[tuple[str, str], ...]]:
    """slot -> ((value, extra), ...): extra is the oblast/region of a place, the unit number, a domain."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in _read_tsv(NAMES_FILE):
        out.setdefault(row["slot"], []).append((row["value"], row["extra"]))
    return {k: tuple(v) for k, v in out.items()}


def template_fields(template: str) -> list[str]:
    """The {slot} names a template uses."""
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


# --- numbers and dates ------------------------------------------------------------------------------

def _number_phrase(rng: random.Random, low: int, high: int) -> str:
    """A count as reports write it: digits, a word, with or without a qualifier."""
    n = rng.randint(low, high)
    words = names()["number_word"]
    roll = rng.random()
    if roll < 0.25 and n <= len(words):
        core = words[n - 1][0]
    else:
        core = f"{n:,}"
    if rng.random() < 0.45:
        return f"{rng.choice(names()['qualifier'])[0]} {core}"
    return core


def _small_word(rng: random.Random) -> str:
    return rng.choice(names()["number_word"][1:9])[0]  # two..nine


def _count(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(names()["vague"])[0]
    return _number_phrase(rng, 2, 60)


def _dateline_date(day: date, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{MONTHS_AP[day.month - 1]} {day.day}, {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- one article ------------------------------------------------------------------------------------

class _Slots(dict):
    """Template fields for one article: fixed ones are stored (the same city all through the article),
    fresh ones are generated at each use by ``__missing__``."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        if key.endswith("_cap"):
            value = self[key[:-4]]
            return value[:1].upper() + value[1:]
        maker = _FRESH.get(key)
        if maker is not None:
            return maker(self.rng)
        if key in names():
            return self.rng.choice(names()[key])[0]
        raise KeyError(f"template slot {{{key}}} has no value: add it to corpus_names.tsv or _FRESH")


def _choice(slot: str) -> Callable[[random.Random], str]:
    return lambda rng: rng.choice(names()[slot])[0]


def _full_name(first: str, last: str) -> Callable[[random.Random], str]:
    return lambda rng: f"{rng.choice(names()[first])[0]} {rng.choice(names()[last])[0]}"


_FRESH: dict[str, Callable[[random.Random], str]] = {
    "n_small": lambda r: str(r.randint(2, 15)),
    "n_small2": lambda r: str(r.randint(2, 20)),
    "w_small": _small_word,
    "count": _count,
    "count2": _count,
    "n_drones": lambda r: str(r.randint(6, 90)),
    "n_day": lambda r: f"{r.randint(480, 1600):,}",
    "n_big": lambda r: f"{r.randint(120_000, 760_000):,}",
    "n_big_civ": lambda r: f"{r.randint(8_000, 12_500):,}",
    "n_ru_loss": lambda r: str(r.randint(60, 540)),
    "n_pow": lambda r: str(r.randint(40, 260)),
    "n_art": lambda r: str(r.randint(8, 60)),
    "n_homes": lambda r: f"{r.randint(300, 25_000):,}",
    "n_strikes": lambda r: str(r.randint(20, 140)),
    "n_thousands": lambda r: f"{r.randint(2, 60) * 1000:,}",
    "n_pop": lambda r: f"{r.randint(8, 300) * 1000:,}",
    "age": lambda r: str(r.randint(19, 84)),
    "age2": lambda r: str(r.randint(19, 84)),
    "percent": lambda r: str(r.randint(11, 78)),
    "rate": lambda r: str(r.randint(10, 25)),
    "percent_small": lambda r: f"{r.randint(1, 5)}.{r.randint(0, 9)}",
    "rel_date_plain": _choice("interval"),
    "abs_date_plain": lambda r: f"{r.choice(MONTHS)} {r.choice((2022, 2023))}",
    "ua_name": _full_name("first_ua", "last_ua"),
    "ua_first": _choice("first_ua"),
    "city_any": _choice("city"),
    "city_any2": _choice("city"),
}


def _fixed_slots(rng: random.Random, event_day: date) -> _Slots:
    """What stays the same through one article: its city, villages, units, claimants, the officer."""
    n = names()
    slots = _Slots(rng)
    city, oblast = rng.choice(n["city"])
    near = [v for v, o in n["village"] if o == oblast] or [v for v, _ in n["village"]]
    ru_town, ru_region = rng.choice(n["ru_town"])
    unit, number = rng.choice([u for u in n["ru_unit"] if u[1]] if rng.random() < 0.6 else n["ru_unit"])
    gov = f"{rng.choice(n['first_ua'])[0]} {rng.choice(n['last_ua'])[0]}"
    slots.update(
        city=city, oblast=oblast, village=rng.choice(near), village2=rng.choice(near),
        ru_town=ru_town, ru_region=ru_region, ru_unit=unit, unit_number=number or f"{rng.randint(10000, 99999)}",
        ua_unit=rng.choice(n["ua_unit"])[0], gov=gov,
        gov_title=rng.choice((f"regional governor {gov}", f"{gov}, head of the {oblast} regional military administration",
                              f"the head of the {oblast} regional administration, {gov}")),
        claimant_ua=rng.choice(n["claimant_ua"])[0], claimant_ru=rng.choice(n["claimant_ru"])[0],
        claimant_intl=rng.choice(n["claimant_intl"])[0], via=rng.choice(n["via"])[0],
        weapon=rng.choice(n["weapon"])[0], target=rng.choice(n["target"])[0],
        rank_ru=rng.choice(n["rank_ru"])[0], ru_name=f"{rng.choice(n['first_ru'])[0]} {rng.choice(n['last_ru'])[0]}",
        officer_role=rng.choice(n["ru_role"])[0], weekday=event_day.strftime("%A"),
    )
    return slots


def _fill(section: str, slots: _Slots) -> str:
    return slots.rng.choice(templates()[section]).format_map(slots)


def _dateline(rng: random.Random, city: str, published: date) -> str:
    style = rng.random()
    if style < 0.4:
        return f"{city.upper()}, Ukraine, {_dateline_date(published, rng)} — "
    if style < 0.6:
        return f"{city.upper()} — "
    if style < 0.75:
        return f"{_dateline_date(published, rng)} — "
    return ""


def _incident(rng: random.Random, kind: str, slots: _Slots, details: int) -> list[str]:
    """A lede and up to ``details`` different detail paragraphs about one incident."""
    pool = templates()[f"detail_{kind}"]
    picked = rng.sample(pool, min(details, len(pool)))
    return [_fill(f"lede_{kind}", slots)] + [t.format_map(slots) for t in picked]


def _core_blocks(rng: random.Random, kind: str, slots: _Slots, event_day: date) -> list[list[str]]:
    """The conflict content as blocks of paragraphs: the main incident (lede, details, competing claims,
    maybe a named officer, denial, colour), then one to three shorter incidents elsewhere, as round-ups carry."""
    main = _incident(rng, kind, slots, rng.randint(2, 3))
    main.append(_fill("claim_ua", slots))
    main.append(_fill("claim_ru", slots))
    if kind == "losses" or rng.random() < 0.4:
        main.append(_fill("officer", slots))
    if rng.random() < 0.6:
        main.append(_fill("claim_intl", slots))
    main.append(_fill("denial", slots))
    if rng.random() < 0.6:
        main.append(_fill("witness", slots))
    main.append(_fill("context", slots))
    blocks = [main]
    for _ in range(rng.randint(1, 3)):
        other = _fixed_slots(rng, event_day)  # another city, other units
        lede, *rest = _incident(rng, rng.choice(KINDS), other, rng.randint(0, 2))
        block = [_joined(rng.choice(("Separately, ", "Elsewhere, ", "In a separate incident, ", "")), lede)]
        block += rest
        block.append(_fill(rng.choice(("claim_ua", "claim_ru", "denial")), other))
        blocks.append(block)
    return blocks


# Sentence-initial words that are not names, so they may be lower-cased after "Separately, ".
_COMMON_OPENERS = frozenset("A An The At Soldiers Dozens Several Scores Hundreds About Nearly Around Some Over Almost".split())


def _joined(prefix: str, sentence: str) -> str:
    head, _, rest = sentence.partition(" ")
    if not prefix:
        return sentence
    if head in _COMMON_OPENERS:
        return f"{prefix}{head.lower()} {rest}"
    if head[:1].isdigit():  # "Separately, 12 people ..." reads badly; keep the sentence as it is
        return sentence
    return prefix + sentence


def _word_count(blocks: list[list[str]]) -> int:
    return sum(len(p.split()) for block in blocks for p in block)


def _pad(rng: random.Random, blocks: list[list[str]], slots: _Slots, words: int) -> list[str]:
    """Ordinary news prose until the article reaches ``words``: filler paragraphs go between the
    incident blocks (never inside one) and at the end."""
    fillers = list(templates()["filler"])
    rng.shuffle(fillers)
    i = 0
    while _word_count(blocks) < words:
        text = fillers[i % len(fillers)].format_map(slots)
        i += 1
        at = rng.randint(1, len(blocks))
        blocks.insert(at, [text])
    return [p for block in blocks for p in block]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def generate_article(seed: int, index: int, words: int = 800) -> dict:
    """Article ``index`` of corpus ``seed``: {id, title, text, published, url, outlet}."""
    rng = random.Random(f"sitrep-corpus:{seed}:{index}")
    published = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    event_day = published - timedelta(days=rng.choice((0, 1, 1, 1, 2, 3)))
    kind = rng.choice(KINDS)
    slots = _fixed_slots(rng, event_day)
    title = _fill(f"title_{kind}", slots)
    blocks = _core_blocks(rng, kind, slots, event_day)
    blocks[0][0] = _dateline(rng, slots["city"], published) + blocks[0][0]
    paras = _pad(rng, blocks, slots, words - len(title.split()))
    outlet, domain = rng.choice(names()["outlet"])
    return {
        "id": f"gen-{seed}-{index:06d}",
        "title": title,
        "text": title + "\n" + "\n".join(paras) + "\n",
        "published": published.isoformat(),
        "url": f"https://{domain}/{published:%Y/%m/%d}/{_slug(title)}-{index}",
        "outlet": outlet,
    }


def generate_articles(n: int, seed: int = 0, words: int = 800) -> list[dict]:
    """``n`` articles of about ``words`` words (never fewer), the same for the same arguments."""
    return [generate_article(seed, i, words) for i in range(n)]


def write_corpus(path: str | Path, n: int, seed: int = 0, words: int = 800) -> Path:
    """Write ``n`` generated articles as JSON Lines (the format ``sitrep extract`` reads)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(generate_article(seed, i, words), ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a generated benchmark corpus as JSON Lines.")
    parser.add_argument("path")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=800)
    args = parser.parse_args()
    print(write_corpus(args.path, args.n, args.seed, args.words))
