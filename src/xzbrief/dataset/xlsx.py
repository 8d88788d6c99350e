"""Read an .xlsx from memory into raw sheets: values from python-calamine (fast), plus what
calamine cannot tell (error cells, formulas never calculated, percent-formatted cells, hidden
rows) from a targeted scan of the sheet XML.

openpyxl in read-only mode needs 12–25 s for 100,000 rows; calamine needs about 0.6 s
(``bench/bench_dataset.py`` prints both). The scan only looks at the places a byte search finds,
so a plain data sheet costs one pass of ``bytes.find``.
"""

from __future__ import annotations

import io
import itertools
import operator
import posixpath
import re
import threading
import warnings
import zipfile
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine
from defusedxml import ElementTree as SafeET

from xzbrief.dataset.cells import parse_cell
from xzbrief.dataset.files import (
    FileProblem,
    check_zip,
    read_file_bytes,
    read_member,
    sniff_workbook,
)

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BUILTIN_PERCENT_FORMATS = {9, 10}

_RE_ATTR_R = re.compile(rb'\br="([A-Z]{1,3}\d+)"')
_RE_ROW_R = re.compile(rb'\br="(\d+)"')
_RE_F = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_RE_V = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]*)<")
_RE_TAG_C = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_RE_F_PLAIN = re.compile(rb"<f[\s>/]")  # a formula (is there one at all?)
_RE_F_PREFIXED = re.compile(rb":f[\s>/]")
_RE_HIDDEN = re.compile(rb'hidden="(?:1|true)"')

Cell = tuple[int, int]


@dataclass
class SheetScan:
    """What the XML says that calamine's values do not."""

    errors: dict[Cell, str] = field(default_factory=dict)  # '#N/A' etc.
    uncalculated: set[Cell] = field(default_factory=set)  # formula with no cached value
    percent: set[Cell] = field(default_factory=set)  # shown as % in Excel: value is a fraction
    hidden_rows: list[int] = field(default_factory=list)  # 0-based
    bad_dates: set[Cell] = field(default_factory=set)  # date-formatted, beyond the calendar


@dataclass
class RawSheet:
    name: str
    index: int
    hidden: bool
    rows: list[list[Any]]  # calamine values, row 0 = Excel row 1; '' for empty cells
    merged: list[tuple[int, int, int, int]]  # 0-based r1, c1, r2, c2 inclusive
    scan: SheetScan
    stray: list[Cell] = field(default_factory=list)  # far-away cells left out (trim_strays)


@dataclass
class RawWorkbook:
    sheet_names: list[str]
    hidden: dict[str, bool]
    _data: bytes
    _zip: zipfile.ZipFile
    _paths: dict[str, str]
    _percent_styles: set[int]
    _members: dict[str, bytes] = field(default_factory=dict)  # checked XML, until read
    _date_styles: set[int] = field(default_factory=set)
    _calamine: Any = None

    def read(self, name: str) -> RawSheet:
        path = self._paths.get(name)
        xml = self._members.pop(path, None) if path else b""
        if xml is None:
            xml = read_member(self._zip, self._paths[name])
        extent = sheet_extent(xml)
        stray: list[Cell] = []
        source = self._data
        if extent.cells > TRIM_MIN_CELLS and not _plainly_contiguous(xml, extent):
            xml, stray, extent = trim_strays(xml)
            if stray:
                source = _replace_member(self._zip, self._paths[name], xml)
        if extent.cells > MAX_SHEET_CELLS:
            raise SheetTooLarge(name, extent)
        bad_dates: set[Cell] = set()
        if self._date_styles:
            # calamine panics (and prints a Rust backtrace) on a date-formatted number beyond
            # the calendar: such cells are found here, named, and left out of what it reads
            spans = beyond_calendar(xml, self._date_styles)
            if spans:
                bad_dates = {cell for cell, _, _ in spans}
                xml = _cut(xml, [(a, b) for _, a, b in spans])
                source = _replace_member(self._zip, self._paths[name], xml)
        try:
            if source is self._data:
                if self._calamine is None:
                    self._calamine = calamine.CalamineWorkbook.from_filelike(
                        io.BytesIO(self._data))
                book = self._calamine
            else:
                book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(source))
        except Exception as exc:  # calamine raises several unrelated types
            raise FileProblem("file-corrupt", reason=_short(exc)) from exc
        scanning = _Scan(xml, self._percent_styles)
        if len(xml) > SCAN_THREAD_MIN:
            scanning.start()
        else:  # a few milliseconds: not worth a thread
            scanning.run()
        del xml  # the scan lets go of it when done: long before calamine's grid peaks
        try:
            sheet = book.get_sheet_by_name(name)
            rows = compact_grid(sheet)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            del sheet
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            # calamine panics (PanicException, which derives from BaseException) on cells it
            # cannot convert: read this sheet the slow, careful way instead, so the cell gets
            # named
            rows, merged, more = _openpyxl_sheet(source, name, read_member(
                self._zip, self._paths[name]), exc)
            bad_dates |= more
        scan = scanning.result()
        scan.bad_dates = bad_dates
        return RawSheet(name, self.sheet_names.index(name), self.hidden.get(name, False),
                        rows, merged, scan, stray)


