"""The slide grid in points (16:9, 960 x 540 pt), shared by the planner (to fit text) and the
renderers (to place it). The built-in templates are drawn on the same grid."""

from __future__ import annotations

from dataclasses import dataclass

SLIDE_W = 960.0
SLIDE_H = 540.0
EMU_PER_PT = 12700


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


MARGIN = 36.0  # 0.5 in
TITLE = Rect(36.0, 21.6, 806.4, 61.2)  # the built-in 内容 layout's title placeholder
CONTENT = Rect(36.0, 97.2, 888.0, 388.8)  # 1.35 in .. 6.75 in
FOOTNOTE = Rect(36.0, 493.0, 810.0, 40.0)
PAGE_NUMBER = Rect(864.0, 496.0, 60.0, 20.0)
MARKING = Rect(36.0, 7.0, 360.0, 14.0)

# Type sizes (pt), from the briefing conventions.
TITLE_MAX, TITLE_MIN = 28.0, 22.0
BODY_MAX, BODY_MIN = 20.0, 16.0
FIGURE_MAX, FIGURE_MIN = 54.0, 36.0
FOOTNOTE_SIZE, FOOTNOTE_MIN = 10.0, 8.0
LABEL_SIZE = 14.0
TABLE_LINE_SIZE = 14.0  # the line under a table (「其余N项指标……」), as its cells
SECTION_LABEL_SIZE = 10.0
MAX_BULLETS = 6
MAX_CARDS = 6
MAX_TABLE_ROWS = 10
CHART_SHARE = 0.62  # a chart slide: chart on the left, narrative on the right
CHART_BODY_MAX = 18.0  # the narrative beside a chart
CHART_AREA = Rect(CONTENT.x, CONTENT.y, CONTENT.w * CHART_SHARE, CONTENT.h)
CHART_TEXT = Rect(CHART_AREA.right + 24, CONTENT.y + 10, CONTENT.right - CHART_AREA.right - 24,
                  CONTENT.h - 20)
BULLETS = CONTENT.inset(8, 4)  # highlights and free text pages
CARD_W = 320.0  # one or two key figures stand left of their narrative
CARD_TEXT = Rect(CONTENT.x + CARD_W + 36, CONTENT.y + 10, CONTENT.w - CARD_W - 36,
                 CONTENT.h - 20)
CARD_ROW_SHARE = 0.45  # a row of three cards with highlights under it: the cards' share
CARDS_BELOW_GAP = 20.0
# where highlights stand under a row of three cards (the planner measures against this)
CARDS_BELOW = Rect(BULLETS.x, CONTENT.y + CONTENT.h * CARD_ROW_SHARE + CARDS_BELOW_GAP,
                   BULLETS.w, CONTENT.h * (1 - CARD_ROW_SHARE) - CARDS_BELOW_GAP - 4)


# --- the grid of any slide size -----------------------------------------------------------
@dataclass(frozen=True)
class Grid:
    """The same grid on a slide of any size and aspect (16:9, 16:10, 4:3 …): positions in
    proportion to the slide, type sizes by ``scale`` (the square root of the area ratio to
    960 x 540 pt, between 0.75 and 1, so 16 pt body text never drops below 12 pt). The module
    constants above are ``grid_for(960, 540)``; the planner measures against those, and the
    layout refits its text in this grid."""

    width: float
    height: float
    scale: float
    title: Rect
    content: Rect
    footnote: Rect
    page_number: Rect
    marking: Rect

    @property
    def chart_area(self) -> Rect:
        c = self.content
        return Rect(c.x, c.y, c.w * CHART_SHARE, c.h)

    @property
    def chart_text(self) -> Rect:
        c, a = self.content, self.chart_area
        gap = 24 * self.scale
        return Rect(a.right + gap, c.y + 10 * self.scale, c.right - a.right - gap,
                    c.h - 20 * self.scale)

    @property
    def bullets(self) -> Rect:
        return self.content.inset(8 * self.scale, 4 * self.scale)

    @property
    def card_w(self) -> float:
        return min(CARD_W * self.width / SLIDE_W, self.content.w * 0.4)

    @property
    def card_text(self) -> Rect:
        c = self.content
        gap = 36 * self.scale
        return Rect(c.x + self.card_w + gap, c.y + 10 * self.scale,
                    c.w - self.card_w - gap, c.h - 20 * self.scale)

    def pt(self, size: float) -> float:
        """A type size (or a small gap) of the 960 x 540 grid on this slide, to 0.5 pt."""
        return round(size * self.scale * 2) / 2


def grid_for(width: float, height: float, body: Rect | None = None,
             obstacles: tuple[Rect, ...] = (), title_box: Rect | None = None) -> Grid:
    """The grid of a ``width`` x ``height`` slide. ``body``: the template's own body area
    (its body placeholder), used for the content when it lies on the slide; ``obstacles``:
    the master's small pictures and shapes (a logo, a badge) the content, footnotes and page
    number keep clear of; ``title_box``: the template's title placeholder, which the content
    starts below."""
    fx, fy = width / SLIDE_W, height / SLIDE_H
    scale = min(1.0, max(0.75, (fx * fy) ** 0.5))

    def r(rect: Rect) -> Rect:
        return Rect(rect.x * fx, rect.y * fy, rect.w * fx, rect.h * fy)

    title, content, footnote = r(TITLE), r(CONTENT), r(FOOTNOTE)
    page = Rect(PAGE_NUMBER.x * fx, PAGE_NUMBER.y * fy, PAGE_NUMBER.w * fx, 20 * scale)
    marking = Rect(MARKING.x * fx, MARKING.y * fy, MARKING.w * fx, 14 * scale)
    if body is not None and body.w > content.w * 0.5 and body.h > content.h * 0.5:
        top = max(body.y, content.y * 0.8)
        bottom = min(body.bottom, footnote.y - 4 * scale)
        left = max(body.x, MARGIN * fx * 0.5)
        right = min(body.right, width - MARGIN * fx * 0.5)
        if bottom - top > content.h * 0.5 and right - left > content.w * 0.5:
            content = Rect(left, top, right - left, bottom - top)
    if title_box is not None and title_box.bottom + 8 * scale > content.y:
        top = title_box.bottom + 8 * scale
        content = Rect(content.x, top, content.w, content.bottom - top)
    for ob in obstacles:  # footnotes and page number keep clear of a logo at the bottom
        if _overlaps(ob, page):
            page = Rect(ob.x - page.w - 4 * scale, page.y, page.w, page.h)
        if _overlaps(ob, footnote) and ob.x > footnote.x + footnote.w * 0.5:
            footnote = Rect(footnote.x, footnote.y, min(footnote.w, page.x - 8 * scale
                                                        - footnote.x, ob.x - 8 * scale
                                                        - footnote.x), footnote.h)
    for ob in obstacles:  # keep clear of a logo or badge that reaches into the content
        if not _overlaps(ob, content):
            continue
        if ob.x >= content.x + content.w * 0.6:
            content = Rect(content.x, content.y, ob.x - 8 * scale - content.x, content.h)
        elif ob.right <= content.x + content.w * 0.4:
            content = Rect(ob.right + 8 * scale, content.y, content.right - ob.right
                           - 8 * scale, content.h)
        elif ob.y >= content.y + content.h * 0.6:
            content = Rect(content.x, content.y, content.w, ob.y - 8 * scale - content.y)
        elif ob.bottom <= content.y + content.h * 0.4:
            content = Rect(content.x, ob.bottom + 8 * scale, content.w,
                           content.bottom - ob.bottom - 8 * scale)
    return Grid(width, height, scale, title, content, footnote, page, marking)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom
