#!/usr/bin/env python
"""Generate xzbrief's three brand templates and their placeholder logos.

Run from the repository root::

    python tools/make_templates.py

It (re)writes

* ``templates/gov_red.pptx``    brand 政务红 (government red + gold)
* ``templates/tech_blue.pptx``  brand 科技蓝 (deep blue + cyan)
* ``templates/eco_green.pptx``  brand 生态绿 (green + fresh light green)
* ``assets/logo_<brand>.png``   512x512 abstract emblems, transparent background

Each template starts from python-pptx's default template (``pptx.Presentation()``) and is
reshaped with python-pptx + lxml: 16:9 slide size, exactly five named layouts
(封面, 目录, 章节, 内容, 结束), a master with the logo and brand rules, a rewritten theme
(colour scheme, 微软雅黑/Arial font scheme, flat format scheme without gradients or shadows),
fixed core properties and no slides.  The master and layouts only contain rectangles with a
solid fill, the logo picture and placeholders.

The output is deterministic: running the script twice gives byte-identical files (fixed core
property dates, fixed zip member timestamps, no random ids).
"""
from __future__ import annotations

import datetime as _dt
import io
import math
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "templates"
ASSETS_DIR = ROOT / "assets"

FIXED_TIME = _dt.datetime(2025, 12, 1, 0, 0, 0)
ZIP_TIME = (2025, 12, 1, 0, 0, 0)

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
NSMAP = {"a": NS_A, "p": NS_P, "r": NS_R}

SLIDE_W, SLIDE_H = 12192000, 6858000  # 13.333 in x 7.5 in (16:9)
SW = SLIDE_W / 914400  # slide width in inches (13.333…)
LAYOUT_NAMES = ["封面", "目录", "章节", "内容", "结束"]

# Fonts (theme): Latin and complex script Arial, East Asian 微软雅黑.
LATIN_FONT = "Arial"
EA_FONT = "微软雅黑"

BODY_GREY = "333333"
MUTED_GREY = "595959"
QUIET_LINE = "D9D9D9"


def emu(inches: float) -> int:
    """Inches to EMU, rounded to an integer."""
    return round(inches * 914400)


# --------------------------------------------------------------------------- brands
BRANDS = {
    "gov_red": {
        "name": "政务红",
        "colors": {
            "dk1": "1F1F1F", "lt1": "FFFFFF", "dk2": "7A0000", "lt2": "FBF1EE",
            "accent1": "C00000",  # government red (actual values)
            "accent2": "C9A227",  # gold
            "accent3": "6B7B8C",  # neutral grey-blue ("other")
            "accent4": "2E6DA4",  # steel blue (contrast to red for colour-blind readers)
            "accent5": "E08A1E",  # amber
            "accent6": "6A4C93",  # violet
            "hlink": "2E6DA4", "folHlink": "6A4C93",
        },
        "title_color": "A50000",
    },
    "tech_blue": {
        "name": "科技蓝",
        "colors": {
            "dk1": "1F1F1F", "lt1": "FFFFFF", "dk2": "082B66", "lt2": "EEF4FB",
            "accent1": "0B3D91",  # deep blue
            "accent2": "00A3D9",  # cyan
            "accent3": "6B7B8C",  # neutral grey-blue
            "accent4": "F28C28",  # orange (blue/orange is colour-blind safe)
            "accent5": "5E4FA2",  # indigo violet
            "accent6": "8FB339",  # olive green
            "hlink": "0B6FD1", "folHlink": "5E4FA2",
        },
        "title_color": "0B3D91",
    },
    "eco_green": {
        "name": "生态绿",
        "colors": {
            "dk1": "1F1F1F", "lt1": "FFFFFF", "dk2": "0F4D2E", "lt2": "EEF7F0",
            "accent1": "1E7B4B",  # green
            "accent2": "8CC63F",  # fresh light green
            "accent3": "6B7B8C",  # neutral grey-blue
            "accent4": "2F6DB5",  # blue
            "accent5": "E39B2D",  # amber
            "accent6": "8E5BA6",  # purple
            "hlink": "2F6DB5", "folHlink": "8E5BA6",
        },
        "title_color": "17613B",
    },
}


# --------------------------------------------------------------------------- logos
def _ring(draw, cx, cy, r, width, fill):
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=fill, width=width)


def _arc(draw, cx, cy, r, width, start, end, fill):
    draw.arc([cx - r, cy - r, cx + r, cy + r], start, end, fill=fill, width=width)


