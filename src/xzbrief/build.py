"""The main job, shared by the CLI and the app: workbook + recipe -> deck file(s).

Keeps the order of the one-way flow: load and validate the workbook, plan the deck, lay it out
and write it; each step reports progress through a callback and can be cancelled between steps.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from xzbrief.atomic import SaveBlocked, blocked, free_name
from xzbrief.dataset.columns import TEMPLATE_TITLE
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.deck.model import Deck
from xzbrief.deck.planner import plan_deck
from xzbrief.recipe import Recipe, recipe_to_dict
from xzbrief.render.brand import load_brand
from xzbrief.render.check_workbook import write_check_workbook
from xzbrief.render.docx_writer import settings_for, write_docx
from xzbrief.render.pdf import PdfCancelled, PdfFailed, PdfUnavailable, convert_to_pdf
from xzbrief.render.pptx_writer import write_pptx

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


@dataclass(frozen=True)
class PdfProblem:
    """Why the PDF was not made; the deck itself was written."""

    zh: str
    en: str


@dataclass
class BuildResult:
    pptx: Path | None  # None when only the document was asked for
    deck: Deck
    load: LoadResult
    docx: Path | None = None  # the written 汇报材料 (Word), when asked for
    pdf: Path | None = None
    pdf_problem: PdfProblem | None = None
    check_workbook: Path | None = None  # <deck>.核对.xlsx: every figure with its cell
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


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
        raise SaveBlocked(out, "汇报文件须以 .pptx 结尾(Word 汇报材料以 .docx 结尾)",
                          "a deck file must end in .pptx (a Word document in .docx)",
                          suggestion)
    same = out.resolve() == Path(dataset_path).resolve()
    if not same and out.exists() and Path(dataset_path).exists():
        same = os.path.samefile(out, dataset_path)
    if same:
        raise SaveBlocked(out, "这是汇报所用的工作簿", "it is the workbook the deck is made from",
                          free_name(pptx))


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


STEPS = {
    "read": ("读取工作簿 {name}", "reading workbook {name}"),
    "brand": ("读取模板「{name}」", "reading template {name}"),
    "plan": ("规划幻灯片", "planning slides"),
    "write": ("写入 {name}({n} 页)", "writing {name} ({n} slides)"),
    "slide": ("第 {i}/{n} 页", "slide {i}/{n}"),
    "docx": ("写入汇报材料 {name}", "writing the document {name}"),
    "pdf": ("用 LibreOffice 导出 PDF", "exporting PDF with LibreOffice"),
    "done": ("完成", "done"),
}


def build_deck(recipe: Recipe, dataset_path: Path, out: Path, *, pdf: bool = False,
               progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None,
               load: LoadResult | None = None, lang: str = "zh",
               max_slides: int | None = None, docx: Path | None = None) -> BuildResult:
    """Raises DataProblems, TemplateError, SaveBlocked, Cancelled, and TooManySlides when
    the plan has more than ``max_slides`` slides (None: no limit). A PDF that could not be
    made is not an error: the deck is written, and ``pdf_problem`` says why. Progress is
    reported per slide while writing (60-80%).

    ``out`` ending in .docx writes the 汇报材料 alone; ``docx`` writes it beside the deck."""
    started = time.perf_counter()

    def step(percent: int, key: str, **params: object) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            zh, en = STEPS[key]
            progress(percent, (zh if lang == "zh" else en).format(**params))

    dataset_path = Path(dataset_path)
    out = Path(out)
    check_output(out, dataset_path)
    writes_deck = out.suffix.lower() == ".pptx"  # else `out` is the .docx alone
    docx_out = (Path(docx) if docx is not None else None) if writes_deck else out
    if docx_out is not None:
        check_output(docx_out, dataset_path)
    step(5, "read", name=dataset_path.name)
    result = load if load is not None else load_dataset(dataset_path)
    if not result.ok or result.dataset is None:
        raise DataProblems(result)
    step(30, "brand", name=recipe.brand)
    brand = load_brand(recipe.brand, recipe.base_dir)
    if out.resolve() == brand.path.resolve():
        raise SaveBlocked(out, "这是汇报使用的模板文件", "it is the deck's own template",
                          free_name(out))
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
            build.warnings.append(exc.text(lang))
    if pdf:
        step(80, "pdf")
        try:
            build.pdf = convert_to_pdf(out, cancelled=cancelled)
        except PdfCancelled as exc:
            raise Cancelled() from exc
        except (PdfUnavailable, PdfFailed) as exc:
            build.pdf_problem = PdfProblem(exc.zh, exc.en)
        except SaveBlocked as exc:  # the PDF beside it is open or read-only
            build.pdf_problem = PdfProblem(exc.text("zh"), exc.text("en"))
    build.seconds = time.perf_counter() - started
    step(100, "done")
    return build
