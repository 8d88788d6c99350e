"""The refresh plan in the app's dialog says what new content could not be placed: the
indicator, region, period and value under the new text, the page in its own column."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QPushButton  # noqa: E402

from test_refresh import cli, crowded, grown_workbook, page_of  # noqa: E402
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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dialog_shows_every_fitting_in_sight_with_the_clis_words(qtbot, tmp_path, lang):
    """A text set smaller to fit, or too long for its box, is said in the dialog itself (not
    only on hover): counted in the summary and listed with its page and place, in the words
    the CLI prints under the row."""
    LANGUAGE.set(lang)
    try:
        deck, book = crowded(tmp_path)
        chart = page_of(deck, "2025年工业开票销售收入")
        dialog = RefreshDialog(prepare_refresh(deck, book))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        printed = cli("--lang", lang, "refresh", deck, "--plan-only").stdout.splitlines()
        assert dialog.summary.isVisible()
        # every button in the dialog's language (no English 「Cancel」 beside 「写入」)
        assert {b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()} >= (
            {"写入", "取消"} if lang == "zh" else {"Cancel"})
        assert all(line.isVisible() for line in dialog.fitting_lines)
        summary = dialog.summary.text()
        listed = [line.text() for line in dialog.fitting_lines]
    finally:
        LANGUAGE.set("zh")
    assert summary == " ".join(printed[-3:])  # the CLI's totals, as it prints them
    if lang == "zh":
        assert printed[-2:] == ["其中 1 处调小了字号才放得下新文字,1 处放不下(请看一眼)。",
                                "另有 1 处指标卡数字随本页调小的数字调为同一字号。"]
        assert listed == [
            "第3页 数值(徐州市工业开票销售收入):字号由 54 磅调为 46 磅,新文字才放得下"
            "(与重新生成时的排法相同)",
            "第3页 数值(徐州市两化融合发展水平):字号由 54 磅调为 46 磅,与本页调小的指标卡数字"
            "一致(重新生成时同一页的数字用同一个字号)",
            f"第{chart}页 脚注:新文字在原来的文本框里放不下:需要 3 行,只放得下 2 行,字号已不能"
            "再小;文字照样更新,请看一眼,调整文本框或删减文字"]
    else:
        assert printed[-2:] == ["Of these, 1 set smaller so that the new text fits, 1 do not "
                                "fit (please look).", "Card numbers set to the size of one on "
                                "their page that had to shrink: 1."]
        assert listed[2].startswith(f"slide {chart}, 脚注: the new text does not fit its box: "
                                    "it needs 3 lines and the box holds 2")
    notes = [ln for ln in printed if ln.startswith(("    说明:", "    note: "))]
    for line in listed:  # the same words the CLI prints under the row
        said = line.split(":" if lang == "zh" else ": ", 1)[1]
        assert any(n.endswith(said) for n in notes), (said, notes)


def test_choosing_a_fitting_shows_its_row_and_its_note(qtbot, tmp_path):
    LANGUAGE.set("zh")
    deck, book = crowded(tmp_path)
    dialog = RefreshDialog(prepare_refresh(deck, book))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.fitting_lines[2], Qt.MouseButton.LeftButton)
    row = dialog.table.currentRow()
    assert dialog.table.item(row, 2).text() == "脚注" and dialog.table.item(row, 6).text() == "请核对"
    assert dialog.reason.isVisible()
    assert dialog.reason.text().startswith("说明:新文字在原来的文本框里放不下:需要 3 行")
