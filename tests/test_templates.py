"""Brand templates: the three built-in brands, and a user's own master — good, renamed,
re-ordered, incomplete and broken ones (the way pandoc tests its PowerPoint writer). Every
broken template is made from a shipped one with python-pptx or zipfile in tmp_path."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Pt

from realclients import seen
from workbooks import basic_sheets, write_workbook
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.model import SlideKind
from xzbrief.deck.planner import plan_deck
from xzbrief.recipe import Recipe
from xzbrief.render.brand import BUILTIN, LAYOUT_NAMES, load_brand, resolve_brand_path
from xzbrief.render.pptx_writer import render_pptx
from xzbrief.render.template_file import TemplateError
from xzbrief.resources import templates_dir

ROLE_OF_KIND = {SlideKind.COVER: "cover", SlideKind.AGENDA: "agenda",
                SlideKind.SECTION: "section", SlideKind.CLOSING: "closing"}


def derived(tmp_path: Path, edit: Callable[[Any], None], name: str = "我的模板.pptx") -> Path:
    """A copy of the 政务红 template changed by ``edit(presentation)``."""
    prs = Presentation(str(templates_dir() / BUILTIN["政务红"]))
    edit(prs)
    path = tmp_path / name
    prs.save(str(path))
    return path


def layout(prs: Any, name: str) -> Any:
    return next(lay for lay in prs.slide_layouts if lay.name == name)


def rename(prs: Any, names: dict[str, str]) -> None:
    for lay in prs.slide_layouts:
        if lay.name in names:
            lay._element.cSld.set("name", names[lay.name])


def remove(prs: Any, *names: str) -> None:
    for name in names:
        prs.slide_layouts.remove(layout(prs, name))


def rezip(src: Path, dst: Path, change: Callable[[str, bytes], bytes | None],
          extra: dict[str, bytes] | None = None) -> Path:
    """Copy a package member by member; ``change`` returns new bytes (or None to keep)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(info.filename, data) or data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def render(tmp_path: Path, template: Path | str) -> tuple[Any, list[str], list[SlideKind]]:
    """A small deck on the template: (presentation read back, warnings, slide kinds)."""
    book = write_workbook(tmp_path / "book.xlsx", basic_sheets())
    dataset = load_dataset(book).dataset
    assert dataset is not None
    deck = plan_deck(dataset, Recipe(title="关于工业经济运行情况的汇报", subtitle="副标题",
                                     organisation="市工信局", date="2025年12月"))
    brand = load_brand(str(template))
    data, layout_warnings = render_pptx(deck, brand)
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(deck.slides)
    said = [w.text("zh") for w in (*brand.warnings, *layout_warnings)]  # as the CLI prints them
    return prs, said, [s.kind for s in deck.slides]


def used_layouts(prs: Any, kinds: list[SlideKind]) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for slide, kind in zip(prs.slides, kinds, strict=True):
        used.setdefault(ROLE_OF_KIND.get(kind, "content"), set()).add(slide.slide_layout.name)
    return used


# --- built-in brands ----------------------------------------------------------------------
@pytest.mark.parametrize("name", list(BUILTIN))
def test_builtin_brands(tmp_path: Path, name: str) -> None:
    brand = load_brand(name)
    assert brand.warnings == ()
    assert set(brand.layouts) == set(LAYOUT_NAMES)
    assert {lay.name for lay in brand.layouts.values()} == {"封面", "目录", "章节", "内容", "结束"}
    assert brand.font_ea and brand.font_latin
    prs, warnings, kinds = render(tmp_path, name)
    assert warnings == []
    assert used_layouts(prs, kinds) == {"cover": {"封面"}, "agenda": {"目录"},
                                        "section": {"章节"}, "content": {"内容"},
                                        "closing": {"结束"}}
    cover = prs.slides[0]
    texts = {ph.placeholder_format.idx: seen(ph.text_frame.text) for ph in cover.placeholders}
    assert texts == {0: "关于工业经济运行情况的汇报", 1: "副标题", 10: "市工信局", 11: "2025年12月"}


@pytest.mark.parametrize(("spec", "name"), [("gov-red", "政务红"), ("BLUE", "科技蓝"),
                                            ("eco_green", "生态绿")])
def test_brand_aliases(spec: str, name: str) -> None:
    assert resolve_brand_path(spec)[0] == name


def test_unknown_brand_lists_the_builtin_ones() -> None:
    with pytest.raises(TemplateError) as info:
        load_brand("紫色")
    assert "内置品牌有:政务红、科技蓝、生态绿" in info.value.zh


