"""Stable keys for slides: what a re-plan of the same recipe reproduces even when figures
change, a period rolls forward or a slide before it disappears."""

from __future__ import annotations

import re
from collections.abc import Sequence

from xzbrief.deck.model import Card, Slide, SlideKind

_PERIOD = re.compile(r"\d{4}年(?:\d{1,2}(?:—\d{1,2})?月)?|\d{1,2}(?:—\d{1,2})?月|前三季度|"
                     r"上半年|[一二三四]季度|\d{4}—\d{4}年")


def without_periods(text: str) -> str:
    """「2026年徐州市工业开票销售收入」 -> 「徐州市工业开票销售收入」: a label that names its period
    is the same thing next month."""
    return _PERIOD.sub("", text)


def card_identity(card: Card) -> str:
    return without_periods(card.figure.label or card.label)


def _identity(slide: Slide) -> str:
    if slide.kind is SlideKind.CHART and slide.chart is not None:
        return without_periods(slide.chart.title)
    if slide.kind is SlideKind.KEY_FIGURES:
        return "、".join(card_identity(c) for c in slide.cards)
    return ""


def slide_keys(slides: Sequence[Slide]) -> list[str]:
    """``kind|section|identity`` (a chart's indicator, a card slide's indicators), numbered
    ``#2`` … when the same key comes again."""
    seen: dict[str, int] = {}
    out = []
    for s in slides:
        base = f"{s.kind.value}|{s.section}|{_identity(s)}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}#{n}")
    return out
