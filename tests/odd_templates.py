"""Odd but plausible templates, made from a real one member by member: each is something
PowerPoint (or a careless tool) can produce, and each once crashed `build`. Used by the
template fuzz tests and by bench-free probes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation

from xzbrief.render.brand import BUILTIN
from xzbrief.resources import templates_dir

Members = dict[str, bytes]
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
NS_DECL = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
           'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def read(path: Path) -> Members:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write(members: Members, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def powerpoint_style() -> Members:
    """PowerPoint's own default master (python-pptx ships it), widescreen, with notes on."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = 12192000, 6858000
    prs.notes_master  # noqa: B018 - creates the notes master PowerPoint always has
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as z:
        return {n: z.read(n) for n in z.namelist()}


def bases() -> dict[str, Members]:
    out = {name: read(templates_dir() / file) for name, file in BUILTIN.items()}
    out["PowerPoint"] = powerpoint_style()
    return out


def _layouts(m: Members) -> list[str]:
    return sorted((n for n in m if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)),
                  key=lambda n: int(re.findall(r"\d+", n)[-1]))


def _add_rel(m: Members, rels: str, rid: str, kind: str, target: str) -> None:
    rel = f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
    m[rels] = m[rels].replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def _append_shape(m: Members, part: str, xml: str) -> None:
    m[part] = m[part].replace(b"</p:spTree>", xml.encode() + b"</p:spTree>", 1)


def notes_master_without_body(m: Members) -> None:
    if "ppt/notesMasters/notesMaster1.xml" not in m:
        notes = powerpoint_style()
        for name in notes:
            if "notesMaster" in name or name.endswith("theme2.xml") or "theme2" in name:
                m[name] = notes[name]
        m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="'
            b'application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"/>'
            b'<Override PartName="/ppt/theme/theme2.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.theme+xml"/></Types>')
        _add_rel(m, "ppt/_rels/presentation.xml.rels", "rId900", f"{RELS}/notesMaster",
                 "notesMasters/notesMaster1.xml")
        m["ppt/presentation.xml"] = re.sub(
            rb"(</p:sldMasterIdLst>)",
            rb'\1<p:notesMasterIdLst><p:notesMasterId r:id="rId900"/></p:notesMasterIdLst>',
            m["ppt/presentation.xml"], count=1)
    part = "ppt/notesMasters/notesMaster1.xml"
    m[part] = re.sub(rb"<p:sp>(?:(?!</p:sp>).)*?<p:ph type=\"body\"(?:(?!</p:sp>).)*</p:sp>", b"",
                     m[part], flags=re.S)


def master_without_theme(m: Members) -> None:
    m[MASTER_RELS] = re.sub(rb'<Relationship [^>]*relationships/theme"[^>]*/>', b"",
                            m[MASTER_RELS])


def shape_without_geometry(m: Members) -> None:
    _append_shape(m, MASTER, '<p:sp><p:nvSpPr><p:cNvPr id="90" name="无几何"/><p:cNvSpPr/>'
                  '<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/>'
                  '<a:ext cx="914400" cy="91440"/></a:xfrm><a:solidFill><a:srgbClr val="FF0000"/>'
                  '</a:solidFill></p:spPr></p:sp>'
                  '<p:sp><p:nvSpPr><p:cNvPr id="91" name="无形状属性"/><p:cNvSpPr/><p:nvPr/>'
                  '</p:nvSpPr><p:spPr/></p:sp>')