# --- a user's own master --------------------------------------------------------------------
@pytest.mark.parametrize("names", [
    {"封面": "Title Slide", "章节": "Section Header", "内容": "Title Only", "结束": "End",
     "目录": "Title and Content"},
    {"封面": "标题幻灯片", "章节": "节标题", "内容": "仅标题", "结束": "封底", "目录": "Agenda"},
])
def test_powerpoints_default_layout_names_work(tmp_path: Path, names: dict[str, str]) -> None:
    path = derived(tmp_path, lambda prs: rename(prs, names))
    prs, warnings, kinds = render(tmp_path, path)
    used = used_layouts(prs, kinds)
    assert used["cover"] == {names["封面"]}
    assert used["section"] == {names["章节"]}
    assert used["content"] == {names["内容"]}
    assert used["closing"] == {names["结束"]}
    if names["目录"] == "Agenda":
        assert used["agenda"] == {"Agenda"} and warnings == []
    else:  # 「Title and Content」 is a content name, not an agenda name: falls back
        assert used["agenda"] == {names["内容"]}
        assert warnings == [f"模板 {path.name} 没有「目录」版式,已改用「{names['内容']}」版式"]


def test_missing_optional_layouts_fall_back_with_a_warning(tmp_path: Path) -> None:
    path = derived(tmp_path, lambda prs: remove(prs, "目录", "章节", "结束"))
    prs, warnings, kinds = render(tmp_path, path)
    # the fallback named once for every layout it stands in for
    assert warnings == [f"模板 {path.name} 没有「目录」「章节」「结束」版式,已改用「内容」版式"]
    used = used_layouts(prs, kinds)
    assert used["agenda"] == used["section"] == used["closing"] == {"内容"}
    titles = [seen(s.shapes.title.text_frame.text) for s in prs.slides]
    assert "一、产业升级" in titles and titles[-1] == "以上汇报，请批评指正"


def test_missing_cover_falls_back_and_keeps_the_cover_text(tmp_path: Path) -> None:
    path = derived(tmp_path, lambda prs: remove(prs, "封面"))
    prs, warnings, _ = render(tmp_path, path)
    assert warnings == [f"模板 {path.name} 没有「封面」版式,已改用「内容」版式"]
    cover_text = "\n".join(seen(s.text_frame.text) for s in prs.slides[0].shapes if s.has_text_frame)
    for part in ("关于工业经济运行情况的汇报", "副标题", "市工信局", "2025年12月"):
        assert part in cover_text


def test_no_content_layout_is_a_clear_error(tmp_path: Path) -> None:
    path = derived(tmp_path, lambda prs: remove(prs, "内容"))
    with pytest.raises(TemplateError) as info:
        load_brand(str(path))
    assert info.value.zh == (
        f"模板 {path.name} 缺少带标题占位符的内容版式(名称应为 内容 / 仅标题 / Title Only / "
        "标题和内容 / Title and Content / Title, Content / 标题，内容 之一);"
        "模板中的版式有:封面、目录、章节、结束")
    assert "its layouts are: 封面, 目录, 章节, 结束" in info.value.en


def test_content_layout_without_a_title_placeholder_is_a_clear_error(tmp_path: Path) -> None:
    def drop_title(prs: Any) -> None:
        lay = layout(prs, "内容")
        for ph in list(lay.placeholders):
            ph._element.getparent().remove(ph._element)

    path = derived(tmp_path, drop_title)
    with pytest.raises(TemplateError, match="缺少带标题占位符的内容版式"):
        load_brand(str(path))


def test_a_closing_layout_without_a_title_placeholder_shows_its_title_in_both(
        tmp_path: Path) -> None:
    from xzbrief.deck import grid
    from xzbrief.render.display import DText
    from xzbrief.render.preview import deck_display

    def drop_title(prs: Any) -> None:
        lay = layout(prs, "结束")
        for ph in list(lay.placeholders):
            ph._element.getparent().remove(ph._element)

    path = derived(tmp_path, drop_title)
    prs, _, kinds = render(tmp_path, path)
    closing = prs.slides[kinds.index(SlideKind.CLOSING)]
    (box,) = [sh for sh in closing.shapes if sh.has_text_frame and sh.name.split(" [xz")[0] == "标题"]
    title = seen(box.text_frame.text)
    assert title and box.left == Pt(grid.TITLE.x) and box.top == Pt(grid.TITLE.y)
    book = write_workbook(tmp_path / "book.xlsx", basic_sheets())
    dataset = load_dataset(book).dataset
    assert dataset is not None
    deck = plan_deck(dataset, Recipe(title="关于工业经济运行情况的汇报"))
    shown = deck_display(deck, load_brand(str(path)))[-1]
    (painted,) = [t for t in shown.items if isinstance(t, DText) and "".join(t.lines) == title]
    assert (painted.x, painted.y) == (grid.TITLE.x, grid.TITLE.y)  # where the deck has it


