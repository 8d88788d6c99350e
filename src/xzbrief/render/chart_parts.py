"""The pieces every chart writer uses: chart data only from finite floats or None, series
fills (estimates lighter, targets as outlines), data labels, quiet axes, fonts, gaps."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu

from xzbrief.dataset.model import Status
from xzbrief.deck.grid import EMU_PER_PT
from xzbrief.deck.model import Chart, ChartKind, Series
from xzbrief.deck.textfit import text_width
from xzbrief.deck.wording import format_number
from xzbrief.render.chart_workbook import TextOnlyChartData
from xzbrief.render.drawing import attr
from xzbrief.render.fonts import set_fonts, style_font
from xzbrief.render.layout import ESTIMATE_TINT, ChartBlock, tint

LABEL_SIZE = 12
AXIS_SIZE = 12
TITLE_SIZE = 14


def label_decimals(series: Series) -> int:
    """The decimals of a series' labels: its own, or as many as its values need."""
    if series.decimals is not None:
        return series.decimals
    return max((_decimals_needed(v) for v in series.values if v is not None), default=0)


def label_text(value: float, series: Series) -> str:
    """A data label as PowerPoint shows it under number_format (half-up, % for rates)."""
    text = format_number(value, label_decimals(series))
    return text + "%" if series.unit == "%" else text


def number_format(series: Series) -> str:
    """Data-label format: the series' decimals (or as many as its values need), unit in %."""
    decimals = label_decimals(series)
    body = "0" if decimals == 0 else "0." + "0" * decimals
    return f'{body}"%"' if series.unit == "%" else body


def _decimals_needed(v: float) -> int:
    text = f"{v:.10g}"
    return min(len(text.split(".")[1]), 4) if "." in text and "e" not in text else 0


def _chart_data(chart: Chart, series: tuple[Series, ...]) -> TextOnlyChartData:
    data = TextOnlyChartData()
    if chart.groups:  # two label levels: months under their year
        group = None
        for leaf, name in zip(chart.categories, chart.groups, strict=True):
            if group is None or group.label != name:
                group = data.add_category(name)
            group.add_sub_category(leaf)
    else:
        data.categories = list(chart.categories)
    for s in series:
        data.add_series(s.name, list(s.values), number_format=number_format(s))
    return data


def renumber_axes(chart_space: Any, start: int = 500000001) -> None:
    ids: dict[str, str] = {}
    for el in chart_space.iter(qn("c:axId"), qn("c:crossAx")):
        old = el.get("val")
        if old not in ids:
            ids[old] = str(start + len(ids))
        el.set("val", ids[old])


def c_el(tag: str, val: str | None = None, **attrs: str) -> Any:
    e = etree.Element(qn(tag))
    if val is not None:
        e.set("val", val)
    for k, v in attrs.items():
        e.set(k, v)
    return e


def style_chart_text(block: ChartBlock, gf: Any) -> None:
    chart = gf.chart
    style_font(chart.font, block.font_latin, block.font_ea, AXIS_SIZE, block.text_color)
    chart.has_title = True
    tf = chart.chart_title.text_frame
    tf.text = block.chart.title
    for para in tf.paragraphs:
        for run in para.runs:
            style_font(run.font, block.font_latin, block.font_ea, TITLE_SIZE, block.text_color,
                       True)
    chart.chart_title.include_in_layout = False


def fill_series(block: ChartBlock, plot: Any, series: tuple[Series, ...],
                 colour_offset: int = 0) -> None:
    """Series fills, written as XML (python-pptx's format proxies are slow): the brand colour;
    estimates in a lighter tint with a dashed outline; a target as a dashed outline only."""
    sers = plot._element.findall(qn("c:ser"))
    for i, (s, ser) in enumerate(zip(series, sers, strict=True)):
        colour = block.colours[(i + colour_offset) % len(block.colours)]
        if s.is_target:
            sppr = (f"<c:spPr {NS_DECL}><a:noFill/><a:ln w=\"19050\"><a:solidFill>"
                    f'<a:srgbClr val="{block.colours[0]}"/></a:solidFill><a:prstDash val="dash"/>'
                    "</a:ln></c:spPr>")
        else:
            sppr = (f'<c:spPr {NS_DECL}><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
                    "</c:spPr>")
        old = ser.find(qn("c:spPr"))
        if old is not None:
            ser.remove(old)
        ser.find(qn("c:tx")).addnext(parse_xml(sppr))
        if s.is_target:
            continue
        anchor = ser.find(qn("c:invertIfNegative"))
        if anchor is None:
            anchor = ser.find(qn("c:spPr"))
        fill = estimate_fill(colour)
        for k in reversed([k for k, st in enumerate(s.statuses) if st is Status.ESTIMATE]):
            anchor.addnext(parse_xml(
                f'<c:dPt {NS_DECL}><c:idx val="{k}"/><c:invertIfNegative val="0"/>'
                f'<c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{fill}"/>'
                f'</a:solidFill><a:ln w="15875"><a:solidFill><a:srgbClr val="{colour}"/>'
                '</a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr></c:dPt>'))


