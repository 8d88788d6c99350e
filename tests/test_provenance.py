"""Provenance for every number: the appendix 数据核对表 names a workbook cell that really holds
each number shown, speaker notes list SHEET!CELL, and the deck records what it was made from."""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from realclients import seen
from xzbrief.build import build_deck
from xzbrief.deck.wording import format_number
from xzbrief.recipe import read_recipe
from xzbrief.render.package_props import read_provenance
from xzbrief.resources import shipped_dataset, shipped_recipe

CELL = re.compile(r"(\S+\.xlsx) (\S+)!([A-Z]+\d+)")


@pytest.fixture(scope="module")
def deck_with_appendix(tmp_path_factory) -> Path:
    recipe = read_recipe(shipped_recipe())
    recipe = replace(recipe, options=replace(recipe.options, appendix=True))
    out = tmp_path_factory.mktemp("prov") / "汇报.pptx"
    return build_deck(recipe, shipped_dataset(), out).pptx


def appendix_rows(path: Path) -> list[list[str]]:
    prs = Presentation(str(path))
    rows = []
    for slide in prs.slides:
        title = seen(slide.shapes.title.text_frame.text) if slide.shapes.title else ""
        if not title.startswith("附：数据核对表"):
            continue
        for shape in slide.shapes:
            if shape.has_table:
                table = shape.table
                header = [c.text for c in table.rows[0].cells]
                assert header == ["页", "指标", "期间", "数值", "状态", "出处"]
                rows += [[c.text for c in r.cells] for r in list(table.rows)[1:]]
    return rows


def test_every_number_in_the_appendix_is_in_the_cell_it_names(deck_with_appendix):
    rows = appendix_rows(deck_with_appendix)
    wb = openpyxl.load_workbook(shipped_dataset(), data_only=True)
    checked = 0
    for _page, label, _period, shown, status, where in rows:
        m = CELL.search(where)
        if m is None:  # a derived number says how it was computed, from which cells
            assert "计算" in where or "÷" in where, (label, where)
            continue
        assert m[1] == "xuzhou.xlsx"
        value = wb[m[2]][m[3]].value
        assert isinstance(value, int | float), (where, value)
        # the number itself, not a part of a longer one ("90" must not pass for "9000"); a
        # chart page may show it at its labels' precision (316.0 beside 204.2)
        number = format_number(float(value))
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?:\.0+)?(?![\d.])", shown), \
            (label, shown, where, value)
        status_cell = wb[m[2]][f"E{m[3][1:]}"].value or "实际"
        assert status == status_cell, (label, status, status_cell)
        checked += 1
    assert checked >= 20  # every seed figure is in the appendix


def test_the_appendix_lists_every_number_the_deck_shows(deck_with_appendix):
    stored = read_provenance(deck_with_appendix)
    shown = {(f.label, f.text) for s in stored.slides if s.kind != "table" or
             not s.title.startswith("附") for f in s.figures}
    listed = {(r[1].split("\uff08")[0], r[3]) for r in appendix_rows(deck_with_appendix)}
    missing = {(label, text) for label, text in shown
               if not any(label.startswith(lab) and text == t for lab, t in listed)}
    assert not missing


def test_speaker_notes_name_the_cells(deck_with_appendix):
    prs = Presentation(str(deck_with_appendix))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    joined = "\n".join(notes)
    assert "数据出处：" in joined
    assert "工业开票销售收入 2025年徐州市 9000亿元左右（预计） — xuzhou.xlsx 数据!" in joined
    assert "计算：(316 ÷ 204.2 − 1) × 100% = 54.8%" in joined


def test_the_deck_records_the_dataset_hash_and_the_recipe(deck_with_appendix):
    digest = hashlib.sha256(shipped_dataset().read_bytes()).hexdigest()
    with zipfile.ZipFile(deck_with_appendix) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
        rels = zf.read("_rels/.rels").decode("utf-8")
    assert f"<vt:lpwstr>{digest}</vt:lpwstr>" in custom
    assert 'name="xzbrief.recipe"' in custom and "[briefing]" in custom
    assert "custom-properties" in rels
    stored = read_provenance(deck_with_appendix)
    assert stored.dataset_sha256 == digest
    assert "title = " in stored.recipe
    assert Presentation(str(deck_with_appendix)).core_properties.title.startswith("徐州市")


def test_derived_numbers_recompute_from_the_cells_they_cite(deck_with_appendix):
    """A growth rate in the appendix, recomputed by hand from the two cells it names."""
    wb = openpyxl.load_workbook(shipped_dataset(), data_only=True)
    growth = [r for r in appendix_rows(deck_with_appendix) if "比上年增长" in r[3]]
    assert growth
    for _page, _label, _period, shown, _status, where in growth:
        cells = re.findall(r"([^\s、]+?)!([A-Z]+\d+)", where)
        assert len(cells) == 2, where
        base, current = (float(wb[sheet][cell].value) for sheet, cell in cells)
        expected = (Decimal(repr(current)) / Decimal(repr(base)) - 1) * 100
        rounded = expected.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert shown.endswith(f"比上年增长{rounded}%"), (shown, base, current)
