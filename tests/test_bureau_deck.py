"""A statistics bureau's accumulated workbook (tests/workbooks.py: bureau_sheets) built into a
deck and read back with python-pptx: each rule of statistics-conventions.md on what the slides
say (issue 8). Slide text is compared after NFKC, so 「，」 on the slide reads as 「,」 here."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pptx import Presentation

from realclients import slide_texts
from workbooks import BUREAU_REMARK, BUREAU_SOURCE, bureau_sheets, write_workbook
from xzbrief.build import BuildResult, build_deck, default_recipe
from xzbrief.cli.main import main
from xzbrief.dataset.checks import with_preflight
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.periods import PeriodKind, parse_period
from xzbrief.dataset.series import benchmark_region, newest
from xzbrief.deck.model import SlideKind


def nfkc(text: str) -> str:
    """As read: NFKC, and a line break the layout put inside a sentence (\v) taken out."""
    return unicodedata.normalize("NFKC", text).replace("\v", "")


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    folder = tmp_path_factory.mktemp("bureau")
    path = write_workbook(folder / "统计局指标库.xlsx", bureau_sheets())
    result = load_dataset(path)
    assert result.ok, [p.format() for p in result.errors]
    built = build_deck(default_recipe(result), path, folder / "bureau.pptx", load=result)
    return path, built


def slides_text(pptx: Path) -> list[str]:
    """What a viewer reads on each slide (text boxes, placeholders, tables), NFKC; a line
    break inside a paragraph (\v, written before a number so it keeps its unit) is not
    something a viewer reads."""
    return [nfkc(text.replace("\v", "")) for text in slide_texts(pptx)]


def notes_text(pptx: Path) -> list[str]:
    return [nfkc(s.notes_slide.notes_text_frame.text) if s.has_notes_slide else ""
            for s in Presentation(str(pptx)).slides]


def test_growth_rates_read_as_growth_never_as_a_level(bureau: tuple[Path, BuildResult]) -> None:
    text = "\n".join(slides_text(bureau[1].pptx) + notes_text(bureau[1].pptx))
    assert "增速达" not in text and "增速预计达" not in text
    # 「2025年1—10月全市规上工业增加值同比增长8.5%」: 同比 for a cumulative span
    assert "2025年1—10月全市规上工业增加值同比增长8.5%" in text


def test_rates_are_compared_with_the_previous_span_and_the_province(
        bureau: tuple[Path, BuildResult]) -> None:
    text = "\n".join(slides_text(bureau[1].pptx))
    # 8.5 (1—10月) against 8.3 (1—9月) and 全省 7.1
    assert "比1—9月提高0.2个百分点,快于全省1.4个百分点" in text
    # GDP is compiled by quarter: 前三季度 against 上半年, written as the workbook writes them
    # the level carries its own published rate and the rate's comparisons (no second card
    # that repeats 5.2%): on its card's ▲ line, the full sentence in the speaker notes
    assert "7050.57亿元\n▲ 同比增长5.2%,增速比上半年提高0.2个百分点,快于全省0.1个百分点" in text
    notes = "\n".join(notes_text(bureau[1].pptx))
    assert "2025年前三季度全市地区生产总值达7050.57亿元,同比增长5.2%,增速比上半年提高0.2个百分点," \
        "快于全省0.1个百分点" in notes
    assert "个百分点" in text


def test_a_level_is_written_with_its_own_growth_rate(bureau: tuple[Path, BuildResult]) -> None:
    """「地区生产总值7050.57亿元,同比增长5.2%」: GDP with GDP增速 of the same period (the
    published rate at comparable prices, not one recomputed from the levels)."""
    text = "\n".join(slides_text(bureau[1].pptx))
    assert "2025年前三季度地区生产总值达7050.57亿元,同比增长5.2%" in text  # the page's title
    assert "2025年前三季度全市地区生产总值达7050.57亿元,同比增长5.2%" in "\n".join(
        notes_text(bureau[1].pptx))
    # text writes a level with its own precision (9537, never the chart's shared 9537.00);
    # the bars keep one precision per series (9537.00 beside 7151.35)
    assert "2024年全市地区生产总值达9537亿元,比上年增长5.9%" in text
    assert "9537.00亿元" not in text
    slide = next(s for s in bureau[1].deck.slides
                 if s.chart is not None and s.chart.title == "地区生产总值(亿元)")
    assert slide.chart is not None
    assert slide.title == "2024年地区生产总值达9537亿元,比上年增长5.9%"
    assert slide.chart.series[0].decimals == 2
    assert slide.chart.series[-1].values == (6.0, 3.4, 8.7, 3.2, 5.8, 5.9)  # the 增速 column


def test_annual_figures_say_bi_shang_nian_never_tong_bi(bureau: tuple[Path, BuildResult]) -> None:
    sentences = [s for t in slides_text(bureau[1].pptx) for s in re.split(r"[。\n]", t)]
    annual = [s for s in sentences if re.match(r"^20\d\d年(?![\d—一二三四上下前])", s)]
    assert annual
    assert not [s for s in annual if "同比" in s]
    assert any("比上年" in s for s in annual)


def test_the_periods_keep_their_written_form(bureau: tuple[Path, BuildResult]) -> None:
    text = "\n".join(slides_text(bureau[1].pptx))
    assert "2025年前三季度" in text
    assert "2025年1—9月全市地区生产总值" not in text
    assert "2025年4月当月" in text  # the 当月 figure, apart from the 累计 one


def test_no_chart_mixes_kinds_years_or_spans(bureau: tuple[Path, BuildResult]) -> None:
    charts = [s.chart for s in bureau[1].deck.slides if s.chart is not None]
    assert charts
    for chart in charts:
        for series in chart.series:
            periods = [parse_period(f.period) for f in series.figures if f is not None]
            if not periods or chart.kind.value == "hbar":
                continue
            assert len({p.kind for p in periods}) == 1, chart.title
            if periods[0].kind is PeriodKind.YTD:  # one span across years, or one year's spans
                assert len({p.year for p in periods}) == 1 or \
                    len({p.end_month for p in periods}) == 1, chart.title
    spans = next(c for c in charts if c.title == "规上工业增加值增速(%)")
    assert spans.categories == ("1—2月", "1—3月", "1—4月", "1—5月", "1—6月", "1—7月", "1—8月",
                                "1—9月", "1—10月")
    assert set(spans.groups) == {"2025年"}


def test_every_newest_figure_is_shown(bureau: tuple[Path, BuildResult]) -> None:
    path, built = bureau
    dataset = load_dataset(path).dataset
    assert dataset is not None
    shown = {f.ref for f in built.deck.figures if f.ref is not None}
    regions = {r.name: r for r in dataset.regions}
    for ind in dataset.indicators:
        for region in {o.region for o in dataset.observations_of(ind.code)}:
            if benchmark_region(regions.get(region), region):
                continue
            latest = newest(dataset.observations_of(ind.code, [region]))
            assert latest is not None and latest.ref in shown, (ind.name, region)


def test_every_figure_not_shown_is_listed_with_its_cell(bureau: tuple[Path, BuildResult]
                                                         ) -> None:
    path, built = bureau
    dataset = load_dataset(path).dataset
    assert dataset is not None
    shown = {f.ref for f in built.deck.figures if f.ref is not None}
    warnings = "\n".join(built.notes("zh"))
    left_out = [o for o in dataset.observations if o.value is not None and o.ref not in shown]
    assert left_out  # older figures (2019—2022 annual rates, 2024年1—5月, 全省 …)
    for o in left_out:
        assert f"({o.ref})" in warnings, o
    # e.g. the old span of another year, by its period and cell
    assert "徐州市2024年1—5月 7%(数据!" in warnings


def test_the_cli_prints_what_the_deck_leaves_out(bureau: tuple[Path, BuildResult],
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--data", str(bureau[0]), "-o", str(tmp_path / "d.pptx"),
                 "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "未在汇报中以数字出现" in err and "徐州市2019年 6.5%(数据!" in err


def test_dataset_check_warns_before_the_build(bureau: tuple[Path, BuildResult]) -> None:
    result = with_preflight(load_dataset(bureau[0]))
    said = [p.message() for p in result.warnings if p.code == "check-mixed-kinds"]
    mixed = [m for m in said if "同时有" in m and "规上工业增加值增速(徐州市)" in m]
    assert mixed and "年度、累计、当月" in mixed[0]
    assert not [m for m in said if "同时有" in m and "(全省)" in m]  # a yardstick


def test_no_url_file_marker_or_internal_remark_on_a_slide(bureau: tuple[Path, BuildResult]
                                                          ) -> None:
    slides = slides_text(bureau[1].pptx)
    notes = notes_text(bureau[1].pptx)
    for text in slides:
        assert "http" not in text and "www." not in text
        assert ".xlsx" not in text and "数据!" not in text
        assert not re.search(r"\[S\d+\]", text)
    for text in slides + notes:  # 备注 is internal: not even read aloud
        assert "待核" not in text and nfkc(BUREAU_REMARK) not in text and "旧口径" not in text
        assert "名单见附件" not in text
    # the footnote: organisation and document, once
    assert any("数据来源:市统计局《徐州市国民经济和社会发展统计公报》。" in t for t in slides)
    assert any("市科技局 · 《徐州市高新技术产业统计报告》" in t for t in slides)  # 来源单位/文件
    # the detail (URL) goes to the speaker notes
    assert any("https://tjj.xz.gov.cn/col/col123/index.html" in n for n in notes)


def test_the_public_remark_is_shown_and_the_pattern_used(bureau: tuple[Path, BuildResult]
                                                         ) -> None:
    text = "\n".join(slides_text(bureau[1].pptx))
    assert "2025年全市8家企业入选工信部再生资源综合利用规范企业(截至10月)" in text


def test_share_index_count_and_rank_wording(bureau: tuple[Path, BuildResult]) -> None:
    # the sentences beside the cards only repeated them: they are in the speaker notes
    text = "\n".join(slides_text(bureau[1].pptx) + notes_text(bureau[1].pptx))
    assert "比上年提高0.15个百分点" in text  # 48.6 -> 48.75 keeps its inputs' precision
    assert "48.8%" in text  # a share: one decimal
    assert "数量达" not in text and "规上工业企业数量达" not in text
    assert "2024年全市两化融合发展水平达68,比上年提高1.9。" in text  # no unit, points
    assert "2024年全市工业开票销售收入居全省第3位,比上年前移1位。" in text


def test_levels_show_at_most_two_decimals_and_notes_the_exact_value(
        bureau: tuple[Path, BuildResult]) -> None:
    slides = "\n".join(slides_text(bureau[1].pptx))
    assert "7050.57亿元" in slides and "7050.5678" not in slides
    assert any("原值 7050.5678" in n for n in notes_text(bureau[1].pptx))


def test_the_city_leads_with_its_newest_figure(tmp_path: Path) -> None:
    from dataclasses import replace

    from xzbrief.deck.planner import plan_deck

    result = load_dataset(write_workbook(tmp_path / "统计局指标库.xlsx", bureau_sheets()))
    assert result.dataset is not None
    recipe = default_recipe(result)  # the headline cards page, which a recipe may still ask for
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True))
    deck = plan_deck(result.dataset, recipe)
    overview = next(s for s in deck.slides if s.kind is SlideKind.KEY_FIGURES
                    and s.section == "总体情况")
    first = overview.cards[0]
    # 重点 GDP leads 经济运行; the city's 前三季度, never 铜山区's 2019 figure
    assert first.figure.region == "徐州市" and first.figure.period == "2025年前三季度"
    # cards of different periods each name theirs
    assert all(c.label.startswith(c.figure.period) for c in overview.cards)


def test_no_title_joins_two_periods_without_naming_both(bureau: tuple[Path, BuildResult]
                                                        ) -> None:
    for slide in bureau[1].deck.slides:
        if slide.kind not in (SlideKind.CHART, SlideKind.KEY_FIGURES):
            continue
        if not re.search(r"\d", slide.title):
            continue  # 主要指标完成情况: no figure in the title
        named = re.findall(r"20\d\d年(?:[1-9]—\d+月|前三季度|上半年|一季度|\d+月当月|\d+月)?",
                           slide.title)
        shown = {f.period for f in slide.figures if f.ref is not None}
        if not named:  # 主要指标: the lead figure's clause alone, its card naming its period
            assert slide.section == "总体情况" and slide.title.count(",") <= 1, slide.title
            assert slide.cards[0].label.startswith(slide.cards[0].figure.period), slide.title
            continue
        assert set(named) <= shown | {p.split("—")[0] for p in shown}, slide.title


def test_the_data_check_appendix_lists_what_the_deck_leaves_out(
        bureau: tuple[Path, BuildResult]) -> None:
    from dataclasses import replace

    from xzbrief.deck.planner import plan_deck

    path = bureau[0]
    result = load_dataset(path)
    assert result.dataset is not None
    recipe = default_recipe(result)
    recipe = replace(recipe, options=replace(recipe.options, appendix=True))
    deck = plan_deck(result.dataset, recipe)
    rows = [[c.text for c in r] for s in deck.slides if s.title.startswith("附:数据核对表")
            and s.table is not None for r in s.table.rows]
    left_out = [r for r in rows if r[0] == "未展示"]
    assert ["未展示", "规上工业增加值增速(徐州市)", "2024年1—5月", "7.0%", "实际",
            "统计局指标库.xlsx 数据!D38"] in left_out
    assert len(left_out) == sum(w.text("zh").count("(数据!") for w in deck.warnings
                                if "未在汇报中以数字出现" in w.text("zh"))


def test_a_ranking_page_speaks_of_its_own_period(bureau: tuple[Path, BuildResult]) -> None:
    """A ranking of 2024 district levels carries the city's 2024 figure, never its newest
    2025年前三季度 one (that has its own card): a page's sentences describe its figures."""
    pages = slides_text(bureau[1].pptx)
    ranking = next(t for t in pages if "2024年铜山区地区生产总值" in t)
    assert "2025年前三季度" not in ranking
    assert "2024年全市地区生产总值达9537亿元,比上年增长5.9%,增速比上年提高0.1个百分点。" in ranking
    assert "2024年铜山区地区生产总值达1500.2亿元。" in ranking
    # the newer figure is still shown, on a page of its own period
    assert any("2025年前三季度地区生产总值达7050.57亿元" in t and "铜山区" not in t
               for t in pages)


def test_a_count_changes_by_its_own_unit(bureau: tuple[Path, BuildResult]) -> None:
    """3800家 -> 4123家: 「比上年增加323家」, never 「增长8.5%」 computed from the counts; the
    table's change column says it in the same words; 综述 counts no count among 总量 growing."""
    slides = slides_text(bureau[1].pptx)
    text = "\n".join(slides)
    card = next(t for t in slides if "2024年规上工业企业数量" in t)  # the card, and its
    assert "4123家" in card and "比上年增加323家" in card  # sentence read aloud
    assert any("2024年全市规上工业企业4123家,比上年增加323家。" in n
               for n in notes_text(bureau[1].pptx))
    assert "规上工业企业数量比上年增长" not in text and "规上工业企业4123家,比上年增长" not in text
    table = Presentation(str(bureau[1].pptx)).slides[4]  # 主要指标完成情况(续)
    rows = [[nfkc(c.text) for c in r.cells] for sh in table.shapes if sh.has_table
            for r in sh.table.rows]
    header = rows[0]
    # four kinds of change (增长, 百分点, 增减, 比上期), each for few rows: said in words in 说明
    # rather than four columns blank most of the way down
    assert not set(header) & {"增长(%)", "增减(个百分点)", "增减", "比上期(个百分点)"}, header
    firms = next(r for r in rows if r[0] == "规上工业企业数量")
    assert firms[header.index("说明")] == "比上年增加323家"
    first = Presentation(str(bureau[1].pptx)).slides[3]  # 主要指标完成情况
    rows1 = [[nfkc(c.text) for c in r.cells] for sh in first.shapes if sh.has_table
             for r in sh.table.rows]
    gdp_rate = next(r for r in rows1 if r[0] == "地区生产总值增速")
    # 前三季度 against 上半年
    assert gdp_rate[rows1[0].index("说明")] == "比上半年提高0.2个百分点"
    rank = next(r for r in rows if r[0] == "工业开票销售收入全省位次")
    assert rank[header.index("说明")] == "比上年前移1位"  # never 「1.0」 under 增长(%)
    assert "项总量指标" not in slides[2]  # 综述


