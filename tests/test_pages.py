"""The pages a secretary hands on untouched (issue 9 §1–§3): the 综述, the 主要指标完成情况表, no
figure said on more than three pages, no thin page, （续） for continued pages, the companion
data-check workbook — read back from built decks with python-pptx and openpyxl."""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pptx import Presentation
from pptx.util import Pt

from realclients import seen, shape_texts
from workbooks import basic_sheets, bureau_sheets, write_workbook
from xzbrief.build import BuildResult, build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.model import Deck, DeckInfo, Figure, Slide, SlideKind
from xzbrief.deck.planner import plan_deck
from xzbrief.deck.typeset import typeset
from xzbrief.recipe import Options, Recipe, ThemeChoice, read_recipe
from xzbrief.render.check_workbook import companion_path, workbook_bytes

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    recipe = read_recipe(DATA / "xuzhou.brief.toml")
    out = tmp_path_factory.mktemp("shipped") / "汇报.pptx"
    return build_deck(recipe, DATA / "xuzhou.xlsx", out)


def title_of(slide: Any) -> str:
    return seen(slide.shapes.title.text_frame.text) if slide.shapes.title is not None else ""


def plan(tmp_path: Path, sheets: dict[str, Any] | None = None, **kw: Any) -> Deck:
    path = write_workbook(tmp_path / "book.xlsx", sheets or basic_sheets())
    result = load_dataset(path)
    assert result.dataset is not None and result.ok
    options = kw.pop("options", Options())
    return plan_deck(result.dataset, Recipe(title="测试汇报", options=options, **kw))


