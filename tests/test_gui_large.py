"""A very large deck is asked about before it is written (issue 12): the plan is counted, the
user answers 「本次将生成 N 页，确定继续吗？」, yes writes the whole deck, no writes nothing."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from pptx import Presentation  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

import xzbrief.build  # noqa: E402
from gui_fixtures import generate, open_and_wait  # noqa: E402
from xzbrief.gui.strings import LANGUAGE  # noqa: E402

TIMEOUT = 30000


@pytest.fixture
def asked(qtbot, window, monkeypatch, basic_workbook):
    """The app on a workbook, with 'large' made small (the threshold itself is not tested) and
    every question recorded and answered by the test."""
    monkeypatch.setattr(xzbrief.build, "LARGE_DECK", 3)
    questions: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent, _title, text, *_a, **_k):
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    open_and_wait(qtbot, window, basic_workbook, previewed=True)
    return window, questions, answer


def test_no_writes_nothing(qtbot, asked, tmp_path):
    win, questions, _answer = asked
    out = tmp_path / "大.pptx"
    generate(qtbot, win, out, TIMEOUT)
    pages = win.slide_view.count
    assert pages > 3
    assert questions == [f"本次将生成 {pages} 页，确定继续吗？"]
    assert not out.exists() and list(tmp_path.glob("*.pptx")) == []
    assert win.generate_bar.status.text() == "已取消"
    assert win.generate_bar.button.isEnabled()


def test_yes_writes_the_whole_deck(qtbot, asked, tmp_path):
    win, questions, answer = asked
    answer[0] = QMessageBox.StandardButton.Yes
    out = tmp_path / "大.pptx"
    generate(qtbot, win, out, TIMEOUT)
    qtbot.waitUntil(lambda: out.exists() and win.generate_bar.task is None
                    and not win.runner.busy, timeout=TIMEOUT)
    pages = len(Presentation(str(out)).slides)
    assert questions == [f"本次将生成 {pages} 页，确定继续吗？"]  # asked once, not again
    assert win.generate_bar.last is not None and win.generate_bar.last.pptx == out


def test_the_question_follows_the_apps_language(qtbot, asked, tmp_path):
    win, questions, _answer = asked
    LANGUAGE.set("en")
    generate(qtbot, win, tmp_path / "big.pptx", TIMEOUT)
    assert questions == [f"This will generate {win.slide_view.count} slides. Continue?"]
    assert not (tmp_path / "big.pptx").exists()
