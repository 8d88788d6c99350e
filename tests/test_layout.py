"""Slide geometry shared by both renderers: everything on the slide, nothing overlapping,
text measured to fit its box."""

from __future__ import annotations

from pathlib import Path

import pytest

from realclients import every_kind_deck
from xzbrief.deck import grid
from xzbrief.deck.grid import Rect
from xzbrief.deck.model import Deck, SlideKind
from xzbrief.deck.textfit import BULLET_GAP, BULLET_MARKER, bullets_height, wrap
from xzbrief.render.brand import BUILTIN, load_brand
from xzbrief.render.colours import tint
from xzbrief.render.layout import (
    ChartBlock,
    PlacedSlide,
    ShapeBlock,
    TableBlock,
    TextBlock,
    place_deck,
)

BRANDS = list(BUILTIN)


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    deck: Deck = every_kind_deck(tmp_path_factory.mktemp("every"))
    return deck


def inside(r: Rect, outer: Rect) -> bool:
    return (r.x >= outer.x - 0.01 and r.y >= outer.y - 0.01 and r.right <= outer.right + 0.01
            and r.bottom <= outer.bottom + 0.01)


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right - 0.5 and b.x < a.right - 0.5 and a.y < b.bottom - 0.5 and \
        b.y < a.bottom - 0.5


@pytest.mark.parametrize("brand_name", BRANDS)
def test_every_block_is_on_the_slide_and_the_deck_lays_out_cleanly(every: Deck,
                                                                   brand_name: str) -> None:
    brand = load_brand(brand_name)
    placed, warnings = place_deck(every, brand)
    assert warnings == []
    page = Rect(0, 0, brand.width, brand.height)
    assert (brand.width, brand.height) == (grid.SLIDE_W, grid.SLIDE_H)  # 16:9
    for ps in placed:
        for block in ps.blocks:
            assert inside(block.rect, page), (ps.title, block)


def content_blocks(ps: PlacedSlide) -> list[TextBlock | ChartBlock | TableBlock]:
    """The blocks that must not overlap one another (cards are grouped by their own shape)."""
    return [b for b in ps.blocks if isinstance(b, ChartBlock | TableBlock)
            or (isinstance(b, TextBlock) and b.name in ("要点", "脚注", "页码", "目录", "导语"))]


def test_main_blocks_do_not_overlap(every: Deck) -> None:
    placed, _ = place_deck(every, load_brand("政务红"))
    for ps in placed:
        blocks = content_blocks(ps)
        for i, a in enumerate(blocks):
            for b in blocks[i + 1:]:
                assert not overlap(a.rect, b.rect), (ps.title, a.rect, b.rect)
        title = ps.layout.title
        if ps.role == "content" and title is not None:
            for block in blocks:
                assert not overlap(block.rect, title), (ps.title, block)


def test_cards_do_not_overlap_each_other(every: Deck) -> None:
    placed, _ = place_deck(every, load_brand("科技蓝"))
    for ps in placed:
        cards = [b.rect for b in ps.blocks if isinstance(b, ShapeBlock) and b.name == "指标卡"]
        for i, a in enumerate(cards):
            for b in cards[i + 1:]:
                assert not overlap(a, b)
            assert inside(a, grid.CONTENT)


def test_bullet_text_fits_its_box_as_measured(every: Deck) -> None:
    placed, _ = place_deck(every, load_brand("生态绿"))
    checked = 0
    for ps in placed:
        for block in ps.blocks:
            if isinstance(block, TextBlock) and block.name == "要点":
                size = block.paras[0].runs[0].size
                lines = [p.text for p in block.paras]
                assert size >= grid.BODY_MIN
                # numbered text pages hang a wider marker, (一) … (十二): the text keeps the rest
                indent = block.paras[0].indent
                assert indent >= size * BULLET_MARKER - 1e-6
                width = block.rect.w - (indent - size * BULLET_MARKER)
                assert bullets_height(lines, size, width) <= block.rect.h + 0.01
                assert all(p.indent == indent for p in block.paras)
                assert block.paras[1:] == () or block.paras[1].space_before == \
                    pytest.approx(size * BULLET_GAP)
                assert block.exact
                checked += 1
    assert checked > 5


def test_footnotes_and_page_numbers_on_content_slides(every: Deck) -> None:
    placed, _ = place_deck(every, load_brand("政务红"))
    for ps, slide in zip(placed, every.slides, strict=True):
        names = [b.name for b in ps.blocks if isinstance(b, TextBlock)]
        if ps.role == "content":
            assert "页码" in names
            if slide.footnotes:
                foot = next(b for b in ps.blocks if isinstance(b, TextBlock) and b.name == "脚注")
                size = foot.paras[0].runs[0].size
                rows = sum(len(wrap(p.text, size, foot.rect.w)) for p in foot.paras)
                assert rows * size * foot.spacing <= foot.rect.h
                assert size >= grid.FOOTNOTE_MIN
        assert ("标记" in names) == (ps.role != "closing")  # 内部资料 on all but the last


