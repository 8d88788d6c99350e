"""The app's rough edges from a new user's walkthrough (issue 11 §3), each checked on what the
user sees: the empty state, Qt's own buttons in Chinese, a window that fits a small screen, the
wheel over a settings panel, and a clean PDF cancel."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QPoint, QPointF, QRect, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QScrollArea,
)

from gui_fixtures import TIMEOUT, open_shipped_as_on_first_start  # noqa: E402
from gui_fixtures import open_and_wait as shared_open_and_wait  # noqa: E402
from xzbrief.gui.main_window import MainWindow  # noqa: E402


def open_and_wait(qtbot, win: MainWindow, path: Path) -> None:
    shared_open_and_wait(qtbot, win, path, previewed=True)


def themes(win: MainWindow):
    tree = win.selection_panel.tree
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


# --- an empty selection ----------------------------------------------------------------------
def test_unticking_every_theme_shows_an_empty_state_and_disables_generate(
        qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    recipe_before = window.session.recipe
    for item in themes(window):
        item.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: window.slide_view.count == 0, timeout=TIMEOUT)
    assert "没有勾选任何专题或指标" in window.slide_view.canvas.empty_text
    bar = window.generate_bar
    assert not bar.button.isEnabled()
    assert "没有勾选任何专题或指标" in bar.status.text()
    assert window.deck_info.text() == ""  # no page count of a deck that is not shown
    window.act_generate.trigger()  # Ctrl+G too does nothing
    assert bar.task is None
    # "nothing" never became the recipe's "everything"
    assert window.session.recipe.themes == recipe_before.themes or window.session.recipe.themes
    themes(window)[0].setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: window.slide_view.count > 0, timeout=TIMEOUT)
    assert bar.button.isEnabled()
    assert "没有勾选" not in bar.status.text()
    assert [c.name for c in window.session.recipe.themes] == [themes(window)[0].text(0)]


def test_unticking_every_region_shows_an_empty_state(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    regions = window.selection_panel.regions
    assert regions.count() > 0
    for i in range(regions.count()):
        regions.item(i).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: window.slide_view.count == 0, timeout=TIMEOUT)
    assert "没有勾选任何地区" in window.slide_view.canvas.empty_text
    assert not window.generate_bar.button.isEnabled()
    regions.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: window.slide_view.count > 0, timeout=TIMEOUT)
    assert window.generate_bar.button.isEnabled()


# --- Qt's own words --------------------------------------------------------------------------
def standard_texts() -> list[str]:
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel)
    box.setDetailedText("details")
    texts = sorted(b.text() for b in box.buttons())
    box.deleteLater()
    return texts


def test_qts_buttons_and_file_dialog_speak_the_apps_language(qtbot, window):
    assert standard_texts() == sorted(["保存", "丢弃", "取消", "显示详情..."])
    dialog = QFileDialog(window, "打开")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert "取消" in [b.text() for b in buttons.buttons()]
    dialog.deleteLater()
    window.toggle_language()  # Ctrl+L: Qt's words follow
    assert standard_texts() == sorted(["Save", "Discard", "Cancel", "Show Details..."])
    window.toggle_language()
    assert "保存" in standard_texts()


# --- the first window on a small screen ------------------------------------------------------
@pytest.mark.parametrize("screen", [QRect(0, 0, 1366, 728), QRect(0, 0, 910, 480)],
                         ids=["1366x768", "150-percent"])
def test_the_window_fits_the_screen_and_generate_stays_visible(qtbot, window, basic_workbook,
                                                               screen):
    open_and_wait(qtbot, window, basic_workbook)
    window.resize(1360, 820)
    window.fit_to_screen(screen)
    qtbot.waitUntil(lambda: window.width() <= screen.width(), timeout=TIMEOUT)
    assert window.height() + 40 <= screen.height()
    QApplication.processEvents()
    bar = window.generate_bar
    bottom = bar.button.mapTo(window, QPoint(0, bar.button.height())).y()
    right = bar.button.mapTo(window, QPoint(bar.button.width(), 0)).x()
    assert bar.button.isVisible()
    assert bottom <= window.height() and right <= window.width()


def test_a_window_saved_on_a_big_monitor_is_moved_back_on_screen(qtbot, window):
    window.resize(2400, 1400)
    window.move(3000, 1500)
    window.fit_to_screen(QRect(0, 0, 1366, 728))
    qtbot.waitUntil(lambda: window.width() <= 1366, timeout=TIMEOUT)
    assert window.x() >= 0 and window.x() + window.width() <= 1366
    assert window.y() >= 0 and window.y() + window.height() <= 728


# --- the wheel over the settings panel -------------------------------------------------------
def wheel(widget, steps: int = -1) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_panel_not_an_unfocused_combo(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    window.resize(1000, 520)
    window.tabs.setCurrentIndex(2)
    combo = window.settings_panel.numbering
    scroll = window.tabs.widget(2)
    assert isinstance(scroll, QScrollArea)
    QApplication.processEvents()
    window.generate_bar.output.setFocus()
    before = combo.currentIndex()
    for _ in range(3):
        wheel(combo)
    assert combo.currentIndex() == before  # 标题编号 kept
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=TIMEOUT)
    wheel(combo)
    assert combo.currentIndex() != before  # focused: the wheel chooses, as the user meant


def test_the_wheel_over_a_spin_box_or_period_combo_is_ignored_unfocused(qtbot, window,
                                                                        basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    window.tabs.setCurrentIndex(1)
    combo = window.selection_panel.period_from
    window.generate_bar.output.setFocus()
    before = combo.currentIndex()
    wheel(combo, steps=-2)
    assert combo.currentIndex() == before
    assert window.session.recipe.themes == window.session.recipe.themes


# --- cancelling the PDF ---------------------------------------------------------------------
@pytest.mark.libreoffice
@pytest.mark.skipif(os.name != "posix", reason="temp folder check on POSIX")
def test_cancelling_the_pdf_is_clean_and_leaves_no_temp_folder(qtbot, window, basic_workbook,
                                                               tmp_path, monkeypatch):
    from xzbrief.render.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice not installed")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    open_and_wait(qtbot, window, basic_workbook)
    bar = window.generate_bar
    bar.pdf.setEnabled(True)
    out = tmp_path / "带PDF.pptx"
    bar.output.setText(str(out))
    bar.output.setModified(True)
    bar.pdf.setChecked(True)
    bar.button.click()
    # the deck is written first, then LibreOffice starts inside a temp folder of its own
    qtbot.waitUntil(lambda: any(temp.glob("xzbrief-pdf-*/profile")), timeout=60000)
    bar.cancel_button.click()
    qtbot.waitUntil(lambda: bar.task is None, timeout=60000)
    assert bar.status.text() == "已取消"
    assert window.reported == []  # no internal-error dialog
    assert list(temp.glob("xzbrief-pdf-*")) == []
    assert not out.with_suffix(".pdf").exists()
    assert bar.button.isEnabled()


# --- the settings panel ----------------------------------------------------------------------
def test_the_title_previews_while_typing(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    window.tabs.setCurrentIndex(2)
    title = window.settings_panel.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    for word in ("一季度", "运行情况"):  # as a Chinese input method commits words
        event = QInputMethodEvent()
        event.setCommitString(word)
        QApplication.sendEvent(title, event)
    assert title.text() == "一季度运行情况"
    assert title.hasFocus()  # no Enter, no leaving the field
    qtbot.waitUntil(lambda: window.session.deck is not None
                    and window.session.deck.slides[0].title == "一季度运行情况",
                    timeout=TIMEOUT)


def test_the_date_field_shows_the_default_date_as_a_placeholder(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    panel = window.settings_panel
    assert panel.date.text() == ""
    assert panel.date.placeholderText() == window.session.recipe.cover_date()
    assert "年" in panel.date.placeholderText() and "月" in panel.date.placeholderText()


def test_my_template_shows_the_chosen_file(qtbot, window, basic_workbook, tmp_path):
    import shutil

    open_and_wait(qtbot, window, basic_workbook)
    mine = tmp_path / "我的单位模板.pptx"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "templates" / "tech_blue.pptx", mine)
    window.settings_panel.choose_brand(mine)
    qtbot.waitUntil(lambda: window.session.recipe.brand == str(mine), timeout=TIMEOUT)
    own = window.settings_panel.own_item
    assert "我的单位模板.pptx" in own.text()
    assert window.settings_panel.gallery.currentItem() is own


def test_the_chosen_brand_keeps_its_colours_and_gets_a_frame(qtbot, window):
    from PySide6.QtGui import QIcon

    gallery = window.settings_panel.gallery
    item = gallery.item(0)
    size = gallery.iconSize()
    normal = item.icon().pixmap(size, QIcon.Mode.Normal).toImage()
    selected = item.icon().pixmap(size, QIcon.Mode.Selected).toImage()
    assert normal == selected  # no blue tint over the brand's red
    assert "border: 2px solid #c8161d" in gallery.styleSheet()



def test_the_chosen_slide_thumbnail_keeps_its_colours_and_gets_a_frame(qtbot, window,
                                                                        basic_workbook):
    """The slide list, like the brand gallery: the selected page is framed in red, and its
    picture is drawn as it is (a blue wash over a red cover is not what the deck looks like)."""
    open_and_wait(qtbot, window, basic_workbook)
    thumbs = window.slide_view.thumbs
    thumbs.setCurrentRow(0)
    item = thumbs.item(0)
    rect = thumbs.visualItemRect(item)
    shot = thumbs.viewport().grab(rect).toImage()
    thumbs.clearSelection()
    thumbs.setCurrentRow(-1)
    plain = thumbs.viewport().grab(rect).toImage()
    middle = QPoint(shot.width() // 3, shot.height() // 2)  # inside the picture, off the frame
    assert shot.pixelColor(middle) == plain.pixelColor(middle)  # the cover's own colour
    assert "border: 2px solid #c8161d" in thumbs.styleSheet()

# --- files -----------------------------------------------------------------------------------
def test_new_blank_workbook_writes_the_template_and_opens_it(qtbot, window, tmp_path,
                                                             monkeypatch):
    target = tmp_path / "新指标库"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), "Excel (*.xlsx)"))
    assert window.act_new_workbook.text() == "新建空白指标库…"
    window.act_new_workbook.trigger()
    written = tmp_path / "新指标库.xlsx"
    qtbot.waitUntil(lambda: window.session.workbook == written
                    and window.session.last is not None, timeout=TIMEOUT)
    from openpyxl import load_workbook

    book = load_workbook(written)
    assert {"指标", "数据"} <= set(book.sheetnames)
    assert "空白指标库" in window.statusBar().currentMessage()


def test_old_xls_and_wps_et_files_are_offered_and_explained(qtbot, window, tmp_path):
    from xzbrief.gui.strings import texts

    assert "*.xls" in texts().workbook_filter and "*.et" in texts().workbook_filter
    old = tmp_path / "旧表.et"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)  # an OLE2 (BIFF) file
    window.session.open_workbook(old)
    qtbot.waitUntil(lambda: window.session.last is not None, timeout=TIMEOUT)
    words = " ".join(p.message("zh") + p.hint("zh") for p in window.session.last.problems)
    assert "另存为" in words and ".xlsx" in words


def test_the_default_output_folder_is_the_workbooks_never_the_apps(qtbot, window,
                                                                   basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    bar = window.generate_bar
    assert Path(bar.output.text()).parent == basic_workbook.parent
    from xzbrief.resources import shipped_root

    open_shipped_as_on_first_start(qtbot, window)  # its folder is the app's own
    bar._suggest()
    assert not Path(bar.output.text()).is_relative_to(shipped_root())


def test_a_broken_save_shows_a_red_banner_and_jumps_to_the_problems(qtbot, window, tmp_path):
    from workbooks import basic_sheets, write_workbook

    path = write_workbook(tmp_path / "data.xlsx", basic_sheets())
    open_and_wait(qtbot, window, path)
    window.tabs.setCurrentIndex(2)  # the user is in 汇报设置
    sheets = basic_sheets()
    sheets["数据"][2][3] = "7050亿元"
    write_workbook(tmp_path / "data.tmp.xlsx", sheets)
    os.replace(tmp_path / "data.tmp.xlsx", path)  # as Excel saves
    qtbot.waitUntil(window.banner.isVisible, timeout=TIMEOUT)
    assert "工作簿保存后有错误" in window.banner.text()
    assert window.tabs.currentWidget() is window.dataset_panel
    errors = window.dataset_panel.errors
    assert window.dataset_panel.tabs.currentWidget() is errors
    assert errors.currentItem().text().startswith("数据!D3")
    write_workbook(tmp_path / "data.tmp.xlsx", basic_sheets())  # fixed and saved again
    os.replace(tmp_path / "data.tmp.xlsx", path)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=TIMEOUT)


def test_opening_a_file_that_is_no_workbook_keeps_the_last_good_one(qtbot, window,
                                                                     basic_workbook, tmp_path,
                                                                     monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    open_and_wait(qtbot, window, basic_workbook)
    slides = window.slide_view.count
    bad = tmp_path / "导出.xlsx"
    bad.write_text("指标,数值\n工业,9000\n", encoding="utf-8")  # a CSV with the wrong name
    window.open_workbook(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert "导出.xlsx" in shown[0] and "CSV" in shown[0]
    assert window.session.workbook == basic_workbook
    assert window.session.dataset is not None and window.slide_view.count == slides
    errors = window.dataset_panel.errors
    assert not any("CSV" in errors.item(i).text() for i in range(errors.count()))


def test_brand_names_follow_the_english_switch(qtbot, window):
    gallery = window.settings_panel.gallery
    names = [gallery.item(i).text() for i in range(3)]
    assert names == ["政务红", "科技蓝", "生态绿"]
    window.toggle_language()
    assert [gallery.item(i).text() for i in range(3)] == ["Government red", "Tech blue",
                                                         "Eco green"]
    window.toggle_language()
    assert [gallery.item(i).text() for i in range(3)] == names


def test_a_period_range_without_a_base_says_the_comparison_cannot_be_made(qtbot, window,
                                                                          basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    panel = window.selection_panel
    window.tabs.setCurrentIndex(1)
    assert panel.comparison.currentText() == "同比"
    assert not panel.comparison_hint.isVisible()
    last = panel.period_from.count() - 1  # only 2025年: nothing to compare 2025 with
    panel.period_from.setCurrentIndex(last)
    panel.period_to.setCurrentIndex(last)
    qtbot.waitUntil(panel.comparison_hint.isVisible, timeout=TIMEOUT)
    assert "同比" in panel.comparison_hint.text() and "把「从」提前" in panel.comparison_hint.text()
    assert panel.comparison.currentText() == "同比"  # the choice is kept, not dropped
    assert all(c.comparison.value == "同比" for c in window.session.recipe.themes)
    panel.period_from.setCurrentIndex(last - 1)  # 2024—2025: 同比 has its base again
    qtbot.waitUntil(lambda: not panel.comparison_hint.isVisible(), timeout=TIMEOUT)
    panel.comparison.setCurrentIndex(3)  # 无: nothing to warn about
    panel.period_from.setCurrentIndex(last)
    assert not panel.comparison_hint.isVisible()


def test_the_open_dialog_starts_beside_the_users_workbook_not_in_the_apps_files(
        qtbot, window, basic_workbook, monkeypatch):
    from xzbrief.resources import shipped_root

    starts: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda _p, _t, start, _f: starts.append(start) or ("", ""))
    open_and_wait(qtbot, window, basic_workbook)
    window.choose_workbook()
    open_shipped_as_on_first_start(qtbot, window)
    window.choose_workbook()
    assert starts[0] == str(basic_workbook.parent)
    assert not Path(starts[1]).is_relative_to(shipped_root())
