"""The data-check record as a companion workbook (``<deck>.核对.xlsx``), written beside the deck.

A statistician signs a deck by checking every figure against its cell. The record used to take
a third of the deck as 数据核对表 pages; as a workbook it filters by page, indicator or cell.
One row per figure per page, in the typeset words the slide shows. Every text cell is written as
a string, never a formula: a label starting with = + - @ stays text in Excel (the deck's
figures come from someone else's workbook).
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from xzbrief.atomic import atomic_write_bytes
from xzbrief.deck.model import Deck
from xzbrief.deck.typeset import typeset, typeset_deck

SUFFIX = ".核对.xlsx"
COLUMNS = (("页", 6), ("页标题", 36), ("指标", 30), ("页面显示", 24), ("数值", 12),
           ("单位", 8), ("期间", 14), ("地区", 12), ("状态", 8), ("单元格", 24),
           ("计算方法", 36), ("数据来源", 48))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FONT = "Microsoft YaHei"
UNSHOWN = "未展示"  # the 页 of a figure in the chosen range that no slide shows


def companion_path(deck_path: Path) -> Path:
    """``汇报.pptx`` -> ``汇报.核对.xlsx`` in the same folder."""
    deck_path = Path(deck_path)
    return deck_path.with_name(deck_path.stem + SUFFIX)


def _text(cell: Cell, value: str) -> None:
    """A string cell whatever the text looks like (openpyxl makes '=…' a formula)."""
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True  # Excel shows it as typed, and keeps it text when edited


def check_rows(deck: Deck) -> list[tuple[int | str, str, str, str, float | None, str, str, str,
                                         str,
                                         str, str, str]]:
    """One row per figure per slide, as the slide shows it (typeset)."""
    deck = typeset_deck(deck)
    rows: list[tuple[int | str, str, str, str, float | None, str, str, str, str, str, str,
                     str]] = []
    for number, slide in enumerate(deck.slides, start=1):
        seen: set[tuple[str, str, str]] = set()
        for f in slide.figures:
            key = (f.label, f.text, f.where)
            if key in seen:
                continue
            seen.add(key)
            cell = str(f.ref) if f.ref is not None else f.where
            rows.append((number, slide.title, f.label, f.text, f.value, f.unit, f.period,
                         f.region, f.status.value, cell, f.method, f.source))
    for f in deck.unshown:  # in the chosen range, on no slide: listed, never dropped silently
        cell = str(f.ref) if f.ref is not None else f.where
        rows.append((UNSHOWN, "", typeset(f.label), typeset(f.text), f.value, f.unit,
                     f.period, f.region, f.status.value, cell, f.method, f.source))
    return rows


def workbook_bytes(deck: Deck, deck_name: str = "") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "数据核对"
    bold = Font(name=FONT, bold=True, color="FFFFFF")
    plain = Font(name=FONT)
    fill = PatternFill("solid", fgColor="7F1F1F")
    for c, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=c)
        _text(cell, name)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    rows = check_rows(deck)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                _text(cell, value)
            elif value is not None:
                cell.value = value  # a number stays a number (filter and sum by it)
            cell.font = plain
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(rows) + 1, 2)}"
    about = wb.create_sheet("说明")
    info = deck.info
    lines = [("汇报", info.title), ("汇报文件", deck_name), ("工作簿", info.dataset_file),
             ("工作簿 SHA-256", info.dataset_sha256), ("工作簿修改时间", info.dataset_modified),
             ("说明", "每行是汇报中某一页出现的一个数字:页面上的写法、数值、期间、状态,"
                    "以及它在工作簿中的单元格;计算所得的数字写明由哪些单元格如何计算。"
                    "页为「未展示」的数字在所选范围内但未在汇报中出现(如主要指标表未列入的"
                    "指标、较早的期间)。")]
    for r, (key, value) in enumerate(lines, start=1):
        _text(about.cell(row=r, column=1), key)
        _text(about.cell(row=r, column=2), value)
        about.cell(row=r, column=1).font = Font(name=FONT, bold=True)
        about.cell(row=r, column=2).font = plain
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_check_workbook(deck: Deck, deck_path: Path) -> Path:
    """Written atomically like the deck; raises atomic.SaveBlocked (the deck stays written)."""
    path = companion_path(deck_path)
    atomic_write_bytes(path, workbook_bytes(deck, Path(deck_path).name))
    return path
