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
SECTION_LABEL = Rect(SLIDE_W - 36.0 - 400.0, 7.0, 400.0, 14.0)  # top right, opposite the marking

# Type sizes (pt), from the briefing conventions.
TITLE_MAX, TITLE_MIN = 28.0, 22.0
BODY_MAX, BODY_MIN = 20.0, 16.0
FIGURE_MAX, FIGURE_MIN = 54.0, 36.0
FOOTNOTE_SIZE, FOOTNOTE_MIN = 10.0, 8.0
LABEL_SIZE = 14.0
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