def test_a_count_with_its_published_rate(tmp_path: Path) -> None:
    """When the workbook holds the count's own growth rate (规上工业企业数量增速), it follows
    the count's change: 「比上年增加323家,增长8.5%」."""
    sheets = bureau_sheets()
    sheets["指标"].append(["IND03", "规上工业企业数量增速", "%", "工业经济", BUREAU_SOURCE] +
                         [None] * 7)
    sheets["数据"].append(["IND03", "徐州市", "2024年", 8.5, "实际", None, None, None])
    path = write_workbook(tmp_path / "统计局指标库.xlsx", sheets)
    result = load_dataset(path)
    assert result.ok, [p.format() for p in result.errors]
    built = build_deck(default_recipe(result), path, tmp_path / "d.pptx", load=result)
    card = next(t for t in slides_text(built.pptx) if "2024年规上工业企业数量\n" in t)
    assert "比上年增加323家,增长8.5%" in card
    assert any("2024年全市规上工业企业4123家,比上年增加323家,增长8.5%。" in n
               for n in notes_text(built.pptx))


def test_a_trend_of_rates_is_a_line_and_levels_stay_columns(
        bureau: tuple[Path, BuildResult]) -> None:
    """The 累计增速走势 (1—2月 … 1—10月) and the annual growth rates are lines with markers
    and their numbers; the GDP levels across years stay columns (read from the .pptx)."""
    from pptx.enum.chart import XL_CHART_TYPE

    charts = {nfkc(sh.chart.chart_title.text_frame.text): sh.chart
              for s in Presentation(str(bureau[1].pptx)).slides for sh in s.shapes
              if sh.has_chart}
    for title in ("规上工业增加值增速(%)",):
        chart = charts[title]
        assert chart.chart_type is XL_CHART_TYPE.LINE_MARKERS, title
        ser = chart.plots[0].series[0]._element
        # every point has its number (in %, one decimal) and a visible marker
        assert ser.xpath("./c:dLbls/c:showVal/@val") == ["1"], title
        assert not ser.xpath('./c:dLbls/c:dLbl[c:delete/@val="1" or c:showVal/@val="0"]')
        assert ser.xpath("./c:dLbls/c:dLbl/c:numFmt/@formatCode")[0] == '0.0"%"'
        assert ser.xpath("./c:marker/c:symbol/@val") == ["circle"], title
    spans = charts["规上工业增加值增速(%)"]
    assert list(spans.plots[0].categories) == ["1—2月", "1—3月", "1—4月", "1—5月", "1—6月",
                                               "1—7月", "1—8月", "1—9月", "1—10月"]
    levels = charts["地区生产总值(亿元)"]
    # GDP's published rates are the level chart's growth line: no chart of them alone, and
    # no card repeating the level's own 同比增长5.2%
    assert "地区生产总值增速(%)" not in charts
    assert not any(c.label.endswith("地区生产总值增速") for s in bureau[1].deck.slides
                   for c in s.cards)
    assert levels.plots[0].__class__.__name__ == "BarPlot"  # columns, the growth a line


