"""The pipeline, the one owner of the steps the CLI and the app both run: workbook + recipe ->
deck file(s), and the app's preview (the same steps without files).

Keeps the order of the one-way flow: load and check the workbook, resolve the recipe against
it (one policy: a name the workbook lacks stops the build with a problem listing the names),
plan the deck, lay it out and write it (pptx, docx, 核对.xlsx, pdf) atomically; each step
reports progress through a callback and can be cancelled between steps. Front ends only
gather the choice and show the outcome.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import tomli_w

from xzbrief.atomic import SaveBlocked, blocked, free_name
from xzbrief.dataset.checks import preflight, with_preflight
from xzbrief.dataset.columns import TEMPLATE_TITLE
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.dataset.model import Dataset
from xzbrief.dataset.problems import Problem
from xzbrief.deck.model import Deck
from xzbrief.deck.planner import plan_deck
from xzbrief.messages import Lang, Note, Param, note
from xzbrief.recipe import Recipe, RecipeIssue, ThemeChoice, check_recipe, recipe_to_dict
from xzbrief.render.brand import Brand, brand_label, load_brand
from xzbrief.render.check_workbook import write_check_workbook
from xzbrief.render.display import SlideDisplay
from xzbrief.render.docx_writer import settings_for, write_docx
from xzbrief.render.layout import place_deck
from xzbrief.render.pdf import PdfCancelled, PdfFailed, PdfUnavailable, convert_to_pdf
from xzbrief.render.pptx_writer import write_pptx
from xzbrief.render.preview import slide_display

Progress = Callable[[int, str], None]  # percent, message


class Cancelled(Exception):
    pass


# A deck longer than this is said before it is written (CLI: --max-slides; the app asks):
# a monthly briefing is 10-60 slides, and 1,000 slides take minutes and nobody reads them.
LARGE_DECK = 300


class TooManySlides(Exception):
    """The planned deck has more slides than the caller allowed; nothing was written."""

    def __init__(self, slides: int, limit: int) -> None:
        super().__init__(f"{slides} slides > {limit}")
        self.slides = slides
        self.limit = limit


class DataProblems(Exception):
    """The workbook has errors; ``result`` lists them."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__(f"{len(result.errors)} errors in {result.path}")
        self.result = result


class RecipeMismatch(Exception):
    """The recipe names themes, indicators or regions the workbook does not have; nothing was
    planned or written. The same refusal in the CLI and the app: a recipe file may be older
    than the workbook, and a deck quietly missing a chosen indicator is worse than none."""

    def __init__(self, issues: Sequence[RecipeIssue]) -> None:
        super().__init__("; ".join(i.format("en") for i in issues))
        self.issues = tuple(issues)

    def lines(self, lang: Lang, app: bool = False) -> list[str]:
        """The heading, one line per missing name (with the nearest name the workbook has),
        and what to do (in the app: its one-click fix)."""
        head = note("recipe-mismatch-head")
        hint = note("recipe-mismatch-fix-in-app" if app else "recipe-mismatch-fix")
        return [head.text(lang), *(f"  {i.format(lang)}" for i in self.issues),
                hint.text(lang)]


def resolve_recipe(recipe: Recipe, dataset: Dataset) -> None:
    """The one policy for a recipe against a workbook: every name it gives must be there
    (raises RecipeMismatch listing them all)."""
    issues = check_recipe(recipe, dataset)
    if issues:
        raise RecipeMismatch(issues)


def drop_missing(recipe: Recipe, dataset: Dataset) -> Recipe:
    """The recipe without the names the workbook lacks (the app's one-click fix); a theme
    whose every chosen indicator or region is gone is left out rather than widened to all of
    them. Should no theme be left, the recipe lists none: every theme, as a new recipe does."""
    themes = {t.name for t in dataset.themes}
    codes = {i.code for i in dataset.indicators}
    regions = set(dataset.region_names)
    kept: list[ThemeChoice] = []
    for choice in recipe.themes:
        if choice.name not in themes:
            continue
        inds = choice.indicators
        if inds is not None:
            inds = tuple(c for c in inds if c in codes)
        regs = choice.regions
        if regs is not None:
            regs = tuple(r for r in regs if r in regions)
        if inds == () or regs == ():
            continue
        kept.append(replace(choice, indicators=inds, regions=regs))
    return replace(recipe, themes=tuple(kept))


