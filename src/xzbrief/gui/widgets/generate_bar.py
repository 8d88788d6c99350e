"""Generate: the deck written in the background with progress and cancel; the result (or a
plain message with a way forward) shown where the user is looking."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolButton,
    QWidget,
)

from xzbrief import build
from xzbrief.atomic import SaveBlocked
from xzbrief.build import (
    BuildResult,
    Cancelled,
    DataProblems,
    RecipeMismatch,
    TooManySlides,
    build_deck,
    default_deck_name,
)
from xzbrief.diff import DeckChanges, compare_decks
from xzbrief.gui.session import Session
from xzbrief.gui.strings import LANGUAGE, texts, ui_lang
from xzbrief.gui.tasks import Task
from xzbrief.refresh.record import DeckRec
from xzbrief.render.package_props import NotAnXzbriefDeck, read_provenance
from xzbrief.render.pdf import find_soffice
from xzbrief.render.template_file import TemplateError
from xzbrief.resources import shipped_root


def _stored(path: Path) -> DeckRec | None:
    """The provenance of an existing deck, or None (no file, or not made by xzbrief)."""
    try:
        return read_provenance(path) if path.is_file() else None
    except (NotAnXzbriefDeck, OSError, ValueError):
        return None


PRIMARY_STYLE = """
QPushButton#primary { background: #c8161d; color: white; font-weight: bold;
                      border: 1px solid #a01016; border-radius: 4px; padding: 5px 18px; }
