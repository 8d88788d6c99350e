"""Columns with a growth line on a secondary axis. python-pptx has no API for it (#141): the
chart is written as columns with every series (so the embedded workbook and the formulas are
right), then the line series move into a ``c:lineChart`` on a second axis pair."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn

from xzbrief.deck.model import Series
from xzbrief.render.chart_parts import (
    add_frame,
    add_labels,
    c_el,
    fill_series,
    label_background,
    labels_inside_targets,
)
from xzbrief.render.layout import ChartBlock


def write_bar_line(slide: Any, block: ChartBlock) -> Any:
    bars = tuple(s for s in block.chart.series if not s.as_line)
    lines = tuple(s for s in block.chart.series if s.as_line)
    gf = add_frame(slide, block, XL_CHART_TYPE.COLUMN_CLUSTERED, bars + lines)
    chart = gf.chart
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    bar_chart = plot_area.find(qn("c:barChart"))
    # style bars and labels while every series is still in the bar plot
    plot = chart.plots[0]
    plot.gap_width = 60
    if len(bars) > 1:
        plot.overlap = 100  # bars + their target outline
    fill_series(block, plot, bars + lines)
    add_labels(block, plot, bars + lines, XL_LABEL_POSITION.OUTSIDE_END)
    labels_inside_targets(block, plot, bars)
    sers = bar_chart.findall(qn("c:ser"))
    line_chart = c_el("c:lineChart")
    line_chart.append(c_el("c:grouping", "standard"))
    line_chart.append(c_el("c:varyColors", "0"))
    for ser in sers[len(bars):]:
        bar_chart.remove(ser)
        line_chart.append(_to_line_series(ser, block.colours[1]))
    line_chart.append(c_el("c:marker", "1"))
    line_chart.append(c_el("c:axId", "2"))
    line_chart.append(c_el("c:axId", "3"))
    bar_chart.addnext(line_chart)
    last_ax = plot_area.findall(qn("c:valAx"))[-1]
    sec_cat = _axis("c:catAx", "2", "3", delete=True, pos="b")
    # kept (delete=0) so every renderer plots the line against it, but drawn invisibly:
    # the line's data labels carry the growth rates
    sec_val = _axis("c:valAx", "3", "2", delete=False, pos="r", invisible=True)
    bands = bar_line_scales(bars, lines)
    if bands is not None:
        _set_scale(last_ax, *bands[0])
        _set_scale(sec_val, *bands[1])
    last_ax.addnext(sec_cat)
    sec_cat.addnext(sec_val)
    return gf


def _set_scale(ax: Any, low: float, high: float) -> None:
    scaling = ax.find(qn("c:scaling"))
    for tag in ("c:max", "c:min"):
        old = scaling.find(qn(tag))
        if old is not None:
            scaling.remove(old)
    if scaling.find(qn("c:orientation")) is None:
        scaling.append(c_el("c:orientation", "minMax"))
    scaling.append(c_el("c:max", f"{high:.6g}"))
    scaling.append(c_el("c:min", f"{low:.6g}"))


BAR_BAND = 0.56  # bars use the lower part of a bar + line chart ...
LINE_BAND = (0.72, 0.92)  # ... and the growth line this band above them


def bar_line_scales(bars: tuple[Series, ...], lines: tuple[Series, ...]
                    ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Axis ranges (min, max) for the bars and for the line, so that the tallest bar and its
    label stay below the lowest point of the line: neither hides the other's labels. None
    when a bar is negative (then both axes scale themselves)."""
    tops = [v for s in bars for v in s.values if v is not None]
    rates = [v for s in lines for v in s.values if v is not None]
    if not tops or not rates or min(tops) < 0:
        return None
    high = max(tops) / BAR_BAND if max(tops) > 0 else 1.0
    low_f, high_f = LINE_BAND
    spread = max(rates) - min(rates)
    if spread == 0:
        spread = abs(max(rates)) or 1.0
    span = spread / (high_f - low_f)
    lo = min(rates) - low_f * span
    return (0.0, high), (lo, lo + span)


def _to_line_series(ser: Any, colour: str) -> Any:
    """A bar c:ser becomes a line c:ser: drop bar-only children, add marker, line style."""
    for tag in ("c:invertIfNegative", "c:pictureOptions", "c:shape"):
        for e in ser.findall(qn(tag)):
            ser.remove(e)
    for dpt in ser.findall(qn("c:dPt")):  # per-point fills were for bars
        ser.remove(dpt)
    sppr = ser.find(qn("c:spPr"))
    if sppr is not None:
        ser.remove(sppr)
    sppr = etree.fromstring(
        f'<c:spPr xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        f'<a:round/></a:ln></c:spPr>')
    marker = c_el("c:marker")
    marker.append(c_el("c:symbol", "circle"))
    marker.append(c_el("c:size", "6"))
    marker_sppr = etree.fromstring(
        f'<c:spPr xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>')
    marker.append(marker_sppr)
    tx = ser.find(qn("c:tx"))
    tx.addnext(sppr)
    sppr.addnext(marker)
    dlbls = ser.find(qn("c:dLbls"))
    if dlbls is not None:
        pos = dlbls.find(qn("c:dLblPos"))
        if pos is not None:
            pos.set("val", "t")
        label_background(dlbls)
    ser.find(qn("c:val")).addnext(c_el("c:smooth", "0"))
    return ser


def _axis(tag: str, ax_id: str, cross: str, delete: bool, pos: str,
          invisible: bool = False) -> Any:
    ax = c_el(tag)
    ax.append(c_el("c:axId", ax_id))
    scaling = c_el("c:scaling")
    scaling.append(c_el("c:orientation", "minMax"))
    ax.append(scaling)
    ax.append(c_el("c:delete", "1" if delete else "0"))
    ax.append(c_el("c:axPos", pos))
    ax.append(c_el("c:majorTickMark", "none"))
    ax.append(c_el("c:minorTickMark", "none"))
    ax.append(c_el("c:tickLblPos", "none" if invisible else "nextTo"))
    if invisible:
        ax.append(etree.fromstring(
            '<c:spPr xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            "<a:ln><a:noFill/></a:ln></c:spPr>"))
    ax.append(c_el("c:crossAx", cross))
    if tag == "c:catAx":
        ax.append(c_el("c:crosses", "autoZero"))
        ax.append(c_el("c:auto", "1"))
        ax.append(c_el("c:lblAlgn", "ctr"))
        ax.append(c_el("c:lblOffset", "100"))
        ax.append(c_el("c:noMultiLvlLbl", "0"))
    else:
        ax.append(c_el("c:crosses", "max"))
        ax.append(c_el("c:crossBetween", "between"))
    return ax
