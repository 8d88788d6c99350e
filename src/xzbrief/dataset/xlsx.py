"""Read an .xlsx from memory into raw sheets: values from python-calamine (fast), plus what
calamine cannot tell (error cells, formulas never calculated, percent-formatted cells, hidden
rows) from a targeted scan of the sheet XML.

openpyxl in read-only mode needs 12–25 s for 100,000 rows; calamine needs about 0.6 s
(``bench/bench_dataset.py`` prints both). The scan only looks at the places a byte search finds,
so a plain data sheet costs one pass of ``bytes.find``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
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
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
BUILTIN_PERCENT_FORMATS = {9, 10}

_RE_ATTR_R = re.compile(rb'\br="([A-Z]{1,3}\d+)"')
_RE_ROW_R = re.compile(rb'\br="(\d+)"')
_RE_F = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_RE_V = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]*)<")
_RE_TAG_C = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")

Cell = tuple[int, int]


@dataclass
class SheetScan:
    """What the XML says that calamine's values do not."""

    errors: dict[Cell, str] = field(default_factory=dict)  # '#N/A' etc.
    uncalculated: set[Cell] = field(default_factory=set)  # formula with no cached value
    formulas: set[Cell] = field(default_factory=set)
    percent: set[Cell] = field(default_factory=set)  # shown as % in Excel: value is a fraction
    hidden_rows: list[int] = field(default_factory=list)  # 0-based


@dataclass
class RawSheet:
    name: str
    index: int
    hidden: bool
    rows: list[list[Any]]  # calamine values, row 0 = Excel row 1; '' for empty cells
    merged: list[tuple[int, int, int, int]]  # 0-based r1, c1, r2, c2 inclusive
    scan: SheetScan

    def value(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass
class RawWorkbook:
    sheet_names: list[str]
    hidden: dict[str, bool]
    _data: bytes
    _zip: zipfile.ZipFile
    _paths: dict[str, str]
    _percent_styles: set[int]
    _calamine: Any = None

    def read(self, name: str) -> RawSheet:
        if self._calamine is None:
            try:
                self._calamine = calamine.CalamineWorkbook.from_filelike(io.BytesIO(self._data))
            except Exception as exc:  # calamine raises several unrelated types
                raise FileProblem("file-corrupt", reason=_short(exc)) from exc
        try:
            sheet = self._calamine.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        except Exception as exc:
            raise FileProblem("file-corrupt", reason=_short(exc)) from exc
        xml = read_member(self._zip, self._paths[name]) if name in self._paths else b""
        return RawSheet(name, self.sheet_names.index(name), self.hidden.get(name, False),
                        rows, merged, scan_sheet_xml(xml, self._percent_styles))


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def open_workbook(path: Path) -> RawWorkbook:
    """Bytes in memory, file closed, every XML member checked; raises FileProblem."""
    data = read_file_bytes(path)
    sniff_workbook(data, path.suffix)
    zf, check = check_zip(data)
    for name in check.members:
        if name.endswith((".xml", ".rels")):
            read_member(zf, name)  # refuses DTDs, verifies CRCs
    try:
        names, hidden, paths = _sheet_table(zf)
        percent = _percent_styles(zf)
    except (SafeET.ParseError, KeyError, ValueError) as exc:
        raise FileProblem("file-corrupt", reason=_short(exc)) from exc
    except Exception as exc:  # defusedxml's own refusals
        raise FileProblem("file-xml-bomb", member="xl/workbook.xml") from exc
    return RawWorkbook(names, hidden, data, zf, paths, percent)


def _sheet_table(zf: zipfile.ZipFile) -> tuple[list[str], dict[str, bool], dict[str, str]]:
    wb = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in zf.namelist():
        for rel in SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels")):
            target = rel.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = str(PurePosixPath("xl") / target)
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
    if "xl/styles.xml" not in zf.namelist():
        return set()
    root = SafeET.fromstring(zf.read("xl/styles.xml"))
    custom_percent = {
        int(nf.get("numFmtId", "-1"))
        for nf in root.iter(f"{{{NS_MAIN}}}numFmt")
        if "%" in re.sub(r'"[^"]*"|\\.', "", nf.get("formatCode", ""))
    }
    out: set[int] = set()
    xfs = root.find(f"{{{NS_MAIN}}}cellXfs")
    if xfs is None:
        return out
    for i, xf in enumerate(xfs.findall(f"{{{NS_MAIN}}}xf")):
        fmt = int(xf.get("numFmtId", "0"))
        if fmt in BUILTIN_PERCENT_FORMATS or fmt in custom_percent:
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
    if _RE_F.search(xml):
        for m in _RE_F.finditer(xml):
            found = _cell_at(xml, m.start())
            if found is None:
                continue
            start, end, cell = found
            scan.formulas.add(cell)
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
    for needle in (b'hidden="1"', b'hidden="true"'):
        pos = xml.find(needle)
        while pos >= 0:
            tag_start = xml.rfind(b"<", 0, pos)
            head = xml[tag_start:tag_start + 8]
            if head.startswith(b"<row") or re.match(rb"<[\w.-]+:row", head):
                m = _RE_ROW_R.search(xml, tag_start, pos)
                if m:
                    scan.hidden_rows.append(int(m[1]) - 1)
            pos = xml.find(needle, pos + len(needle))
    scan.hidden_rows.sort()
    return scan
