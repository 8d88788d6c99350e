"""The preview display list: each slide as primitives in points, from the same layout the
PPTX writer uses, plus the template's own decoration. No Qt here; the GUI paints it."""

from __future__ import annotations

from xzbrief.deck.model import Deck
from xzbrief.deck.textfit import TABLE_LINE, TABLE_PAD, text_width, wrap
from xzbrief.render.brand import Brand
from xzbrief.render.display import DRect, DText, Primitive, SlideDisplay
from xzbrief.render.layout import (
    ChartBlock,
    Para,
    PlacedSlide,
    ShapeBlock,
    TableBlock,
    TextBlock,
    place_deck,
)
from xzbrief.render.preview_chart import chart_primitives


def _para_height(para: Para, width: float, spacing: float) -> tuple[list[str], float]:
    size = max((r.size for r in para.runs), default=12.0)
    text = "".join(r.text for r in para.runs)
    lines = wrap(text, size, width - para.indent) if text else [""]
    return lines, len(lines) * size * spacing


def _text(block: TextBlock) -> list[Primitive]:
    r = block.rect
    heights = []
    for para in block.paras:
        width = r.w if block.wrap else 1e9
        lines, h = _para_height(para, width, block.spacing)
        heights.append((lines, h + para.space_before))
    total = sum(h for _, h in heights)
    y = r.y + {"t": 0.0, "m": (r.h - total) / 2, "b": r.h - total}[block.anchor]
    out: list[Primitive] = []
    for para, (lines, h) in zip(block.paras, heights, strict=True):
        y += para.space_before
        runs = para.runs
        if para.marker is not None:
            m = para.marker
            main = max((run.size for run in runs), default=m.size)
            out.append(DText(r.x, y + (main - m.size) * 0.55, para.indent, main * block.spacing,
                             (m.text,), m.size, m.color, m.bold))
        if len(runs) > 1 and len(lines) == 1:
            out += _inline_runs(para, r.x + para.indent, y, r.w - para.indent, h, block.spacing)
        elif runs:
            run = runs[0] if len(runs) == 1 else max(runs, key=lambda x: x.size)
            out.append(DText(r.x + para.indent, y, r.w - para.indent, h, tuple(lines), run.size,
                             run.color, run.bold, para.align, "t", block.spacing))
        y += h - para.space_before
    return out


def _inline_runs(para: Para, x: float, y: float, width: float, h: float,
                 spacing: float) -> list[Primitive]:
    """Runs of different sizes on one line (a key figure: 约 9000 亿元), baseline-aligned."""
    widths = [text_width(run.text, run.size, run.bold) for run in para.runs]
    total = sum(widths)
    start = {"l": x, "c": x + (width - total) / 2, "r": x + width - total}[para.align]
    big = max(run.size for run in para.runs)
    out: list[Primitive] = []
    for run, w in zip(para.runs, widths, strict=True):
        top = y + (big - run.size) * 0.95
        out.append(DText(start, top, w + 4, run.size * spacing, (run.text,), run.size,
                         run.color, run.bold))
        start += w
    return out


def _table(block: TableBlock) -> list[Primitive]:
    out: list[Primitive] = []
    y = block.rect.y
    rows = [list(block.table.columns)] + [[c.text for c in row] for row in block.table.rows]
    for k, (row, h) in enumerate(zip(rows, block.row_heights, strict=False)):
        x = block.rect.x
        fill = block.header_fill if k == 0 else (block.zebra_fill if k % 2 == 0 else "FFFFFF")
        colour = block.header_color if k == 0 else block.text_color
        for c, (text, w) in enumerate(zip(row, block.col_widths, strict=True)):
            out.append(DRect(x, y, w, h, fill, "FFFFFF", 0.5))
            lines = tuple(wrap(text, block.font_size, w - TABLE_PAD))
            out.append(DText(x + TABLE_PAD / 2, y, w - TABLE_PAD, h, lines, block.font_size,
                             colour, k == 0, "r" if block.numeric[c] else "l", "m", TABLE_LINE))
            x += w
        y += h
    return out


def slide_display(placed: PlacedSlide, brand: Brand) -> SlideDisplay:
    items: list[Primitive] = list(placed.layout.decor)
    lay = placed.layout
    for block in placed.blocks:  # panels under the title and placeholders
        if isinstance(block, ShapeBlock) and block.behind:
            r = block.rect
            items.append(DRect(r.x, r.y, r.w, r.h, block.fill, block.line, block.line_width,
                               block.dashed))
    if placed.title:  # with or without a title placeholder, where the deck puts it
        t = placed.title_rect
        items.append(DText(t.x, t.y, t.w, t.h, placed.title_lines, placed.title_size,
                           lay.title_color, lay.title_bold, lay.title_align, "m", 1.1))
    for idx, paras in placed.placeholders.items():
        rect = lay.placeholders.get(idx)
        if rect is not None:
            items += _text(TextBlock(rect, paras, anchor="m"))
    for block in placed.blocks:
        if isinstance(block, ShapeBlock) and not block.behind:
            r = block.rect
            items.append(DRect(r.x, r.y, r.w, r.h, block.fill, block.line, block.line_width,
                               block.dashed))
        elif isinstance(block, TextBlock):
            items += _text(block)
        elif isinstance(block, ChartBlock):
            items += chart_primitives(block)
        elif isinstance(block, TableBlock):
            items += _table(block)
    return SlideDisplay(brand.width, brand.height, brand.background, tuple(items))


def deck_display(deck: Deck, brand: Brand) -> list[SlideDisplay]:
    placed, _warnings = place_deck(deck, brand)
    return [slide_display(p, brand) for p in placed]