def estimate_fill(colour: str) -> str:
    """Estimates are drawn in a lighter tint of their series colour, with a dashed outline."""
    return tint(colour, ESTIMATE_TINT)


LABEL_POSITIONS = {XL_LABEL_POSITION.OUTSIDE_END: "outEnd", XL_LABEL_POSITION.INSIDE_END: "inEnd",
                   XL_LABEL_POSITION.CENTER: "ctr", XL_LABEL_POSITION.ABOVE: "t"}


def add_labels(block: ChartBlock, plot: Any, series: tuple[Series, ...],
            position: Any | None) -> None:
    """Value labels on every series but a target's, in the series' number format."""
    sers = plot._element.findall(qn("c:ser"))
    rpr = (f'<a:defRPr sz="{LABEL_SIZE * 100}" b="0" lang="zh-CN" altLang="en-US"><a:solidFill>'
           f'<a:srgbClr val="{block.text_color}"/></a:solidFill>'
           f'<a:latin typeface="{attr(block.font_latin)}"/>'
           f'<a:ea typeface="{attr(block.font_ea)}"/>'
           f'<a:cs typeface="{attr(block.font_latin)}"/></a:defRPr>')
    pos = f'<c:dLblPos val="{LABEL_POSITIONS[position]}"/>' if position is not None else ""
    for s, ser in zip(series, sers, strict=True):
        if s.is_target:  # the outline shows the target; its number is in the text
            continue
        old = ser.find(qn("c:dLbls"))
        if old is not None:
            ser.remove(old)
        dlbls = parse_xml(
            f'<c:dLbls {NS_DECL}><c:numFmt formatCode="{attr(number_format(s))}" '
            'sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
            f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{rpr}</a:pPr>"
            '<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
            f'{pos}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
            '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
            "</c:dLbls>")
        before = next((ser.find(qn(t)) for t in ("c:trendline", "c:errBars", "c:cat", "c:val")
                       if ser.find(qn(t)) is not None), None)
        if before is not None:
            before.addprevious(dlbls)
        else:
            ser.append(dlbls)


NS_DECL = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def point_label(block: ChartBlock, ps: Any, k: int, colour: str, position: Any | None = None,
                 fmt: str = "", percent: bool = False, bold: bool = False) -> None:
    """A label of its own for point ``k``: its position and colour, the series' format."""
    dl = ps.points[k].data_label
    if position is not None:
        dl.position = position
    style_font(dl.font, block.font_latin, block.font_ea, LABEL_SIZE, colour, bold)
    d_lbl = ps._element.dLbls.get_dLbl_for_point(k)
    if fmt:
        d_lbl.find(qn("c:idx")).addnext(etree.fromstring(
            f'<c:numFmt {NS_DECL} formatCode="{attr(fmt)}" sourceLinked="0"/>'))
    if percent:
        d_lbl.find(qn("c:showVal")).set("val", "0")
        d_lbl.find(qn("c:showPercent")).set("val", "1")


def label_colour(fill: str, dark: str) -> str:
    """White on a dark fill, the text colour on a light one (a light green or a tint)."""
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "FFFFFF" if luminance < 0.5 else dark


def hide_point_label(ps: Any, k: int) -> None:
    d_lbl = ps._element.get_or_add_dLbls().get_or_add_dLbl_for_point(k)
    for child in list(d_lbl):
        if child.tag != qn("c:idx"):
            d_lbl.remove(child)
    d_lbl.append(c_el("c:delete", "1"))


