"""The desktop app, driven for real with pytest-qt (offscreen): real widgets, real workbooks
written by openpyxl, real decks read back with python-pptx."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from pptx import Presentation  # noqa: E402
from PySide6.QtCore import QMimeData, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from gui_fixtures import TIMEOUT, open_and_wait  # noqa: E402
from workbooks import basic_sheets, write_workbook  # noqa: E402
from xzbrief.gui.errors import ErrorReporter  # noqa: E402
from xzbrief.gui.main_window import MainWindow  # noqa: E402
from xzbrief.gui.settings import AppSettings  # noqa: E402
from xzbrief.gui.strings import LANGUAGE  # noqa: E402


def slide_texts(win: MainWindow) -> str:
    deck = win.session.deck
    assert deck is not None
    parts = []
    for s in deck.slides:
        parts += [s.title, *s.lines, *(c.figure.text for c in s.cards)]
    return "\n".join(parts)


def press_generate(win: MainWindow, out: Path, pdf: bool = False) -> None:
    """As a user does: type the output path, set the PDF box, press 生成 PPT."""
    bar = win.generate_bar
    bar.output.setText(str(out))
    bar.output.setModified(True)
    bar.pdf.setChecked(pdf)
    bar.button.click()


def painted(win: MainWindow) -> set[str]:
    """Every text the slide view paints (the display lists, not the deck model)."""
    from xzbrief.render.display import DText

    return {line for d in win.session.displays for item in d.items
            if isinstance(item, DText) for line in item.lines}


def test_open_fills_tree_summary_and_preview(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    panel = window.selection_panel
    assert panel.theme_order() == ["产业升级", "数实融合"]
    assert panel.theme_item("产业升级").childCount() == 2
    assert "指标 4 个" in window.dataset_panel.summary.text()
    assert window.slide_view.count == len(window.session.deck.slides) > 3
    assert window.slide_view.canvas.display is not None
    assert "9000亿元" in slide_texts(window)


def test_unchecking_an_indicator_updates_the_preview(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    before = window.slide_view.count
    item = window.selection_panel.indicator_item("GY01")
    assert "9000" in painted(window)
    item.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "9000" not in painted(window), timeout=TIMEOUT)
    assert window.slide_view.count == len(window.session.displays)  # thumbnails follow
    assert window.session.dirty
    theme = window.session.recipe.themes[0]
    assert theme.name == "产业升级" and theme.indicators == ("GY02",)
    assert window.selection_panel.theme_item("产业升级").checkState(0) == \
        Qt.CheckState.PartiallyChecked
    item.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: window.slide_view.count == before, timeout=TIMEOUT)
    assert "9000" in painted(window)


def test_unchecking_a_theme_removes_its_section(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    theme = window.selection_panel.theme_item("数实融合")
    theme.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: all(s.section != "数实融合" for s in window.session.deck.slides),
                    timeout=TIMEOUT)
    assert [c.name for c in window.session.recipe.themes] == ["产业升级"]


def test_search_hides_other_indicators(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    window.selection_panel.search.setText("两化")
    assert not window.selection_panel.indicator_item("SZ01").isHidden()
    assert window.selection_panel.indicator_item("GY01").isHidden()
    assert window.selection_panel.theme_item("产业升级").isHidden()


def test_dragging_a_theme_reorders_the_deck(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    tree = window.selection_panel.tree
    second = window.selection_panel.theme_item("数实融合")
    tree.setCurrentItem(second)
    target = tree.visualItemRect(window.selection_panel.theme_item("产业升级")).center()
    mime = QMimeData()
    event = QDropEvent(QPointF(target), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(event)
    assert window.selection_panel.theme_order() == ["数实融合", "产业升级"]
    qtbot.waitUntil(lambda: window.session.deck.slides[1].lines[:1] == ("一、数实融合",),
                    timeout=TIMEOUT)


def test_workbook_saved_on_disk_reloads_and_keeps_selection(qtbot, window, tmp_path):
    path = write_workbook(tmp_path / "data.xlsx", basic_sheets())
    open_and_wait(qtbot, window, path)
    window.selection_panel.indicator_item("SZ02").setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: window.session.recipe.themes != (), timeout=TIMEOUT)
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100  # 2025 estimate changes
    # save the way Excel does: write a new file, then rename it over the old one
    write_workbook(tmp_path / "data.tmp.xlsx", sheets)
    os.replace(tmp_path / "data.tmp.xlsx", path)
    qtbot.waitUntil(lambda: "9100亿元" in slide_texts(window), timeout=TIMEOUT)
    item = window.selection_panel.indicator_item("SZ02")
    assert item is not None and item.checkState(0) == Qt.CheckState.Unchecked
    assert window.selection_panel.indicator_item("GY01").checkState(0) == Qt.CheckState.Checked
    # the user is told, and the message stays while the replanned deck's size is shown beside
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=TIMEOUT)
    assert window.statusBar().currentMessage() == "工作簿已更新,已重新读取"
    assert window.deck_info.text().startswith(f"共 {len(window.session.deck.slides)} 页")


def test_the_tree_stays_as_the_user_left_it(qtbot, window, tmp_path):
    path = write_workbook(tmp_path / "data.xlsx", basic_sheets())
    open_and_wait(qtbot, window, path)
    panel = window.selection_panel
    theme = panel.theme_item("产业升级")
    theme.setExpanded(False)
    window.settings_panel.title.setText("新的标题")  # typing elsewhere: the tree is left alone
    window.settings_panel.title.editingFinished.emit()
    qtbot.waitUntil(lambda: window.session.recipe.title == "新的标题", timeout=TIMEOUT)
    assert panel.theme_item("产业升级") is theme and not theme.isExpanded()
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100
    write_workbook(tmp_path / "new.xlsx", sheets)
    os.replace(tmp_path / "new.xlsx", path)  # the workbook changes: rebuilt, still collapsed
    qtbot.waitUntil(lambda: "9100亿元" in slide_texts(window), timeout=TIMEOUT)
    assert not panel.theme_item("产业升级").isExpanded()
    assert panel.theme_item("数实融合").isExpanded()


def test_a_reload_never_swallows_an_open_under_way(qtbot, window, tmp_path):
    first = write_workbook(tmp_path / "a.xlsx", basic_sheets())
    open_and_wait(qtbot, window, first)
    second = write_workbook(tmp_path / "b.xlsx", basic_sheets())
    window.session.open_workbook(second)
    window.session.reload()  # the watcher firing for a.xlsx while b.xlsx is read
    qtbot.waitUntil(lambda: not window.runner.busy and window.session.workbook == second,
                    timeout=TIMEOUT)
    qtbot.wait(100)  # nothing late replaces it
    assert window.session.workbook == second
    assert "<b>b.xlsx</b>" in window.dataset_panel.file_label.text()
    assert window.statusBar().currentMessage() != "正在读取工作簿…"


def test_a_save_during_the_first_read_is_picked_up(qtbot, tmp_path):
    from xzbrief.gui.watcher import WorkbookWatcher, signature

    path = write_workbook(tmp_path / "data.xlsx", basic_sheets())
    seen = signature(path)  # what the reader saw
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100
    write_workbook(tmp_path / "new.xlsx", sheets)
    os.replace(tmp_path / "new.xlsx", path)  # saved while it was being read
    watcher = WorkbookWatcher(debounce_ms=50)
    with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT) as changed:
        watcher.watch(path, seen)
    assert changed.args == [path]


def test_broken_save_lists_problems_and_keeps_the_last_good_data(qtbot, window, tmp_path):
    path = write_workbook(tmp_path / "data.xlsx", basic_sheets())
    open_and_wait(qtbot, window, path)
    slides = window.slide_view.count
    sheets = basic_sheets()
    sheets["数据"][2][3] = "7050亿元"
    write_workbook(tmp_path / "data.tmp.xlsx", sheets)
    os.replace(tmp_path / "data.tmp.xlsx", path)
    errors = window.dataset_panel.errors
    qtbot.waitUntil(lambda: errors.count() and errors.item(0).text().startswith("数据!D3"),
                    timeout=TIMEOUT)
    assert "7050亿元" in errors.item(0).text()
    assert window.slide_view.count == slides
    assert "9000亿元" in slide_texts(window)


def test_a_broken_workbook_shows_its_problems_without_crashing(qtbot, window, tmp_path):
    sheets = basic_sheets()
    sheets["数据"][3][2] = "2023年x"
    path = write_workbook(tmp_path / "bad.xlsx", sheets)
    open_and_wait(qtbot, window, path)
    texts = [window.dataset_panel.errors.item(i).text()
             for i in range(window.dataset_panel.errors.count())]
    assert any(t.startswith("数据!C4") for t in texts)
    assert window.session.deck is None
    assert window.slide_view.canvas.display is None
    window.generate_bar.generate()
    assert "工作簿有错误" in window.generate_bar.status.text()


def test_not_a_workbook_is_reported(qtbot, window, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("指标,数值\n工业,9000\n", encoding="utf-8")
    open_and_wait(qtbot, window, path)
    assert "CSV" in window.dataset_panel.errors.item(0).text()


def test_generate_writes_a_deck_that_reopens(qtbot, window, basic_workbook, tmp_path):
    open_and_wait(qtbot, window, basic_workbook)
    out = tmp_path / "out" / "汇报.pptx"
    out.parent.mkdir()
    with qtbot.waitSignal(window.generate_bar.generated, timeout=TIMEOUT * 2):
        press_generate(window, out)
    prs = Presentation(str(out))
    assert len(prs.slides) == window.slide_view.count
    assert "打开汇报" in window.generate_bar.status.text()
    # the data-check workbook beside it, one click away
    assert (out.parent / "汇报.核对.xlsx").is_file()
    assert "<a href='check'>数据核对表</a>" in window.generate_bar.status.text()


def test_save_and_reopen_recipe_gives_the_same_deck(qtbot, window, basic_workbook, tmp_path):
    open_and_wait(qtbot, window, basic_workbook)
    window.selection_panel.indicator_item("GY02").setCheckState(0, Qt.CheckState.Unchecked)
    window.settings_panel.title.setText("测试汇报")
    window.settings_panel.title.editingFinished.emit()
    qtbot.waitUntil(lambda: window.session.deck.slides[0].title == "测试汇报", timeout=TIMEOUT)
    recipe_path = tmp_path / "月度.brief.toml"
    window.session.save_recipe(recipe_path)
    assert not window.session.dirty and "月度.brief.toml" in window.windowTitle()
    before = [(s.kind, s.title, s.lines) for s in window.session.deck.slides]
    other = write_workbook(tmp_path / "另一个.xlsx", basic_sheets())
    window.session.open_workbook(other)  # something else first
    qtbot.waitUntil(lambda: window.session.workbook == other
                    and not window.runner.busy, timeout=TIMEOUT)
    window.open_recipe(recipe_path)
    qtbot.waitUntil(lambda: window.session.deck is not None
                    and window.session.recipe_path == recipe_path
                    and window.session.deck.slides[0].title == "测试汇报"
                    and not window.runner.busy, timeout=TIMEOUT)
    after = [(s.kind, s.title, s.lines) for s in window.session.deck.slides]
    assert after == before
    assert window.selection_panel.indicator_item("GY02").checkState(0) == \
        Qt.CheckState.Unchecked


def test_english_switch_changes_visible_strings(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    assert window.tabs.tabText(0) == "数据"
    assert window.generate_bar.button.text() == "生成 PPT"
    window.toggle_language()
    assert window.tabs.tabText(0) == "Data"
    assert window.generate_bar.button.text() == "Generate PPT"
    assert window.dataset_panel.summary.text().startswith("4 indicators")
    window.toggle_language()
    assert window.tabs.tabText(0) == "数据"


def test_brand_gallery_switches_the_preview_brand(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    gallery = window.settings_panel.gallery
    blue = next(gallery.item(i) for i in range(gallery.count())
                if gallery.item(i).text() == "科技蓝")
    shown = window.slide_view.canvas.display
    assert shown is not None
    red_ink = {getattr(i, "fill", None) for i in shown.items}
    gallery.itemClicked.emit(blue)
    qtbot.waitUntil(lambda: window.slide_view.canvas.display is not shown, timeout=TIMEOUT)
    blue_ink = {getattr(i, "fill", None) for i in window.slide_view.canvas.display.items}
    primary = window.session.brand.palette.primary
    assert primary in blue_ink and primary not in red_ink  # the slide on screen is repainted
    assert gallery.currentItem().text() == "科技蓝"
    assert window.settings.brand == "科技蓝"


def test_unexpected_error_is_logged_and_the_app_keeps_running(qtbot, window, basic_workbook,
                                                               tmp_path):
    from xzbrief.gui.errors import log_path, setup_logging

    setup_logging()
    try:
        raise RuntimeError("测试用的意外错误")
    except RuntimeError as exc:
        window.reporter.hook(type(exc), exc, exc.__traceback__)
    assert "测试用的意外错误" in window.reporter.last
    assert "测试用的意外错误" in log_path().read_text(encoding="utf-8")
    open_and_wait(qtbot, window, basic_workbook)
    assert window.session.deck is not None


def test_closing_with_unsaved_changes_asks_first(qtbot, window, basic_workbook, monkeypatch):
    open_and_wait(qtbot, window, basic_workbook)
    window.selection_panel.indicator_item("GY01").setCheckState(0, Qt.CheckState.Unchecked)
    assert window.session.dirty and window.isWindowModified()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible()


def test_regenerating_over_a_deck_lists_what_changed(qtbot, window, tmp_path):
    path = write_workbook(tmp_path / "data.xlsx", basic_sheets())
    open_and_wait(qtbot, window, path)
    bar = window.generate_bar
    bar.show_changes = False
    out = tmp_path / "月报.pptx"
    with qtbot.waitSignal(bar.generated, timeout=TIMEOUT * 2):
        press_generate(window, out)
    assert bar.last_changes is None  # nothing to compare with the first time
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100
    write_workbook(tmp_path / "data.tmp.xlsx", sheets)
    os.replace(tmp_path / "data.tmp.xlsx", path)
    qtbot.waitUntil(lambda: "9100亿元" in slide_texts(window), timeout=TIMEOUT)
    with qtbot.waitSignal(bar.generated, timeout=TIMEOUT * 2):
        bar.button.click()
    lines = bar.last_changes.lines("zh")
    assert any("工业开票销售收入 2025年 徐州市:9000亿元(预计) → 9100亿元(预计)(数据!D6)" in line
               for line in lines)
    assert "与上次生成相比的变化" in bar.status.text()


def test_cancel_stops_a_running_build_and_writes_nothing(qtbot, window, basic_workbook,
                                                          tmp_path, monkeypatch):
    import threading

    from xzbrief.gui.widgets import generate_bar

    real = generate_bar.build_deck
    gate = threading.Event()

    def held(*args, progress, cancelled, **kwargs):  # the real build, paused at its first step
        def report(percent, message):
            progress(percent, message)
            gate.wait(10)
        return real(*args, progress=report, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(generate_bar, "build_deck", held)
    open_and_wait(qtbot, window, basic_workbook)
    bar = window.generate_bar
    out = tmp_path / "取消.pptx"
    press_generate(window, out)
    qtbot.waitUntil(lambda: bar.progress.isVisible() and bar.cancel_button.isVisible(),
                    timeout=TIMEOUT)
    assert not bar.button.isEnabled()
    bar.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: bar.task is None, timeout=TIMEOUT)
    assert bar.status.text() == "已取消"
    assert not out.exists()
    assert bar.button.isEnabled()


def test_a_blocked_save_keeps_the_old_deck_and_offers_another_name(qtbot, window,
                                                                    basic_workbook, tmp_path,
                                                                    monkeypatch):
    open_and_wait(qtbot, window, basic_workbook)
    out = tmp_path / "汇报.pptx"
    out.write_bytes(b"old deck")
    out.chmod(0o444)
    offered: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: offered.append(box.text()) or 0)
    bar = window.generate_bar
    press_generate(window, out)
    qtbot.waitUntil(lambda: bar.task is None and bool(offered), timeout=TIMEOUT)
    assert "无法保存" in bar.status.text()
    assert "原文件未改动" in offered[0] and "汇报(2).pptx" in offered[0]
    assert out.read_bytes() == b"old deck"
    out.chmod(0o644)


def test_an_output_that_is_not_a_pptx_is_refused_and_another_name_used(
        qtbot, window, basic_workbook, tmp_path, monkeypatch):
    open_and_wait(qtbot, window, basic_workbook)
    other = write_workbook(tmp_path / "别的工作簿.xlsx", basic_sheets())
    before = other.read_bytes()
    offered: list[str] = []

    def choose_another_name(box):
        offered.append(box.text())
        next(b for b in box.buttons() if b.text() == "另存为…").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_another_name)
    asked: list[str] = []  # 另存为… opens a save dialog with the free name filled in

    def save_dialog(_parent, _title, start, _filter):
        asked.append(start)
        return start, _filter

    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    bar = window.generate_bar
    press_generate(window, other)
    qtbot.waitUntil(lambda: bar.last is not None, timeout=TIMEOUT)
    assert "汇报文件须以 .pptx 结尾" in offered[0]
    assert other.read_bytes() == before  # the other workbook is untouched
    assert asked == [str(tmp_path / "别的工作簿.pptx")]
    assert bar.last.pptx == tmp_path / "别的工作簿.pptx" and bar.last.pptx.is_file()
    assert "已生成 别的工作簿.pptx" in bar.status.text()


def test_a_pdf_that_cannot_be_made_still_shows_the_deck(qtbot, window, basic_workbook,
                                                       tmp_path, monkeypatch):
    monkeypatch.setenv("XZBRIEF_SOFFICE", str(tmp_path / "no-soffice"))
    open_and_wait(qtbot, window, basic_workbook)
    bar = window.generate_bar
    out = tmp_path / "汇报.pptx"
    press_generate(window, out, pdf=True)
    qtbot.waitUntil(lambda: bar.task is None and bar.last is not None, timeout=TIMEOUT)
    status = bar.status.text()
    assert "已生成 汇报.pptx" in status and "打开汇报" in status
    assert "未找到 LibreOffice,无法导出 PDF" in status and "'pdf'" not in status
    assert out.is_file() and not out.with_suffix(".pdf").exists()


def test_settings_persist_between_sessions(qtbot, tmp_path, basic_workbook, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    ini = tmp_path / "settings.ini"
    reporter = ErrorReporter()
    reporter.show_dialogs = False
    first = MainWindow(settings=AppSettings(ini), reporter=reporter)
    qtbot.addWidget(first)
    first.show()
    open_and_wait(qtbot, first, basic_workbook)
    first.toggle_language()
    first.resize(1111, 777)
    first.close()
    saved = first.saveGeometry()
    LANGUAGE.set("zh")
    second = MainWindow(settings=AppSettings(ini), reporter=reporter)
    qtbot.addWidget(second)
    assert second.settings.recent("workbooks") == [basic_workbook.resolve()]
    assert LANGUAGE.code == "en" and second.tabs.tabText(0) == "Data"
    assert second.settings.geometry() == saved  # restored by Qt within the screen
    second.session.open_default()  # reopens the last workbook
    qtbot.waitUntil(lambda: second.session.deck is not None, timeout=TIMEOUT)
    assert second.session.workbook == basic_workbook.resolve()
    second.toggle_language()


def test_a_click_in_the_tree_keeps_each_themes_own_settings(qtbot, window, basic_workbook,
                                                             tmp_path):
    recipe = tmp_path / "r.brief.toml"
    recipe.write_text(f"""
