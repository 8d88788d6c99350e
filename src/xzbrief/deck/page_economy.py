"""Page economy: no figure said twice within a theme, no thin page standing alone.

A secretary reading a deck notices a highlight that repeats the card above it, a page holding
one card, or a page of one or two bullets. A highlight is left out when every number it states
(with its unit) is already on a card, a chart or a card's remark of the same theme, or when its
text is such a remark; a thin page joins its neighbour when the two fit on one page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from xzbrief.deck import grid
from xzbrief.deck.model import Card, Slide, SlideKind
from xzbrief.deck.notes import sources_line
from xzbrief.deck.textfit import bullets_size
from xzbrief.deck.wording import format_number

# a number and the first character after it (余 skipped): ("204.2", "亿"), ("7", "家")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)余?(\S)?")
_PERIOD_AFTER = set("年月日季")  # 2024年 / 1—4月: a period, not a figure
_PUNCT = re.compile(r"[\s,，。;；:：、“”\"'()（）]")
THIN_BULLETS = 2  # a page of this many bullets or fewer joins its neighbour


@dataclass(frozen=True)
class Shown:
    """What a theme's cards and charts already say: numbers with their unit, remarks."""

    numbers: frozenset[tuple[str, str]]
    texts: tuple[str, ...]


def _numbers(text: str) -> set[tuple[str, str]]:
    out = set()
    for m in _NUMBER.finditer(text):
        after = m[2] or ""
        # a figure is a number with its unit (7家, 316亿, 90%) or an index ending the text
        # (69.3); 2024年 is a period and “4+X” a name, neither a figure
        unit_like = after in ("", "%", "‰") or "\u4e00" <= after <= "\u9fff"
        if after in _PERIOD_AFTER or not unit_like:
            continue
        out.add((m[1], after))
    return out


def _plain(text: str) -> str:
    return _PUNCT.sub("", text)


def shown_on(slides: Sequence[Slide]) -> Shown:
    numbers: set[tuple[str, str]] = set()
    texts: list[str] = []
    for slide in slides:
        for f in slide.figures:
            numbers |= _numbers(f.text)
            if f.value is not None and f.unit:
                numbers.add((format_number(f.value), f.unit[0]))
        for card in slide.cards:
            if card.note:
                numbers |= _numbers(card.note)
                texts.append(_plain(card.note))
        for line in slide.lines:
            numbers |= _numbers(line)
    return Shown(frozenset(numbers), tuple(t for t in texts if len(t) >= 6))


def restates(text: str, shown: Shown) -> bool:
    """True when a highlight adds nothing to what the theme's cards and charts show."""
    plain = _plain(text)
    if any(t in plain or plain in t for t in shown.texts):
        return True
    stated = _numbers(text)
    return bool(stated) and stated <= shown.numbers


# --- thin pages -------------------------------------------------------------------------------
def _sources(line: str) -> list[str]:
    """The source strings a 「数据来源:」 line was made from (units split again)."""
    body = line.removeprefix("数据来源:").removeprefix("数据来源\uff1a").rstrip("。")
    out: list[str] = []
    for part in body.split(";"):
        units, sep, doc = part.partition(" · ")
        if not sep:
            out.append(part)
            continue
        out += [f"{u} · {doc}" for u in units.split("、")]
    return out