def ink_part(m: Members) -> None:
    layout = _layouts(m)[1]
    rels = layout.replace("slideLayouts/", "slideLayouts/_rels/") + ".rels"
    m["ppt/ink/ink1.xml"] = (b'<?xml version="1.0" encoding="UTF-8"?><inkml:ink '
                             b'xmlns:inkml="http://www.w3.org/2003/InkML"><inkml:trace>0 0, 10 10'
                             b'</inkml:trace></inkml:ink>')
    m["[Content_Types].xml"] = m["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/ppt/ink/ink1.xml" ContentType="application/inkml+xml"'
        b"/></Types>")
    _add_rel(m, rels, "rId80", f"{RELS}/customXml", "../ink/ink1.xml")
    _append_shape(m, layout, '<p:contentPart xmlns:p14="http://schemas.microsoft.com/office/'
                  'powerpoint/2010/main" p14:bwMode="auto" r:id="rId80"><p14:nvContentPartPr>'
                  '<p14:cNvPr id="80" name="墨迹 1"/><p14:cNvContentPartPr/><p14:nvPr/>'
                  '</p14:nvContentPartPr><p14:xfrm><a:off x="0" y="0"/><a:ext cx="91440" '
                  'cy="91440"/></p14:xfrm></p:contentPart>')


_PIC = ('<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="图片 {id}"/><p:cNvPicPr/><p:nvPr '
        'userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip{embed}/><a:stretch><a:fillRect/>'
        '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" '
        'cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def picture_without_image(m: Members) -> None:
    _append_shape(m, MASTER, _PIC.format(id=92, embed=""))


def picture_dangling_rel(m: Members) -> None:
    _append_shape(m, MASTER, _PIC.format(id=93, embed=' r:embed="rId999"'))


def picture_missing_part(m: Members) -> None:
    _add_rel(m, MASTER_RELS, "rId998", f"{RELS}/image", "../media/gone.png")
    _append_shape(m, MASTER, _PIC.format(id=94, embed=' r:embed="rId998"'))


def bad_font_size(m: Members) -> None:
    for layout in _layouts(m):
        m[layout] = m[layout].replace(b"<a:lstStyle/>", '<a:lstStyle><a:lvl1pPr><a:defRPr '
                                      'sz="大号" b="x"/></a:lvl1pPr></a:lstStyle>'.encode())
    m[MASTER] = re.sub(rb'(<a:defRPr[^>]*?) sz="\d+"', rb'\1 sz="28pt"', m[MASTER])


def bad_line_width(m: Members) -> None:
    _append_shape(m, MASTER, '<p:sp><p:nvSpPr><p:cNvPr id="95" name="线"/><p:cNvSpPr/>'
                  '<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/>'
                  '<a:ext cx="914400" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/>'
                  '</a:prstGeom><a:ln w="thick"><a:solidFill><a:srgbClr val="00FF00"/>'
                  '</a:solidFill></a:ln></p:spPr></p:sp>')


def missing_layout_part(m: Members) -> None:
    del m[_layouts(m)[2]]


def bad_offsets(m: Members) -> None:
    m[MASTER] = re.sub(rb'<a:off x="\d+" y="\d+"/>', b'<a:off x="left" y="-"/>', m[MASTER],
                       count=1)


def bad_colour(m: Members) -> None:
    part = MASTER if b"<a:srgbClr" in m[MASTER] else "ppt/theme/theme1.xml"
    m[part] = re.sub(rb'<a:srgbClr val="[0-9A-Fa-f]{6}"', b'<a:srgbClr val="red"', m[part],
                     count=2)


ODD: dict[str, Callable[[Members], None]] = {
    "notes-master-without-body": notes_master_without_body,
    "master-without-theme": master_without_theme,
    "shape-without-geometry": shape_without_geometry,
    "ink-part": ink_part,
    "picture-without-image": picture_without_image,
    "picture-dangling-rel": picture_dangling_rel,
    "picture-missing-part": picture_missing_part,
    "bad-font-size": bad_font_size,
    "bad-line-width": bad_line_width,
    "missing-layout-part": missing_layout_part,
    "bad-offsets": bad_offsets,
    "bad-colour": bad_colour,
}


def odd_template(base: str, case: str, folder: Path) -> Path:
    members = dict(bases()[base])
    ODD[case](members)
    return write(members, folder / f"{base}-{case}.pptx")
