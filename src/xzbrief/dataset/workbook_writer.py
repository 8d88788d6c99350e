"""Write indicator workbooks people fill in Excel: the blank template and the shipped dataset.

One writer for both, so the template users copy and the dataset we ship look and validate the
same: styled headers under a merged title, frozen panes, column widths, drop-down lists, and a
「说明」 sheet that explains every column. Written with openpyxl; never used on a user's file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xzbrief.atomic import atomic_write
from xzbrief.dataset.columns import (
    DATA_COLUMNS,
    HIGHLIGHT_COLUMNS,
    INDICATOR_COLUMNS,
    REGION_COLUMNS,
    TEMPLATE_TITLE,
    THEME_COLUMNS,
    Column,
)
from xzbrief.dataset.indicator_kinds import IndicatorKind
from xzbrief.dataset.model import QUALIFIERS, Status

COMMON_UNITS = ("亿元", "万元", "元", "%", "个", "万个", "家", "项", "类", "人", "万人", "吨",
                "万吨", "个百分点")
HEADER_FILL = PatternFill("solid", fgColor="9C1C1C")
HEADER_FONT = Font(name="微软雅黑", bold=True, color="FFFFFF", size=11)
TITLE_FONT = Font(name="微软雅黑", bold=True, size=14)
SUBTITLE_FONT = Font(name="微软雅黑", size=10, color="666666")
BODY_FONT = Font(name="微软雅黑", size=10)
THIN = Side(style="thin", color="D9D9D9")
TITLE_ROWS = 2  # a merged title and a 数据截至 line sit above every header
MAX_LIST_ROWS = 500
FIXED_TIME = dt.datetime(2025, 12, 1)


@dataclass
class WorkbookContent:
    """Rows keyed by the canonical Chinese column headers of ``columns.py``."""

    title: str
    as_of: str = ""
    themes: list[dict[str, Any]] = field(default_factory=list)
    regions: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)
    highlights: list[dict[str, Any]] = field(default_factory=list)


SHEETS: tuple[tuple[str, tuple[Column, ...], str], ...] = (
    ("指标", INDICATOR_COLUMNS, "indicators"),
    ("数据", DATA_COLUMNS, "data"),
    ("要点", HIGHLIGHT_COLUMNS, "highlights"),
    ("专题", THEME_COLUMNS, "themes"),
    ("地区", REGION_COLUMNS, "regions"),
)
WIDTHS = {"指标名称": 34, "来源": 46, "说明": 40, "要点": 60, "导语": 70, "备注": 36,
          "期间": 16, "专题": 20, "地区": 14, "简称": 12, "口径": 20, "表述": 40,
          "来源单位": 16, "来源文件": 36, "增速指标": 10}


def sheet_rows(content: WorkbookContent) -> dict[str, list[list[Any]]]:
    """What each sheet holds, header first: the one description both writing and the
    shipped-data consistency test use."""
    out: dict[str, list[list[Any]]] = {}
    for name, columns, attr in SHEETS:
        headers = [c.header for c in columns]
        rows: list[list[Any]] = [headers]
        for item in getattr(content, attr):
            unknown = set(item) - set(headers)
            if unknown:
                raise ValueError(f"{name}: unknown columns {sorted(unknown)}")
            rows.append([item.get(h) for h in headers])
        out[name] = rows
    return out


def write_workbook(content: WorkbookContent, path: Path) -> None:
    """Write atomically (temp file, then replace), deterministic bytes for the same content."""
    wb = Workbook()
    wb.remove(wb.active)
    rows = sheet_rows(content)
    for name, columns, _attr in SHEETS:
        ws = wb.create_sheet(name)
        _write_sheet(ws, content, columns, rows[name])
    _add_validations(wb, len(rows["专题"]) - 1, len(rows["地区"]) - 1)
    _write_explanations(wb.create_sheet("说明", 0), content.title)
    wb.properties.creator = "xzbrief"
    wb.properties.title = content.title
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.active = 1
    atomic_write(Path(path), wb.save)


def _write_sheet(ws: Worksheet, content: WorkbookContent, columns: Sequence[Column],
                 rows: list[list[Any]]) -> None:
    n = len(columns)
    ws.append([content.title] + [None] * (n - 1))
    ws.append([f"数据截至:{content.as_of}" if content.as_of else "说明见「说明」工作表"]
              + [None] * (n - 1))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    ws["A1"].font = TITLE_FONT
    ws["A2"].font = SUBTITLE_FONT
    ws.row_dimensions[1].height = 24
    for row in rows:
        ws.append(row)
    header_row = TITLE_ROWS + 1
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(header_row, i)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if col.help_zh:
            cell.comment = Comment(col.help_zh + ("(必填)" if col.required else ""), "xzbrief")
        letter = cell.column_letter
        ws.column_dimensions[letter].width = WIDTHS.get(col.header, 12)
    for r in range(header_row + 1, ws.max_row + 1):
        for c in range(1, n + 1):
            cell = ws.cell(r, c)
            cell.font = BODY_FONT
            cell.border = Border(bottom=THIN)
            if columns[c - 1].header in ("要点", "导语", "说明", "备注", "来源", "表述",
                                         "来源文件"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.auto_filter.ref = f"A{header_row}:{ws.cell(header_row, n).column_letter}{header_row}"


def _column_letter(columns: Sequence[Column], header: str) -> str:
    return str(get_column_letter([c.header for c in columns].index(header) + 1))


def _add_validations(wb: Workbook, n_themes: int, n_regions: int) -> None:
    first = TITLE_ROWS + 2
    themes = f"'专题'!$A${first}:$A${first + max(n_themes, 1) + 200}"
    regions = f"'地区'!$A${first}:$A${first + max(n_regions, 1) + 200}"
    rules: list[tuple[str, Sequence[Column], str, str, bool]] = [
        ("指标", INDICATOR_COLUMNS, "专题", f"={themes}", True),
        ("指标", INDICATOR_COLUMNS, "单位", '"' + ",".join(COMMON_UNITS) + '"', False),
        ("指标", INDICATOR_COLUMNS, "类型", '"' + ",".join(k.value for k in IndicatorKind)
         + '"', True),
        ("指标", INDICATOR_COLUMNS, "重点", '"是,否"', True),
        ("数据", DATA_COLUMNS, "地区", f"={regions}", True),
        ("数据", DATA_COLUMNS, "状态", '"' + ",".join(s.value for s in Status) + '"', True),
        ("数据", DATA_COLUMNS, "限定", '"' + ",".join(QUALIFIERS) + '"', True),
        ("要点", HIGHLIGHT_COLUMNS, "专题", f"={themes}", True),
        ("要点", HIGHLIGHT_COLUMNS, "地区", f"={regions}", True),
        ("地区", REGION_COLUMNS, "上级", f"={regions}", True),
    ]
    for sheet, columns, header, formula, strict in rules:
        letter = _column_letter(columns, header)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                            showErrorMessage=True, errorStyle="stop" if strict else "information")
        dv.error = f"请从下拉列表中选择{header}" if strict else "不在常用单位中;请确认后继续"
        dv.errorTitle = "xzbrief"
        dv.add(f"{letter}{first}:{letter}{first + MAX_LIST_ROWS * 20}")
        wb[sheet].add_data_validation(dv)


def _write_explanations(ws: Worksheet, title: str) -> None:
    ws.append([f"{title} · 填写说明"])
    ws["A1"].font = TITLE_FONT
    ws.append(["xzbrief 读取本工作簿生成汇报材料;本表只作说明,不被读取。表头可以放在标题行下方,"
               "列的顺序可以调整,名称须与下表一致(也可用英文列名)。"])
    ws.append([])
    ws.append(["工作表", "列", "必填", "说明", "English"])
    for c in range(1, 6):
        cell = ws.cell(4, c)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
    for sheet, columns, _attr in SHEETS:
        for col in columns:
            english = f"{col.help_en} (also: {', '.join(n for n in col.names[1:] if n.isascii())})"
            ws.append([sheet, col.header, "是" if col.required else "", col.help_zh, english])
    ws.append([])
    notes = [
        "数据表可以是长表(每行一个数:指标编码、地区、期间、数值、状态)或宽表(指标编码、地区,"
        "然后每个期间一列,列名如「2024年」「2025年(预计)」)。名称以「数据」开头的工作表都会读取。",
        "期间写法:年度 2025年;当月 2025年11月、2025-11、2025年4月当月;累计 2025年1—11月、"
        "2025年一季度、2025年上半年、2025年前三季度、2025年1—3季度;单季 2025年三季度、2025Q3;"
        "多年 2021—2025年、“十四五”。汇报按期间类型分开展示,并按工作簿的写法写回(前三季度仍写"
        "前三季度)。",
        "「指标」表的「类型」(总量/增速/比重/数量/指数/位次)决定措辞:增速写「增长5.0%」、与上一"
        "累计期比「提高/回落X个百分点」;比重写「提高X个百分点」;数量不写「数量达」;位次写「居第N位」。"
        "留空时按单位和名称推断,xzbrief dataset check --explain 列出推断结果。",
        "「数据」表的「备注」是内部记录,不会出现在汇报中;要显示在数字旁的话写在「说明」列。",
        "数值只填数字;缺数请留空(生成时显示为空缺,绝不当作 0)。"
        "公式可以使用,但文件须经 Excel 保存。",
        "隐藏的「数据」工作表不读取;隐藏的行照常读取,检查时会提示。",
    ]
    for note in notes:
        ws.append([note])
    for letter, width in zip("ABCDE", (10, 14, 6, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = BODY_FONT


# The blank template's title row; a deck made from a workbook that still has it is named
# after the file instead (build.default_recipe).


def template_content() -> WorkbookContent:
    """The blank workbook of ``xzbrief dataset template``: one example row per sheet."""
    return WorkbookContent(
        title=TEMPLATE_TITLE,
        as_of="",
        themes=[{"专题": "示例专题", "顺序": 1, "导语": "一句话概括本专题(可删除本行)。"}],
        regions=[{"地区": "徐州市", "上级": None, "类型": "市", "顺序": 1}],
        indicators=[{"指标编码": "EX01", "指标名称": "示例指标(可删除本行)", "单位": "亿元",
                     "专题": "示例专题", "来源": "填写数据来源", "说明": "指标定义",
                     "小数位": 1, "简称": "示例", "类型": "总量", "重点": "是",
                     "来源单位": "市统计局", "来源文件": "《2025年统计公报》"}],
        data=[{"指标编码": "EX01", "地区": "徐州市", "期间": "2025年", "数值": 100.5,
               "状态": "实际", "备注": None, "说明": None}],
        highlights=[{"专题": "示例专题", "地区": "徐州市", "期间": "2025年",
                     "要点": "一句话写一项成绩(可删除本行)", "来源": "填写来源"}],
    )
