"""Write docs/images/gui.png: the main window on the shipped dataset, grabbed offscreen.

    QT_QPA_PLATFORM=offscreen python tools/screenshot.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from xzbrief.gui.app import make_app
from xzbrief.gui.errors import ErrorReporter
from xzbrief.gui.main_window import MainWindow
from xzbrief.gui.settings import AppSettings
from xzbrief.resources import shipped_recipe

OUT = Path(__file__).resolve().parents[1] / "docs" / "images" / "gui.png"


def main() -> None:
    app = make_app()
    reporter = ErrorReporter()
    reporter.show_dialogs = False
    with tempfile.TemporaryDirectory() as tmp:
        win = MainWindow(settings=AppSettings(Path(tmp) / "s.ini"), reporter=reporter)
        win.resize(1440, 860)
        win.show()
        win.session.open_recipe(shipped_recipe(), remember=False)
        end = time.time() + 20
        while (win.session.deck is None or win.runner.busy) and time.time() < end:
            app.processEvents()
        win.tabs.setCurrentIndex(1)
        win.slide_view.thumbs.setCurrentRow(4)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        win.grab().save(str(OUT))
        win.session.dirty = False
        win.close()
    print(OUT)


if __name__ == "__main__":
    main()
