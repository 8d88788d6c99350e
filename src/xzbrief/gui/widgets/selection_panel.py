"""What goes into the deck: themes and indicators (tri-state tree, searchable, themes
reordered by drag), regions, the period range and the comparison."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzbrief.dataset.model import Dataset
from xzbrief.dataset.periods import Period
from xzbrief.gui.session import Session
from xzbrief.gui.strings import LANGUAGE, texts
from xzbrief.recipe import Comparison, ThemeChoice

ROLE_KEY = Qt.ItemDataRole.UserRole
COMPARISONS = (Comparison.YOY, Comparison.PREVIOUS, Comparison.CAGR, Comparison.NONE)


class ThemeTree(QTreeWidget):
    """Top-level items are themes (drag to reorder); children are indicators."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.on_reordered: Callable[[], None] = lambda: None

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        if dragged is None or dragged.parent() is not None:
            event.ignore()  # only themes move
            return
        if target is not None and target.parent() is not None:
            target = target.parent()
        old = self.indexOfTopLevelItem(dragged)
        last = self.topLevelItemCount() - 1
        new = self.indexOfTopLevelItem(target) if target is not None else last
        event.ignore()  # we move the item ourselves: Qt would nest it
        if new < 0 or new == old:
            return
        expanded = dragged.isExpanded()
        self.takeTopLevelItem(old)
        self.insertTopLevelItem(new, dragged)
        dragged.setExpanded(expanded)
        self.setCurrentItem(dragged)
        self.on_reordered()