def _rgba(hexstr: str, alpha: int = 255):
    return (*tuple(int(hexstr[i:i + 2], 16) for i in (0, 2, 4)), alpha)


def draw_logo(brand: str) -> Image.Image:
    """Draw a 512x512 abstract emblem (no text) in the brand colours.

    These are generic placeholders for a bureau's own logo: replace
    ``assets/logo_<brand>.png`` (and the picture in the template) with the real emblem.
    """
    s = 4  # supersampling factor for smooth edges
    size = 512 * s
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size // 2
    col = BRANDS[brand]["colors"]
    p, q = _rgba(col["accent1"]), _rgba(col["accent2"])
    if brand == "gov_red":
        _ring(d, c, c, 236 * s, 30 * s, p)          # outer red ring
        _ring(d, c, c, 190 * s, 10 * s, q)          # inner gold ring
        d.ellipse([c - 160 * s, c - 160 * s, c + 160 * s, c + 160 * s], fill=p)
        # three rising gold bars on the red disc
        base = c + 92 * s
        for i, h in enumerate((70, 120, 170)):
            x0 = c - 86 * s + i * 64 * s
            d.rectangle([x0, base - h * s, x0 + 44 * s, base], fill=q)
        d.rectangle([c - 88 * s, base + 14 * s, c + 88 * s, base + 26 * s], fill=q)
    elif brand == "tech_blue":
        _arc(d, c, c, 236 * s, 34 * s, 150, 420, p)  # open outer arc
        _arc(d, c, c, 176 * s, 22 * s, 330, 600, q)  # counter arc
        _arc(d, c, c, 120 * s, 18 * s, 200, 470, p)
        d.ellipse([c - 46 * s, c - 46 * s, c + 46 * s, c + 46 * s], fill=q)
        # node on the centre line of the outer arc's open end
        ang, rc = math.radians(150), (236 - 17) * s
        nx, ny = c + rc * math.cos(ang), c + rc * math.sin(ang)
        d.ellipse([nx - 30 * s, ny - 30 * s, nx + 30 * s, ny + 30 * s], fill=q)
    elif brand == "eco_green":
        _ring(d, c, c, 236 * s, 28 * s, p)
        # leaf: the lens where two discs overlap, its axis running lower-left to upper-right
        half_len, half_w = 175, 58
        big_r = (half_len ** 2 / half_w + half_w) / 2      # R with R - dist = half_w, R^2 - dist^2 = half_len^2
        dist = big_r - half_w
        off = dist / math.sqrt(2)
        m1 = Image.new("L", (size, size), 0)
        m2 = Image.new("L", (size, size), 0)
        for m, sign in ((m1, 1), (m2, -1)):
            ox, oy = c + sign * off * s, c + sign * off * s
            ImageDraw.Draw(m).ellipse([ox - big_r * s, oy - big_r * s, ox + big_r * s, oy + big_r * s], fill=255)
        leaf = Image.new("L", (size, size), 0)
        leaf.paste(m1, (0, 0), m2)
        img.paste(Image.new("RGBA", (size, size), q), (0, 0), leaf)
        d = ImageDraw.Draw(img)
        k = half_len / math.sqrt(2)
        d.line([(c - (k + 12) * s, c + (k + 12) * s), (c + (k - 36) * s, c - (k - 36) * s)], fill=p, width=12 * s)
    else:  # pragma: no cover
        raise KeyError(brand)
    return img.resize((512, 512), Image.LANCZOS)


def write_logo(brand: str) -> Path:
    path = ASSETS_DIR / f"logo_{brand}.png"
    buf = io.BytesIO()
    draw_logo(brand).save(buf, format="PNG", optimize=False)
    _atomic_write(path, buf.getvalue())
    return path


# --------------------------------------------------------------------------- XML snippets
class _Ids:
    """Shape id counter for one spTree (id 1 is the group itself)."""

    def __init__(self):
        self.n = 1

    def __call__(self) -> int:
        self.n += 1
        return self.n


