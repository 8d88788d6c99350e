"""Where a line may not break: a number and its unit (「6000亿元」, 「3.3个百分点」, 「1—11月」)
stay on one line however the office later edits the sentence.

The deck used to write hard line breaks where the layout measured its lines; an edited sentence
then kept them and turned ragged. Instead the drawn text carries U+2060 WORD JOINER between a
number and its unit: invisible, zero width, and a "no break here" for every line breaker that
follows Unicode's line-breaking rules (PowerPoint, Word, WPS, Qt). It survives editing, copying
and python-pptx. LibreOffice 7.4 honours it between a digit and a Chinese character but not
between two Chinese characters (its CJK breaker applies only its 避头尾 lists): there 「6000亿」
stays together and 「亿元」 can still part — docs/templates.md says so.

Only the drawn text gets joiners; the deck model, the record and the notes stay plain, and
``plain`` takes them out again for anyone who compares drawn text with the model.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from xzbrief.deck.model import Deck, Slide

WJ = "\u2060"  # WORD JOINER
NBSP = "\u00a0"
# characters that follow a number as (part of) its unit when the slide names no unit
UNIT_CHARS = "亿万千百元个家项类座人吨倍年月日天户件台辆"
GENERIC_UNITS = ("个百分点", "百分点")
DASHES = "—–~－"
QUALIFIERS = "约超近逾"  # 「约9%」「超300亿元」: the qualifier stays with its number
_NUMBER = r"[+\-−]?\d[\d,]*(?:\.\d+)?"


def plain(text: str) -> str:
    """``text`` without the joiners (what a reader sees, and what the model says)."""
    return text.replace(WJ, "")


@lru_cache(maxsize=256)
def _pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    """A number and the unit after it: the slide's own units first (longest first), then the
    generic ones, then a run of unit characters; 「1—11月」 as one piece."""
    named = sorted({u for u in (*units, *GENERIC_UNITS) if u and not u.isascii()},
                   key=len, reverse=True)
    alternatives = [re.escape(u) for u in named] + [f"[{UNIT_CHARS}]+"]
    unit = "(?:" + "|".join(alternatives) + ")"
    return re.compile(rf"(?:[{QUALIFIERS}](?=[\d+\-−]))?{_NUMBER}(?:[{DASHES}-]{_NUMBER})?"
                      rf"(?:{unit}|[%‰])?")


def _glue(piece: str) -> str:
    """A joiner wherever a break could fall inside ``piece``: beside a Chinese character or a
    dash. Never between digits, a sign and its digits or a number and 「%」 (no program breaks
    there), so 「12.5%」 and 「−3.2」 stay exactly as typed."""
    out = [piece[0]] if piece else []
    for a, b in itertools.pairwise(piece):
        if _breakable(a) or _breakable(b):
            out.append(WJ)
        out.append(b)
    return "".join(out)


def _breakable(ch: str) -> bool:
    return ch in DASHES or unicodedata.east_asian_width(ch) in ("W", "F")


@lru_cache(maxsize=8192)
def _join(text: str, units: tuple[str, ...]) -> str:
    if not any(c.isdigit() for c in text):
        return text
    return _pattern(units).sub(lambda m: _glue(m.group()), plain(text))


def join_numbers(text: str, units: Iterable[str] = ()) -> str:
    """``text`` with every number kept together with its unit: ``units`` are the units the
    slide's figures name (「万千瓦时」, 「亿元」), longest matched first."""
    return _join(text, tuple(sorted(set(units))))


def join_slide(slide: Slide) -> Slide:
    """The slide's drawn words with numbers joined to their units (the units its figures
    name); notes, tables and charts are left as they are (a cell or a chart label is not
    re-wrapped by an edit)."""
    units = tuple({f.unit for f in slide.figures if f.unit}
                  | {c.figure.unit for c in slide.cards if c.figure.unit})

    def j(text: str) -> str:
        return join_numbers(text, units)

    cards = tuple(replace(c, label=j(c.label), note=j(c.note),
                          change=replace(c.change, text=j(c.change.text)) if c.change else None)
                  for c in slide.cards)
    return replace(slide, title=j(slide.title), subtitle=j(slide.subtitle),
                   lines=tuple(j(t) for t in slide.lines),
                   footnotes=tuple(j(t) for t in slide.footnotes), cards=cards,
                   date=j(slide.date))


def join_deck(deck: Deck) -> Deck:
    return replace(deck, slides=tuple(join_slide(s) for s in deck.slides))


def number_groups(text: str, units: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Where the numbers with their units stand in ``text`` (joiners ignored): the stretches
    no line may break inside."""
    return [m.span() for m in _pattern(tuple(sorted(set(units)))).finditer(plain(text))]
