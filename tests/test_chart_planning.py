"""What a chart holds, read from planned decks of real workbooks: parts that do not add up to
their total get a 其他 part, the 四舍五入 note only where rounding explains the gap, and a
ranking of rates carries the parent region's figure as a reference line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from realclients import COUNTIES, every_kind_sheets
from workbooks import write_workbook
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.model import ChartKind, Deck, Slide
from xzbrief.deck.notes import ROUNDING_NOTE
from xzbrief.deck.planner import plan_deck
from xzbrief.recipe import Options, Recipe


def plan(tmp_path: Path, sheets: dict[str, Any]) -> Deck:
    path = write_workbook(tmp_path / "book.xlsx", sheets)
    result = load_dataset(path)
    assert result.dataset is not None and result.ok, [p.format() for p in result.problems]
    return plan_deck(result.dataset, Recipe(title="测试汇报", options=Options()))


def with_totals(totals: list[float]) -> dict[str, Any]:
    """The every-kind workbook with other totals for 战略性新兴产业产值 (JQ10), 2021—2025年."""
    sheets = every_kind_sheets()
    rows = [r for r in sheets["数据"] if r[0] != "JQ10"]
    for y, v in zip(range(2021, 2026), totals, strict=True):
        rows.append(["JQ10", "徐州市", f"{y}年", v, "预计" if y == 2025 else "实际", None, None])
    sheets["数据"] = rows
    return sheets


def stacked(deck: Deck) -> Slide:
    return next(s for s in deck.slides if s.chart and s.chart.kind is ChartKind.STACKED)


PARTS = [[600, 650, 720, 800, 880], [900, 980, 1050, 1120, 1200], [300, 340, 380, 430, 500]]


def test_parts_short_of_their_total_get_an_other_stack(tmp_path: Path) -> None:
    totals = [2300.0, 1970.0, 2600.0, 2350.0, 3000.0]  # 2022, 2024: the parts add up
    slide = stacked(plan(tmp_path, with_totals(totals)))
    assert slide.chart is not None
    names = [s.name for s in slide.chart.series]
    assert names[-1] == "其他"
    other = slide.chart.series[-1]
    for k, total in enumerate(totals):
        parts = sum(p[k] for p in PARTS)
        shown = other.values[k]
        assert (shown or 0.0) + parts == total  # the stacks add up to the stated total
        assert (shown is None) == (parts == total)  # no empty 其他 where nothing is left
    assert ROUNDING_NOTE not in "".join(slide.footnotes)  # rounding explains nothing here
    made = [f for f in slide.figures if f.label.endswith("其他")]
    assert made and all(f.method == "总量减各分项" and f.derived_from for f in made)


def test_rounding_note_only_where_rounding_explains_the_gap(tmp_path: Path) -> None:
    sheets = with_totals([1800.0, 1970.0, 2150.0, 2350.0, 2580.0])
    rows = sheets["数据"]  # one part written with a decimal: 880.4 against a total of 2580
    for r in rows:
        if r[0] == "JQ11" and r[2] == "2025年":
            r[3] = 880.4
    slide = stacked(plan(tmp_path, sheets))
    assert slide.chart is not None
    assert [s.name for s in slide.chart.series][-1] != "其他"
    # 880.4 + 1200 + 500 = 2580.4 against 2580: a gap rounding explains, so the note says so
    assert any(ROUNDING_NOTE in line for line in slide.footnotes)


def test_a_ranking_of_rates_is_read_against_the_city(tmp_path: Path) -> None:
    sheets = every_kind_sheets()
    sheets["指标"].append(["QY09", "规上工业增加值增速", "%", "县区", "市统计局", None, None,
                         None])
    for r, v in zip(COUNTIES, [9.5, 8.1, 7.0, -2.4, 6.2, 5.5], strict=True):
        sheets["数据"].append(["QY09", r, "2025年", v, "实际", None, None])
    sheets["数据"].append(["QY09", "徐州市", "2025年", 7.5, "实际", None, None])
    deck = plan(tmp_path, sheets)
    ranking = next(s for s in deck.slides if s.chart and s.chart.kind is ChartKind.HBAR
                   and "增速" in s.chart.title)
    assert ranking.chart is not None and ranking.chart.reference is not None
    ref = ranking.chart.reference
    assert ref.value == 7.5 and ref.text == "徐州市 7.5%"
    counts = next(s for s in deck.slides if s.chart and s.chart.kind is ChartKind.HBAR
                  and "数量" in s.chart.title)
    assert counts.chart is not None and counts.chart.reference is None  # a count: no line