# --- the shipped deck -------------------------------------------------------------------------
def test_shipped_deck_opens_with_cover_agenda_summary_and_table(shipped: BuildResult) -> None:
    prs = Presentation(str(shipped.pptx))
    titles = [title_of(s) for s in prs.slides]
    assert titles[1] == "目录"
    assert titles[2:4] == ["综述", "主要指标完成情况"]
    assert titles[0].startswith("徐州市“十四五”现代化产业体系建设情况汇报")
    charts = [sh for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert charts, "the shipped deck has a native chart"
    future = next(c.chart for c in charts if "未来产业企业营收规模" in
                  c.chart.chart_title.text_frame.text)
    assert tuple(future.plots[0].categories) == ("2024年", "2025年（预计）")
    assert list(future.plots[0].series[0].values) == [204.2, 316.0]


def test_summary_judgments_carry_their_figures_and_cells(shipped: BuildResult) -> None:
    prs = Presentation(str(shipped.pptx))
    summary = prs.slides[2]
    body = "\n".join(shape_texts(summary)).replace("\v", "")  # a break the layout put in
    assert "2025年工业开票销售收入预计达9000亿元左右" in body
    assert "未来产业企业营收规模预计达316亿元，比上年增长54.8%" in body
    lines = [p for p in body.split("\n") if p.endswith("。") and "方面" in p]
    assert 3 <= len(lines) <= 5
    notes = summary.notes_slide.notes_text_frame.text
    assert "xuzhou.xlsx 数据!D4" in notes and "由 数据!D20、数据!D21 计算" in notes
    # with a single comparable indicator no count of risers is claimed
    assert "项指标中" not in body


def test_indicator_table_lists_every_headline_figure(shipped: BuildResult) -> None:
    prs = Presentation(str(shipped.pptx))
    tables = [sh.table for s in list(prs.slides)[3:5] for sh in s.shapes if sh.has_table]
    assert len(tables) == 2
    header = [c.text for c in tables[0].rows[0].cells]
    assert header[:5] == ["指标", "地区", "期间", "单位", "本期"]
    assert "年度目标" not in header and "全省" not in header  # no such data: no column
    # the workbook has a growth rate for one figure of 23 (未来产业企业营收规模, 2024 -> 2025):
    # no 增长(%) column blank all the way down; the one change is said in words in 说明
    assert header[5:] == ["说明"]
    rows = {r.cells[0].text + r.cells[1].text: [c.text for c in r.cells]
            for t in tables for r in list(t.rows)[1:]}
    assert rows["未来产业企业营收规模全市"][4:] == ["316", "预计比上年增长54.8%"]
    assert rows["工业开票销售收入全市"][5] == "预计"
    assert rows["工业开票销售收入全市"][4] == "9000左右"
    assert rows["攻克关键技术数量徐州高新区"][4] == "150余"
    assert len(rows) == 23
    sizes = {r.runs[0].font.size for t in tables for row in t.rows for c in row.cells
             for r in c.text_frame.paragraphs if r.runs}
    assert min(sizes) >= Pt(12)
    assert title_of(prs.slides[4]) == "主要指标完成情况（续）"


def test_no_figure_on_more_than_three_pages(shipped: BuildResult) -> None:
    pages: Counter[str] = Counter()
    for slide in shipped.deck.slides:
        pages.update({str(f.ref) for f in slide.figures if f.ref is not None})
    assert pages and max(pages.values()) <= 3, pages.most_common(3)
    # and on the slides as written: a level with its unit is shown on at most three pages
    prs = Presentation(str(shipped.pptx))
    texts = ["\n".join(shape_texts(s)) for s in prs.slides]
    for f in {f.text for f in shipped.deck.figures if f.ref is not None and len(f.text) >= 4}:
        assert sum(f in t for t in texts) <= 3, f


def test_no_thin_page_and_no_repeated_highlight(shipped: BuildResult) -> None:
    prs = Presentation(str(shipped.pptx))
    by_section: dict[str, list[Slide]] = {}
    for slide in shipped.deck.slides:
        if slide.kind not in (SlideKind.COVER, SlideKind.AGENDA, SlideKind.SECTION,
                              SlideKind.CLOSING):
            by_section.setdefault(slide.section, []).append(slide)
    for number, (slide, written) in enumerate(zip(shipped.deck.slides, prs.slides,
                                                  strict=True), start=1):
        alone = len(by_section.get(slide.section, [])) == 1
        bullets = [sh for sh in written.shapes if sh.name.startswith("要点")]
        paragraphs = sum(len(sh.text_frame.paragraphs) for sh in bullets)
        if slide.kind is SlideKind.KEY_FIGURES and len(slide.cards) == 1:
            assert alone or paragraphs >= 3, (number, slide.title)
        if slide.kind in (SlideKind.HIGHLIGHTS, SlideKind.TEXT):
            assert alone or paragraphs >= 3, (number, slide.title)
        assert "/" not in title_of(written).replace("“4+X”", ""), title_of(written)
    said = "\n".join(t for s in prs.slides for sh in s.shapes if sh.name.startswith("要点")
                     for t in [seen(sh.text_frame.text)])
    # the card shows 316亿元 with its 2024 base; the highlight saying the same is left out
    assert "预计2025年增长至316亿元" not in said
    assert "连跨6000亿元、7000亿元、8000亿元" not in said  # the card's remark says it
    assert "全球最大4000吨级履带式起重机问世" in said  # a highlight with news of its own


def test_companion_workbook_lists_every_figure_with_its_cell(shipped: BuildResult) -> None:
    path = shipped.check_workbook
    assert path == companion_path(shipped.pptx) and path.name == "汇报.核对.xlsx"
    ws = openpyxl.load_workbook(path)["数据核对"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["页", "页标题", "指标", "页面显示"] and "单元格" in header
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    listed = {(r["页"], r["单元格"]) for r in rows}
    for number, slide in enumerate(shipped.deck.slides, start=1):
        for f in slide.figures:
            if f.ref is not None:
                assert (number, str(f.ref)) in listed, (number, f.label)
    row = next(r for r in rows if r["单元格"] == "数据!D21" and r["页"] == 3)
    assert row["页面显示"] == "316亿元" and row["数值"] == 316 and row["状态"] == "预计"
    assert row["页标题"] == "综述"


def test_data_check_pages_leave_the_deck_unless_asked(shipped: BuildResult,
                                                      tmp_path: Path) -> None:
    assert not any("数据核对表" in s.title for s in shipped.deck.slides)
    recipe = read_recipe(DATA / "xuzhou.brief.toml")
    recipe = replace(recipe, options=replace(recipe.options, appendix=True,
                                             check_workbook=False))
    built = build_deck(recipe, DATA / "xuzhou.xlsx", tmp_path / "附录.pptx")
    titles = [s.title for s in built.deck.slides]
    assert "附:数据核对表" in titles and "附:数据核对表(续)" in titles
    assert built.check_workbook is None and not companion_path(built.pptx).exists()


def test_companion_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    evil = ["=HYPERLINK(\"http://x.example\",\"x\")", "+1+2", "-3", "@SUM(A1)"]
    slide = Slide(kind=SlideKind.TEXT, title="=1+1", lines=("x",), figures=tuple(
        Figure(label=t, text=t, value=1.0, unit="个", source=t) for t in evil))
    deck = Deck(DeckInfo(title="=cmd|' /C calc'!A0"), (slide,))
    path = tmp_path / "x.核对.xlsx"
    path.write_bytes(workbook_bytes(deck))
    with zipfile.ZipFile(path) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/work"))
    assert "<f>" not in sheets and "<f " not in sheets
    ws = openpyxl.load_workbook(path)["数据核对"]
    assert [ws.cell(row=r, column=3).value for r in range(2, 6)] == evil
    assert all(ws.cell(row=r, column=3).data_type == "s" for r in range(2, 6))


# --- the 综述 and the table on synthetic workbooks ----------------------------------------------
def yoy_sheets() -> dict[str, list[list[Any]]]:
    sheets = basic_sheets()
    sheets["指标"].append(["GY03", "工业用电量", "亿千瓦时", "产业升级", "市供电公司"])
    sheets["数据"] += [["GY03", "徐州市", "2024年", 300, "实际", None],
                      ["GY03", "徐州市", "2025年", 291, "实际", None]]
    sheets["地区"] = [["地区", "上级", "类型"], ["徐州市", "江苏省", "市"],
                    ["江苏省", None, "省"]]
    sheets["数据"] += [["SZ02", "江苏省", "2025年", 12.0, "实际", None],
                      ["GY01", "徐州市", "2025年", 9500, "目标", None]]
    sheets["指标"].append(["SZ03", "数字经济核心产业增加值占比全省位次", "位", "数实融合",
                         "市统计局"])
    sheets["数据"].append(["SZ03", "徐州市", "2025年", 3, "实际", None])
    return sheets


CITY_ONLY = (ThemeChoice("产业升级", regions=("徐州市",)),
             ThemeChoice("数实融合", regions=("徐州市",)))


def test_summary_counts_risers_and_fallers_only_from_comparable_figures(tmp_path: Path) -> None:
    deck = plan(tmp_path, yoy_sheets(), themes=CITY_ONLY)
    summary = next(s for s in deck.slides if s.title == "综述")
    first = summary.lines[0]
    # 开票 +9.8%, 用电量 −3.0%: two levels comparable, one up, one down; the share's
    # +1.3个百分点 is not counted (a rate that changes has not grown or fallen)
    assert first == "有上年同期可比数据的2项总量指标中,1项增长、1项下降;徐州市工业用电量比上年下降3.0%。"
    assert any(f.label == "工业用电量变化" for f in summary.figures)
    target = summary.lines[1]
    assert target == "徐州市工业开票销售收入预计完成年度目标的94.7%。"
    assert 3 <= len(summary.lines) <= 5
    assert "数据!" in summary.notes  # each judgment's figures with their cells


def test_recipe_summary_lines_replace_the_generated_ones(tmp_path: Path) -> None:
    own = ("全市工业经济稳中有进。", "新动能加快成长。", "绿色转型成效明显。")
    deck = plan(tmp_path, summary=own)
    summary = next(s for s in deck.slides if s.title == "综述")
    assert summary.lines == own


def test_table_columns_follow_the_data(tmp_path: Path) -> None:
    deck = plan(tmp_path, yoy_sheets(), themes=CITY_ONLY)
    table = next(s.table for s in deck.slides if s.title == "主要指标完成情况")
    assert table is not None
    cols = list(table.columns)
    # one period (2025年) for every row: the period is the column's heading, not a column
    assert "期间" not in cols and "地区" not in cols and "2025年" in cols
    assert {"增长(%)", "增减(个百分点)", "全省", "位次", "年度目标", "完成进度"} <= set(cols)
    rows = {r[0].text: {c: cell.text for c, cell in zip(cols, r, strict=True)}
            for r in table.rows}
    assert rows["工业开票销售收入"]["年度目标"] == "9500"
    assert rows["工业开票销售收入"]["完成进度"] == "94.7%"
    assert rows["数字经济核心产业增加值占比"]["增减(个百分点)"] == "1.3"
    assert rows["数字经济核心产业增加值占比"]["全省"] == "12.0"  # a share: one decimal
    assert rows["数字经济核心产业增加值占比"]["位次"] == "第3位"
    assert "数字经济核心产业增加值占比全省位次" not in rows  # shown in the row it ranks
    assert rows["工业用电量"]["增长(%)"] == "-3.0"


def test_a_long_table_is_continued_without_splitting_an_indicator(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"] = [sheets["指标"][0]] + [[f"K{i}", f"指标{i}", "个", "产业升级", "市工信局"]
                                            for i in range(10)]
    regions = ["徐州市", "邳州市", "新沂市"]
    sheets["数据"] = [sheets["数据"][0]] + [[f"K{i}", r, "2025年", i + 1, "实际", None]
                                            for i in range(10) for r in regions]
    deck = plan(tmp_path, sheets)
    pages = [s for s in deck.slides if s.title.startswith("主要指标完成情况")]
    assert len(pages) >= 2 and pages[1].title == "主要指标完成情况(续)"
    names = [[r[0].text for r in s.table.rows] for s in pages if s.table is not None]
    for before, after in pairwise(names):
        assert before[-1] != after[0]  # an indicator's regions stay on one page
    assert sum(len(n) for n in names) == 30  # within the cap (three pages): every row shown
    counts = [len(n) for n in names]
    assert max(counts) - min(counts) <= 3  # balanced, not 20 + 3


# --- page economy on synthetic workbooks ------------------------------------------------------
def test_eight_one_line_next_steps_make_one_page(tmp_path: Path) -> None:
    steps = tuple(f"加快推进第{i}批重大项目建设。" for i in range(1, 9))
    deck = plan(tmp_path, next_steps=steps)
    pages = [s for s in deck.slides if s.section == "下一步工作" and s.kind is SlideKind.TEXT]
    assert len(pages) == 1 and pages[0].lines == steps


def test_short_highlights_fill_one_page_before_they_split(tmp_path: Path) -> None:
    sheets = basic_sheets()  # 产业升级 without its single card: the highlights stand alone
    sheets["指标"] = [r for r in sheets["指标"] if r[0] != "GY02"]
    sheets["数据"] = [r for r in sheets["数据"] if r[0] != "GY02"]
    sheets["要点"] += [["产业升级", "徐州市", "2025年", f"第{i}项重点工作取得新进展", "市工信局"]
                     for i in range(9)]
    deck = plan(tmp_path, sheets)
    pages = [s for s in deck.slides if s.kind is SlideKind.HIGHLIGHTS]
    assert len(pages) == 1 and len(pages[0].lines) == 10  # once 5 + 5
    sheets["要点"] += [["产业升级", "徐州市", "2025年", f"第{i}项重点工作取得新进展", "市工信局"]
                     for i in range(10, 14)]
    more = [s for s in plan(tmp_path, sheets).slides if s.kind is SlideKind.HIGHLIGHTS]
    assert [len(s.lines) for s in more] == [7, 7]  # balanced, the second 「（续）」
    assert more[1].title == more[0].title + "(续)"


def test_one_or_two_cards_take_their_themes_highlights_beside_them(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["地区"] = [["地区", "上级", "类型"], ["徐州市", None, "市"]]
    sheets["要点"] = [sheets["要点"][0]] + [
        ["数实融合", "徐州市", "2025年", text, "市工信局"] for text in
        ("两化融合发展水平达69.3", "徐工重型获批国家首批领航级智能工厂",
         "创建一批卓越级、先进级智能工厂", "率先出台具身智能工程机械发展方案")]
    deck = plan(tmp_path, sheets)
    theme = [s for s in deck.slides if s.section == "数实融合"
             and s.kind is not SlideKind.SECTION]
    cards = [s for s in theme if s.kind is SlideKind.KEY_FIGURES]
    # 两化融合 and the share (2024 -> 2025: a card with its 个百分点, not two columns)
    assert len(cards) == 1 and len(cards[0].cards) == 2
    # the sentences only repeated the cards and the highlight restating a card is left out:
    # the other three highlights stand beside the cards
    assert cards[0].lines == ("徐工重型获批国家首批领航级智能工厂", "创建一批卓越级、先进级智能工厂",
                              "率先出台具身智能工程机械发展方案")
    assert not [s for s in theme if s.kind is SlideKind.HIGHLIGHTS]
    assert cards[0].footnotes[-1].startswith("数据来源:")


def test_content_pages_carry_their_section_label(shipped: BuildResult) -> None:
    prs = Presentation(str(shipped.pptx))
    for slide, written in zip(shipped.deck.slides, prs.slides, strict=True):
        labels = [seen(sh.text_frame.text) for sh in written.shapes if sh.name.startswith("章节")]
        if slide.kind in (SlideKind.COVER, SlideKind.AGENDA, SlideKind.SECTION,
                          SlideKind.CLOSING):
            assert not labels
        else:
            assert labels and labels[0], slide.title
    label = next(seen(sh.text_frame.text) for sh in prs.slides[-2].shapes
                 if sh.name.startswith("章节"))
    assert label == "五、未来产业布局"


def test_short_names_stay_in_chart_labels_never_in_titles(tmp_path: Path) -> None:
    from realclients import every_kind_deck, write_every_kind

    deck = every_kind_deck(tmp_path)
    (tmp_path / "again").mkdir()
    book = load_dataset(write_every_kind(tmp_path / "again").parent / "every.xlsx").dataset
    assert book is not None
    shorts = [(i.short_name, i.name) for i in book.indicators
              if i.short_name and i.short_name not in i.name]
    assert shorts  # the workbook does give 简称 that are not part of the full name
    for slide in deck.slides:
        for short, _name in shorts:
            assert short not in slide.title, (slide.title, short)
    charts = [s.chart for s in deck.slides if s.chart is not None]
    assert any(series.name == short for c in charts for series in c.series
               for short, _ in shorts)  # where they belong


def test_a_highlight_naming_4_plus_x_is_news_not_a_repeated_figure(shipped: BuildResult) -> None:
    said = [line for s in shipped.deck.slides if s.kind is SlideKind.HIGHLIGHTS
            for line in s.lines]
    assert "旨在构建自主可控、系统完备的“4+X”未来产业体系" in said
    assert not any("4个成长类未来产业" in line for line in said)  # the card's remark says it


def test_only_two_pairs_a_theme_become_charts_the_rest_stay_cards(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"] = [sheets["指标"][0]] + [[f"K{i}", f"指标{i}", "亿元", "产业升级", "市统计局"]
                                            for i in range(5)]
    sheets["数据"] = [sheets["数据"][0]] + [[f"K{i}", "徐州市", f"{y}年", 100 + i + y - 2024,
                                             "实际", None] for i in range(5) for y in (2024, 2025)]
    deck = plan(tmp_path, sheets)
    theme = [s for s in deck.slides if s.section == "产业升级"]
    charts = [s.chart.title for s in theme if s.chart is not None]
    assert charts == ["指标0(亿元)", "指标1(亿元)"]
    cards = [c.label for s in theme for c in s.cards]
    assert cards == ["徐州市指标2", "徐州市指标3", "徐州市指标4"]  # no 地区 sheet: named


@pytest.mark.parametrize("extra", ["", "全社会用电量连续三个月保持两位数增长"])
def test_a_highlight_joins_the_chart_before_it_only_when_it_speaks_of_it(
        tmp_path: Path, extra: str) -> None:
    """The every-kind deck's 工业经济 ends with a chart of 全社会用电量 and one highlight,
    「规上工业企业数量较“十三五”末翻番」: that is not news about electricity, so it is not
    printed under that chart (its own page); a highlight naming 全社会用电量 joins it."""
    from realclients import every_kind_sheets, write_every_kind

    recipe = write_every_kind(tmp_path)
    sheets = every_kind_sheets()
    if extra:
        sheets["要点"].append(["工业经济", None, "2025年", extra, "市工信局"])
    write_workbook(tmp_path / "every.xlsx", sheets)
    built = build_deck(read_recipe(recipe), tmp_path / "every.xlsx", tmp_path / "every.pptx")
    prs = Presentation(str(built.pptx))
    pages = [(title_of(s), [seen(p.text).split("\t", 1)[-1] for sh in s.shapes
                            if sh.name.startswith("要点") for p in sh.text_frame.paragraphs])
             for s in prs.slides]
    power = next(bullets for title, bullets in pages if "全社会用电量" in title)
    assert not any("规上工业企业数量" in b for b in power), power
    alone = next((title, bullets) for title, bullets in pages
                 if any("规上工业企业数量较“十三五”末翻番" in b for b in bullets))
    assert alone[0] == "工业经济主要亮点"
    if extra:
        assert extra in power  # news of the chart's own indicator stands beside it
        assert extra not in alone[1]
        # the page left with the other highlight still says in its notes where it came from
        page = next(s for s in prs.slides if title_of(s) == "工业经济主要亮点")
        notes = seen(page.notes_slide.notes_text_frame.text) if page.has_notes_slide else ""
        assert "规上工业企业数量较“十三五”末翻番 — every.xlsx 要点!D3" in notes, notes


def test_summary_names_the_fastest_riser_when_all_levels_grew(tmp_path: Path) -> None:
    from realclients import every_kind_deck

    deck = every_kind_deck(tmp_path)
    summary = next(s for s in deck.slides if s.title == "综述")
    assert summary.lines[0] == ("有上年同期可比数据的7项总量指标全部增长,"
                                "其中未来产业企业营收规模预计比上年增长54.8%,增幅最大。")
    growth = [f for f in summary.figures if f.label.endswith("变化")]
    assert len({f.label for f in growth}) >= 7 and all((f.value or 0) > 0 for f in growth)
    # one target is June's (全社会用电量 2025年6月): 目标, not 年度目标
    assert summary.lines[1].startswith("有目标的2项指标均未完成目标")


def test_a_blocked_data_check_workbook_never_costs_the_deck(tmp_path: Path) -> None:
    recipe = read_recipe(DATA / "xuzhou.brief.toml")
    (tmp_path / "汇报.核对.xlsx").mkdir()  # e.g. a folder of that name (or open in Excel)
    built = build_deck(recipe, DATA / "xuzhou.xlsx", tmp_path / "汇报.pptx")
    assert built.pptx.is_file() and built.check_workbook is None
    assert any("汇报.核对.xlsx" in w and "文件夹" in w for w in built.notes("zh"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇报.pptx", "汇报.核对.xlsx"]


def test_a_row_of_three_cards_takes_the_short_highlights_page_under_it(
        shipped: BuildResult) -> None:
    """No half-empty page of three cards followed by a page of three highlights: the
    highlights stand under the cards, between them and the footnotes."""
    slides = shipped.deck.slides
    for a, b in pairwise(slides):
        assert not (a.kind is SlideKind.KEY_FIGURES and len(a.cards) == 3 and not a.lines
                    and b.kind is SlideKind.HIGHLIGHTS and b.section == a.section
                    and len(b.lines) <= 4), (a.title, b.title)
    assert shipped.pptx is not None
    prs = Presentation(str(shipped.pptx))
    merged = [(model, written) for model, written in zip(slides, prs.slides, strict=True)
              if model.kind is SlideKind.KEY_FIGURES and len(model.cards) == 3 and model.lines]
    assert merged
    for model, written in merged:
        cards = [sh for sh in written.shapes if sh.name.startswith("指标卡 ")
                 or sh.name == "指标卡"]
        bullets = next(sh for sh in written.shapes if sh.name.startswith("要点"))
        footnote = next(sh for sh in written.shapes if sh.name.startswith("脚注"))
        assert len(cards) == 3 and len({c.top for c in cards}) == 1  # one row
        assert bullets.top >= max(c.top + c.height for c in cards)
        assert bullets.top + bullets.height <= footnote.top
        shown = [seen(p.text).split("\t", 1)[1] for p in bullets.text_frame.paragraphs]
        assert shown == [typeset(line) for line in model.lines]


# --- one or two cards beside their narrative --------------------------------------------------
@pytest.fixture(scope="module")
def bureau_built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    folder = tmp_path_factory.mktemp("bureau")
    path = write_workbook(folder / "统计局指标库.xlsx", bureau_sheets())
    result = load_dataset(path)
    assert result.ok
    return build_deck(default_recipe(result), path, folder / "bureau.pptx", load=result)


def column_pages(pptx: Path) -> list[tuple[int, list[Any], Any, Any]]:
    """Pages where one or two cards stand left of their bullets: (page, cards, bullets,
    footnote) as written in the .pptx."""
    out = []
    for number, slide in enumerate(Presentation(str(pptx)).slides, start=1):
        cards = [sh for sh in slide.shapes if sh.name == "指标卡"]
        bullets = [sh for sh in slide.shapes if sh.name.startswith("要点")]
        foot = [sh for sh in slide.shapes if sh.name.startswith("脚注")]
        if 1 <= len(cards) <= 2 and bullets and foot and \
                bullets[0].left >= max(c.left + c.width for c in cards):
            out.append((number, cards, bullets[0], foot[0]))
    return out


def test_one_or_two_cards_beside_bullets_fill_the_page_height(shipped: BuildResult,
                                                               bureau_built: BuildResult) -> None:
    """No card of a third of the page above an empty lower half (shipped deck's 7家 page,
    the bureau's 8家 page): the cards fill the height between the title band and the
    footnotes, the bullets stand at the middle of them at body size, and the lone card's
    figure at the middle of its card."""
    from xzbrief.deck import grid
    from xzbrief.deck.textfit import BULLET_MARKER, bullets_height

    lone = 0
    for built in (shipped, bureau_built):
        assert built.pptx is not None
        pages = column_pages(built.pptx)
        assert pages, built.pptx
        for number, cards, bullets, foot in pages:
            top = min(c.top for c in cards) / Pt(1)
            bottom = max(c.top + c.height for c in cards) / Pt(1)
            assert top == pytest.approx(grid.CONTENT.y)
            assert foot.top / Pt(1) - 24 <= bottom <= foot.top / Pt(1) - 4, number
            middle = (bullets.top + bullets.height / 2) / Pt(1)
            assert middle == pytest.approx((top + bottom) / 2, abs=1), number
            assert bullets.text_frame.vertical_anchor is not None
            sizes = {r.font.size.pt for p in bullets.text_frame.paragraphs for r in p.runs
                     if r.font.size is not None and r.text.strip()}
            size = max(sizes)
            assert grid.BODY_MIN <= size <= grid.BODY_MAX, number
            lines = [seen(p.text).split("\t", 1)[-1] for p in bullets.text_frame.paragraphs]
            assert bullets_height(lines, size, bullets.width / Pt(1)
                                  - size * BULLET_MARKER) <= bullets.height / Pt(1) + 0.5
            if len(cards) == 1:
                lone += 1
                slide = Presentation(str(built.pptx)).slides[number - 1]
                label = next(sh for sh in slide.shapes if sh.name.startswith("指标名称"))
                figure = next(sh for sh in slide.shapes if sh.name.startswith("数值"))
                # the card's content in its middle third, not on top of an empty box
                assert label.top / Pt(1) - top > (bottom - top) / 4, number
                centre = (figure.top + figure.height / 2) / Pt(1)
                assert abs(centre - (top + bottom) / 2) < (bottom - top) / 6, number
    assert lone >= 2
