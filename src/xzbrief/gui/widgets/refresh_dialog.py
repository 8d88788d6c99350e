"""「更新已有汇报…」: choose an edited deck, see every change the workbook brings (a tick box per
change that can be written), then write ``<name>（更新）.pptx``. Planning and writing run in the
background; the dialog only shows the plan and collects the ticks."""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzbrief.atomic import SaveBlocked
from xzbrief.build import DataProblems
from xzbrief.gui.strings import LANGUAGE, texts
from xzbrief.gui.tasks import TaskRunner
from xzbrief.messages import Lang, pick_lang
from xzbrief.messages.refresh import ACTIONS, DIALOG, DIALOG_COLUMNS
from xzbrief.refresh.plan import Action, Change
from xzbrief.refresh_deck import (
    RefreshError,
    RefreshJob,
    default_output,
    prepare_refresh,
    write_refresh,
)
from xzbrief.render.template_file import TemplateError

WARN = "#bb0000"  # a text that does not fit: the app's colour for what needs the user


def tr(key: str) -> str:
    zh, en = DIALOG[key]
    return str(zh if LANGUAGE.code == "zh" else en)


class FittingLine(QLabel):
    """One fitting said in the dialog: plain words, wrapped; a click shows its change."""

    chosen = Signal(int)

    def __init__(self, change_id: int, text: str, warn: bool = False) -> None:
        super().__init__(text)
        self.change_id = change_id
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        if warn:
            self.setStyleSheet(f"color: {WARN}")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.chosen.emit(self.change_id)
        super().mousePressEvent(event)


