"""The refresh plan in the app's dialog says what new content could not be placed: the
indicator, region, period and value under the new text, the page in its own column."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from test_refresh import grown_workbook, page_of  # noqa: E402
from xzbrief.gui.strings import LANGUAGE  # noqa: E402
from xzbrief.gui.widgets.refresh_dialog import RefreshDialog  # noqa: E402
from xzbrief.refresh_deck import prepare_refresh  # noqa: E402


def test_the_dialog_lists_new_content_with_what_it_is_and_its_page(qtbot, tmp_path):
    LANGUAGE.set("zh")
    deck, book = grown_workbook(tmp_path)
    dialog = RefreshDialog(prepare_refresh(deck, book))
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = [[table.item(r, c).text().replace("\xa0", " ") for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    cards = page_of(deck, "两化融合")
    row = next(r for r in rows if r[2].startswith("变化(徐州市数字经济"))
    assert row[1] == str(cards) and row[6] == "无法放置"
    assert ("指标「数字经济核心产业增加值占比变化」 地区 徐州市 期间 2025年 数值 比上年提高1.3个百分点"
            in row[4].splitlines())
    chart = page_of(deck, "2025年工业开票销售收入")
    page = next(r for r in rows if r[2] == f"新页(第{chart}页之后)")
    assert "指标「规上工业企业数量」 地区 徐州市 期间 2024年 数值 3800家" in page[4].splitlines()
    tip = table.item(rows.index(page), 6).toolTip()
    assert f"在本汇报中应在第{chart}页之后" in tip
