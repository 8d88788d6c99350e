"""The main job, shared by the CLI and the app: workbook + recipe -> deck file(s).

Keeps the order of the one-way flow: load and validate the workbook, plan the deck, lay it out
and write it; each step reports progress through a callback and can be cancelled between steps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.deck.model import Deck
from xzbrief.deck.planner import plan_deck
from xzbrief.recipe import Recipe, recipe_to_dict
from xzbrief.render.brand import load_brand
from xzbrief.render.pdf import convert_to_pdf
from xzbrief.render.pptx_writer import write_pptx

Progress = Callable[[int, str], None]  # percent, message


class Cancelled(Exception):
    pass


class DataProblems(Exception):
    """The workbook has errors; ``result`` lists them."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__(f"{len(result.errors)} errors in {result.path}")
        self.result = result


@dataclass
class BuildResult:
    pptx: Path
    deck: Deck
    load: LoadResult
    pdf: Path | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def default_recipe(result: LoadResult) -> Recipe:
    """Every theme of a workbook, titled after the workbook."""
    title = ""
    if result.dataset is not None:
        title = result.dataset.info.title
    title = (title.removesuffix("指标库") or result.path.stem) + "情况汇报"
    return Recipe(title=title, dataset=str(result.path))


def recipe_text(recipe: Recipe) -> str:
    return tomli_w.dumps(recipe_to_dict(recipe))


def build_deck(recipe: Recipe, dataset_path: Path, out: Path, *, pdf: bool = False,
               progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None,
               load: LoadResult | None = None) -> BuildResult:
    """Raises DataProblems, TemplateError, SaveBlocked, PdfUnavailable/PdfFailed, Cancelled."""
    started = time.perf_counter()

    def step(percent: int, message: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(percent, message)

    dataset_path = Path(dataset_path)
    out = Path(out)
    if out.resolve() == dataset_path.resolve():
        raise ValueError("the output would overwrite the workbook")
    step(5, f"读取工作簿 {dataset_path.name}")
    result = load if load is not None else load_dataset(dataset_path)
    if not result.ok or result.dataset is None:
        raise DataProblems(result)
    step(30, f"读取模板「{recipe.brand}」")
    brand = load_brand(recipe.brand, recipe.base_dir)
    step(45, "规划幻灯片")
    deck = plan_deck(result.dataset, recipe, recipe_text(recipe))
    step(60, f"写入 {out.name}({len(deck.slides)} 页)")
    warnings = [*brand.warnings, *deck.warnings]
    warnings += write_pptx(deck, brand, out)
    build = BuildResult(out, deck, result, warnings=warnings)
    if pdf:
        step(80, "用 LibreOffice 导出 PDF")
        build.pdf = convert_to_pdf(out)
    build.seconds = time.perf_counter() - started
    step(100, "完成")
    return build
