"""Real clients read the decks back: python-pptx, openpyxl (the charts' embedded workbooks),
LibreOffice (one page per slide) and Microsoft's Open XML SDK validator (no error at all).

One deck per built-in brand holds every slide kind and every chart kind (see
realclients.every_kind_sheets). The renderer renumbers python-pptx's negative chart axis ids
(pitfalls.md: 6 validator errors per chart otherwise), so the validator's allow-list is empty.
"""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from realclients import (
    every_kind_deck,
    needs_soffice,
    needs_validator,
    pdf_pages,
    to_pdf,
    validate,
)
from xzbrief.deck.model import ChartKind, Deck, SlideKind
from xzbrief.deck.nobreak import plain
from xzbrief.deck.typeset import typeset
from xzbrief.render.brand import BUILTIN, load_brand
from xzbrief.render.package_props import read_provenance
from xzbrief.render.pptx_writer import write_pptx

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
BRANDS = list(BUILTIN)
CHART_TYPES = {
    ChartKind.BAR: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.BAR_LINE: XL_CHART_TYPE.COLUMN_CLUSTERED,  # the first plot; the line is the 2nd
    ChartKind.STACKED: XL_CHART_TYPE.COLUMN_STACKED,
    ChartKind.HBAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartKind.LINE: XL_CHART_TYPE.LINE,  # python-pptx says LINE once a series (the target) has no marks
    ChartKind.DOUGHNUT: XL_CHART_TYPE.DOUGHNUT,
}


@dataclass(frozen=True)
class Built:
    brand: str
    deck: Deck
    path: Path


