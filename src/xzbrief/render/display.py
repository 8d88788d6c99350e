"""The preview display list: boxes, text, lines, wedges and images in slide points.

The GUI paints these with QPainter and nothing else, so the preview shows exactly what the
layout placed — the same layout the PPTX writer uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DRect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None  # 'RRGGBB'
    line: str | None = None
    line_width: float = 0.75
    dashed: bool = False


@dataclass(frozen=True)
class DLine:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class DText:
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    size: float
    color: str = "333333"
    bold: bool = False
    align: str = "l"  # l / c / r
    anchor: str = "t"  # t / m / b
    spacing: float = 1.2


@dataclass(frozen=True)
class DWedge:
    """A ring segment (doughnut): angles in degrees, clockwise from 12 o'clock."""

    cx: float
    cy: float
    r_outer: float
    r_inner: float
    start: float
    sweep: float
    fill: str
    line: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class DImage:
    x: float
    y: float
    w: float
    h: float
    data: bytes = field(repr=False)


Primitive = DRect | DLine | DText | DWedge | DImage


@dataclass(frozen=True)
class SlideDisplay:
    width: float
    height: float
    background: str
    items: tuple[Primitive, ...]
