"""The deck model, laid out, into a .pptx built on the brand's template (python-pptx).

Titles go into the layout's title placeholder (outline view and accessibility keep working),
everything else into shapes, native charts and tables at the layout's positions. Every run gets
both the Latin and the East-Asian typeface. The file is written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from xzbrief.atomic import atomic_write_bytes
from xzbrief.deck.model import Deck
from xzbrief.deck.typeset import typeset_deck
from xzbrief.messages import Note
from xzbrief.refresh.record import DeckRec
from xzbrief.render.brand import Brand
from xzbrief.render.charts import add_chart
from xzbrief.render.drawing import NSDECL, Fonts, rectangle, table_frame, text_box
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
from xzbrief.render.package_props import deck_record, write_properties
from xzbrief.render.part_names import name_parts_by_counter
from xzbrief.render.shape_record import record_slide


class PptxWriter:
    def __init__(self, brand: Brand) -> None:
        self.brand = brand
        self.fonts = Fonts(brand.font_latin, brand.font_ea)

    def render(self, deck: Deck, on_slide: Callable[[int], None] | None = None
               ) -> tuple[bytes, list[Note]]:
        """The finished .pptx as bytes, and layout warnings; ``on_slide(i)`` after slide i
        (1-based) is written (progress, and where a cancel is noticed)."""
        prs, _record, warnings = self.presentation(deck, on_slide)
        buf = io.BytesIO()
        prs.save(buf)
        return buf.getvalue(), warnings

    def presentation(self, deck: Deck, on_slide: Callable[[int], None] | None = None,
                     record_only: bool = False) -> tuple[Any, DeckRec, list[Note]]:
        """The deck as a python-pptx presentation (not yet saved), its record, warnings.

        ``record_only``: drawn only to be read back (``xzbrief refresh`` compares it with an
        edited deck), never saved — no embedded chart workbooks, no notes pages (the notes
        are recorded from their text) and no document properties."""
        placed, warnings = place_deck(deck, self.brand)
        prs = self.brand.open()
        name_parts_by_counter(prs)  # O(N) for N slides, not python-pptx's O(N^2)
        layouts = list(prs.slide_layouts)
        typeset = typeset_deck(deck)  # the record says what the slides show
        elements = []
        for n, (ps, model) in enumerate(zip(placed, typeset.slides, strict=True), start=1):
            slide = prs.slides.add_slide(layouts[ps.layout.index])
            notes = self._slide(slide, ps, record_only)
            elements.append(record_slide(slide, n, model, notes))
            if on_slide is not None:
                on_slide(n)
        if not record_only:
            write_properties(prs, typeset, elements)
        return prs, deck_record(typeset, elements), warnings

    # --- one slide ------------------------------------------------------------------------
    def _slide(self, slide: Any, ps: PlacedSlide, record_only: bool = False) -> Any | None:
        """Fill the slide; with ``record_only`` the notes' text body is returned, not placed."""
        tree = slide.shapes._spTree
        title_done = False
        for ph in list(slide.placeholders):
            idx = ph.placeholder_format.idx
            ph_type = ph.placeholder_format.type
            if ph_type is not None and ph_type.name in ("TITLE", "CENTER_TITLE") and not title_done:
                self._fill(ph._element, self._title_paras(ps))
                title_done = True
            elif idx in ps.placeholders:
                self._fill(ph._element, ps.placeholders[idx])
            else:  # an unused placeholder would show 「单击此处添加文本」 in PowerPoint
                ph._element.getparent().remove(ph._element)
        next_id = max((int(i) for i in tree.xpath("//p:cNvPr/@id")), default=1) + 1
        if not title_done and ps.title:
            title = TextBlock(ps.title_rect, self._title_paras(ps), anchor="m", name="标题")
            tree.append(text_box(next_id, title, self.fonts))
            next_id += 1
        for block in ps.blocks:
            if isinstance(block, ShapeBlock):
                shape = rectangle(next_id, block.name, block.rect, block.fill, block.line,
                                  block.line_width, block.dashed)
                if block.behind:  # first in the tree: under the placeholders
                    tree.insert(2, shape)
                else:
                    tree.append(shape)
            elif isinstance(block, TextBlock):
                tree.append(text_box(next_id, block, self.fonts))
            elif isinstance(block, ChartBlock):  # python-pptx numbers the chart's frame
                add_chart(slide, block, workbook=not record_only)
            elif isinstance(block, TableBlock):
                tree.append(table_frame(next_id, block, self.fonts))
            next_id += 1
        if not ps.notes:
            return None
        paras = [Para((Run(line, 12, "000000"),)) for line in ps.notes.split("\n")]
        written = parse_xml(f"<a:txBody {NSDECL}>{self.fonts.paragraphs(paras)}</a:txBody>")
        if record_only:
            return written
        body = slide.notes_slide.notes_text_frame._txBody
        for p in body.findall(qn("a:p")):
            body.remove(p)
        for p in written:
            body.append(p)
        return None

    @staticmethod
    def _title_paras(ps: PlacedSlide) -> tuple[Para, ...]:
        lay = ps.layout
        # one line as it is; a break only after a clause (layout.title_lines), never where
        # the measure happened to end a line: an edited title would keep it
        text = "\n".join(ps.title_lines) if ps.title_break else ps.title
        return (Para((Run(text, ps.title_size, lay.title_color, lay.title_bold),),
                     lay.title_align),)

    def _fill(self, sp: Any, paras: tuple[Para, ...]) -> None:
        """Replace a placeholder's paragraphs."""
        body = sp.get_or_add_txBody()
        for p in body.findall(qn("a:p")):
            body.remove(p)
        for p in parse_xml(f"<a:txBody {NSDECL}>{self.fonts.paragraphs(paras)}</a:txBody>"):
            body.append(p)


def render_pptx(deck: Deck, brand: Brand, on_slide: Callable[[int], None] | None = None
                ) -> tuple[bytes, list[Note]]:
    return PptxWriter(brand).render(deck, on_slide)


def write_pptx(deck: Deck, brand: Brand, path: Path,
               on_slide: Callable[[int], None] | None = None) -> list[Note]:
    """Write the deck atomically; returns layout warnings. Raises atomic.SaveBlocked."""
    data, warnings = render_pptx(deck, brand, on_slide)
    atomic_write_bytes(Path(path), data)
    return warnings