def test_reordered_layouts_are_still_found_by_name(tmp_path: Path) -> None:
    def reverse(prs: Any) -> None:
        lst = prs.slide_master._element.sldLayoutIdLst
        ids = list(lst)
        for el in ids:
            lst.remove(el)
        for el in reversed(ids):
            lst.append(el)

    path = derived(tmp_path, reverse)
    assert next(iter(Presentation(str(path)).slide_layouts)).name == "结束"
    prs, warnings, kinds = render(tmp_path, path)
    assert warnings == []
    assert used_layouts(prs, kinds)["content"] == {"内容"}
    assert used_layouts(prs, kinds)["cover"] == {"封面"}


def test_example_slides_in_a_template_are_left_out(tmp_path: Path) -> None:
    def add_example(prs: Any) -> None:
        slide = prs.slides.add_slide(layout(prs, "内容"))
        slide.shapes.title.text = "示例页:请勿出现在汇报中"

    path = derived(tmp_path, add_example)
    prs, warnings, _ = render(tmp_path, path)
    assert warnings == [f"模板 {path.name} 中的 1 张幻灯片不会出现在汇报中"]
    assert all("示例页" not in seen(s.shapes.title.text_frame.text) for s in prs.slides)


# --- file kinds: .potx converted, .pptm refused -------------------------------------------
PRESENTATION_CT = b"presentationml.presentation.main+xml"


def test_potx_is_converted(tmp_path: Path) -> None:
    src = templates_dir() / BUILTIN["科技蓝"]
    potx = rezip(src, tmp_path / "单位模板.potx", lambda name, data: data.replace(
        PRESENTATION_CT, b"presentationml.template.main+xml")
        if name == "[Content_Types].xml" else None)
    prs, warnings, _ = render(tmp_path, potx)
    assert warnings == ["模板 单位模板.potx 是 .potx 模板文件,已按演示文稿读取"]
    assert len(prs.slides) > 5


def test_pptm_is_refused_with_the_reason(tmp_path: Path) -> None:
    src = templates_dir() / BUILTIN["政务红"]
    pptm = rezip(src, tmp_path / "宏模板.pptm", lambda name, data: data.replace(
        PRESENTATION_CT, b"ms-powerpoint.presentation.macroEnabled.main+xml")
        if name == "[Content_Types].xml" else None, extra={"ppt/vbaProject.bin": b"\0" * 64})
    with pytest.raises(TemplateError) as info:
        load_brand(str(pptm))
    assert "含有宏(.pptm/.potm),不会使用:宏代码会被带进每一份汇报" in info.value.zh
    assert "contains macros" in info.value.en


# --- external links ---------------------------------------------------------------------------
def test_external_hyperlinks_are_removed(tmp_path: Path) -> None:
    def add_link(prs: Any) -> None:
        lay = layout(prs, "内容")
        rid = lay.part.relate_to("http://example.com", RT.HYPERLINK, is_external=True)
        lay.shapes._spTree.append(parse_xml(
            f'<p:sp {nsdecls("p", "a", "r")}><p:nvSpPr><p:cNvPr id="99" name="单位网站">'
            f'<a:hlinkClick r:id="{rid}"/><a:hlinkHover r:id="{rid}"/></p:cNvPr>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{Pt(700)}" y="{Pt(500)}"/><a:ext cx="{Pt(100)}" '
            f'cy="{Pt(20)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN">'
            f'<a:hlinkClick r:id="{rid}"/></a:rPr><a:t>单位网站</a:t>'
            "</a:r></a:p></p:txBody></p:sp>"))

    path = derived(tmp_path, add_link)
    with zipfile.ZipFile(path) as zf:
        assert any(b'TargetMode="External"' in zf.read(n) for n in zf.namelist()
                   if n.endswith(".rels"))
    prs, warnings, _ = render(tmp_path, path)
    assert warnings == [f"模板 {path.name} 中的 1 个外部超链接已移除"]
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            assert b'TargetMode="External"' not in data, name
        # and no part points at a relationship it no longer has (PowerPoint would "repair")
        for name in zf.namelist():
            if not name.endswith(".xml") or "_rels" in name:
                continue
            folder, _, file = name.rpartition("/")
            rels = f"{folder}/_rels/{file}.rels"
            known = set(re.findall(rb'Id="([^"]+)"', zf.read(rels))) \
                if rels in zf.namelist() else set()
            used = set(re.findall(rb'r:(?:id|embed|link|pict)="([^"]+)"', zf.read(name)))
            assert used <= known, (name, used - known)
            assert b"example.com" not in data, name