def test_titles_keep_at_least_22pt(every: Deck) -> None:
    placed, _ = place_deck(every, load_brand("政务红"))
    for ps, slide in zip(placed, every.slides, strict=True):
        if slide.kind not in (SlideKind.COVER, SlideKind.CLOSING, SlideKind.SECTION):
            assert ps.title_size >= grid.TITLE_MIN and len(ps.title_lines) == 1, ps.title


def test_key_figures_are_large(every: Deck) -> None:
    placed, _ = place_deck(every, load_brand("政务红"))
    for ps in placed:
        for block in ps.blocks:
            if isinstance(block, TextBlock) and block.name == "数值":
                number = max(block.paras[0].runs, key=lambda r: r.size)
                assert number.size >= grid.FIGURE_MIN


def test_charts_and_tables_get_the_brand(every: Deck) -> None:
    brand = load_brand("科技蓝")
    placed, _ = place_deck(every, brand)
    charts = [b for ps in placed for b in ps.blocks if isinstance(b, ChartBlock)]
    assert charts and all(c.look.series[0].colour == brand.palette.primary for c in charts)
    assert charts[0].look.font_ea == brand.font_ea
    tables = [b for ps in placed for b in ps.blocks if isinstance(b, TableBlock)]
    assert tables and all(t.header_fill == brand.palette.primary for t in tables)
    assert all(t.font_size >= 12 and sum(t.row_heights) <= grid.CONTENT.h for t in tables)


def test_tint() -> None:
    assert tint("C00000", 0) == "C00000"
    assert tint("C00000", 1) == "FFFFFF"
    assert tint("000000", 0.5) == "808080"


def test_a_long_change_line_is_drawn_at_its_fitted_size_above_the_note(tmp_path: Path) -> None:
    from dataclasses import replace

    from xzbrief.deck.textfit import fit_text
    from xzbrief.render.layout import SlideLayouter

    every = every_kind_deck(tmp_path, key_figures=True)  # the headline cards of 总体情况
    card = next(c for s in every.slides for c in s.cards if c.change is not None and c.note)
    assert card.change is not None
    long = replace(card.change, text="较2020年增长54.8%,增速居全省第一,连续三年保持两位数增长")
    rect = Rect(60, 120, 260, 190)  # a card of a three-across row
    blocks = SlideLayouter(load_brand("政务红"), every)._card(replace(card, change=long), rect)
    change = next(b for b in blocks if isinstance(b, TextBlock) and b.name == "变化")
    note = next(b for b in blocks if isinstance(b, TextBlock) and b.name == "备注")
    text_run = change.paras[0].runs[-1]
    fit = fit_text(long.text, rect.w - 28 - 20, 40, 16, 12, max_lines=2)
    assert text_run.size == fit.size < 16  # shrunk as measured, not left at 16 pt
    assert change.rect.h >= len(fit.lines) * text_run.size * change.spacing
    assert change.rect.bottom <= note.rect.y  # the note starts below it


@pytest.mark.parametrize("brand_name", BRANDS)
def test_one_title_size_per_layout_across_the_deck(every: Deck, brand_name: str) -> None:
    """Titles of one layout share one size (a long title wraps before anything shrinks)."""
    placed, _ = place_deck(every, load_brand(brand_name))
    sizes: dict[str, set[float]] = {}
    for ps in placed:
        if ps.title:
            sizes.setdefault(ps.role, set()).add(ps.title_size)
            assert ps.title_size >= grid.TITLE_MIN
    assert all(len(s) == 1 for s in sizes.values()), sizes
    content = next(iter(sizes["content"]))
    longest = max((ps for ps in placed if ps.role == "content"), key=lambda p: len(p.title))
    short = min((ps for ps in placed if ps.role == "content"), key=lambda p: len(p.title))
    assert longest.title_size == short.title_size == content


@pytest.mark.parametrize("brand_name", BRANDS)
def test_card_rows_share_a_baseline_and_one_number_size(tmp_path: Path, brand_name: str) -> None:
    every = every_kind_deck(tmp_path, key_figures=True)  # with the headline-card page too
    placed, _ = place_deck(every, load_brand(brand_name))
    pages = 0
    for ps, slide in zip(placed, every.slides, strict=True):
        if slide.kind is not SlideKind.KEY_FIGURES:
            continue
        pages += 1
        cards = [b for b in ps.blocks if isinstance(b, ShapeBlock) and b.name == "指标卡"]
        numbers = [b for b in ps.blocks if isinstance(b, TextBlock) and b.name == "数值"]
        assert len(cards) == len(numbers) == len(slide.cards)
        assert min(c.rect.y for c in cards) == grid.CONTENT.y  # under the title, always
        sizes = {max(r.size for r in n.paras[0].runs) for n in numbers}
        assert len(sizes) == 1, (slide.title, sizes)  # no number shrinks alone
        rows: dict[float, set[float]] = {}
        for card, number in zip(cards, numbers, strict=True):
            rows.setdefault(card.rect.y, set()).add(round(number.rect.bottom, 3))
        assert all(len(bottoms) == 1 for bottoms in rows.values()), (slide.title, rows)
    assert pages >= 2


