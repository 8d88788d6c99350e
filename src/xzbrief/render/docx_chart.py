"""The deck's native charts, for the written document: the same ``c:chartSpace`` part and the
same embedded workbook, so the chart in Word or WPS is editable (右键 → 编辑数据) and can never
disagree with the slide.

The deck's own chart writer (render.charts) draws the chart on a scratch slide; its chart part
and workbook are then carried into the .docx, where a ``w:drawing`` inline frame refers to them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from xzbrief.deck.grid import Rect
from xzbrief.deck.model import Chart, ChartKind
from xzbrief.render.chart_look import LABEL_SIZE, TITLE_SIZE, ChartLook, decide_look
from xzbrief.render.charts import add_chart
from xzbrief.render.layout import ChartBlock

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BLANK_LAYOUT = 6  # python-pptx's default template: 空白


@dataclass(frozen=True)
class ChartPart:
    """A chart ready for a package: its XML (``externalData`` pointing at ``rId1``), the
    embedded workbook with its data, and a note to print under the chart (what the slide draws
    over the chart and the chart part cannot carry: a ranking's reference line), or ""."""

    xml: bytes
    xlsx: bytes
    note: str = ""


def reference_note(chart: Chart) -> str:
    """A ranking's reference (the city's own figure), said under the chart: a slide draws it
    as a dashed line over the chart, which a Word chart part has no place for."""
    ref = chart.reference
    return f"注：参照值为{ref.text}。" if ref is not None and chart.kind is ChartKind.HBAR else ""


TOP_MARGIN = 6.0  # points above the plot once the in-chart title is gone


def without_title(look: ChartLook) -> ChartLook:
    """The look with the title's band (and the reference line's words above the plot) given
    to the plot: the document names its chart in the caption, not inside the chart."""
    freed = TITLE_SIZE * 2 - TOP_MARGIN
    if look.reference is not None:
        freed += LABEL_SIZE * 2.2
    plot = look.plot
    if look.kind is ChartKind.DOUGHNUT:  # a square ring: centred again in the whole height
        lift = min(freed / 2, plot.y - look.rect.y - TOP_MARGIN)
        legend = look.legend
        if legend is not None:
            r = legend.rect
            legend = replace(legend, rect=Rect(r.x, r.y - lift, r.w, r.h))
        return replace(look, plot=Rect(plot.x, plot.y - lift, plot.w, plot.h), legend=legend,
                       reference=None)
    freed = min(freed, plot.y - look.rect.y - TOP_MARGIN)
    return replace(look, plot=Rect(plot.x, plot.y - freed, plot.w, plot.h + freed),
                   reference=None)


MUTED = "595959"


class ChartMaker:
    """One scratch presentation for every chart of a document (opening it is the slow part)."""

    def __init__(self, colours: tuple[str, ...], text_color: str, font_latin: str,
                 font_ea: str) -> None:
        self.colours = colours
        self.text_color = text_color
        self.font_latin = font_latin
        self.font_ea = font_ea
        self._prs: Any = None

    def make(self, chart: Chart, width_pt: float, height_pt: float) -> ChartPart:
        if self._prs is None:
            self._prs = Presentation()
        slide = self._prs.slides.add_slide(self._prs.slide_layouts[BLANK_LAYOUT])
        rect = Rect(0, 0, width_pt, height_pt)
        # the same decided look as the deck's chart, on the page's white (muted text in a grey
        # that keeps 4.5:1 on white)
        look = decide_look(chart, rect, self.colours, self.text_color, MUTED, self.font_latin,
                           self.font_ea)
        block = ChartBlock(rect, chart, without_title(look))
        gf = add_chart(slide, block)
        part = gf.chart_part
        xlsx = bytes(part.chart_workbook.xlsx_part.blob)
        space = part._element
        title = space.find(".//" + qn("c:title"))
        if title is not None:  # a document names its chart in the caption 「图1 ……」 under it
            title.getparent().remove(title)
            deleted = space.find(".//" + qn("c:autoTitleDeleted"))
            if deleted is not None:
                deleted.set("val", "1")
        external = space.find(qn("c:externalData"))
        if external is not None:
            external.set(f"{{{R_NS}}}id", "rId1")
        xml = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
        return ChartPart(bytes(xml), xlsx, reference_note(chart))