def label_background(dlbls: Any, fill: str = "FFFFFF") -> None:
    """An opaque label box, so the line never strikes through its own numbers."""
    sppr = etree.fromstring(f'<c:spPr {NS_DECL}><a:solidFill><a:srgbClr val="{fill}"/>'
                            "</a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>")
    old = dlbls.find(qn("c:spPr"))
    if old is not None:
        dlbls.remove(old)
    anchor = dlbls.find(qn("c:txPr"))
    if anchor is None:
        anchor = dlbls.find(qn("c:dLblPos"))
    if anchor is None:
        anchor = dlbls.find(qn("c:showLegendKey"))
    anchor.addprevious(sppr)


def labels_inside_targets(block: ChartBlock, plot: Any, series: tuple[Series, ...]) -> None:
    """Where a target outline stands around a bar, the bar's number goes inside the bar's
    top (white on the full colour, dark on the estimate tint) so the outline cannot cross it."""
    target = next((s for s in series if s.is_target), None)
    if target is None:
        return
    for s, ps in zip(series, plot.series, strict=False):
        if s.is_target or s.as_line:
            continue
        for k, (v, t) in enumerate(zip(s.values, target.values, strict=True)):
            if v is None or t is None:
                continue
            estimate = bool(s.statuses) and s.statuses[k] is Status.ESTIMATE
            colour = block.colours[series.index(s) % len(block.colours)]
            fill = estimate_fill(colour) if estimate else colour
            point_label(block, ps, k, label_colour(fill, block.text_color),
                         XL_LABEL_POSITION.INSIDE_END, number_format(s))


def quiet_axes(gf: Any) -> None:
    """No gridlines, no dense value axis: the labels carry the numbers."""
    cs = gf.chart._chartSpace
    for ax in cs.iter(qn("c:valAx")):
        grid = ax.find(qn("c:majorGridlines"))
        if grid is not None:
            ax.remove(grid)
        secondary = ax.find(qn("c:tickLblPos")).get("val") == "none"
        if not secondary:  # the secondary axis must stay to scale the line
            ax.find(qn("c:delete")).set("val", "1")
    for ax in cs.iter(qn("c:catAx")):
        grid = ax.find(qn("c:majorGridlines"))
        if grid is not None:
            ax.remove(grid)


def add_legend(block: ChartBlock, gf: Any, show: bool, position: Any = XL_LEGEND_POSITION.BOTTOM
            ) -> None:
    chart = gf.chart
    chart.has_legend = show
    if show:
        chart.legend.position = position
        chart.legend.include_in_layout = False
        style_font(chart.legend.font, block.font_latin, block.font_ea, AXIS_SIZE,
                   block.text_color)


def style_category_axis(block: ChartBlock, gf: Any) -> None:
    try:
        axis = gf.chart.category_axis
    except ValueError:
        return
    style_font(axis.tick_labels.font, block.font_latin, block.font_ea, AXIS_SIZE,
               block.text_color)
    axis.format.line.color.rgb = RGBColor.from_string("BFBFBF")
    cat_ax = gf.chart._chartSpace.find(".//" + qn("c:catAx"))
    body = cat_ax.find(qn("c:txPr")).find(qn("a:bodyPr"))
    body.set("rot", "0")  # horizontal labels, never rotated (briefing conventions)
    body.set("vert", "horz")
    skip = label_skip(block)
    if skip > 1:
        anchor = cat_ax.find(qn("c:noMultiLvlLbl"))
        for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
            skip_el = c_el(tag, str(skip))
            if anchor is not None:
                anchor.addprevious(skip_el)
            else:
                cat_ax.append(skip_el)


