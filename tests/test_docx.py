"""The written 汇报材料 (.docx), read back as Word would show it: python-docx for the text, the
styles, margins and footers; the package itself for the charts, their embedded workbooks and the
provenance; LibreOffice and the Open XML validator as real clients."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt
from lxml import etree
from openpyxl import load_workbook
from pptx import Presentation

from realclients import (
    needs_soffice,
    needs_validator,
    pdf_pages,
    to_pdf,
    validate,
    write_every_kind,
)
from xzbrief.build import build_deck
from xzbrief.deck.model import Deck, SlideKind
from xzbrief.deck.typeset import typeset_deck
from xzbrief.recipe import read_recipe
from xzbrief.render.docx_writer import title_lines
from xzbrief.render.package_props import read_provenance
from xzbrief.resources import shipped_dataset, shipped_recipe

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1], "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
PROFILE_FONTS = {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "Times New Roman"}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Deck]:
    folder = tmp_path_factory.mktemp("shipped")
    recipe = read_recipe(shipped_recipe())
    built = build_deck(recipe, shipped_dataset(), folder / "汇报.pptx",
                       docx=folder / "汇报.docx")
    assert built.docx == folder / "汇报.docx"
    return folder / "汇报.docx", built.deck


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Deck]:
    folder = tmp_path_factory.mktemp("every")
    path = write_every_kind(folder)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n[word]\naddressee = "市政府"\nsignature = "市工信局"\n',
                    encoding="utf-8")
    recipe = read_recipe(path)
    built = build_deck(recipe, folder / "every.xlsx", folder / "every.pptx",
                       docx=folder / "every.docx")
    return folder / "every.docx", folder / "every.pptx", built.deck


def all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def styled(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


# --- structure and words -----------------------------------------------------------------
def test_every_figure_the_deck_shows_is_in_the_document_with_its_digits(shipped) -> None:
    path, deck = shipped
    text = all_text(docx.Document(str(path)))
    shown = typeset_deck(deck).figures
    assert len(shown) > 20
    missing = [f.text for f in shown if f.text not in text]
    assert missing == []
    assert "9000亿元左右" in text and "增长54.8%" in text and "2.45万个" in text


def test_title_then_sections_numbered_as_gongwen(shipped) -> None:
    document = docx.Document(str(path := shipped[0]))
    assert path.exists()
    title = styled(document, "公文标题")[0]
    assert title == "徐州市“十四五”现代化\n产业体系建设情况汇报"  # broken between words
    h1 = styled(document, "公文一级标题")
    assert h1 == ["一、总体情况", "二、产业升级与集群培育", "三、科技创新与数实融合",
                  "四、绿色低碳转型", "五、区域实践", "六、未来产业布局"]
    h2 = styled(document, "公文二级标题")
    # 总体情况: the 综述 as prose, then the 主要指标完成情况 table under its own heading
    assert h2[0] == "（一）主要指标完成情况"
    assert "（二）主要亮点" in h2
    # 1. groups the highlights of one place, as running prose after a bold run-in heading
    run_in = [p for p in document.paragraphs if re.match(r"\d\.\S+。", p.text)]
    assert [p.text.split("。")[0] for p in run_in][:2] == ["1.邳州市", "2.徐州经开区"]
    assert run_in[0].runs[0].bold and not run_in[0].runs[1].bold
    # prose, not bullets: no paragraph of the body starts with a bullet sign
    assert not [p.text for p in document.paragraphs if p.text and p.text[0] in "•·-–▪"]


def test_fourth_level_numbering_is_1_in_brackets() -> None:
    from xzbrief.deck.wording import heading_number

    assert [heading_number(k, 2) for k in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]


def test_signature_and_date_right_aligned_after_the_closing(shipped) -> None:
    document = docx.Document(str(shipped[0]))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[-3:] == ["以上汇报，请批评指正。", "徐州市工业和信息化局", "2025年12月"]
    signature = styled(document, "署名")
    assert signature == ["徐州市工业和信息化局", "2025年12月"]
    paras = [p for p in document.paragraphs if p.style.name == "署名"]
    assert all(p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in paras)
    # the date starts two characters right of the signature's first character (GB/T 9704)
    sig_right, date_right = (float(p._p.pPr.find(f"{W}ind").get(f"{W}rightChars")) / 100
                             for p in paras)
    # widths in characters: the signature 10, the date 5 (digits are half a character)
    assert sig_right == 2 and date_right + 5 == pytest.approx(sig_right + 10 - 2)


def test_marking_addressee_appendix_and_own_signature(every) -> None:
    document = docx.Document(str(every[0]))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "内部资料 注意保存"
    assert document.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert "市政府：" in styled(document, "主送机关")
    assert "附件：附：数据核对表" not in texts and "附件：数据核对表" in texts
    assert styled(document, "署名")[0] == "市工信局"
    attachment = [p for p in document.paragraphs if p.style.name == "附件标识"]
    assert attachment[0].text == "附件" and attachment[0].paragraph_format.page_break_before
    # 存在问题 and 下一步工作 come from the recipe, as sections of their own
    h1 = styled(document, "公文一级标题")
    assert h1[-2:] == ["七、存在问题", "八、下一步工作"]
    assert "部分行业增长乏力，新旧动能转换仍需加快。" in texts


def test_three_line_tables_with_captions_above(every) -> None:
    document = docx.Document(str(every[0]))
    body = document.element.body
    tables = body.findall(f"{W}tbl")
    assert len(tables) == len(document.tables) >= 2
    first = tables[0]
    caption = first.getprevious()
    assert "".join(caption.itertext()).startswith("表1 ")
    borders = first.find(f"{W}tblPr/{W}tblBorders")
    assert borders.find(f"{W}top").get(f"{W}sz") == "12"
    assert borders.find(f"{W}bottom").get(f"{W}sz") == "12"
    assert borders.find(f"{W}insideV").get(f"{W}val") == "nil"
    assert borders.find(f"{W}insideH").get(f"{W}val") == "nil"
    header_cell = first.find(f"{W}tr/{W}tc/{W}tcPr/{W}tcBorders/{W}bottom")
    assert header_cell.get(f"{W}sz") == "6"
    # the data-check table is the 附件, its rows as many as the deck's appendix pages hold
    deck = every[2]
    rows = sum(len(s.table.rows) for s in deck.slides
               if s.kind is SlideKind.TABLE and s.section == "附录" and s.table)
    assert len(document.tables[-1].rows) == rows + 1


# --- format ------------------------------------------------------------------------------
def test_page_margins_line_pitch_and_sizes_follow_gb_9704(shipped) -> None:
    document = docx.Document(str(shipped[0]))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    for got, want in ((section.top_margin, 37), (section.left_margin, 28),
                      (section.right_margin, 26), (section.bottom_margin, 35)):
        assert abs(got - Mm(want)) < Mm(0.1)
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(width - Mm(156)) < Mm(0.1) and abs(height - Mm(225)) < Mm(0.1)
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert round(height / normal.paragraph_format.line_spacing) == 22
    assert document.styles["公文标题"].font.size == Pt(22)
    for name in ("公文一级标题", "公文二级标题", "公文三级标题"):
        assert document.styles[name].font.size == Pt(16)
    assert document.styles["公文三级标题"].font.bold
    assert not document.styles["公文一级标题"].font.bold
    # 28 characters a line: the body's characters are set 0.2 pt closer than their size
    spacing = normal.element.find(f"{W}rPr/{W}spacing")
    pitch = 16 + int(spacing.get(f"{W}val")) / 20
    assert 28 * pitch <= 156 / 25.4 * 72 < 29 * pitch


def east_asian(rpr: Any) -> str | None:
    fonts = rpr.find(f"{W}rFonts") if rpr is not None else None
    return fonts.get(f"{W}eastAsia") if fonts is not None else None


def test_every_run_and_style_names_the_profiles_east_asian_font(shipped) -> None:
    document = docx.Document(str(shipped[0]))
    runs = (r for r in document.element.body.iter(f"{W}r")
            if r.find(f"{W}t") is not None)  # text runs (a chart's drawing has none)
    fonts = [east_asian(r.find(f"{W}rPr")) for r in runs]
    assert fonts and None not in fonts and set(fonts) <= PROFILE_FONTS
    by_style = {"公文标题": "方正小标宋简体", "公文一级标题": "黑体", "公文二级标题": "楷体_GB2312",
                "公文三级标题": "仿宋_GB2312", "Normal": "仿宋_GB2312"}
    for p in document.paragraphs:
        want = by_style.get(p.style.name)
        if want and p.text:
            assert {east_asian(r._r.rPr) for r in p.runs} == {want}, p.text
    for name, want in by_style.items():
        assert east_asian(document.styles[name].element.find(f"{W}rPr")) == want
    styles = etree.tostring(document.styles.element).decode()
    assert "Theme=" not in styles  # a theme font would override the named one
    with zipfile.ZipFile(shipped[0]) as zf:
        theme = zf.read("word/theme/theme1.xml").decode()
        font_table = zf.read("word/fontTable.xml").decode()
    named = set(re.findall(r'typeface="([^"]+)"', theme)) - {""}
    assert named <= PROFILE_FONTS  # nothing else for WPS to call missing
    assert set(re.findall(r'w:font w:name="([^"]+)"', font_table)) <= PROFILE_FONTS
    assert 'w:altName w:val="仿宋"' in font_table  # the documented fallback


def test_page_numbers_in_dashes_odd_right_even_left(shipped) -> None:
    document = docx.Document(str(shipped[0]))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                         (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        para = footer.paragraphs[0]
        xml = etree.tostring(para._p, encoding="unicode")
        assert "PAGE" in "".join(para._p.itertext()) or " PAGE " in xml
        assert para.text == "— 1 —"  # the field's shown value between 「— 」 and 「 —」
        assert para.runs[0].text == "— " and para.runs[-1].text == " —"
        assert para.alignment == side
        assert para.runs[0].font.size == Pt(14)  # 四号


# --- charts, provenance, clients --------------------------------------------------------------
def chart_series(xml: bytes) -> list[tuple[str, list[float | None]]]:
    root = etree.fromstring(xml)
    out = []
    for ser in root.iterfind(".//c:ser", NS):
        name = "".join(ser.find("c:tx", NS).itertext())
        cache = ser.find("c:val//c:numCache", NS)
        count = int(cache.find("c:ptCount", NS).get("val"))
        values: list[float | None] = [None] * count
        for pt in cache.findall("c:pt", NS):
            values[int(pt.get("idx"))] = float(pt.find("c:v", NS).text)
        out.append((name, values))
    return out


def test_charts_are_native_with_workbooks_that_agree_with_the_deck(every) -> None:
    path, deck_path, deck = every
    charts = [s.chart for s in deck.slides if s.kind is SlideKind.CHART]
    with zipfile.ZipFile(path) as zf:
        names = sorted((n for n in zf.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        assert len(names) == len(charts) >= 5
        for k, name in enumerate(names, start=1):
            xml = zf.read(name)
            rels = zf.read(f"word/charts/_rels/chart{k}.xml.rels").decode()
            target = re.search(r'Target="\.\./embeddings/([^"]+)"', rels)
            assert target is not None
            book = load_workbook(io.BytesIO(zf.read(f"word/embeddings/{target[1]}")))
            sheet = book.worksheets[0]
            root = etree.fromstring(xml)
            for ser, (_, cached) in zip(root.iterfind(".//c:ser", NS), chart_series(xml),
                                        strict=True):
                ref = ser.find("c:val/c:numRef/c:f", NS).text.split("!")[1].replace("$", "")
                cells = [c.value for row in sheet[ref] for c in row]
                assert [None if v is None else float(v) for v in cells] == cached
    # the same chart as the slide: its series and values, chart by chart
    prs = Presentation(str(deck_path))
    slide_charts = [sh.chart_part.blob for s in prs.slides for sh in s.shapes if sh.has_chart]
    with zipfile.ZipFile(path) as zf:
        doc_charts = [zf.read(n) for n in names]
    assert [chart_series(x) for x in doc_charts] == [chart_series(x) for x in slide_charts]
    document = docx.Document(str(path))
    captions = styled(document, "题注")
    shown = [s.chart for s in typeset_deck(deck).slides if s.chart is not None]
    assert [c for c in captions if c.startswith("图")] == [
        f"图{k} {c.title}" for k, c in enumerate(shown, start=1)]
    # each caption stands right under its chart
    body = document.element.body
    for drawing_para in body.iterfind(".//w:drawing/../..", NS):
        follower = drawing_para.getnext()
        assert "".join(follower.itertext()).startswith("图")


def test_a_rankings_reference_line_is_said_under_the_chart_and_the_plot_fills_the_frame(
        ) -> None:
    """The slide draws the city's figure as a dashed line over a ranking; the document says it
    in a note under the caption (a Word chart part has no place for the line), and the band the
    in-chart title and the line's words took is given to the plot."""
    from xzbrief.deck.model import Chart, ChartKind, DeckInfo, Reference, Series, Slide
    from xzbrief.render.docx_writer import CHART_H_MM, render_docx

    def ranking(reference: Reference | None) -> Slide:
        chart = Chart(ChartKind.HBAR, "2025年各地区规上工业增加值增速(%)",
                           ("邳州市", "新沂市", "沛县", "睢宁县"),
                           (Series("增速", (9.1, 8.2, 6.9, 5.4), "%", decimals=1),),
                           reference=reference)
        return Slide(SlideKind.CHART, "各地区增速", section="工业运行", chart=chart)

    city = Reference("徐州市", 7.5, "徐州市 7.5%")
    deck = Deck(DeckInfo("汇报"), (
        Slide(SlideKind.COVER, "关于工业经济运行情况的汇报", organisation="市工信局"),
        ranking(city), ranking(None)))
    data = render_docx(deck)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    first = paragraphs.index("图1 2025年各地区规上工业增加值增速（%）")
    assert paragraphs[first + 1] == "注：参照值为徐州市 7.5%。"
    second = paragraphs.index("图2 2025年各地区规上工业增加值增速（%）")
    assert "徐州市" not in "".join(paragraphs[second:])  # no reference, nothing said
    frame_h = CHART_H_MM * 72 / 25.4
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in ("word/charts/chart1.xml", "word/charts/chart2.xml"):
            root = etree.fromstring(zf.read(name))
            assert root.find(".//c:title", NS) is None
            layout = root.find("c:chart/c:plotArea/c:layout/c:manualLayout", NS)
            top = float(layout.find("c:y", NS).get("val")) * frame_h
            height = float(layout.find("c:h", NS).get("val")) * frame_h
            assert top < 8  # points: no empty band where the title stood
            assert height > frame_h - 30  # the plot runs down to the axis labels


