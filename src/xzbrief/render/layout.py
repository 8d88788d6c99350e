"""Where everything on a slide goes: the deck model laid out on the grid, in points.

Both renderers consume this and nothing else — the PPTX writer turns blocks into shapes,
native charts and tables; the preview turns them into display primitives — so the preview and
the deck cannot disagree. Text is measured and fitted here (python-pptx's autofit does nothing
until PowerPoint edits the text).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from xzbrief.dataset.model import Status
from xzbrief.deck import grid
from xzbrief.deck.grid import Grid, Rect, grid_for
from xzbrief.deck.model import Card, Chart, Deck, Slide, SlideKind, Table, table_numeric
from xzbrief.deck.nobreak import NBSP, join_deck
from xzbrief.deck.textfit import (
    BULLET_GAP,
    BULLET_MARKER,
    BULLET_SPACING,
    Fit,
    bullets_size,
    fit_table,
    fit_text,
    fit_title,
    text_width,
)
from xzbrief.deck.typeset import typeset_deck
from xzbrief.deck.wording import heading_number
from xzbrief.messages import Note, note
from xzbrief.render.brand import Brand, LayoutInfo
from xzbrief.render.chart_look import ChartLook, decide_look
from xzbrief.render.colours import contrast, large_text, legible, readable
from xzbrief.render.display import DImage, DRect

RISE, FALL = "D9480F", "1C7C54"  # orange-red up, teal down: apart for colour-blind readers
BULLET = "■"


@dataclass(frozen=True)
class Run:
    text: str
    size: float
    color: str
    bold: bool = False
    field: str = ""  # 'slidenum': PowerPoint fills in the page number


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    align: str = "l"
    space_before: float = 0.0
    marker: Run | None = None  # a bullet or number hanging left of the text
    indent: float = 0.0  # where the text (and its continuation lines) start

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextBlock:
    rect: Rect
    paras: tuple[Para, ...]
    anchor: str = "t"
    spacing: float = 1.2
    name: str = "文本"
    wrap: bool = True
    exact: bool = False  # line pitch = spacing x the paragraph's largest size, in points


@dataclass(frozen=True)
class ShapeBlock:
    rect: Rect
    fill: str | None
    line: str | None = None
    line_width: float = 0.75
    dashed: bool = False
    name: str = "形状"
    behind: bool = False  # under the template's placeholders too (a panel on a picture)


@dataclass(frozen=True)
class ChartBlock:
    rect: Rect
    chart: Chart
    look: ChartLook  # everything drawn, decided once for both renderers


@dataclass(frozen=True)
class TableBlock:
    rect: Rect
    table: Table
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    font_size: float
    header_fill: str
    header_color: str
    zebra_fill: str
    text_color: str
    numeric: tuple[bool, ...]


Block = TextBlock | ShapeBlock | ChartBlock | TableBlock


@dataclass(frozen=True)
class PlacedSlide:
    role: str  # which template layout: cover / agenda / section / content / closing
    layout: LayoutInfo
    title: str
    title_size: float
    title_lines: tuple[str, ...]
    placeholders: dict[int, tuple[Para, ...]]  # filled placeholders other than the title
    blocks: tuple[Block, ...]
    notes: str
    warnings: tuple[Note, ...] = field(default=())
    title_box: Rect = grid.TITLE  # the grid's title box on this slide size
    title_break: bool = False  # title_lines are written as lines (a break after a clause)

    @property
    def title_rect(self) -> Rect:
        """Where the title stands: the layout's title placeholder, or the grid's title box
        when the layout has none (both renderers draw it there)."""
        return self.layout.title or self.title_box


class SlideLayouter:
    def __init__(self, brand: Brand, deck: Deck) -> None:
        self.brand = brand
        self.deck = deck
        self.p = brand.palette
        self.g = slide_grid(brand)
        self.warnings: list[Note] = []
        # section name -> its numbered heading (「二、科技创新与数实融合」), from the dividers
        self.section_headings = {sl.section: sl.title for sl in deck.slides
                                 if sl.kind is SlideKind.SECTION and sl.section}

    # --- entry ----------------------------------------------------------------------------
    def place(self, slide: Slide, number: int) -> PlacedSlide:
        self.warnings = []
        role = {SlideKind.COVER: "cover", SlideKind.AGENDA: "agenda",
                SlideKind.SECTION: "section", SlideKind.CLOSING: "closing"}.get(slide.kind,
                                                                                 "content")
        layout = self.brand.layouts[role]
        blocks: list[Block] = []
        placeholders: dict[int, tuple[Para, ...]] = {}
        match slide.kind:
            case SlideKind.COVER:
                placeholders, extra = self._cover(slide, layout)
                blocks += extra
            case SlideKind.AGENDA:
                blocks += self._agenda(slide)
            case SlideKind.SECTION:
                blocks += self._section(slide, layout)
            case SlideKind.KEY_FIGURES:
                blocks += self._cards(slide.cards, slide.lines)
            case SlideKind.CHART:
                blocks += self._chart(slide)
            case SlideKind.TABLE:
                assert slide.table is not None
                blocks += self._table_page(slide.table, slide.lines)
            case SlideKind.HIGHLIGHTS:
                blocks += self._bullets(slide.lines, self.g.bullets, numbered=False)
            case SlideKind.TEXT:
                blocks += self._bullets(slide.lines, self.g.bullets, numbered=True)
            case SlideKind.CLOSING:
                pass
        if role in ("content", "agenda"):
            blocks += self._footer(slide, number)
        if role == "content" and slide.section:
            blocks += self._section_label(slide.section, layout)
        if self.deck.info.marking and role != "closing":
            blocks.append(TextBlock(self.g.marking, (Para((Run(self.deck.info.marking,
                                                                self.g.pt(10),
                                                              self.p.primary, True),)),),
                                    name="标记"))
        size, lines = self._fit_title(slide.title, layout)
        if layout.busy:
            blocks[:0] = self._panel(layout, placeholders, blocks, bool(slide.title))
        return PlacedSlide(role, layout, slide.title, size, lines, placeholders,
                           self._legible(blocks, layout), slide.notes, tuple(self.warnings),
                           self.g.title)

    # --- contrast -------------------------------------------------------------------------
    def _panel(self, layout: LayoutInfo, placeholders: dict[int, tuple[Para, ...]],
               blocks: list[Block], titled: bool) -> list[Block]:
        """A plain panel under everything written on a picture or gradient background, so
        text never sits on a busy image: white, or near-black when the template's title is
        light (its own colour then still reads)."""
        rects = [layout.title or self.g.title] if titled else []
        rects += [layout.placeholders[i] for i in placeholders if i in layout.placeholders]
        rects += [b.rect for b in blocks]
        if not rects:
            return []
        pad = self.g.pt(8)
        x0 = max(0.0, min(r.x for r in rects) - pad)
        y0 = max(0.0, min(r.y for r in rects) - pad)
        x1 = min(self.g.width, max(r.right for r in rects) + pad)
        y1 = min(self.g.height, max(r.bottom for r in rects) + pad)
        fill = "FFFFFF" if contrast(layout.title_color, "FFFFFF") >= 3 else "1F1F1F"
        return [ShapeBlock(Rect(x0, y0, x1 - x0, y1 - y0), fill, name="文字底板",
                           behind=True)]

    def ground(self, rect: Rect, layout: LayoutInfo, blocks: list[Block]) -> str:
        """The colour a text box sits on: the topmost filled shape under its centre (ours,
        then the template's), else the slide background."""
        return ground_at(rect, layout, blocks, self.brand.background)

    def _legible(self, blocks: list[Block], layout: LayoutInfo) -> tuple[Block, ...]:
        """Every text colour made readable (WCAG 4.5:1, 3:1 for large text) on what it sits
        on: the 「内部资料」 marking on a cover's band, grey footnotes, a tag on gold."""
        out: list[Block] = []
        for block in blocks:
            if isinstance(block, TextBlock):
                fill = self.ground(block.rect, layout, out)

                def fix(run: Run, fill: str = fill) -> Run:
                    need = 3.0 if large_text(run.size, run.bold) else 4.5
                    return replace(run, color=legible(run.color, fill, need))

                out.append(replace(block, paras=tuple(
                    replace(para, runs=tuple(fix(r) for r in para.runs),
                            marker=fix(para.marker) if para.marker else None)
                    for para in block.paras)))
            else:
                out.append(block)
        return tuple(out)

    def _fit_title(self, title: str, layout: LayoutInfo) -> tuple[float, tuple[str, ...]]:
        rect = layout.title or self.g.title  # as PlacedSlide.title_rect
        top = title_max(layout, self.g)
        low = min(top, max(self.g.pt(grid.TITLE_MIN), top * 0.7))
        fit = fit_title(title, rect.w, rect.h, top, low)
        if not fit.fits:
            self.warnings.append(note("layout-title-long", title=title, size=fit.size))
        return fit.size, fit.lines

    # --- cover / agenda / section ---------------------------------------------------------
    def _cover(self, slide: Slide, layout: LayoutInfo
               ) -> tuple[dict[int, tuple[Para, ...]], list[Block]]:
        pt = self.g.pt
        values = {1: (slide.subtitle, pt(24), self.p.text), 10: (slide.organisation, pt(20),
                                                                self.p.text),
                  11: (slide.date, pt(18), self.p.muted)}
        title = layout.title or self.g.title
        placeholders: dict[int, tuple[Para, ...]] = {}
        blocks: list[Block] = []
        y = title.bottom + pt(12)
        align = layout.title_align
        for idx, (text, our_size, our_colour) in values.items():
            if not text:
                continue
            rect = layout.placeholders.get(idx)
            style = layout.styles.get(idx)
            size = (style.size if style is not None else 0.0) or our_size
            colour = (style.color if style is not None else "") or our_colour
            if rect is not None:  # the template's own size, colour and alignment, if it says
                fit = fit_text(text, rect.w, rect.h, size, size * 0.7)
                placeholders[idx] = (Para((Run(text, fit.size, colour),),
                                          style.align if style is not None else align),)
            else:
                rect = Rect(title.x, y, title.w, size * 1.6)
                blocks.append(TextBlock(rect, (Para((Run(text, size, colour),), align),),
                                        name="封面文字"))
            y = rect.bottom + pt(8)
        return placeholders, blocks

    def _agenda(self, slide: Slide) -> list[Block]:
        items = list(slide.lines)
        pt = self.g.pt
        box = self.g.content.inset(pt(60), pt(10))
        n = max(len(items), 1)
        pitch, gap = 1.3, 0.7  # em per line (exact), em between items
        size = float(int(min(pt(26), box.h / (n * pitch + (n - 1) * gap))))
        longest = max((text_width(item, size) for item in items), default=0.0)
        if longest > box.w:
            size = max(12.0, float(int(size * box.w / longest)))
        if size < pt(16):
            self.warnings.append(note("layout-agenda-shrunk"))
        paras = []
        for i, item in enumerate(items):
            head, sep, rest = item.partition("、")
            runs = (Run(head + sep, size, self.p.primary, True), Run(rest, size, self.p.text)) \
                if sep else (Run(item, size, self.p.text),)
            paras.append(Para(runs, space_before=0 if i == 0 else size * gap))
        return [TextBlock(box, tuple(paras), anchor="m", spacing=pitch, name="目录", exact=True,
                          wrap=False)]

    def _section(self, slide: Slide, layout: LayoutInfo) -> list[Block]:
        if not slide.subtitle:
            return []
        pt, h = self.g.pt, self.g.height
        title = layout.title or self.g.title
        top = min(title.bottom + pt(36), h - pt(120))
        rect = Rect(title.x, top, min(title.w, self.g.content.w), h - pt(60) - top)
        fit = fit_text(slide.subtitle, rect.w, rect.h, pt(18), pt(14), spacing=1.4)
        return [TextBlock(rect, (Para((Run(slide.subtitle, fit.size, self.p.muted),)),),
                          spacing=1.4, name="导语", exact=True)]

    # --- key figures ----------------------------------------------------------------------
    def _cards(self, cards: tuple[Card, ...], lines: tuple[str, ...] = ()) -> list[Block]:
        """A grid of cards. One or two cards beside their narrative fill the content area's
        height in a column on the left (a card of a third of the page above an empty lower
        half reads as unfinished); the narrative stands beside them at the largest body size
        that fits, in the middle of the column, and each card's content in the middle of
        the card. One row of cards alone on its page fills the height too, centred."""
        n = len(cards)
        pt = self.g.pt
        gap = pt(16)
        area = self.g.content
        extra: list[Block] = []
        column = bool(lines) and n <= 2
        if column:
            cols = 1
            # the column ends clear of the footnote band's rule; the narrative is centred on it
            area = Rect(area.x, area.y, self.g.card_w, area.h - pt(10))
            side = self.g.card_text
            extra = self._bullets(lines, Rect(side.x, area.y, side.w, area.h), numbered=False,
                                  max_size=pt(grid.BODY_MAX), anchor="m")
            max_h = area.h
        else:
            cols = n if n <= 3 else (2 if n == 4 else 3)
            if n == 3 and area.w / 3 < pt(200) and not lines:  # a narrow (4:3) slide: 2 + 1
                cols = 2
            max_h = pt(250)
            if lines:  # one row of cards, the highlights under it (planner.cards_take_...)
                cols = n
                max_h = area.h * grid.CARD_ROW_SHARE
        # one row of up to three cards and nothing else (their sentences only repeated them):
        # side by side, as tall as the content area, their content centred
        alone = not lines and n <= 3 and cols == n
        if alone:
            area = Rect(area.x, area.y, area.w, area.h - pt(10))
        rows = -(-n // cols)
        w = (area.w - (cols - 1) * gap) / cols
        h = min((area.h - (rows - 1) * gap) / rows, max_h)
        top = area.y  # every card page starts under its title, however many cards
        # one number size on the page (no card's number shrinks alone) and, in each row,
        # one label height, so the numbers of a row stand on one baseline
        inner_w, inner_h = w - 2 * pt(14), h - 2 * pt(14)
        labels = [self._card_label(card, inner_w) for card in cards]
        size = min(self._number_size(card, inner_w, inner_h) for card in cards)
        row_label = [max(len(labels[i].lines) * labels[i].size * 1.2
                         for i in range(r * cols, min(n, (r + 1) * cols))) for r in range(rows)]
        # as tall as the fullest card needs, not a half-empty box (a column fills its height)
        need = max(self._card_height(card, inner_w, max(row_label), size) for card in cards)
        if alone:
            h = area.h
        elif not column:
            h = min(h, max(need, pt(150), area.h * 0.45 if rows == 1 else 0.0))
        if lines and n > 2:
            below = top + h + pt(grid.CARDS_BELOW_GAP)
            rect = Rect(self.g.bullets.x, below, self.g.bullets.w,
                        self.g.bullets.bottom - below)
            extra = self._bullets(lines, rect, numbered=False,
                                  max_size=pt(grid.CHART_BODY_MAX), anchor="t")
        blocks: list[Block] = []
        for i, card in enumerate(cards):
            r, c = divmod(i, cols)
            blocks += self._card(card, Rect(area.x + c * (w + gap), top + r * (h + gap), w, h),
                                 labels[i], row_label[r], size, middle=column or alone,
                                 align="c" if alone else "l")
        return blocks + extra

    def _card_height(self, card: Card, inner_w: float, label_h: float, size: float) -> float:
        """What a card's content takes, from its top edge to its bottom edge (as ``_card``
        stacks it)."""
        pt = self.g.pt
        h = 2 * pt(14) + label_h + pt(8) + size * 1.25 + pt(6)
        if card.change is not None:
            fit = fit_text(card.change.text, inner_w - pt(20), pt(40), pt(16), 12, max_lines=2)
            h += fit.size * 1.25 * len(fit.lines) + pt(4)
        if card.note:
            fit = fit_text(card.note, inner_w, 1e6, pt(12), 10, spacing=1.25)
            h += fit.size * 1.25 * len(fit.lines) + pt(4)
        return h

    def _card_label(self, card: Card, inner_w: float) -> Fit:
        tagged = card.figure.status in (Status.ESTIMATE, Status.TARGET)
        pt = self.g.pt
        fit = fit_text(card.label, inner_w - (pt(44) if tagged else 0.0), pt(16) * 1.2 * 2,
                       pt(16), 12, max_lines=2)
        if not fit.fits:
            self.warnings.append(note("layout-card-label-long", label=card.label))
        return fit

    def _number_size(self, card: Card, inner_w: float, inner_h: float) -> float:
        """The number as large as fits, unit and qualifier at half size beside it."""
        pt = self.g.pt
        size = pt(grid.FIGURE_MAX)
        while size > pt(24):
            width = (text_width(card.number, size) + text_width(card.before + card.after,
                                                               size / 2))
            if width <= inner_w * 0.95 and size * 1.25 <= inner_h * 0.42:
                break
            size -= 2
        return size

    def _card(self, card: Card, rect: Rect, label_fit: Fit | None = None,
              label_h: float = 0.0, size: float = 0.0, middle: bool = False,
              align: str = "l") -> list[Block]:
        """One card; the label fit, the row's label height and the page's number size as
        ``_cards`` decided them (a card alone decides its own). ``middle``: its content
        stands in the middle of a card taller than it needs; ``align``: "c" centres it
        across (a card standing alone on its page)."""
        p = self.p
        estimate = card.figure.status is Status.ESTIMATE
        target = card.figure.status is Status.TARGET
        blocks: list[Block] = [
            ShapeBlock(rect, p.light, name="指标卡"),
            ShapeBlock(Rect(rect.x, rect.y, rect.w, 4), p.primary, name="指标卡色条"),
        ]
        pt = self.g.pt
        pad = pt(14)
        inner = Rect(rect.x + pad, rect.y + pad, rect.w - 2 * pad, rect.h - 2 * pad)
        tag_w = pt(44) if (estimate or target) else 0.0
        label_fit = label_fit or self._card_label(card, inner.w)
        own_h = len(label_fit.lines) * label_fit.size * 1.2
        label_h = max(label_h, own_h)
        size = size or self._number_size(card, inner.w, inner.h)
        if middle:
            slack = rect.h - self._card_height(card, inner.w, label_h, size)
            if slack > 0:
                inner = Rect(inner.x, inner.y + slack / 2, inner.w, inner.h - slack / 2)
        blocks.append(TextBlock(Rect(inner.x, inner.y, inner.w - tag_w, own_h + 4),
                                (Para((Run(card.label, label_fit.size, p.text, True),), align),),
                                name="指标名称", exact=True))
        if tag_w:
            word = "预计" if estimate else "目标"
            tag = Rect(inner.right - pt(40), inner.y, pt(40), pt(20))
            blocks.append(ShapeBlock(tag, p.secondary if estimate else None,
                                     None if estimate else p.primary, name=f"{word}标记"))
            blocks.append(TextBlock(tag, (Para((Run(word, pt(11), readable(p.secondary, "FFFFFF",
                                                                       p.text) if estimate else
                                                    p.primary, True),), "c"),),
                                    anchor="m", name=f"{word}标记文字"))
        # the number at the page's size, on the row's baseline
        y = inner.y + label_h + pt(8)
        runs = []
        if card.before:
            runs.append(Run(card.before, size / 2, p.text))
        runs.append(Run(card.number, size, p.primary, True))
        if card.after:
            runs.append(Run(card.after, size / 2, p.text))
        number_h = size * 1.25
        blocks.append(TextBlock(Rect(inner.x, y, inner.w, number_h), (Para(tuple(runs), align),),
                                anchor="b", spacing=1.0, name="数值", wrap=False))
        y += number_h + pt(6)
        if card.change is not None:
            up = (card.change.value or 0) > 0
            down = (card.change.value or 0) < 0
            arrow = f"▲{NBSP}" if up else (f"▼{NBSP}" if down else "")  # never alone
            colour = RISE if up else (FALL if down else p.muted)
            # measured at the size it is drawn: the arrow's room taken off the width
            fit = fit_text(card.change.text, inner.w - pt(20), pt(40), pt(16), 12, max_lines=2)
            text_run = Run(card.change.text, fit.size, p.text)
            runs2 = (Run(arrow, fit.size * 0.875, colour, True), text_run) if arrow \
                else (text_run,)
            change_h = fit.size * 1.25 * len(fit.lines)
            blocks.append(TextBlock(Rect(inner.x, y, inner.w, change_h), (Para(runs2, align),),
                                    spacing=1.25, name="变化", exact=True))
            y += change_h + pt(4)
        if card.note and y < inner.bottom - 12:
            fit = fit_text(card.note, inner.w, inner.bottom - y, pt(12), 10, spacing=1.25)
            if not fit.fits:
                self.warnings.append(note("layout-card-note-long", label=card.label))
            blocks.append(TextBlock(Rect(inner.x, y, inner.w, inner.bottom - y),
                                    (Para((Run(card.note, fit.size, p.muted),), align),),
                                    spacing=1.25, name="备注", exact=True))
        elif card.note:
            self.warnings.append(note("layout-card-note-dropped", label=card.label))
        return blocks

    # --- charts, tables, bullets ----------------------------------------------------------
    def chart_block(self, chart: Chart, rect: Rect) -> ChartBlock:
        p = self.p
        muted = legible(p.muted, self.brand.background)
        return ChartBlock(rect, chart, decide_look(chart, rect, p.chart_colours, p.text, muted,
                                                   self.brand.font_latin, self.brand.font_ea))

    def _chart(self, slide: Slide) -> list[Block]:
        assert slide.chart is not None
        if not slide.lines:
            return [self.chart_block(slide.chart, self.g.content)]
        return [self.chart_block(slide.chart, self.g.chart_area),
                *self._bullets(slide.lines, self.g.chart_text, numbered=False,
                               max_size=self.g.pt(grid.CHART_BODY_MAX), anchor="m")]

    def _bullets(self, lines: tuple[str, ...], rect: Rect, numbered: bool,
                 max_size: float = 0.0, anchor: str = "t") -> list[Block]:
        if not lines:
            return []
        max_size = max_size or self.g.pt(grid.BODY_MAX)
        body_min = self.g.pt(grid.BODY_MIN)
        style = self.deck.info.numbering
        marks = [(heading_number(2, i + 1, style) or f"{i + 1}.") if numbered else BULLET
                 for i in range(len(lines))]
        # a wide marker such as (十二) takes room from the text: measure with what is left
        widest = max((text_width(m, max_size, True) / max_size for m in marks), default=0.0)
        extra = max(0.0, widest + 0.8 - BULLET_MARKER) * max_size if numbered else 0.0
        size = bullets_size(lines, rect.w - extra, rect.h, max_size, body_min)
        if size is None:
            size = body_min
            self.warnings.append(note("layout-text-min-size"))
        paras = []
        indent = max([size * BULLET_MARKER] + [text_width(m, size, True) + size * 0.8
                                               for m in marks if numbered])
        for i, line in enumerate(lines):
            marker = Run(marks[i], size * (1 if numbered else 0.6), self.p.primary, True)
            paras.append(Para((Run(line, size, self.p.text),), marker=marker,
                              indent=indent,
                              space_before=0 if i == 0 else size * BULLET_GAP))
        return [TextBlock(rect, tuple(paras), anchor=anchor, spacing=BULLET_SPACING,
                          name="要点", exact=True)]

    def _table_page(self, table: Table, lines: tuple[str, ...]) -> list[Block]:
        """A table filling the content area; a closing line (「其余N项指标……」) right under it,
        at body size."""
        if not lines:
            return [self._table(table, self.g.content)]
        pt, area = self.g.pt, self.g.content
        size = pt(grid.TABLE_LINE_SIZE)
        room = len(lines) * size * 1.5 + pt(8)
        block = self._table(table, Rect(area.x, area.y, area.w, area.h - room))
        rect = Rect(area.x, block.rect.bottom + pt(8), area.w, room - pt(8))
        paras = tuple(Para((Run(line, size, self.p.text),)) for line in lines)
        return [block, TextBlock(rect, paras, spacing=1.5, name="表注", exact=True)]

    def _table(self, table: Table, area: Rect) -> TableBlock:
        numeric = table_numeric(table)
        texts = [[cell.text for cell in row] for row in table.rows]
        fit = fit_table(table.columns, texts, numeric, area.w, area.h)
        if not fit.fits:
            self.warnings.append(note("layout-table-long"))
        return TableBlock(Rect(area.x, area.y, area.w, min(sum(fit.heights), area.h)), table,
                          fit.widths, fit.heights, fit.size, self.p.primary, "FFFFFF",
                          self.p.light if self.p.light != "FFFFFF" else "F2F2F2",
                          self.p.text, numeric)

    def _section_label(self, section: str, layout: LayoutInfo) -> list[Block]:
        """The section a content page belongs to, small at the top right (where a reader
        finds his place in a long deck); the numbered heading, as in the agenda. It stands in
        the marking's band, mirrored to the right edge; a template whose title or logo takes
        that corner gets no label rather than one drawn over them."""
        heading = self.section_headings.get(section, section)
        size = self.g.pt(grid.SECTION_LABEL_SIZE)
        mark = self.g.marking
        w = min(text_width(heading, size) + 4, self.g.width * 0.4)
        rect = Rect(self.g.width - mark.x - w, mark.y, w, mark.h)
        taken = [layout.title or self.g.title]
        taken += [Rect(d.x, d.y, d.w, d.h) for d in layout.decor if isinstance(d, DImage)]
        if any(_overlaps(rect, r) for r in taken):
            return []
        return [TextBlock(rect, (Para((Run(heading, size, self.p.muted),), "r"),),
                          anchor="t", name="章节", wrap=False)]

    # --- footer ---------------------------------------------------------------------------
    def _footer(self, slide: Slide, number: int) -> list[Block]:
        blocks: list[Block] = []
        if slide.footnotes:
            text = "\n".join(slide.footnotes)
            fit = fit_text(text, self.g.footnote.w, self.g.footnote.h,
                           self.g.pt(grid.FOOTNOTE_SIZE), grid.FOOTNOTE_MIN, spacing=1.15)
            if not fit.fits:
                self.warnings.append(note("layout-footnote-long"))
            paras = tuple(Para((Run(line, fit.size, self.p.muted),)) for line in slide.footnotes)
            blocks.append(TextBlock(self.g.footnote, paras,
                                    anchor="t", spacing=1.15, name="脚注", exact=True))
        blocks.append(TextBlock(self.g.page_number, (Para((Run(str(number), self.g.pt(10),
                                                                 self.p.muted,
                                                             field="slidenum"),), "r"),),
                                anchor="t", name="页码"))
        return blocks


def _overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def slide_grid(brand: Brand) -> Grid:
    """The grid on the template's own slide: its size, the content layout's body
    placeholder (when it has one) and the small pictures and shapes of its master (a logo, a
    badge) the content keeps clear of."""
    content = brand.layouts["content"]
    area = brand.width * brand.height
    body = next((r for idx, r in sorted(content.placeholders.items()) if idx > 0
                 and r.w * r.h > area * 0.2), None)
    obstacles = []
    for item in content.decor:
        if not isinstance(item, DImage | DRect):
            continue
        small = min(item.w, item.h) >= 4 and item.w * item.h < area * 0.12
        if small and (not isinstance(item, DRect) or item.fill is not None):
            obstacles.append(Rect(item.x, item.y, item.w, item.h))
    return grid_for(brand.width, brand.height, body, tuple(obstacles), content.title)


def title_max(layout: LayoutInfo, g: Grid) -> float:
    """A layout's title size: the template's, but a conclusion title on a content page no
    larger than 32 pt of the 960 x 540 grid (PowerPoint's own 44 pt would not hold one)."""
    if layout.role in ("content", "agenda"):
        return min(layout.title_size, g.pt(32))
    return layout.title_size


def ground_at(rect: Rect, layout: LayoutInfo, blocks: list[Block] | tuple[Block, ...],
              background: str) -> str:
    """The fill under ``rect``'s centre: our shapes (topmost first), then the layout's and
    master's decoration, then the background."""
    cx, cy = rect.x + rect.w / 2, rect.y + rect.h / 2
    for block in reversed(blocks):
        if isinstance(block, ShapeBlock) and block.fill and _inside(block.rect, cx, cy):
            return block.fill
    for item in reversed(layout.decor):
        if isinstance(item, DRect) and item.fill and _inside(Rect(item.x, item.y, item.w,
                                                                  item.h), cx, cy):
            return item.fill
    return background


def _inside(r: Rect, x: float, y: float) -> bool:
    return r.x <= x <= r.right and r.y <= y <= r.bottom


def place_deck(deck: Deck, brand: Brand) -> tuple[list[PlacedSlide], list[Note]]:
    """Every slide placed, its text typeset (，：（）) before it is measured; the .pptx and
    the preview both draw what this returns."""
    deck = join_deck(typeset_deck(deck))  # numbers kept with their units: no hard breaks
    layouter = SlideLayouter(brand, deck)
    placed = []
    warnings: list[Note] = []
    for i, slide in enumerate(deck.slides, start=1):
        ps = layouter.place(slide, i)
        placed.append(ps)
        warnings += [note("layout-on-slide", page=i, note=w) for w in ps.warnings]
    return one_title_size_per_layout(placed, layouter.g), warnings


def one_title_size_per_layout(placed: list[PlacedSlide], g: Grid) -> list[PlacedSlide]:
    """All titles of one layout in one size: the template's, or — when a title does not fit
    one line at it — the largest size at which every title of that layout fits one line,
    down to the documented limit (grid.TITLE_MIN, 22 pt, or 70 % of the template's size);
    past it, two lines at one size for all. One title never shrinks alone."""
    by_role: dict[str, list[int]] = {}
    for i, ps in enumerate(placed):
        if ps.title:
            by_role.setdefault(ps.role, []).append(i)
    out = list(placed)
    for indices in by_role.values():
        layout = placed[indices[0]].layout
        rect = placed[indices[0]].title_rect
        top = title_max(layout, g)
        low = min(top, max(g.pt(grid.TITLE_MIN), top * 0.7))
        titles = [placed[i].title for i in indices]

        def one_line(size: float, rect: Rect = rect, titles: list[str] = titles) -> bool:
            return size * 1.1 <= rect.h + 0.5 and all(
                text_width(t, size, True) <= rect.w for t in titles)

        size = top
        while size - 1 >= low - 1e-9 and not one_line(size):
            size -= 1
        if not one_line(size):  # past the limit: two lines, at one size for all
            size = top
            while size - 1 >= low * 0.8 - 1e-9 and not all(
                    fit_title(t, rect.w, rect.h, size, size).fits for t in titles):
                size -= 1
        for i in indices:
            fit = fit_title(placed[i].title, rect.w, rect.h, size, size)
            lines, chosen = title_lines(placed[i].title, fit, rect.w)
            out[i] = replace(placed[i], title_size=fit.size, title_lines=lines,
                             title_break=chosen)
    return out


CLAUSE_ENDS = "，；：、"


def title_lines(title: str, fit: Fit, width: float) -> tuple[tuple[str, ...], bool]:
    """How a title is written: one line as it is; on two lines, broken after the clause
    nearest the middle when both halves fit a line (a break a writer would choose, which
    still reads right after an edit) — else not broken at all: the program wraps it (the
    measured lines are for the preview)."""
    if len(fit.lines) < 2:
        return fit.lines, False
    bold = True
    best: tuple[float, int] | None = None
    for k, ch in enumerate(title[:-1]):
        if ch not in CLAUSE_ENDS:
            continue
        head, tail = title[:k + 1], title[k + 1:]
        if max(text_width(head, fit.size, bold), text_width(tail, fit.size, bold)) <= width:
            balance = abs(len(head) - len(tail))
            if best is None or balance < best[0]:
                best = (balance, k + 1)
    if best is not None and len(fit.lines) == 2:
        return (title[:best[1]], title[best[1]:]), True
    return fit.lines, False
