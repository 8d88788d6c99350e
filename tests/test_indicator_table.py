"""The 主要指标完成情况表 of a big workbook: at most three pages, 重点 indicators first, a line
saying how many are left out and where to read them, the left-out ones in the build's warnings
and in the companion workbook — read back from the written deck and workbook."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from realclients import seen
from workbooks import many_indicators_sheets, write_workbook
from xzbrief.build import BuildResult, build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.indicator_table import MAX_PAGES, TABLE_TITLE

EMU_PER_PT = 12700


KEY_EVERY = 13


def built(tmp_path: Path, n: int) -> BuildResult:
    book = write_workbook(tmp_path / "大表.xlsx", many_indicators_sheets(n, key_every=KEY_EVERY))
    load = load_dataset(book)
    return build_deck(default_recipe(load), book, tmp_path / "汇报.pptx", load=load)


def table_pages(pptx: Path) -> list[tuple[object, object]]:
    """(slide, its table shape) for every page of the 主要指标 table."""
    out = []
    for slide in Presentation(str(pptx)).slides:
        title = seen(slide.shapes.title.text_frame.text) if slide.shapes.title else ""
        if title.startswith(TABLE_TITLE):
            out.append((slide, next(sh for sh in slide.shapes if sh.has_table)))
    return out


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return built(tmp_path_factory.mktemp("big"), 300)


def test_a_big_workbook_gets_at_most_three_table_pages_key_indicators_first(
        big: BuildResult) -> None:
    assert big.pptx is not None
    pages = table_pages(big.pptx)
    assert 1 < len(pages) <= MAX_PAGES
    names = [seen(row.cells[0].text) for _, table in pages
             for row in list(table.table.rows)[1:]]
    key = {f"模拟指标{k + 1:03d}" for k in range(0, 300, KEY_EVERY)}  # 重点
    assert set(names[:len(key)]) == key  # every key indicator, and first
    assert len(key) < len(names) < 300
    # continued pages say so as 公文 does
    titles = [seen(slide.shapes.title.text_frame.text) for slide, _ in pages]
    assert titles == [TABLE_TITLE] + [f"{TABLE_TITLE}（续）"] * (len(pages) - 1)
    # the last page closes with the count of what is left out and where it is
    last, table = pages[-1]
    line = next(sh for sh in last.shapes if sh.name.startswith("表注"))
    left = 300 - len(names)
    assert seen(line.text_frame.text) == (f"其余{left}项指标未列入本表，见数据核对表（与汇报同名的"
                                          " .核对.xlsx）。")
    assert line.top >= table.top + table.height  # under the table, not over it
    assert line.top + line.height <= (97.2 + 388.8) * EMU_PER_PT + 1  # inside the content area


def test_the_left_out_indicators_are_named_in_warnings_and_listed_in_the_companion(
        big: BuildResult) -> None:
    assert big.pptx is not None and big.check_workbook is not None
    names = {seen(row.cells[0].text) for _, table in table_pages(big.pptx)
             for row in list(table.table.rows)[1:]}
    left_out = [f"模拟指标{k:03d}" for k in range(1, 301) if f"模拟指标{k:03d}" not in names]
    warning = next(w for w in big.notes("zh") if w.startswith("主要指标完成情况表只列"))
    named = re.findall(r"「(模拟指标\d+)」", warning)  # the first twenty, in the table's order
    assert len(named) == 20 and set(named) <= set(left_out)
    assert f"等 {len(left_out)} 项" in warning
    # every figure of a left-out indicator is in the companion: on a page, or 「未展示」
    wb = openpyxl.load_workbook(big.check_workbook)
    ws = wb["数据核对"]
    listed = {(str(r[2]), str(r[9])) for r in ws.iter_rows(min_row=2, values_only=True)}
    by_label = {label.split("(")[0].split("（")[0] for label, _ in listed}
    assert all(n in by_label for n in left_out)
    pages = {str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True)}
    wb.close()
    assert "未展示" in pages


def test_sixty_indicators_stay_within_the_cap_and_a_small_table_has_no_closing_line(
        tmp_path: Path) -> None:
    result = built(tmp_path, 60)
    assert result.pptx is not None
    pages = table_pages(result.pptx)
    assert len(pages) <= MAX_PAGES
    shown = sum(len(table.table.rows) - 1 for _, table in pages)
    lines = [sh for slide, _ in pages for sh in slide.shapes if sh.name.startswith("表注")]
    if shown == 60:
        assert not lines
    else:
        assert len(lines) == 1 and f"其余{60 - shown}项指标" in seen(lines[0].text_frame.text)
    (tmp_path / "small").mkdir()
    small = built(tmp_path / "small", 20)
    assert small.pptx is not None
    assert not [sh for slide, _ in table_pages(small.pptx) for sh in slide.shapes
                if sh.name.startswith("表注")]
    assert not any(w.startswith("主要指标完成情况表只列") for w in small.notes("zh"))
