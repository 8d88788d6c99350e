"""Checking a brand template file before python-pptx opens it.

python-pptx reads every zip member into memory, refuses ``.potx`` and happily carries macros and
external links along. A user's template is therefore checked first: size, compression ratio and
member count; duplicate zip entries refused; every XML part parsed with a hardened parser (a
DTD or entity in any encoding refused, damaged parts named); ``.potx`` converted (only the main
content type differs); a VBA project under any name, and ``.pptm``, refused (macros would travel
into every deck); OLE objects and ActiveX controls removed with a warning naming them
(template_active); external relationships (UNC or http links that leak on open) removed when
they are hyperlinks and refused otherwise.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from xzbrief.dataset.files import (
    FileProblem,
    check_zip,
    read_file_bytes,
    read_member,
    xml_encoding,
)
from xzbrief.dataset.messages import MESSAGES
from xzbrief.messages import Note, join, note
from xzbrief.render.template_active import has_vba, serialise, strip_active
from xzbrief.render.template_repair import repair
from xzbrief.user_error import UserError

CT_PRESENTATION = (b"application/vnd.openxmlformats-officedocument.presentationml."
                   b"presentation.main+xml")
CT_TEMPLATE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
CT_MACRO = b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
CT_MACRO_TEMPLATE = b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml"
HYPERLINK = "relationships/hyperlink"
MAX_TEMPLATE_BYTES = 100 * 1024 * 1024
MAX_NOTES = 8  # repair warnings shown one by one; the rest are counted


class TemplateError(UserError):
    """A template that cannot be used; Chinese and English text say why and what to do."""


@dataclass(frozen=True)
class CheckedTemplate:
    data: bytes  # a .pptx package python-pptx can open, without external links
    warnings: tuple[Note, ...]


def _from_file_problem(path: Path, fp: FileProblem) -> TemplateError:
    msg = MESSAGES[fp.code]
    return TemplateError(f"模板 {path.name}:" + msg.zh.format(**fp.params),
                         f"template {path.name}: " + msg.en.format(**fp.params))


def check_template(path: Path) -> CheckedTemplate:
    try:
        data = read_file_bytes(path, MAX_TEMPLATE_BYTES)
        if not data.startswith(b"PK"):
            raise TemplateError(f"模板 {path.name} 不是 PowerPoint 文件(.pptx)",
                                f"template {path.name} is not a PowerPoint file (.pptx)")
        zf, check = check_zip(data)  # duplicate entries refused
        ctypes = read_member(zf, "[Content_Types].xml") if "[Content_Types].xml" in \
            check.members else b""
        xml: dict[str, bytes] = {}
        for name in check.members:
            if name.endswith((".xml", ".rels", ".vml")):
                xml[name] = read_member(zf, name)  # DTDs refused in any encoding, CRCs verified
    except FileProblem as fp:
        raise _from_file_problem(path, fp) from fp
    if b"ppt/presentation.xml" not in ctypes and "ppt/presentation.xml" not in check.members:
        raise TemplateError(f"模板 {path.name} 不是 PowerPoint 演示文稿",
                            f"template {path.name} is not a PowerPoint presentation")
    replace: dict[str, bytes] = {}
    parsed = {name: _parse(path, name, blob, replace) for name, blob in xml.items()}
    rels = {name: root for name, root in parsed.items() if name.endswith(".rels")}
    vba = has_vba(zf, check.members, ctypes, rels)
    if CT_MACRO in ctypes or CT_MACRO_TEMPLATE in ctypes or vba is not None:
        raise TemplateError(
            f"模板 {path.name} 含有宏(.pptm/.potm),不会使用:宏代码会被带进每一份汇报。"
            f"请在 PowerPoint 中「另存为」.pptx 后再选用{f'(宏部件:{vba})' if vba else ''}",
            f"template {path.name} contains macros (.pptm/.potm) and is refused: they would "
            "travel into every deck. Save it as .pptx in PowerPoint first"
            f"{f' (macro part: {vba})' if vba else ''}")
    warnings: list[Note] = []
    if CT_TEMPLATE in ctypes:
        ctypes = ctypes.replace(CT_TEMPLATE, CT_PRESENTATION)
        replace["[Content_Types].xml"] = ctypes
        warnings.append(note("template-potx", file=path.name))
    active, changed = strip_active(check.members, rels, parsed)
    for name in changed:
        replace[name] = serialise(parsed[name])
    if active:
        warnings.append(note("template-active-removed", file=path.name,
                             listing=join(dict.fromkeys(active))))
    removed, refused = _external_links(parsed, replace)
    if refused:
        listing = "、".join(refused[:5])
        raise TemplateError(
            f"模板 {path.name} 含有指向外部的链接(如 {listing}),打开汇报时会访问外部地址,"
            "不会使用。请在 PowerPoint 中断开链接(「文件 → 信息 → 编辑指向文件的链接」)后另存",
            f"template {path.name} links to external files ({listing}); refused because opening "
            "a deck would reach them. Break the links in PowerPoint and save again")
    if removed:
        warnings.append(note("template-links-removed", file=path.name, n=removed))
    fix = repair(parsed, set(check.members) - set(active))
    for name in fix.changed:
        replace[name] = serialise(parsed[name])
    if fix.content_types:
        overrides = "".join(f'<Override PartName="/{part}" ContentType="{kind}"/>'
                            for part, kind in fix.content_types)
        ctypes = replace.get("[Content_Types].xml", ctypes)
        replace["[Content_Types].xml"] = ctypes.replace(b"</Types>",
                                                        overrides.encode() + b"</Types>")
    warnings += [note("template-note", file=path.name, note=n) for n in fix.notes[:MAX_NOTES]]
    if len(fix.notes) > MAX_NOTES:
        warnings.append(note("template-note", file=path.name, note=note(
            "template-more-repairs", n=len(fix.notes) - MAX_NOTES)))
    if replace or active or fix.added:
        data = _rewrite(zf, replace, drop=set(active), add=fix.added)
    return CheckedTemplate(data, tuple(warnings))


# DTDs are refused before parsing; this parser would not load or expand one either.
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                        huge_tree=False)
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _parse(path: Path, name: str, blob: bytes, replace: dict[str, bytes]) -> Any:
    """Every XML part parsed (not byte-searched): damaged ones refused by name, a DTD in any
    encoding refused, parts in another encoding than UTF-8 rewritten as UTF-8."""
    try:
        root = etree.fromstring(blob, _SAFE)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"模板 {path.name} 中的 {name} 已损坏(不是完好的 XML)",
                            f"{name} in template {path.name} is damaged (not well-formed "
                            "XML)") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _from_file_problem(path, FileProblem("file-xml-bomb", member=name))
    if xml_encoding(blob) != "utf-8":
        replace[name] = serialise(root)
    return root


def _external_links(parsed: dict[str, Any], replace: dict[str, bytes]) -> tuple[int, list[str]]:
    """Drop external hyperlink relationships (and the clicks that use them); list the rest.
    Parsed as XML, so quoting or attribute order cannot hide an external target."""
    removed = 0
    refused: list[str] = []
    for name, root in parsed.items():
        if not name.endswith(".rels"):
            continue
        ids: list[str] = []
        for rel in list(root):
            if rel.get("TargetMode") != "External":
                continue
            if rel.get("Type", "").endswith(HYPERLINK):
                ids.append(rel.get("Id", ""))
                root.remove(rel)
                removed += 1
            else:
                refused.append(rel.get("Target", "?"))
        if not ids:
            continue
        replace[name] = serialise(root)
        part = _source_part(name)
        content = parsed.get(part)
        if content is not None:
            # every element that points at a removed link (hlinkClick, hlinkHover, ...)
            gone = set(ids)
            for el in [e for e in content.iter() if isinstance(e.tag, str) and any(
                    k.startswith(f"{{{NS_R}}}") and v in gone for k, v in e.attrib.items())]:
                el.getparent().remove(el)
            replace[part] = serialise(content)
    return removed, refused


def _source_part(rels_name: str) -> str:
    """'ppt/slides/_rels/slide1.xml.rels' -> 'ppt/slides/slide1.xml'."""
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def _rewrite(zf: zipfile.ZipFile, replace: dict[str, bytes], drop: set[str],
             add: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info, replace.get(info.filename, zf.read(info.filename)))
        for name, blob in {**{k: v for k, v in replace.items() if k not in zf.NameToInfo},
                           **add}.items():
            dst.writestr(name, blob)
    return out.getvalue()
