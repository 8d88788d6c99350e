"""The refresh job, shared by the CLI and the app: an edited deck + its workbook -> the plan of
changes, then (after the user agreed) the refreshed deck, written atomically to a new file.

Read the deck's record -> reload the workbook -> re-plan with the recipe the deck recorded ->
render that plan in memory and read its record -> compare with what the deck holds now.
"""

from __future__ import annotations

import io
import time
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pptx import Presentation

from xzbrief.atomic import SaveBlocked, atomic_write_bytes, free_name
from xzbrief.build import DataProblems
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.deck.planner import plan_deck
from xzbrief.messages import Note, note
from xzbrief.recipe import RecipeError, parse_recipe
from xzbrief.refresh.plan import RefreshPlan, make_plan, result_record
from xzbrief.refresh.record import DeckRec, NoRecord
from xzbrief.render.brand import load_brand
from xzbrief.render.deck_patch import (
    Handles,
    apply_ops,
    frame_reader,
    tagged_shapes,
    take_snapshot,
)
from xzbrief.render.package_props import read_record, replace_record
from xzbrief.render.pptx_writer import PptxWriter
from xzbrief.render.shape_record import is_linked, iter_shapes
from xzbrief.render.zip_copy import rezip
from xzbrief.resources import shipped_dataset
from xzbrief.user_error import UserError

SUFFIX = "（更新）"


class RefreshError(UserError):
    """The deck cannot be refreshed; Chinese and English say why and what to do."""


@dataclass
class RefreshJob:
    deck: Path
    data: Path
    plan: RefreshPlan
    load: LoadResult
    prs: Any
    handles: Handles
    fresh: Handles | None = None
    seconds: float = 0.0
    problems: list[Note] = field(default_factory=list)
    blob: bytes = b""  # the edited deck as read: the parts a refresh leaves are copied from it

    @property
    def record(self) -> DeckRec:
        return self.plan.old


def default_output(deck: Path) -> Path:
    """``汇报.pptx`` -> ``汇报（更新）.pptx`` beside it."""
    return deck.with_name(deck.stem + SUFFIX + deck.suffix)


def find_workbook(deck: Path, record: DeckRec) -> Path | None:
    """The workbook the deck was built from, by its recorded file name (a deck keeps no folder
    path: it is handed to others): beside the deck, in the current folder, or the shipped
    workbook for a deck built with no --data (the README's first command)."""
    if not record.dataset_file:
        return None
    for folder in (deck.resolve().parent, Path.cwd(), shipped_dataset().parent):
        path = folder / Path(record.dataset_file).name
        if path.is_file():
            return path
    return None


def prepare_refresh(deck: Path, data: Path | None = None,
                    load: LoadResult | None = None) -> RefreshJob:
    """The plan, nothing written. Raises RefreshError, DataProblems, TemplateError, OSError."""
    started = time.perf_counter()
    deck = Path(deck)
    blob = deck.read_bytes()
    try:
        old = read_record(blob)
    except NoRecord as exc:
        raise RefreshError(note("refresh-no-record", deck=deck.name)) from exc
    try:
        prs = Presentation(io.BytesIO(blob))
    except Exception as exc:  # python-pptx raises many kinds on a damaged package
        raise RefreshError(note("refresh-cannot-open", deck=deck.name, reason=str(exc))) \
            from exc
    _refuse_linked_charts(prs, deck)
    path = Path(data) if data is not None else find_workbook(deck, old)
    if path is None:
        raise RefreshError(note("refresh-workbook-missing", name=old.dataset_file))
    try:
        doc = tomllib.loads(old.recipe)
        recipe = parse_recipe(doc, base_dir=path.parent)
    except (tomllib.TOMLDecodeError, RecipeError) as exc:
        raise RefreshError(note("refresh-recipe-bad", reason=str(exc))) from exc
    recipe = replace(recipe, dataset=str(path))
    result = load if load is not None else load_dataset(path)
    if not result.ok or result.dataset is None:
        raise DataProblems(result)
    brand = load_brand(old.brand or recipe.brand, recipe.base_dir)
    fresh = plan_deck(result.dataset, recipe, old.recipe)
    fresh_prs, new, _ = PptxWriter(brand).presentation(fresh, record_only=True)  # only read
    snap, handles = take_snapshot(prs, old)
    fresh_handles = tagged_shapes(fresh_prs)
    plan = make_plan(old, new, snap, frame_reader(handles), frame_reader(fresh_handles))
    return RefreshJob(deck, path, plan, result, prs, handles, fresh_handles,
                      seconds=time.perf_counter() - started, blob=blob)


def _refuse_linked_charts(prs: Any, deck: Path) -> None:
    for n, slide in enumerate(prs.slides, start=1):
        for sh in iter_shapes(slide):
            if sh.kind == "chart" and is_linked(sh.chart_part):
                raise RefreshError(note("refresh-chart-linked", deck=deck.name, page=n,
                                        name=sh.name))


def check_refresh_output(job: RefreshJob, out: Path, overwrite_input: bool) -> None:
    out = Path(out)
    if out.suffix.lower() != ".pptx":
        raise SaveBlocked(out, note("save-not-a-pptx-name"), out.with_suffix(".pptx"))
    if out.resolve() == job.data.resolve():
        raise SaveBlocked(out, note("save-is-workbook"), free_name(default_output(job.deck)))
    if out.resolve() == job.deck.resolve() and not overwrite_input:
        raise SaveBlocked(out, note("save-is-refreshed-deck"),
                          free_name(default_output(job.deck)))


def write_refresh(job: RefreshJob, out: Path, applied: Iterable[int] | None = None,
                  overwrite_input: bool = False) -> Path:
    """Apply the chosen changes (all updates when ``applied`` is None) and write the deck
    atomically. Raises SaveBlocked."""
    check_refresh_output(job, out, overwrite_input)
    ids = {c.id for c in job.plan.updates} if applied is None else set(applied)
    ops = [c.op for c in job.plan.changes if c.op is not None and c.id in ids]
    job.problems = apply_ops(job.handles, ops, job.fresh)
    for part in replace_record(job.prs, result_record(job.plan, ids)):
        job.handles.touch(part)
    atomic_write_bytes(Path(out), _package(job))
    return Path(out)


def _package(job: RefreshJob) -> bytes:
    """The refreshed deck: the parts patched written anew, every other part copied from the
    edited deck as it was stored; the whole package saved by python-pptx only when a part
    was added (its content types and relationships change then)."""
    names = set(zipfile.ZipFile(io.BytesIO(job.blob)).namelist()) if job.blob else set()
    parts = {str(p.partname).lstrip("/") for p in job.prs.part.package.iter_parts()}
    if not names or not parts <= names:
        buf = io.BytesIO()
        job.prs.save(buf)
        return buf.getvalue()
    return rezip(job.blob, {name.lstrip("/"): part.blob
                            for name, part in job.handles.touched.items()})