def test_the_document_carries_the_decks_provenance(every) -> None:
    path, _, deck = every
    stored = read_provenance(path)
    figures = [(f.text, f.ref) for s in stored.slides for f in s.figures]
    assert [f.text for f in typeset_deck(deck).figures] == [t for t, _ in figures]
    assert any(ref.startswith("数据!") for _, ref in figures)
    # the same record as the deck's: xzbrief diff finds nothing between the two
    from xzbrief.diff import compare_decks

    changes = compare_decks(read_provenance(every[1]), stored)
    assert changes.slides == [], changes.lines("zh")
    props = docx.Document(str(path)).core_properties
    assert props.title == "徐州市工业经济运行情况汇报"
    with zipfile.ZipFile(path) as zf:
        custom = zf.read("docProps/custom.xml").decode()
    assert 'name="xzbrief.dataset.sha256"' in custom


@needs_validator
def test_open_xml_validator_finds_no_errors(every) -> None:
    report = validate(every[0])
    assert report["errors"] == []


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_prints_the_document_with_page_numbers(every, tmp_path: Path) -> None:
    pdf = to_pdf(every[0], tmp_path)
    pages = pdf_pages(pdf)
    assert pages >= 5
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "徐州市工业经济运行情况汇报" in text
    assert "一、总体情况" in text and "（一）" in text
    assert re.search(r"图 ?1 工业开票销售收入", text) and re.search(r"表 ?1 ", text)
    assert re.search(rf"—\s*{pages}\s*—", text) and re.search(r"—\s*2\s*—", text)


