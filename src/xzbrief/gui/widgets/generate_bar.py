"""Generate: the deck written in the background with progress and cancel; the result (or a
plain message with a way forward) shown where the user is looking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
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

from xzbrief.atomic import SaveBlocked
from xzbrief.build import BuildResult, Cancelled, DataProblems, build_deck, default_deck_name
from xzbrief.diff import DeckChanges, compare_decks
from xzbrief.gui.session import Session
from xzbrief.gui.strings import LANGUAGE, texts
from xzbrief.gui.tasks import Task
from xzbrief.render.package_props import NotAnXzbriefDeck, StoredDeck, read_provenance
from xzbrief.render.pdf import find_soffice
from xzbrief.render.template_file import TemplateError


def _stored(path: Path) -> StoredDeck | None:
    """The provenance of an existing deck, or None (no file, or not made by xzbrief)."""
    try:
        return read_provenance(path) if path.is_file() else None
    except (NotAnXzbriefDeck, OSError, ValueError):
        return None


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
        self.button = QPushButton()
        self.button.setDefault(True)
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
        row.addWidget(self.button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress)
        row.addWidget(self.status, 3)
        self.task: Task | None = None
        self.last: BuildResult | None = None
        self.last_changes: DeckChanges | None = None
        self.show_changes = True  # tests turn the dialog off and read last_changes
        session.recipe_path_changed.connect(self._suggest)
        session.recipe_changed.connect(self._suggest)
        session.problems_changed.connect(self._data_changed)
        LANGUAGE.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        t = texts()
        self.pdf.setText(t.also_pdf)
        self.pdf.setToolTip("" if find_soffice() else t.no_libreoffice)
        self.button.setText(t.generate_button)
        self.cancel_button.setText(t.cancel)
        if self.task is None:
            self._show_result()

    def _suggest(self) -> None:
        """Beside the recipe (or the last output folder), named after the title."""
        if self.output.isModified():
            return
        s = self.session
        folder = s.settings.output_dir or (s.recipe_path.parent if s.recipe_path else None) \
            or Path.home()
        self.output.setText(str(folder / default_deck_name(s.recipe.title)))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, texts().generate, self.output.text(),
                                              texts().deck_filter)
        if path:
            if not path.lower().endswith(".pptx"):
                path += ".pptx"
            self.output.setText(path)
            self.output.setModified(True)

    def generate(self) -> None:
        s = self.session
        t = texts()
        if self.task is not None:
            return
        if s.dataset is None or s.workbook is None or (s.last is not None and not s.last.ok):
            self.status.setText(f"<span style='color:#b00'>{t.data_has_errors}</span>")
            return
        out = Path(self.output.text().strip() or default_deck_name(s.recipe.title)).expanduser()
        recipe, workbook, load, pdf = s.recipe, s.workbook, s.good, self.pdf.isChecked()

        def work(report: Any, cancelled: Any) -> tuple[BuildResult, DeckChanges | None]:
            before = _stored(out)  # regenerating over an earlier deck: say what changed
            result = build_deck(recipe, workbook, out, pdf=pdf, progress=report,
                                cancelled=cancelled, load=load)
            after = _stored(result.pptx) if before is not None else None
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
        self.button.setEnabled(True)
        self.cancel_button.hide()
        self.progress.hide()

    def _done(self, outcome: tuple[BuildResult, DeckChanges | None]) -> None:
        result, changes = outcome
        self.last = result
        self.last_changes = changes
        self.session.settings.output_dir = result.pptx.parent
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
        if result.check_workbook is not None:  # every figure with its cell, beside the deck
            links.insert(-1, f"<a href='check'>{t.open_check}</a>")
        text = f"{t.generated.format(path=result.pptx.name)} · " + " · ".join(links)
        if changes is not None:
            text += (f" · <a href='changes'>{t.changes_since_last} ({changes.count})</a>"
                     if changes.slides else f" · {t.no_changes}")
        problem = result.pdf_problem
        if problem is not None:  # the deck is there; only its PDF is missing
            said = problem.zh if LANGUAGE.code == "zh" else problem.en
            text += f"<br><span style='color:#b00'>{said}</span>"
        self.status.setText(text)
        self.status.setToolTip("\n".join(result.warnings))

    def _data_changed(self) -> None:
        """A message about the old workbook (its errors, its deck) no longer applies."""
        if self.task is None:
            self.last = None
            self.last_changes = None
            self.status.setText("")
            self.status.setToolTip("")

    def show_changes_dialog(self) -> None:
        if self.last_changes is None:
            return
        t = texts()
        lines = self.last_changes.lines(LANGUAGE.code)
        box = QMessageBox(QMessageBox.Icon.Information, t.changes_since_last,
                          lines[-1] if len(lines) <= 1 else "\n".join(lines[:12]), parent=self)
        if len(lines) > 12:
            box.setDetailedText("\n".join(lines))
        box.setModal(False)
        box.show()
        self._changes_box = box

    def _failed(self, exc: BaseException, details: str) -> None:
        t = texts()
        zh = LANGUAGE.code == "zh"
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
            if box.clickedButton() is other:
                self.output.setText(str(exc.suggestion))
                self.output.setModified(True)
                QTimer.singleShot(0, self.generate)  # once this task has finished
            return
        if isinstance(exc, TemplateError):
            message = exc.zh if zh else exc.en
        elif isinstance(exc, DataProblems):
            message = t.data_has_errors
        else:
            self.session.crashed.emit(f"{type(exc).__name__}: {exc}", details)
            message = t.generate_failed
        self.status.setText(f"<span style='color:#b00'>{message}</span>")
        self.status.setToolTip(message)

    def _link(self, which: str) -> None:
        if which == "changes":
            self.show_changes_dialog()
            return
        if self.last is None:
            return
        target = {"open": self.last.pptx, "pdf": self.last.pdf,
                  "check": self.last.check_workbook, "folder": self.last.pptx.parent}.get(which)
        if target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