def test_the_average_growth_of_gdp_uses_the_published_rates(
        bureau: tuple[Path, BuildResult], tmp_path: Path) -> None:
    """The workbook holds GDP's published (comparable-price) rates for 2020—2024: the 年均
    compounds them; without one of them the levels' nominal rate says 按现价计算."""
    pages = slides_text(bureau[1].pptx)
    text = "\n".join(pages)
    assert "2019—2024年全市地区生产总值按可比价计算年均增长5.4%。" in text
    assert "年均增长5.9%" not in text  # the nominal rate beside real ones, unsaid
    # the page drawing the published rates as its growth line says their 口径
    page = next(t for t in pages if "按可比价计算年均增长5.4%" in t)
    assert "注:地区生产总值增速按可比价计算。" in page
    sheets = bureau_sheets()
    sheets["数据"] = [r for r in sheets["数据"] if r[:3] != ["GDP02", "徐州市", "2021年"]]
    path = write_workbook(tmp_path / "统计局指标库.xlsx", sheets)
    result = load_dataset(path)
    built = build_deck(default_recipe(result), path, tmp_path / "d.pptx", load=result)
    text = "\n".join(slides_text(built.pptx))
    assert "2019—2024年全市地区生产总值按现价计算年均增长5.9%。" in text
    assert "按可比价计算年均" not in text


