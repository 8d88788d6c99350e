"""The preview display list the GUI paints: every slide kind, from the same layout as the
.pptx, nothing outside the slide."""

from __future__ import annotations

import pytest

from realclients import every_kind_deck, seen
from xzbrief.deck.model import ChartKind, Deck, SlideKind
from xzbrief.deck.typeset import typeset
from xzbrief.render.brand import BUILTIN, load_brand
from xzbrief.render.chart_look import label_text
from xzbrief.render.display import DImage, DLine, DRect, DText, DWedge, Primitive
from xzbrief.render.layout import ChartBlock, place_deck
from xzbrief.render.preview import deck_display
from xzbrief.render.preview_chart import chart_primitives


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    deck: Deck = every_kind_deck(tmp_path_factory.mktemp("every"))
    return deck


def box(item: Primitive) -> tuple[float, float, float, float]:
    if isinstance(item, DRect | DText | DImage):
        return item.x, item.y, item.x + item.w, item.y + item.h
    if isinstance(item, DLine):
        xs, ys = [p[0] for p in item.points], [p[1] for p in item.points]
        return min(xs), min(ys), max(xs), max(ys)
    return item.cx - item.r_outer, item.cy - item.r_outer, item.cx + item.r_outer, \
        item.cy + item.r_outer


@pytest.mark.parametrize("brand_name", list(BUILTIN))
def test_every_slide_has_its_title_and_stays_on_the_slide(every: Deck, brand_name: str) -> None:
    brand = load_brand(brand_name)
    shown = deck_display(every, brand)
    assert len(shown) == len(every.slides)
    kinds = set()
    for display, slide in zip(shown, every.slides, strict=True):
        kinds.add(slide.kind)
        assert display.items and (display.width, display.height) == (960.0, 540.0)
        text = seen("".join("".join(t.lines) for t in display.items if isinstance(t, DText)))
        assert typeset(slide.title).replace("\n", "") in text, slide.title
        for item in display.items:
            x0, y0, x1, y1 = box(item)
            assert x0 >= -0.5 and y0 >= -0.5 and x1 <= 960.5 and y1 <= 540.5, (slide.title, item)
    assert kinds == set(SlideKind)


def test_cards_show_their_numbers(every: Deck) -> None:
    shown = deck_display(every, load_brand("政务红"))
    index = next(i for i, s in enumerate(every.slides) if s.section == "创新平台"
                 and s.kind is SlideKind.KEY_FIGURES)
    texts = [t.lines[0] for t in shown[index].items if isinstance(t, DText) and t.lines]
    for part in ("150", "余项", "突破", "90", "超", "300"):
        assert part in texts, part


def chart_blocks(every: Deck) -> list[ChartBlock]:
    placed, _ = place_deck(every, load_brand("政务红"))
    return [b for ps in placed for b in ps.blocks if isinstance(b, ChartBlock)]


def test_one_bar_per_value(every: Deck) -> None:
    for block in chart_blocks(every):
        chart = block.chart
        if chart.kind in (ChartKind.LINE, ChartKind.DOUGHNUT):
            continue
        items = chart_primitives(block)
        real = [s for s in chart.series if not s.as_line and not (
            s.statuses and all(st.value == "目标" for st in s.statuses))]
        expected = sum(v is not None for s in real for v in s.values)
        bars = [r for r in items if isinstance(r, DRect) and r.fill is not None
                and min(r.w, r.h) > 8.5 and r.fill != "FFFFFF"]
        assert len(bars) == expected, chart.title
        labels = {"".join(t.lines) for t in items if isinstance(t, DText)}
        assert chart.title in labels
        for category in chart.categories:
            assert category.replace("\n", "") in {x.replace("\n", "") for x in labels} or \
                chart.kind is ChartKind.LINE


def test_doughnut_has_a_wedge_per_part_adding_to_a_full_circle(every: Deck) -> None:
    block = next(b for b in chart_blocks(every) if b.chart.kind is ChartKind.DOUGHNUT)
    wedges = [w for w in chart_primitives(block) if isinstance(w, DWedge)]
    assert len(wedges) == len(block.chart.categories)
    assert sum(w.sweep for w in wedges) == pytest.approx(360.0)
    assert [w.fill for w in wedges] == [m.fill for m in block.look.series[0].marks]


def test_lines_break_at_gaps_and_label_sparingly(every: Deck) -> None:
    block = next(b for b in chart_blocks(every) if b.chart.kind is ChartKind.LINE
                 and len(b.chart.categories) > 12)  # the long monthly line, not a rate's
    items = chart_primitives(block)
    lines = [item for item in items if isinstance(item, DLine) and len(item.points) > 2
             and not item.dashed]
    assert len(lines) == 2  # 2024年7月 is missing: the line stops there, never drops to 0
    assert sum(len(line.points) for line in lines) == 17
    (target,) = [item for item in items if isinstance(item, DLine) and item.dashed
                 and len(item.points) > 2]  # the target, dashed, as in the deck
    assert len(target.points) == 3 and target.color == block.look.series[1].colour
    numbers = [t for t in items if isinstance(t, DText) and t.lines and
               t.lines[0].replace(".", "").isdigit() and "." in t.lines[0]]
    assert 2 <= len(numbers) <= 4  # first, last, highest, lowest
    years = {t.lines[0] for t in items if isinstance(t, DText) and t.lines}
    assert {"2024年", "2025年"} <= years


def test_preview_labels_round_half_up_as_the_deck() -> None:
    from xzbrief.deck.model import Series

    s = Series("x", (2.25, 1.005), "亿元", 1)
    assert [label_text(v, s) for v in s.values] == ["2.3", "1.0"]  # 1.005 -> 1.0 at 1 place
    assert label_text(12.25, Series("r", (12.25,), "%", 1)) == "12.3%"
