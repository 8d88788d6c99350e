"""Data sheets (数据, 数据2 …), long or wide: every row checked, every value read exactly
as Excel stores it, each problem at its cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from xzbrief.dataset.builder_base import BuilderBase
from xzbrief.dataset.cells import cell_name, column_letter
from xzbrief.dataset.columns import (
    DATA_COLUMNS,
    WIDE_KEYS,
    normalise_header,
)
from xzbrief.dataset.model import (
    QUALIFIERS,
    STATUS_ALIASES,
    CellRef,
    Observation,
    Status,
)
from xzbrief.dataset.numbers import MAX_ABS, NumberError, parse_number, plain_number
from xzbrief.dataset.periods import Period, PeriodError, parse_period, parse_period_header
from xzbrief.dataset.problems import Problem
from xzbrief.dataset.sheet_reader import SheetReader
from xzbrief.dataset.sources import SourceParts, split_source
from xzbrief.dataset.xlsx import RawWorkbook

# Which (indicator, region, period, status) a data row gave first: one int per value, made by
# ``_seen_key`` (a tuple of four per row was 100 MB for 1,000,000 rows).
Seen = dict[int, CellRef]
_STATUS_NUMBER = {Status.ACTUAL: 0, Status.ESTIMATE: 1, Status.TARGET: 2}
# a status cell typed as one of the words (or left empty): the common case of a long table
_QUICK_STATUS = {word: (status, _STATUS_NUMBER[status]) for word, status in STATUS_ALIASES.items()}


class _Quick(NamedTuple):
    """A data row's period-independent cells, checked once without a problem: what every
    later row with the same cells gives (long tables repeat them on thousands of rows)."""

    code: str
    region: str
    qualifier: str
    note: str
    source: str
    remark: str
    source_detail: str
    pair: int  # number of (code, region), for the duplicate key


class DataRows(BuilderBase):
    def __init__(self, book: RawWorkbook, path: Path, problems: list[Problem]) -> None:
        super().__init__(book, path, problems)
        self._fields_cache: dict[tuple[object, ...], _RowFields] = {}
        self._key_getters: dict[str, tuple[Callable[[list[Any]], Any], int]] = {}
        self._sources: dict[tuple[str, str, str], SourceParts] = {}
        self._pairs: dict[tuple[str, str], int] = {}
        # per sheet: the cells of rows checked without a problem, all text -> what they give
        self._quick: dict[str, dict[object, _Quick]] = {}
        # text of a period cell that parsed -> (the period, its span's number)
        self._quick_periods: dict[str, tuple[Period, int]] = {}

    def _seen_key(self, code: str, region: str, period: Period, status: Status) -> int:
        pair = self._pairs.setdefault((code, region), len(self._pairs))
        return (pair << 32 | self.period_number[id(period)]) << 2 | _STATUS_NUMBER[status]

    def _read_data(self, name: str, seen: Seen, exact: bool) -> None:
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
        if long_form:
            self._read_long(reader, seen)
            return
        self._read_wide(reader, period_cols, seen)

    def _read_wide(self, reader: SheetReader, period_cols: list[tuple[int, Period, Status]],
                   seen: Seen) -> None:
        """A wide table, one value per period column. A plain number in a usable row (a
        known code and a region, no unreadable cell in the row, no percent format in the
        column) not seen before is taken in a few lookups; any other cell goes through
        ``_value`` and ``_add``, so every problem is still named at its cell."""
        scan = reader.sheet.scan
        special = set(scan.errors) | scan.uncalculated
        percent_cols = {c for _r, c in scan.percent}
        columns = [(c, period, status, self.period_number[id(period)],
                    _STATUS_NUMBER[status], column_letter(c), c not in percent_cols)
                   for c, period, status in period_cols]
        rows = reader.sheet.rows
        name = reader.name
        add = self.observations.append
        for r in reader.data_rows():
            if reader.is_blank_row(r):
                continue
            fields = self._row_fields(reader, r)
            values = rows[r]
            quick = fields.usable and r not in reader.special_rows
            if quick:
                source = self._source_parts(fields)
                pair = self._pairs.setdefault((fields.code, fields.region), len(self._pairs))
            for c, period, status, number, status_number, letter, plain in columns:
                raw = values[c] if c < len(values) else ""
                if quick and plain and raw.__class__ is float and -MAX_ABS < raw < MAX_ABS:
                    key = (pair << 32 | number) << 2 | status_number
                    if key not in seen:
                        ref = seen[key] = CellRef(name, f"{letter}{r + 1}")
                        add(Observation(fields.code, fields.region, period, status, raw,
                                        fields.qualifier, fields.note, source.short, ref,
                                        fields.remark, source.detail))
                        continue
                if raw in ("", None) and (r, c) not in special:
                    continue  # an empty cell in a wide table: no observation
                value = self._value(reader, r, c, fields.unit)
                self._add(reader, fields, r, c, period=period, status=status, value=value,
                          seen=seen)

    def _read_long(self, reader: SheetReader, seen: Seen) -> None:
        """A long table, one value per row. A row whose cells were all seen before on rows
        that raised no problem (the same code, region and notes; a period, a status word and
        a plain number) is taken in a few lookups; any other row is checked cell by cell by
        ``_long_row``, so every problem is still named at its cell."""
        rows = reader.sheet.rows
        columns = reader.columns
        pcol, vcol = columns["period"], columns["value"]
        scol = columns.get("status")
        getter, width = self._key_getter(reader)
        width = max(width, pcol, vcol, -1 if scol is None else scol)
        special = reader.special_rows
        plain_values = all(c != vcol for _r, c in reader.sheet.scan.percent)
        quick = self._quick.setdefault(reader.name, {})
        periods = self._quick_periods
        actual = _QUICK_STATUS[""]
        statuses = _QUICK_STATUS
        name = reader.name
        letter = column_letter(vcol)
        add = self.observations.append
        problems = self.problems
        for r in reader.data_rows():
            values = rows[r]
            if plain_values and len(values) > width and r not in special:
                period = periods.get(values[pcol])
                status = actual if scol is None else statuses.get(values[scol])
                value = values[vcol]
                if (period is not None and status is not None
                        and value.__class__ is float and -MAX_ABS < value < MAX_ABS):
                    cells = getter(values)
                    fields = quick.get(cells)
                    if fields is None:  # new code / region / notes: those cells checked once
                        before = len(problems)
                        checked = self._row_fields(reader, r)
                        fields = quick.get(cells) if len(problems) == before else None
                        if fields is None:
                            self._long_row(reader, r, seen, checked)
                            continue
                    key = (fields.pair << 32 | period[1]) << 2 | status[1]
                    if key not in seen:
                        ref = seen[key] = CellRef(name, f"{letter}{r + 1}")
                        add(Observation(fields.code, fields.region, period[0], status[0],
                                        value, fields.qualifier, fields.note, fields.source,
                                        ref, fields.remark, fields.source_detail))
                        # nothing reads a data row again: its memory goes as values come
                        rows[r] = _TAKEN
                        continue
            self._long_row(reader, r, seen)

    def _long_row(self, reader: SheetReader, r: int, seen: Seen,
                  fields: _RowFields | None = None) -> None:
        """One row checked cell by cell (``fields``: its period-independent cells, when
        already checked: the row then has a period and is not blank)."""
        if fields is None:
            if reader.is_blank_row(r):
                return
            fields = self._row_fields(reader, r)
        value_col = reader.columns["value"]
        period = self._period(reader, r, reader.columns["period"])
        status = self._status(reader, r)
        value = self._value(reader, r, value_col, fields.unit)
        self._add(reader, fields, r, value_col, period=period, status=status,
                  value=value, seen=seen)
        reader.sheet.rows[r] = _TAKEN

    def _key_getter(self, reader: SheetReader) -> tuple[Callable[[list[Any]], Any], int]:
        """The period-independent cells of a row (one itemgetter per sheet) and the
        rightmost of their columns."""
        getter = self._key_getters.get(reader.name)
        if getter is None:
            cols = [c for k, c in reader.columns.items() if k in WIDE_KEYS]
            getter = self._key_getters[reader.name] = (itemgetter(*cols), max(cols))
        return getter

    def _period(self, reader: SheetReader, r: int, col: int) -> Period | None:
        if reader.unreadable(r, col):
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
        if raw.__class__ is str:
            self._quick_periods[raw] = (parsed, self.period_number[id(parsed)])
        return parsed

    def _status(self, reader: SheetReader, r: int) -> Status | None:
        col = reader.columns.get("status")
        if col is not None and r not in reader.special_rows:
            cell = reader.sheet.rows[r][col] if col < len(reader.sheet.rows[r]) else ""
            known = STATUS_ALIASES.get(cell) if cell.__class__ is str else None
            if known is not None:  # 实际 / 预计 / 目标 as typed: the common case
                return known
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
                    period, status_text = parse_period_header(head, STATUS_ALIASES)
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
                             first=cell_name(hr, seen[(period, status)]))
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
        getter = self._key_getter(reader)
        values = reader.sheet.rows[r]
        cells: Any = None
        if r not in reader.special_rows and len(values) > getter[1]:
            cells = getter[0](values)
            # with the types: TRUE == 1 == 1.0 in Python, but not in the workbook
            key = (reader.name, cells, tuple(map(type, cells)) if isinstance(cells, tuple)
                   else type(cells))
            cached = self._fields_cache.get(key)
            if cached is not None:
                return cached
        before = len(self.problems)
        fields = self._check_row_fields(reader, r)
        if key is not None and len(self.problems) == before:
            self._fields_cache[key] = fields
            if fields.usable and all(c.__class__ is str for c in (
                    cells if isinstance(cells, tuple) else (cells,))):
                # text equals only text: a later row's cells find this entry only when they
                # are these very texts (no TRUE == 1 == 1.0 confusion)
                source = self._source_parts(fields)
                self._quick.setdefault(reader.name, {})[cells] = _Quick(
                    fields.code, fields.region, fields.qualifier, fields.note, source.short,
                    fields.remark, source.detail,
                    self._pairs.setdefault((fields.code, fields.region), len(self._pairs)))
        return fields

    def _source_parts(self, fields: _RowFields) -> SourceParts:
        source = self._sources.get((fields.source, fields.org, fields.doc))
        if source is None:  # thousands of rows share a handful of source strings
            source = split_source(fields.source, fields.org, fields.doc)
            self._sources[(fields.source, fields.org, fields.doc)] = source
        return source

    def _check_row_fields(self, reader: SheetReader, r: int) -> _RowFields:
        code_col = reader.columns["code"]
        code = reader.text(r, "code")
        region = reader.text(r, "region")
        indicator = self.indicators.get(code)
        usable = False
        columns = reader.columns
        qualifier = reader.text(r, "qualifier") if "qualifier" in columns else ""
        if not code:
            if not reader.special(r, code_col):
                reader.error("data-code-empty", r, code_col)
        elif indicator is None:
            if self.indicators_read:
                reader.error("data-code-unknown", r, code_col, code=code)
        else:
            usable = bool(region)
            if not region and not reader.special(r, reader.columns["region"]):
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
            remark=reader.text(r, "remark", multiline=True) if "remark" in columns else "",
            source=(reader.text(r, "source") if "source" in columns else "")
            or (indicator.source if indicator else ""),
            # 来源单位 / 来源文件 make the indicator's short source exact, unless the row
            # names its own source
            org=indicator.source_org if indicator and not (
                "source" in columns and reader.text(r, "source")) else "",
            doc=indicator.source_doc if indicator and not (
                "source" in columns and reader.text(r, "source")) else "",
            usable=usable)

    def _add(self, reader: SheetReader, fields: _RowFields, r: int, c: int, *,
             period: Period | None, status: Status | None, value: object,
             seen: Seen) -> None:
        if not fields.usable or period is None or status is None or value is _INVALID:
            return
        ref = reader.ref(r, c)
        # periods are interned: one number per span, whatever its spelling
        key = self._seen_key(fields.code, fields.region, period, status)
        first = seen.get(key)
        if first is not None:
            reader.error("row-duplicate", r, c, first=first)
            return
        seen[key] = ref
        source = self._source_parts(fields)
        self.observations.append(Observation(
            fields.code, fields.region, period, status,
            value if isinstance(value, float) else None, fields.qualifier, fields.note,
            source.short, ref, fields.remark, source.detail))

    def _value(self, reader: SheetReader, r: int, c: int, unit: str) -> object:
        scan = reader.sheet.scan
        if reader.unreadable(r, c):
            return _INVALID
        raw = reader.raw(r, c)
        if raw.__class__ is float and -MAX_ABS < raw < MAX_ABS and (r, c) not in scan.percent:
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


_INVALID = object()
_TAKEN: list[Any] = []  # a data row already read (never changed)


class _RowFields(NamedTuple):
    code: str
    region: str
    unit: str
    qualifier: str
    note: str
    remark: str
    source: str
    usable: bool
    org: str = ""
    doc: str = ""  # a known indicator and a region: observations may be made from the row


