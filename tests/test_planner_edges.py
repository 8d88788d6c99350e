"""Edge cases of planning that would otherwise put a wrong number or a crash in front of an
official: each builds the workbook a clerk could plausibly have."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbooks import DATA_HEADER, INDICATOR_HEADER, write_workbook
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.periods import parse_period
from xzbrief.deck.model import ChartKind, Deck
from xzbrief.deck.planner import plan_deck
from xzbrief.recipe import Comparison, Recipe, ThemeChoice

REGIONS = [["地区", "上级", "类型"], ["徐州市", None, "市"], ["邳州市", "徐州市", "县(市)"],
           ["新沂市", "徐州市", "县(市)"], ["丰县", "徐州市", "县(市)"], ["沛县", "徐州市", "县(市)"]]


def deck_of(tmp_path: Path, indicators: list[list[Any]], rows: list[list[Any]],
            recipe: Recipe | None = None, highlights: list[list[Any]] | None = None) -> Deck:
    sheets: dict[str, Any] = {"指标": [[*INDICATOR_HEADER, "上级指标"], *indicators],
                              "数据": [DATA_HEADER, *rows], "地区": REGIONS}
    if highlights:
        sheets["要点"] = [["专题", "地区", "期间", "要点", "来源"], *highlights]
    result = load_dataset(write_workbook(tmp_path / "w.xlsx", sheets))
    assert result.ok and result.dataset is not None, [p.format() for p in result.errors]
    return plan_deck(result.dataset, recipe or Recipe(title="测试"))


def all_text(deck: Deck) -> str:
    parts = []
    for s in deck.slides:
        parts += [s.title, *s.lines, *s.footnotes]
        parts += [f"{c.label} {c.figure.text} {c.change.text if c.change else ''}"
                  for c in s.cards]
    return "\n".join(parts)


def test_a_regions_change_is_never_measured_from_its_target(tmp_path):
    rows = [["X1", "邳州市", "2024年", 200, "目标", None],
            ["X1", "邳州市", "2024年", 100, "实际", None],
            ["X1", "邳州市", "2025年", 150, "实际", None],
            ["X1", "徐州市", "2025年", 900, "实际", None]]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows)
    card = next(c for s in deck.slides for c in s.cards if c.label == "邳州市营收")
    assert card.change is not None and card.change.text == "比上年增长50.0%"


def test_doughnut_slices_are_shares_of_the_total_with_the_rest_as_other(tmp_path):
    inds = [["T", "集群规模", "亿元", "专题", "来源", None],
            ["P1", "工程机械集群", "亿元", "专题", "来源", "T"],
            ["P2", "数字经济集群", "亿元", "专题", "来源", "T"]]
    rows = [["T", "徐州市", "2025年", 8500, "实际", None],
            ["P1", "徐州市", "2025年", 1200, "实际", None],
            ["P2", "徐州市", "2025年", 1100, "实际", None]]
    deck = deck_of(tmp_path, inds, rows)
    chart = next(s.chart for s in deck.slides if s.chart is not None)
    assert chart.kind is ChartKind.DOUGHNUT
    assert chart.categories == ("工程机械集群", "数字经济集群", "其他")
    assert chart.series[0].values == (1200.0, 1100.0, 6200.0)  # slices add up to 8500
    slide = next(s for s in deck.slides if s.chart is chart)
    assert "达14.1%" in slide.title  # 1200 / 8500, the same share the slice shows
    assert "其他6200亿元,占72.9%。" in slide.lines


def test_parts_larger_than_their_total_are_not_drawn_as_its_shares(tmp_path):
    inds = [["T", "集群规模", "亿元", "专题", "来源", None],
            ["P1", "甲集群", "亿元", "专题", "来源", "T"],
            ["P2", "乙集群", "亿元", "专题", "来源", "T"]]
    rows = [["T", "徐州市", "2025年", 1000, "实际", None],
            ["P1", "徐州市", "2025年", 700, "实际", None],
            ["P2", "徐州市", "2025年", 600, "实际", None]]
    deck = deck_of(tmp_path, inds, rows)
    assert all(s.chart is None for s in deck.slides)
    assert any("分项合计大于总量" in w.text("zh") for w in deck.warnings)


def test_regions_are_ranked_at_one_period(tmp_path):
    rows = [["X1", "邳州市", "2021年", 999, "实际", None],
            ["X1", "新沂市", "2025年", 300, "实际", None],
            ["X1", "丰县", "2025年", 200, "实际", None],
            ["X1", "沛县", "2025年", 100, "实际", None]]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows)
    chart = next(s.chart for s in deck.slides if s.chart is not None)
    assert chart.kind is ChartKind.HBAR
    assert chart.categories == ("新沂市", "丰县", "沛县")  # 邳州市's 2021 value is not ranked
    assert chart.title.startswith("2025年")


def test_ranking_with_only_bounds_left_does_not_crash(tmp_path):
    rows = [["X1", r, "2025年", v, "实际", None] for r, v in
            (("新沂市", 300), ("丰县", 200), ("沛县", 100))]
    sheets_rows = [[*r[:5], None] for r in rows]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], sheets_rows)
    said = all_text(deck)  # too few to rank: each region on its own card
    assert "新沂市营收 300亿元" in said and "丰县营收 200亿元" in said and "沛县营收 100亿元" in said
    # and with every value a bound ("超300"):
    bound_rows = [[*r[:4], "实际", None] for r in rows]
    header = [*DATA_HEADER, "限定"]
    sheets: dict[str, Any] = {"指标": [[*INDICATOR_HEADER], ["X1", "营收", "亿元", "专题", "来源"]],
                              "数据": [header, *[[*r, "超"] for r in bound_rows]],
                              "地区": REGIONS}
    result = load_dataset(write_workbook(tmp_path / "b.xlsx", sheets))
    assert result.ok
    bounded = plan_deck(result.dataset, Recipe(title="测试"))
    assert all(s.chart is None for s in bounded.slides)
    assert "超300亿元" in all_text(bounded)


def test_a_gap_in_the_last_period_is_a_gap_not_a_crash(tmp_path):
    rows = [["X1", "徐州市", f"{y}年", v, "实际", None]
            for y, v in ((2021, 100), (2022, 110), (2023, 121), (2024, None))]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows)
    chart = next(s.chart for s in deck.slides if s.chart is not None)
    assert chart.series[0].values[-1] is None  # drawn as a gap
    assert "2023年全市营收达121亿元" in all_text(deck)  # the latest known value speaks


def test_from_a_year_takes_in_its_months(tmp_path):
    rows = [["X1", "徐州市", f"2025年{m}月", 10 * m, "实际", None] for m in range(1, 7)]
    recipe = Recipe(title="测试", themes=(ThemeChoice("专题", period_from=parse_period("2025"),
                                                    period_to=parse_period("2025")),))
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows, recipe)
    chart = next(s.chart for s in deck.slides if s.chart is not None)
    assert len(chart.categories) == 6


def test_highlights_follow_the_period_range_and_highlight_only_themes_are_kept(tmp_path):
    highlights = [["专题", "徐州市", "2019年", "旧成绩", "来源"],
                  ["专题", "徐州市", "2025年", "新成绩", "来源"],
                  ["只有要点", "徐州市", "2025年", "一项成绩", "来源"]]
    rows = [["X1", "徐州市", "2025年", 10, "实际", None]]
    recipe = Recipe(title="测试", themes=(
        ThemeChoice("专题", period_from=parse_period("2024")), ThemeChoice("只有要点")))
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows, recipe,
                   highlights)
    text = all_text(deck)
    assert "新成绩" in text and "旧成绩" not in text
    assert "一项成绩" in text
    everything = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows,
                         highlights=highlights)
    assert "只有要点" in [s.section for s in everything.slides]


def test_a_single_cards_remarks_keep_their_separator(tmp_path):
    rows = [["X1", "徐州市", "2025年", 10, "实际", "截至11月;含泉山区"]]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows)
    card = next(c for s in deck.slides for c in s.cards)
    assert card.note == "截至11月;含泉山区"


def test_a_long_monthly_series_skips_axis_labels_in_the_pptx(tmp_path):
    import io
    import zipfile

    from xzbrief.render.brand import load_brand
    from xzbrief.render.pptx_writer import render_pptx

    rows = [["X1", "徐州市", f"{2023 + m // 12}年{m % 12 + 1}月", 100 + m, "实际", None]
            for m in range(36)]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows)
    chart = next(s.chart for s in deck.slides if s.chart is not None)
    assert len(chart.categories) == 36
    data, _ = render_pptx(deck, load_brand("政务红"))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("ppt/charts/chart"))
    assert b"<c:tickLblSkip" in xml


def test_regions_too_few_to_rank_stand_beside_the_citys_chart(tmp_path):
    rows = [["X1", "徐州市", f"{y}年", v, "实际", None]
            for y, v in ((2022, 100), (2023, 110), (2024, 121))]
    rows += [["X1", "邳州市", "2024年", 30, "实际", None], ["X1", "新沂市", "2024年", 20, "实际", None]]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows)
    assert sum(s.chart is not None for s in deck.slides) == 1  # the city's series
    said = all_text(deck)
    assert "邳州市营收 30亿元" in said and "新沂市营收 20亿元" in said


def test_a_per_mille_rate_changes_by_thousandth_points(tmp_path):
    rows = [["X1", "徐州市", "2024年", 5, "实际", None], ["X1", "徐州市", "2025年", 6, "实际", None]]
    deck = deck_of(tmp_path, [["X1", "出生率", "‰", "专题", "来源", None]], rows)
    change = next(f for s in deck.slides for f in s.figures if f.label == "出生率变化")
    assert change.text == "比上年提高1.0个千分点"
    assert change.unit == "个千分点" and "百分点" not in all_text(deck)


def test_a_year_to_date_is_never_compared_with_a_shorter_one(tmp_path):
    rows = [["X1", "徐州市", "2025年1—10月", 90, "实际", None],
            ["X1", "徐州市", "2025年1—11月", 100, "实际", None],
            ["X1", "徐州市", "2024年1—10月", 80, "实际", None]]
    deck = deck_of(tmp_path, [["X1", "营收", "亿元", "专题", "来源", None]], rows)
    said = all_text(deck)
    assert "2025年1—11月" in said or "营收 100亿元" in said
    assert "较2025年1—10月" not in said and "较2024年1—10月" not in said
    assert "增长" not in said  # no base covers the same months


def test_chart_text_follows_the_recipes_comparison(tmp_path):
    rows = [["X1", "徐州市", f"{y}年", v, "实际", None]
            for y, v in ((2021, 100), (2022, 110), (2023, 121), (2024, 133.1))]
    ind = [["X1", "营收", "亿元", "专题", "来源", None]]

    def chart_slide(comparison):
        recipe = Recipe(title="测试", themes=(ThemeChoice("专题", comparison=comparison),))
        return next(s for s in deck_of(tmp_path, ind, rows, recipe).slides if s.chart)

    # annual figures: 比上年 (never 同比); a title names its periods, the 年均 rate its span
    assert chart_slide(Comparison.YOY).title == "2024年营收达133.1亿元,比上年增长10.0%"
    assert chart_slide(Comparison.CAGR).title == "2024年营收达133.1亿元,2021—2024年年均增长10.0%"
    previous = chart_slide(Comparison.PREVIOUS)
    assert previous.title == "2024年营收达133.1亿元,比上年增长10.0%"
    assert previous.chart.series[-1].name == "比上年增长"
    assert "折线为比上年增速" in previous.chart.alt_text
    none = chart_slide(Comparison.NONE)
    assert none.title == "2024年营收达133.1亿元" and len(none.chart.series) == 1
    assert not any(w in " ".join(none.lines) for w in ("增长", "年均", "同比"))


def test_a_table_drops_columns_that_say_nothing(tmp_path):
    """Thirteen figures of one year: no 期间 column (the title names 2025年), no 变化 column of
    dashes, no 状态 column of 实际; a second period brings the 期间 column back."""
    inds = [[f"X{i:02}", f"指标{i}", "家", "专题", "来源", None] for i in range(13)]
    rows = [[f"X{i:02}", "徐州市", "2025年", 10 + i, "实际", None] for i in range(13)]
    table = next(s for s in deck_of(tmp_path, inds, rows).slides if s.table is not None
                 and s.section == "专题")
    assert table.table.columns == ("指标", "数值")
    assert table.title.startswith("2025年")
    rows[0] = ["X00", "徐州市", "2025年1—10月", 8, "实际", None]
    mixed = next(s for s in deck_of(tmp_path, inds, rows).slides if s.table is not None
                 and s.section == "专题")
    assert mixed.table.columns == ("指标", "期间", "数值")
    assert mixed.table.rows[0][1].text == "2025年1—10月"


def test_a_newest_figure_too_vague_to_chart_still_gets_its_card(tmp_path):
    """「超300亿元」 in 2025 after three exact years: the chart draws 2022—2024, a card shows
    the newest figure with its period; no figure is left out."""
    rows = [["X1", "徐州市", f"{y}年", v, "实际", None, None]
            for y, v in ((2022, 200), (2023, 240), (2024, 280))]
    rows.append(["X1", "徐州市", "2025年", 300, "实际", None, "超"])
    sheets = {"指标": [[*INDICATOR_HEADER, "上级指标"], ["X1", "营收", "亿元", "专题", "来源", None]],
              "数据": [[*DATA_HEADER, "限定"], *rows], "地区": REGIONS}
    result = load_dataset(write_workbook(tmp_path / "w.xlsx", sheets))
    assert result.ok and result.dataset is not None
    deck = plan_deck(result.dataset, Recipe(title="测试"))
    chart = next(s.chart for s in deck.slides if s.chart is not None)
    assert chart.categories == ("2022年", "2023年", "2024年")
    card = next(c for s in deck.slides for c in s.cards)
    assert card.before + card.number + card.after == "超300亿元"
    assert card.figure.period == "2025年"
    assert deck.warnings == ()