def test_titles_break_between_words() -> None:
    assert title_lines("徐州市工业经济运行情况汇报", 19) == ["徐州市工业经济运行情况汇报"]
    lines = title_lines("关于2025年全市工业经济运行情况和下一步工作安排的汇报", 19)
    assert "".join(lines) == "关于2025年全市工业经济运行情况和下一步工作安排的汇报"
    assert len(lines) == 2 and not lines[0].endswith("202")


def test_a_table_continued_over_slides_is_one_table() -> None:
    from xzbrief.deck.model import DeckInfo, Slide, Table, TableCell
    from xzbrief.render.docx_writer import render_docx

    def page(title: str, rows: range) -> Slide:
        return Slide(SlideKind.TABLE, title, section="总体情况", table=Table(
            ("指标", "本期"), tuple((TableCell(f"指标{k}"), TableCell(str(k), numeric=True))
                                    for k in rows)))

    deck = Deck(DeckInfo("汇报"), (
        Slide(SlideKind.COVER, "关于工业经济运行情况的汇报", organisation="市工信局", date="2025年12月"),
        Slide(SlideKind.TEXT, "综述", section="总体情况", lines=("工业经济稳中有进。",)),
        page("主要指标完成情况", range(1, 11)), page("主要指标完成情况(续)", range(11, 15))))
    document = docx.Document(io.BytesIO(render_docx(deck)))
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 15
    assert styled(document, "公文一级标题") == ["一、总体情况"]
    assert styled(document, "公文二级标题") == ["（一）主要指标完成情况"]
    assert styled(document, "题注") == ["表1 主要指标完成情况"]
    assert "工业经济稳中有进。" in [p.text for p in document.paragraphs]
    assert document.tables[0].rows[14].cells[1].paragraphs[0].alignment == \
        WD_ALIGN_PARAGRAPH.RIGHT  # numbers right-aligned


