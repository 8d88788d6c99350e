"""Cell-by-cell reading of one sheet: clean text, located problems, no silent fixes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from xzbrief.dataset.cells import cell_name, column_letter
from xzbrief.dataset.model import CellRef
from xzbrief.dataset.problems import Problem, error, warning
from xzbrief.dataset.xlsx import RawSheet

# C0/C1 controls except tab and newline. Excel's escaped form (_x0007_ in the XML) arrives
# decoded; text that reads "_x0007_" in Excel is the user's own and is kept as written.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A cell's text is clipped here (with a warning at the cell): no slide shows more, and a
# pasted 2,000,000-character cell must not slow every build (docs/dataset.md).
MAX_TEXT = 2000
# What Excel, WPS or LibreOffice would run or follow when the text is typed or pasted into a
# cell: a formula (=, @, or + / - followed by more than a plain number), a URL scheme, a UNC
# path. Leading tabs and line breaks are ignored, as those programs ignore them.
_FORMULA_START = re.compile(r"[=@]|[+\-](?![\d.,%\s]*$)")
_LINK = re.compile(r"(?:https?|ftp|mailto|file|external|internal|ms-\w+|news|ldap|smb)\s*:"
                   r"|\\\\|//\w", re.IGNORECASE)
_RISKY_FIRST = frozenset("=@+-\\/hHfFmMeEiInNlLsS\t\r\n ")


class SheetReader:
    """Reads a sheet's data rows by column key; problems go to the shared list."""

    def __init__(self, sheet: RawSheet, header_row: int, columns: dict[str, int],
                 problems: list[Problem]) -> None:
        self.sheet = sheet
        self.header_row = header_row
        self.columns = columns
        self.problems = problems
        scan = sheet.scan
        self._letters: dict[int, str] = {}
        self.special_rows = ({r for r, _ in scan.errors} | {r for r, _ in scan.uncalculated}
                             | {r for r, _ in scan.bad_dates})
        # Cleaned text by (type, value, multiline); only values without control characters,
        # so each such cell still gets its own warning. Codes, regions and statuses repeat on
        # every row: this keeps 100,000-row sheets fast.
        self._clean_cache: dict[tuple[type, Any, bool, bool], str] = {}

    @property
    def name(self) -> str:
        return self.sheet.name

    def data_rows(self) -> range:
        return range(self.header_row + 1, len(self.sheet.rows))

    def col(self, key: str) -> int | None:
        return self.columns.get(key)

    def ref(self, row: int, col: int) -> CellRef:
        letter = self._letters.get(col)
        if letter is None:
            letter = self._letters[col] = column_letter(col)
        return CellRef(self.sheet.name, f"{letter}{row + 1}")

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
        rows = self.sheet.rows
        if row < len(rows):
            values = rows[row]
            if col < len(values):
                return values[col]
        return ""

    def special(self, row: int, col: int) -> bool:
        """The cell holds an Excel error, an uncalculated formula or a broken date (its own
        problem, so it is not also "empty")."""
        if row not in self.special_rows:
            return False
        scan = self.sheet.scan
        return (row, col) in scan.uncalculated or (row, col) in scan.errors \
            or (row, col) in scan.bad_dates

    def unreadable(self, row: int, col: int) -> bool:
        """An Excel error, a formula never calculated or a broken date: reported here, once,
        for whichever cell it is (a value, a period, an order, a number of decimals)."""
        if row not in self.special_rows:
            return False
        scan = self.sheet.scan
        if (row, col) in scan.uncalculated:
            self.error("value-uncalculated", row, col)
        elif (row, col) in scan.errors:
            self.error("value-excel-error", row, col, error=scan.errors[(row, col)])
        elif (row, col) in scan.bad_dates:
            self.error("value-bad-date", row, col)
        else:
            return False
        return True

    def value(self, row: int, col: int | None) -> Any:
        """The raw value of a cell, or "" (reported) when it cannot be read."""
        if col is None or self.unreadable(row, col):
            return ""
        return self.raw(row, col)

    def is_blank_row(self, row: int) -> bool:
        if row in self.special_rows:
            return False
        rows = self.sheet.rows
        if row < len(rows) and rows[row] and rows[row][0].__class__ is str \
                and rows[row][0].strip():
            return False  # the first cell holds text (a code): the common case
        for v in self.sheet.rows[row] if row < len(self.sheet.rows) else ():
            if v.__class__ is str:
                if v and not v.isspace():
                    return False
            elif v is not None:
                return False
        return True

    def text(self, row: int, key: str, multiline: bool = False) -> str:
        """A text cell, cleaned; numbers become their plain spelling (1001.0 -> '1001')."""
        col = self.columns.get(key)
        if col is None:
            return ""
        if row in self.special_rows and self.unreadable(row, col):
            return ""
        rows = self.sheet.rows
        values = rows[row] if row < len(rows) else ()
        value = values[col] if col < len(values) else ""
        if value == "" or value is None:
            return ""
        links = key.startswith("source")  # a 来源 column may name a web page on purpose
        hit = self._clean_cache.get((value.__class__, value, multiline, links))
        if hit is not None:
            return hit
        return self.clean(value, row, col, multiline, links)

    def clean(self, value: Any, row: int, col: int, multiline: bool = False,
              links: bool = False) -> str:
        """``links``: the column may hold a web address (no link warning, formulas still)."""
        if value is None or value == "":
            return ""
        key = (value.__class__, value, multiline, links)
        hit = self._clean_cache.get(key)
        if hit is not None:
            return hit
        text = spell_value(value)
        risky = value.__class__ is str and text[:1] in _RISKY_FIRST and \
            self._risky(text, row, col, links)
        if len(text) > MAX_TEXT:
            self.warn("text-too-long", row, col, length=f"{len(text):,}", limit=f"{MAX_TEXT:,}")
            text = text[:MAX_TEXT] + "…"
            risky = True  # not cached: every such cell is named
        if not _CONTROL.search(text):
            text = _tidy(text, multiline)
            if not risky:  # a risky cell is named every time, as a control character is
                self._clean_cache[key] = text
            return text
        self.warn("text-control-chars", row, col)  # not cached: every such cell is named
        return _tidy(_CONTROL.sub("", text), multiline)

    def _risky(self, text: str, row: int, col: int, links: bool = False) -> bool:
        """Warn about text a spreadsheet would take as a formula or a link (the deck's chart
        workbooks keep it as text, but the user's own Excel may not)."""
        start = text.lstrip(" \t\r\n")
        if _FORMULA_START.match(start):
            self.warn("text-formula-like", row, col, start=start[:1])
            return True
        if not links and _LINK.match(start):
            self.warn("text-link-like", row, col, start=start[:40])
            return True
        return False


def spell_value(value: Any) -> str:
    """A cell value as the user typed it: 9.0 -> '9', a date -> '2025-01-01'."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() \
            else value.date().isoformat()
    return str(value)


def _tidy(text: str, multiline: bool) -> str:
    if multiline:
        text = "\n".join(line.strip() for line in text.replace("\r", "").split("\n"))
        return text.strip()
    return " ".join(text.replace("\r", " ").replace("\n", " ").replace("\t", " ").split())

