"""``load_dataset``: the workbook in, typed immutable data and every problem out, at once.

The file is read into memory and closed before parsing (Excel on Windows must be able to save
while xzbrief runs) and is never written. Problems come back in sheet and row order; the
dataset is built from the rows that are usable so counts and previews still work, but callers
must not make decks while ``LoadResult.errors`` is non-empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from xzbrief.dataset.cells import cell_name, range_name
from xzbrief.dataset.columns import (
    DATA_COLUMNS,
    HIGHLIGHT_COLUMNS,
    INDICATOR_COLUMNS,
    REGION_COLUMNS,
    SHEET_DATA_PREFIX,
    SHEET_HIGHLIGHTS,
    SHEET_INDICATORS,
    SHEET_REGIONS,
    SHEET_THEMES,
    THEME_COLUMNS,
    WIDE_KEYS,
    Column,
    find_header,
    normalise_header,
)
from xzbrief.dataset.files import FileProblem
from xzbrief.dataset.model import (
    QUALIFIERS,
    STATUS_ALIASES,
    CellRef,
    Dataset,
    DatasetInfo,
    Highlight,
    Indicator,
    Observation,
    Region,
    Status,
    Theme,
)
from xzbrief.dataset.numbers import NumberError, parse_number, plain_number
from xzbrief.dataset.periods import Period, PeriodError, parse_period, parse_period_header
from xzbrief.dataset.problems import Problem, Severity, error, sorted_problems, warning
from xzbrief.dataset.sheet_reader import SheetReader
from xzbrief.dataset.sheet_reader import spell_value as _spell
from xzbrief.dataset.xlsx import RawSheet, RawWorkbook, SheetTooLarge, open_workbook

SHEET_ALIASES = {
    SHEET_INDICATORS: ("指标", "指标表", "indicators"),
    SHEET_HIGHLIGHTS: ("要点", "亮点", "highlights"),
    SHEET_THEMES: ("专题", "themes"),
    SHEET_REGIONS: ("地区", "regions"),
}
MAX_STRAY_REPORTS = 20
_AS_OF = re.compile(r"数据截[至止][::]?\s*(.+)$")


@dataclass(frozen=True)
class LoadResult:
    path: Path
    dataset: Dataset | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        """Usable for decks: read, and no errors (warnings allowed)."""
        return self.dataset is not None and not self.errors


def load_dataset(path: Path | str) -> LoadResult:
    path = Path(path)
    problems: list[Problem] = []
    try:
        book = open_workbook(path)
        dataset = _Builder(book, path, problems).build()
    except FileProblem as fp:
        problems.append(Problem(fp.code, Severity.ERROR, params=fp.params))
        dataset = None
    return LoadResult(path, dataset, sorted_problems(problems))


def _norm_name(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().lower()


def _file_info(book: RawWorkbook, path: Path) -> DatasetInfo:
    try:
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
    except OSError:
        mtime = ""
    return DatasetInfo(path.name, hashlib.sha256(book._data).hexdigest(), mtime)


class _Builder:
    def __init__(self, book: RawWorkbook, path: Path, problems: list[Problem]) -> None:
        self.book = book
        self.path = path
        self.problems = problems
        self.themes: dict[str, Theme] = {}
        self.regions: dict[str, Region] = {}
        self.indicators: dict[str, Indicator] = {}
        self.observations: list[Observation] = []
        self.highlights: list[Highlight] = []
        self.stated_units: dict[str, dict[str, tuple[str, CellRef]]] = {}
        self.empty_data_sheets: list[str] = []
        self.themes_listed = False
        self._fields_cache: dict[tuple[object, ...], _RowFields] = {}
        self._key_getters: dict[str, tuple[Callable[[list[Any]], Any], int]] = {}
        self.title = ""
        self.as_of = ""
        self._periods: dict[tuple[type, object], Period | PeriodError] = {}
        self._interned: dict[Period, Period] = {}

    def _intern(self, period: Period) -> Period:
        """One object per distinct period: duplicate checks then compare identities."""
        return self._interned.setdefault(period, period)

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
        for r1, c1, r2, c2 in sheet.merged:
            if r2 > reader.header_row:
                self.problems.append(error("merged-data", sheet.name, range_name(r1, c1, r2, c2),
                                           reader.order(r1, c1),
                                           range=range_name(r1, c1, r2, c2)))
        hidden = [r for r in sheet.scan.hidden_rows if r > reader.header_row]
        if hidden:
            self._sheet_problem("rows-hidden", sheet, warn=True, rows=_row_list(hidden))
        if empty != "ignore" and not any(not reader.is_blank_row(r)
                                         for r in reader.data_rows()):
            self._sheet_problem("sheet-no-rows", sheet, warn=empty == "warning")

    # --- the build ------------------------------------------------------------------------
    def build(self) -> Dataset:
        if name := self._find_sheet(SHEET_THEMES):
            self._read_themes(name)
        self.themes_listed = bool(self.themes)
        if name := self._find_sheet(SHEET_REGIONS):
            self._read_regions(name)
        ind_sheet = self._find_sheet(SHEET_INDICATORS)
        if ind_sheet is None:
            self.problems.append(error("sheet-missing", SHEET_INDICATORS, name=SHEET_INDICATORS))
        else:
            self._read_indicators(ind_sheet)
        data_sheets = self._data_sheets()
        if not data_sheets:
            self.problems.append(error("data-sheet-missing", SHEET_DATA_PREFIX))
        seen: dict[tuple[str, str, int, Status], CellRef] = {}
        for name in data_sheets:
            if self.book.hidden.get(name):
                self._sheet_problem("sheet-hidden-skipped", name, warn=True)
                continue
            self._read_data(name, seen, exact=_norm_name(name) in ("数据", "data"))
        for name in self.empty_data_sheets:
            # an empty extra data sheet is worth a word; no data rows anywhere stops the build
            nothing = not self.observations and name == self.empty_data_sheets[0]
            self._sheet_problem("sheet-no-rows", name, warn=not nothing)
        if name := self._find_sheet(SHEET_HIGHLIGHTS):
            self._read_highlights(name)
        self._check_regions_listed()
        self._check_units_across_sheets()
        return Dataset(
            info=_replace_info(_file_info(self.book, self.path), self.title, self.as_of),
            themes=tuple(sorted(self.themes.values(), key=lambda t: t.order)),
            regions=tuple(sorted(self.regions.values(), key=lambda r: r.order)),
            indicators=tuple(self.indicators.values()),
            observations=tuple(self.observations),
            highlights=tuple(self.highlights),
        )

    def _check_units_across_sheets(self) -> None:
        """One indicator written in different units on different data sheets (万元 here,
        亿元 there) is a mix-up even when each sheet is consistent in itself."""
        for code, by_sheet in self.stated_units.items():
            units = {unit for unit, _ in by_sheet.values()}
            if len(units) < 2:
                continue
            where = "、".join(f"{ref}「{unit}」" for unit, ref in by_sheet.values())
            first = next(iter(by_sheet.values()))[1]
            index = self.book.sheet_names.index(first.sheet) + 1
            self.problems.append(warning("units-differ", first.sheet, first.cell,
                                         (index, -1, 2), code=code, where=where))

    def _read_themes(self, name: str) -> None:
        reader = self._open(name, THEME_COLUMNS)
        if reader is None:
            return
        first: dict[str, str] = {}
        for r in reader.data_rows():
            theme = reader.text(r, "name")
            if not theme:
                continue
            col = reader.columns["name"]
            if theme in first:
                reader.error("theme-duplicate", r, col, theme=theme, first=first[theme])
                continue
            first[theme] = str(reader.ref(r, col))
            order = self._order(reader, r, default=len(self.themes) + 1)
            self.themes[theme] = Theme(theme, order, reader.text(r, "intro", multiline=True))
        self._renumber(self.themes)

    def _read_regions(self, name: str) -> None:
        reader = self._open(name, REGION_COLUMNS)
        if reader is None:
            return
        first: dict[str, str] = {}
        for r in reader.data_rows():
            region = reader.text(r, "name")
            if not region:
                continue
            col = reader.columns["name"]
            if region in first:
                reader.error("region-duplicate", r, col, region=region, first=first[region])
                continue
            first[region] = str(reader.ref(r, col))
            self.regions[region] = Region(region, reader.text(r, "parent"),
                                          reader.text(r, "kind"),
                                          self._order(reader, r, default=len(self.regions) + 1))
        self._renumber(self.regions)

    @staticmethod
    def _renumber(items: dict[str, Any]) -> None:
        """Keep the user's order, but make it 1..n so later additions sort after it."""
        ranked = sorted(items.values(), key=lambda x: x.order)
        for i, item in enumerate(ranked, start=1):
            items[item.name] = type(item)(**{**item.__dict__, "order": i})

    def _order(self, reader: SheetReader, r: int, default: int) -> int:
        col = reader.col("order")
        raw = reader.raw(r, col)
        if col is None or raw in ("", None):
            return default
        try:
            parsed = parse_number(raw)
        except NumberError:
            parsed = None
        if parsed is None:
            reader.error("order-invalid", r, col, value=_spell(raw))
            return default
        return int(parsed.value)

    def _read_indicators(self, name: str) -> None:
        reader = self._open(name, INDICATOR_COLUMNS, empty="error")
        if reader is None:
            return
        self._read_title(reader)
        first: dict[str, str] = {}
        parents: list[tuple[int, str]] = []
        for r in reader.data_rows():
            if reader.is_blank_row(r):
                continue
            code_col = reader.columns["code"]
            code = reader.text(r, "code")
            if not code:
                reader.error("code-empty", r, code_col)
                continue
            if code in first:
                reader.error("code-duplicate", r, code_col, code=code, first=first[code])
                continue
            first[code] = str(reader.ref(r, code_col))
            ind_name = reader.text(r, "name")
            if not ind_name:
                reader.error("name-empty", r, reader.columns["name"])
            theme = reader.text(r, "theme")
            if not theme:
                reader.error("theme-empty", r, reader.columns["theme"])
            elif theme not in self.themes:
                if self.themes_listed:  # a 专题 sheet with rows lists them all
                    reader.warn("theme-unlisted", r, reader.columns["theme"], theme=theme)
                self.themes[theme] = Theme(theme, len(self.themes) + 1)
            parent = reader.text(r, "parent")
            if parent:
                parents.append((r, code))
            self.indicators[code] = Indicator(
                code=code, name=ind_name or code, unit=reader.text(r, "unit"), theme=theme,
                source=reader.text(r, "source"),
                description=reader.text(r, "description", multiline=True),
                decimals=self._decimals(reader, r), parent=parent,
                short_name=reader.text(r, "short_name"), basis=reader.text(r, "basis"),
                ref=reader.ref(r, code_col))
        col = reader.columns.get("parent", 0)
        for r, code in parents:
            ind = self.indicators[code]
            if ind.parent == code:
                reader.error("parent-self", r, col)
            elif ind.parent not in self.indicators:
                reader.error("parent-unknown", r, col, code=ind.parent)
            elif self.indicators[ind.parent].unit != ind.unit:
                reader.warn("parent-unit", r, col, unit=ind.unit, parent=ind.parent,
                            parent_unit=self.indicators[ind.parent].unit)

    def _read_title(self, reader: SheetReader) -> None:
        """Title rows above the header: the first is the workbook's title; 数据截至 is read."""
        for r in range(reader.header_row):
            for value in reader.sheet.rows[r]:
                text = reader.clean(value, r, 0) if isinstance(value, str) else ""
                if not text:
                    continue
                if m := _AS_OF.search(text):
                    self.as_of = m[1].strip()
                elif not self.title:
                    self.title = text

    def _decimals(self, reader: SheetReader, r: int) -> int | None:
        col = reader.col("decimals")
        raw = reader.raw(r, col)
        if col is None or raw in ("", None):
            return None
        try:
            parsed = parse_number(raw)
        except NumberError:
            parsed = None
        if parsed is None or not parsed.value.is_integer() or not 0 <= parsed.value <= 6:
            reader.error("decimals-invalid", r, col, value=_spell(raw))
            return None
        return int(parsed.value)

    # --- data -----------------------------------------------------------------------------
    def _read_data(self, name: str, seen: dict[tuple[str, str, int, Status], CellRef],
                   exact: bool) -> None:
        reader = self._open(name, DATA_COLUMNS, quiet_missing_header=not exact,
                            extra=("period", "value"))
        if reader is None:
            return
        if not any(not reader.is_blank_row(r) for r in reader.data_rows()):
            self.empty_data_sheets.append(name)
            return
        long_form = "period" in reader.columns and "value" in reader.columns
        if not long_form and ("period" in reader.columns or "value" in reader.columns):
            missing = "数值" if "period" in reader.columns else "期间"
            self._sheet_problem("column-missing", reader.sheet, column=missing,
                                row=reader.header_row + 1)
            return
        period_cols = [] if long_form else self._wide_columns(reader)
        if not long_form and not period_cols:
            return
        scan = reader.sheet.scan
        special = set(scan.errors) | scan.uncalculated
        for r in reader.data_rows():
            if reader.is_blank_row(r):
                continue
            fields = self._row_fields(reader, r)
            if long_form:
                value_col = reader.columns["value"]
                period = self._period(reader, r, reader.columns["period"])
                status = self._status(reader, r)
                value = self._value(reader, r, value_col, fields.unit)
                self._add(reader, fields, r, value_col, period=period, status=status,
                          value=value, seen=seen)
                continue
            for c, period, status in period_cols:
                if reader.raw(r, c) in ("", None) and (r, c) not in special:
                    continue  # an empty cell in a wide table: no observation
                value = self._value(reader, r, c, fields.unit)
                self._add(reader, fields, r, c, period=period, status=status, value=value,
                          seen=seen)

    def _period(self, reader: SheetReader, r: int, col: int) -> Period | None:
        if (r, col) in reader.sheet.scan.uncalculated:
            reader.error("value-uncalculated", r, col)
            return None
        if (r, col) in reader.sheet.scan.errors:
            reader.error("value-excel-error", r, col, error=reader.sheet.scan.errors[(r, col)])
            return None
        raw = reader.raw(r, col)
        if raw in ("", None):
            reader.error("period-empty", r, col)
            return None
        key = (raw.__class__, raw)
        parsed = self._periods.get(key)
        if parsed is None:
            try:
                parsed = self._intern(parse_period(raw))
            except PeriodError as exc:
                parsed = exc
            self._periods[key] = parsed
        if isinstance(parsed, PeriodError):
            reader.error(parsed.code, r, col, **parsed.params)
            return None
        return parsed

    def _status(self, reader: SheetReader, r: int) -> Status | None:
        raw = reader.text(r, "status")
        status = STATUS_ALIASES.get(raw.lower())
        if status is None:
            reader.error("status-invalid", r, reader.columns["status"], value=raw)
        return status

    def _wide_columns(self, reader: SheetReader) -> list[tuple[int, Period, Status]]:
        """Wide form: every header that is a period (``2025年(预计)``) is a value column."""
        hr = reader.header_row
        period_cols: list[tuple[int, Period, Status]] = []
        for c, head in enumerate(reader.sheet.rows[hr]):
            if c in reader.columns.values() or head in ("", None):
                continue
            try:
                if isinstance(head, str):
                    period, status_text = parse_period_header(head)
                else:
                    period, status_text = parse_period(head), None
            except PeriodError:
                if normalise_header(head) not in ("序号", "no", "#"):
                    reader.warn("column-unknown", hr, c, header=head)
                continue
            period_cols.append((c, self._intern(period),
                                STATUS_ALIASES.get((status_text or "").lower(), Status.ACTUAL)))
        reader.columns = {k: v for k, v in reader.columns.items() if k in WIDE_KEYS}
        if not period_cols:
            self._sheet_problem("column-missing", reader.sheet, column="期间/数值",
                                row=hr + 1)
        seen: dict[tuple[Period, Status], int] = {}
        unique: list[tuple[int, Period, Status]] = []
        for c, period, status in period_cols:
            if (period, status) in seen:
                reader.error("column-duplicate", hr, c, header=reader.sheet.rows[hr][c],
                             first=reader.cell(hr, seen[(period, status)]))
            else:
                seen[(period, status)] = c
                unique.append((c, period, status))
        return unique

    def _row_fields(self, reader: SheetReader, r: int) -> _RowFields:
        """The cells of a data row that do not depend on the period: checked once per row.

        Long tables repeat the same code, region and source on thousands of rows: a row whose
        cells equal an earlier row's that raised no problem reuses its result (rows with
        problems are always checked, so every bad cell is still named)."""
        key: tuple[object, ...] | None = None
        getter = self._key_getters.get(reader.name)
        if getter is None:
            cols = [c for k, c in reader.columns.items() if k in _ROW_KEYS]
            getter = self._key_getters[reader.name] = (itemgetter(*cols), max(cols))
        values = reader.sheet.rows[r]
        if r not in reader.special_rows and len(values) > getter[1]:
            key = (reader.name, getter[0](values))
            cached = self._fields_cache.get(key)
            if cached is not None:
                return cached
        before = len(self.problems)
        fields = self._check_row_fields(reader, r)
        if key is not None and len(self.problems) == before:
            self._fields_cache[key] = fields
        return fields

    def _check_row_fields(self, reader: SheetReader, r: int) -> _RowFields:
        code_col = reader.columns["code"]
        code = reader.text(r, "code")
        region = reader.text(r, "region")
        indicator = self.indicators.get(code)
        usable = False
        columns = reader.columns
        qualifier = reader.text(r, "qualifier") if "qualifier" in columns else ""
        if not code:
            reader.error("data-code-empty", r, code_col)
        elif indicator is None:
            if self.indicators or self._find_sheet(SHEET_INDICATORS) is not None:
                reader.error("data-code-unknown", r, code_col, code=code)
        else:
            usable = bool(region)
            if not region:
                reader.error("region-empty", r, reader.columns["region"])
            unit = reader.text(r, "unit") if "unit" in columns else ""
            if unit:
                self.stated_units.setdefault(code, {}).setdefault(
                    reader.name, (unit, reader.ref(r, reader.columns["unit"])))
            if unit and unit != indicator.unit:
                reader.error("unit-mismatch", r, reader.columns["unit"], unit=unit,
                             expected=indicator.unit or "(空)")
            if qualifier and qualifier not in QUALIFIERS:
                reader.error("qualifier-invalid", r, reader.columns["qualifier"],
                             value=qualifier, allowed="、".join(QUALIFIERS))
                qualifier = ""
        return _RowFields(
            code=code, region=region, unit=indicator.unit if indicator else "",
            qualifier=qualifier,
            note=reader.text(r, "note", multiline=True) if "note" in columns else "",
            source=(reader.text(r, "source") if "source" in columns else "")
            or (indicator.source if indicator else ""),
            usable=usable)

    def _add(self, reader: SheetReader, fields: _RowFields, r: int, c: int, *,
             period: Period | None, status: Status | None, value: object,
             seen: dict[tuple[str, str, int, Status], CellRef]) -> None:
        if not fields.usable or period is None or status is None or value is _INVALID:
            return
        ref = reader.ref(r, c)
        key = (fields.code, fields.region, id(period), status)  # periods are interned
        first = seen.get(key)
        if first is not None:
            reader.error("row-duplicate", r, c, first=first)
            return
        seen[key] = ref
        self.observations.append(Observation(
            indicator=fields.code, region=fields.region, period=period, status=status,
            value=value if isinstance(value, float) else None, qualifier=fields.qualifier,
            note=fields.note, source=fields.source, ref=ref))

    def _value(self, reader: SheetReader, r: int, c: int, unit: str) -> object:
        scan = reader.sheet.scan
        if (r, c) in scan.uncalculated:
            reader.error("value-uncalculated", r, c)
            return _INVALID
        if (r, c) in scan.errors:
            reader.error("value-excel-error", r, c, error=scan.errors[(r, c)])
            return _INVALID
        if (r, c) in scan.bad_dates:
            reader.error("value-bad-date", r, c)
            return _INVALID
        raw = reader.raw(r, c)
        if raw.__class__ is float and math.isfinite(raw) and (r, c) not in scan.percent:
            return raw  # the common case, kept fast for 100,000-row sheets
        if isinstance(raw, dt.date | dt.time | dt.timedelta):
            reader.error("value-date", r, c, raw=raw)
            return _INVALID
        try:
            parsed = parse_number(raw, unit)
        except NumberError as exc:
            reader.error(exc.code, r, c, **exc.params)
            return _INVALID
        if parsed is None:
            return None
        value = parsed.value
        if parsed.from_text:
            reader.warn("value-text", r, c, raw=raw, value=plain_number(value))
        elif (r, c) in scan.percent:
            if unit.strip() == "%":
                value = round(value * 100, 10)
            else:
                reader.warn("value-percent-format", r, c, unit=unit or "(空)",
                            value=plain_number(value))
        return value

    # --- highlights -----------------------------------------------------------------------
    def _read_highlights(self, name: str) -> None:
        reader = self._open(name, HIGHLIGHT_COLUMNS)
        if reader is None:
            return
        for r in reader.data_rows():
            if reader.is_blank_row(r):
                continue
            text = reader.text(r, "text", multiline=True)
            if not text:
                continue
            theme = reader.text(r, "theme")
            theme_col = reader.columns["theme"]
            if not theme:
                reader.error("theme-empty", r, theme_col)
                continue
            if theme not in self.themes:
                if self.indicators or self.themes_listed:
                    reader.warn("highlight-theme-unknown", r, theme_col, theme=theme)
                self.themes[theme] = Theme(theme, len(self.themes) + 1)
            period = None
            pcol = reader.col("period")
            raw_period = reader.raw(r, pcol)
            if pcol is not None and raw_period not in ("", None):
                try:
                    period = parse_period(raw_period)
                except PeriodError as exc:
                    reader.error(exc.code, r, pcol, **exc.params)
            self.highlights.append(Highlight(theme, reader.text(r, "region"), period, text,
                                             reader.text(r, "source"),
                                             reader.ref(r, reader.columns["text"])))

    def _check_regions_listed(self) -> None:
        listed = bool(self.regions)  # a 地区 sheet with rows lists them all
        for obs in self.observations:
            if obs.region not in self.regions:
                if listed and obs.ref is not None:
                    sheet_index = self.book.sheet_names.index(obs.ref.sheet) + 1
                    self.problems.append(warning("region-unlisted", obs.ref.sheet, None,
                                                 (sheet_index, -1, 1), region=obs.region))
                self.regions[obs.region] = Region(obs.region, order=len(self.regions) + 1)


_INVALID = object()
_ROW_KEYS = frozenset({"code", "region", "qualifier", "unit", "note", "source"})


class _RowFields(NamedTuple):
    code: str
    region: str
    unit: str
    qualifier: str
    note: str
    source: str
    usable: bool  # a known indicator and a region: observations may be made from the row


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


def _replace_info(info: DatasetInfo, title: str, as_of: str) -> DatasetInfo:
    return DatasetInfo(info.file_name, info.sha256, info.modified, title, as_of)
