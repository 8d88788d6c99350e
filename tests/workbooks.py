"""Real workbooks for tests, written with openpyxl exactly as a user's Excel file would be."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

Rows = Sequence[Sequence[Any]]

# Tuples: a test that adds a column to its own copy must not change every later test's header.
INDICATOR_HEADER = ("指标编码", "指标名称", "单位", "专题", "来源")
DATA_HEADER = ("指标编码", "地区", "期间", "数值", "状态", "说明")


def basic_sheets() -> dict[str, list[list[Any]]]:
    """A small valid workbook: two themes, a time series, regions and a highlight."""
    return {
        "指标": [
            list(INDICATOR_HEADER),
            ["GY01", "工业开票销售收入", "亿元", "产业升级", "市工信局"],
            ["GY02", "规上工业企业数量", "家", "产业升级", "市工信局"],
            ["SZ01", "两化融合发展水平", "", "数实融合", "市工信局"],
            ["SZ02", "数字经济核心产业增加值占比", "%", "数实融合", "市统计局"],
        ],
        "数据": [
            list(DATA_HEADER),
            ["GY01", "徐州市", "2021年", 6100, "实际", None],
            ["GY01", "徐州市", "2022年", 7050, "实际", None],
            ["GY01", "徐州市", "2023年", 7600, "实际", None],
            ["GY01", "徐州市", "2024年", 8200, "实际", None],
            ["GY01", "徐州市", "2025年", 9000, "预计", None],
            ["GY02", "徐州市", "2020年", 2000, "实际", None],
            ["GY02", "徐州市", "2025年", 4000, "预计", None],
            ["SZ01", "徐州市", "2025年", 69.3, "实际", None],
            ["SZ02", "徐州市", "2024年", 10.2, "实际", None],
            ["SZ02", "徐州市", "2025年", 11.5, "实际", None],
        ],
        "要点": [
            ["专题", "地区", "期间", "要点", "来源"],
            ["产业升级", "徐州市", "2025年", "工程机械获批国家首批先进制造业集群", "市工信局"],
        ],
    }


def write_workbook(path: Path, sheets: dict[str, Rows] | None = None, *,
                   hidden: Sequence[str] = (),
                   edit: Callable[[Workbook], None] | None = None) -> Path:
    """Write ``sheets`` (name -> rows) to ``path``; ``edit`` may change the workbook first."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (sheets if sheets is not None else basic_sheets()).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        if name in hidden:
            ws.sheet_state = "hidden"
    if edit is not None:
        edit(wb)
    wb.save(path)
    return path


def patch_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one zip member in place: for XML that openpyxl refuses to write."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    members[member] = change(members[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def sheet_member(path: Path, sheet: str) -> str:
    """The zip member of a sheet in a workbook written by ``write_workbook``."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        index = wb.sheetnames.index(sheet) + 1
    finally:
        wb.close()
    return f"xl/worksheets/sheet{index}.xml"


def problem_lines(result: Any, lang: str = "zh") -> list[str]:
    """What `xzbrief dataset check` prints for each problem."""
    return [p.format(lang) for p in result.problems]
