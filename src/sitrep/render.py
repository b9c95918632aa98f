"""Readable summaries of an Extraction, for people at a terminal."""

from __future__ import annotations

from sitrep.model import Extraction


def _quote(text: str, span, width: int = 90) -> str:
    if span is None:
        return ""
    s = " ".join(text[span.start : span.end].split())
    return f'"{s[:width]}{"…" if len(s) > width else ""}"'


def _count(count) -> str:
    if count is None:
        return "no figure"
    if count.low is not None and count.high is not None and count.low != count.high:
        figure = f"{count.low}–{count.high}"
    else:
        figure = str(count.figure)
    return f"{figure} ({count.qualifier})"


def first_words(text: str, width: int = 60) -> str:
    """What names an untitled report for a reader: the start of its text, cut at a word."""
    words = " ".join(text.split())
    if len(words) <= width:
        return words
    return words[:width].rsplit(" ", 1)[0] + "…"


def summary(x: Extraction, text: str) -> str:
    lines = [f"== {x.title or first_words(text)}  [{x.published or 'undated'}] {x.outlet or ''}".rstrip()]
    if x.language != "en":
        lines.append(f"   language: {x.language} — not extracted")
        return "\n".join(lines)
    if x.claims:
        lines.append("Claims:")
        for c in x.claims:
            who = c.claimant.name or "unattributed"
            via = f" via {', '.join(c.via)}" if c.via else ""
            lines.append(
                f"  {c.id}: {'/'.join(c.measure)} {_count(c.count)} of {c.subject.text or '?'}"
                f" [{c.subject.side or '?'}] — {who}{via}, {c.certainty}, {c.scope}"
            )
            lines.append(f"      {_quote(text, c.evidence)}")
    if x.events:
        lines.append("Events:")
        for e in x.events:
            where = e.location.name if e.location else "?"
            when = e.date.start if e.date else "?"
            tags = f" [{', '.join(e.tags)}]" if e.tags else ""
            lines.append(f"  {e.id}: {e.event_type} / {e.sub_event_type}{tags} — {where}, {when}, "
                         f"fatalities {e.fatalities if e.fatalities is not None else '?'}, {e.certainty}")
    if x.people:
        lines.append("People:")
        for p in x.people:
            bits = [b for b in (p.rank, p.name, f"({p.age})" if p.age else None) if b]
            extra = ", ".join(b for b in (p.role, p.status, p.side) if b)
            lines.append(f"  {p.id}: {' '.join(bits)}{' — ' + extra if extra else ''}")
    if x.units:
        lines.append("Units:")
        for u in x.units:
            canon = f" = {u.canonical}" if u.canonical and u.canonical != u.name else ""
            lines.append(f"  {u.id}: {u.name}{canon} [{u.side or '?'}, {u.echelon or '?'}]")
    if x.places:
        lines.append("Places:")
        for p in x.places:
            where = f"{p.lat:.2f},{p.lon:.2f}" if p.lat is not None else "no coordinates"
            lines.append(f"  {p.name} ({p.country or '?'}, {p.precision}) {where} geonames:{p.geonames_id}")
    return "\n".join(lines)