def load_checked(path: Path) -> LoadResult:
    """The workbook read and checked: its own problems, then the pre-flight warnings about
    its numbers."""
    return with_preflight(load_dataset(Path(path)))


@dataclass(frozen=True)
class Preview:
    """The deck planned and laid out for the screen; no file written."""

    deck: Deck
    displays: tuple[SlideDisplay, ...]
    notes: tuple[Note, ...]  # the planner's, the brand's and the layout's, in that order
    mismatch: tuple[RecipeIssue, ...]  # what 生成 will refuse (RecipeMismatch)
    seconds: float


def preview_deck(dataset: Dataset, recipe: Recipe, brand: Brand) -> Preview:
    """What the app shows while the user chooses: the same plan and layout as a build; a
    recipe naming what the workbook lacks is previewed with what it has, and the mismatch is
    carried so the app can say it before 生成 refuses."""
    started = time.perf_counter()
    deck = plan_deck(dataset, recipe, recipe_text(recipe))
    placed, layout_notes = place_deck(deck, brand)
    displays = tuple(slide_display(p, brand) for p in placed)
    # a name the workbook lacks is said once, as the mismatch, not again as "skipped"
    planned = [n for n in deck.warnings if n.code not in MISMATCH_NOTES]
    return Preview(deck, displays, (*planned, *brand.warnings, *layout_notes),
                   tuple(check_recipe(recipe, dataset)), time.perf_counter() - started)


MISMATCH_NOTES = {"plan-theme-missing", "plan-indicator-missing"}


@dataclass
class BuildResult:
    pptx: Path | None  # None when only the document was asked for
    deck: Deck
    load: LoadResult
    docx: Path | None = None  # the written 汇报材料 (Word), when asked for
    pdf: Path | None = None
    pdf_problem: Note | None = None  # why the PDF was not made; the deck was written
    check_workbook: Path | None = None  # <deck>.核对.xlsx: every figure with its cell
    warnings: list[Note] = field(default_factory=list)
    seconds: float = 0.0

    def notes(self, lang: Lang) -> list[str]:
        return [w.text(lang) for w in self.warnings]


def check_output(out: Path, dataset_path: Path) -> None:
    """A deck goes to a .pptx (the written document to a .docx) that is not the workbook;
    SaveBlocked with a name to use."""
    out = Path(out)
    try:
        _check_output(out, dataset_path)
    except OSError as exc:  # a name too long, a folder we may not look into ...
        raise blocked(out, exc) from exc


def _check_output(out: Path, dataset_path: Path) -> None:
    pptx = out.with_suffix(".pptx")
    suggestion = pptx if not pptx.exists() else free_name(pptx)
    if out.suffix.lower() not in (".pptx", ".docx"):
        raise SaveBlocked(out, note("save-not-a-deck-name"), suggestion)
    same = out.resolve() == Path(dataset_path).resolve()
    if not same and out.exists() and Path(dataset_path).exists():
        same = os.path.samefile(out, dataset_path)
    if same:
        raise SaveBlocked(out, note("save-is-workbook"), free_name(pptx))


def default_recipe(result: LoadResult) -> Recipe:
    """Every theme of a workbook, titled after the workbook (its title row, unless that is
    still the blank template's, else its file name)."""
    title = ""
    if result.dataset is not None and result.dataset.info.title != TEMPLATE_TITLE:
        title = result.dataset.info.title
    title = (title.removesuffix("指标库") or result.path.stem) + "情况汇报"
    return Recipe(title=title, dataset=str(result.path))


def recipe_text(recipe: Recipe) -> str:
    """The recipe as the deck records it: the workbook by its file name only (a deck sent to
    others does not carry the sender's folders or user name)."""
    doc = recipe_to_dict(recipe)
    if doc["briefing"].get("dataset"):
        doc["briefing"]["dataset"] = Path(doc["briefing"]["dataset"]).name
    return tomli_w.dumps(doc)