SHORT = "获批省级首批近零碳工厂"
LONG = ("协鑫颗粒硅、弘元高效电池片等技术正成为引领行业绿色变革的关键力量，"
        "带动上下游企业集聚发展")


@pytest.mark.parametrize("lines", [(SHORT,), (LONG,), (SHORT, LONG), (LONG, LONG, LONG),
                                   (SHORT, SHORT, SHORT)])
@pytest.mark.parametrize("brand_name", ["政务红", "科技蓝"])
def test_a_lone_card_beside_its_bullets_fills_the_column(tmp_path: Path, lines: tuple[str, ...],
                                                         brand_name: str) -> None:
    """One card beside one to three bullets, short or long: the card fills the content
    height, its figure in its middle; the bullets at the largest body size that fits (16–20
    pt), centred on the card, fitting their box and clear of the card and footnotes."""
    from dataclasses import replace

    from xzbrief.render.layout import SlideLayouter

    every = every_kind_deck(tmp_path, key_figures=True)
    page = next(s for s in every.slides if s.kind is SlideKind.KEY_FIGURES)
    slide = replace(page, cards=page.cards[:1], lines=lines)
    brand = load_brand(brand_name)
    layouter = SlideLayouter(brand, every)
    ps = layouter.place(slide, 5)
    assert ps.warnings == ()
    g = layouter.g
    card = next(b.rect for b in ps.blocks if isinstance(b, ShapeBlock) and b.name == "指标卡")
    bullets = next(b for b in ps.blocks if isinstance(b, TextBlock) and b.name == "要点")
    foot = next(b.rect for b in ps.blocks if isinstance(b, TextBlock) and b.name == "脚注")
    number = next(b.rect for b in ps.blocks if isinstance(b, TextBlock) and b.name == "数值")
    assert card.y == g.content.y and foot.y - 24 <= card.bottom <= foot.y - 4
    assert abs(number.y + number.h / 2 - (card.y + card.h / 2)) < card.h / 6
    size = bullets.paras[0].runs[0].size
    assert grid.BODY_MIN <= size <= grid.BODY_MAX
    text = [p.text for p in bullets.paras]
    assert bullets_height(text, size, bullets.rect.w - size * BULLET_MARKER) <= bullets.rect.h
    # the largest size that fits: one point more would not (or it is the largest allowed)
    assert size == grid.BODY_MAX or bullets_height(
        text, size + 1, bullets.rect.w - (size + 1) * BULLET_MARKER) > bullets.rect.h
    assert bullets.anchor == "m"
    assert bullets.rect.y + bullets.rect.h / 2 == pytest.approx(card.y + card.h / 2)
    assert not overlap(bullets.rect, card) and not overlap(bullets.rect, foot)
    assert inside(bullets.rect, Rect(0, 0, brand.width, brand.height))


@pytest.mark.parametrize("count", [1, 2, 3])
def test_one_row_of_cards_alone_fills_the_page(tmp_path: Path, count: int) -> None:
    """A page of one to three cards and nothing else (their sentences only repeated them): the
    cards stand side by side as tall as the content area, each figure centred in its card,
    not a strip along the top of an empty page."""
    from dataclasses import replace

    from xzbrief.render.layout import SlideLayouter

    every = every_kind_deck(tmp_path, key_figures=True)
    page = next(s for s in every.slides if s.kind is SlideKind.KEY_FIGURES
                and len(s.cards) >= 3)
    layouter = SlideLayouter(load_brand("政务红"), every)
    ps = layouter.place(replace(page, cards=page.cards[:count], lines=()), 5)
    assert ps.warnings == ()
    cards = [b.rect for b in ps.blocks if isinstance(b, ShapeBlock) and b.name == "指标卡"]
    numbers = [b for b in ps.blocks if isinstance(b, TextBlock) and b.name == "数值"]
    foot = next(b.rect for b in ps.blocks if isinstance(b, TextBlock) and b.name == "脚注")
    assert len(cards) == count and len({c.y for c in cards}) == 1
    for card, number in zip(cards, numbers, strict=True):
        assert card.y == layouter.g.content.y and foot.y - 24 <= card.bottom <= foot.y - 4
        assert abs(number.rect.y + number.rect.h / 2 - (card.y + card.h / 2)) < card.h / 6
        assert number.paras[0].align == "c"
    assert sum(c.w for c in cards) >= layouter.g.content.w * 0.95
