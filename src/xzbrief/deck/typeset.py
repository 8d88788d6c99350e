"""Chinese punctuation for what the slides show: a comma, colon or semicolon in Chinese text is
full-width (，：；), and brackets around or after Chinese are （）, as GB/T 15834 and every
government document write them. Text from the workbook (often typed with ASCII punctuation)
and the planner's own sentences come out alike.

Numbers are never touched: 9,000 and 12:30 stay as they are, and so do cell references
(数据!D6) and formulas of a derivation.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

from xzbrief.deck.model import Deck, Figure

# Chinese characters, CJK punctuation and full-width forms, and the curly quotes Chinese uses
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018\u2019\u201c\u201d"
_MARK = re.compile(rf"(?<=[{_CJK}%])\s*([,:;])\s*|\s*([,:;])\s*(?=[{_CJK}])")
_FULL = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b"}
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"  # a bracket right after a Chinese word: 第一页(1/2)
_BRACKETS = re.compile(rf"(?<=[{_HAN}])\(([^()]*)\)|\(([^()]*[{_CJK}][^()]*)\)")

T = TypeVar("T")


@lru_cache(maxsize=8192)  # titles and sentences are measured many times while planning
def typeset(text: str) -> str:
    """「9000亿元左右,年均增长9%」 -> 「9000亿元左右，年均增长9%」; 「(预计)」 -> 「（预计）」."""
    if not text or text.isascii():
        return text
    text = _MARK.sub(lambda m: _FULL[m[1] or m[2]], text)
    return _BRACKETS.sub(lambda m: f"\uff08{m[1] if m[1] is not None else m[2]}\uff09", text)


def _typeset_any(value: T) -> T:
    if isinstance(value, str):
        return typeset(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_typeset_any(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, Figure):  # what a figure says is shown; where it comes from is not
        return replace(value, label=typeset(value.label), text=typeset(value.text),
                       source=typeset(value.source))
    if is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = _typeset_any(old)
            if new is not old and new != old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value


def typeset_deck(deck: Deck) -> Deck:
    """The deck with every text on its slides typeset; the deck's record (file names, recipe)
    is left exactly as it is."""
    return replace(deck, slides=tuple(_typeset_any(s) for s in deck.slides))
