"""Stable keys for slides: what a re-plan of the same recipe reproduces even when figures
change, a period rolls forward or a slide before it disappears."""

from __future__ import annotations

from collections.abc import Sequence

from xzbrief.deck.model import Slide, SlideKind


def _identity(slide: Slide) -> str:
    if slide.kind is SlideKind.CHART and slide.chart is not None:
        return slide.chart.title
    if slide.kind is SlideKind.KEY_FIGURES:
        return "、".join(c.label for c in slide.cards)
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
