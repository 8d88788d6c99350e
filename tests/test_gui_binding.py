"""The Qt binding itself: PySide6 6.12.0 drops a reference to None on every call that returns
None, which aborts Python < 3.12 after a few thousand paints ("deallocating None"). This test
fails fast on such a binding instead of the app crashing in a clerk's hands."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")


def test_qt_setters_keep_none_alive(qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setBold(True)
        painter.setPen(QColor("#333333"))
        painter.drawRect(QRectF(0, 0, 10, 10))
    after = sys.getrefcount(None)
    painter.end()
    assert after - before > -50, "this PySide6 build loses references to None; use another version"
