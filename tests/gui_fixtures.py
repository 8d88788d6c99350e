"""Helpers shared by the pytest-qt files (the ``window`` fixture itself is in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xzbrief.gui.main_window import MainWindow

TIMEOUT = 15000


def open_and_wait(qtbot: Any, win: MainWindow, path: Path, previewed: bool = False) -> None:
    """Open a workbook as the app does and wait until it is read and planned (``previewed``:
    until the preview shows slides too)."""
    win.session.open_workbook(path)
    qtbot.waitUntil(lambda: win.session.workbook == path and win.session.last is not None
                    and not win.runner.busy and (not previewed or win.slide_view.count > 0),
                    timeout=TIMEOUT)


def generate(qtbot: Any, win: MainWindow, out: Path, timeout: int = TIMEOUT) -> None:
    """As a user does: type the output path, press 生成 PPT, wait until the build has ended
    (written, refused or asked about)."""
    bar = win.generate_bar
    bar.output.setText(str(out))
    bar.output.setModified(True)
    bar.button.click()
    qtbot.waitUntil(lambda: bar.task is None and not win.runner.busy, timeout=timeout)


def open_shipped_as_on_first_start(qtbot: Any, win: MainWindow) -> None:
    """The shipped recipe and dataset, as on a first start (no output folder remembered): the
    app's own folder, which a user's deck must never be suggested into."""
    from xzbrief.resources import shipped_recipe, shipped_root

    win.session.open_recipe(shipped_recipe(), remember=False)
    qtbot.waitUntil(lambda: win.session.workbook is not None
                    and win.session.workbook.is_relative_to(shipped_root())
                    and not win.runner.busy, timeout=TIMEOUT)
    win.settings.qs.remove("session/output_dir")
