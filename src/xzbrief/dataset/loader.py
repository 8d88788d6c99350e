"""``load_dataset``: the workbook in, typed immutable data and every problem out, at once.

The file is read into memory and closed before parsing (Excel on Windows must be able to save
while xzbrief runs) and is never written. Problems come back in sheet and row order; the
dataset is built from the rows that are usable so counts and previews still work, but callers
must not make decks while ``LoadResult.errors`` is non-empty.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from xzbrief.dataset.builder_base import _norm_name
from xzbrief.dataset.columns import (
    HIGHLIGHT_COLUMNS,
    INDICATOR_COLUMNS,
    REGION_COLUMNS,
    SHEET_DATA_PREFIX,
    SHEET_HIGHLIGHTS,
    SHEET_INDICATORS,
    SHEET_REGIONS,
    SHEET_THEMES,
    THEME_COLUMNS,
)
from xzbrief.dataset.data_rows import DataRows, Seen
from xzbrief.dataset.files import FileProblem
from xzbrief.dataset.indicator_kinds import (
    IndicatorKind,
    growth_subject,
    infer_kind,
    parse_kind,
)
from xzbrief.dataset.model import (
    Dataset,
    DatasetInfo,
    Highlight,
    Indicator,
    Region,
    Theme,
)
from xzbrief.dataset.numbers import NumberError, parse_number
from xzbrief.dataset.problems import Problem, Severity, error, sorted_problems, warning
from xzbrief.dataset.sheet_reader import SheetReader
from xzbrief.dataset.sheet_reader import spell_value as _spell
from xzbrief.dataset.sources import split_source, strip_markers
from xzbrief.dataset.xlsx import RawWorkbook, open_workbook

_AS_OF = re.compile(r"数据截[至止][:\uff1a]?\s*(.*)$")  # ASCII or full-width colon


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


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Loading makes millions of objects and no reference cycles: Python's cyclic collector
    would walk them all again and again as they pile up (a 1,000,000-row load grows faster
    than its size). Paused while loading, restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_dataset(path: Path | str) -> LoadResult:
    with no_cycle_collection():
        return _load(Path(path))


def _load(path: Path) -> LoadResult:
    problems: list[Problem] = []
    try:
        book = open_workbook(path)
        dataset = _Builder(book, path, problems).build()
    except FileProblem as fp:
        problems.append(Problem(fp.code, Severity.ERROR, params=fp.params))
        dataset = None
    return LoadResult(path, dataset, sorted_problems(problems))



def _file_info(book: RawWorkbook, path: Path) -> DatasetInfo:
    try:
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
    except OSError:
        mtime = ""
    return DatasetInfo(path.name, hashlib.sha256(book._data).hexdigest(), mtime)


class _Builder(DataRows):
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
        seen: Seen = {}
        all_hidden = all(self.book.hidden.get(name) for name in data_sheets)
        for name in data_sheets:
            if self.book.hidden.get(name):
                if all_hidden:  # nothing would be read: an error, not a word in passing
                    self._sheet_problem("sheet-hidden-only", name)
                else:
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
        raw = reader.value(r, col)
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
        self.indicators_read = True
        self._read_title(reader)
        first: dict[str, str] = {}
        parents: list[tuple[int, str]] = []
        growth_links: list[tuple[int, str]] = []
        for r in reader.data_rows():
            if reader.is_blank_row(r):
                continue
            code_col = reader.columns["code"]
            code = reader.text(r, "code")
            if not code:
                if not reader.special(r, code_col):  # else named once, as unreadable
                    reader.error("code-empty", r, code_col)
                continue
            if code in first:
                reader.error("code-duplicate", r, code_col, code=code, first=first[code])
                continue
            first[code] = str(reader.ref(r, code_col))
            ind_name = reader.text(r, "name")
            if not ind_name and not reader.special(r, reader.columns["name"]):
                reader.error("name-empty", r, reader.columns["name"])
            theme = reader.text(r, "theme")
            if not theme:
                if not reader.special(r, reader.columns["theme"]):
                    reader.error("theme-empty", r, reader.columns["theme"])
            elif theme not in self.themes:
                if self.themes_listed:  # a 专题 sheet with rows lists them all
                    reader.warn("theme-unlisted", r, reader.columns["theme"], theme=theme)
                self.themes[theme] = Theme(theme, len(self.themes) + 1)
            parent = reader.text(r, "parent")
            if parent:
                parents.append((r, code))
            unit = reader.text(r, "unit")
            kind, reason = self._kind(reader, r, ind_name or code, unit)
            self.indicators[code] = Indicator(
                code=code, name=ind_name or code, unit=unit, theme=theme,
                source=reader.text(r, "source"),
                description=reader.text(r, "description", multiline=True),
                decimals=self._decimals(reader, r), parent=parent,
                short_name=reader.text(r, "short_name"), basis=reader.text(r, "basis"),
                ref=reader.ref(r, code_col), kind=kind, kind_reason=reason,
                key=self._key(reader, r), pattern=self._pattern(reader, r),
                growth_code=reader.text(r, "growth_code"),
                source_org=reader.text(r, "source_org"),
                source_doc=reader.text(r, "source_doc"))
            if self.indicators[code].growth_code:
                growth_links.append((r, code))
        col = reader.columns.get("parent", 0)
        for r, code in parents:
            ind = self.indicators[code]
            if ind.parent == code:
                reader.error("parent-self", r, col)
            elif ind.parent not in self.indicators:
                reader.error("parent-unknown", r, col, code=ind.parent)
            elif (ind.kind is IndicatorKind.GROWTH
                  and self.indicators[ind.parent].kind is not IndicatorKind.GROWTH):
                # a growth rate under its level is that level's growth, not a part of it
                self.indicators[code] = replace(ind, parent="", growth_of=ind.parent)
                level = self.indicators[ind.parent]
                if not level.growth_code:
                    self.indicators[level.code] = replace(level, growth_code=code)
            elif self.indicators[ind.parent].unit != ind.unit:
                reader.warn("parent-unit", r, col, unit=ind.unit, parent=ind.parent,
                            parent_unit=self.indicators[ind.parent].unit)

        gcol = reader.columns.get("growth_code", 0)
        for r, code in growth_links:
            target = self.indicators[code].growth_code
            if target not in self.indicators:
                reader.error("growth-code-unknown", r, gcol, code=target)
                self.indicators[code] = replace(self.indicators[code], growth_code="")
            elif self.indicators[target].kind is not IndicatorKind.GROWTH:
                reader.warn("growth-code-not-rate", r, gcol, code=target,
                            kind=self.indicators[target].kind.value)
                self.indicators[code] = replace(self.indicators[code], growth_code="")
            else:
                self.indicators[target] = replace(self.indicators[target], growth_of=code)
        self._link_growth_by_name()

    def _link_growth_by_name(self) -> None:
        """A growth rate named after a level (地区生产总值 / 地区生产总值增速) is that level's
        growth, unless a column already linked them."""
        by_name = {i.name: i for i in self.indicators.values()}
        for ind in list(self.indicators.values()):
            if ind.kind is not IndicatorKind.GROWTH or ind.growth_of:
                continue
            level = by_name.get(growth_subject(ind.name))
            if (level is not None and level.code != ind.code and not level.growth_code
                    and level.kind in (IndicatorKind.LEVEL, IndicatorKind.COUNT)):
                self.indicators[ind.code] = replace(ind, growth_of=level.code)
                self.indicators[level.code] = replace(level, growth_code=ind.code)

    def _kind(self, reader: SheetReader, r: int, name: str, unit: str
              ) -> tuple[IndicatorKind, str]:
        written = reader.text(r, "kind")
        if written:
            kind = parse_kind(written)
            if kind is not None:
                return kind, ""
            reader.error("kind-invalid", r, reader.columns["kind"], value=written)
        return infer_kind(name, unit)

    def _key(self, reader: SheetReader, r: int) -> bool:
        written = reader.text(r, "key")
        if not written:
            return False
        if written in ("是", "Y", "y", "yes", "√", "✓", "1", "重点"):
            return True
        if written not in ("否", "N", "n", "no", "0", "×"):
            reader.warn("key-invalid", r, reader.columns["key"], value=written)
        return False

    def _pattern(self, reader: SheetReader, r: int) -> str:
        written = reader.text(r, "pattern")
        if written and "{值}" not in written:
            reader.warn("pattern-no-value", r, reader.columns["pattern"], value=written)
            return ""
        return written

    def _read_title(self, reader: SheetReader) -> None:
        """Title rows above the header: the first is the workbook's title; 数据截至 is read."""
        for r in range(reader.header_row):
            label_only = False  # 「数据截至:」 with the date in the next cell
            for c, value in enumerate(reader.sheet.rows[r]):
                if label_only and value not in ("", None):
                    self.as_of = reader.clean(value, r, c)
                    label_only = False
                    continue
                text = reader.clean(value, r, c) if isinstance(value, str) else ""
                if not text:
                    continue
                if m := _AS_OF.search(text):
                    self.as_of = m[1].strip()
                    label_only = not self.as_of
                elif not self.title:
                    self.title = text

    def _decimals(self, reader: SheetReader, r: int) -> int | None:
        col = reader.col("decimals")
        raw = reader.value(r, col)
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
            if pcol is not None and reader.value(r, pcol) not in ("", None):
                period = self._period(reader, r, pcol)  # as a data row's period
            self.highlights.append(Highlight(theme, reader.text(r, "region"), period,
                                             strip_markers(text),
                                             split_source(reader.text(r, "source")).short,
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


def _replace_info(info: DatasetInfo, title: str, as_of: str) -> DatasetInfo:
    return DatasetInfo(info.file_name, info.sha256, info.modified, title, as_of)