[briefing]
title = "分专题比较"
dataset = "{basic_workbook.name}"
[[themes]]
name = "产业升级"
comparison = "年均"
[[themes]]
name = "数实融合"
comparison = "同比"
""", encoding="utf-8")
    window.open_recipe(recipe)
    qtbot.waitUntil(lambda: window.session.deck is not None
                    and window.session.recipe_path == recipe, timeout=TIMEOUT)
    window.selection_panel.indicator_item("SZ02").setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: window.session.recipe.themes[1].indicators == ("SZ01",),
                    timeout=TIMEOUT)
    assert [c.comparison.value for c in window.session.recipe.themes] == ["年均", "同比"]


def test_thumbnails_come_back_after_unticking_and_ticking_again(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    view = window.slide_view
    before = view.count
    item = window.selection_panel.theme_item("数实融合")
    item.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: view.count < before, timeout=TIMEOUT)
    item.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: view.count == before, timeout=TIMEOUT)
    for i in range(view.count):
        assert not view.thumbs.item(i).icon().isNull(), i
        assert view.thumbs.item(i).text() == str(i + 1)


def test_a_theme_with_only_highlights_can_be_chosen(qtbot, window, tmp_path):
    sheets = basic_sheets()
    sheets["要点"].append(["只有要点", "徐州市", "2025年", "一项成绩", "市工信局"])
    path = write_workbook(tmp_path / "h.xlsx", sheets)
    open_and_wait(qtbot, window, path)
    item = window.selection_panel.theme_item("只有要点")
    assert item is not None and item.childCount() == 0
    qtbot.waitUntil(lambda: any(s.section == "只有要点" for s in window.session.deck.slides),
                    timeout=TIMEOUT)
    item.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: all(s.section != "只有要点" for s in window.session.deck.slides),
                    timeout=TIMEOUT)


def test_saving_a_recipe_over_a_read_only_file_says_so(qtbot, window, basic_workbook, tmp_path):
    open_and_wait(qtbot, window, basic_workbook)
    target = tmp_path / "只读.brief.toml"
    target.write_text("# old", encoding="utf-8")
    target.chmod(0o444)
    window.session.recipe_path = target
    assert not window.save_recipe()
    assert any("文件是只读的" in w for w in window.shown_warnings)
    assert target.read_text(encoding="utf-8") == "# old"
    target.chmod(0o644)


def test_deck_notes_are_listed_with_the_warnings(qtbot, window, tmp_path):
    from briefings import noisy_briefing

    window.open_recipe(noisy_briefing(tmp_path))
    lst = window.dataset_panel.warnings
    said = "汇报:专题「产业升级」:指标「工业投资」在所选地区和期间没有数据,已跳过"
    qtbot.waitUntil(lambda: said in [lst.item(i).text() for i in range(lst.count())],
                    timeout=TIMEOUT)


def test_a_code_the_workbook_lacks_is_an_error_not_a_skipped_note(qtbot, window,
                                                                   basic_workbook, tmp_path):
    recipe = tmp_path / "r.brief.toml"
    recipe.write_text(f'[briefing]\ntitle = "t"\ndataset = "{basic_workbook.name}"\n'
                      '[[themes]]\nname = "产业升级"\nindicators = ["GY01", "GY99"]\n',
                      encoding="utf-8")
    window.open_recipe(recipe)
    errors, notes = window.dataset_panel.errors, window.dataset_panel.warnings
    qtbot.waitUntil(lambda: any("GY99" in errors.item(i).text() for i in range(errors.count())),
                    timeout=TIMEOUT)
    assert window.dataset_panel.tabs.tabText(0) == "错误 1"  # one name missing
    assert not any("GY99" in notes.item(i).text() for i in range(notes.count()))


def test_summary_and_table_boxes_switch_their_pages(qtbot, window, basic_workbook):
    open_and_wait(qtbot, window, basic_workbook)
    assert {"综述", "主要指标完成情况"} <= painted(window)
    boxes = window.settings_panel.switches
    assert boxes["summary"].text() == "综述页" and boxes["summary"].isChecked()
    assert boxes["indicator_table"].text() == "主要指标完成情况表"
    boxes["summary"].setChecked(False)
    qtbot.waitUntil(lambda: "综述" not in painted(window), timeout=TIMEOUT)
    assert "主要指标完成情况" in painted(window)
    assert window.session.recipe.options.summary is False
    boxes["indicator_table"].click()
    qtbot.waitUntil(lambda: "主要指标完成情况" not in painted(window), timeout=TIMEOUT)
    assert window.session.recipe.options.indicator_table is False