def _themes(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    kids = (item.child(k) for k in range(item.childCount()))
    return [kid for kid in kids if kid is not None]


def _key(item: QTreeWidgetItem) -> str:
    return str(item.data(0, ROLE_KEY)[1])


class SelectionPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._updating = False
        # what the tree shows: rebuilt only when these change, not for a title or an option
        self._shown: tuple[Dataset | None, tuple[ThemeChoice, ...]] | None = None
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = ThemeTree()
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.on_reordered = self._push
        self.hint = QLabel()
        self.hint.setStyleSheet("color: gray")
        self.regions = QListWidget()
        self.regions.setMaximumHeight(120)
        self.regions.itemChanged.connect(lambda _i: self._push(filters_changed=True))
        self.period_from = QComboBox()
        self.period_to = QComboBox()
        self.comparison = QComboBox()
        for combo in (self.period_from, self.period_to, self.comparison):
            combo.currentIndexChanged.connect(lambda _i: self._push(filters_changed=True))
        self.form = QFormLayout()
        periods = QHBoxLayout()
        periods.addWidget(self.period_from, 1)
        self.to_label = QLabel()
        periods.addWidget(self.to_label)
        periods.addWidget(self.period_to, 1)
        self.regions_label = QLabel()
        self.periods_label = QLabel()
        self.comparison_label = QLabel()
        self.form.addRow(self.regions_label, self.regions)
        self.form.addRow(self.periods_label, periods)
        self.form.addRow(self.comparison_label, self.comparison)
        # a range that leaves the comparison nothing to compare with says so (not silently)
        self.comparison_hint = QLabel()
        self.comparison_hint.setWordWrap(True)
        self.comparison_hint.setStyleSheet("color: #a15c00")
        self.comparison_hint.hide()
        self.form.addRow(self.comparison_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        session.dataset_changed.connect(self.rebuild)
        session.recipe_changed.connect(self._recipe_changed)
        LANGUAGE.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _language: str = "") -> None:
        t = texts()
        self.search.setPlaceholderText(t.search)
        self.hint.setText(t.drag_hint)
        self.regions_label.setText(t.regions)
        self.periods_label.setText(t.periods)
        self.to_label.setText(t.period_to)
        self.comparison_label.setText(t.comparison)
        self._updating = True
        current = self.comparison.currentIndex()
        self.comparison.clear()
        self.comparison.addItems(list(t.comparison_names))
        self.comparison.setCurrentIndex(max(current, 0))
        for combo in (self.period_from, self.period_to):
            if combo.count():
                combo.setItemText(0, t.any_period)
        self._updating = False

    # --- from the session -----------------------------------------------------------------
    def _recipe_changed(self) -> None:
        if not self._updating:
            self.rebuild()

    def rebuild(self) -> None:
        dataset = self.session.dataset
        shown = (dataset, self.session.recipe.themes)
        if self._shown is not None and shown[0] is self._shown[0] and shown[1] == self._shown[1]:
            return
        self._shown = shown
        collapsed = {_key(t) for t in _themes(self.tree) if not t.isExpanded()}
        self._updating = True
        try:
            self.session.set_empty_selection(None)  # the tree shows the recipe's choice again
            self.tree.clear()
            self.regions.clear()
            for combo in (self.period_from, self.period_to):
                combo.clear()
            if dataset is None:
                return
            self._build_tree(dataset, collapsed)
            self._build_filters(dataset)
            self._filter(self.search.text())
        finally:
            self._updating = False
            self._check_comparison()

    def _build_tree(self, dataset: Dataset, collapsed: set[str]) -> None:
        recipe = self.session.recipe
        chosen = {c.name: c for c in recipe.themes}
        order = [c.name for c in recipe.themes] + [t.name for t in dataset.themes
                                                    if t.name not in chosen]
        for name in order:
            indicators = dataset.indicators_of(name)
            if not indicators and not dataset.highlights_of(name):
                continue  # a theme with neither indicators nor highlights has nothing to show
            theme = QTreeWidgetItem([name])
            theme.setData(0, ROLE_KEY, ("theme", name))
            theme.setFlags(theme.flags() | Qt.ItemFlag.ItemIsUserCheckable
                           | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsDragEnabled)
            theme.setFlags(theme.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            choice = chosen.get(name)
            for ind in indicators:
                child = QTreeWidgetItem([f"{ind.name}({ind.unit})" if ind.unit else ind.name])
                child.setData(0, ROLE_KEY, ("indicator", ind.code))
                child.setToolTip(0, f"{ind.code} · {ind.source}")
                child.setFlags((child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                               & ~Qt.ItemFlag.ItemIsDragEnabled & ~Qt.ItemFlag.ItemIsDropEnabled)
                on = (not recipe.themes) or (choice is not None and (
                    choice.indicators is None or ind.code in choice.indicators))
                child.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                theme.addChild(child)
            if not indicators:  # highlights only: the theme itself is the choice
                on = (not recipe.themes) or choice is not None
                theme.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(theme)
            theme.setExpanded(name not in collapsed)

    def _build_filters(self, dataset: Dataset) -> None:
        recipe = self.session.recipe
        first = recipe.themes[0] if recipe.themes else ThemeChoice("")
        for region in dataset.regions:
            item = QListWidgetItem(region.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = first.regions is None or region.name in first.regions
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.regions.addItem(item)
        labels = [p.label for p in dataset.periods]
        for combo, chosen in ((self.period_from, first.period_from),
                              (self.period_to, first.period_to)):
            combo.addItem(texts().any_period, None)
            for period, label in zip(dataset.periods, labels, strict=True):
                combo.addItem(label, period)
            index = combo.findText(chosen.label) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
        self.comparison.setCurrentIndex(COMPARISONS.index(first.comparison))

    # --- to the session -------------------------------------------------------------------
    def _item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        self._push()

    def _push(self, filters_changed: bool = False) -> None:
        """The tree's choice to the session. Each theme keeps its own regions, periods and
        comparison (a recipe may give them per theme); the pickers below the tree set them
        for every theme only when the user changes a picker."""
        if self._updating or self.session.dataset is None:
            return
        items = [self.regions.item(i) for i in range(self.regions.count())]
        regions: tuple[str, ...] | None = tuple(
            i.text() for i in items if i is not None and i.checkState() == Qt.CheckState.Checked)
        if regions is not None and len(regions) == self.regions.count():
            regions = None
        if not any(self._chosen(theme) for theme in _themes(self.tree)):
            self.session.set_empty_selection("themes")  # "none" must not become "all"
            return
        if regions == () and self.regions.count():
            self.session.set_empty_selection("regions")
            return
        self.session.set_empty_selection(None)
        start: Period | None = self.period_from.currentData()
        end: Period | None = self.period_to.currentData()
        comparison = COMPARISONS[max(self.comparison.currentIndex(), 0)]
        previous = {c.name: c for c in self.session.recipe.themes}
        themes = []
        for theme in _themes(self.tree):
            kids = _children(theme)
            codes = [_key(k) for k in kids if k.checkState(0) == Qt.CheckState.Checked]
            if not self._chosen(theme):
                continue
            name = _key(theme)
            indicators = None if len(codes) == len(kids) else tuple(codes)
            before = previous.get(name)
            if before is not None and not filters_changed:
                themes.append(replace(before, indicators=indicators))
            else:
                title = before.title if before is not None else ""
                themes.append(ThemeChoice(name, indicators, regions, start, end, comparison,
                                          title))
        self._updating = True
        try:
            self.session.update_recipe(themes=tuple(themes))
        finally:
            self._updating = False
        self._shown = (self.session.dataset, self.session.recipe.themes)  # the tree has it
        self._check_comparison()

    def _check_comparison(self) -> None:
        """Does the period range hold the base the chosen comparison needs?"""
        dataset = self.session.dataset
        comparison = COMPARISONS[max(self.comparison.currentIndex(), 0)]
        start: Period | None = self.period_from.currentData()
        end: Period | None = self.period_to.currentData()
        missing = False
        if dataset is not None and comparison is not Comparison.NONE and start is not None:
            last = end or max(dataset.periods, key=lambda p: p.sort_key, default=None)
            if last is not None:
                inside = [p for p in dataset.periods
                          if start.sort_key <= p.sort_key <= last.sort_key]
                if comparison is Comparison.CAGR:
                    missing = len(inside) < 2
                else:
                    base = last.same_period_last_year() if comparison is Comparison.YOY \
                        else last.previous()
                    missing = base is None or not (start.sort_key <= base.sort_key)
        if missing:
            name = texts().comparison_names[COMPARISONS.index(comparison)]
            self.comparison_hint.setText(texts().comparison_no_base.format(comparison=name))
        self.comparison_hint.setVisible(missing)

    @staticmethod
    def _chosen(theme: QTreeWidgetItem) -> bool:
        kids = _children(theme)
        if kids:
            return any(k.checkState(0) == Qt.CheckState.Checked for k in kids)
        return theme.checkState(0) == Qt.CheckState.Checked

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for theme in _themes(self.tree):
            theme_hit = not needle or needle in theme.text(0).lower()
            any_child = False
            for child in _children(theme):
                hit = theme_hit or needle in child.text(0).lower() or needle in _key(child).lower()
                child.setHidden(not hit)
                any_child = any_child or hit
            theme.setHidden(not any_child)

    # --- for tests and keyboard users -------------------------------------------------------
    def indicator_item(self, code: str) -> QTreeWidgetItem | None:
        return next((c for t in _themes(self.tree) for c in _children(t) if _key(c) == code),
                    None)

    def theme_item(self, name: str) -> QTreeWidgetItem | None:
        return next((t for t in _themes(self.tree) if _key(t) == name), None)

    def theme_order(self) -> list[str]:
        return [_key(t) for t in _themes(self.tree)]
