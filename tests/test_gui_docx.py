"""The app's 「同时生成汇报材料（Word）」 choice: ticked as a user ticks it, the Word document is
written beside the deck, linked in the status line, and the choice is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

import docx  # noqa: E402

from gui_fixtures import TIMEOUT, open_and_wait  # noqa: E402
from test_gui import press_generate  # noqa: E402


def test_ticking_word_writes_the_document_beside_the_deck(qtbot, window, basic_workbook,
                                                         tmp_path: Path) -> None:
    open_and_wait(qtbot, window, basic_workbook)
    bar = window.generate_bar
    assert bar.docx.text() == "同时生成汇报材料（Word）" and not bar.docx.isChecked()
    bar.docx.click()  # as a click on the box does: toggled, and the setting follows
    assert bar.docx.isChecked()
    out = tmp_path / "汇报.pptx"
    with qtbot.waitSignal(bar.generated, timeout=TIMEOUT * 2):
        press_generate(window, out)
    document = tmp_path / "汇报.docx"
    assert out.is_file() and document.is_file()
    assert bar.last is not None and bar.last.docx == document
    assert "打开汇报材料" in bar.status.text()
    title = window.session.recipe.title
    paragraphs = [p.text.replace("\n", "") for p in docx.Document(str(document)).paragraphs]
    assert title in paragraphs[:3]
    assert window.session.settings.docx  # remembered for the next session


def test_unticked_writes_the_deck_alone(qtbot, window, basic_workbook, tmp_path) -> None:
    open_and_wait(qtbot, window, basic_workbook)
    bar = window.generate_bar
    bar.docx.setChecked(False)
    out = tmp_path / "汇报.pptx"
    with qtbot.waitSignal(bar.generated, timeout=TIMEOUT * 2):
        press_generate(window, out)
    assert out.is_file() and not (tmp_path / "汇报.docx").exists()
    assert "打开汇报材料" not in bar.status.text()
