"""Chart XML for a decided ``ChartLook``: series fills, per-point marks and labels, axes,
plot area, legend, fonts. Nothing is decided here — every colour, position, range and
spacing comes from the look (render.chart_look); this module only spells it in DrawingML.
Only finite floats or None reach the chart data (python-pptx writes strings silently)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu

from xzbrief.deck.grid import EMU_PER_PT, Rect
from xzbrief.deck.model import Chart, Series
from xzbrief.render.chart_look import (
    AXIS_LINE,
    GRID_LINE,
    ChartLook,
    Label,
    SeriesLook,
    ValueAxis,
)
from xzbrief.render.chart_workbook import RecordOnlyChartData, TextOnlyChartData
from xzbrief.render.drawing import attr
from xzbrief.render.drawing import text as xml_text
from xzbrief.render.fonts import set_fonts

NS_DECL = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def c_el(tag: str, val: str | None = None, **attrs: str) -> Any:
    e = etree.Element(qn(tag))
    if val is not None:
        e.set("val", val)
    for k, v in attrs.items():
        e.set(k, v)
    return e


def solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def line_xml(colour: str | None, width: float, dashed: bool = False, rnd: bool = False) -> str:
    if colour is None:
        return "<a:ln><a:noFill/></a:ln>"
    cap = ' cap="rnd"' if rnd else ""
    dash = '<a:prstDash val="dash"/>' if dashed else ""
    join = "<a:round/>" if rnd else ""
    return f'<a:ln w="{round(width * EMU_PER_PT)}"{cap}>{solid(colour)}{dash}{join}</a:ln>'


def rpr(look: ChartLook, size: float, colour: str, bold: bool = False,
        tag: str = "a:defRPr") -> str:
    return (f'<{tag} sz="{round(size * 100)}" b="{1 if bold else 0}" lang="zh-CN" '
            f'altLang="en-US">{solid(colour)}<a:latin typeface="{attr(look.font_latin)}"/>'
            f'<a:ea typeface="{attr(look.font_ea)}"/><a:cs typeface="{attr(look.font_latin)}"/>'
            f"</{tag}>")


def tx_pr(look: ChartLook, size: float, colour: str, bold: bool = False,
          horizontal: bool = False) -> str:
    body = '<a:bodyPr rot="0" vert="horz"/>' if horizontal else "<a:bodyPr/>"
    return (f"<c:txPr>{body}<a:lstStyle/><a:p><a:pPr>{rpr(look, size, colour, bold)}</a:pPr>"
            '<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')


# --- the frame and its data --------------------------------------------------------------
def chart_data(chart: Chart, series: tuple[Series, ...],
               formats: tuple[str, ...], workbook: bool = True) -> TextOnlyChartData:
    """The chart's data; its embedded workbook holds every text as text (never a formula
    or a link: see chart_workbook). ``workbook=False``: none is written (a chart drawn only
    to be read back)."""
    data = TextOnlyChartData() if workbook else RecordOnlyChartData()
    if chart.groups:  # two label levels: months under their year
        group = None
        for leaf, name in zip(chart.categories, chart.groups, strict=True):
            if group is None or group.label != name:
                group = data.add_category(name)
            group.add_sub_category(leaf)
    else:
        data.categories = list(chart.categories)
    for s, fmt in zip(series, formats, strict=True):
        data.add_series(s.name, list(s.values), number_format=fmt)
    return data


def add_frame(slide: Any, chart: Chart, look: ChartLook, kind: Any,
              workbook: bool = True) -> Any:
    r = look.rect
    formats = tuple(s.number_format for s in look.series)
    gf = slide.shapes.add_chart(kind, Emu(int(r.x * EMU_PER_PT)), Emu(int(r.y * EMU_PER_PT)),
                                Emu(int(r.w * EMU_PER_PT)), Emu(int(r.h * EMU_PER_PT)),
                                chart_data(chart, chart.series, formats, workbook))
    gf.name = chart.title[:60]
    gf._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text or chart.title)
    return gf


def series_elements(chart_space: Any) -> list[Any]:
    """Every c:ser in the chart, in the order the series were written (by c:idx)."""
    sers = list(chart_space.iter(qn("c:ser")))
    return sorted(sers, key=lambda s: int(s.find(qn("c:idx")).get("val")))


# --- series --------------------------------------------------------------------------------
def paint_series(look: ChartLook, ser: Any, s: SeriesLook) -> None:
    """Fill, outline or line of a series and of its points that differ, then its labels."""
    for tag in ("c:spPr", "c:marker", "c:dLbls"):
        for old in ser.findall(qn(tag)):
            ser.remove(old)
    for old in ser.findall(qn("c:dPt")):
        ser.remove(old)
    anchor = ser.find(qn("c:tx"))
    if s.shape == "bar":
        sppr = f"<c:spPr {NS_DECL}>{solid(s.colour)}</c:spPr>"
    elif s.shape == "outline":
        sppr = f"<c:spPr {NS_DECL}><a:noFill/>{line_xml(s.colour, s.width, True)}</c:spPr>"
    elif s.shape in ("line", "dashline"):
        sppr = (f"<c:spPr {NS_DECL}>{line_xml(s.colour, s.width, s.shape == 'dashline', True)}"
                "</c:spPr>")
    else:  # slices: each point its own fill
        sppr = ""
    if sppr:
        el = parse_xml(sppr)
        anchor.addnext(el)
        anchor = el
    if s.shape in ("line", "dashline"):
        marker = (f'<c:marker {NS_DECL}><c:symbol val="circle"/><c:size val="6"/>'
                  f"<c:spPr>{solid(s.colour)}{line_xml(s.colour, 0.75)}</c:spPr></c:marker>"
                  if s.shape == "line" else
                  f'<c:marker {NS_DECL}><c:symbol val="none"/></c:marker>')
        el = parse_xml(marker)
        anchor.addnext(el)
        anchor = el
    inv = ser.find(qn("c:invertIfNegative"))
    if inv is not None:
        anchor = inv
    for k, m in enumerate(s.marks):
        if s.shape == "slice" or (s.shape == "bar" and (m.fill != s.colour or m.outline)):
            fill = solid(m.fill) if m.fill else "<a:noFill/>"
            edge = line_xml(m.outline, 1.25 if s.shape == "bar" else 0.75, m.dashed)
            dpt = parse_xml(
                f'<c:dPt {NS_DECL}><c:idx val="{k}"/>'
                + ('<c:invertIfNegative val="0"/>' if s.shape == "bar" else "")
                + ('<c:bubble3D val="0"/>' if s.shape == "bar" else "")
                + f"<c:spPr>{fill}{edge}"
                "</c:spPr></c:dPt>")
            anchor.addnext(dpt)
            anchor = dpt
    dlbls = parse_xml(_labels(look, s, ser))
    before = next((ser.find(qn(t)) for t in ("c:trendline", "c:errBars", "c:cat", "c:val")
                   if ser.find(qn(t)) is not None), None)
    if before is not None:
        before.addprevious(dlbls)
    else:
        ser.append(dlbls)


def _label_body(look: ChartLook, label: Label | None, fmt: str, percent: bool) -> str:
    if label is None:
        return ('<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/>'
                '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')
    box = f"{solid(label.box)}" if label.box else "<a:noFill/>"
    pos = f'<c:dLblPos val="{label.position}"/>' if label.position else ""
    return (f'<c:numFmt formatCode="{attr(fmt)}" sourceLinked="0"/>'
            f"<c:spPr>{box}<a:ln><a:noFill/></a:ln></c:spPr>"
            f"{tx_pr(look, look.label_size, label.colour, label.bold)}{pos}"
            f'<c:showLegendKey val="0"/><c:showVal val="{0 if percent else 1}"/>'
            f'<c:showCatName val="0"/><c:showSerName val="0"/>'
            f'<c:showPercent val="{1 if percent else 0}"/><c:showBubbleSize val="0"/>')


def _labels(look: ChartLook, s: SeriesLook, ser: Any) -> str:
    """The series' most common label as its default, a c:dLbl for every point that differs
    (and a deleted one for every number left unlabelled)."""
    percent = s.shape == "slice"
    values = _values(ser)
    shown = [m.label for m in s.marks if m.label is not None]
    default = Counter(shown).most_common(1)[0][0] if shown else None
    own = []
    for k, m in enumerate(s.marks):
        if m.label == default or (m.label is None and (k >= len(values) or values[k] is None)):
            continue
        if m.label is None:
            own.append(f'<c:dLbl><c:idx val="{k}"/><c:delete val="1"/></c:dLbl>')
        else:
            own.append(f'<c:dLbl><c:idx val="{k}"/>'
                       f"{_label_body(look, m.label, s.number_format, percent)}</c:dLbl>")
    return (f"<c:dLbls {NS_DECL}>{''.join(own)}"
            f"{_label_body(look, default, s.number_format, percent)}</c:dLbls>")


def _values(ser: Any) -> list[float | None]:
    cache = ser.find(qn("c:val")).find(".//" + qn("c:numCache"))
    count = int(cache.find(qn("c:ptCount")).get("val"))
    out: list[float | None] = [None] * count
    for pt in cache.findall(qn("c:pt")):
        out[int(pt.get("idx"))] = float(pt.find(qn("c:v")).text)
    return out


# --- axes, plot area, legend, title ---------------------------------------------------------
def category_axis(look: ChartLook, ax_id: str, cross: str, horizontal_bars: bool) -> Any:
    skip = ""
    if look.category_skip > 1:
        skip = (f'<c:tickLblSkip val="{look.category_skip}"/>'
                f'<c:tickMarkSkip val="{look.category_skip}"/>')
    return parse_xml(
        f'<c:catAx {NS_DECL}><c:axId val="{ax_id}"/><c:scaling><c:orientation '
        f'val="{"maxMin" if horizontal_bars else "minMax"}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{"l" if horizontal_bars else "b"}"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="{"low" if look.category_low else "nextTo"}"/>'
        f"<c:spPr><a:noFill/>{line_xml(AXIS_LINE, 0.75)}</c:spPr>"
        f"{tx_pr(look, look.axis_size, look.text_colour, horizontal=True)}"
        f'<c:crossAx val="{cross}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        f'<c:lblAlgn val="ctr"/><c:lblOffset val="100"/>{skip}<c:noMultiLvlLbl val="0"/>'
        "</c:catAx>")


def value_axis(look: ChartLook, axis: ValueAxis, ax_id: str, cross: str, pos: str,
               secondary: bool = False) -> Any:
    grid = (f"<c:majorGridlines><c:spPr>{line_xml(GRID_LINE, 0.75)}</c:spPr></c:majorGridlines>"
            if axis.gridlines else "")
    unit = f'<c:majorUnit val="{axis.major:.6g}"/>' if axis.major else ""
    # a secondary axis is kept (not deleted) so every renderer plots the line against it,
    # but drawn without labels or line
    delete = "0" if (axis.visible or secondary) else "1"
    ticks = "nextTo" if axis.visible else "none"
    return parse_xml(
        f'<c:valAx {NS_DECL}><c:axId val="{ax_id}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{axis.high:.10g}"/><c:min val="{axis.low:.10g}"/></c:scaling>'
        f'<c:delete val="{delete}"/><c:axPos val="{pos}"/>{grid}'
        f'<c:numFmt formatCode="{attr(axis.number_format)}" sourceLinked="0"/>'
        f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="{ticks}"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f"{tx_pr(look, look.axis_size, look.muted_colour)}"
        f'<c:crossAx val="{cross}"/><c:crosses val="{"max" if secondary else "autoZero"}"/>'
        f'<c:crossBetween val="between"/>{unit}</c:valAx>')


def manual_layout(rect: Rect, frame: Rect, inner: bool = True) -> str:
    target = '<c:layoutTarget val="inner"/>' if inner else ""
    return (f"<c:layout {NS_DECL}><c:manualLayout>{target}<c:xMode val=\"edge\"/>"
            f'<c:yMode val="edge"/><c:x val="{(rect.x - frame.x) / frame.w:.4f}"/>'
            f'<c:y val="{(rect.y - frame.y) / frame.h:.4f}"/><c:w val="{rect.w / frame.w:.4f}"/>'
            f'<c:h val="{rect.h / frame.h:.4f}"/></c:manualLayout></c:layout>')


def place_plot(look: ChartLook, plot_area: Any) -> None:
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    plot_area.insert(0, parse_xml(manual_layout(look.plot, look.rect)))


def title_and_legend(look: ChartLook, chart_space: Any) -> None:
    """The chart's title, its legend where the look has one, and its default text (written
    as XML: python-pptx's font proxies cost more than the chart)."""
    chart_el = chart_space.find(qn("c:chart"))
    for tag in ("c:title", "c:legend"):
        old = chart_el.find(qn(tag))
        if old is not None:
            chart_el.remove(old)
    title = parse_xml(
        f"<c:title {NS_DECL}><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f"{rpr(look, look.title_size, look.text_colour, True)}</a:pPr><a:r>"
        f"{rpr(look, look.title_size, look.text_colour, True, 'a:rPr')}"
        f"<a:t>{xml_text(look.title)}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title>')
    chart_el.insert(0, title)
    deleted = chart_el.find(qn("c:autoTitleDeleted"))
    if deleted is not None:
        deleted.set("val", "0")
    if look.legend is not None:
        chart_el.find(qn("c:plotArea")).addnext(parse_xml(
            f'<c:legend {NS_DECL}><c:legendPos val="{look.legend.position}"/>'
            f"{manual_layout(look.legend.rect, look.rect, inner=False)}"
            f'<c:overlay val="0"/>{tx_pr(look, look.axis_size, look.text_colour)}</c:legend>'
            .replace(f"<c:layout {NS_DECL}>", "<c:layout>")))
    old_tx = chart_space.find(qn("c:txPr"))
    new_tx = parse_xml(tx_pr(look, look.axis_size, look.text_colour)
                       .replace("<c:txPr>", f"<c:txPr {NS_DECL}>", 1))
    if old_tx is not None:
        old_tx.addprevious(new_tx)
        chart_space.remove(old_tx)
    else:
        chart_el.addnext(new_tx)


def blanks_as_gaps(chart_space: Any) -> None:
    chart_el = chart_space.find(qn("c:chart"))
    dba = chart_el.find(qn("c:dispBlanksAs"))
    if dba is None:
        dba = c_el("c:dispBlanksAs")
        anchor = chart_el.find(qn("c:plotVisOnly"))
        (anchor if anchor is not None else chart_el.find(qn("c:plotArea"))).addnext(dba)
    dba.set("val", "gap")


def renumber_axes(chart_space: Any, start: int = 500000001) -> None:
    ids: dict[str, str] = {}
    for el in chart_space.iter(qn("c:axId"), qn("c:crossAx")):
        old = el.get("val")
        if old not in ids:
            ids[old] = str(start + len(ids))
        el.set("val", ids[old])


def set_fonts_everywhere(root: Any, latin: str, ea: str) -> None:
    """Every run property in the chart gets both typefaces (and zh-CN)."""
    for tag in ("a:defRPr", "a:rPr", "a:endParaRPr"):
        for el in root.iter(qn(tag)):
            if el.find(qn("a:ea")) is None or el.find(qn("a:latin")) is None:
                set_fonts(el, latin, ea)