def test_gbk_house_style_names_gbk_fonts_everywhere(tmp_path: Path) -> None:
    from dataclasses import replace

    from xzbrief.recipe import WordOptions
    from xzbrief.render.brand import load_brand
    from xzbrief.render.docx_writer import render_docx, settings_for

    recipe = read_recipe(shipped_recipe())
    recipe = replace(recipe, word=WordOptions(fonts="GBK", line_spacing=28.0, margin_top=35.0))
    from xzbrief.dataset.loader import load_dataset
    from xzbrief.deck.planner import plan_deck

    result = load_dataset(shipped_dataset())
    assert result.dataset is not None
    deck = plan_deck(result.dataset, recipe)
    data = render_docx(deck, settings_for(recipe, load_brand(recipe.brand)))
    document = docx.Document(io.BytesIO(data))
    runs = [r for r in document.element.body.iter(f"{W}r")
            if r.find(f"{W}t") is not None]  # text runs (a chart's drawing has none)
    fonts = {east_asian(r.find(f"{W}rPr")) for r in runs}
    assert fonts == {"方正小标宋_GBK", "方正仿宋_GBK", "方正黑体_GBK", "方正楷体_GBK"}
    assert document.styles["Normal"].paragraph_format.line_spacing == Pt(28)
    assert abs(document.sections[0].top_margin - Mm(35)) < Mm(0.1)
    theme = zipfile.ZipFile(io.BytesIO(data)).read("word/theme/theme1.xml").decode()
    assert 'typeface="方正仿宋_GBK"' in theme and "仿宋_GB2312" not in theme