@pytest.fixture(scope="module", params=BRANDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    brand: str = request.param
    folder = tmp_path_factory.mktemp("deck")
    deck = every_kind_deck(folder, brand)
    path = folder / "every.pptx"
    warnings = write_pptx(deck, load_brand(brand), path)
    assert warnings == []
    return Built(brand, deck, path)


def test_python_pptx_reads_every_slide(built: Built) -> None:
    prs = Presentation(str(built.path))
    assert len(prs.slides) == len(built.deck.slides)
    assert {s.kind for s in built.deck.slides} == set(SlideKind)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    for slide, model in zip(prs.slides, built.deck.slides, strict=True):
        assert slide.shapes.title is not None and plain(slide.shapes.title.text_frame.text
                                                        ).replace("\n", "") == typeset(model.title)
        if model.notes:
            assert slide.notes_slide.notes_text_frame.text == typeset(model.notes)


def test_every_chart_kind_with_clean_values(built: Built) -> None:
    prs = Presentation(str(built.path))
    seen: set[ChartKind] = set()
    for slide, model in zip(prs.slides, built.deck.slides, strict=True):
        charts = [s.chart for s in slide.shapes if s.has_chart]
        if model.chart is None:
            assert charts == []
            continue
        (chart,) = charts
        seen.add(model.chart.kind)
        expected_type = CHART_TYPES[model.chart.kind]
        if model.chart.kind is ChartKind.LINE and not any(x.is_target
                                                          for x in model.chart.series):
            expected_type = XL_CHART_TYPE.LINE_MARKERS  # a rate's trend: every point marked
        assert chart.chart_type == expected_type
        for plot in chart.plots:
            n = len(plot.categories)
            assert n == len(model.chart.categories)
            for series in plot.series:
                values = series.values
                assert len(values) == n, (model.title, series.name)
                assert all(v is None or (type(v) is float and math.isfinite(v)) for v in values)
        expected = [v for s in model.chart.series for v in s.values]
        got = [v for plot in chart.plots for s in plot.series for v in s.values]
        assert sorted(map(repr, got)) == sorted(map(repr, expected))
    assert seen == set(ChartKind)


def test_a_line_chart_draws_its_target_dashed_and_labelled_once(built: Built) -> None:
    prs = Presentation(str(built.path))
    (chart,) = [s.chart for slide, model in zip(prs.slides, built.deck.slides, strict=True)
                if model.chart is not None and model.chart.kind is ChartKind.LINE
                and any(x.is_target for x in model.chart.series)  # the line with a target
                for s in slide.shapes if s.has_chart]
    actual, target = chart.plots[0].series
    assert target.name == "目标"
    assert target._element.xpath("c:spPr/a:ln/a:prstDash/@val") == ["dash"]
    assert target._element.xpath("c:marker/c:symbol/@val") == ["none"]
    # one label, at its last point, says what the dashed line is: 目标 …
    known = [k for k, v in enumerate(target.values) if v is not None]
    hidden = target._element.xpath("c:dLbls/c:dLbl[c:delete/@val='1']/c:idx/@val")
    assert sorted(map(int, hidden)) == known[:-1]
    assert target._element.xpath("c:dLbls/c:showVal/@val") == ["1"]
    assert target._element.xpath("c:dLbls/c:numFmt/@formatCode")[0].startswith('"目标"')
    assert actual._element.xpath("c:dLbls/c:showVal/@val") == ["1"]
    assert actual._element.xpath("c:spPr/a:ln/a:prstDash") == []


def test_bar_line_has_its_line_on_a_secondary_axis(built: Built) -> None:
    prs = Presentation(str(built.path))
    for slide, model in zip(prs.slides, built.deck.slides, strict=True):
        if model.chart is None or model.chart.kind is not ChartKind.BAR_LINE:
            continue
        chart = next(s.chart for s in slide.shapes if s.has_chart)
        assert [p.__class__.__name__ for p in chart.plots] == ["BarPlot", "LinePlot"]
        assert chart.plots[1].series[0].name == "比上年增长"
        space = chart._chartSpace
        bar_ids = space.xpath(".//c:barChart/c:axId/@val")
        line_ids = space.xpath(".//c:lineChart/c:axId/@val")
        assert set(bar_ids).isdisjoint(line_ids)
        assert all(int(i) > 0 for i in bar_ids + line_ids)  # python-pptx's negative ids renumbered
        secondary = space.xpath(f".//c:valAx[c:axId/@val='{line_ids[1]}']")[0]
        assert secondary.xpath("c:crosses/@val") == ["max"]
        assert space.xpath(".//c:dispBlanksAs/@val") == ["gap"]  # None is a gap, never 0


def test_estimates_look_different_and_targets_are_outlines(built: Built) -> None:
    prs = Presentation(str(built.path))
    model = next(s for s in built.deck.slides if s.chart and s.chart.kind is ChartKind.BAR_LINE)
    index = built.deck.slides.index(model)
    chart = next(s.chart for s in prs.slides[index].shapes if s.has_chart)
    bars, target = list(chart.plots[0].series)[:2]
    last = len(bars.values) - 1
    point = bars.points[last].format
    assert point.line.dash_style is not None  # dashed outline on the estimate
    brand = load_brand(built.brand)
    assert str(point.fill.fore_color.rgb) != brand.palette.primary  # a lighter tint
    assert target.format.fill.type == 5  # MSO_FILL.BACKGROUND: no fill, outline only


def _rprs(xml: bytes) -> list[etree._Element]:
    root = etree.fromstring(xml)
    return [el for tag in ("a:rPr", "a:defRPr", "a:endParaRPr")
            for el in root.iterfind(f".//{tag}", NS)]


def test_every_run_has_an_east_asian_font_and_zh_cn(built: Built) -> None:
    brand = load_brand(built.brand)
    with zipfile.ZipFile(built.path) as zf:
        parts = [n for n in zf.namelist() if n.endswith(".xml") and n.startswith(
            ("ppt/slides/slide", "ppt/charts/chart", "ppt/notesSlides/"))]
        checked = 0
        for name in parts:
            for rpr in _rprs(zf.read(name)):
                ea = rpr.find("a:ea", NS)
                assert ea is not None and ea.get("typeface") == brand.font_ea, name
                assert rpr.get("lang") == "zh-CN", name
                checked += 1
        tables = [n for n in parts if b"<a:tbl>" in zf.read(n)]
    assert checked > 1000 and tables


def test_templates_theme_fonts_name_the_east_asian_face(built: Built) -> None:
    with zipfile.ZipFile(built.path) as zf:
        theme = etree.fromstring(zf.read("ppt/theme/theme1.xml"))
    for slot in ("major", "minor"):
        ea = theme.find(f".//a:{slot}Font/a:ea", NS)
        assert ea is not None and ea.get("typeface"), slot


def test_no_external_relationships(built: Built) -> None:
    with zipfile.ZipFile(built.path) as zf:
        for name in zf.namelist():
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in zf.read(name), name


def test_embedded_workbooks_hold_the_series(built: Built) -> None:
    prs = Presentation(str(built.path))
    for slide, model in zip(prs.slides, built.deck.slides, strict=True):
        if model.chart is None:
            continue
        chart = next(s.chart for s in slide.shapes if s.has_chart)
        blob = chart.part.chart_workbook.xlsx_part.blob
        wb = openpyxl.load_workbook(io.BytesIO(blob))
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        header = [c for c in rows[0] if c is not None]
        names = [s.name for s in model.chart.series]
        assert header == names, model.title
        width = len(rows[0])
        first_values = [row[width - len(names)] for row in rows[1:]]
        expected = list(model.chart.series[0].values)
        # a ranking is stored in ranking order (its category axis runs top-down)
        assert first_values == expected


def test_alt_text_slide_numbers_and_provenance(built: Built) -> None:
    prs = Presentation(str(built.path))
    for slide, model in zip(prs.slides, built.deck.slides, strict=True):
        for shape in slide.shapes:
            if shape.has_chart:
                assert model.chart is not None
                assert shape._element.nvGraphicFramePr.cNvPr.get("descr") == typeset(
                    model.chart.alt_text)  # as the slides write it: ，（）
        xml = etree.tostring(slide._element)
        if model.kind in (SlideKind.CHART, SlideKind.TABLE, SlideKind.KEY_FIGURES):
            assert b'type="slidenum"' in xml
    stored = read_provenance(built.path)
    assert len(stored.slides) == len(built.deck.slides)
    assert stored.dataset_file == "every.xlsx"
    refs = {f.ref for s in stored.slides for f in s.figures if f.ref}
    assert "数据!D8" in refs  # the 2025 estimate of 工业开票销售收入
    props = prs.core_properties
    assert props.title == built.deck.info.title and props.keywords == "xzbrief"


@pytest.mark.libreoffice
@needs_soffice
def test_libreoffice_gives_one_page_per_slide(built: Built, tmp_path: Path) -> None:
    pdf = to_pdf(built.path, tmp_path)
    assert pdf_pages(pdf) == len(built.deck.slides)


@needs_validator
def test_open_xml_validator_reports_no_error(built: Built) -> None:
    report = validate(built.path)
    assert report["errors"] == [] and report["ok"] is True