SCAN_THREAD_MIN = 8 * 1024 * 1024  # bytes of sheet XML (about 25,000 rows)


class _Scan(threading.Thread):
    """The scan of the sheet XML for what calamine cannot tell (0.9 s for 1,000,000 rows),
    on the other core while calamine parses (4.5 s; it lets go of the GIL meanwhile).

    The scan is the one in a thread, not calamine: what calamine allocates stays in the
    main thread's malloc arena, where the rows read next use it again once it is freed (from
    a thread's arena it would not be: 85 MiB more at the peak)."""

    def __init__(self, xml: bytes, percent_styles: set[int]) -> None:
        super().__init__(name="xlsx scan", daemon=True)
        self._xml = xml
        self._percent_styles = percent_styles
        self._scan: SheetScan | None = None
        self._failure: BaseException | None = None

    def run(self) -> None:
        try:
            self._scan = scan_sheet_xml(self._xml, self._percent_styles)
        except BaseException as exc:  # raised again in the reading thread
            self._failure = exc
        finally:
            self._xml = b""  # 300 MB for 1,000,000 rows: not kept a moment longer

    def result(self) -> SheetScan:
        if self.ident is not None:  # started (a small sheet is scanned without a thread)
            self.join()
        if self._failure is not None:
            raise self._failure
        assert self._scan is not None
        return self._scan


def compact_grid(sheet: Any) -> list[list[Any]]:
    """The sheet's values from A1, as ``to_python(skip_empty_area=False)`` gives them, built
    row by row with each distinct text held once: a long table repeats its codes, regions,
    periods and statuses on every row (1,000,000 rows: about 250 MB less)."""
    start_c = sheet.start[1] if sheet.start else 0  # iter_rows starts at row 1, not column A
    pad = [""] * start_c
    pool: dict[str, str] = {}
    keep = pool.setdefault
    rows: list[list[Any]] = []
    append = rows.append
    if start_c:
        for row in sheet.iter_rows():
            append(pad + [keep(v, v) if v.__class__ is str else v for v in row])
    else:  # the table starts in column A: no padding to add (and no list to copy)
        for row in sheet.iter_rows():
            append([keep(v, v) if v.__class__ is str else v for v in row])
    return rows


_RE_BAD_DATE = re.compile(r"Cell ([A-Z]+\d+) is marked as a date")