def test_any_text_the_deck_may_hold_makes_a_document_word_can_open() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from xzbrief.deck.model import Card, DeckInfo, Figure, Slide
    from xzbrief.render.docx_writer import render_docx

    # control characters never get this far: the workbook and recipe checks refuse them
    text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60) | \
        st.sampled_from(["<&>\"'", "长" * 400, "邳州市：" * 3, "（1/2）", "附：", "一、"])

    @settings(max_examples=25, deadline=None)
    @given(title=text, lines=st.lists(text, max_size=5), label=text, note=text)
    def check(title: str, lines: list[str], label: str, note: str) -> None:
        card = Card(label, Figure(label, "9000亿元", 9000.0, "亿元"), "", "9000", "亿元",
                    note=note)
        deck = Deck(DeckInfo(title or "汇报"), (
            Slide(SlideKind.COVER, title, organisation=note),
            Slide(SlideKind.SECTION, f"一、{label}", section=label),
            Slide(SlideKind.KEY_FIGURES, title, section=label, cards=(card,),
                  figures=(card.figure,)),
            Slide(SlideKind.HIGHLIGHTS, title, section=label, lines=tuple(lines)),
            Slide(SlideKind.TEXT, "存在问题", section="存在问题", lines=tuple(lines)),
            Slide(SlideKind.CLOSING, note)))
        document = docx.Document(io.BytesIO(render_docx(deck)))
        assert "9000亿元" in all_text(document)

    check()


