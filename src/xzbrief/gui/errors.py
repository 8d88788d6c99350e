"""Unexpected exceptions: logged to the user log folder, shown in a dialog with details to
copy, and the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from xzbrief.gui.strings import texts

log = logging.getLogger("xzbrief")


def log_path() -> Path:
    folder = Path(user_log_dir("xzbrief", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "xzbrief.log"


def setup_logging() -> Path:
    path = log_path()
    if not any(isinstance(h, logging.FileHandler) for h in log.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


class ErrorReporter(QObject):
    """Installed as sys.excepthook; shows one dialog per error on the UI thread."""

    reported = Signal(str)

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        self.show_dialogs = True
        self.last: str = ""
        self.reported.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.hook

    def hook(self, kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, exc, tb))
        self.report(f"{kind.__name__}: {exc}", details)

    def report(self, summary: str, details: str = "") -> None:
        log.error("%s\n%s", summary, details)
        self.last = summary
        self.reported.emit(summary + ("\n\n" + details if details else ""))

    def _show(self, text: str) -> None:
        if not self.show_dialogs:
            return
        t = texts()
        summary, _, details = text.partition("\n\n")
        box = QMessageBox(QMessageBox.Icon.Critical, t.error_title,
                          t.error_text.format(log=log_path()), parent=self.parent_widget)
        box.setInformativeText(summary[:300])
        if details:
            box.setDetailedText(details)
        box.exec()
