"""The desktop app in a real window: ``xzbrief-gui`` on Qt's xcb platform under Xvfb, driven by
key presses (xdotool). Every other GUI test runs offscreen, which cannot notice a missing xcb
library; this one fails then (Qt aborts before the window shows)."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation

from realwindow import press, require_tools, run_app, xvfb

pytestmark = pytest.mark.slow


def gui_command() -> list[str]:
    exe = shutil.which("xzbrief-gui", path=str(Path(sys.executable).parent))
    assert exe is not None, "xzbrief-gui is not installed in this Python's environment"
    return [exe]


def wait_for_file(folder: Path, pattern: str, timeout: float = 90) -> Path | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in folder.glob(pattern) if not p.name.startswith(".")]
        if found:
            return found[0]
        time.sleep(0.2)
    return None


def test_the_app_opens_a_real_window_builds_a_deck_and_quits(tmp_path: Path) -> None:
    require_tools()
    home = tmp_path / "home"
    home.mkdir()

    def build_a_deck(window: str) -> None:
        # the shipped recipe opens; with no recipe file of the user's, the deck goes home.
        # The first load runs in the background: a 生成 pressed before it is done only says
        # so, and the user presses again.
        deck = None
        for _ in range(3):
            press(display, window, "ctrl+g")
            deck = wait_for_file(home, "*.pptx", timeout=30)
            if deck is not None:
                break
        assert deck is not None, "生成 (Ctrl+G) wrote no deck"
        time.sleep(0.5)  # written atomically: once it has its name it is complete
        titles = [s.shapes.title.text for s in Presentation(str(deck)).slides
                  if s.shapes.title is not None]
        assert len(titles) > 5
        assert "徐州" in titles[0]

    with xvfb() as display:
        code, output = run_app(gui_command(), display, home, build_a_deck)
    assert code == 0, output
    assert "Traceback" not in output, output
