from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# "Estimates that should be actuals by now" depends on today's date: pin it so the suite gives
# the same answers every day (tests of that check pass their own date).
os.environ["XZBRIEF_TODAY"] = "2025-06-30"

from workbooks import basic_sheets, write_workbook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def basic_workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "指标库.xlsx", basic_sheets())

# bench/synthetic.py makes large 模拟数据 workbooks for tests too.
sys.path.insert(1, str(ROOT / "bench"))


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The app's main window for pytest-qt tests: its own settings and state folder, Chinese
    to start with, Qt's modal dialogs answered so a test never blocks. ``window.shown_warnings``
    collects QMessageBox.warning texts, ``window.reported`` the internal-error summaries (the
    error dialog is never shown); a test that needs another answer patches the dialog itself.
    Qt is imported here, not at the top, so the core's tests run without it."""
    from PySide6.QtWidgets import QMessageBox

    from gui_fixtures import TIMEOUT
    from xzbrief.gui.errors import ErrorReporter
    from xzbrief.gui.main_window import MainWindow
    from xzbrief.gui.settings import AppSettings
    from xzbrief.gui.strings import LANGUAGE

    LANGUAGE.set("zh")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("XZBRIEF_LANG", raising=False)  # the app starts in Chinese
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    reporter = ErrorReporter()
    reporter.show_dialogs = False
    reported: list[str] = []
    report = reporter.report

    def record(summary: str, details: str = "") -> None:
        reported.append(summary)
        report(summary, details)

    reporter.report = record  # type: ignore[method-assign]
    win = MainWindow(settings=AppSettings(tmp_path / "settings.ini"), reporter=reporter)
    win.shown_warnings = shown  # type: ignore[attr-defined]
    win.reported = reported  # type: ignore[attr-defined]
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.dirty = False
    win.runner.wait(TIMEOUT)
    LANGUAGE.set("zh")