def test_single_quarters_never_join_or_compare_with_cumulative_ones(tmp_path: Path) -> None:
    """GDP growth of single quarters (一季度 … 四季度) beside the cumulative 上半年 and 前三季度:
    no chart draws them on one axis, and a cumulative rate is never 「比二季度提高」 — only a
    single quarter is compared with the single quarter before it."""
    sheets = bureau_sheets()
    sheets["数据"] += [["GDP02", "徐州市", p, v, "实际", None, None, None] for p, v in (
        ("2024年一季度", 5.0), ("2024年二季度", 5.4), ("2024年三季度", 5.6),
        ("2024年四季度", 6.1), ("2025年一季度", 5.1), ("2025年二季度", 4.9),
        ("2025年三季度", 5.6))]
    path = write_workbook(tmp_path / "统计局指标库.xlsx", sheets)
    result = load_dataset(path)
    assert result.ok, [p.format() for p in result.errors]
    built = build_deck(default_recipe(result), path, tmp_path / "d.pptx", load=result)
    pages = slides_text(built.pptx) + notes_text(built.pptx)
    sentences = [s for t in pages for s in re.split(r"[。\n]", t)]
    for s in sentences:
        if re.search(r"比[二三四]季度", s) and re.search(r"20\d\d年", s):
            # only a single quarter against the one before (a card's change line stands
            # under its label, which names 2025年三季度)
            assert re.search(r"20\d\d年[二三四]季度(?!.*前三季度)", s), s
        assert not re.search(r"(前三季度|上半年)[^,]*比[二三四]季度", s), s
    assert any("2025年三季度全市地区生产总值同比增长5.6%,比二季度提高0.7个百分点" in s
               for s in sentences)
    for slide in built.deck.slides:
        if slide.chart is None:
            continue
        cats = set(slide.chart.categories)
        assert not (cats & {"上半年", "前三季度"} and cats & {"Q2", "Q3", "Q4", "二季度",
                                                           "三季度", "四季度"}), cats


