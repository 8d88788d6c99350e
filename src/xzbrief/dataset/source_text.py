"""The reviewable text source of a shipped workbook (``data/xuzhou.source.toml``).

Binary files need a source: the shipped .xlsx is generated from this TOML by
``tools/build_dataset.py``, and a test checks that the committed workbook holds exactly what the
source says.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from xzbrief.dataset.workbook_writer import WorkbookContent

_RENAME = {
    "专题": {"名称": "专题"},
    "地区": {"名称": "地区"},
    "指标": {"编码": "指标编码", "名称": "指标名称"},
    "数据": {},
    "要点": {},
}


def _rows(doc: dict[str, Any], table: str) -> list[dict[str, Any]]:
    rename = _RENAME[table]
    return [{rename.get(k, k): v for k, v in row.items()} for row in doc.get(table, [])]


def read_source(path: Path) -> WorkbookContent:
    with path.open("rb") as fh:
        doc = tomllib.load(fh)
    book = doc.get("工作簿", {})
    return WorkbookContent(
        title=book.get("名称", ""),
        as_of=book.get("数据截至", ""),
        themes=_rows(doc, "专题"),
        regions=_rows(doc, "地区"),
        indicators=_rows(doc, "指标"),
        data=_rows(doc, "数据"),
        highlights=_rows(doc, "要点"),
    )