def default_deck_name(title: str) -> str:
    """A file name from the deck's title (characters Windows forbids removed)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", title).strip(" .") or "汇报"
    return name[:80] + ".pptx"


def build_deck(recipe: Recipe, dataset_path: Path, out: Path, *, pdf: bool = False,
               progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None,
               load: LoadResult | None = None, lang: Lang = "zh",
               max_slides: int | None = None, docx: Path | None = None,
               checked: Callable[[Sequence[Problem]], None] | None = None) -> BuildResult:
    """Raises DataProblems, RecipeMismatch, TemplateError, SaveBlocked, Cancelled, and
    TooManySlides when the plan has more than ``max_slides`` slides (None: no limit). A PDF
    that could not be made is not an error: the deck is written, and ``pdf_problem`` says
    why. Progress is reported per slide while writing (60-80%). ``checked`` receives the
    workbook's warnings and the pre-flight checks on what this deck shows, before planning
    (the CLI prints them first, so they are read before the deck goes out).

    ``out`` ending in .docx writes the 汇报材料 alone; ``docx`` writes it beside the deck."""
    started = time.perf_counter()

    def step(percent: int, key: str, **params: Param) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(percent, note(f"step-{key}", **params).text(lang))

    dataset_path = Path(dataset_path)
    out = Path(out)
    check_output(out, dataset_path)
    writes_deck = out.suffix.lower() == ".pptx"  # else `out` is the .docx alone
    docx_out = (Path(docx) if docx is not None else None) if writes_deck else out
    if docx_out is not None:
        check_output(docx_out, dataset_path)
    if load is None:
        step(5, "read", name=dataset_path.name)
    result = load if load is not None else load_dataset(dataset_path)
    if not result.ok or result.dataset is None:
        raise DataProblems(result)
    resolve_recipe(recipe, result.dataset)
    if checked is not None:
        checked([*result.warnings,
                 *preflight(result.dataset, recipe.indicator_codes(result.dataset))])
    if load is not None:  # read by the caller: said once its warnings are out
        step(5, "read", name=dataset_path.name)
    step(30, "brand", name=brand_label(recipe.brand, lang))
    brand = load_brand(recipe.brand, recipe.base_dir)
    if out.resolve() == brand.path.resolve():
        raise SaveBlocked(out, note("save-is-template"), free_name(out))
    step(45, "plan")
    deck = plan_deck(result.dataset, recipe, recipe_text(recipe))
    n = len(deck.slides)
    if max_slides is not None and n > max_slides:
        raise TooManySlides(n, max_slides)
    warnings = [*brand.warnings, *deck.warnings]
    if writes_deck:
        step(60, "write", name=out.name, n=n)
        warnings += write_pptx(
            deck, brand, out,
            on_slide=lambda i: step(60 + 20 * i // max(n, 1), "slide", i=i, n=n))
    build = BuildResult(out if writes_deck else None, deck, result, warnings=warnings)
    if docx_out is not None:
        step(80 if writes_deck else 60, "docx", name=docx_out.name)
        write_docx(deck, docx_out, settings_for(recipe, brand))
        build.docx = docx_out
    if recipe.options.check_workbook and writes_deck:  # every figure with its cell
        try:
            build.check_workbook = write_check_workbook(deck, out)
        except SaveBlocked as exc:  # open in Excel: the deck is written all the same
            build.warnings.append(note("build-check-workbook-blocked",
                                       reason=exc.note))
    if pdf:
        step(80, "pdf")
        try:
            build.pdf = convert_to_pdf(out, cancelled=cancelled)
        except PdfCancelled as exc:
            raise Cancelled() from exc
        except (PdfUnavailable, PdfFailed) as exc:
            build.pdf_problem = exc.note
        except SaveBlocked as exc:  # the PDF beside it is open or read-only
            build.pdf_problem = exc.note
    build.seconds = time.perf_counter() - started
    step(100, "done")
    return build