def test_the_summary_ranks_growth_by_the_growth_alone(tmp_path: Path) -> None:
    """Two 总量 with their published rates: 综述 counts them and names the fastest by its
    growth (「其中地区生产总值同比增长5.2%,增幅最大」), never with the rate's comparisons
    hanging between the growth and 增幅最大."""
    sheets = bureau_sheets()
    sheets["指标"] += [["VA01", "规上工业增加值", "亿元", "工业经济", BUREAU_SOURCE] + [None] * 7,
                     ["VA02", "规上工业增加值增速", "%", "工业经济", BUREAU_SOURCE,
                      None, "按可比价计算"] + [None] * 5]
    sheets["指标"] = [r for r in sheets["指标"] if r[0] != "IND01"]
    sheets["数据"] = [r for r in sheets["数据"] if r[0] != "IND01"]
    sheets["数据"] += [["VA01", "徐州市", "2025年前三季度", 2500.5, "实际", None, None, None],
                     ["VA02", "徐州市", "2025年前三季度", 4.1, "实际", None, None, None],
                     ["VA02", "徐州市", "2025年上半年", 4.4, "实际", None, None, None]]
    path = write_workbook(tmp_path / "统计局指标库.xlsx", sheets)
    result = load_dataset(path)
    assert result.ok, [p.format() for p in result.errors]
    built = build_deck(default_recipe(result), path, tmp_path / "d.pptx", load=result)
    summary = slides_text(built.pptx)[2]
    assert "有上年同期可比数据的2项总量指标全部增长,其中地区生产总值同比增长5.2%,增幅最大" in summary
    # the card itself keeps the rate's comparison (its change line under 2500.5亿元)
    assert "同比增长4.1%,增速比上半年回落0.3个百分点" in "\n".join(slides_text(built.pptx))


