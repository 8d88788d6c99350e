"""Where everything on a slide goes: the deck model laid out on the grid, in points.

Both renderers consume this and nothing else — the PPTX writer turns blocks into shapes,
native charts and tables; the preview turns them into display primitives — so the preview and
the deck cannot disagree. Text is measured and fitted here (python-pptx's autofit does nothing
until PowerPoint edits the text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xzbrief.dataset.model import Status
from xzbrief.deck import grid
from xzbrief.deck.grid import Rect
from xzbrief.deck.model import Card, Chart, Deck, Slide, SlideKind, Table, table_numeric
from xzbrief.deck.textfit import (
    BULLET_GAP,
    BULLET_MARKER,
    BULLET_SPACING,
    bullets_size,
    fit_table,
    fit_text,
    fit_title,
    text_width,
)
from xzbrief.deck.typeset import typeset_deck
from xzbrief.deck.wording import heading_number
from xzbrief.render.brand import Brand, LayoutInfo

ESTIMATE_TINT = 0.55  # estimates: the series colour mixed this much with white
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


@dataclass(frozen=True)
class ChartBlock:
    rect: Rect
    chart: Chart
    colours: tuple[str, ...]  # series colours
    text_color: str
    font_latin: str
    font_ea: str


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
    warnings: tuple[str, ...] = field(default=())

    @property
    def title_rect(self) -> Rect:
        """Where the title stands: the layout's title placeholder, or the grid's title box
        when the layout has none (both renderers draw it there)."""
        return self.layout.title or grid.TITLE


def tint(hex_colour: str, amount: float) -> str:
    """Mix with white: amount 0 = the colour, 1 = white."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "".join(f"{c:02X}" for c in mix)


class SlideLayouter:
    def __init__(self, brand: Brand, deck: Deck) -> None:
        self.brand = brand
        self.deck = deck
        self.p = brand.palette
        self.warnings: list[str] = []
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
                blocks.append(self._table(slide.table, grid.CONTENT))
            case SlideKind.HIGHLIGHTS:
                blocks += self._bullets(slide.lines, grid.CONTENT.inset(8, 4), numbered=False)
            case SlideKind.TEXT:
                blocks += self._bullets(slide.lines, grid.CONTENT.inset(8, 4), numbered=True)
            case SlideKind.CLOSING:
                pass
        if role in ("content", "agenda"):
            blocks += self._footer(slide, number)
        if role == "content" and slide.section:
            blocks.append(self._section_label(slide.section))
        if self.deck.info.marking and role != "closing":
            blocks.append(TextBlock(grid.MARKING, (Para((Run(self.deck.info.marking, 10,
                                                              self.p.primary, True),)),),
                                    name="标记"))
        size, lines = self._fit_title(slide.title, layout)
        return PlacedSlide(role, layout, slide.title, size, lines, placeholders, tuple(blocks),
                           slide.notes, tuple(self.warnings))

    def _fit_title(self, title: str, layout: LayoutInfo) -> tuple[float, tuple[str, ...]]:
        rect = layout.title or grid.TITLE  # as PlacedSlide.title_rect
        low = min(layout.title_size, max(grid.TITLE_MIN, layout.title_size * 0.7))
        fit = fit_title(title, rect.w, rect.h, layout.title_size, low)
        if not fit.fits:
            self.warnings.append(f"标题「{title}」过长,已缩小到 {fit.size:g} 磅仍可能超出标题框")
        return fit.size, fit.lines

    # --- cover / agenda / section ---------------------------------------------------------
    def _cover(self, slide: Slide, layout: LayoutInfo
               ) -> tuple[dict[int, tuple[Para, ...]], list[Block]]:
        values = {1: (slide.subtitle, 24.0, self.p.text), 10: (slide.organisation, 20.0,
                                                              self.p.text),
                  11: (slide.date, 18.0, self.p.muted)}
        title = layout.title or grid.TITLE
        placeholders: dict[int, tuple[Para, ...]] = {}
        blocks: list[Block] = []
        y = title.bottom + 12
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
            y = rect.bottom + 8
        return placeholders, blocks

    def _agenda(self, slide: Slide) -> list[Block]:
        items = list(slide.lines)
        box = grid.CONTENT.inset(60, 10)
        n = max(len(items), 1)
        pitch, gap = 1.3, 0.7  # em per line (exact), em between items
        size = float(int(min(26.0, box.h / (n * pitch + (n - 1) * gap))))
        longest = max((text_width(item, size) for item in items), default=0.0)
        if longest > box.w:
            size = max(12.0, float(int(size * box.w / longest)))
        if size < 16:
            self.warnings.append("目录条目较多,已缩小字号")
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
        title = layout.title or grid.TITLE
        top = min(title.bottom + 36, grid.SLIDE_H - 120)
        rect = Rect(title.x, top, min(title.w, grid.CONTENT.w), grid.SLIDE_H - 60 - top)
        fit = fit_text(slide.subtitle, rect.w, rect.h, 18, 14, spacing=1.4)
        return [TextBlock(rect, (Para((Run(slide.subtitle, fit.size, self.p.muted),)),),
                          spacing=1.4, name="导语", exact=True)]

    # --- key figures ----------------------------------------------------------------------
    def _cards(self, cards: tuple[Card, ...], lines: tuple[str, ...] = ()) -> list[Block]:
        """A grid of cards; one or two cards stand left of their narrative, both centred on
        the content area."""
        n = len(cards)
        gap = 16.0
        area = grid.CONTENT
        extra: list[Block] = []
        if lines and n <= 2:
            cols = 1
            extra = self._bullets(lines, grid.CARD_TEXT, numbered=False,
                                  max_size=grid.CHART_BODY_MAX, anchor="m")
            area = Rect(area.x, area.y, grid.CARD_W, area.h)
            max_h = 220.0 if n == 1 else 180.0
        else:
            cols = n if n <= 3 else (2 if n == 4 else 3)
            max_h = 250.0
        rows = -(-n // cols)
        w = (area.w - (cols - 1) * gap) / cols
        h = min((area.h - (rows - 1) * gap) / rows, max_h)
        top = area.y + (area.h - (rows * h + (rows - 1) * gap)) / 2
        blocks: list[Block] = []
        for i, card in enumerate(cards):
            r, c = divmod(i, cols)
            blocks += self._card(card, Rect(area.x + c * (w + gap), top + r * (h + gap), w, h))
        return blocks + extra

    def _card(self, card: Card, rect: Rect) -> list[Block]:
        p = self.p
        estimate = card.figure.status is Status.ESTIMATE
        target = card.figure.status is Status.TARGET
        blocks: list[Block] = [
            ShapeBlock(rect, p.light, name="指标卡"),
            ShapeBlock(Rect(rect.x, rect.y, rect.w, 4), p.primary, name="指标卡色条"),
        ]
        pad = 14.0
        inner = Rect(rect.x + pad, rect.y + pad, rect.w - 2 * pad, rect.h - 2 * pad)
        tag_w = 44.0 if (estimate or target) else 0.0
        label_fit = fit_text(card.label, inner.w - tag_w, 16 * 1.2 * 2, 16, 12, max_lines=2)
        if not label_fit.fits:
            self.warnings.append(f"指标名称「{card.label}」较长,卡片中已缩小字号")
        label_h = len(label_fit.lines) * label_fit.size * 1.2
        blocks.append(TextBlock(Rect(inner.x, inner.y, inner.w - tag_w, label_h + 4),
                                (Para((Run(card.label, label_fit.size, p.text, True),)),),
                                name="指标名称", exact=True))
        if tag_w:
            word = "预计" if estimate else "目标"
            tag = Rect(inner.right - 40, inner.y, 40, 20)
            blocks.append(ShapeBlock(tag, p.secondary if estimate else None,
                                     None if estimate else p.primary, name=f"{word}标记"))
            blocks.append(TextBlock(tag, (Para((Run(word, 11, "FFFFFF" if estimate else
                                                    p.primary, True),), "c"),),
                                    anchor="m", name=f"{word}标记文字"))
        # the number: as large as fits, unit and qualifier at half size beside it
        size = grid.FIGURE_MAX
        while size > 24:
            width = (text_width(card.number, size) + text_width(card.before + card.after,
                                                               size / 2))
            if width <= inner.w * 0.95 and size * 1.25 <= inner.h * 0.42:
                break
            size -= 2
        y = inner.y + label_h + 8
        runs = []
        if card.before:
            runs.append(Run(card.before, size / 2, p.text))
        runs.append(Run(card.number, size, p.primary, True))
        if card.after:
            runs.append(Run(card.after, size / 2, p.text))
        number_h = size * 1.25
        blocks.append(TextBlock(Rect(inner.x, y, inner.w, number_h), (Para(tuple(runs)),),
                                anchor="b", spacing=1.0, name="数值", wrap=False))
        y += number_h + 6
        if card.change is not None:
            up = (card.change.value or 0) > 0
            down = (card.change.value or 0) < 0
            arrow = "▲ " if up else ("▼ " if down else "")
            colour = RISE if up else (FALL if down else p.muted)
            # measured at the size it is drawn: the arrow's room taken off the width
            fit = fit_text(card.change.text, inner.w - 20, 40, 16, 12, max_lines=2)
            text_run = Run(card.change.text, fit.size, p.text)
            runs2 = (Run(arrow, fit.size * 0.875, colour, True), text_run) if arrow \
                else (text_run,)
            change_h = fit.size * 1.25 * len(fit.lines)
            blocks.append(TextBlock(Rect(inner.x, y, inner.w, change_h), (Para(runs2),),
                                    spacing=1.25, name="变化", exact=True))
            y += change_h + 4
        if card.note and y < inner.bottom - 12:
            fit = fit_text(card.note, inner.w, inner.bottom - y, 12, 10, spacing=1.25)
            if not fit.fits:
                self.warnings.append(f"「{card.label}」的备注较长,卡片中可能显示不全")
            blocks.append(TextBlock(Rect(inner.x, y, inner.w, inner.bottom - y),
                                    (Para((Run(card.note, fit.size, p.muted),)),),
                                    spacing=1.25, name="备注", exact=True))
        elif card.note:
            self.warnings.append(f"「{card.label}」的备注放不下,仅保留在备注页")
        return blocks

    # --- charts, tables, bullets ----------------------------------------------------------
    def chart_block(self, chart: Chart, rect: Rect) -> ChartBlock:
        p = self.p
        return ChartBlock(rect, chart, p.chart_colours, p.text, self.brand.font_latin,
                          self.brand.font_ea)

    def _chart(self, slide: Slide) -> list[Block]:
        assert slide.chart is not None
        if not slide.lines:
            return [self.chart_block(slide.chart, grid.CONTENT)]
        return [self.chart_block(slide.chart, grid.CHART_AREA),
                *self._bullets(slide.lines, grid.CHART_TEXT, numbered=False,
                               max_size=grid.CHART_BODY_MAX, anchor="m")]

    def _bullets(self, lines: tuple[str, ...], rect: Rect, numbered: bool,
                 max_size: float = grid.BODY_MAX, anchor: str = "t") -> list[Block]:
        if not lines:
            return []
        style = self.deck.info.numbering
        marks = [(heading_number(2, i + 1, style) or f"{i + 1}.") if numbered else BULLET
                 for i in range(len(lines))]
        # a wide marker such as (十二) takes room from the text: measure with what is left
        widest = max((text_width(m, max_size, True) / max_size for m in marks), default=0.0)
        extra = max(0.0, widest + 0.8 - BULLET_MARKER) * max_size if numbered else 0.0
        size = bullets_size(lines, rect.w - extra, rect.h, max_size, grid.BODY_MIN)
        if size is None:
            size = grid.BODY_MIN
            self.warnings.append("文字较多,已按最小字号排版,可能超出版面")
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

    def _table(self, table: Table, area: Rect) -> TableBlock:
        numeric = table_numeric(table)
        texts = [[cell.text for cell in row] for row in table.rows]
        fit = fit_table(table.columns, texts, numeric, area.w, area.h)
        if not fit.fits:
            self.warnings.append("表格行数较多,可能超出版面")
        return TableBlock(Rect(area.x, area.y, area.w, min(sum(fit.heights), area.h)), table,
                          fit.widths, fit.heights, fit.size, self.p.primary, "FFFFFF",
                          self.p.light if self.p.light != "FFFFFF" else "F2F2F2",
                          self.p.text, numeric)

    def _section_label(self, section: str) -> TextBlock:
        """The section a content page belongs to, small at the top right (where a reader
        finds his place in a long deck); the numbered heading, as in the agenda."""
        heading = self.section_headings.get(section, section)
        return TextBlock(grid.SECTION_LABEL, (Para((Run(heading, grid.SECTION_LABEL_SIZE,
                                                        self.p.muted),), "r"),),
                         anchor="t", name="章节", wrap=False)

    # --- footer ---------------------------------------------------------------------------
    def _footer(self, slide: Slide, number: int) -> list[Block]:
        blocks: list[Block] = []
        if slide.footnotes:
            text = "\n".join(slide.footnotes)
            fit = fit_text(text, grid.FOOTNOTE.w, grid.FOOTNOTE.h, grid.FOOTNOTE_SIZE,
                           grid.FOOTNOTE_MIN, spacing=1.15)
            if not fit.fits:
                self.warnings.append("脚注较长,已缩到 8 磅仍可能显示不全")
            paras = tuple(Para((Run(line, fit.size, self.p.muted),)) for line in slide.footnotes)
            blocks.append(TextBlock(grid.FOOTNOTE, paras,
                                    anchor="t", spacing=1.15, name="脚注", exact=True))
        blocks.append(TextBlock(grid.PAGE_NUMBER, (Para((Run(str(number), 10, self.p.muted,
                                                             field="slidenum"),), "r"),),
                                anchor="t", name="页码"))
        return blocks


def place_deck(deck: Deck, brand: Brand) -> tuple[list[PlacedSlide], list[str]]:
    """Every slide placed, its text typeset (，：（）) before it is measured; the .pptx and
    the preview both draw what this returns."""
    deck = typeset_deck(deck)
    layouter = SlideLayouter(brand, deck)
    placed = []
    warnings: list[str] = []
    for i, slide in enumerate(deck.slides, start=1):
        ps = layouter.place(slide, i)
        placed.append(ps)
        warnings += [f"第 {i} 页:{w}" for w in ps.warnings]
    return placed, warnings
