"""Brands: a template's layouts (found by name), theme colours and fonts, and its decoration
as display primitives for the preview.

Layouts are looked up by name, as pandoc does, so a bureau's own master works when its layouts
are called 封面 / 目录 / 章节 / 内容 / 结束 (or PowerPoint's default names). A missing optional
layout falls back to the content layout with a warning; a template without a usable content
layout (a title placeholder) is a clear error listing what is missing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.exc import InvalidXmlError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from xzbrief.deck.grid import EMU_PER_PT, Rect
from xzbrief.messages import Lang, Note, Run, join, note
from xzbrief.render.display import DImage, DLine, DRect, Primitive
from xzbrief.render.template_file import TemplateError, check_template
from xzbrief.resources import templates_dir

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}

BUILTIN = {"政务红": "gov_red.pptx", "科技蓝": "tech_blue.pptx", "生态绿": "eco_green.pptx"}
ALIASES = {"gov-red": "政务红", "gov_red": "政务红", "red": "政务红",
           "tech-blue": "科技蓝", "tech_blue": "科技蓝", "blue": "科技蓝",
           "eco-green": "生态绿", "eco_green": "生态绿", "green": "生态绿"}

# role -> names accepted, in order of preference (docs/templates.md lists them).
LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "cover": ("封面", "标题幻灯片", "标题页", "Title Slide"),
    "agenda": ("目录", "Agenda", "Contents"),
    "section": ("章节", "节标题", "Section Header", "Section Title"),
    "content": ("内容", "仅标题", "Title Only", "标题和内容", "Title and Content",
                "Title, Content", "标题，内容"),
    "closing": ("结束", "封底", "Closing", "End"),
}
# Placeholders PowerPoint keeps on the layout and python-pptx does not put on a new slide: a
# standard Title Slide's idx 10/11 are these, so cover text must not be sent to them.
NOT_COPIED = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
ASPECTS = (1.3, 2.1)  # width / height accepted: 4:3 (1.33) … 16:9 (1.78) … 2:1

FALLBACK = {"cover": "content", "agenda": "content", "section": "content", "closing": "content"}


@dataclass(frozen=True)
class Palette:
    primary: str
    secondary: str
    neutral: str
    dark: str
    light: str
    text: str = "333333"
    muted: str = "7F7F7F"
    accents: tuple[str, ...] = ()

    @property
    def chart_colours(self) -> tuple[str, ...]:
        """Series colours in order: the brand's main, its accent, a neutral, then the rest."""
        return (self.primary, self.secondary, self.neutral, *self.accents[3:])


@dataclass(frozen=True)
class LayoutInfo:
    role: str
    name: str
    index: int  # position in the master's layouts
    title: Rect | None  # the title placeholder, points
    title_size: float
    title_color: str
    title_bold: bool
    title_align: str
    placeholders: dict[int, Rect]  # other placeholders by idx
    decor: tuple[Primitive, ...]  # master (if shown) + layout shapes, for the preview
    styles: dict[int, TextStyle] = field(default_factory=dict)  # the placeholders' own text
    busy: bool = False  # a picture or gradient behind the text: text needs a panel


@dataclass(frozen=True)
class TextStyle:
    """What a placeholder's text looks like in the template (0 / '' where it does not say)."""

    size: float
    color: str
    bold: bool
    align: str


@dataclass(frozen=True)
class Brand:
    name: str
    path: Path
    data: bytes = field(repr=False)  # the checked template package
    palette: Palette
    font_latin: str
    font_ea: str
    layouts: dict[str, LayoutInfo]
    background: str
    width: float  # points
    height: float
    warnings: tuple[Note, ...] = ()

    def open(self) -> Any:
        """A fresh python-pptx Presentation of the template, its example slides removed."""
        prs = Presentation(io.BytesIO(self.data))
        sld_ids = prs.slides._sldIdLst
        for sld in list(sld_ids):
            prs.part.drop_rel(sld.rId)
            sld_ids.remove(sld)
        return prs


def builtin_names() -> list[str]:
    return list(BUILTIN)


def brand_label(spec: str, lang: Lang) -> str:
    """A brand as the user sees it: a built-in one by its name in ``lang`` (the recipe keeps
    the Chinese name), one's own template as given."""
    name = ALIASES.get(spec.strip().lower(), spec.strip())
    if name in BUILTIN:
        return note(f"brand-{name}").text(lang)
    return spec


def brand_about(name: str, lang: Lang) -> str:
    """A built-in brand's name and what it suits, in ``lang``."""
    sep = ":" if lang == "zh" else ": "
    return brand_label(name, lang) + sep + note(f"brand-about-{name}").text(lang)


def resolve_brand_path(spec: str, base_dir: Path | None = None) -> tuple[str, Path]:
    """A built-in name (or alias) or a path to a .pptx/.potx; raises TemplateError."""
    name = ALIASES.get(spec.strip().lower(), spec.strip())
    if name in BUILTIN:
        return name, templates_dir() / BUILTIN[name]
    path = Path(spec).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.exists():
        raise TemplateError(note("template-not-found", spec=spec, known=join(BUILTIN)))
    return path.stem, path