def merge_footnotes(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    """注 lines of both (each once), then one 数据来源 line naming every source."""
    notes: list[str] = []
    sources: list[str] = []
    for line in [*a, *b]:
        if line.startswith("数据来源"):
            sources += _sources(line)
        elif line.startswith("注"):
            body = line[2:]
            for sentence in body.split("。"):
                if sentence and sentence + "。" not in notes:
                    notes.append(sentence + "。")
    out = ["注:" + "".join(notes)] if notes else []
    merged = sources_line([], sources)
    return (*out, merged) if merged else tuple(out)


def _merge(cards: Slide, lines: tuple[str, ...], other: Slide) -> Slide:
    notes = "\n\n".join(n for n in (cards.notes, other.notes) if n)
    return replace(cards, lines=lines, footnotes=merge_footnotes(cards.footnotes, other.footnotes),
                   notes=notes, figures=cards.figures + other.figures)


def only_repeats_cards(slide: Slide) -> bool:
    """The sentences beside one or two cards say nothing the cards do not (「2025年全市7家企业
    入选……」 beside the card 7家); a sentence with a comparison of its own says more."""
    cards = shown_on([replace(slide, lines=())]).numbers
    return all(_numbers(line) <= cards for line in slide.lines)


# words a sentence writes around a card's own words: 「全市……达……」「……居全省第3位」
_LINKING = set("全市达实现完成为居共有约超")


def _card_numbers(card: Card) -> set[tuple[str, str]]:
    numbers = _numbers(card.before + card.number + card.after)
    for f in (card.figure, card.change, card.base):
        if f is not None:
            numbers |= _numbers(f.text)
            if f.value is not None and f.unit:
                numbers.add((format_number(f.value), f.unit[0]))
    return numbers | _numbers(card.note) | _numbers(card.label)


def repeats_card(sentence: str, card: Card, context: Sequence[str] = ()) -> bool:
    """True when a sentence beside its card says only what the card says (「2025年前三季度全市
    地区生产总值达7050.57亿元,同比增长5.2%,增速比上半年提高0.2个百分点……」 beside the card
    7050.57亿元 ▲同比增长5.2%,增速比上半年提高0.2个百分点……): every number of it is on the
    card and every word is the card's own, its period and region (``context``) or a linking
    word. A sentence with a number or a word of its own (「8家企业入选工信部再生资源综合利用
    规范企业」 beside the card 再生资源规范企业 8家) says more and is kept."""
    if not _numbers(sentence) <= _card_numbers(card):
        return False
    own = "".join((card.label, card.before, card.number, card.after, card.note,
                   card.change.text if card.change else "", *context))
    words = {ch for ch in sentence if "\u4e00" <= ch <= "\u9fff"}
    return words <= set(own) | _LINKING


def _fits_beside_cards(lines: Sequence[str]) -> bool:
    return bullets_size(lines, grid.CARD_TEXT.w, grid.CARD_TEXT.h, grid.CHART_BODY_MAX,
                        grid.BODY_MIN) is not None


def _fits_beside_chart(lines: Sequence[str]) -> bool:
    return bullets_size(lines, grid.CHART_TEXT.w, grid.CHART_TEXT.h, grid.CHART_BODY_MAX,
                        grid.BODY_MIN) is not None


_NAME_TAILS = ("数量", "规模", "总量", "总额", "增速")


def speaks_of_chart(lines: Sequence[str], chart: Slide) -> bool:
    """True when every line speaks of the chart's indicator: it names it (「规上工业企业
    数量较“十三五”末翻番」 under a chart of 规上工业企业数量; 「规上工业企业」 is enough) or
    states one of the chart's figures with its unit. A highlight of another indicator is not
    joined under a chart of one (a doubling of enterprises under a chart of electricity)."""
    names = {f.label for f in chart.figures if f.label}
    stems = {n.removesuffix(t) for n in names for t in _NAME_TAILS}
    stems = {n for n in names | stems if len(n) >= 3}
    numbers = shown_on([replace(chart, lines=())]).numbers
    return all(any(n in line for n in stems) or bool(_numbers(line) & numbers)
               for line in lines)


def join_thin_pages(slides: list[Slide]) -> list[Slide]:
    """One or two cards take the highlights beside them when they fit; a page of one or two
    highlights joins the chart before it when they fit beside it and speak of its indicator;
    a single card joins the card page before it."""
    out: list[Slide] = []
    for slide in slides:
        prev = out[-1] if out else None
        # the theme's page of one or two cards (before its charts) takes the highlights
        k = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind is SlideKind.KEY_FIGURES
                  and len(out[i].cards) <= 2 and only_repeats_cards(out[i])), None)
        if k is not None and slide.kind is SlideKind.HIGHLIGHTS:
            cards = out[k]
            if _fits_beside_cards(slide.lines):
                out[k] = _merge(cards, slide.lines, slide)
                continue
            if len(cards.cards) == 1:  # the highlights that fit stand beside the card
                n = len(slide.lines)
                while n > 1 and not _fits_beside_cards(slide.lines[:n]):
                    n -= 1
                rest = slide.lines[n:]
                if len(rest) > THIN_BULLETS:
                    out[k] = _merge(cards, slide.lines[:n], slide)
                    out.append(replace(slide, lines=rest))  # its notes still say where from
                    continue
        if (prev is not None and prev.kind is SlideKind.CHART and prev.lines
                and slide.kind is SlideKind.HIGHLIGHTS and len(slide.lines) <= THIN_BULLETS):
            # one or two highlights: those about the chart's indicator stand beside it
            about = tuple(line for line in slide.lines if speaks_of_chart([line], prev))
            rest = tuple(line for line in slide.lines if line not in about)
            if about and _fits_beside_chart(prev.lines + about):
                out[-1] = _merge(prev, prev.lines + about, slide)
                if rest:
                    out.append(replace(slide, lines=rest))  # its notes still say where from
                continue
        if (prev is not None and prev.kind is SlideKind.KEY_FIGURES
                and only_repeats_cards(prev) and only_repeats_cards(slide)
                and slide.kind is SlideKind.KEY_FIGURES and len(slide.cards) == 1
                and len(prev.cards) < grid.MAX_CARDS):
            out[-1] = replace(_merge(prev, (), slide), cards=prev.cards + slide.cards)
            continue
        out.append(slide)
    return out


def cards_take_highlights(slides: Sequence[Slide]) -> list[Slide]:
    """A row of three cards with nothing under them and the theme's short page of highlights
    after it become one page — the cards on top, the highlights under them — instead of a
    half-empty page followed by a nearly empty one (one or two cards take highlights beside
    them already: join_thin_pages). Run per theme by the planner, before the deck is paged."""
    out: list[Slide] = []
    for slide in slides:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind is SlideKind.KEY_FIGURES and len(prev.cards) == 3
                and not prev.lines and slide.kind is SlideKind.HIGHLIGHTS
                and slide.section == prev.section
                and bullets_size(slide.lines, grid.CARDS_BELOW.w, grid.CARDS_BELOW.h,
                                 grid.CHART_BODY_MAX, grid.BODY_MIN) is not None):
            out[-1] = _merge(prev, slide.lines, slide)
            continue
        out.append(slide)
    return out