def test_a_title_longer_than_a_file_property_still_builds(tmp_path: Path) -> None:
    from dataclasses import replace

    recipe = replace(read_recipe(shipped_recipe()), title="关于" + "工业经济" * 80 + "的汇报")
    built = build_deck(recipe, shipped_dataset(), tmp_path / "长.pptx", docx=tmp_path / "长.docx")
    assert built.docx is not None
    assert docx.Document(str(built.docx)).core_properties.title == recipe.title[:255]
    assert Presentation(str(built.pptx)).core_properties.title == recipe.title[:255]


def test_a_document_open_in_word_is_left_intact_and_word_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from xzbrief.atomic import SaveBlocked

    target = tmp_path / "汇报.docx"
    target.write_bytes(b"old document")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr("xzbrief.atomic.RETRY_DELAY", 0.0)
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveBlocked) as info:
        build_deck(read_recipe(shipped_recipe()), shipped_dataset(), target)
    assert "文件可能正在 Word 中打开,请先关闭" in info.value.text("zh")
    assert info.value.suggestion == tmp_path / "汇报(2).docx"
    assert target.read_bytes() == b"old document"
    assert not list(tmp_path.glob(".xzbrief-*"))


def test_a_table_over_slides_has_one_source_line_and_the_prose_keeps_its_own() -> None:
    """The 主要指标完成情况表 split over two slides brought one 数据来源 line per slide, and
    the 综述's sources were said after the table as if they were its own."""
    from xzbrief.deck.model import DeckInfo, Slide, Table, TableCell
    from xzbrief.render.docx_writer import render_docx

    def page(title: str, rows: range, source: str) -> Slide:
        return Slide(SlideKind.TABLE, title, section="总体情况", table=Table(
            ("指标", "本期"), tuple((TableCell(f"指标{k}"), TableCell(str(k), numeric=True))
                                    for k in rows)),
            footnotes=("注：增速按可比价计算。", f"数据来源：{source}。"))

    deck = Deck(DeckInfo("汇报"), (
        Slide(SlideKind.COVER, "关于工业经济运行情况的汇报", organisation="市工信局", date="2025年12月"),
        Slide(SlideKind.TEXT, "综述", section="总体情况", lines=("工业经济稳中有进。",),
              footnotes=("数据来源：市工信局 · 工作总结。",)),
        page("主要指标完成情况", range(1, 11), "市统计局 · 公报；市统计局 · 月报"),
        page("主要指标完成情况(续)", range(11, 15), "市统计局 · 公报；省统计局 · 年鉴")))
    document = docx.Document(io.BytesIO(render_docx(deck)))
    body = [p.text for p in document.paragraphs if p.text.strip()]
    sources = [t for t in body if t.startswith("数据来源")]
    assert sources == ["数据来源：市工信局 · 工作总结。",
                       "数据来源：市统计局 · 公报；市统计局 · 月报；省统计局 · 年鉴。"], sources
    assert body.index(sources[0]) < body.index("（一）主要指标完成情况") < body.index(sources[1])
    assert body.count("注：增速按可比价计算。") == 1