QPushButton#primary:hover { background: #d92a31; }
QPushButton#primary:pressed { background: #a01016; }
QPushButton#primary:focus { border: 2px solid #f5c400; }
QPushButton#primary:disabled { background: #e4b8ba; border-color: #e4b8ba; color: #fff; }
"""


def _written(result: BuildResult) -> Path:
    """The file the user asked for: the deck, or the Word document when only that was."""
    written = result.pptx or result.docx
    assert written is not None  # build_deck writes at least one
    return written


class GenerateBar(QWidget):
    generated = Signal(object)  # BuildResult

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.output = QLineEdit()
        self.browse = QToolButton()
        self.browse.setText("…")
        self.browse.clicked.connect(self._browse)
        self.pdf = QCheckBox()
        self.pdf.setChecked(session.settings.pdf and find_soffice() is not None)
        self.pdf.setEnabled(find_soffice() is not None)
        self.pdf.toggled.connect(lambda on: setattr(session.settings, "pdf", on))
        self.docx = QCheckBox()
        self.docx.setChecked(session.settings.docx)
        self.docx.toggled.connect(lambda on: setattr(session.settings, "docx", on))
        self.button = QPushButton()
        self.button.setDefault(True)
        self.button.setObjectName("primary")  # the one primary action: filled, brand red
        self.button.setStyleSheet(PRIMARY_STYLE)
        self.button.clicked.connect(self.generate)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.hide()
        self.status = QLabel()
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(self._link)
        row = QHBoxLayout(self)
        row.addWidget(self.output, 2)
        row.addWidget(self.browse)
        row.addWidget(self.pdf)
        row.addWidget(self.docx)
        row.addWidget(self.button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress)
        row.addWidget(self.status, 3)
        self.task: Task | None = None
        self.mismatch_shown: list[str] = []  # the lines of the last RecipeMismatch shown
        self.last: BuildResult | None = None
        self.last_changes: DeckChanges | None = None
        self.show_changes = True  # tests turn the dialog off and read last_changes
        session.recipe_path_changed.connect(self._suggest)
        session.recipe_changed.connect(self._suggest)
        session.dataset_changed.connect(self._suggest)
        session.problems_changed.connect(self._data_changed)
        session.selection_emptied.connect(self._update_ready)
        session.dataset_changed.connect(self._update_ready)
        self._blocked_shown = ""  # the reason now in the status line, if any
        LANGUAGE.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        t = texts()
        self.pdf.setText(t.also_pdf)
        self.docx.setText(t.also_docx)
        self.pdf.setToolTip("" if find_soffice() else t.no_libreoffice)
        self.button.setText(t.generate_button)
        self.cancel_button.setText(t.cancel)
        if self.task is None:
            self._show_result()
            self._update_ready()

    def blocked(self) -> str | None:
        """Why 生成 cannot run now ("" while the first workbook is still being read)."""
        s, t = self.session, texts()
        if s.empty_selection is not None:
            return t.empty_themes if s.empty_selection == "themes" else t.empty_regions
        if s.last is not None and not s.last.ok:
            return t.data_has_errors
        if s.dataset is None or s.workbook is None:
            return t.data_has_errors if s.last is not None else ""
        return None

    def _update_ready(self) -> None:
        """生成 is enabled only when it can work; the status line says why not."""
        if self.task is not None:
            return
        reason = self.blocked()
        self.button.setEnabled(reason is None)
        self.button.setToolTip(reason or "")
        if reason:
            self.status.setText(f"<span style='color:#b00'>{reason.splitlines()[0]}</span>")
            self._blocked_shown = reason
        elif self._blocked_shown:
            self._blocked_shown = ""
            self._show_result()

    def default_folder(self) -> Path:
        """Where a new deck goes: the last output folder, else beside the recipe, else beside
        the user's workbook, else 文档 (Documents) — never inside the app's own files."""
        s = self.session
        shipped = shipped_root()
        for folder in (s.settings.output_dir, s.recipe_path.parent if s.recipe_path else None,
                       s.workbook.parent if s.workbook else None):
            if folder is not None and folder.is_dir() and not folder.is_relative_to(shipped) \
                    and os.access(folder, os.W_OK):
                return folder
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path.home()

    def _suggest(self) -> None:
        """In the default folder, named after the title."""
        if self.output.isModified():
            return
        s = self.session
        self.output.setText(str(self.default_folder() / default_deck_name(s.recipe.title)))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, texts().generate, self.output.text(),
                                              texts().deck_filter)
        if path:
            if not path.lower().endswith(".pptx"):
                path += ".pptx"
            self.output.setText(path)
            self.output.setModified(True)

    def generate(self) -> None:
        """生成: a plan longer than build.LARGE_DECK slides stops before writing and asks."""
        self._generate(build.LARGE_DECK)

    def _generate(self, max_slides: int | None) -> None:
        s = self.session
        t = texts()
        if self.task is not None:
            return
        if self.blocked() is not None or s.workbook is None:  # Ctrl+G while disabled
            self._update_ready()
            return
        out = Path(self.output.text().strip() or default_deck_name(s.recipe.title)).expanduser()
        recipe, workbook, load, pdf = s.recipe, s.workbook, s.good, self.pdf.isChecked()
        document = out.with_suffix(".docx") if self.docx.isChecked() else None

        def work(report: Any, cancelled: Any) -> tuple[BuildResult, DeckChanges | None]:
            before = _stored(out)  # regenerating over an earlier deck: say what changed
            result = build_deck(recipe, workbook, out, pdf=pdf, progress=report,
                                cancelled=cancelled, load=load, docx=document,
                                max_slides=max_slides)
            after = _stored(result.pptx) if before is not None and result.pptx else None
            changes = compare_decks(before, after) if before and after else None
            return result, changes

        self.button.setEnabled(False)
        self.cancel_button.show()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(t.generating)
        self.task = s.runner.run(work, on_success=self._done, on_failure=self._failed,
                                 on_progress=self._progress, on_finished=self._finished)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        self.status.setText(message)

    def _finished(self) -> None:
        self.task = None
        self.cancel_button.hide()
        self.progress.hide()
        self._update_ready()

    def _done(self, outcome: tuple[BuildResult, DeckChanges | None]) -> None:
        result, changes = outcome
        self.last = result
        self.last_changes = changes
        self.session.settings.output_dir = _written(result).parent
        self._show_result()
        self.generated.emit(result)
        if changes is not None and changes.slides and self.show_changes:
            self.show_changes_dialog()

    def _show_result(self) -> None:
        """The last deck written, its links and what changed, in the current language."""
        result, changes = self.last, self.last_changes
        if result is None:
            self.status.setText("")
            return
        t = texts()
        links = [f"<a href='open'>{t.open_deck}</a>", f"<a href='folder'>{t.open_folder}</a>"]
        if result.pdf is not None:
            links.insert(1, "<a href='pdf'>PDF</a>")
        if result.docx is not None:
            links.insert(1, f"<a href='docx'>{t.open_docx}</a>")
        if result.check_workbook is not None:  # every figure with its cell, beside the deck
            links.insert(-1, f"<a href='check'>{t.open_check}</a>")
        if result.pptx is None:  # the document alone (an output name ending in .docx)
            links.pop(0)
        text = f"{t.generated.format(path=_written(result).name)} · " + " · ".join(links)
        if changes is not None:
            text += (f" · <a href='changes'>{t.changes_since_last} ({changes.count})</a>"
                     if changes.slides else f" · {t.no_changes}")
        problem = result.pdf_problem
        if problem is not None:  # the deck is there; only its PDF is missing
            said = problem.text(ui_lang())
            text += f"<br><span style='color:#b00'>{said}</span>"
        self.status.setText(text)
        self.status.setToolTip("\n".join(result.notes(ui_lang())))

    def _data_changed(self) -> None:
        """A message about the old workbook (its errors, its deck) no longer applies."""
        if self.task is None:
            self.last = None
            self.last_changes = None
            self.status.setText("")
            self.status.setToolTip("")
            self._blocked_shown = ""
            self._update_ready()

    def show_changes_dialog(self) -> None:
        if self.last_changes is None:
            return
        t = texts()
        lines = self.last_changes.lines(ui_lang())
        box = QMessageBox(QMessageBox.Icon.Information, t.changes_since_last,
                          lines[-1] if len(lines) <= 1 else "\n".join(lines[:12]), parent=self)
        if len(lines) > 12:
            box.setDetailedText("\n".join(lines))
        box.setModal(False)
        box.show()
        self._changes_box = box

    def _failed(self, exc: BaseException, details: str) -> None:
        t = texts()
        zh = ui_lang() == "zh"
        if isinstance(exc, Cancelled):
            self.status.setText(t.cancelled)
            return
        if isinstance(exc, SaveBlocked):
            self.status.setText(f"<span style='color:#b00'>{t.save_blocked}</span>")
            box = QMessageBox(QMessageBox.Icon.Warning, t.save_blocked,
                              exc.text("zh" if zh else "en"), parent=self)
            other = box.addButton(t.save_elsewhere, QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is other:  # a save dialog, the free name filled in
                path, _ = QFileDialog.getSaveFileName(self, t.save_elsewhere,
                                                      str(exc.suggestion), t.deck_filter)
                if not path:
                    return
                if not path.lower().endswith(".pptx"):
                    path += ".pptx"
                self.output.setText(path)
                self.output.setModified(True)
                QTimer.singleShot(0, self.generate)  # once this task has finished
            return
        if isinstance(exc, TooManySlides):  # nothing written yet: the user decides
            self.status.setText("")
            answer = QMessageBox.question(
                self, t.large_deck_title, t.large_deck.format(n=exc.slides),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                QTimer.singleShot(0, lambda: self._generate(None))  # once this task has ended
            else:
                self.status.setText(t.cancelled)
            return
        if isinstance(exc, RecipeMismatch):  # the CLI's refusal, with the app's own fix
            # short in the bar (it must not widen the window); every name in its tooltip and
            # in the problems list
            lines = exc.lines(ui_lang(), app=True)
            head = html.escape(re.sub(r"[::]\s*$", "", lines[0]))
            self.status.setText(f"<span style='color:#b00'>{head} ({len(exc.issues)})</span>"
                                f" · <a href='drop-missing'>{t.drop_missing}</a>")
            self.status.setToolTip("\n".join(lines))
            self.mismatch_shown = lines
            return
        if isinstance(exc, TemplateError):
            message = exc.text(ui_lang())
        elif isinstance(exc, DataProblems):
            message = t.data_has_errors
        else:
            self.session.crashed.emit(f"{type(exc).__name__}: {exc}", details)
            message = t.generate_failed
        self.status.setText(f"<span style='color:#b00'>{message}</span>")
        self.status.setToolTip(message)

    def _link(self, which: str) -> None:
        if which == "drop-missing":  # the names the workbook lacks leave the recipe
            self.session.drop_missing_names()
            self.mismatch_shown = []
            self.status.setText("")
            return
        if which == "changes":
            self.show_changes_dialog()
            return
        if self.last is None:
            return
        target = {"open": self.last.pptx, "pdf": self.last.pdf, "docx": self.last.docx,
                  "check": self.last.check_workbook,
                  "folder": _written(self.last).parent}.get(which)
        if target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
