"""Active content in a template: macros, OLE objects and ActiveX controls, found by what they
are (relationship and content types, the VBA storage inside a binary), never by file name.

Policy (docs/templates.md, docs/trust.md): a VBA project anywhere refuses the template, as a
``.pptm`` does (a bureau template never needs one; carrying it along would put macros into every
deck). OLE objects (an embedded "Package" can hold any file) and ActiveX controls on a master or
layout are removed, with a warning naming each part: the rest of the template is still good.
A chart's own embedded workbook (a ``package`` relationship from a chart part) is kept.
"""

from __future__ import annotations

import posixpath
import zipfile
from typing import Any

from lxml import etree

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
VBA_TYPES = ("/vbaProject", "/vbaProjectSignature", "/wordVbaData", "/attachedToolbars")
VBA_CONTENT = (b"vbaProject", b"vbaProjectSignature", b"macroEnabled", b"ms-office.vbaData")
ACTIVE_TYPES = ("/oleObject", "/package", "/activeXControl", "/activeXControlBinary", "/control")
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# The element to remove with an OLE object or control: its frame (and its picture fallback).
CONTAINERS = (f"{{{NS_MC}}}AlternateContent", f"{{{NS_P}}}graphicFrame", f"{{{NS_P}}}control")


def has_vba(zf: zipfile.ZipFile, members: tuple[str, ...], ctypes: bytes,
            rels: dict[str, Any]) -> str | None:
    """The first part that is (or holds) a VBA project, under whatever name."""
    for name, root in rels.items():
        for rel in root:
            if rel.get("Type", "").endswith(VBA_TYPES):
                return _target(name, rel.get("Target", ""))
    if any(t in ctypes for t in VBA_CONTENT):
        return "[Content_Types].xml"
    for name in members:
        head = zf.read(name)[:8] if not name.endswith((".xml", ".rels")) else b""
        if head == OLE2_MAGIC:
            blob = zf.read(name)
            if b"_VBA_PROJECT" in blob or "_VBA_PROJECT".encode("utf-16-le") in blob:
                return name
    return None


def strip_active(members: tuple[str, ...], rels: dict[str, Any], parts: dict[str, Any]
                 ) -> tuple[list[str], set[str]]:
    """Remove OLE and ActiveX relationships (and the frames that show them) in place.

    ``rels`` maps each .rels member to its parsed root, ``parts`` each source part's parsed
    root (filled in as needed). Returns the removed targets and the changed members.
    """
    removed: list[str] = []
    changed: set[str] = set()
    for name, root in rels.items():
        source = _source_part(name)
        if source.startswith("ppt/charts/"):
            continue  # a chart's data workbook: data, not an object
        ids: set[str] = set()
        for rel in list(root):
            kind = rel.get("Type", "")
            if kind.endswith(ACTIVE_TYPES):
                ids.add(rel.get("Id", ""))
                target = rel.get("Target", "")
                if rel.get("TargetMode") != "External":
                    target = _target(name, target)
                removed.append(target)
                root.remove(rel)
        if not ids:
            continue
        changed.add(name)
        content = parts.get(source)
        if content is None:
            continue
        for el in [e for e in content.iter() if isinstance(e.tag, str) and any(
                k.startswith(f"{{{NS_R}}}") and v in ids for k, v in e.attrib.items())]:
            outer = el
            for anc in el.iterancestors():
                if anc.tag in CONTAINERS:
                    outer = anc  # the outermost container wins (AlternateContent)
            parent = outer.getparent()
            if parent is not None:
                parent.remove(outer)
        changed.add(source)
    return removed, changed


def _source_part(rels_name: str) -> str:
    """'ppt/slides/_rels/slide1.xml.rels' -> 'ppt/slides/slide1.xml'."""
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def _target(rels_name: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    base = posixpath.dirname(_source_part(rels_name))
    return posixpath.normpath(posixpath.join(base, target))


def serialise(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