def _openpyxl_sheet(data: bytes, name: str, xml: bytes, cause: BaseException
                    ) -> tuple[list[list[Any]], list[tuple[int, int, int, int]], set[Cell]]:
    """The same grid of values calamine gives, from openpyxl (slow; only when calamine
    fails), and the cells formatted as dates whose numbers lie beyond the calendar.

    Read-only, and only this sheet's rows are parsed while warnings are collected: the
    warnings name no sheet, so another sheet's bad dates must never be applied here."""
    from openpyxl import load_workbook  # noqa: PLC0415 - 80 ms no ordinary load needs

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        try:
            ws = wb[name]
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                rows = [["" if v is None else v for v in row]
                        for row in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    except Exception as exc:
        raise FileProblem("file-corrupt", reason=_short(cause)) from exc
    width = max((len(row) for row in rows), default=0)
    for row in rows:  # a rectangle from A1, as calamine gives
        row.extend([""] * (width - len(row)))
    merged = [(r1 - 1, c1 - 1, r2 - 1, c2 - 1) for r1, c1, r2, c2 in _merged_ranges(xml)]
    bad = {parse_cell(m[1]) for w in caught if (m := _RE_BAD_DATE.search(str(w.message)))}
    for r, c in bad:
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = ""
    return rows, merged, bad


_RE_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"')


def _merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """1-based (r1, c1, r2, c2) of the sheet's merged ranges, from its XML."""
    out = []
    for m in _RE_MERGE.finditer(xml):
        (r1, c1), (r2, c2) = parse_cell(m[1].decode()), parse_cell(m[2].decode())
        out.append((r1 + 1, c1 + 1, r2 + 1, c2 + 1))
    return out


# Excel's calendar: serial 0 (1900-01-00) to 2958465 (9999-12-31); outside it Excel shows ####
DATE_SERIAL_MAX = 2958466.0
BUILTIN_DATE_FORMATS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_RE_T_ATTR = re.compile(rb'\bt="([a-zA-Z]+)"')


def beyond_calendar(xml: bytes, date_styles: set[int]) -> list[tuple[Cell, int, int]]:
    """(cell, start, end) of the ``<v>`` of each date-formatted number outside the calendar."""
    out: list[tuple[Cell, int, int]] = []
    for style in date_styles:
        needle = f' s="{style}"'.encode()
        pos = xml.find(needle)
        while pos >= 0:
            found = _cell_at(xml, pos)
            pos = xml.find(needle, pos + len(needle))
            if found is None:
                continue
            start, end, cell = found
            tag_end = xml.find(b">", start)
            t = _RE_T_ATTR.search(xml, start, tag_end)
            if t is not None and t[1] != b"n":
                continue
            v = _RE_V.search(xml, start, end)
            if v is None:
                continue
            try:
                serial = float(v[1])
            except ValueError:
                continue
            if not 0.0 <= serial < DATE_SERIAL_MAX:
                out.append((cell, v.start(), v.end() + len(b"/v>") - 1))
    return out


def _cut(xml: bytes, spans: list[tuple[int, int]]) -> bytes:
    parts: list[bytes] = []
    pos = 0
    for start, end in sorted(spans):
        parts.append(xml[pos:start])
        pos = end
    parts.append(xml[pos:])
    return b"".join(parts)


# calamine builds a dense grid of the sheet's used range: one stray value in XFD1048576 would
# ask it for half a terabyte and abort the process. Every sheet's extent is bounded from the
# XML first (cheaply), far-away cells are left out, and what is still too big is refused.
MAX_SHEET_CELLS = 30_000_000  # rows x columns of the grid calamine may build
TRIM_MIN_CELLS = 4_000_000  # below this the grid is cheap; no need to look for strays
ROW_GAP = 1_000  # this many empty rows part a stray cell from the table
COL_GAP = 100  # and this many empty columns

_RE_ROW_TAG_R = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_RE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b([^>]*?)(/?)>")
# the r attribute as an XML parser reads it: either quote, spaces around = (calamine places
# such cells as it places any other; the extent must see them)
_RE_REF = re.compile(rb"""\br\s*=\s*(["'])([A-Z]*)(\d*)\1""")
_RE_CLOSE_C = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c>")
# A cell or row tag that does not start with its r attribute (other worksheet elements that
# begin with <c / <row: cols, col, conditionalFormatting, cfRule, color, customSheetViews,
# cellWatches, rowBreaks); and row / cell tags with a namespace prefix.
_RE_C_NOT_R = re.compile(rb'<c(?! r="|o|f|u|e|h)')
_RE_ROW_NOT_R = re.compile(rb'<row(?! r="|B)')
_RE_UNUSUAL_TAG = re.compile(rb":(?:c|row)[\s>/]")


@dataclass(frozen=True)
class Extent:
    rows: int
    cols: int

    @property
    def cells(self) -> int:
        return self.rows * self.cols


class SheetTooLarge(Exception):
    """The sheet's used range is too big to read; the loader reports it on the sheet."""

    def __init__(self, sheet: str, extent: Extent) -> None:
        super().__init__(sheet)
        self.sheet = sheet
        self.extent = extent


def sheet_extent(xml: bytes) -> Extent:
    """An upper bound of the grid calamine would build, from a few byte searches.

    Exact rows when every row and cell starts with its ``r`` attribute (every Office writer
    does that), columns by the length of the letters (26, 702 or 16,384); anything unusual
    (prefixed tags, cells without ``r``) falls back to the exact scan of ``content_cells``.
    Searches start with a literal (`` r="``) so they run at ``bytes.find`` speed.
    """
    if not xml:
        return Extent(0, 0)
    last = xml.rfind(b"<row ")
    m = _RE_ROW_TAG_R.match(xml, last) if last >= 0 else None
    if m is None or _RE_UNUSUAL_TAG.search(xml) or _RE_C_NOT_R.search(xml) \
            or _RE_ROW_NOT_R.search(xml):
        return _exact_extent(content_cells(xml))
    # Every row and cell has ` r="` first: the largest number among them bounds the rows.
    # Beside the last row tag's number, only a few can be larger: those with more digits, or
    # as many and a first two digits at least its own. One pass finds them and the first
    # reference of two letters (a sheet wider than Z); most references fail at their second
    # digit, so the pass costs the same for 600,000 rows as for 1,000,000.
    last_row = int(m[1])
    candidates = re.compile(rb' r="(?:([A-Z]{2})|[A-Z]?+0*+([1-9]\d{%d,}+|%s)")'
                            % (len(str(last_row)), _at_least(last_row)))
    max_row = last_row
    wide_at = -1
    for hit in candidates.finditer(xml):
        if hit[1] is not None:
            wide_at = hit.start()
            break
        max_row = max(max_row, int(hit[2]))
    if wide_at < 0:
        return Extent(max_row, 26)
    # wider than Z (rare): every reference from there on, with any letters
    rest = re.compile(rb' r="[A-Z]{0,3}+0*+([1-9]\d{%d,}+|%s)"'
                      % (len(str(max_row)), _at_least(max_row)))
    for hit in rest.finditer(xml, wide_at):
        max_row = max(max_row, int(hit[1]))
    return Extent(max_row, 16384 if _RE_THREE_LETTERS.search(xml, wide_at) else 702)


_RE_THREE_LETTERS = re.compile(rb' r="[A-Z]{3}')


def _at_least(n: int) -> bytes:
    """A pattern for the numbers as long as ``n`` whose first two digits are at least its
    own: every such number larger than ``n`` and at most 1 in 100 of the smaller ones."""
    digits = str(n)
    if len(digits) == 1:
        return b"[%d-9]" % n
    first, second, rest = int(digits[0]), int(digits[1]), len(digits) - 2
    found = [f"{first}[{second}-9]" + r"\d" * rest]
    if first < 9:
        found.append(f"[{first + 1}-9]" + r"\d" * (rest + 1))
    return "|".join(found).encode()


_RE_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')


def _plainly_contiguous(xml: bytes, extent: Extent) -> bool:
    """No cell can be stray: at most 26 columns (no column gap of 100) and no run of more
    than ROW_GAP missing rows between row tags. Found with one regex over the row tags, so a
    1,000,000-row sheet is not taken apart cell by cell (content_cells: 6,000,000 tuples)."""
    if extent.cols > 26:
        return False
    # Distinct row tags (every writer's) up to the last row, at most ROW_GAP of them missing:
    # no gap can be wider. One count at byte-search speed; a file that repeats a row tag
    # only falls through to the exact look below or, at worst, keeps a stray (the size bound
    # of MAX_SHEET_CELLS holds either way).
    if xml.count(b'<row r="') >= extent.rows - ROW_GAP:
        return True
    rows: list[int] = [0, *map(int, _RE_ROW_NUMBER.findall(xml))]
    if len(rows) == 1:
        return False
    # the largest step from one row tag to the next (in C: no Python loop per row)
    steps: map[int] = map(operator.sub, rows[1:], rows)
    return max(steps) <= ROW_GAP + 1


def content_cells(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(row, col, start, end) of every cell element with content, positioned as calamine
    positions them (``r`` when given, else the next row / column)."""
    out: list[tuple[int, int, int, int]] = []
    row, col = -1, -1
    for m in _RE_TAG.finditer(xml):
        ref = _RE_REF.search(m[2])
        if m[1] == b"row":
            row = int(ref[3]) - 1 if ref and ref[3] else row + 1
            col = -1
            continue
        if ref and ref[2]:
            col = _col_index(ref[2])
            if ref[3]:
                row = int(ref[3]) - 1
        else:
            col += 1
        if m[3]:  # <c .../>: formatting only
            continue
        close = _RE_CLOSE_C.search(xml, m.end())
        if close is None:
            out.append((row, col, m.start(), m.end()))
        elif xml[m.end():close.start()].strip():  # <c s="2"></c> is formatting only
            out.append((row, col, m.start(), close.end()))
    return out


def _col_index(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col - 1


def _exact_extent(cells: list[tuple[int, int, int, int]]) -> Extent:
    if not cells:
        return Extent(0, 0)
    return Extent(max(c[0] for c in cells) + 1, max(c[1] for c in cells) + 1)


def _first_gap(values: set[int], gap: int) -> int:
    """The last value before the first run of more than ``gap`` missing ones."""
    ordered = sorted(values)
    for prev, nxt in itertools.pairwise(ordered):
        if nxt - prev > gap:
            return prev
    return ordered[-1]


def trim_strays(xml: bytes) -> tuple[bytes, list[Cell], Extent]:
    """Leave out cells far below or right of the table (a space typed in row 1,048,576).

    Returns the sheet XML without them, their addresses, and the extent that remains.
    """
    cells = content_cells(xml)
    extent = _exact_extent(cells)
    if extent.cells <= TRIM_MIN_CELLS:
        return xml, [], extent
    last_row = _first_gap({c[0] for c in cells}, ROW_GAP)
    last_col = _first_gap({c[1] for c in cells}, COL_GAP)
    keep = [c for c in cells if c[0] <= last_row and c[1] <= last_col]
    stray = [c for c in cells if c[0] > last_row or c[1] > last_col]
    if not stray:
        return xml, [], extent
    parts: list[bytes] = []
    pos = 0
    for _r, _c, start, end in stray:
        parts.append(xml[pos:start])
        pos = end
    parts.append(xml[pos:])
    return b"".join(parts), [(r, c) for r, c, _s, _e in stray], _exact_extent(keep)


def _replace_member(zf: zipfile.ZipFile, member: str, data: bytes) -> bytes:
    """The workbook's bytes with one member replaced (in memory; the user's file is untouched)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for info in zf.infolist():
            new.writestr(info.filename, data if info.filename == member else zf.read(info))
    return out.getvalue()


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def open_workbook(path: Path) -> RawWorkbook:
    """Bytes in memory, file closed, every XML member checked; raises FileProblem."""
    data = read_file_bytes(path)
    sniff_workbook(data, path.suffix, path.name)
    zf, check = check_zip(data)
    members: dict[str, bytes] = {}
    for name in check.members:
        if name.endswith((".xml", ".rels")):
            members[name] = read_member(zf, name)  # refuses DTDs, verifies CRCs
    try:
        names, hidden, paths = _sheet_table(zf)
        percent = _percent_styles(zf)
        dates = _date_styles(zf)
    except (SafeET.ParseError, KeyError, ValueError) as exc:
        raise FileProblem("file-corrupt", reason=_short(exc)) from exc
    except Exception as exc:  # defusedxml's own refusals
        raise FileProblem("file-xml-bomb", member="xl/workbook.xml") from exc
    sheet_paths = set(paths.values())
    kept = {k: v for k, v in members.items() if k in sheet_paths}
    return RawWorkbook(names, hidden, data, zf, paths, percent, kept, dates)


def _sheet_table(zf: zipfile.ZipFile) -> tuple[list[str], dict[str, bool], dict[str, str]]:
    wb = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in zf.namelist():
        for rel in SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels")):
            target = rel.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:  # relative to xl/, and "../xl/worksheets/sheet1.xml" is as good
                path = posixpath.normpath(posixpath.join("xl", target))
            rels[rel.get("Id", "")] = path
    names: list[str] = []
    hidden: dict[str, bool] = {}
    paths: dict[str, str] = {}
    for sheet in wb.iter(f"{{{NS_MAIN}}}sheet"):
        name = sheet.get("name", "")
        names.append(name)
        hidden[name] = sheet.get("state", "visible") != "visible"
        rid = sheet.get(f"{{{NS_REL}}}id", "")
        if rid in rels:
            paths[name] = rels[rid]
    return names, hidden, paths


def _percent_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indices of cell formats (``s=`` on a cell) that show numbers as percentages."""
    return _styles_with(zf, BUILTIN_PERCENT_FORMATS,
                        lambda code: "%" in re.sub(r'"[^"]*"|\\.', "", code))


def _is_date_code(code: str) -> bool:
    """A custom format shows a date or time (as calamine decides: d, m, y, h or s outside
    quotes, escapes and [brackets])."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code).lower()
    return bare != "general" and re.search(r"[dmyhs]", bare) is not None


def _date_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indices of cell formats that show numbers as dates or times (a built-in date format,
    or a custom one as :func:`_is_date_code` reads it)."""
    return _styles_with(zf, BUILTIN_DATE_FORMATS, _is_date_code)


def _styles_with(zf: zipfile.ZipFile, builtin: Collection[int],
                 custom: Callable[[str], bool]) -> set[int]:
    """Indices of the cell formats whose number format is one of ``builtin`` or a custom
    format whose code ``custom`` accepts."""
    if "xl/styles.xml" not in zf.namelist():
        return set()
    root = SafeET.fromstring(zf.read("xl/styles.xml"))
    codes = {int(nf.get("numFmtId", "-1")) for nf in root.iter(f"{{{NS_MAIN}}}numFmt")
             if custom(nf.get("formatCode", ""))}
    out: set[int] = set()
    xfs = root.find(f"{{{NS_MAIN}}}cellXfs")
    if xfs is None:
        return out
    for i, xf in enumerate(xfs.findall(f"{{{NS_MAIN}}}xf")):
        fmt = int(xf.get("numFmtId", "0"))
        if fmt in builtin or fmt in codes:
            out.add(i)
    return out


def _cell_at(xml: bytes, pos: int) -> tuple[int, int, Cell] | None:
    """The <c> element around byte position ``pos``: (start, end, (row, col))."""
    start = xml.rfind(b"<", 0, pos + 1)
    while start >= 0 and not _RE_TAG_C.match(xml, start):
        start = xml.rfind(b"<", 0, start)
        if start >= 0 and xml[start + 1:start + 4] in (b"row", b"she"):
            return None
    if start < 0:
        return None
    tag_end = xml.find(b">", start)
    m = _RE_ATTR_R.search(xml, start, tag_end)
    if not m:
        return None
    end = tag_end + 1 if xml[tag_end - 1:tag_end] == b"/" else xml.find(b"c>", tag_end) + 2
    if end < tag_end:
        return None
    return start, end, parse_cell(m[1].decode())


def scan_sheet_xml(xml: bytes, percent_styles: set[int]) -> SheetScan:
    scan = SheetScan()
    if not xml:
        return scan
    # each search starts with a literal, so it runs at byte-search speed over a 300 MB sheet
    if _RE_F_PLAIN.search(xml) or _RE_F_PREFIXED.search(xml):
        for m in _RE_F.finditer(xml):
            found = _cell_at(xml, m.start())
            if found is None:
                continue
            start, end, cell = found
            v = _RE_V.search(xml, start, end)
            if v is None or not v[1].strip():
                scan.uncalculated.add(cell)
    pos = xml.find(b't="e"')
    while pos >= 0:
        found = _cell_at(xml, pos)
        if found is not None:
            start, end, cell = found
            v = _RE_V.search(xml, start, end)
            scan.errors[cell] = v[1].decode("utf-8", "replace") if v else "#VALUE!"
        pos = xml.find(b't="e"', pos + 5)
    for style in percent_styles:
        needle = f's="{style}"'.encode()
        pos = xml.find(needle)
        while pos >= 0:
            tag_start = xml.rfind(b"<", 0, pos)
            if _RE_TAG_C.match(xml, tag_start):
                found = _cell_at(xml, pos)
                if found is not None:
                    scan.percent.add(found[2])
            pos = xml.find(needle, pos + len(needle))
    for needle in (b'hidden="1"', b'hidden="true"') if _RE_HIDDEN.search(xml) else ():
        pos = xml.find(needle)
        while pos >= 0:
            tag_start = xml.rfind(b"<", 0, pos)
            head = xml[tag_start:tag_start + 8]
            if head.startswith(b"<row") or re.match(rb"<[\w.-]+:row", head):
                rm = _RE_ROW_R.search(xml, tag_start, pos)
                if rm:
                    scan.hidden_rows.append(int(rm[1]) - 1)
            pos = xml.find(needle, pos + len(needle))
    scan.hidden_rows.sort()
    return scan
