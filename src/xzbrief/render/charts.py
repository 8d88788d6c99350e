"""Native, editable PowerPoint charts: the chart's decided look (render.chart_look) spelled
in chart XML.

One frame writer for every kind, the chart type looked up in one table (as python-pptx
does). Every chart embeds its data in a workbook, so an official can right-click -> Edit Data.
Axis ids are renumbered to positive values (the Open XML SDK rejects python-pptx's negative
ones). A ranking's reference line is a dashed line and its words over the plot area, placed
where the look put them (the plot area is laid out manually, so both agree).
"""

from __future__ import annotations

from typing import Any

from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from xzbrief.deck.model import ChartKind
from xzbrief.render.chart_combo import move_lines_to_secondary
from xzbrief.render.chart_look import ChartLook
from xzbrief.render.chart_parts import (
    add_frame,
    blanks_as_gaps,
    c_el,
    category_axis,
    line_xml,
    paint_series,
    place_plot,
    renumber_axes,
    series_elements,
    set_fonts_everywhere,
    title_and_legend,
    value_axis,
)
from xzbrief.render.drawing import NSDECL, Fonts, emu, text_box
from xzbrief.render.layout import ChartBlock, Para, Run, TextBlock

CHART_TYPES: dict[ChartKind, Any] = {
    ChartKind.BAR: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.HBAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartKind.STACKED: XL_CHART_TYPE.COLUMN_STACKED,
    ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS,
    ChartKind.BAR_LINE: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.DOUGHNUT: XL_CHART_TYPE.DOUGHNUT,
}


def add_chart(slide: Any, block: ChartBlock, workbook: bool = True) -> Any:
    """The chart on the slide; ``workbook=False`` leaves out the embedded workbook (a chart
    drawn only to be read back)."""
    look = block.look
    gf = add_frame(slide, block.chart, look, CHART_TYPES[look.kind], workbook)
    space = gf.chart._chartSpace
    plot_area = space.find(qn("c:chart")).find(qn("c:plotArea"))
    if look.kind is ChartKind.BAR_LINE:
        move_lines_to_secondary(plot_area, {i for i, s in enumerate(look.series) if s.secondary})
    for ser, s in zip(series_elements(space), look.series, strict=True):
        paint_series(look, ser, s)
    _spacing(look, plot_area)
    _axes(look, plot_area)
    place_plot(look, plot_area)
    title_and_legend(look, space)
    blanks_as_gaps(space)
    renumber_axes(space)
    set_fonts_everywhere(space, look.font_latin, look.font_ea)
    if look.reference is not None:
        _reference(slide, look)
    return gf


def _spacing(look: ChartLook, plot_area: Any) -> None:
    bar_chart = plot_area.find(qn("c:barChart"))
    if bar_chart is not None:
        for tag in ("c:gapWidth", "c:overlap"):
            old = bar_chart.find(qn(tag))
            if old is not None:
                bar_chart.remove(old)
        anchor = bar_chart.findall(qn("c:ser"))[-1]
        gap = c_el("c:gapWidth", str(look.gap_width))
        anchor.addnext(gap)
        if look.overlap:
            gap.addnext(c_el("c:overlap", str(look.overlap)))
    hole = plot_area.find(".//" + qn("c:holeSize"))
    if hole is not None:
        hole.set("val", str(look.hole))


def _axes(look: ChartLook, plot_area: Any) -> None:
    if look.kind is ChartKind.DOUGHNUT:
        return
    first = next(iter(plot_area.iter(qn("c:barChart"), qn("c:lineChart"))))
    cat_id, val_id = (el.get("val") for el in first.findall(qn("c:axId")))
    for tag in ("c:catAx", "c:valAx"):
        for old in plot_area.findall(qn(tag)):
            plot_area.remove(old)
    hbar = look.kind is ChartKind.HBAR
    axes = [category_axis(look, cat_id, val_id, hbar),
            value_axis(look, look.value_axis, val_id, cat_id, "b" if hbar else "l")]
    if look.line_axis is not None:
        hidden_cat = category_axis(look, "2", "3", False)
        hidden_cat.find(qn("c:delete")).set("val", "1")
        axes += [hidden_cat, value_axis(look, look.line_axis, "3", "2", "r", secondary=True)]
    anchor = list(plot_area.iter(qn("c:barChart"), qn("c:lineChart"),
                                 qn("c:doughnutChart")))[-1]
    for ax in axes:
        anchor.addnext(ax)
        anchor = ax


def _reference(slide: Any, look: ChartLook) -> None:
    ref = look.reference
    assert ref is not None
    tree = slide.shapes._spTree
    next_id = max((int(i) for i in tree.xpath("//p:cNvPr/@id")), default=1) + 1
    (x0, y0), (x1, y1) = ref.start, ref.end
    tree.append(parse_xml(
        f'<p:cxnSp {NSDECL}><p:nvCxnSpPr><p:cNvPr id="{next_id}" name="参照线"/><p:cNvCxnSpPr/>'
        f'<p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm><a:off x="{emu(min(x0, x1))}" '
        f'y="{emu(min(y0, y1))}"/><a:ext cx="{emu(abs(x1 - x0))}" cy="{emu(abs(y1 - y0))}"/>'
        f'</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f"{line_xml(ref.colour, 1.5, True)}</p:spPr></p:cxnSp>"))
    words = TextBlock(ref.text_rect, (Para((Run(ref.text, look.label_size, ref.text_colour,
                                                 True),), "c"),), anchor="b", name="参照线说明",
                      wrap=False)
    tree.append(text_box(next_id + 1, words, Fonts(look.font_latin, look.font_ea)))