class RefreshDialog(QDialog):
    """The plan, one row per change; only changes that can be written have a tick box."""

    def __init__(self, job: RefreshJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(tr("title"))
        self.resize(1000, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("intro").format(deck=job.deck.name, data=job.data.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        lang = pick_lang(LANGUAGE.code)
        # the same totals as the CLI's last lines, where they are seen before the table
        self.summary = QLabel(" ".join(n.text(lang) for n in job.plan.summary()))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.fitting_lines: list[FittingLine] = []
        self.fitting = self._fitting_section(job.plan.fitted, lang)
        if self.fitting is not None:
            layout.addWidget(self.fitting)
        cols = DIALOG_COLUMNS[0 if LANGUAGE.code == "zh" else 1]
        changes = job.plan.changes
        self.table = QTableWidget(len(changes), len(cols))
        self.table.setHorizontalHeaderLabels(list(cols))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, change in enumerate(changes):
            self._row(row, change)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        for c in (3, 4):
            self.table.setColumnWidth(c, 260)
        self.table.setColumnWidth(5, min(self.table.columnWidth(5), 180))  # 处理 in sight
        layout.addWidget(self.table, 1)
        # the chosen row's note in full (the CLI prints it under the row)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reason)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_reason(row))
        line = QHBoxLayout()
        line.addWidget(QLabel(tr("save_to")))
        self.output = QLineEdit(str(default_output(job.deck)))
        line.addWidget(self.output, 1)
        browse = QPushButton(tr("browse"))
        browse.clicked.connect(self._browse)
        line.addWidget(browse)
        layout.addLayout(line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:  # in the app's words, whether or not Qt's own are installed
            cancel.setText(texts().cancel)
        self.write_button = buttons.addButton(tr("write"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setEnabled(bool(job.plan.updates))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _row(self, row: int, change: Change) -> None:
        zh = LANGUAGE.code == "zh"
        tick = QTableWidgetItem()
        if change.action is Action.UPDATE:
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Checked)
        else:
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled)
        tick.setData(Qt.ItemDataRole.UserRole, change.id)
        self.table.setItem(row, 0, tick)
        slide = str(change.slide) if change.slide is not None else tr("deleted")
        action = ACTIONS[change.action][0 if zh else 1]
        lang = "zh" if zh else "en"
        details = change.detail_lines(lang)
        new = change.text("new", lang) + ("\n" + "\n".join(details) if details else "")
        values = (slide, change.text("place", lang), _flat(change.text("old", lang)),
                  _flat(change.text("new", lang)) + new[len(change.text("new", lang)):],
                  change.where, action)
        for col, value in enumerate(values, start=1):
            item = QTableWidgetItem(value)
            if col == 6 and change.reason:
                item.setToolTip(change.text("reason", lang))
            if col in (3, 4):
                item.setToolTip(value)
            self.table.setItem(row, col, item)

    def _fitting_section(self, fitted: list[Change], lang: Lang) -> QWidget | None:
        """Every text set smaller to fit its box, or too long for it at any legible size, in
        sight: one line each with its page and place, wrapped, never cut (a click shows its
        row in the table)."""
        if not fitted:
            return None
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel(tr("fitting_head").format(n=len(fitted))))
        inner = QWidget()
        lines = QVBoxLayout(inner)
        lines.setContentsMargins(4, 2, 4, 2)
        lines.setSpacing(2)
        for change in fitted:
            label = FittingLine(change.id, tr("fitting_item").format(
                page=change.slide, place=change.text("place", lang),
                text=change.text("fitting", lang)), warn=change.action is Action.EYE)
            label.chosen.connect(self._go_to)
            lines.addWidget(label)
            self.fitting_lines.append(label)
        lines.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        spacing = scroll.fontMetrics().lineSpacing()
        scroll.setFixedHeight(spacing * min(2 * len(fitted), 6) + 12)
        col.addWidget(scroll)
        return box

    def _go_to(self, change_id: int) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == change_id:
                self.table.setCurrentCell(row, 1)
                self.table.scrollToItem(item)
                return

    def _show_reason(self, row: int) -> None:
        change = self.job.plan.changes[row] if 0 <= row < len(self.job.plan.changes) else None
        lang = pick_lang(LANGUAGE.code)
        self.reason.setText(tr("reason").format(reason=change.text("reason", lang))
                            if change is not None and change.reason else "")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("title"), self.output.text(),
                                              tr("filter"))
        if path:
            self.output.setText(path)

    def chosen(self) -> list[int]:
        """The ids of the ticked changes."""
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_ticked(self, change_id: int, ticked: bool) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == change_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else
                                   Qt.CheckState.Unchecked)


def _flat(text: str) -> str:
    """A slide's text on one table line: the bullet's tab and the line breaks as spaces."""
    return text.replace("\t", " ").replace("\n", "")


class RefreshFlow(QObject):
    """Choose -> plan (background) -> dialog -> write (background) -> say where it went."""

    written = Signal(Path)
    failed = Signal(str)

    def __init__(self, parent: QWidget, runner: TaskRunner,
                 open_workbook: Path | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.runner = runner
        self.open_workbook = open_workbook  # the app's workbook, when the deck's is not found
        self.dialog: RefreshDialog | None = None
        self.message: QMessageBox | None = None

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent_widget, tr("choose"), "",
                                              tr("filter"))
        if path:
            self.start(Path(path))

    def start(self, deck: Path) -> None:
        fallback = self.open_workbook

        def work(_progress: object, _cancelled: object) -> RefreshJob:
            try:
                return prepare_refresh(deck)
            except RefreshError:
                if fallback is None:
                    raise
                return prepare_refresh(deck, fallback)

        self.runner.run(work, on_success=self.show_plan, on_failure=self._failure)

    def show_plan(self, job: RefreshJob) -> None:
        if job.plan.nothing_to_do:
            self._say(tr("nothing"))
            return
        self.dialog = RefreshDialog(job, self.parent_widget)
        self.dialog.accepted.connect(lambda: self._write(job))
        self.dialog.open()

    def _write(self, job: RefreshJob) -> None:
        assert self.dialog is not None
        ids = self.dialog.chosen()
        out = Path(self.dialog.output.text())

        def work(_progress: object, _cancelled: object) -> Path:
            return write_refresh(job, out, ids, overwrite_input=out.resolve() ==
                                 job.deck.resolve())

        self.runner.run(work, on_success=self._done, on_failure=self._failure)

    def _done(self, path: Path) -> None:
        self.written.emit(path)
        self._say(tr("done").format(path=path, n=len(self._applied())))

    def _applied(self) -> list[int]:
        return self.dialog.chosen() if self.dialog is not None else []

    def _failure(self, exc: BaseException, details: str = "") -> None:
        lang = LANGUAGE.code
        if isinstance(exc, (RefreshError, TemplateError, SaveBlocked)):
            message = exc.text(lang)
        elif isinstance(exc, DataProblems):
            message = tr("data_problems")
        elif isinstance(exc, OSError):
            message = str(exc)
        else:
            message = "".join(traceback.format_exception_only(exc)) + details
        self.failed.emit(message)
        self._say(message, warn=True)

    def _say(self, text: str, warn: bool = False) -> None:
        """A message that does not block (the app keeps painting; tests keep running)."""
        icon = QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Information
        self.message = QMessageBox(icon, tr("failed") if warn else tr("title"), text,
                                   QMessageBox.StandardButton.Ok, self.parent_widget)
        self.message.open()
