"""``xzbrief-gui [PATH]``: the desktop app. PATH may be a workbook, a recipe or a template."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from xzbrief.gui.errors import ErrorReporter, setup_logging
from xzbrief.gui.main_window import MainWindow
from xzbrief.gui.painter import ui_font


def make_app(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv) or ["xzbrief-gui"])
    app.setApplicationName("xzbrief")
    app.setOrganizationName("xzbrief")
    app.setFont(ui_font(10))
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        print("xzbrief-gui: 没有图形显示环境(DISPLAY 未设置)。可在桌面环境中运行,"
              "或设置 QT_QPA_PLATFORM=offscreen 做无界面测试。", file=sys.stderr)
        return 2
    setup_logging()
    app = make_app([sys.argv[0], *args])
    reporter = ErrorReporter()
    reporter.install()
    window = MainWindow(reporter=reporter)
    window.show()
    if args:
        window.open_path(Path(args[0]))
    else:
        window.session.open_default()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