def test_a_cards_page_never_prints_a_sentence_that_only_repeats_its_card(
        bureau: tuple[Path, BuildResult]) -> None:
    """The GDP card says 「同比增长5.2%，增速比上半年提高0.2个百分点……」 in its ▲ line: the same
    sentence again as the page's one bullet is not printed (the speaker notes keep it); a
    sentence with words of its own (「8家企业入选工信部再生资源综合利用规范企业」 beside the
    card 再生资源规范企业 8家) stays."""
    prs = Presentation(str(bureau[1].pptx))
    checked = 0
    for slide in prs.slides:
        names = [sh.name.split(" [")[0] for sh in slide.shapes]
        if "指标卡" not in names:
            continue
        changes = [nfkc(sh.text_frame.text) for sh in slide.shapes
                   if sh.name.startswith("变化")]
        bullets = [nfkc(p.text).split("\t", 1)[-1] for sh in slide.shapes
                   if sh.name.startswith("要点") for p in sh.text_frame.paragraphs]
        for change in changes:
            said = change.lstrip("▲▼ \u00a0")
            assert not any(said in b for b in bullets), (said, bullets)
            checked += 1
    assert checked >= 3
    text = slides_text(bureau[1].pptx)
    gdp = next(t for t in text if "7050.57亿元" in t and "指标" not in t and "综述" not in t)
    assert gdp.count("增速比上半年提高0.2个百分点") == 1, gdp
    assert "2025年全市8家企业入选工信部再生资源综合利用规范企业" in "\n".join(text)
    notes = "\n".join(notes_text(bureau[1].pptx))
    assert "2025年前三季度全市地区生产总值达7050.57亿元,同比增长5.2%,增速比上半年提高0.2个百分点" \
        in notes


def test_a_theme_opens_with_its_newest_figure_not_an_older_single_month(
        bureau: tuple[Path, BuildResult]) -> None:
    """规上工业增加值增速 has 2025年1—10月 (cumulative, newest) and 2025年4月当月: the
    theme's first page speaks of 1—10月, and the 4月当月 card's page comes after it (never a
    当月 title before the newer cumulative one of the same indicator)."""
    prs = Presentation(str(bureau[1].pptx))
    titles = [nfkc(s.shapes.title.text_frame.text).replace("\u2060", "")
              if s.shapes.title is not None else "" for s in prs.slides]
    start = titles.index("二、工业经济") + 1
    theme = titles[start:titles.index("三、创新驱动")]
    assert theme[0].startswith("2025年1—10月规上工业增加值"), theme
    monthly = next(i for i, t in enumerate(theme) if "4月当月" in t)
    cumulative = next(i for i, t in enumerate(theme) if "1—10月规上工业增加值" in t)
    assert cumulative < monthly, theme
