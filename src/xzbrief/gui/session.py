"""The session: the one owner of the current workbook, recipe, brand and planned deck.

Widgets never hold this state: they call the session's methods and redraw on its signals.
Reading workbooks, planning the preview and building decks run in the background (one task
helper); a burst of clicks plans once, and the newest workbook read wins.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from xzbrief.build import Preview, default_recipe, drop_missing, load_checked, preview_deck
from xzbrief.dataset.loader import LoadResult
from xzbrief.dataset.model import Dataset
from xzbrief.deck.model import Deck
from xzbrief.gui.settings import AppSettings
from xzbrief.gui.strings import ui_lang
from xzbrief.gui.tasks import TaskRunner
from xzbrief.gui.watcher import WorkbookWatcher, signature
from xzbrief.messages import Note
from xzbrief.recipe import Recipe, RecipeIssue, read_recipe, write_recipe
from xzbrief.render.brand import Brand, load_brand
from xzbrief.render.display import SlideDisplay
from xzbrief.render.template_file import TemplateError
from xzbrief.resources import shipped_dataset, shipped_recipe


class Session(QObject):
    loading = Signal(bool)
    dataset_changed = Signal()  # a new good dataset: rebuild pickers
    problems_changed = Signal()  # the latest load's problems
    recipe_changed = Signal()
    deck_changed = Signal()
    selection_emptied = Signal()  # empty_selection set or cleared
    dirty_changed = Signal(bool)
    recipe_path_changed = Signal()
    notice = Signal(str)  # a short status message
    failed = Signal(str)  # a problem the user can act on (e.g. a broken template)
    crashed = Signal(str, str)  # an unexpected exception: summary, traceback

    def __init__(self, runner: TaskRunner, settings: AppSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.workbook: Path | None = None
        self.last: LoadResult | None = None  # the latest load, good or not
        self.good: LoadResult | None = None  # the latest load without errors
        self.recipe = Recipe(title="")
        self.recipe_path: Path | None = None
        self.dirty = False
        self.brand: Brand | None = None
        self.deck: Deck | None = None
        self.displays: list[SlideDisplay] = []
        self.notes: tuple[Note, ...] = ()  # what planning and layout noticed
        self.mismatch: tuple[RecipeIssue, ...] = ()  # names the workbook lacks: 生成 refuses
        self.plan_seconds = 0.0
        # "themes" / "regions" while the user has ticked none (the recipe keeps the last real
        # choice: an empty recipe would mean "everything")
        self.empty_selection: str | None = None
        self.watcher = WorkbookWatcher(self)
        self.watcher.changed.connect(lambda _p: self.reload())
        self._replan_timer = QTimer(self)
        self._replan_timer.setSingleShot(True)
        self._replan_timer.setInterval(0)
        self._replan_timer.timeout.connect(self.replan)
        self._generation = 0  # of workbook reads: the newest one wins
        self._opening: int | None = None  # the generation of an open under way
        self._planning = False
        self._replan_pending = False

    # --- workbook ---------------------------------------------------------------------------
    @property
    def dataset(self) -> Dataset | None:
        return self.good.dataset if self.good is not None else None

    def open_workbook(self, path: Path, recipe: Recipe | None = None,
                      recipe_path: Path | None = None) -> None:
        """Load in the background; the recipe (or a default for the workbook) comes with it."""
        self._read(Path(path), recipe, recipe_path, reload=False)

    def reload(self) -> None:
        """The workbook changed on disk: read it again, keep the choices. Not while an open
        is under way: that open reads the file itself (and would be lost to this read)."""
        if self.workbook is None or self._opening is not None:
            return
        self._read(self.workbook, None, None, reload=True)

    def _read(self, path: Path, recipe: Recipe | None, recipe_path: Path | None,
              reload: bool) -> None:
        self._generation += 1
        generation = self._generation
        if not reload:
            self._opening = generation
            self.loading.emit(True)

        def work(_report: Any, _cancelled: Any) -> tuple[Any, LoadResult]:
            # the file's signature before reading: a save during the read is noticed after
            return signature(path), load_checked(path)

        def done(out: tuple[Any, LoadResult]) -> None:
            seen, result = out
            if generation != self._generation:
                return  # a newer open superseded this one
            if reload:
                self._reloaded(path, result)
            else:
                self._loaded(path, result, recipe, recipe_path, seen)

        def finished() -> None:
            if not reload:
                if self._opening == generation:
                    self._opening = None
                self.loading.emit(False)

        self.runner.run(work, on_success=done, on_failure=self._crashed, on_finished=finished)

    def _loaded(self, path: Path, result: LoadResult, recipe: Recipe | None,
                recipe_path: Path | None, seen: Any) -> None:
        fresh = path != self.workbook or recipe is not None
        if fresh and result.dataset is None and self.good is not None and path != self.workbook:
            # not a workbook at all (.xls, CSV, password, …): the last good one stays open
            lang = ui_lang()
            self.failed.emit("\n".join(f"{path.name}:{p.message(lang)}。{p.hint(lang)}"
                                       for p in result.errors))
            return
        self.workbook = path
        self.last = result
        self.watcher.watch(path, seen)
        self.settings.add_recent("workbooks", path)
        if result.ok:
            self.good = result
        elif fresh:
            self.good = None
        if fresh:
            if recipe is None:
                recipe = default_recipe(result)
                recipe = replace(recipe, brand=self.settings.brand)
            self.recipe = replace(recipe, dataset=str(path))
            self.recipe_path = recipe_path
            self.settings.last_recipe = recipe_path
            self._set_dirty(False)
            self.recipe_path_changed.emit()
            self._load_brand()
            self.recipe_changed.emit()
        self.problems_changed.emit()
        if result.ok or fresh:
            self.dataset_changed.emit()
        self.replan()

    def _reloaded(self, path: Path, result: LoadResult) -> None:
        if path != self.workbook:
            return  # another workbook was opened meanwhile
        self.last = result
        self.problems_changed.emit()
        if result.ok:
            self.good = result
            self.dataset_changed.emit()
            self.replan()
            self.notice.emit("reloaded")
        else:
            self.notice.emit("reload_failed")

    def open_default(self) -> None:
        """The last recipe or workbook, else the shipped dataset with its shipped recipe."""
        if self.settings.last_recipe is not None:
            try:
                self.open_recipe(self.settings.last_recipe)
                return
            except Exception:  # a recipe that no longer reads: fall through
                pass
        last = self.settings.last_workbook
        if last is not None and last.exists():
            self.open_workbook(last)
            return
        self.open_recipe(shipped_recipe(), remember=False)

    # --- recipe -----------------------------------------------------------------------------
    def open_recipe(self, path: Path, remember: bool = True) -> None:
        """Raises RecipeError for the caller to show."""
        recipe = read_recipe(path)
        workbook = recipe.dataset_path() or shipped_dataset()
        if remember:
            self.settings.add_recent("recipes", path)
        self.open_workbook(workbook, recipe, path if remember else None)

    def save_recipe(self, path: Path) -> None:
        write_recipe(self.recipe, path)
        self.recipe_path = path
        self.settings.add_recent("recipes", path)
        self.settings.last_recipe = path
        self._set_dirty(False)
        self.recipe_path_changed.emit()

    def update_recipe(self, **changes: Any) -> None:
        """Change the recipe (from a widget); replans soon, once per burst of changes."""
        new = replace(self.recipe, **changes)
        if new == self.recipe:
            return
        if new.brand != self.recipe.brand:
            try:  # a template that cannot be used is refused before it becomes the choice
                self.brand = load_brand(new.brand, new.base_dir)
            except TemplateError as exc:
                self.failed.emit(exc.text(ui_lang()))
                self.recipe_changed.emit()  # views show the brand that is still in force
                return
            self.settings.brand = new.brand
        self.recipe = new
        self._set_dirty(True)
        self.recipe_changed.emit()
        self._replan_timer.start()

    def drop_missing_names(self) -> None:
        """The one-click fix for a recipe naming what the workbook lacks: those names go."""
        if self.dataset is not None and self.mismatch:
            self.update_recipe(themes=drop_missing(self.recipe, self.dataset).themes)

    def set_empty_selection(self, what: str | None) -> None:
        """Nothing ticked: no preview, no 生成, until something is ticked again."""
        if what != self.empty_selection:
            self.empty_selection = what
            self.selection_emptied.emit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)

    def _load_brand(self) -> None:
        try:
            self.brand = load_brand(self.recipe.brand, self.recipe.base_dir)
        except TemplateError as exc:
            self.failed.emit(exc.text(ui_lang()))
            if self.brand is None:
                self.brand = load_brand("政务红")

    # --- planning ---------------------------------------------------------------------------
    def replan(self) -> None:
        """Plan and lay out the deck for the preview (no file is written), in the background:
        a workbook of 100,000 rows plans hundreds of slides. One plan runs at a time; clicks
        while it runs make one more plan of the latest choice when it is done."""
        self._replan_timer.stop()
        if self._planning:
            self._replan_pending = True
            return
        dataset, recipe, brand = self.dataset, self.recipe, self.brand
        if dataset is None or brand is None:
            self.deck = None
            self.displays = []
            self.notes, self.mismatch = (), ()
            self.deck_changed.emit()
            return
        self._planning = True

        def work(_report: Any, _cancelled: Any) -> Preview:
            return preview_deck(dataset, recipe, brand)

        def done(result: Preview) -> None:
            if not self._replan_pending:
                self.deck, self.displays = result.deck, list(result.displays)
                self.notes, self.mismatch = result.notes, result.mismatch
                self.plan_seconds = result.seconds
                self.deck_changed.emit()

        def finished() -> None:
            self._planning = False
            if self._replan_pending:
                self._replan_pending = False
                self.replan()

        self.runner.run(work, on_success=done, on_failure=self._crashed, on_finished=finished)

    def _crashed(self, exc: BaseException, details: str) -> None:
        self.crashed.emit(f"{type(exc).__name__}: {exc}", details)
