"""The main window only assembles widgets, menus and shortcuts; the session holds the state."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzbrief import __version__
from xzbrief.atomic import SaveBlocked
from xzbrief.gui.errors import ErrorReporter
from xzbrief.gui.qt_translations import ensure_qt_translations
from xzbrief.gui.session import Session
from xzbrief.gui.settings import AppSettings
from xzbrief.gui.strings import LANGUAGE, texts, ui_lang
from xzbrief.gui.tasks import TaskRunner
from xzbrief.gui.wheel_guard import ensure_wheel_guard
from xzbrief.gui.widgets.dataset_panel import DatasetPanel
from xzbrief.gui.widgets.generate_bar import GenerateBar
from xzbrief.gui.widgets.refresh_dialog import RefreshFlow
from xzbrief.gui.widgets.refresh_dialog import tr as refresh_text
from xzbrief.gui.widgets.selection_panel import SelectionPanel
from xzbrief.gui.widgets.settings_panel import SettingsPanel
from xzbrief.gui.widgets.slide_view import SlideView
from xzbrief.messages import pick_lang
from xzbrief.recipe import RecipeError
from xzbrief.resources import shipped_root

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
FIRST_SIZE = (1360, 820)
TITLE_BAR = 40  # at least this for the frame: before the window manager draws it, Qt says 0
TEMPLATE_SUFFIXES = (".pptx", ".potx")


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings | None = None,
                 reporter: ErrorReporter | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        # the saved choice, else XZBRIEF_LANG (as for the CLI), else Chinese
        LANGUAGE.set(pick_lang(self.settings.language, os.environ.get("XZBRIEF_LANG")))
        ensure_qt_translations()  # Qt's own buttons and dialogs in the app's language
        ensure_wheel_guard()
        self.runner = TaskRunner(self)
        self.session = Session(self.runner, self.settings, self)
        self.reporter = reporter or ErrorReporter(self)
        self.reporter.parent_widget = self
        self.dataset_panel = DatasetPanel(self.session)
        self.selection_panel = SelectionPanel(self.session)
        self.settings_panel = SettingsPanel(self.session)
        self.slide_view = SlideView(self.session)
        self.generate_bar = GenerateBar(self.session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.dataset_panel, "")
        self.tabs.addTab(self.selection_panel, "")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.settings_panel)
        self.tabs.addTab(scroll, "")
        self.tabs.setMinimumWidth(300)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(self.slide_view)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 900])
        # a save in Excel / WPS that broke the workbook: hard to miss, one click to the problems
        self.banner = QLabel()
        self.banner.setStyleSheet("QLabel { background: #c8161d; color: white; padding: 6px 10px;"
                                  " border-radius: 3px; font-weight: bold; }")
        self.banner.setWordWrap(True)
        self.banner.linkActivated.connect(lambda _l: self.show_problems())
        self.banner.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addWidget(self.generate_bar)
        self.setCentralWidget(central)
        # the deck's size stays in view; notices come and go beside it without replacing it
        self.deck_info = QLabel()
        self.statusBar().addPermanentWidget(self.deck_info)
        self.setAcceptDrops(True)
        self._make_actions()
        self.session.dirty_changed.connect(lambda _d: self._update_title())
        self.session.recipe_path_changed.connect(self._update_title)
        self.session.notice.connect(self._notice)
        self.session.failed.connect(self._problem)
        self.session.crashed.connect(self.reporter.report)
        self.session.deck_changed.connect(self._deck_status)
        self.session.selection_emptied.connect(self._deck_status)
        self.session.dataset_changed.connect(self.banner.hide)  # good data again
        self.session.loading.connect(self._loading)
        LANGUAGE.changed.connect(self.retranslate)
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*FIRST_SIZE)
        self.fit_to_screen()
        self.retranslate()

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Keep the whole window, 生成 bar included, on the available screen (1366×768, a
        150 % laptop, or a window saved on a bigger monitor)."""
        if available is None:
            available = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        if self.isMaximized() or self.isFullScreen():
            return
        frame_w = max(self.frameGeometry().width() - self.width(), 0)
        frame_h = max(self.frameGeometry().height() - self.height(), TITLE_BAR)
        w = max(min(self.width(), available.width() - frame_w), self.minimumSizeHint().width())
        h = max(min(self.height(), available.height() - frame_h),
                self.minimumSizeHint().height())
        self.resize(w, h)
        x = min(max(self.x(), available.left()), available.right() + 1 - w - frame_w)
        y = min(max(self.y(), available.top()), available.bottom() + 1 - h - frame_h)
        self.move(max(x, available.left()), max(y, available.top()))

    # --- actions ----------------------------------------------------------------------------
    def _make_actions(self) -> None:
        def action(shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
                   slot: object) -> QAction:
            act = QAction(self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.act_open = action(QKeySequence.StandardKey.Open, self.choose_workbook)
        self.act_new_workbook = action(None, self.new_workbook)
        self.act_open_recipe = action("Ctrl+Shift+O", self.choose_recipe)
        self.act_save = action(QKeySequence.StandardKey.Save, self.save_recipe)
        self.act_save_as = action(QKeySequence.StandardKey.SaveAs, self.save_recipe_as)
        self.act_generate = action("Ctrl+G", self.generate_bar.generate)
        self.refresh_flow = RefreshFlow(self, self.runner)
        self.act_refresh = action(None, self._refresh_deck)
        self.act_quit = action(QKeySequence.StandardKey.Quit, self.close)
        self.act_language = action("Ctrl+L", self.toggle_language)
        self.act_about = action(None, self.about)
        self.act_excel = action(None, self.dataset_panel.open_in_spreadsheet)
        self.dataset_panel.open_requested.connect(self.choose_workbook)
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.recent_workbooks = QMenu(self)
        self.recent_recipes = QMenu(self)
        self.recent_workbooks.aboutToShow.connect(
            lambda: self._fill_recent(self.recent_workbooks, "workbooks"))
        self.recent_recipes.aboutToShow.connect(
            lambda: self._fill_recent(self.recent_recipes, "recipes"))
        for item in (self.act_open, self.recent_workbooks, self.act_new_workbook,
                     self.act_excel, None,
                     self.act_open_recipe, self.recent_recipes, self.act_save, self.act_save_as,
                     None, self.act_generate, self.act_refresh, None, self.act_quit):
            if item is None:
                self.menu_file.addSeparator()
            elif isinstance(item, QMenu):
                self.menu_file.addMenu(item)
            else:
                self.menu_file.addAction(item)
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_language)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

    def retranslate(self, _language: str = "") -> None:
        t = texts()
        self.menu_file.setTitle(t.menu_file)
        self.menu_view.setTitle(t.menu_view)
        self.menu_help.setTitle(t.menu_help)
        self.recent_workbooks.setTitle(t.recent_workbooks)
        self.recent_recipes.setTitle(t.recent_recipes)
        for act, text in ((self.act_open, t.open_workbook), (self.act_new_workbook, t.new_workbook),
                          (self.act_open_recipe, t.open_recipe),
                          (self.act_save, t.save_recipe), (self.act_save_as, t.save_recipe_as),
                          (self.act_generate, t.generate), (self.act_quit, t.quit),
                          (self.act_language, t.language), (self.act_about, t.about),
                          (self.act_excel, t.open_in_spreadsheet),
                          (self.act_refresh, refresh_text("menu"))):
            act.setText(text)
        self.tabs.setTabText(0, t.dataset)
        self.tabs.setTabText(1, t.selection)
        self.tabs.setTabText(2, t.deck_settings)
        self._update_title()
        self._deck_status()

    def _refresh_deck(self) -> None:
        """「更新已有汇报…」: the workbook open in the app is used when the deck's is not found."""
        self.refresh_flow.open_workbook = self.session.workbook
        self.refresh_flow.choose()

    def _fill_recent(self, menu: QMenu, kind: str) -> None:
        menu.clear()
        paths = self.settings.recent(kind)
        if not paths:
            menu.addAction(texts().no_recent).setEnabled(False)
        for path in paths:
            opener = self.open_workbook if kind == "workbooks" else self.open_recipe
            menu.addAction(str(path)).triggered.connect(lambda _c=False, p=path, o=opener: o(p))

    def _update_title(self) -> None:
        s = self.session
        name = s.recipe_path.name if s.recipe_path else texts().untitled
        self.setWindowTitle(f"{name}[*] — {texts().app_name}")
        self.setWindowModified(s.dirty)

    def _notice(self, key: str) -> None:
        t = texts()
        message = {"reloaded": t.reloaded, "reload_failed": t.reload_failed}[key]
        self.statusBar().showMessage(message, 6000)
        if key == "reload_failed":
            self.banner.setText(f"{t.reload_failed} · <a href='problems' style='color:white'>"
                                f"{t.show_problems}</a>")
            self.banner.show()
            self.show_problems()
        else:
            self.banner.hide()

    def show_problems(self) -> None:
        """The 数据 tab with its errors list in front."""
        self.tabs.setCurrentWidget(self.dataset_panel)
        self.dataset_panel.tabs.setCurrentWidget(self.dataset_panel.errors)
        self.dataset_panel.errors.setFocus()
        if self.dataset_panel.errors.count():
            self.dataset_panel.errors.setCurrentRow(0)

    def _problem(self, message: str) -> None:
        QMessageBox.warning(self, texts().error_title, message)

    def _loading(self, busy: bool) -> None:
        bar = self.statusBar()
        if busy:
            bar.showMessage(texts().loading)
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            if bar.currentMessage() == texts().loading:
                bar.clearMessage()
            self.unsetCursor()

    def _deck_status(self) -> None:
        s = self.session
        self.deck_info.setText("" if s.deck is None or s.empty_selection else
                               texts().slides_count.format(n=len(s.deck.slides))
                               + f" · {s.plan_seconds * 1000:.0f} ms")

    # --- opening and saving -----------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when it is fine to drop the current recipe's unsaved changes."""
        if not self.session.dirty:
            return True
        t = texts()
        answer = QMessageBox.question(
            self, t.unsaved_title, t.unsaved_text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_recipe()
        return answer == QMessageBox.StandardButton.Discard

    def choose_workbook(self) -> None:
        """Start in the current workbook's folder — unless that is the app's own shipped
        data: then where the user keeps files (文档)."""
        workbook = self.session.workbook
        folder = workbook.parent if workbook is not None \
            and not workbook.is_relative_to(shipped_root()) else \
            self.generate_bar.default_folder()
        start = str(folder)
        path, _ = QFileDialog.getOpenFileName(self, texts().open_workbook, start,
                                              texts().workbook_filter)
        if path:
            self.open_workbook(Path(path))

    def new_workbook(self) -> None:
        """「新建空白指标库…」: the template with its drop-downs and notes, then opened here, so
        that saving it in Excel or WPS refreshes the app."""
        t = texts()
        start = self.generate_bar.default_folder() / t.workbook_name
        path, _ = QFileDialog.getSaveFileName(self, t.new_workbook, str(start),
                                              "Excel (*.xlsx)")
        if not path:
            return
        target = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
        # openpyxl (80 ms) only when a template is written, not at every start
        from xzbrief.dataset.workbook_writer import (  # noqa: PLC0415
            template_content,
            write_workbook,
        )
        try:
            write_workbook(template_content(), target)
        except (OSError, SaveBlocked) as exc:
            reason = exc.text(ui_lang()) \
                if isinstance(exc, SaveBlocked) else str(exc.strerror or exc)
            QMessageBox.warning(self, t.error_title,
                                t.new_workbook_failed.format(path=target, reason=reason))
            return
        self.open_workbook(target)
        self.statusBar().showMessage(t.new_workbook_done.format(path=target.name), 15000)

    def open_workbook(self, path: Path) -> None:
        if self.confirm_discard():
            self.session.open_workbook(Path(path))

    def choose_recipe(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, texts().open_recipe, "",
                                              texts().recipe_filter)
        if path:
            self.open_recipe(Path(path))

    def open_recipe(self, path: Path) -> None:
        if not self.confirm_discard():
            return
        try:
            self.session.open_recipe(Path(path))
        except RecipeError as exc:
            lang = ui_lang()
            QMessageBox.warning(self, texts().error_title,
                                "\n".join(i.format(lang) for i in exc.issues))

    def save_recipe(self) -> bool:
        if self.session.recipe_path is None:
            return self.save_recipe_as()
        return self._save_to(self.session.recipe_path)

    def _save_to(self, path: Path) -> bool:
        """Save the recipe; a blocked save (read-only, no folder) says so and changes nothing."""
        try:
            self.session.save_recipe(path)
        except SaveBlocked as exc:
            QMessageBox.warning(self, texts().save_blocked,
                                exc.text(ui_lang()))
            return False
        return True

    def save_recipe_as(self) -> bool:
        s = self.session
        start = str(s.recipe_path or (s.workbook.with_suffix(".brief.toml") if s.workbook
                                      else "汇报.brief.toml"))
        path, _ = QFileDialog.getSaveFileName(self, texts().save_recipe_as, start,
                                              texts().recipe_filter)
        if not path:
            return False
        if not path.endswith(".toml"):
            path += ".brief.toml"
        return self._save_to(Path(path))

    def toggle_language(self) -> None:
        LANGUAGE.set("en" if LANGUAGE.code == "zh" else "zh")
        self.settings.language = LANGUAGE.code

    def about(self) -> None:
        QMessageBox.about(self, texts().about, texts().about_text.format(version=__version__))

    # --- window events ----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if not urls:
            return
        self.open_path(Path(urls[0].toLocalFile()))
        event.acceptProposedAction()

    def open_path(self, path: Path) -> None:
        """A file dropped or given on the command line: workbook, recipe or template."""
        name = path.name.lower()
        if name.endswith(WORKBOOK_SUFFIXES):
            self.open_workbook(path)
        elif name.endswith(".toml"):
            self.open_recipe(path)
        elif name.endswith(TEMPLATE_SUFFIXES):
            self.settings_panel.choose_brand(path)
        else:
            self.open_workbook(path)  # let the loader say what the file really is

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        if self.generate_bar.task is not None:
            self.generate_bar.task.cancel()
        self.runner.cancel_all()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        self.runner.wait(10000)
        event.accept()