def test_external_linked_image_is_refused(tmp_path: Path) -> None:
    def add_linked_image(prs: Any) -> None:
        lay = layout(prs, "内容")
        lay.part.relate_to(r"\\fileserver\share\logo.png", RT.IMAGE, is_external=True)

    path = derived(tmp_path, add_linked_image)
    with pytest.raises(TemplateError) as info:
        load_brand(str(path))
    assert r"\\fileserver\share\logo.png" in info.value.zh
    assert "含有指向外部的链接" in info.value.zh


# --- broken files -------------------------------------------------------------------------------
def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    src = templates_dir() / BUILTIN["政务红"]
    bomb = rezip(src, tmp_path / "bomb.pptx", lambda name, data: None,
                 extra={"ppt/media/filler.bin": b"\0" * (24 * 1024 * 1024)})
    with pytest.raises(TemplateError) as info:
        load_brand(str(bomb))
    assert info.value.zh.startswith("模板 bomb.pptx:文件解压后异常巨大")


def test_truncated_template_is_refused(tmp_path: Path) -> None:
    data = (templates_dir() / BUILTIN["政务红"]).read_bytes()
    cut = tmp_path / "cut.pptx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(TemplateError) as info:
        load_brand(str(cut))
    assert info.value.zh == "模板 cut.pptx:文件不完整或已损坏"


def test_not_a_pptx(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pptx"
    fake.write_text("这不是演示文稿", encoding="utf-8")
    with pytest.raises(TemplateError, match="不是 PowerPoint 文件"):
        load_brand(str(fake))
    book = write_workbook(tmp_path / "book.xlsx", basic_sheets())
    with pytest.raises(TemplateError, match="不是 PowerPoint 演示文稿"):
        load_brand(str(book))


# --- review findings -----------------------------------------------------------------------
def test_a_standard_powerpoint_template_keeps_the_cover_text(tmp_path: Path) -> None:
    """PowerPoint's own Title Slide has Date and Footer placeholders at idx 10 and 11; cover
    text sent there would vanish. It is written as text boxes instead."""
    prs = Presentation()  # python-pptx's default: PowerPoint's standard layouts
    prs.slide_width, prs.slide_height = 12192000, 6858000
    path = tmp_path / "standard.pptx"
    prs.save(str(path))
    deck, _warnings, _kinds = render(tmp_path, path)
    cover = " ".join(seen(sh.text_frame.text) for sh in deck.slides[0].shapes if sh.has_text_frame)
    assert "市工信局" in cover and "2025年12月" in cover


def test_a_four_by_three_template_is_laid_out_on_its_own_slide(tmp_path: Path) -> None:
    path = tmp_path / "old.pptx"
    Presentation().save(str(path))  # 10 x 7.5 in, PowerPoint's standard layouts
    deck, _warnings, _kinds = render(tmp_path, path)
    w, h = deck.slide_width, deck.slide_height
    assert (w, h) == (9144000, 6858000)
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.left is not None:
                assert shape.left >= 0 and shape.left + shape.width <= w + 12700, shape.name
                assert shape.top >= 0 and shape.top + shape.height <= h + 12700, shape.name


def test_an_external_link_written_with_single_quotes_is_still_caught(tmp_path: Path) -> None:
    base = templates_dir() / BUILTIN["政务红"]

    def change(name: str, data: bytes) -> bytes | None:
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            return data.replace(b"</Relationships>",
                                b"<Relationship Id='rIdX9' Type='http://schemas.openxmlformats"
                                b".org/officeDocument/2006/relationships/image' "
                                b"Target='file://///evil/share/x.png' TargetMode='External'/>"
                                b"</Relationships>")
        return None

    path = rezip(base, tmp_path / "linked.pptx", change)
    with pytest.raises(TemplateError) as err:
        load_brand(str(path))
    assert "evil/share/x.png" in err.value.zh


def test_the_templates_own_custom_properties_are_kept(tmp_path: Path) -> None:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    label = "MSIP_Label_政务内部_Enabled"

    def add_props(prs: Any) -> None:
        xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
               'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
               '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
               f'pid="2" name="{label}"><vt:lpwstr>true</vt:lpwstr></property>'
               '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" '
               'name="xzbrief.brand"><vt:lpwstr>旧品牌</vt:lpwstr></property></Properties>')
        part = Part(PackURI("/docProps/custom.xml"), "application/vnd.openxmlformats-"
                    "officedocument.custom-properties+xml", prs.part.package, xml.encode())
        prs.part.package.relate_to(part, RT.CUSTOM_PROPERTIES)

    prs, _, _ = render(tmp_path, derived(tmp_path, add_props))
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
    names = re.findall(r'name="([^"]+)"', custom)
    pids = re.findall(r'pid="(\d+)"', custom)
    assert names[0] == label and names.count("xzbrief.brand") == 1  # kept; ours replace
    assert "旧品牌" not in custom and "xzbrief.dataset.sha256" in names
    assert len(set(pids)) == len(pids)  # PowerPoint needs each pid once
