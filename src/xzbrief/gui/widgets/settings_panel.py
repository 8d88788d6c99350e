"""Deck settings: cover texts, the brand gallery and the recipe's switches."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from xzbrief.deck.model import Deck, DeckInfo, Slide, SlideKind
from xzbrief.gui.painter import FRAMED_SELECTION, render_pixmap, untinted_icon
from xzbrief.gui.session import Session
from xzbrief.gui.strings import LANGUAGE, texts, ui_lang
from xzbrief.recipe import Numbering, Options, Structure
from xzbrief.render.brand import brand_label, builtin_names, load_brand
from xzbrief.render.layout import place_deck
from xzbrief.render.preview import slide_display

OWN = "__own__"
TYPING_DEBOUNCE_MS = 300  # cover texts preview while typing, once per pause
NUMBERINGS = (Numbering.CHINESE, Numbering.ARABIC, Numbering.NONE)
STRUCTURES = (Structure.THEMES, Structure.REPORT)


@cache
def brand_icon(name: str) -> QIcon:
    """The brand's cover and a content page, drawn by our own preview painter."""
    brand = load_brand(name)
    deck = Deck(DeckInfo(title=name), (
        Slide(kind=SlideKind.COVER, title=name, subtitle="汇报标题示例", organisation="汇报单位",
              date="2025年12月"),))
    placed, _ = place_deck(deck, brand)
    picture = render_pixmap(slide_display(placed[0], brand), 128, 2.0)
    return untinted_icon(picture)


class SettingsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._updating = False
        self.title = QLineEdit()
        self.subtitle = QLineEdit()
        self.organisation = QLineEdit()
        self.date = QLineEdit()
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DEBOUNCE_MS)
        self._typing.timeout.connect(self._typed)
        for line, key in ((self.title, "title"), (self.subtitle, "subtitle"),
                          (self.organisation, "organisation"), (self.date, "date")):
            line.editingFinished.connect(lambda e=line, k=key: self._text(k, e.text()))
            line.textEdited.connect(lambda _t: self._typing.start())
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(128, 72))
        self.gallery.setGridSize(QSize(144, 100))
        self.gallery.setFlow(QListView.Flow.LeftToRight)
        self.gallery.setWrapping(True)
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setFixedHeight(216)
        self.gallery.setStyleSheet(FRAMED_SELECTION)
        for name in builtin_names():
            item = QListWidgetItem(brand_icon(name), name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.gallery.addItem(item)
        self.own_item = QListWidgetItem(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon), "")
        self.own_item.setData(Qt.ItemDataRole.UserRole, OWN)
        self.gallery.addItem(self.own_item)
        self.gallery.itemClicked.connect(self._brand_clicked)
        self.switches: dict[str, QCheckBox] = {}
        for key in ("agenda", "section_dividers", "summary", "indicator_table", "key_figures",
                    "highlights", "speaker_notes", "source_footnotes", "appendix",
                    "check_workbook"):
            box = QCheckBox()
            box.toggled.connect(lambda on, k=key: self._option(k, on))
            self.switches[key] = box
        self.marking_on = QCheckBox()
        self.marking = QLineEdit()
        self.marking_on.toggled.connect(lambda _on: self._marking())
        self.marking.editingFinished.connect(self._marking)
        self.closing = QLineEdit()
        self.closing.editingFinished.connect(
            lambda: self._option("closing", self.closing.text().strip()))
        self.numbering = QComboBox()
        self.numbering.addItems([n.value for n in NUMBERINGS])
        self.numbering.currentIndexChanged.connect(
            lambda i: self._option("numbering", NUMBERINGS[max(i, 0)]))
        self.structure = QComboBox()
        self.structure.currentIndexChanged.connect(
            lambda i: self._option("structure", STRUCTURES[max(i, 0)]))
        self.issues = QPlainTextEdit()
        self.next_steps = QPlainTextEdit()
        for para in (self.issues, self.next_steps):
            para.setMaximumHeight(70)
            para.textChanged.connect(self._texts)
        self.cover_box = QGroupBox()
        form = QFormLayout(self.cover_box)
        self.labels: dict[str, QLabel] = {}
        for key, widget in (("title", self.title), ("subtitle", self.subtitle),
                            ("organisation", self.organisation), ("date", self.date)):
            label = QLabel()
            self.labels[key] = label
            form.addRow(label, widget)
        self.brand_box = QGroupBox()
        QVBoxLayout(self.brand_box).addWidget(self.gallery)
        self.options_box = QGroupBox()
        opts = QFormLayout(self.options_box)
        grid = QVBoxLayout()
        for box in self.switches.values():
            grid.addWidget(box)
        opts.addRow(grid)
        marking_row = QHBoxLayout()
        marking_row.addWidget(self.marking_on)
        marking_row.addWidget(self.marking, 1)
        self.closing_label = QLabel()
        self.numbering_label = QLabel()
        self.structure_label = QLabel()
        self.issues_label = QLabel()
        self.next_label = QLabel()
        opts.addRow(marking_row)
        opts.addRow(self.closing_label, self.closing)
        opts.addRow(self.numbering_label, self.numbering)
        opts.addRow(self.structure_label, self.structure)
        opts.addRow(self.issues_label, self.issues)
        opts.addRow(self.next_label, self.next_steps)
        layout = QVBoxLayout(self)
        layout.addWidget(self.cover_box)
        layout.addWidget(self.brand_box)
        layout.addWidget(self.options_box)
        layout.addStretch(1)
        session.recipe_changed.connect(self.refresh)
        LANGUAGE.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        t = texts()
        self.cover_box.setTitle(t.deck_settings)
        for key, text in (("title", t.title), ("subtitle", t.subtitle),
                          ("organisation", t.organisation), ("date", t.date)):
            self.labels[key].setText(text)
        self.brand_box.setTitle(t.brand)
        self.own_item.setText(t.own_template)
        for i in range(self.gallery.count()):
            item = self.gallery.item(i)
            name = str(item.data(Qt.ItemDataRole.UserRole))
            if name != OWN:
                item.setText(brand_label(name, ui_lang()))
        self.options_box.setTitle(t.options)
        names = {"agenda": t.opt_agenda, "section_dividers": t.opt_sections,
                 "summary": t.opt_summary, "indicator_table": t.opt_indicator_table,
                 "key_figures": t.opt_key_figures, "highlights": t.opt_highlights,
                 "speaker_notes": t.opt_notes, "source_footnotes": t.opt_sources,
                 "appendix": t.opt_appendix, "check_workbook": t.opt_check_workbook}
        for key, box in self.switches.items():
            box.setText(names[key])
        self.marking_on.setText(t.opt_marking)
        self.closing_label.setText(t.opt_closing)
        self.numbering_label.setText(t.opt_numbering)
        self.structure_label.setText(t.opt_structure)
        self.issues_label.setText(f"{t.issues_text}\n({t.one_per_line})")
        self.next_label.setText(f"{t.next_steps_text}\n({t.one_per_line})")
        self._updating = True
        current = self.structure.currentIndex()
        self.structure.clear()
        self.structure.addItems(list(t.structure_names))
        self.structure.setCurrentIndex(max(current, 0))
        self._updating = False
        self.refresh()

    def refresh(self) -> None:
        r = self.session.recipe
        o = r.options
        self._updating = True
        try:
            for edit, value in ((self.title, r.title), (self.subtitle, r.subtitle),
                                (self.organisation, r.organisation), (self.date, r.date)):
                if not edit.hasFocus() and edit.text() != value:
                    edit.setText(value)
                    edit.setCursorPosition(0)  # a long title shows its beginning
            for key, box in self.switches.items():
                box.setChecked(bool(getattr(o, key)))
            self.marking_on.setChecked(bool(o.marking))
            if o.marking:
                self.marking.setText(o.marking)
            elif not self.marking.text():
                self.marking.setText(texts().marking_default)
            if not self.closing.hasFocus():
                self.closing.setText(o.closing)
            self.numbering.setCurrentIndex(NUMBERINGS.index(o.numbering))
            self.structure.setCurrentIndex(STRUCTURES.index(o.structure))
            for plain, values in ((self.issues, r.issues), (self.next_steps, r.next_steps)):
                text = "\n".join(values)
                if not plain.hasFocus() and plain.toPlainText() != text:
                    plain.setPlainText(text)
            # the cover date left empty: the date the deck will carry, greyed
            self.date.setPlaceholderText(r.cover_date())
            selected = next((i for i in range(self.gallery.count())
                             if self.gallery.item(i).data(Qt.ItemDataRole.UserRole) == r.brand),
                            None)
            if selected is None:  # 我的模板 names the file it uses
                self.own_item.setText(f"{texts().own_template}\n{Path(r.brand).name}")
                self.own_item.setToolTip(r.brand)
                self.gallery.setCurrentItem(self.own_item)
            else:
                self.own_item.setText(texts().own_template)
                self.own_item.setToolTip("")
                self.gallery.setCurrentRow(selected)
        finally:
            self._updating = False

    # --- to the session -------------------------------------------------------------------
    def _text(self, key: str, value: str) -> None:
        if not self._updating:
            self.session.update_recipe(**{key: value.strip()})

    def _typed(self) -> None:
        """A pause in typing: the cover texts go to the preview without leaving the field."""
        if self._updating:
            return
        r = self.session.recipe
        changes = {key: line.text().strip() for key, line in (
            ("title", self.title), ("subtitle", self.subtitle),
            ("organisation", self.organisation), ("date", self.date))
            if line.text().strip() != getattr(r, key)}
        if changes:
            self.session.update_recipe(**changes)

    def _option(self, key: str, value: object) -> None:
        if self._updating:
            return
        options: Options = replace(self.session.recipe.options, **{key: value})  # type: ignore[arg-type]
        self.session.update_recipe(options=options)

    def _marking(self) -> None:
        text = self.marking.text().strip() if self.marking_on.isChecked() else ""
        self._option("marking", text)

    def _texts(self) -> None:
        if self._updating:
            return
        issues = tuple(x.strip() for x in self.issues.toPlainText().splitlines() if x.strip())
        steps = tuple(x.strip() for x in self.next_steps.toPlainText().splitlines() if x.strip())
        self.session.update_recipe(issues=issues, next_steps=steps)

    def _brand_clicked(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name == OWN:
            path, _ = QFileDialog.getOpenFileName(self, texts().choose_template, "",
                                                  texts().template_filter)
            if not path:
                self.refresh()
                return
            self.choose_brand(Path(path))
        else:
            self.session.update_recipe(brand=str(name))

    def choose_brand(self, path: Path) -> None:
        self.session.update_recipe(brand=str(path))
