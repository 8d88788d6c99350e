"""「更新已有汇报…」 in the app: the menu item, the plan with a tick box per change, the refreshed
deck written with exactly the ticked changes (pytest-qt, offscreen, real decks)."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from pptx import Presentation  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from gui_fixtures import TIMEOUT  # noqa: E402
from realclients import seen  # noqa: E402
from workbooks import basic_sheets, write_workbook  # noqa: E402
from xzbrief.build import build_deck, default_recipe  # noqa: E402
from xzbrief.dataset.loader import load_dataset  # noqa: E402


def test_menu_plan_dialog_writes_only_the_ticked_changes(qtbot, window, tmp_path, monkeypatch):
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    recipe = default_recipe(load_dataset(book))  # with the headline cards the test edits
    recipe = replace(recipe, options=replace(recipe.options, key_figures=True, summary=False,
                                             indicator_table=False))  # slides by position
    deck = build_deck(recipe, book, tmp_path / "汇报.pptx").pptx
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100
    write_workbook(book, sheets)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(deck), ""))
    action = next(a for a in window.menu_file.actions() if a.text() == "更新已有汇报…")
    action.trigger()
    qtbot.waitUntil(lambda: window.refresh_flow.dialog is not None
                    and window.refresh_flow.dialog.isVisible(), timeout=TIMEOUT)
    dialog = window.refresh_flow.dialog
    table = dialog.table
    rows = {table.item(r, 2).text(): r for r in range(table.rowCount())}
    card = next(r for place, r in rows.items() if place.startswith("数值"))
    assert table.item(card, 3).text() == "9000亿元" and table.item(card, 4).text() == "9100亿元"
    assert table.item(card, 0).checkState() == Qt.CheckState.Checked
    table.item(card, 0).setCheckState(Qt.CheckState.Unchecked)  # the user keeps the old card
    out = tmp_path / "汇报（更新）.pptx"
    assert dialog.output.text() == str(out)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    window.runner.wait(TIMEOUT)
    prs = Presentation(str(out))
    card_slide = prs.slides[2]
    numbers = [seen(sh.text_frame.text) for sh in card_slide.shapes if sh.name.startswith("数值")]
    assert numbers[0] == "9000亿元"  # unticked: not written
    chart_slide = next(s for s in prs.slides if any(sh.has_chart for sh in s.shapes))
    assert "9100亿元" in seen(chart_slide.shapes.title.text_frame.text)  # ticked: written
    chart = next(sh.chart for sh in chart_slide.shapes if sh.has_chart)
    assert list(chart.plots[0].series[0].values)[-1] == 9100.0
    # the declined change is offered again next time; the written ones are not
    from xzbrief.refresh_deck import prepare_refresh
    again = prepare_refresh(out).plan.updates
    assert [(c.old, c.new) for c in again if c.place.startswith("数值")] == [("9000亿元", "9100亿元")]
    assert not any(c.place.startswith("标题") for c in again)
