"""Cells of an embedded chart workbook written in place: the sheet's XML edited cell by cell,
every other part (other sheets, styles, number formats, tables) copied byte for byte — unlike
python-pptx's ``replace_data``, which writes a new workbook and loses them."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from xzbrief.render.zip_copy import rezip

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_REF = re.compile(r"^\$?([A-Z]+)\$?(\d+)$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

Value = str | float | None


def split_ref(ref: str) -> tuple[str, int]:
    m = _REF.match(ref)
    if m is None:
        raise ValueError(ref)
    return m[1], int(m[2])


def col_number(col: str) -> int:
    n = 0
    for ch in col:
        n = n * 26 + ord(ch) - 64
    return n


def col_name(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _sheet_path(zf: zipfile.ZipFile, sheet: str) -> str | None:
    wb = etree.fromstring(zf.read("xl/workbook.xml"), _PARSER)
    rid = None
    for s in wb.iter(f"{{{NS}}}sheet"):
        if s.get("name") == sheet:
            rid = s.get(f"{{{NS_R}}}id")
    if rid is None:
        return None
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), _PARSER)
    for rel in rels.iter(f"{{{NS_PKG}}}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    return None


def _row(data: etree._Element, number: int) -> etree._Element:
    for row in data.iterchildren(f"{{{NS}}}row"):
        r = int(row.get("r", "0"))
        if r == number:
            return row
        if r > number:
            new = etree.Element(f"{{{NS}}}row", r=str(number))
            row.addprevious(new)
            return new
    return etree.SubElement(data, f"{{{NS}}}row", r=str(number))


def _cell(row: etree._Element, ref: str) -> etree._Element:
    want = col_number(split_ref(ref)[0])
    for c in row.iterchildren(f"{{{NS}}}c"):
        have = col_number(split_ref(c.get("r", "A1"))[0])
        if have == want:
            return c
        if have > want:
            new = etree.Element(f"{{{NS}}}c", r=ref)
            c.addprevious(new)
            return new
    return etree.SubElement(row, f"{{{NS}}}c", r=ref)


def _set(cell: etree._Element, value: Value) -> None:
    for child in list(cell):
        cell.remove(child)
    cell.attrib.pop("t", None)
    if value is None:
        return
    if isinstance(value, float):
        etree.SubElement(cell, f"{{{NS}}}v").text = repr(value)
        return
    cell.set("t", "inlineStr")
    is_ = etree.SubElement(cell, f"{{{NS}}}is")
    t = etree.SubElement(is_, f"{{{NS}}}t")
    t.text = value
    if value != value.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def set_cells(blob: bytes, sheet: str, cells: dict[str, Value]) -> bytes:
    """The workbook with ``cells`` (A1 references on ``sheet``) set; ValueError when the sheet
    is not there."""
    src = zipfile.ZipFile(io.BytesIO(blob))
    path = _sheet_path(src, sheet)
    if path is None or path not in src.namelist():
        raise ValueError(f"no sheet {sheet!r}")
    root = etree.fromstring(src.read(path), _PARSER)
    data = root.find(f"{{{NS}}}sheetData")
    if data is None:
        raise ValueError("no sheetData")
    for ref, value in sorted(cells.items(), key=lambda kv: (split_ref(kv[0])[1],
                                                             col_number(split_ref(kv[0])[0]))):
        _set(_cell(_row(data, split_ref(ref)[1]), ref), value)
    _dimension(root, data)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rezip(blob, {path: body}, level=1)


def _dimension(root: etree._Element, data: etree._Element) -> None:
    dim = root.find(f"{{{NS}}}dimension")
    refs = [c.get("r", "") for c in data.iter(f"{{{NS}}}c") if len(c)]
    if dim is None or not refs:
        return
    cols = [col_number(split_ref(r)[0]) for r in refs]
    rows = [split_ref(r)[1] for r in refs]
    dim.set("ref", f"{col_name(min(cols))}{min(rows)}:{col_name(max(cols))}{max(rows)}")


def read_cells(blob: bytes, sheet: str) -> dict[str, Value]:
    """Every cell of a sheet with a value (strings resolved), for checking."""
    zf = zipfile.ZipFile(io.BytesIO(blob))
    path = _sheet_path(zf, sheet)
    if path is None:
        raise ValueError(f"no sheet {sheet!r}")
    shared: list[str] = []
    if "xl/sharedStrings.xml" in zf.namelist():
        sst = etree.fromstring(zf.read("xl/sharedStrings.xml"), _PARSER)
        shared = ["".join(si.itertext()) for si in sst.iterchildren(f"{{{NS}}}si")]
    root = etree.fromstring(zf.read(path), _PARSER)
    out: dict[str, Value] = {}
    for c in root.iter(f"{{{NS}}}c"):
        t = c.get("t", "")
        v = c.find(f"{{{NS}}}v")
        if t == "inlineStr":
            out[c.get("r", "")] = "".join(c.find(f"{{{NS}}}is").itertext())
        elif v is not None and t == "s":
            out[c.get("r", "")] = shared[int(v.text or "0")]
        elif v is not None and t == "str":
            out[c.get("r", "")] = v.text or ""
        elif v is not None:
            out[c.get("r", "")] = float(v.text or "0")
    return out
