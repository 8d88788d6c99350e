"""The preview: thumbnails of every slide and a large view of the selected one, painted from
the display list the renderer produced (no LibreOffice needed)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from xzbrief.deck.typeset import typeset
from xzbrief.gui.painter import (
    FRAMED_SELECTION,
    paint_slide,
    render_pixmap,
    ui_font,
    untinted_icon,
)
from xzbrief.gui.session import Session
from xzbrief.gui.strings import LANGUAGE, texts
from xzbrief.render.display import SlideDisplay

THUMB_W = 168


class SlideCanvas(QWidget):
    """One slide, as large as fits, with a thin shadow frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.display: SlideDisplay | None = None
        self.empty_text = ""
        self.setMinimumSize(320, 180)

    def show_slide(self, display: SlideDisplay | None) -> None:
        self.display = display
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#e9e9ec"))
        margin = 16
        area = QRectF(margin, margin, self.width() - 2 * margin, self.height() - 2 * margin)
        if self.display is None:
            p.setPen(QColor("#777"))
            p.setFont(ui_font(12))
            p.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                       self.empty_text)
            return
        d = self.display
        scale = min(area.width() / d.width, area.height() / d.height)
        w, h = d.width * scale, d.height * scale
        frame = QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2,
                       w, h)
        p.fillRect(frame.translated(3, 3), QColor(0, 0, 0, 40))
        paint_slide(p, d, frame)
        p.end()


class SlideView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListView.ViewMode.ListMode)
        self.thumbs.setIconSize(QSize(THUMB_W, round(THUMB_W * 9 / 16)))
        self.thumbs.setSpacing(4)
        self.thumbs.setStyleSheet(FRAMED_SELECTION)
        self.thumbs.setUniformItemSizes(True)
        self.thumbs.setMinimumWidth(THUMB_W + 40)
        self.thumbs.setMaximumWidth(THUMB_W + 60)
        self.thumbs.currentRowChanged.connect(self._select)
        self.canvas = SlideCanvas()
        self.caption = QLabel()
        self.caption.setStyleSheet("color: #555")
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.canvas, 1)
        lay.addWidget(self.caption)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.thumbs)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self._icons: dict[int, QIcon] = {}
        self._row_keys: dict[int, int] = {}
        session.deck_changed.connect(self.refresh)
        session.selection_emptied.connect(self.refresh)
        LANGUAGE.changed.connect(self.retranslate)

    def retranslate(self, _language: str = "") -> None:
        self.refresh()

    @property
    def count(self) -> int:
        return self.thumbs.count()

    def refresh(self) -> None:
        """New displays: thumbnails come from a cache keyed by slide content, so a click that
        changes one slide repaints one thumbnail even when later slides shift."""
        # nothing ticked: an empty state, not the last deck (nor the whole deck)
        displays = [] if self.session.empty_selection else self.session.displays
        keep = max(self.thumbs.currentRow(), 0)
        ratio = self.devicePixelRatioF()
        fresh: dict[int, QIcon] = {}
        self.thumbs.blockSignals(True)
        while self.thumbs.count() > len(displays):
            self.thumbs.takeItem(self.thumbs.count() - 1)
        for gone in [i for i in self._row_keys if i >= len(displays)]:
            del self._row_keys[gone]  # a row added back later must get its picture again
        for i, d in enumerate(displays):
            key = hash(d)
            icon = self._icons.get(key) or fresh.get(key)
            if icon is None:
                icon = untinted_icon(render_pixmap(d, THUMB_W, ratio))
            fresh[key] = icon
            if i >= self.thumbs.count():
                self.thumbs.addItem(QListWidgetItem())
            item = self.thumbs.item(i)
            if self._row_keys.get(i) != key:
                item.setIcon(icon)
                item.setText(str(i + 1))
                self._row_keys[i] = key
        self._icons = fresh
        self.thumbs.blockSignals(False)
        t = texts()
        s = self.session
        if s.empty_selection == "themes":
            self.canvas.empty_text = t.empty_themes
        elif s.empty_selection == "regions":
            self.canvas.empty_text = t.empty_regions
        elif s.last is not None and s.last.errors and s.dataset is None:
            self.canvas.empty_text = t.data_has_errors
        elif s.workbook is None:
            self.canvas.empty_text = t.no_dataset
        else:
            self.canvas.empty_text = t.no_slides
        if displays:
            row = min(keep, len(displays) - 1)
            self.thumbs.setCurrentRow(row)
            self._select(row)
        else:
            self.canvas.show_slide(None)
            self.caption.setText("")

    def _select(self, row: int) -> None:
        displays = self.session.displays
        if 0 <= row < len(displays):
            self.canvas.show_slide(displays[row])
            deck = self.session.deck
            title = typeset(deck.slides[row].title) \
                if deck is not None and row < len(deck.slides) else ""  # as the slide shows it
            self.caption.setText(f"{row + 1} / {len(displays)} · {title}")
