"""Native, editable PowerPoint charts from the deck model's chart data.

One writer table keyed by chart kind (as python-pptx does). Every chart embeds its data in a
workbook, so an official can right-click -> Edit Data. Axis ids are renumbered to positive
values (the Open XML SDK rejects python-pptx's negative ones). The pieces are in chart_parts,
bar + line on a secondary axis in chart_combo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt

from xzbrief.deck.model import ChartKind
from xzbrief.render.chart_combo import write_bar_line
from xzbrief.render.chart_parts import (
    LABEL_SIZE,
    add_frame,
    add_labels,
    add_legend,
    blanks_as_gaps,
    hide_point_label,
    label_background,
    label_colour,
    point_label,
    quiet_axes,
    quiet_points,
    renumber_axes,
    set_fonts_everywhere,
    style_category_axis,
    style_chart_text,
    write_bars,
)
from xzbrief.render.fonts import style_font
from xzbrief.render.layout import ChartBlock


def write_bar(slide: Any, block: ChartBlock) -> Any:
    return write_bars(slide, block, XL_CHART_TYPE.COLUMN_CLUSTERED)


def write_hbar(slide: Any, block: ChartBlock) -> Any:
    return write_bars(slide, block, XL_CHART_TYPE.BAR_CLUSTERED, horizontal=True)


def write_stacked(slide: Any, block: ChartBlock) -> Any:
    return write_bars(slide, block, XL_CHART_TYPE.COLUMN_STACKED)


def write_line(slide: Any, block: ChartBlock) -> Any:
    gf = add_frame(slide, block, XL_CHART_TYPE.LINE_MARKERS, block.chart.series)
    plot = gf.chart.plots[0]
    for i, (s, ps) in enumerate(zip(block.chart.series, plot.series, strict=True)):
        line = ps.format.line
        ps.smooth = False
        if s.is_target:  # as on bar charts: the brand colour, dashed, no marks or labels
            line.color.rgb = RGBColor.from_string(block.colours[0])
            line.width = Pt(1.5)
            line.dash_style = MSO_LINE_DASH_STYLE.DASH
            ps.marker.style = XL_MARKER_STYLE.NONE
            continue
        line.color.rgb = RGBColor.from_string(block.colours[i % len(block.colours)])
        line.width = Pt(2.25)
    add_labels(block, plot, block.chart.series, XL_LABEL_POSITION.ABOVE)
    for s, ps in zip(block.chart.series, plot.series, strict=True):
        if s.is_target:
            continue
        label_background(ps._element.dLbls)
        for k in quiet_points(s):
            hide_point_label(ps, k)
    return gf


def write_doughnut(slide: Any, block: ChartBlock) -> Any:
    gf = add_frame(slide, block, XL_CHART_TYPE.DOUGHNUT, block.chart.series)
    plot = gf.chart.plots[0]
    plot.vary_by_categories = True
    ps = plot.series[0]
    for k in range(len(block.chart.categories)):
        point = ps.points[k].format
        point.fill.solid()
        point.fill.fore_color.rgb = RGBColor.from_string(block.colours[k % len(block.colours)])
        point.line.color.rgb = RGBColor.from_string("FFFFFF")
    dl = ps.data_labels
    dl.show_percentage = True
    dl.show_value = False
    dl.number_format = "0.0%"
    dl.number_format_is_linked = False
    style_font(dl.font, block.font_latin, block.font_ea, LABEL_SIZE, "FFFFFF", True)
    for k in range(len(block.chart.categories)):
        colour = label_colour(block.colours[k % len(block.colours)], block.text_color)
        if colour != "FFFFFF":
            point_label(block, ps, k, colour, fmt="0.0%", percent=True, bold=True)
    hole = gf.chart._chartSpace.find(".//" + qn("c:holeSize"))
    if hole is not None:
        hole.set("val", "55")
    return gf


WRITERS: dict[ChartKind, Callable[[Any, ChartBlock], Any]] = {
    ChartKind.BAR: write_bar,
    ChartKind.HBAR: write_hbar,
    ChartKind.STACKED: write_stacked,
    ChartKind.LINE: write_line,
    ChartKind.BAR_LINE: write_bar_line,
    ChartKind.DOUGHNUT: write_doughnut,
}


def add_chart(slide: Any, block: ChartBlock) -> Any:
    gf = WRITERS[block.chart.kind](slide, block)
    many = len(block.chart.series) > 1 or block.chart.kind is ChartKind.DOUGHNUT
    add_legend(block, gf, many, XL_LEGEND_POSITION.RIGHT if block.chart.kind is ChartKind.DOUGHNUT
            else XL_LEGEND_POSITION.BOTTOM)
    if block.chart.kind is not ChartKind.DOUGHNUT:
        quiet_axes(gf)
        style_category_axis(block, gf)
    style_chart_text(block, gf)
    blanks_as_gaps(gf)
    renumber_axes(gf.chart._chartSpace)
    set_fonts_everywhere(gf.chart._chartSpace, block.font_latin, block.font_ea)
    return gf
