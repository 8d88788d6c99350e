"""Scrolling a panel must not change its settings: combo boxes and spin boxes take the mouse
wheel only once they have focus (a click or Tab). Unfocused, the wheel scrolls the panel.

One filter on the application, so widgets made later are covered too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            # the default (WheelFocus) would give focus to whatever the wheel passes over
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, GUARDED) \
                and not watched.hasFocus():
            area = _scroll_area(watched)
            if area is not None:  # the panel scrolls instead
                QCoreApplication.sendEvent(area.viewport(), event)
            return True
        return False


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def ensure_wheel_guard() -> WheelGuard | None:
    app = QCoreApplication.instance()
    if app is None:
        return None
    existing = app.findChild(WheelGuard)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