def rect_xml(ids: _Ids, name: str, x: float, y: float, w: float, h: float, color: str) -> str:
    """A decoration rectangle: solid fill, no outline, no text, no style reference."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{ids()}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/>'
        f'<a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f'</a:prstGeom><a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:ln><a:noFill/>'
        f"</a:ln></p:spPr></p:sp>"
    )


def pic_xml(ids: _Ids, rId: str, x: float, y: float, size: float) -> str:
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{ids()}" name="标志" descr="logo placeholder"/>'
        f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rId}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</p:blipFill><p:spPr><a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(size)}" '
        f'cy="{emu(size)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def ph_xml(ids: _Ids, name: str, ph: str, geom, *, size: int, color: str, bold=False,
           algn="l", anchor="ctr", prompt="", lins=0.0) -> str:
    """A placeholder with explicit geometry and an explicit level-1 style.

    ``ph`` is the inner ``<p:ph .../>`` attribute string, e.g. 'type="title"'.
    """
    x, y, w, h = geom
    b = ' b="1"' if bold else ' b="0"'
    ins = emu(lins)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{ids()}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
        f'</p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>'
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>'
        f'<a:bodyPr vert="horz" wrap="square" lIns="{ins}" tIns="45720" rIns="{ins}" bIns="45720" '
        f'rtlCol="0" anchor="{anchor}"><a:normAutofit/></a:bodyPr><a:lstStyle>'
        f'<a:lvl1pPr marL="0" indent="0" algn="{algn}"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{size * 100}"{b}><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        f"</a:defRPr></a:lvl1pPr></a:lstStyle>"
        f'<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>{prompt}</a:t></a:r>'
        f'<a:endParaRPr lang="zh-CN" altLang="en-US"/></a:p></p:txBody></p:sp>'
    )


def sptree_xml(shapes) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>' + "".join(shapes) + "</p:spTree>"
    )


def layout_xml(name: str, ltype: str, shapes, show_master: bool, creation_id: int) -> str:
    sms = "" if show_master else ' showMasterSp="0"'
    return (
        f'<p:sldLayout {NSDECL} type="{ltype}" preserve="1"{sms}><p:cSld name="{name}">'
        + sptree_xml(shapes)
        + '<p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}">'
        '<p14:creationId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" '
        f'val="{creation_id}"/></p:ext></p:extLst></p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


# --------------------------------------------------------------------------- geometry
# Content grid (inches).  The program fills 1.35–6.75 in (content) and 6.8–7.35 in (footnote
# band) itself; layouts put nothing there.
MARGIN = 0.5
TITLE_GEOM = (0.5, 0.3, 11.2, 0.85)      # 内容/目录 title; leaves room for the logo at right
LOGO_GEOM = (12.18, 0.40, 0.65)          # master logo: x, y, size (right edge at 12.83 in)
RULE_Y, RULE_H = 1.20, 0.028             # thin brand rule under the title band
BODY_GEOM = (0.5, 1.35, SW - 1.0, 5.40)    # master body placeholder = content area
QUIET_Y = 6.80                            # hairline above the footnote band


def master_decor(brand: str, ids: _Ids, logo_rId: str):
    c = BRANDS[brand]["colors"]
    p, q = c["accent1"], c["accent2"]
    shapes = []
    if brand == "gov_red":
        shapes.append(rect_xml(ids, "顶部色带", 0, 0, SW, 0.09, p))
        shapes.append(rect_xml(ids, "标题下线", MARGIN, RULE_Y, SW - 1.0, RULE_H, p))
        shapes.append(rect_xml(ids, "标题下线金色", MARGIN, RULE_Y + RULE_H, 1.6, 0.04, q))
    elif brand == "tech_blue":
        shapes.append(rect_xml(ids, "标题下线", MARGIN, RULE_Y, SW - 1.0, RULE_H, p))
        shapes.append(rect_xml(ids, "标题下线青色", MARGIN, RULE_Y - 0.03, 1.6, 0.058, q))
    else:
        shapes.append(rect_xml(ids, "标题下线", MARGIN, RULE_Y, SW - 1.0, RULE_H, p))
        shapes.append(rect_xml(ids, "标题下线浅绿", MARGIN, RULE_Y - 0.03, 1.6, 0.058, q))
    shapes.append(rect_xml(ids, "页脚细线", MARGIN, QUIET_Y, SW - 1.0, 0.01, QUIET_LINE))
    shapes.append(pic_xml(ids, logo_rId, *LOGO_GEOM))
    return shapes


def master_xml(brand: str, layout_rids, logo_rId: str) -> str:
    bc = BRANDS[brand]
    tc = bc["title_color"]
    ids = _Ids()
    shapes = master_decor(brand, ids, logo_rId)
    x, y, w, h = TITLE_GEOM
    shapes.append(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{ids()}" name="标题占位符 1"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
        f'</p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>'
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>'
        f'<a:bodyPr vert="horz" lIns="0" tIns="45720" rIns="0" bIns="45720" rtlCol="0" anchor="ctr">'
        f'<a:normAutofit/></a:bodyPr><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"/>'
        f'<a:t>单击此处编辑母版标题样式</a:t></a:r><a:endParaRPr lang="zh-CN" altLang="en-US"/></a:p>'
        f"</p:txBody></p:sp>"
    )
    x, y, w, h = BODY_GEOM
    levels = ["单击此处编辑母版文本样式", "二级", "三级", "四级", "五级"]
    paras = "".join(
        f'<a:p><a:pPr lvl="{i}"/><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>{t}</a:t></a:r></a:p>'
        for i, t in enumerate(levels)
    )
    shapes.append(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{ids()}" name="文本占位符 2"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
        f'</p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>'
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>'
        f'<a:bodyPr vert="horz" lIns="0" tIns="45720" rIns="0" bIns="45720" rtlCol="0">'
        f"<a:normAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>"
    )
    lid = "".join(
        f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids)
    )
    lang = 'lang="zh-CN" altLang="en-US"'
    mj = '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
    mn = '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
    common = 'defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"'
    title_style = (
        f'<p:titleStyle><a:lvl1pPr algn="l" {common}><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr {lang} sz="2800" b="1" kern="1200"><a:solidFill><a:srgbClr val="{tc}"/>'
        f"</a:solidFill>{mj}</a:defRPr></a:lvl1pPr></p:titleStyle>"
    )
    # level: (marL, indent, size, bullet)
    body_levels = [(0, 0, 20, None), (342900, -228600, 18, "•"), (685800, -228600, 16, "–"),
                   (1028700, -228600, 14, "•"), (1371600, -228600, 14, "–"),
                   (1714500, -228600, 14, "•"), (2057400, -228600, 14, "•"),
                   (2400300, -228600, 14, "•"), (2743200, -228600, 14, "•")]
    body = []
    for i, (marl, ind, sz, bu) in enumerate(body_levels, start=1):
        bul = (
            "<a:buNone/>" if bu is None else
            f'<a:buClr><a:srgbClr val="{bc["colors"]["accent1"]}"/></a:buClr>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{bu}"/>'
        )
        body.append(
            f'<a:lvl{i}pPr marL="{marl}" indent="{ind}" algn="l" {common}>'
            f'<a:lnSpc><a:spcPct val="120000"/></a:lnSpc><a:spcBef><a:spcPts val="600"/></a:spcBef>'
            f'{bul}<a:defRPr {lang} sz="{sz * 100}" kern="1200"><a:solidFill>'
            f'<a:srgbClr val="{BODY_GREY}"/></a:solidFill>{mn}</a:defRPr></a:lvl{i}pPr>'
        )
    other = [f"<a:defPPr><a:defRPr {lang}/></a:defPPr>"]
    for i in range(1, 10):
        other.append(
            f'<a:lvl{i}pPr marL="{(i - 1) * 457200}" algn="l" {common}><a:defRPr {lang} sz="1800" '
            f'kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>{mn}</a:defRPr>'
            f"</a:lvl{i}pPr>"
        )
    return (
        f"<p:sldMaster {NSDECL}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/>"
        f"</a:solidFill><a:effectLst/></p:bgPr></p:bg>" + sptree_xml(shapes) + "</p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
        f'folHlink="folHlink"/><p:sldLayoutIdLst>{lid}</p:sldLayoutIdLst><p:txStyles>'
        f"{title_style}<p:bodyStyle>{''.join(body)}</p:bodyStyle>"
        f"<p:otherStyle>{''.join(other)}</p:otherStyle></p:txStyles></p:sldMaster>"
    )


# --------------------------------------------------------------------------- layouts
def cover_shapes(brand: str, ids: _Ids, logo_rId: str):
    c = BRANDS[brand]["colors"]
    p, q, _dk2, lt2 = c["accent1"], c["accent2"], c["dk2"], c["lt2"]
    tc = BRANDS[brand]["title_color"]
    s = []
    if brand == "gov_red":
        s.append(rect_xml(ids, "顶部色带", 0, 0, SW, 0.50, p))
        s.append(rect_xml(ids, "顶部金线", 0, 0.56, SW, 0.035, q))
        s.append(pic_xml(ids, logo_rId, (SW - 0.95) / 2, 0.95, 0.95))
        s.append(ph_xml(ids, "标题 1", 'type="ctrTitle"', (0.9, 2.05, SW - 1.8, 1.55), size=40,
                        color=tc, bold=True, algn="ctr", anchor="b", prompt="单击此处编辑标题"))
        s.append(rect_xml(ids, "标题金线", (SW - 3.0) / 2, 3.74, 3.0, 0.04, q))
        s.append(ph_xml(ids, "副标题 2", 'type="subTitle" idx="1"', (0.9, 3.9, SW - 1.8, 0.7),
                        size=24, color="404040", algn="ctr", anchor="t", prompt="单击此处编辑副标题"))
        s.append(ph_xml(ids, "汇报单位", 'type="body" sz="quarter" idx="10"', (0.9, 5.0, SW - 1.8, 0.5),
                        size=20, color=BODY_GREY, algn="ctr", prompt="汇报单位"))
        s.append(ph_xml(ids, "日期", 'type="body" sz="quarter" idx="11"', (0.9, 5.5, SW - 1.8, 0.45),
                        size=18, color=MUTED_GREY, algn="ctr", prompt="2025年12月"))
        s.append(rect_xml(ids, "底部金线", 0, 6.905, SW, 0.035, q))
        s.append(rect_xml(ids, "底部色带", 0, 7.0, SW, 0.5, p))
    elif brand == "tech_blue":
        s.append(rect_xml(ids, "封面色块", 0, 0, SW, 4.55, p))
        s.append(rect_xml(ids, "封面青线", 0, 4.55, SW, 0.06, q))
        # abstract "data lines" at the top right of the band
        for i, (w, col) in enumerate(((2.6, "1A56B8"), (1.8, "1A56B8"), (1.1, q))):
            s.append(rect_xml(ids, f"装饰条 {i + 1}", SW - 0.6 - w, 0.7 + i * 0.22, w, 0.07, col))
        s.append(ph_xml(ids, "标题 1", 'type="ctrTitle"', (0.9, 1.45, 11.3, 1.65), size=40,
                        color="FFFFFF", bold=True, algn="l", anchor="b", prompt="单击此处编辑标题"))
        s.append(ph_xml(ids, "副标题 2", 'type="subTitle" idx="1"', (0.9, 3.3, 11.3, 0.7),
                        size=24, color="CDEFFA", algn="l", anchor="t", prompt="单击此处编辑副标题"))
        s.append(ph_xml(ids, "汇报单位", 'type="body" sz="quarter" idx="10"', (0.9, 5.15, 9.0, 0.5),
                        size=20, color=BODY_GREY, algn="l", prompt="汇报单位"))
        s.append(ph_xml(ids, "日期", 'type="body" sz="quarter" idx="11"', (0.9, 5.65, 9.0, 0.45),
                        size=18, color=MUTED_GREY, algn="l", prompt="2025年12月"))
        s.append(pic_xml(ids, logo_rId, 11.43, 5.05, 1.1))
    else:  # eco_green
        s.append(rect_xml(ids, "左侧色带", 0, 0, 0.42, 7.5, p))
        s.append(rect_xml(ids, "左侧浅绿带", 0.42, 0, 0.08, 7.5, q))
        s.append(rect_xml(ids, "底部浅色块", 0.5, 6.95, SW - 0.5, 0.55, lt2))
        s.append(pic_xml(ids, logo_rId, 11.68, 0.6, 1.0))
        s.append(ph_xml(ids, "标题 1", 'type="ctrTitle"', (1.2, 1.75, 11.0, 1.75), size=40,
                        color=tc, bold=True, algn="l", anchor="b", prompt="单击此处编辑标题"))
        s.append(rect_xml(ids, "标题下线", 1.2, 3.68, 2.4, 0.06, q))
        s.append(ph_xml(ids, "副标题 2", 'type="subTitle" idx="1"', (1.2, 3.85, 11.0, 0.7),
                        size=24, color="404040", algn="l", anchor="t", prompt="单击此处编辑副标题"))
        s.append(ph_xml(ids, "汇报单位", 'type="body" sz="quarter" idx="10"', (1.2, 5.2, 9.0, 0.5),
                        size=20, color=BODY_GREY, algn="l", prompt="汇报单位"))
        s.append(ph_xml(ids, "日期", 'type="body" sz="quarter" idx="11"', (1.2, 5.7, 9.0, 0.45),
                        size=18, color=MUTED_GREY, algn="l", prompt="2025年12月"))
    return s


def agenda_shapes(brand: str, ids: _Ids):
    c = BRANDS[brand]["colors"]
    tc = BRANDS[brand]["title_color"]
    s = [rect_xml(ids, "左侧色条", 0, 0, 0.16, 7.5, c["accent1"])]
    s.append(ph_xml(ids, "标题 1", 'type="title"', TITLE_GEOM, size=28, color=tc, bold=True,
                    algn="l", anchor="ctr", prompt="目录"))
    return s


def section_shapes(brand: str, ids: _Ids, logo_rId: str):
    c = BRANDS[brand]["colors"]
    p, q, lt2 = c["accent1"], c["accent2"], c["lt2"]
    tc = BRANDS[brand]["title_color"]
    s = []
    if brand == "gov_red":
        s.append(rect_xml(ids, "顶部色带", 0, 0, SW, 0.09, p))
        s.append(rect_xml(ids, "章节金线上", 0, 2.55, SW, 0.035, q))
        s.append(rect_xml(ids, "章节色带", 0, 2.65, SW, 2.0, p))
        s.append(rect_xml(ids, "章节金线下", 0, 4.715, SW, 0.035, q))
        s.append(ph_xml(ids, "标题 1", 'type="title"', (1.2, 2.85, SW - 2.4, 1.6), size=36,
                        color="FFFFFF", bold=True, algn="l", anchor="ctr", prompt="一、章节标题"))
        s.append(rect_xml(ids, "章节金块", 0.75, 3.3, 0.12, 0.7, q))
        s.append(pic_xml(ids, logo_rId, 12.18, 0.40, 0.65))
    elif brand == "tech_blue":
        s.append(rect_xml(ids, "章节色带", 0, 2.65, SW, 2.0, p))
        s.append(rect_xml(ids, "章节青线", 0, 4.65, SW, 0.06, q))
        s.append(rect_xml(ids, "章节青块", 0.75, 3.3, 0.12, 0.7, q))
        s.append(ph_xml(ids, "标题 1", 'type="title"', (1.2, 2.85, SW - 2.4, 1.6), size=36,
                        color="FFFFFF", bold=True, algn="l", anchor="ctr", prompt="一、章节标题"))
        s.append(pic_xml(ids, logo_rId, 12.18, 0.40, 0.65))
    else:
        s.append(rect_xml(ids, "章节浅色带", 0, 2.65, SW, 2.0, lt2))
        s.append(rect_xml(ids, "章节绿块", 0.75, 3.3, 0.12, 0.7, p))
        s.append(rect_xml(ids, "章节下线", 0, 4.65, SW, 0.04, q))
        s.append(ph_xml(ids, "标题 1", 'type="title"', (1.2, 2.85, SW - 2.4, 1.6), size=36,
                        color=tc, bold=True, algn="l", anchor="ctr", prompt="一、章节标题"))
        s.append(pic_xml(ids, logo_rId, 12.18, 0.40, 0.65))
    return s


def content_shapes(brand: str, ids: _Ids):
    tc = BRANDS[brand]["title_color"]
    return [ph_xml(ids, "标题 1", 'type="title"', TITLE_GEOM, size=28, color=tc, bold=True,
                   algn="l", anchor="ctr", prompt="单击此处编辑标题")]


def closing_shapes(brand: str, ids: _Ids, logo_rId: str):
    c = BRANDS[brand]["colors"]
    p, q, lt2 = c["accent1"], c["accent2"], c["lt2"]
    tc = BRANDS[brand]["title_color"]
    s = []
    tgeom = (0.9, 2.9, SW - 1.8, 1.3)
    if brand == "gov_red":
        s.append(rect_xml(ids, "顶部色带", 0, 0, SW, 0.50, p))
        s.append(rect_xml(ids, "顶部金线", 0, 0.56, SW, 0.035, q))
        s.append(pic_xml(ids, logo_rId, (SW - 0.95) / 2, 1.6, 0.95))
        s.append(ph_xml(ids, "标题 1", 'type="title"', tgeom, size=40, color=tc, bold=True,
                        algn="ctr", anchor="ctr", prompt="以上汇报,请批评指正"))
        s.append(rect_xml(ids, "标题金线", (SW - 3.0) / 2, 4.35, 3.0, 0.04, q))
        s.append(rect_xml(ids, "底部金线", 0, 6.905, SW, 0.035, q))
        s.append(rect_xml(ids, "底部色带", 0, 7.0, SW, 0.5, p))
    elif brand == "tech_blue":
        s.append(rect_xml(ids, "结束底色", 0, 0, SW, 7.5, p))
        s.append(rect_xml(ids, "结束青线", (SW - 3.0) / 2, 4.35, 3.0, 0.06, q))
        for i, (w, col) in enumerate(((2.6, "1A56B8"), (1.8, "1A56B8"), (1.1, q))):
            s.append(rect_xml(ids, f"装饰条 {i + 1}", SW - 0.6 - w, 0.7 + i * 0.22, w, 0.07, col))
        s.append(ph_xml(ids, "标题 1", 'type="title"', tgeom, size=40, color="FFFFFF", bold=True,
                        algn="ctr", anchor="ctr", prompt="以上汇报,请批评指正"))
    else:
        s.append(rect_xml(ids, "左侧色带", 0, 0, 0.42, 7.5, p))
        s.append(rect_xml(ids, "左侧浅绿带", 0.42, 0, 0.08, 7.5, q))
        s.append(pic_xml(ids, logo_rId, (SW - 0.95) / 2, 1.6, 0.95))
        s.append(ph_xml(ids, "标题 1", 'type="title"', tgeom, size=40, color=tc, bold=True,
                        algn="ctr", anchor="ctr", prompt="以上汇报,请批评指正"))
        s.append(rect_xml(ids, "标题下线", (SW - 2.4) / 2, 4.35, 2.4, 0.06, q))
        s.append(rect_xml(ids, "底部浅色块", 0.5, 6.95, SW - 0.5, 0.55, lt2))
    return s


# --------------------------------------------------------------------------- theme
def theme_blob(brand: str, original: bytes) -> bytes:
    bc = BRANDS[brand]
    root = etree.fromstring(original)
    a = f"{{{NS_A}}}"
    root.set("name", f"xzbrief {bc['name']}")
    elements = root.find(a + "themeElements")

    clr = elements.find(a + "clrScheme")
    clr.set("name", bc["name"])
    for child in list(clr):
        clr.remove(child)
    for key in ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink"):
        el = etree.SubElement(clr, a + key)
        etree.SubElement(el, a + "srgbClr").set("val", bc["colors"][key])

    fonts = elements.find(a + "fontScheme")
    fonts.set("name", f"xzbrief {EA_FONT}")
    for tag in ("majorFont", "minorFont"):
        f = fonts.find(a + tag)
        for child in list(f):
            f.remove(child)
        etree.SubElement(f, a + "latin").set("typeface", LATIN_FONT)
        etree.SubElement(f, a + "ea").set("typeface", EA_FONT)
        etree.SubElement(f, a + "cs").set("typeface", LATIN_FONT)
        hans = etree.SubElement(f, a + "font")
        hans.set("script", "Hans")
        hans.set("typeface", EA_FONT)

    # Flat format scheme: python-pptx's autoshapes reference fillRef idx=3 (a gradient in the
    # default theme) and effectRef idx=2 (a drop shadow).  Make every style solid and plain.
    fmt = elements.find(a + "fmtScheme")
    fmt.set("name", "xzbrief flat")
    for child in list(fmt):
        fmt.remove(child)
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    fmt_xml = (
        f'<a:fmtScheme xmlns:a="{NS_A}"><a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>'
        + "".join(
            f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/>'
            f"<a:miter lim=\"800000\"/></a:ln>" for w in (9525, 19050, 28575)
        )
        + "</a:lnStyleLst><a:effectStyleLst>"
        + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
        + f"</a:effectStyleLst><a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme>"
    )
    for child in etree.fromstring(fmt_xml):
        fmt.append(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def app_blob(brand: str) -> bytes:
    theme_name = f"xzbrief {BRANDS[brand]['name']}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<TotalTime>0</TotalTime><Words>0</Words><Application>xzbrief</Application>"
        "<PresentationFormat>宽屏</PresentationFormat><Paragraphs>0</Paragraphs><Slides>0</Slides>"
        "<Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>主题</vt:lpstr>'
        "</vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{theme_name}</vt:lpstr>'
        "</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


# --------------------------------------------------------------------------- build
def build(brand: str, logo_path: Path) -> bytes:
    bc = BRANDS[brand]
    prs = Presentation()
    pres_part = prs.part
    pkg = pres_part.package
    master_part = pres_part.related_part(
        pres_part._element.sldMasterIdLst[0].rId  # the one master of the default template
    )

    # -- package clean-up: thumbnail of the default template, Mac printer settings
    for rId, rel in list(pkg._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg._rels.pop(rId)
    for rId, rel in list(pres_part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            pres_part._rels.pop(rId)

    # -- slide size 16:9
    sld_sz = pres_part._element.find(f"{{{NS_P}}}sldSz")
    sld_sz.set("cx", str(SLIDE_W))
    sld_sz.set("cy", str(SLIDE_H))
    if "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]
    # default text style of the presentation: Chinese language tags
    for el in pres_part._element.iter(f"{{{NS_A}}}defRPr"):
        el.set("lang", "zh-CN")
        el.set("altLang", "en-US")

    # -- layouts: reuse five default layout parts (rewritten completely), drop the other six
    old = {}
    for lid in master_part._element.findall(f"{{{NS_P}}}sldLayoutIdLst/{{{NS_P}}}sldLayoutId"):
        rId = lid.get(f"{{{NS_R}}}id")
        old[master_part.related_part(rId).partname] = rId
    reuse = {  # new name -> default part reused (and its layout type)
        "封面": ("/ppt/slideLayouts/slideLayout1.xml", "title"),
        "目录": ("/ppt/slideLayouts/slideLayout6.xml", "titleOnly"),
        "章节": ("/ppt/slideLayouts/slideLayout3.xml", "secHead"),
        "内容": ("/ppt/slideLayouts/slideLayout2.xml", "titleOnly"),
        "结束": ("/ppt/slideLayouts/slideLayout7.xml", "cust"),
    }
    keep_rids = [old[reuse[n][0]] for n in LAYOUT_NAMES]
    for _partname, rId in old.items():
        if rId not in keep_rids:
            master_part._rels.pop(rId)  # the layout part becomes unreachable and is not saved
    layout_parts = [master_part.related_part(r) for r in keep_rids]
    theme_part = master_part.part_related_by(RT.THEME)

    # re-relate in a tidy order: layouts rId1..rId5, theme rId6, logo rId7
    for rId in list(master_part.rels.keys()):
        master_part._rels.pop(rId)
    keep_rids = [master_part.relate_to(lp, RT.SLIDE_LAYOUT) for lp in layout_parts]
    master_part.relate_to(theme_part, RT.THEME)

    # logo on the master
    _img, master_logo_rId = master_part.get_or_add_image_part(str(logo_path))

    for i, (name, lp) in enumerate(zip(LAYOUT_NAMES, layout_parts, strict=True), start=1):
        lp.partname = PackURI(f"/ppt/slideLayouts/slideLayout{i}.xml")
        ids = _Ids()
        needs_logo = name in ("封面", "章节", "结束")
        logo_rId = lp.get_or_add_image_part(str(logo_path))[1] if needs_logo else None
        if name == "封面":
            shapes, show = cover_shapes(brand, ids, logo_rId), False
        elif name == "目录":
            shapes, show = agenda_shapes(brand, ids), True
        elif name == "章节":
            shapes, show = section_shapes(brand, ids, logo_rId), False
        elif name == "内容":
            shapes, show = content_shapes(brand, ids), True
        else:
            shapes, show = closing_shapes(brand, ids, logo_rId), False
        xml = layout_xml(name, reuse[name][1], shapes, show, 1000001 + i)
        lp._element = parse_xml(xml)

    master_part._element = parse_xml(master_xml(brand, keep_rids, master_logo_rId))

    # -- theme
    theme_part.blob = theme_blob(brand, theme_part.blob)

    # -- view properties: guides for the 16:9 grid (1/8 pt units, 576 per inch) instead of the
    #    default 4:3 centre guides: margins at 0.5 in, content area 1.35–6.75 in
    for rel in pres_part.rels.values():
        if rel.reltype == RT.VIEW_PROPS:
            vp = etree.fromstring(rel.target_part.blob)
            lst = vp.find(f".//{{{NS_P}}}guideLst")
            if lst is not None:
                for child in list(lst):
                    lst.remove(child)
                for orient, inches in (("horz", 1.35), ("horz", 6.75), (None, 0.5), (None, SW - 0.5)):
                    g = etree.SubElement(lst, f"{{{NS_P}}}guide")
                    if orient:
                        g.set("orient", orient)
                    g.set("pos", str(round(inches * 576)))
            rel.target_part.blob = etree.tostring(vp, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)

    # -- extended (app) properties
    for rel in pkg._rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = app_blob(brand)

    # -- core properties (fixed, so the output is reproducible)
    cp = prs.core_properties
    cp.title = f"xzbrief {bc['name']}模板"
    cp.author = "xzbrief"
    cp.subject = f"{bc['name']}品牌模板(汇报材料)"
    cp.comments = "由 tools/make_templates.py 生成;标志为通用占位图形,可替换为本单位标志。"
    cp.keywords = "xzbrief; 模板"
    cp.category = "模板"
    cp.last_modified_by = "xzbrief"
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME

    buf = io.BytesIO()
    prs.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed member timestamps and attributes (byte-reproducible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def main() -> int:
    for brand in BRANDS:
        logo = write_logo(brand)
        out = TEMPLATES_DIR / f"{brand}.pptx"
        _atomic_write(out, build(brand, logo))
        print(f"wrote {out.relative_to(ROOT)}  ({logo.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
