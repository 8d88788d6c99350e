"""``xzbrief-gui [PATH]``: the desktop app. PATH may be a workbook, a recipe or a template."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from xzbrief.gui.errors import ErrorReporter, setup_logging
from xzbrief.gui.input_method import choose_im_module, plugin_keys
from xzbrief.gui.main_window import MainWindow
from xzbrief.gui.painter import ui_font
from xzbrief.gui.qt_translations import ensure_qt_translations
from xzbrief.messages import note, pick_lang
from xzbrief.resources import shipped_root


def pick_input_method() -> None:
    """Before Qt starts: an input module the bundled Qt can load (gui/input_method.py)."""
    if not sys.platform.startswith("linux"):
        return
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    module = choose_im_module(os.environ, plugin_keys(plugins / "platforminputcontexts"))
    if module is not None:
        os.environ["QT_IM_MODULE"] = module


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("xzbrief-48.png", "xzbrief-256.png"):
        path = shipped_root() / "assets" / name
        if path.is_file():
            icon.addFile(str(path))
    return icon


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
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("cn.xzbrief.briefing")  # the .deb's desktop entry (taskbar icon)
    ensure_qt_translations()
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        said = note("gui-no-display")
        print(f"xzbrief-gui: {said.text(pick_lang(os.environ.get('XZBRIEF_LANG')))}",
              file=sys.stderr)
        return 2
    setup_logging()
    pick_input_method()
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
