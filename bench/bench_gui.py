"""Desktop app speed, printed (never asserted):

- launch to a usable window with the shipped dataset (window shown, workbook read, deck
  planned, preview painted);
- a click in the indicator tree -> preview updated (plan + layout + display + repaint);
- the workbook saved on disk -> preview refreshed (watcher debounce included).

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
T0 = time.perf_counter()  # before Qt and xzbrief are imported: the user's wait starts here

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine  # noqa: E402
from xzbrief.gui.app import make_app  # noqa: E402
from xzbrief.gui.errors import ErrorReporter  # noqa: E402
from xzbrief.gui.main_window import MainWindow  # noqa: E402
from xzbrief.gui.settings import AppSettings  # noqa: E402
from xzbrief.resources import shipped_dataset  # noqa: E402


def wait(app: QApplication, condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + timeout
    while not condition():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
        time.sleep(0.001)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="xzbrief-bench-"))
    workbook = work / "xuzhou.xlsx"
    shutil.copyfile(shipped_dataset(), workbook)
    app = make_app()
    reporter = ErrorReporter()
    reporter.show_dialogs = False
    win = MainWindow(settings=AppSettings(work / "settings.ini"), reporter=reporter)
    win.show()
    win.session.open_workbook(workbook)
    wait(app, lambda: win.session.deck is not None and win.slide_view.count > 0)
    win.slide_view.canvas.repaint()
    launch = time.perf_counter() - T0

    clicks = []
    item = win.selection_panel.indicator_item("CY03")
    for k in range(10):
        before = win.session.deck
        t = time.perf_counter()
        item.setCheckState(0, Qt.CheckState.Unchecked if k % 2 == 0 else Qt.CheckState.Checked)
        wait(app, lambda b=before: win.session.deck is not b)
        win.slide_view.canvas.repaint()
        clicks.append(time.perf_counter() - t)

    saves = []
    for _ in range(3):
        before = win.session.deck
        t = time.perf_counter()
        tmp = work / "xuzhou.tmp.xlsx"
        shutil.copyfile(shipped_dataset(), tmp)
        os.replace(tmp, workbook)  # Excel's way: a new file renamed over the old one
        os.utime(workbook, None)
        wait(app, lambda b=before: win.session.deck is not b)
        win.slide_view.canvas.repaint()
        saves.append(time.perf_counter() - t)

    print(f"machine: {machine()}")
    print(f"launch -> usable window, shipped dataset ({win.slide_view.count} slides): "
          f"{launch:.2f} s   (target < 2 s)")
    print(f"tree click -> preview updated: median {statistics.median(clicks) * 1000:.0f} ms, "
          f"max {max(clicks) * 1000:.0f} ms   (target < 150 ms)")
    print(f"workbook saved -> preview refreshed: median {statistics.median(saves):.2f} s "
          f"(includes the {win.session.watcher._timer.interval()} ms debounce)   "
          "(target < 1 s)")
    win.session.dirty = False
    win.close()
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
