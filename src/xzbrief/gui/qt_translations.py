"""Qt's own words (Save / Discard / Cancel, OK, Show Details…, the file dialog) in the app's
language: Qt's qtbase_zh_CN translations installed while the UI is Chinese, removed for English.
"""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator

from xzbrief.gui.strings import LANGUAGE


def translations_dirs() -> list[Path]:
    """Where Qt's .qm files are: Qt's own idea, then PySide6's folder (the PyInstaller bundle
    puts them there too)."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    dirs.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return dirs


class QtTranslations(QObject):
    """One per application; follows LANGUAGE."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.translator = QTranslator(self)
        self.loaded = any(self.translator.load("qtbase_zh_CN", str(d))
                          for d in translations_dirs())
        self.installed = False
        LANGUAGE.changed.connect(self.follow)
        self.follow()

    def follow(self, _language: str = "") -> None:
        want = self.loaded and LANGUAGE.code == "zh"
        if want and not self.installed:
            self.installed = QCoreApplication.installTranslator(self.translator)
        elif not want and self.installed:
            QCoreApplication.removeTranslator(self.translator)
            self.installed = False


def ensure_qt_translations() -> QtTranslations | None:
    """Install (once) the translator on the running application."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    existing = app.findChild(QtTranslations)
    return existing if isinstance(existing, QtTranslations) else QtTranslations(app)
