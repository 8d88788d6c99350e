"""The deck model, laid out, into a .pptx built on the brand's template (python-pptx).

Titles go into the layout's title placeholder (outline view and accessibility keep working),
everything else into shapes, native charts and tables at the layout's positions. Every run gets
both the Latin and the East-Asian typeface. The file is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from xzbrief.atomic import atomic_write_bytes
from xzbrief.deck.grid import EMU_PER_PT, Rect
from xzbrief.deck.model import Deck
from xzbrief.render.brand import Brand
from xzbrief.render.charts import add_chart
from xzbrief.render.fonts import set_fonts, style_font
from xzbrief.render.layout import (
    ChartBlock,
    Para,
    PlacedSlide,
    Run,
    ShapeBlock,
    TableBlock,
    TextBlock,
    place_deck,
)
from xzbrief.render.package_props import write_properties

ALIGN = {"l": PP_ALIGN.LEFT, "c": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}
ANCHOR = {"t": MSO_ANCHOR.TOP, "m": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}


def emu(v: float) -> Emu:
    return Emu(round(v * EMU_PER_PT))


class PptxWriter:
    def __init__(self, brand: Brand) -> None:
        self.brand = brand
        self.latin = brand.font_latin
        self.ea = brand.font_ea

    def render(self, deck: Deck) -> tuple[bytes, list[str]]:
        """The finished .pptx as bytes, and layout warnings."""
        placed, warnings = place_deck(deck, self.brand)
        prs = self.brand.open()
        layouts = list(prs.slide_layouts)
        for ps in placed:
            slide = prs.slides.add_slide(layouts[ps.layout.index])
            self._slide(slide, ps)
        write_properties(prs, deck)
        buf = io.BytesIO()
        prs.save(buf)
        return buf.getvalue(), warnings

    # --- one slide ------------------------------------------------------------------------
    def _slide(self, slide: Any, ps: PlacedSlide) -> None:
        title_done = False
        for ph in list(slide.placeholders):
            idx = ph.placeholder_format.idx
            ph_type = ph.placeholder_format.type
            if ph_type is not None and ph_type.name in ("TITLE", "CENTER_TITLE") and not title_done:
                self._fill(ph.text_frame, (Para(()),), title=ps)
                title_done = True
            elif idx in ps.placeholders:
                self._fill(ph.text_frame, ps.placeholders[idx])
            else:  # an unused placeholder would show 「单击此处添加文本」 in PowerPoint
                ph._element.getparent().remove(ph._element)
        if not title_done and ps.title:
            rect = ps.layout.title or Rect(36, 21.6, 806.4, 61.2)
            box = slide.shapes.add_textbox(emu(rect.x), emu(rect.y), emu(rect.w), emu(rect.h))
            self._fill(box.text_frame, (Para(()),), title=ps)
        for block in ps.blocks:
            if isinstance(block, ShapeBlock):
                self._shape(slide, block)
            elif isinstance(block, TextBlock):
                self._text(slide, block)
            elif isinstance(block, ChartBlock):
                add_chart(slide, block)
            elif isinstance(block, TableBlock):
                self._table(slide, block)
        if ps.notes:
            frame = slide.notes_slide.notes_text_frame
            frame.text = ps.notes
            for para in frame.paragraphs:
                for run in para.runs:
                    set_fonts(run.font._rPr, self.latin, self.ea)

    def _fill(self, tf: Any, paras: tuple[Para, ...], title: PlacedSlide | None = None) -> None:
        if title is not None:
            lay = title.layout
            text = "\n".join(title.title_lines) if title.title_lines else title.title
            paras = (Para((Run(text, title.title_size, lay.title_color, lay.title_bold),),
                          lay.title_align),)
        tf.clear()
        for i, para in enumerate(paras):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.alignment = ALIGN.get(para.align, PP_ALIGN.LEFT)
            if para.space_before:
                p.space_before = Pt(para.space_before)
            if para.marker is not None:
                ppr = p._p.get_or_add_pPr()
                ppr.set("marL", str(int(para.indent * EMU_PER_PT)))
                ppr.set("indent", str(-int(para.indent * EMU_PER_PT)))
                m = para.marker
                self._run(p, m.text + "\t", m.size, m.color, m.bold)
            for run in para.runs:
                self._run(p, run.text, run.size, run.color, run.bold, run.field)

    def _run(self, p: Any, text: str, size: float, colour: str, bold: bool, field: str = ""
             ) -> None:
        if field == "slidenum":
            fld = etree.SubElement(p._p, qn("a:fld"))
            fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
            fld.set("type", "slidenum")
            rpr = etree.SubElement(fld, qn("a:rPr"))
            rpr.set("sz", str(int(size * 100)))
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
            for tag, face in (("a:latin", self.latin), ("a:ea", self.ea), ("a:cs", self.latin)):
                etree.SubElement(rpr, qn(tag)).set("typeface", face)
            rpr.set("lang", "zh-CN")
            etree.SubElement(fld, qn("a:t")).text = text
            end = p._p.find(qn("a:endParaRPr"))
            if end is not None:
                p._p.remove(end)
                p._p.append(end)
            return
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                br = p._p.add_br()
                br_rpr = br.get_or_add_rPr()
                br_rpr.set("sz", str(int(size * 100)))
                set_fonts(br_rpr, self.latin, self.ea)
            r = p.add_run()
            r.text = part
            style_font(r.font, self.latin, self.ea, size, colour, bold)

    def _text(self, slide: Any, block: TextBlock) -> None:
        r = block.rect
        box = slide.shapes.add_textbox(emu(r.x), emu(r.y), emu(r.w), emu(r.h))
        box.name = block.name
        tf = box.text_frame
        tf.word_wrap = block.wrap
        tf.auto_size = None
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(tf, side, 0)
        tf.vertical_anchor = ANCHOR[block.anchor]
        self._fill(tf, block.paras)
        for p, para in zip(tf.paragraphs, block.paras, strict=False):
            if block.exact:  # the pitch the layout measured with, whatever the font's metrics
                size = max((r.size for r in para.runs), default=12.0)
                p.line_spacing = Pt(round(size * block.spacing, 1))
            else:
                p.line_spacing = block.spacing

    def _shape(self, slide: Any, block: ShapeBlock) -> None:
        r = block.rect
        shp = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(r.x), emu(r.y), emu(r.w),
                                     emu(r.h))
        shp.name = block.name
        shp.shadow.inherit = False
        if block.fill:
            shp.fill.solid()
            shp.fill.fore_color.rgb = RGBColor.from_string(block.fill)
        else:
            shp.fill.background()
        if block.line:
            shp.line.color.rgb = RGBColor.from_string(block.line)
            shp.line.width = Pt(block.line_width)
            if block.dashed:
                shp.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        else:
            shp.line.fill.background()

    def _table(self, slide: Any, block: TableBlock) -> None:
        r = block.rect
        table = block.table
        n_rows, n_cols = len(table.rows) + 1, len(table.columns)
        gf = slide.shapes.add_table(n_rows, n_cols, emu(r.x), emu(r.y), emu(r.w), emu(r.h))
        gf.name = "表格"
        tbl = gf.table
        tbl.first_row = True
        tbl.horz_banding = False
        style_id = gf._element.find(".//" + qn("a:tableStyleId"))
        if style_id is not None:  # plain table: our own fills only
            style_id.text = "{5940675A-B579-460E-94D1-54222C63F5DA}"
        for c, width in enumerate(block.col_widths):
            tbl.columns[c].width = emu(width)
        for k, height in enumerate(block.row_heights[:n_rows]):
            tbl.rows[k].height = emu(height)
        for c, head in enumerate(table.columns):
            self._cell(tbl.cell(0, c), head, block, header=True,
                       align="r" if block.numeric[c] else "l")
        for k, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row):
                self._cell(tbl.cell(k, c), cell.text, block, header=False,
                           align="r" if block.numeric[c] else "l",
                           zebra=k % 2 == 0)

    def _cell(self, cell: Any, text: str, block: TableBlock, header: bool, align: str,
              zebra: bool = False) -> None:
        cell.margin_left = cell.margin_right = Pt(6)
        cell.margin_top = cell.margin_bottom = Pt(3)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        fill = block.header_fill if header else (block.zebra_fill if zebra else "FFFFFF")
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill)
        tf = cell.text_frame
        tf.clear()
        p = tf.paragraphs[0]
        p.alignment = ALIGN[align]
        self._run(p, text, block.font_size, block.header_color if header else block.text_color,
                  header)


def render_pptx(deck: Deck, brand: Brand) -> tuple[bytes, list[str]]:
    return PptxWriter(brand).render(deck)


def write_pptx(deck: Deck, brand: Brand, path: Path) -> list[str]:
    """Write the deck atomically; returns layout warnings. Raises atomic.SaveBlocked."""
    data, warnings = render_pptx(deck, brand)
    atomic_write_bytes(Path(path), data)
    return warnings
