"""Planning: which slide kind each indicator gets, what the slides say, and what every recipe
switch changes. Decks are planned from real workbooks written in tmp_path."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from realclients import COUNTIES, every_kind_deck, every_kind_sheets
from workbooks import basic_sheets, write_workbook
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.model import Status
from xzbrief.deck import grid
from xzbrief.deck.model import Axis, ChartKind, Deck, Slide, SlideKind
from xzbrief.deck.planner import plan_deck
from xzbrief.deck.textfit import fits_one_line
from xzbrief.recipe import Comparison, Numbering, Options, Recipe, Structure, ThemeChoice

DATA_KINDS = (SlideKind.KEY_FIGURES, SlideKind.CHART, SlideKind.TABLE)


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    deck: Deck = every_kind_deck(tmp_path_factory.mktemp("every"))
    return deck


def plan(tmp_path: Path, sheets: dict[str, Any] | None = None, **options: Any) -> Deck:
    path = write_workbook(tmp_path / "book.xlsx", sheets or basic_sheets())
    result = load_dataset(path)
    assert result.dataset is not None and result.ok, [p.format() for p in result.problems]
    recipe = Recipe(title="测试汇报", options=Options(**options))
    return plan_deck(result.dataset, recipe)


def chart_of(deck: Deck, title_part: str) -> Slide:
    return next(s for s in deck.slides if s.chart is not None and title_part in s.chart.title)


def texts(slide: Slide) -> str:
    parts = [slide.title, slide.subtitle, *slide.lines, *slide.footnotes]
    for card in slide.cards:
        parts += [card.label, card.before + card.number + card.after, card.note]
        if card.change:
            parts.append(card.change.text)
    if slide.table:
        parts += [c.text for row in slide.table.rows for c in row]
    return "\n".join(parts)


# --- slide kinds ----------------------------------------------------------------------------
def test_time_series_is_bars_with_growth_on_a_secondary_axis(every: Deck) -> None:
    slide = chart_of(every, "工业开票销售收入")
    chart = slide.chart
    assert chart is not None and chart.kind is ChartKind.BAR_LINE
    bars, target, growth = chart.series
    assert chart.categories[:2] == ("2019年", "2020年")
    assert "预计" in chart.categories[-1]
    assert bars.values == (5200.0, 5650.0, 6100.0, 7050.0, 7600.0, 8200.0, 9000.0)
    assert bars.statuses[-1] is Status.ESTIMATE and bars.statuses[0] is Status.ACTUAL
    assert target.name == "目标" and target.values[-1] == 9500.0 and target.values[0] is None
    assert growth.as_line and growth.axis is Axis.SECONDARY and growth.unit == "%"
    assert growth.values[0] is None  # no base for the first year: a gap, never 0
    assert growth.values[-1] == 9.8
    # the recipe's comparison (比上年 for a year) in the title, which names its period, as on
    # every card; 年均 as a sentence
    assert slide.title == "2025年工业开票销售收入预计达9000亿元,比上年增长9.8%"
    assert slide.lines[:2] == ("2025年全市工业开票销售收入预计达9000亿元,比上年增长9.8%。",
                               "2019—2025年全市工业开票销售收入预计年均增长9.6%。")
    assert "2025年目标为9500亿元,预计完成目标的94.7%。" in slide.lines
    assert "2019—2024年连跨6000亿元、7000亿元、8000亿元三个千亿级台阶。" in slide.lines


def test_rates_are_a_line_without_a_growth_line(every: Deck) -> None:
    slide = chart_of(every, "规上工业增加值增速")  # a trend of rates reads as a line
    assert slide.chart is not None and slide.chart.kind is ChartKind.LINE
    assert len(slide.chart.series) == 1
    # a growth rate reads 增长 (never 增速达); its change is in 个百分点 against last year
    assert slide.title == "2025年规上工业增加值预计比上年增长7.5%"
    assert "增速比上年回落0.5个百分点" in slide.lines[0]
    assert "增速达" not in slide.title + "".join(slide.lines)
    assert "规上工业增加值增速按可比价计算。" in slide.footnotes[0]


def test_long_series_is_a_line_with_months_under_their_year(every: Deck) -> None:
    chart = chart_of(every, "全社会用电量").chart
    assert chart is not None and chart.kind is ChartKind.LINE
    assert len(chart.categories) == 18 == len(chart.groups)
    assert chart.categories[:3] == ("1", "2", "3") and chart.groups[0] == "2024年"
    assert chart.groups[-1] == "2025年"
    assert chart.series[0].values[6] is None  # 2024年7月 is empty in the workbook: a gap


def test_growth_of_months_is_against_the_same_month_last_year(every: Deck) -> None:
    slide = chart_of(every, "全社会用电量")
    # 2025.6 vs 2024.6 (46): a month is compared 同比, and the title names the month
    assert slide.title == "2025年6月全社会用电量达54.4亿千瓦时,同比增长18.3%"


def test_regions_are_ranked_bars_with_the_citys_own_figure(every: Deck) -> None:
    slide = chart_of(every, "各地区")
    chart = slide.chart
    assert chart is not None and chart.kind is ChartKind.HBAR
    assert chart.categories == ("铜山区", "邳州市", "新沂市", "沛县", "睢宁县", "丰县")
    values = chart.series[0].values
    assert list(values) == sorted((v for v in values if v is not None), reverse=True)
    assert set(chart.categories) == set(COUNTIES)
    # a count never reads 「数量达」; the city's figure and the ranking share one period
    assert slide.title == "2025年规上工业企业数量铜山区居首,达700家"  # 简称 only on the chart
    assert slide.lines[0] == "2025年全市规上工业企业预计达4000家,较2020年翻番。"


def test_parts_of_a_total_at_one_period_are_a_doughnut(every: Deck) -> None:
    slide = chart_of(every, "创新产业集群规模构成")
    chart = slide.chart
    assert chart is not None and chart.kind is ChartKind.DOUGHNUT
    assert chart.categories == ("工程机械", "数字经济", "绿色低碳能源", "食品加工")
    assert slide.title == "“343”创新产业集群规模构成中工程机械占比最高,达30.6%"
    # the parts add up to the total and their shares to 100.0%: nothing for 四舍五入 to explain
    assert "四舍五入" not in "".join(slide.footnotes)
    # the total is shown by its parts chart, not again as a card of its own
    cards = [c.label for s in every.slides if s.section == "产业集群" for c in s.cards]
    assert "“343”创新产业集群规模" not in cards


def test_parts_over_years_are_stacked(every: Deck) -> None:
    slide = chart_of(every, "战略性新兴产业产值构成")
    chart = slide.chart
    assert chart is not None and chart.kind is ChartKind.STACKED
    assert [s.name for s in chart.series] == ["新材料", "高端装备", "生物医药"]
    assert all(len(s.values) == 5 for s in chart.series)
    assert "预计" in chart.categories[-1]
    assert slide.title == "2025年战略性新兴产业产值构成中高端装备占比最高,达46.5%"


def test_single_facts_are_cards_with_their_qualifiers(every: Deck) -> None:
    slide = next(s for s in every.slides if s.section == "创新平台"
                 and s.kind is not SlideKind.SECTION)
    assert slide.kind is SlideKind.KEY_FIGURES
    shown = {c.label: (c.before, c.number, c.after) for c in slide.cards}
    assert shown["攻克关键技术数量"] == ("", "150", "余项")
    assert shown["全产业链自主可控率"] == ("突破", "90", "%")
    assert shown["重大项目计划总投资"] == ("超", "300", "亿元")
    # two adjacent years (2024 -> 2025预计) are compared in a chart, not a card
    assert "未来产业企业营收规模" not in shown
    chart = next(s.chart for s in every.slides if s.chart is not None
                 and s.chart.title.startswith("未来产业企业营收规模"))
    assert chart.categories[0] == "2024年" and "预计" in chart.categories[-1]
    assert chart.series[0].values == (204.2, 316.0)


def test_many_facts_become_tables(every: Deck) -> None:
    tables = [s for s in every.slides if s.section == "专项指标"
              and s.kind is not SlideKind.SECTION]
    assert {s.kind for s in tables} == {SlideKind.TABLE}
    rows = [row for s in tables for row in s.table.rows]  # type: ignore[union-attr]
    assert len(rows) == 14
    assert len(tables) == 2 and abs(len(tables[0].table.rows) - len(tables[1].table.rows)) <= 1  # type: ignore[union-attr]
    columns = tables[0].table.columns  # type: ignore[union-attr]
    value = columns.index("数值")
    assert rows[0][value].text == "10个" and rows[0][value].numeric
    # one period, all 实际, no changes: no 期间 / 状态 columns, no 变化 column of dashes
    assert columns == ("指标", "数值")
    assert tables[0].title.startswith("2025年专项指标01达10个")  # the title names the period


def test_more_cards_than_fit_are_split(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"] = [sheets["指标"][0]] + [[f"K{i}", f"指标{i}", "个", "产业升级", "市工信局"]
                                            for i in range(8)]
    sheets["数据"] = [sheets["数据"][0]] + [[f"K{i}", "徐州市", "2025年", i + 1, "实际", None]
                                            for i in range(8)]
    deck = plan(tmp_path, sheets, key_figures=False)
    pages = [s for s in deck.slides if s.kind is SlideKind.KEY_FIGURES]
    assert [len(s.cards) for s in pages] == [4, 4]


def test_free_text_too_long_for_one_page_is_split(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "book.xlsx", basic_sheets())
    dataset = load_dataset(path).dataset
    assert dataset is not None
    long = tuple(f"第{i}条:" + "推进产业链供应链韧性和安全水平提升," * 6 for i in range(6))
    deck = plan_deck(dataset, Recipe(title="t", issues=long))
    pages = [s for s in deck.slides if s.kind is SlideKind.TEXT and s.section == "存在问题"]
    # continued as 公文 do: 「存在问题」, 「存在问题(续)」 — never 「(1/2)」
    assert len(pages) >= 2 and pages[0].title == "存在问题"
    assert all(s.title == "存在问题(续)" for s in pages[1:])
    assert sum(len(s.lines) for s in pages) == 6
    divider = next(s for s in deck.slides if s.kind is SlideKind.SECTION
                   and s.section == "存在问题")
    assert divider.title == "三、存在问题"  # a divider, as every other section has


# --- what every slide must get right ------------------------------------------------------
def test_titles_fit_one_line_at_22pt(every: Deck) -> None:
    for slide in every.slides:
        if slide.kind in (SlideKind.COVER, SlideKind.CLOSING):
            continue
        assert fits_one_line(slide.title, grid.TITLE.w, grid.TITLE_MIN), slide.title


def test_chart_data_is_clean(every: Deck) -> None:
    charts = [s.chart for s in every.slides if s.chart is not None]
    assert {c.kind for c in charts} == set(ChartKind)
    for chart in charts:
        for s in chart.series:
            assert len(s.values) == len(chart.categories), chart.title
            assert all(v is None or (type(v) is float and math.isfinite(v)) for v in s.values)
            assert not s.statuses or len(s.statuses) == len(s.values)


def test_data_slides_carry_estimate_note_and_sources(every: Deck) -> None:
    for slide in every.slides:
        if slide.kind not in DATA_KINDS:
            continue
        assert slide.footnotes[-1].startswith("数据来源:"), slide.title
        cells = [f for f in slide.figures if f.ref is not None and f.status is not Status.TARGET]
        estimates = [f for f in cells if f.is_estimate and f.period == "2025年"]
        if not estimates:
            continue
        # 「2025年数据为预计数」 only when every 2025 figure on the page is one; else by name
        if all(f.is_estimate for f in cells if f.period == "2025年"):
            assert slide.footnotes[0].startswith("注:2025年数据为预计数。"), slide.title
        else:
            named = slide.footnotes[0].split("注:2025年", 1)[1].split("为预计数")[0]
            assert set(named.split("、")) == {f.label for f in estimates}, slide.title


def test_speaker_notes_name_every_cell(every: Deck) -> None:
    slide = chart_of(every, "工业开票销售收入")
    assert "数据出处:" in slide.notes
    assert "every.xlsx 数据!D8" in slide.notes  # the 2025 estimate
    assert "计算:(9000 ÷ 8200 − 1) × 100% = 9.8%" in slide.notes


def test_nothing_is_warned_for_a_clean_workbook(every: Deck) -> None:
    # only that its 37-row 主要指标 table stops after three pages (the cap), naming the rest
    assert [w.text("zh") for w in every.warnings] == [
        "主要指标完成情况表只列 3 页(重点指标在前),未列入的指标:「专项指标13数量」、「专项指标14数量」"]
    assert every.warnings[0].text("en") == (
        "the key indicators table is kept to 3 slide(s) (key indicators first); indicators "
        "not in it: “专项指标13数量”, “专项指标14数量”")


# --- recipe switches -----------------------------------------------------------------------
def kinds(deck: Deck) -> list[SlideKind]:
    return [s.kind for s in deck.slides]


def test_default_structure(tmp_path: Path) -> None:
    deck = plan(tmp_path)
    assert kinds(deck)[:4] == [SlideKind.COVER, SlideKind.AGENDA, SlideKind.TEXT,
                               SlideKind.TABLE]
    assert [s.title for s in deck.slides[2:4]] == ["综述", "主要指标完成情况"]
    assert SlideKind.KEY_FIGURES not in [s.kind for s in deck.slides
                                         if s.section == "总体情况"]
    assert deck.slides[1].lines == ("一、产业升级", "二、数实融合")
    assert kinds(deck)[-1] is SlideKind.CLOSING
    assert deck.slides[-1].title == "以上汇报,请批评指正"


@pytest.mark.parametrize(("switch", "kind"), [
    ("agenda", SlideKind.AGENDA), ("section_dividers", SlideKind.SECTION),
    ("summary", SlideKind.TEXT), ("indicator_table", SlideKind.TABLE),
    ("key_figures", SlideKind.KEY_FIGURES), ("highlights", SlideKind.HIGHLIGHTS),
])
def test_switches_remove_their_pages(tmp_path: Path, switch: str, kind: SlideKind) -> None:
    on = plan(tmp_path, **{switch: True})
    off = plan(tmp_path, **{switch: False})
    if kind is SlideKind.KEY_FIGURES:  # the overview goes; the themes' own cards stay
        assert [s for s in on.slides if s.section == "总体情况" and s.kind is kind]
        assert not [s for s in off.slides if s.section == "总体情况" and s.kind is kind]
    elif kind is SlideKind.HIGHLIGHTS:  # a lone highlight stands beside the theme's card
        said = "工程机械获批国家首批先进制造业集群"
        assert any(said in line for s in on.slides for line in s.lines)
        assert not any(said in line for s in off.slides for line in s.lines)
    else:
        assert kind in kinds(on) and kind not in kinds(off)


def test_closing_page_and_its_words(tmp_path: Path) -> None:
    assert kinds(plan(tmp_path, closing=""))[-1] is not SlideKind.CLOSING
    assert plan(tmp_path, closing="谢谢").slides[-1].title == "谢谢"


def test_speaker_notes_switch(tmp_path: Path) -> None:
    assert any(s.notes for s in plan(tmp_path).slides)
    assert not any(s.notes for s in plan(tmp_path, speaker_notes=False).slides)


def test_source_footnotes_switch(tmp_path: Path) -> None:
    def sources(deck: Deck) -> list[str]:
        return [f for s in deck.slides for f in s.footnotes if f.startswith("数据来源")]

    assert sources(plan(tmp_path))
    off = plan(tmp_path, source_footnotes=False)
    assert not sources(off)
    assert any(f.startswith("注:2025年数据为预计数") for s in off.slides for f in s.footnotes)


def test_marking_is_recorded(tmp_path: Path) -> None:
    assert plan(tmp_path, marking="内部资料 注意保存").info.marking == "内部资料 注意保存"


@pytest.mark.parametrize(("style", "headings"), [
    (Numbering.CHINESE, ["一、产业升级", "二、数实融合"]),
    (Numbering.ARABIC, ["1.产业升级", "2.数实融合"]),
    (Numbering.NONE, ["产业升级", "数实融合"]),
])
def test_numbering(tmp_path: Path, style: Numbering, headings: list[str]) -> None:
    deck = plan(tmp_path, numbering=style)
    assert [s.title for s in deck.slides if s.kind is SlideKind.SECTION] == headings
    assert list(deck.slides[1].lines) == headings


def test_report_structure_with_issues_and_next_steps(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "book.xlsx", basic_sheets())
    dataset = load_dataset(path).dataset
    assert dataset is not None
    recipe = Recipe(title="t", options=Options(structure=Structure.REPORT),
                    issues=("增长动力不足。",), next_steps=("加快培育未来产业。",))
    deck = plan_deck(dataset, recipe)
    sections = [s.title for s in deck.slides if s.kind is SlideKind.SECTION]
    assert sections == ["一、总体情况", "二、产业升级", "三、数实融合", "四、存在问题",
                        "五、下一步工作"]
    agenda = next(s for s in deck.slides if s.kind is SlideKind.AGENDA)
    assert agenda.lines[-2:] == ("四、存在问题", "五、下一步工作")
    overview = [s.title for s in deck.slides if s.section == "总体情况"]
    assert overview == ["一、总体情况", "综述", "主要指标完成情况"]
    # every section alike: a divider, then its pages
    text_pages = {s.title: s.lines for s in deck.slides if s.kind is SlideKind.TEXT
                  and s.section != "总体情况"}
    assert text_pages == {"存在问题": ("增长动力不足。",), "下一步工作": ("加快培育未来产业。",)}
    bare = plan_deck(dataset, replace(recipe, options=Options(structure=Structure.REPORT,
                                                              section_dividers=False)))
    assert [s.title for s in bare.slides if s.kind is SlideKind.TEXT][-2:] == [
        "四、存在问题", "五、下一步工作"]  # no dividers: the numbered heading titles the page
    themes = plan_deck(dataset, replace(recipe, options=Options()))
    assert next(s.title for s in themes.slides if s.kind is SlideKind.SECTION) == "一、产业升级"


def test_appendix_lists_every_number_with_its_cell(tmp_path: Path) -> None:
    deck = plan(tmp_path, appendix=True)
    pages = [s for s in deck.slides if s.title.startswith("附:数据核对表")]
    assert pages
    cells = [row[5].text for s in pages for row in s.table.rows]  # type: ignore[union-attr]
    assert "book.xlsx 数据!D6" in cells  # 2025 工业开票销售收入, the file named
    assert any(c.startswith("由 数据!") for c in cells)  # derived numbers say how


def test_theme_choice_picks_indicators_regions_and_periods(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "every.xlsx", every_kind_sheets())
    dataset = load_dataset(path).dataset
    assert dataset is not None
    choice = ThemeChoice("工业经济", indicators=("GY01", "GY99"), period_from=None,
                         comparison=Comparison.NONE)
    deck = plan_deck(dataset, Recipe(title="t", themes=(choice, ThemeChoice("无此专题"))))
    charts = [s.chart for s in deck.slides if s.chart is not None]
    assert len(charts) == 1 and charts[0].kind is ChartKind.BAR  # 无: no growth line
    said = "\n".join(texts(s) for s in deck.slides)
    assert "同比" not in said and "年均" not in said and "较20" not in said
    assert any("GY99" in w.text("zh") for w in deck.warnings)
    assert any("无此专题" in w.text("zh") for w in deck.warnings)


def test_doubling_from_the_seed(tmp_path: Path) -> None:
    """basic_sheets: 规上工业企业 2020 = 2000, 2025 = 4000 (预计) -> 较2020年翻番."""
    sheets = basic_sheets()
    sheets["地区"] = [["地区", "上级", "类型"], ["徐州市", None, "市"]]  # the city reads 全市
    deck = plan(tmp_path, sheets)
    card = next(c for s in deck.slides for c in s.cards if c.label == "规上工业企业数量")
    assert card.change is not None and card.change.text == "较2020年翻番"
    assert card.figure.is_estimate
    assert "规上工业企业预计达4000家,较2020年翻番" in "\n".join(
        texts(s) for s in deck.slides)


def test_a_region_not_declared_as_the_city_is_named(tmp_path: Path) -> None:
    """Without a 地区 sheet nobody said 徐州市 is the city: its name is used, never 全市."""
    deck = plan(tmp_path)
    text = "\n".join(texts(s) + s.notes for s in deck.slides)
    assert "全市" not in text
    assert "2025年徐州市规上工业企业预计达4000家" in text
