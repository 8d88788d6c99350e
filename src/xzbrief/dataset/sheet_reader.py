"""Cell-by-cell reading of one sheet: clean text, located problems, no silent fixes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from xzbrief.dataset.cells import cell_name
from xzbrief.dataset.model import CellRef
from xzbrief.dataset.problems import Problem, error, warning
from xzbrief.dataset.xlsx import RawSheet

# C0/C1 controls except tab and newline, and Excel's escaped form of them (_x0001_).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|_x00(?:0[0-8bcefBCEF]|1[0-9a-fA-F])_")


class SheetReader:
    """Reads a sheet's data rows by column key; problems go to the shared list."""

    def __init__(self, sheet: RawSheet, header_row: int, columns: dict[str, int],
                 problems: list[Problem]) -> None:
        self.sheet = sheet
        self.header_row = header_row
        self.columns = columns
        self.problems = problems

    @property
    def name(self) -> str:
        return self.sheet.name

    def data_rows(self) -> range:
        return range(self.header_row + 1, len(self.sheet.rows))

    def col(self, key: str) -> int | None:
        return self.columns.get(key)

    def cell(self, row: int, col: int) -> str:
        return cell_name(row, col)

    def ref(self, row: int, col: int) -> CellRef:
        return CellRef(self.sheet.name, cell_name(row, col))

    def order(self, row: int, col: int) -> tuple[int, int, int]:
        return (self.sheet.index + 1, row, col)

    def error(self, code: str, row: int, col: int, /, **params: object) -> None:
        self.problems.append(error(code, self.name, cell_name(row, col), self.order(row, col),
                                   **params))

    def warn(self, code: str, row: int, col: int, /, **params: object) -> None:
        self.problems.append(warning(code, self.name, cell_name(row, col),
                                     self.order(row, col), **params))

    def raw(self, row: int, col: int | None) -> Any:
        if col is None:
            return ""
        return self.sheet.value(row, col)

    def is_blank_row(self, row: int) -> bool:
        scan = self.sheet.scan
        if any(r == row for r, _ in scan.errors) or any(r == row for r, _ in scan.uncalculated):
            return False
        values = self.sheet.rows[row] if row < len(self.sheet.rows) else []
        return all(v in ("", None) or (isinstance(v, str) and not v.strip()) for v in values)

    def text(self, row: int, key: str, multiline: bool = False) -> str:
        """A text cell, cleaned; numbers become their plain spelling (1001.0 -> '1001')."""
        col = self.columns.get(key)
        if col is None:
            return ""
        value = self.raw(row, col)
        if (row, col) in self.sheet.scan.uncalculated:
            self.error("value-uncalculated", row, col)
            return ""
        if (row, col) in self.sheet.scan.errors:
            self.error("value-excel-error", row, col, error=self.sheet.scan.errors[(row, col)])
            return ""
        return self.clean(value, row, col, multiline)

    def clean(self, value: Any, row: int, col: int, multiline: bool = False) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            text = "TRUE" if value else "FALSE"
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        elif isinstance(value, dt.datetime):
            text = value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() \
                else value.date().isoformat()
        else:
            text = str(value)
        if _CONTROL.search(text):
            self.warn("text-control-chars", row, col)
            text = _CONTROL.sub("", text)
        if multiline:
            text = "\n".join(line.strip() for line in text.replace("\r", "").split("\n"))
            return text.strip()
        return " ".join(text.replace("\r", " ").replace("\n", " ").replace("\t", " ").split())
