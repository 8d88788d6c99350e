"""Paint a preview display list (render.display) with QPainter — nothing but what it says."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)

from xzbrief.render.display import DImage, DLine, DRect, DText, DWedge, SlideDisplay

# Chinese fonts by platform; Qt falls back to the Japanese variant of Noto CJK without this.
FONT_FAMILIES = ["Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei", "sans-serif"]
_ALIGN = {"l": Qt.AlignmentFlag.AlignLeft, "c": Qt.AlignmentFlag.AlignHCenter,
          "r": Qt.AlignmentFlag.AlignRight}
_images: dict[int, QImage] = {}


def ui_font(size_pt: float | None = None, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    if size_pt is not None:
        font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


def _colour(hex_colour: str) -> QColor:
    return QColor(f"#{hex_colour}")


def _image(data: bytes) -> QImage:
    key = hash(data)
    if key not in _images:
        _images[key] = QImage.fromData(data)
    return _images[key]


def paint_slide(p: QPainter, display: SlideDisplay, target: QRectF) -> None:
    """Scale the slide into ``target`` (aspect kept) and paint every primitive."""
    scale = min(target.width() / display.width, target.height() / display.height)
    ox = target.x() + (target.width() - display.width * scale) / 2
    oy = target.y() + (target.height() - display.height * scale) / 2
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.translate(ox, oy)
    p.scale(scale, scale)
    p.setClipRect(QRectF(0, 0, display.width, display.height))
    p.fillRect(QRectF(0, 0, display.width, display.height), _colour(display.background))
    dpi = p.device().logicalDpiY() or 96
    for item in display.items:
        if isinstance(item, DRect):
            pen = QPen(Qt.PenStyle.NoPen)
            if item.line:
                pen = QPen(_colour(item.line), item.line_width)
                if item.dashed:
                    pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(QBrush(_colour(item.fill)) if item.fill else Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(item.x, item.y, item.w, item.h))
        elif isinstance(item, DLine):
            pen = QPen(_colour(item.color), item.width)
            if item.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            pts = [QPointF(x, y) for x, y in item.points]
            for a, b in pairwise(pts):
                p.drawLine(a, b)
        elif isinstance(item, DText):
            _text(p, item, dpi)
        elif isinstance(item, DWedge):
            _wedge(p, item)
        elif isinstance(item, DImage):
            p.drawImage(QRectF(item.x, item.y, item.w, item.h), _image(item.data))
    p.restore()


def _text(p: QPainter, item: DText, dpi: float) -> None:
    font = ui_font(bold=item.bold)
    font.setPointSizeF(max(item.size * 72.0 / dpi, 0.5))
    p.setFont(font)
    p.setPen(_colour(item.color))
    line_h = item.size * item.spacing
    total = line_h * len(item.lines)
    y = item.y + {"t": 0.0, "m": (item.h - total) / 2, "b": item.h - total}.get(item.anchor, 0.0)
    flags = _ALIGN.get(item.align, Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter
    for line in item.lines:
        p.drawText(QRectF(item.x, y, max(item.w, 1.0), line_h), int(flags), line)
        y += line_h


def _wedge(p: QPainter, w: DWedge) -> None:
    outer = QRectF(w.cx - w.r_outer, w.cy - w.r_outer, 2 * w.r_outer, 2 * w.r_outer)
    inner = QRectF(w.cx - w.r_inner, w.cy - w.r_inner, 2 * w.r_inner, 2 * w.r_inner)
    start = 90.0 - w.start  # Qt: counter-clockwise from 3 o'clock
    path = QPainterPath()
    path.arcMoveTo(outer, start)
    path.arcTo(outer, start, -w.sweep)
    path.arcTo(inner, start - w.sweep, w.sweep)
    path.closeSubpath()
    p.setPen(QPen(_colour(w.line), 1.0) if w.line else Qt.PenStyle.NoPen)
    p.setBrush(QBrush(_colour(w.fill)))
    p.drawPath(path)


def render_image(display: SlideDisplay, width: int, device_ratio: float = 1.0) -> QImage:
    """The slide as an image ``width`` pixels wide (thumbnails, screenshots, tests)."""
    height = round(width * display.height / display.width)
    image = QImage(round(width * device_ratio), round(height * device_ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(device_ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_slide(painter, display, QRectF(0, 0, width, height))
    painter.end()
    return image


def render_pixmap(display: SlideDisplay, width: int, device_ratio: float = 1.0) -> QPixmap:
    return QPixmap.fromImage(render_image(display, width, device_ratio))


# a chosen slide or brand is framed; its picture keeps its own colours (no selection tint)
FRAMED_SELECTION = """
QListWidget::item { border: 2px solid transparent; border-radius: 4px; padding: 2px; }
QListWidget::item:selected, QListWidget::item:selected:active,
QListWidget::item:selected:!active { background: transparent; color: palette(text);
                                     border: 2px solid #c8161d; }
QListWidget::item:hover:!selected { border: 2px solid #e4b8ba; }
"""


def untinted_icon(picture: QPixmap) -> QIcon:
    """An icon whose selected state is the picture itself, not Qt's blue-tinted copy: a
    slide's or brand's colours are what the user is choosing by."""
    icon = QIcon(picture)
    icon.addPixmap(picture, QIcon.Mode.Selected)
    return icon
