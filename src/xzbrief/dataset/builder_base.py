"""The machinery every sheet reader of the loader shares: finding sheets by name, locating
header rows, and reporting sheet-level problems (merged data, hidden rows, stray cells)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from xzbrief.dataset.cells import cell_name, range_name
from xzbrief.dataset.columns import (
    SHEET_DATA_PREFIX,
    SHEET_HIGHLIGHTS,
    SHEET_INDICATORS,
    SHEET_REGIONS,
    SHEET_THEMES,
    Column,
    find_header,
)
from xzbrief.dataset.model import (
    CellRef,
    Highlight,
    Indicator,
    Observation,
    Region,
    Theme,
)
from xzbrief.dataset.periods import Period, PeriodError
from xzbrief.dataset.problems import Problem, error, warning
from xzbrief.dataset.sheet_reader import SheetReader
from xzbrief.dataset.xlsx import RawSheet, RawWorkbook, SheetTooLarge

SHEET_ALIASES = {
    SHEET_INDICATORS: ("指标", "指标表", "indicators"),
    SHEET_HIGHLIGHTS: ("要点", "亮点", "highlights"),
    SHEET_THEMES: ("专题", "themes"),
    SHEET_REGIONS: ("地区", "regions"),
}
MAX_STRAY_REPORTS = 20


def _norm_name(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().lower()


class BuilderBase:
    def __init__(self, book: RawWorkbook, path: Path, problems: list[Problem]) -> None:
        self.book = book
        self.path = path
        self.problems = problems
        self.themes: dict[str, Theme] = {}
        self.regions: dict[str, Region] = {}
        self.indicators: dict[str, Indicator] = {}
        # the 指标 sheet was read (header found): only then is a code "not in 指标"; when it
        # could not be read, that one problem is reported, not one per data row
        self.indicators_read = False
        self.observations: list[Observation] = []
        self.highlights: list[Highlight] = []
        self.stated_units: dict[str, dict[str, tuple[str, CellRef]]] = {}
        self.empty_data_sheets: list[str] = []
        self.themes_listed = False
        self.title = ""
        self.as_of = ""
        self._periods: dict[tuple[type, object], Period | PeriodError] = {}
        self._interned: dict[tuple[Period, str], Period] = {}
        self._numbers: dict[Period, int] = {}
        self.period_number: dict[int, int] = {}  # id of a period object -> its span's number

    def _intern(self, period: Period) -> Period:
        """One object per distinct period and written form (2025年前三季度 and 2025年1—9月
        are the same span, each written back as written); duplicate checks compare
        ``period_number``, one small number per span, so the two spellings of one span are
        still duplicates."""
        mine = self._interned.setdefault((period, period.form), period)
        if id(mine) not in self.period_number:
            self.period_number[id(mine)] = self._numbers.setdefault(period, len(self._numbers))
        return mine

    # --- sheets ---------------------------------------------------------------------------
    def _find_sheet(self, canonical: str) -> str | None:
        wanted = {_norm_name(a) for a in SHEET_ALIASES[canonical]}
        return next((n for n in self.book.sheet_names if _norm_name(n) in wanted), None)

    def _data_sheets(self) -> list[str]:
        return [n for n in self.book.sheet_names
                if _norm_name(n).startswith((SHEET_DATA_PREFIX, "data"))]

    def _sheet_problem(self, code: str, sheet: RawSheet | str, warn: bool = False,
                       **params: object) -> None:
        name = sheet if isinstance(sheet, str) else sheet.name
        index = self.book.sheet_names.index(name) + 1 if name in self.book.sheet_names else 0
        make = warning if warn else error
        self.problems.append(make(code, name, None, (index, -1, 0), **params))

    def _open(self, name: str, columns: tuple[Column, ...], quiet_missing_header: bool = False,
              extra: tuple[str, ...] = (), empty: str = "ignore") -> SheetReader | None:
        """Read a sheet and locate its header row; None (with a problem) when it can't."""
        if self.book.hidden.get(name):
            self._sheet_problem("sheet-hidden-read", name, warn=True)
        try:
            sheet = self.book.read(name)
        except SheetTooLarge as big:
            self._sheet_problem("sheet-too-large", name, rows=big.extent.rows,
                                cols=big.extent.cols)
            return None
        self._report_strays(sheet)
        found = find_header(sheet.rows, columns, extra)
        if found is None:
            if quiet_missing_header:
                self._sheet_problem("sheet-ignored", sheet, warn=True)
            else:
                needed = "、".join(c.header for c in columns if c.required)
                self._sheet_problem("header-missing", sheet, columns=needed)
            return None
        header_row, colmap = found
        missing = [c.header for c in columns if c.required and c.key not in colmap
                   and c.key not in extra]
        for col_name in missing:
            self._sheet_problem("column-missing", sheet, column=col_name, row=header_row + 1)
        if missing:
            return None
        reader = SheetReader(sheet, header_row, colmap, self.problems)
        self._check_layout(reader, empty)
        return reader

    def _report_strays(self, sheet: RawSheet) -> None:
        index = sheet.index + 1
        for r, c in sheet.stray[:MAX_STRAY_REPORTS]:
            self.problems.append(warning("cell-stray", sheet.name, cell_name(r, c), (index, r, c)))
        if len(sheet.stray) > MAX_STRAY_REPORTS:
            self._sheet_problem("cell-stray-more", sheet, warn=True,
                                count=len(sheet.stray) - MAX_STRAY_REPORTS)

    def _check_layout(self, reader: SheetReader, empty: str) -> None:
        """``empty``: what a sheet with a header but no rows is — an error (指标), a warning
        (an extra data sheet) or nothing (要点, 专题, 地区 may be left empty)."""
        sheet = reader.sheet
        header = sheet.rows[reader.header_row] if reader.header_row < len(sheet.rows) else ()
        used = [c for c, v in enumerate(header) if v not in ("", None)]
        first, last = min(used, default=0), max(used, default=0)  # the table's columns
        for r1, c1, r2, c2 in sheet.merged:
            # merged cells inside the table break its rows; a merged note beside it does not
            if r2 > reader.header_row and c1 <= last and c2 >= first:
                self.problems.append(error("merged-data", sheet.name, range_name(r1, c1, r2, c2),
                                           reader.order(r1, c1),
                                           range=range_name(r1, c1, r2, c2)))
        hidden = [r for r in sheet.scan.hidden_rows if r > reader.header_row]
        if hidden:
            self._sheet_problem("rows-hidden", sheet, warn=True, rows=_row_list(hidden))
        if empty != "ignore" and not any(not reader.is_blank_row(r)
                                         for r in reader.data_rows()):
            self._sheet_problem("sheet-no-rows", sheet, warn=empty == "warning")


def _row_list(rows: list[int]) -> str:
    """0-based rows to '3、5—9、12' (Excel numbering, runs collapsed)."""
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    parts = [f"{a + 1}" if a == b else f"{a + 1}—{b + 1}" for a, b in runs]
    return "、".join(parts[:20]) + ("……" if len(parts) > 20 else "")


