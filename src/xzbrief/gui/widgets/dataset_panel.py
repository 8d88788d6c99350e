"""The workbook: which file, what it holds, and every problem with its SHEET!CELL."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzbrief.build import RecipeMismatch
from xzbrief.dataset.problems import Problem
from xzbrief.gui.session import Session
from xzbrief.gui.strings import LANGUAGE, texts, ui_lang
from xzbrief.messages import Lang


class DatasetPanel(QWidget):
    open_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_requested)
        self.excel_button = QPushButton()
        self.excel_button.clicked.connect(self.open_in_spreadsheet)
        self.tabs = QTabWidget()
        self.errors = QListWidget()
        self.warnings = QListWidget()
        for lst in (self.errors, self.warnings):
            lst.setWordWrap(True)
            lst.setAlternatingRowColors(True)
        self.tabs.addTab(self.errors, "")
        self.tabs.addTab(self.warnings, "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.excel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.problems_title = QLabel()
        layout.addWidget(self.problems_title)
        layout.addWidget(self.tabs, 1)
        session.problems_changed.connect(self.refresh)
        session.dataset_changed.connect(self.refresh)
        session.deck_changed.connect(self.refresh)
        LANGUAGE.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        t = texts()
        self.open_button.setText(t.open_workbook)
        self.excel_button.setText(t.open_in_spreadsheet)
        self.problems_title.setText(f"<b>{t.problems}</b>")
        self.refresh()

    def refresh(self) -> None:
        t = texts()
        s = self.session
        self.excel_button.setEnabled(s.workbook is not None)
        if s.workbook is None:
            self.file_label.setText(t.no_dataset)
            self.summary.setText("")
        else:
            self.file_label.setText(f"<b>{s.workbook.name}</b><br><small>{s.workbook.parent}"
                                    "</small>")
            d = s.dataset
            if d is not None:
                lines = [t.summary.format(ind=len(d.indicators), reg=len(d.regions),
                                          per=len(d.periods), rows=len(d.observations))]
                as_of = d.info.as_of or (d.latest_period.label if d.latest_period else "")
                if as_of:
                    lines.append(t.data_as_of.format(as_of=as_of))
                self.summary.setText("<br>".join(lines))
            else:
                self.summary.setText("")
        lang = ui_lang()
        last = s.last
        errors = [p for p in last.problems if p.is_error] if last else []
        warnings = [p for p in last.problems if not p.is_error] if last else []
        self._fill(self.errors, errors, lang)
        self._fill(self.warnings, warnings, lang)
        # the names the recipe gives that the workbook lacks (生成 refuses them), then what
        # planning and layout noticed (text shortened, figures not shown …)
        mismatch = RecipeMismatch(s.mismatch).lines(lang, app=True) if s.mismatch else []
        if mismatch:
            errors_list = self.errors
            if not errors:
                errors_list.clear()
            for line in mismatch:
                errors_list.addItem(QListWidgetItem(line.strip()))
        deck_notes = [n.text(lang) for n in s.notes]
        if deck_notes and not warnings:
            self.warnings.clear()
        for note in deck_notes:
            item = QListWidgetItem(f"{t.deck_note}{note}")
            item.setToolTip(note)  # the whole note, should the row be cut short
            self.warnings.addItem(item)
        self.tabs.setTabText(0, t.errors_tab.format(n=len(errors) + len(s.mismatch)))
        self.tabs.setTabText(1, t.warnings_tab.format(n=len(warnings) + len(deck_notes)))
        if errors or s.mismatch:
            self.tabs.setCurrentIndex(0)
        elif warnings:
            self.tabs.setCurrentIndex(1)

    def _fill(self, lst: QListWidget, problems: list[Problem], lang: Lang) -> None:
        lst.clear()
        if not problems:
            item = QListWidgetItem(texts().no_problems)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            lst.addItem(item)
            return
        for p in problems:
            item = QListWidgetItem(p.format(lang))
            item.setToolTip(p.hint(lang))
            lst.addItem(item)

    def open_in_spreadsheet(self) -> None:
        if self.session.workbook is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.session.workbook)))