def test_a_table_over_slides_says_its_estimates_in_one_note(shipped) -> None:
    """The shipped table fills two slides, each with its own 「……为预计数」: the document's one
    table has one 注 under it naming every estimated figure of both slides."""
    path, deck = shipped
    tables = [s for s in deck.slides if s.kind is SlideKind.TABLE and s.table is not None]
    assert len(tables) >= 2  # the case this is about
    # the workbook's estimated cells (a 2021—2025年 span is an estimate through its last year)
    estimated = {f.label for s in tables for f in s.figures
                 if f.is_estimate and f.ref is not None and "—" not in f.period}
    body = docx.Document(str(path)).element.body
    after: list[str] = []
    for el in body.iterchildren():
        if el.tag.endswith("}tbl"):
            after = ["[表]"]
        elif after and el.tag.endswith("}p"):
            text = "".join(t.text or "" for t in el.iter() if t.tag.endswith("}t"))
            if text.startswith(("注", "数据来源")):
                after.append(text)
            elif text.strip():
                break
    notes = [t for t in after if t.startswith("注")]
    assert len(notes) == 1, after
    assert estimated and all(label in notes[0] for label in estimated), (estimated, notes)
    assert notes[0].count("为预计数") == 1


def test_a_sections_sources_are_said_once() -> None:
    from xzbrief.render.docx_writer import merge_sources

    assert merge_sources(["市发改委 · 发布会", "发布会", "市统计局、市发改委 · 发布会",
                          "市统计局 · 公报"]) == ["市发改委、市统计局 · 发布会", "市统计局 · 公报"]


def test_a_cards_sentence_left_to_the_notes_is_still_the_documents_wording(tmp_path) -> None:
    """A slide leaves a sentence that only repeats its card to the speaker notes; the
    document still says it as a briefing does (「居全省第3位」), not from the card's label
    (「全省位次第3位」), and says the GDP comparison once."""
    from workbooks import bureau_sheets, write_workbook
    from xzbrief.build import default_recipe
    from xzbrief.dataset.loader import load_dataset

    book = write_workbook(tmp_path / "指标库.xlsx", bureau_sheets())
    built = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "汇报.pptx",
                       docx=tmp_path / "汇报.docx")
    assert built.docx is not None
    text = "\n".join(p.text for p in docx.Document(str(built.docx)).paragraphs)
    assert "2024年全市工业开票销售收入居全省第3位，比上年前移1位。" in text
    assert "全省位次第3位" not in text
    assert text.count("同比增长5.2%，增速比上半年提高0.2个百分点") == 2  # 综述 and its passage


def test_no_source_line_is_said_twice_in_a_row(tmp_path) -> None:
    """A chart says its 数据来源 under it; the section's gathered sources, flushed at the
    section's end, said the very same line again right after it (bureau 图2)."""
    from workbooks import bureau_sheets, write_workbook
    from xzbrief.build import default_recipe
    from xzbrief.dataset.loader import load_dataset

    book = write_workbook(tmp_path / "指标库.xlsx", bureau_sheets())
    built = build_deck(default_recipe(load_dataset(book)), book, tmp_path / "汇报.docx")
    assert built.docx is not None
    said = [p.text for p in docx.Document(str(built.docx)).paragraphs if p.text.strip()]
    assert [a for a, b in itertools.pairwise(said) if a == b] == []
    assert sum(t.startswith("数据来源") for t in said) >= 5