def label_skip(block: ChartBlock) -> int:
    """Show every n-th category label when they cannot all stand side by side (24 months)."""
    chart = block.chart
    if chart.kind in (ChartKind.HBAR, ChartKind.DOUGHNUT) or not chart.categories:
        return 1
    widest = max(text_width(c, AXIS_SIZE) for c in chart.categories) + 6
    room = block.rect.w * 0.9 / len(chart.categories)
    chinese = all(any(ord(ch) > 0x2E80 for ch in c) for c in chart.categories)
    if widest <= room * (2 if chinese else 1):  # Chinese labels may wrap onto two lines
        return 1
    return -(-int(widest) // max(int(room), 1))


def blanks_as_gaps(gf: Any) -> None:
    chart_el = gf.chart._chartSpace.find(qn("c:chart"))
    dba = chart_el.find(qn("c:dispBlanksAs"))
    if dba is None:
        dba = c_el("c:dispBlanksAs")
        anchor = chart_el.find(qn("c:plotVisOnly"))
        (anchor if anchor is not None else chart_el.find(qn("c:plotArea"))).addnext(dba)
    dba.set("val", "gap")


def add_frame(slide: Any, block: ChartBlock, kind: Any, series: tuple[Series, ...]) -> Any:
    r = block.rect
    gf = slide.shapes.add_chart(kind, Emu(int(r.x * EMU_PER_PT)), Emu(int(r.y * EMU_PER_PT)),
                                Emu(int(r.w * EMU_PER_PT)), Emu(int(r.h * EMU_PER_PT)),
                                _chart_data(block.chart, series))
    gf.name = block.chart.title[:60]
    gf._element.nvGraphicFramePr.cNvPr.set("descr", block.chart.alt_text or block.chart.title)
    return gf


def write_bars(slide: Any, block: ChartBlock, kind: Any, horizontal: bool = False) -> Any:
    chart = block.chart
    series = chart.series
    if horizontal:  # PowerPoint draws the first category at the bottom: rank from the top
        chart = Chart(chart.kind, chart.title, tuple(reversed(chart.categories)),
                      tuple(_reverse(s) for s in series), chart.alt_text)
        block = replace(block, chart=chart)
        series = chart.series
    gf = add_frame(slide, block, kind, series)
    plot = gf.chart.plots[0]
    plot.gap_width = 60 if len(chart.categories) > 3 else 120
    has_target = any(s.is_target for s in series)
    if has_target:  # the target outline stands around the actual bar
        plot.overlap = 100
    elif len(series) > 1 and kind != XL_CHART_TYPE.COLUMN_STACKED:
        plot.overlap = -10
    fill_series(block, plot, series)
    stacked = kind == XL_CHART_TYPE.COLUMN_STACKED
    add_labels(block, plot, series, XL_LABEL_POSITION.CENTER if stacked
            else XL_LABEL_POSITION.OUTSIDE_END)
    if stacked:  # numbers on the bars themselves: white on dark fills, dark on light ones
        for i, (s, ps) in enumerate(zip(series, plot.series, strict=True)):
            if s.is_target:
                continue
            colour = block.colours[i % len(block.colours)]
            style_font(ps.data_labels.font, block.font_latin, block.font_ea, LABEL_SIZE,
                       label_colour(colour, block.text_color))
            for k, st in enumerate(s.statuses):
                if st is Status.ESTIMATE and s.values[k] is not None:
                    point_label(block, ps, k, label_colour(estimate_fill(colour),
                                                            block.text_color),
                                 XL_LABEL_POSITION.CENTER, number_format(s))
    else:
        labels_inside_targets(block, plot, series)
    return gf


def _reverse(s: Series) -> Series:
    return Series(s.name, tuple(reversed(s.values)), s.unit, s.decimals,
                  tuple(reversed(s.statuses)), s.axis, s.as_line, tuple(reversed(s.figures)))


MAX_LINE_LABELS = 12


def quiet_points(s: Series) -> list[int]:
    """On a long line only the first, the last, the highest and the lowest point keep their
    numbers (a label on every point of 24 months is unreadable)."""
    known = [k for k, v in enumerate(s.values) if v is not None]
    if len(known) <= MAX_LINE_LABELS:
        return []
    keep = {known[0], known[-1], max(known, key=lambda k: s.values[k] or 0.0),
            min(known, key=lambda k: s.values[k] or 0.0)}
    return [k for k in known if k not in keep]


def set_fonts_everywhere(root: Any, latin: str, ea: str) -> None:
    """Every run property in the chart gets both typefaces (and zh-CN)."""
    for tag in ("a:defRPr", "a:rPr", "a:endParaRPr"):
        for rpr in root.iter(qn(tag)):
            if rpr.find(qn("a:ea")) is None or rpr.find(qn("a:latin")) is None:
                set_fonts(rpr, latin, ea)
