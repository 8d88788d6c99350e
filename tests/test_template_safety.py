"""Hostile templates: nothing active or hidden travels from a template into a deck. A DTD in a
UTF-16 part, two zip entries of one name, a VBA project under another name are refused; OLE
"Package" objects and ActiveX controls on a master or layout are removed with a warning naming
them. Each template is a shipped one changed member by member in tmp_path; decks are read back
with zipfile and python-pptx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from test_templates import render, rezip
from workbooks import basic_sheets, write_workbook
from xzbrief.dataset.loader import load_dataset
from xzbrief.render.brand import BUILTIN, load_brand
from xzbrief.render.template_file import TemplateError
from xzbrief.resources import templates_dir

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
OLE_FRAME = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice xmlns:v="urn:schemas-microsoft-com:vml" Requires="v">'
    '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="99" name="对象 1"/><p:cNvGraphicFramePr/>'
    '<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/>'
    '</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
    '<p:oleObj progId="Package" r:id="rId99" imgW="100" imgH="100"><p:embed/></p:oleObj>'
    '</a:graphicData></a:graphic></p:graphicFrame></mc:Choice></mc:AlternateContent>')


def shipped() -> Path:
    return templates_dir() / BUILTIN["政务红"]


def _add_rel(data: bytes, rid: str, kind: str, target: str) -> bytes:
    rel = f'<Relationship Id="{rid}" Type="{RELS}/{kind}" Target="{target}"/>'
    return data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_entity_declaration_in_a_utf16_part_is_refused(tmp_path: Path) -> None:
    def change(name: str, data: bytes) -> bytes | None:
        if name != LAYOUT:
            return None
        text = data.decode("utf-8").split("?>", 1)[1]
        doc = ('<?xml version="1.0" encoding="UTF-16" standalone="yes"?>'
               '<!DOCTYPE x [<!ENTITY e "徐州">]>' + text)
        return doc.encode("utf-16")
    bad = rezip(shipped(), tmp_path / "utf16.pptx", change)
    with pytest.raises(TemplateError) as info:
        load_brand(str(bad))
    assert info.value.text("zh") == (f"模板 utf16.pptx:文件含有 XML 实体定义(DTD,位于 {LAYOUT}),已拒绝读取")


def test_a_utf16_part_without_a_dtd_still_builds_a_readable_deck(tmp_path: Path) -> None:
    def change(name: str, data: bytes) -> bytes | None:
        if name != LAYOUT:
            return None
        text = data.decode("utf-8").split("?>", 1)[1]
        return ('<?xml version="1.0" encoding="UTF-16" standalone="yes"?>' + text).encode("utf-16")
    ok = rezip(shipped(), tmp_path / "utf16ok.pptx", change)
    prs, _warnings, _ = render(tmp_path, ok)
    assert len(prs.slides) > 5  # read back by python-pptx


def test_two_zip_entries_of_one_name_are_refused(tmp_path: Path) -> None:
    twin = rezip(shipped(), tmp_path / "twin.pptx", lambda n, d: None,
                 extra={"ppt/slideLayouts/SlideLayout2.xml": b"<x/>"})
    with pytest.raises(TemplateError) as info:
        load_brand(str(twin))
    assert info.value.text("zh") == ("模板 twin.pptx:文件中有两个同名的内部文件 ppt/slideLayouts/SlideLayout2.xml"
                             ",不同程序可能读到不同内容,已拒绝读取")
    book = write_workbook(tmp_path / "book.xlsx", basic_sheets())
    with pytest.warns(UserWarning, match="Duplicate name"):  # zipfile knows it is wrong
        rezip(book, tmp_path / "twin.xlsx", lambda n, d: None,
              extra={"xl/worksheets/sheet1.xml": b"<worksheet/>"})
    result = load_dataset(tmp_path / "twin.xlsx")
    assert next(p.format("zh") for p in result.problems).startswith(
        "[错误] 文件中有两个同名的内部文件 xl/worksheets/sheet1.xml,")


def test_ole_package_object_on_a_layout_is_removed_and_named(tmp_path: Path) -> None:
    def change(name: str, data: bytes) -> bytes | None:
        if name == LAYOUT:
            return data.replace(b"</p:spTree>", OLE_FRAME.encode() + b"</p:spTree>")
        if name == LAYOUT_RELS:
            return _add_rel(data, "rId99", "oleObject", "../embeddings/oleObject1.bin")
        if name == "[Content_Types].xml":
            return data.replace(b"<Default ", b'<Default Extension="bin" ContentType='
                                b'"application/vnd.openxmlformats-officedocument.oleObject"/>'
                                b"<Default ", 1)
        return None
    ole = rezip(shipped(), tmp_path / "ole.pptx", change,
                extra={"ppt/embeddings/oleObject1.bin": OLE2 + b"Package\0calc.exe" * 50})
    prs, warnings, _ = render(tmp_path, ole)
    assert ("模板 ole.pptx 中的嵌入对象或控件(ppt/embeddings/oleObject1.bin)已移除,"
            "不会带进汇报") in warnings
    out = tmp_path / "deck.pptx"
    prs.save(str(out))
    members = _members(out)
    assert not [n for n in members if "embeddings/oleObject" in n]
    assert not [n for n, d in members.items() if n.endswith(".rels") and b"/oleObject" in d]
    assert not [n for n, d in members.items() if n.endswith(".xml") and b"oleObj" in d]
    assert not [n for n, d in members.items() if d.startswith(OLE2)]


def test_a_vba_project_under_another_name_is_refused(tmp_path: Path) -> None:
    vba = OLE2 + b"\0" * 56 + "_VBA_PROJECT".encode("utf-16-le") + b"\0" * 64
    hidden = rezip(shipped(), tmp_path / "hidden.pptx", lambda name, data: _add_rel(
        data, "rId90", "vbaProject", "media/image7.png")
        if name == "ppt/_rels/presentation.xml.rels" else None,
        extra={"ppt/media/image7.png": vba})
    with pytest.raises(TemplateError) as info:
        load_brand(str(hidden))
    assert "含有宏(.pptm/.potm),不会使用:宏代码会被带进每一份汇报" in info.value.text("zh")
    assert info.value.text("zh").endswith("(宏部件:ppt/media/image7.png)")
    loose = rezip(shipped(), tmp_path / "loose.pptx", lambda n, d: None,
                  extra={"ppt/media/logo.emf": vba})  # not related from anywhere: still found
    with pytest.raises(TemplateError, match=r"宏部件:ppt/media/logo\.emf"):
        load_brand(str(loose))