def load_brand(spec: str, base_dir: Path | None = None) -> Brand:
    name, path = resolve_brand_path(spec, base_dir)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(note("template-unreadable", path=str(path))) from exc
    return _load(name, path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(name: str, path: Path, _mtime: int, _size: int) -> Brand:
    try:
        return _read(name, path)
    except TemplateError:
        raise
    except Exception as exc:  # what check_template could not repair: said, never exit 3
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise TemplateError(note("template-incomplete", file=path.name, reason=reason)) from exc


def _read(name: str, path: Path) -> Brand:
    checked = check_template(path)
    try:
        prs = Presentation(io.BytesIO(checked.data))
    except Exception as exc:  # python-pptx raises many kinds on a broken package
        raise TemplateError(note("template-cannot-open", file=path.name, reason=str(exc))) \
            from exc
    warnings = list(checked.warnings)
    if len(prs.slides):
        warnings.append(note("template-slides-ignored", file=path.name, n=len(prs.slides)))
    width, height = _pt(prs.slide_width), _pt(prs.slide_height)
    # any landscape slide from 4:3 to 2:1 (16:9, 16:10, LibreOffice's 28 x 15.75 cm …): the
    # layout works on the template's own grid; portrait or square pages are refused
    if height <= 0 or not ASPECTS[0] <= width / height <= ASPECTS[1]:
        raise TemplateError(note("template-not-landscape", file=path.name,
                                 width=width / 28.35, height=height / 28.35))
    master = prs.slide_master
    theme = _theme_xml(master)
    palette = _palette(theme)
    latin, ea = _fonts(theme)
    background = _background(master._element) or "FFFFFF"
    master_decor = tuple(_decor(master.shapes))
    layouts = _layouts(prs, master_decor, palette, path.name, warnings)
    return Brand(name, path, checked.data, palette, latin, ea, layouts, background,
                 _pt(prs.slide_width), _pt(prs.slide_height), tuple(warnings))


def _theme_xml(master: Any) -> Any:
    part = master.part.part_related_by(RT.THEME)
    return etree.fromstring(part.blob)


def _colour(el: Any, default: str) -> str:
    if el is None:
        return default
    srgb = el.find("a:srgbClr", NS)
    if srgb is not None:
        return str(srgb.get("val", default)).upper()
    sys = el.find("a:sysClr", NS)
    if sys is not None:
        return str(sys.get("lastClr", default)).upper()
    return default


def _palette(theme: Any) -> Palette:
    scheme = theme.find(".//a:clrScheme", NS)

    def c(tag: str, default: str) -> str:
        return _colour(scheme.find(f"a:{tag}", NS) if scheme is not None else None, default)

    accents = tuple(c(f"accent{i}", d) for i, d in enumerate(
        ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"), start=1))
    return Palette(primary=accents[0], secondary=accents[1], neutral=accents[2],
                   dark=c("dk2", "1F1F1F"), light=c("lt2", "F2F2F2"), accents=accents)


def _fonts(theme: Any) -> tuple[str, str]:
    minor = theme.find(".//a:minorFont", NS)
    latin = ea = ""
    if minor is not None:
        latin_el = minor.find("a:latin", NS)
        ea_el = minor.find("a:ea", NS)
        latin = latin_el.get("typeface", "") if latin_el is not None else ""
        ea = ea_el.get("typeface", "") if ea_el is not None else ""
        if not ea:
            hans = minor.find("a:font[@script='Hans']", NS)
            ea = hans.get("typeface", "") if hans is not None else ""
    return latin or "Arial", ea or "微软雅黑"


def _background(el: Any) -> str | None:
    fill = el.find(".//p:bg/p:bgPr/a:solidFill", NS)
    return _colour(fill, "FFFFFF") if fill is not None else None


def _name_key(name: str) -> str:
    """Layout names compared as a user reads them: case, spaces and ，/, alike."""
    return "".join(name.replace("，", ",").split()).casefold()


def _busy(layout: Any, master: Any, decor: tuple[Primitive, ...], area: float) -> bool:
    """A picture or gradient behind the layout's text: its own background, else the
    master's, or a picture covering a quarter of the slide."""
    own = layout._element.find("p:cSld/p:bg", NS)
    bg = own if own is not None else master._element.find("p:cSld/p:bg", NS)
    if bg is not None and (bg.find(".//a:blipFill", NS) is not None
                           or bg.find(".//a:gradFill", NS) is not None):
        return True
    return any(isinstance(d, DImage) and d.w * d.h >= area * 0.25 for d in decor)


def _pt(v: Any) -> float:
    return (v or 0) / EMU_PER_PT


def _decor(shapes: Any) -> list[Primitive]:
    """Simple master/layout shapes as display primitives (rects, lines, pictures)."""
    out: list[Primitive] = []
    for shp in shapes:
        try:
            if not shp.is_placeholder:
                out += _shape_decor(shp)
        except (InvalidXmlError, ValueError, KeyError, AttributeError):
            continue  # a shape python-pptx cannot read is left out of the preview only
    return out


def _shape_decor(shp: Any) -> list[Primitive]:
    x, y, w, h = _pt(shp.left), _pt(shp.top), _pt(shp.width), _pt(shp.height)
    try:
        kind = shp.shape_type
    except NotImplementedError:  # a shape without geometry: drawn as a rectangle
        kind = None
    if kind == MSO_SHAPE_TYPE.PICTURE:
        return [DImage(x, y, w, h, shp.image.blob)]
    sp_pr = shp._element.find("p:spPr", NS)
    if sp_pr is None:
        return []
    fill = sp_pr.find("a:solidFill", NS)
    line = sp_pr.find("a:ln", NS)
    line_fill = line.find("a:solidFill", NS) if line is not None else None
    geom = sp_pr.find("a:prstGeom", NS)
    prst = geom.get("prst") if geom is not None else "rect"
    line_w = float(line.get("w", "9525")) / EMU_PER_PT if line is not None else 0.75
    if prst == "line" or kind == MSO_SHAPE_TYPE.LINE:
        if line_fill is None:
            return []
        return [DLine(((x, y), (x + w, y + h)), _colour(line_fill, "000000"), line_w)]
    return [DRect(x, y, w, h, _colour(fill, "000000") if fill is not None else None,
                  _colour(line_fill, "000000") if line_fill is not None else None, line_w)]


def _text_style(ph: Any, master: Any, master_style: str = "p:titleStyle") -> TextStyle:
    """Size, colour, bold and alignment of a placeholder's first level, from its own list
    style or the master's title (or body) style; 0 / '' where neither says."""
    candidates = [ph._element.find(".//a:lstStyle/a:lvl1pPr", NS),
                  master._element.find(f".//{master_style}/a:lvl1pPr", NS)]
    size, colour, bold, align = 0.0, "", None, ""
    for lvl in candidates:
        if lvl is None:
            continue
        rpr = lvl.find("a:defRPr", NS)
        if rpr is not None:
            size = size or float(rpr.get("sz", "0")) / 100
            if not colour and rpr.find("a:solidFill", NS) is not None:
                colour = _colour(rpr.find("a:solidFill", NS), "")
            if bold is None and rpr.get("b") is not None:
                bold = rpr.get("b") in ("1", "true")
        align = align or lvl.get("algn", "")
    return TextStyle(size, colour, bool(bold), {"ctr": "c", "r": "r"}.get(align, "l"))


def _title_style(ph: Any, master: Any, palette: Palette) -> tuple[float, str, bool, str]:
    style = _text_style(ph, master)
    return style.size or 28.0, style.color or palette.dark, style.bold, style.align


def _layouts(prs: Any, master_decor: tuple[Primitive, ...], palette: Palette, file: str,
             warnings: list[Note]) -> dict[str, LayoutInfo]:
    by_name = {layout.name.strip(): (i, layout) for i, layout in enumerate(prs.slide_layouts)}
    by_key = {_name_key(name): hit for name, hit in reversed(list(by_name.items()))}
    found: dict[str, LayoutInfo] = {}
    for role, names in LAYOUT_NAMES.items():
        hit = next((by_key[_name_key(n)] for n in names if _name_key(n) in by_key), None)
        if hit is None:
            continue
        index, layout = hit
        title = None
        size, colour, bold, align = 28.0, palette.dark, True, "l"
        others: dict[int, Rect] = {}
        styles: dict[int, TextStyle] = {}
        for ph in layout.placeholders:
            rect = Rect(_pt(ph.left), _pt(ph.top), _pt(ph.width), _pt(ph.height))
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) and title is None:
                title = rect
                size, colour, bold, align = _title_style(ph, prs.slide_master, palette)
            elif kind not in NOT_COPIED:
                others[ph.placeholder_format.idx] = rect
                styles[ph.placeholder_format.idx] = _text_style(ph, prs.slide_master,
                                                                "p:bodyStyle")
        show_master = layout._element.get("showMasterSp", "1") not in ("0", "false")
        decor = (master_decor if show_master else ()) + tuple(_decor(layout.shapes))
        found[role] = LayoutInfo(role, layout.name, index, title, size, colour, bold, align,
                                 others, decor, styles,
                                 _busy(layout, prs.slide_master, decor,
                                       _pt(prs.slide_width) * _pt(prs.slide_height)))
    content = found.get("content")
    if content is None or content.title is None:
        raise TemplateError(note("template-no-content-layout", file=file,
                                 wanted=" / ".join(LAYOUT_NAMES["content"]),
                                 have=join(by_name) if by_name else note("none")))
    missing = [role for role in FALLBACK if role not in found]
    if missing:  # named once, not once per slide kind
        firsts = [LAYOUT_NAMES[role][0] for role in missing]
        missed = Run(tuple(note("quoted-name", name=n) for n in firsts))
        warnings.append(note("template-layout-fallback", file=file, missed=missed,
                             used=content.name))
    for role in missing:
        found[role] = replace(found[FALLBACK[role]], role=role)
    return found
