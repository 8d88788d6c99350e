"""A user's own template, whatever its size: decks built on PowerPoint's standard layouts at
16:9 (33.867 x 19.05 cm), LibreOffice's 16:9 (28 x 15.75 cm), the older 16:9 (25.4 x 14.29 cm),
16:10 and 4:3 (25.4 x 19.05 cm), one of them on a busy picture background: every shape lies
on the slide, content stays inside the template's body area and clear of its logo, and every
text reads on what it sits on."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu

from realclients import every_kind_deck
from xzbrief.deck.model import Deck
from xzbrief.render.brand import load_brand
from xzbrief.render.colours import contrast, large_text
from xzbrief.render.display import DImage
from xzbrief.render.layout import ChartBlock, ShapeBlock, TextBlock, ground_at, place_deck
from xzbrief.render.pptx_writer import render_pptx
from xzbrief.render.template_file import TemplateError

CM = 360000  # EMU
SIZES = {  # name: (width, height) in cm
    "ppt-16x9": (33.867, 19.05),
    "lo-16x9": (28.0, 15.75),
    "old-16x9": (25.4, 14.29),
    "16x10": (28.0, 17.5),
    "4x3": (25.4, 19.05),
}


def busy_picture(width: int = 400, height: int = 300) -> bytes:
    """A photo-like background: dark and light stripes and blotches."""
    img = Image.new("RGB", (width, height), (40, 60, 90))
    draw = ImageDraw.Draw(img)
    for k in range(0, width, 18):
        draw.rectangle([k, 0, k + 8, height], fill=(230, 220, 200) if k % 36 else (20, 20, 20))
    for k in range(12):
        draw.ellipse([k * 33, (k * 47) % height, k * 33 + 60, (k * 47) % height + 60],
                     fill=(200, 40 + k * 15, 30))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def template(tmp_path: Path, name: str, picture: bool = False) -> Path:
    """PowerPoint's standard layouts (as python-pptx ships them, drawn for 25.4 x 19.05 cm)
    redrawn for another slide size, as a template made at that size is; with a small logo
    on the master, and optionally a full-slide picture behind everything."""
    w_cm, h_cm = SIZES[name]
    prs = Presentation()
    fx = w_cm * CM / prs.slide_width
    fy = h_cm * CM / prs.slide_height
    prs.slide_width, prs.slide_height = Emu(round(w_cm * CM)), Emu(round(h_cm * CM))
    master = prs.slide_master
    for owner in [*prs.slide_layouts, master]:  # layouts first: they inherit from the master
        for shape in owner.placeholders:
            shape.left, shape.top = Emu(round(shape.left * fx)), Emu(round(shape.top * fy))
            shape.width, shape.height = (Emu(round(shape.width * fx)),
                                         Emu(round(shape.height * fy)))
    logo = io.BytesIO()
    Image.new("RGB", (64, 64), (0, 80, 160)).save(logo, "PNG")
    side = round(1.6 * CM)
    master_picture(master, logo.getvalue(), prs.slide_width - side - round(0.6 * CM),
                   prs.slide_height - side - round(0.5 * CM), side, side, 900)
    if picture:  # behind everything on the master
        master_picture(master, busy_picture(), 0, 0, prs.slide_width, prs.slide_height, 901,
                       first=True)
    path = tmp_path / f"{name}{'-picture' if picture else ''}.pptx"
    prs.save(str(path))
    return path


def master_picture(master: Any, blob: bytes, x: int, y: int, cx: int, cy: int, shape_id: int,
                   first: bool = False) -> None:
    """A picture on the slide master (python-pptx has no add_picture there)."""
    _part, rid = master.part.get_or_add_image_part(io.BytesIO(blob))
    pic = CT_Picture.new_pic(shape_id, f"图片 {shape_id}", "", rid, x, y, cx, cy)
    tree = master.shapes._spTree
    if first:
        tree.insert(2, pic)
    else:
        tree.append(pic)


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    deck: Deck = every_kind_deck(tmp_path_factory.mktemp("every"))
    return deck


def shapes_inside(data: bytes) -> list[str]:
    """Every shape of every slide, outside the slide: its name and where it is."""
    prs = Presentation(io.BytesIO(data))
    w, h = prs.slide_width, prs.slide_height
    out = []
    tol = 12700  # 1 pt
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.left is None:
                continue  # a placeholder placed by its layout
            if (shape.left < -tol or shape.top < -tol or shape.left + shape.width > w + tol
                    or shape.top + shape.height > h + tol):
                out.append(f"{number}:{shape.name}")
    return out


def check_contrast(every: Deck, path: Path) -> int:
    brand = load_brand(str(path))
    placed, _ = place_deck(every, brand)
    checked = 0
    for number, ps in enumerate(placed, start=1):
        behind = [b for b in ps.blocks if isinstance(b, ShapeBlock) and b.behind]
        if ps.layout.busy:
            assert behind, (number, ps.title)  # a panel under the text on the picture
        if ps.title:
            fill = ground_at(ps.title_rect, ps.layout, behind, brand.background)
            assert contrast(ps.layout.title_color, fill) >= 3, (number, ps.title, fill)
        for i, block in enumerate(ps.blocks):
            if not isinstance(block, TextBlock):
                continue
            fill = ground_at(block.rect, ps.layout, ps.blocks[:i], brand.background)
            for para in block.paras:
                for run in para.runs:
                    need = 3.0 if large_text(run.size, run.bold) else 4.5
                    assert contrast(run.color, fill) >= need, (number, run.text, fill)
                    checked += 1
    return checked


@pytest.mark.parametrize("name", list(SIZES))
def test_a_deck_on_a_template_of_any_size_stays_on_the_slide(every: Deck, tmp_path: Path,
                                                             name: str) -> None:
    path = template(tmp_path, name)
    brand = load_brand(str(path))
    data, _warnings = render_pptx(every, brand)
    assert shapes_inside(data) == []
    placed, _ = place_deck(every, brand)
    logo = next(d for d in brand.layouts["content"].decor if isinstance(d, DImage))
    for ps in placed:
        for block in ps.blocks:
            r = block.rect
            assert r.x >= -0.5 and r.y >= -0.5, (name, ps.title, block)
            assert r.right <= brand.width + 0.5 and r.bottom <= brand.height + 0.5, \
                (name, ps.title, r)
            if isinstance(block, ChartBlock):  # charts keep clear of the master's logo
                assert r.right <= logo.x or r.bottom <= logo.y, (name, ps.title)
            named = getattr(block, "name", "")
            if named == "章节":  # the section label: in the marking's band, clear of the
                # template's title and logo
                t = ps.title_rect
                assert r.bottom <= t.y + 0.5 or r.right <= t.x or r.x >= t.right, (name, r)
            if ps.role == "content" and named not in ("标记", "文字底板", "章节"):
                # below the template's own title box, and never on its logo
                assert r.y >= ps.title_rect.bottom - 0.5, (name, ps.title, named)
                assert (r.right <= logo.x or r.x >= logo.x + logo.w or r.bottom <= logo.y
                        or r.y >= logo.y + logo.h), (name, ps.title, named)
        for block in ps.blocks:
            if isinstance(block, TextBlock) and block.name == "要点":
                assert min(p.runs[0].size for p in block.paras) >= 12
    assert check_contrast(every, path) > 100


@pytest.mark.parametrize("name", ["lo-16x9", "4x3"])
def test_text_on_a_picture_background_gets_a_panel(every: Deck, tmp_path: Path,
                                                   name: str) -> None:
    path = template(tmp_path, name, picture=True)
    brand = load_brand(str(path))
    assert all(lay.busy for lay in brand.layouts.values())
    data, _ = render_pptx(every, brand)
    assert shapes_inside(data) == []
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:  # the panel is the slide's first shape: under its title
        first = next(iter(slide.shapes))
        assert first.name == "文字底板", [s.name for s in slide.shapes][:3]
    assert check_contrast(every, path) > 100


def test_a_portrait_page_is_refused_with_the_fix(tmp_path: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(19 * CM), Emu(27 * CM)
    path = tmp_path / "portrait.pptx"
    prs.save(str(path))
    with pytest.raises(TemplateError) as err:
        load_brand(str(path))
    assert "不是横向演示页面" in err.value.zh and "幻灯片大小" in err.value.zh




@pytest.mark.parametrize("names", [
    {"Title Slide": "标题幻灯片", "Title Only": "仅标题", "Section Header": "节标题"},
    {"Title Slide": "title slide", "Title Only": "TITLE ONLY", "Section Header": "Section Title"},
    {"Title Slide": "Title Slide", "Title Only": "Title, Content", "Title and Content": "x",
     "Section Header": "Section Header"},
])
def test_layouts_are_found_by_their_chinese_or_english_names(tmp_path: Path,
                                                             names: dict[str, str]) -> None:
    prs = Presentation()
    for lay in prs.slide_layouts:
        if lay.name in names:
            lay._element.cSld.set("name", names[lay.name])
    path = tmp_path / "named.pptx"
    prs.save(str(path))
    brand = load_brand(str(path))
    assert brand.layouts["cover"].name == names["Title Slide"]
    assert brand.layouts["section"].name == names["Section Header"]
    assert brand.layouts["content"].name == names["Title Only"]
    # the missing ones fall back to the content layout, named in one warning
    assert tuple(w.text("zh") for w in brand.warnings) == (f"模板 named.pptx 没有「目录」「结束」版式,已改用"
                              f"「{names['Title Only']}」版式",)


def test_text_on_a_gradient_background_gets_a_panel(every: Deck, tmp_path: Path) -> None:
    """A master whose background is a gradient (dark blue to light): every layout is busy,
    every slide gets its panel, and every text reads."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    path = template(tmp_path, "16x10")
    prs = Presentation(str(path))
    c_sld = prs.slide_master._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}cSld")
    c_sld.insert(0, parse_xml(
        f"<p:bg {nsdecls('p', 'a')}><p:bgPr><a:gradFill><a:gsLst>"
        '<a:gs pos="0"><a:srgbClr val="0B2A5B"/></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="DDE7F5"/></a:gs></a:gsLst></a:gradFill>'
        "<a:effectLst/></p:bgPr></p:bg>"))
    prs.save(str(path))
    brand = load_brand(str(path))
    assert all(lay.busy for lay in brand.layouts.values())
    data, _ = render_pptx(every, brand)
    assert shapes_inside(data) == []
    assert check_contrast(every, path) > 100
