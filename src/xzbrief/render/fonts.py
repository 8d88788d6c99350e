"""East-Asian fonts on every run: python-pptx sets only the Latin typeface (``a:latin``), so
Chinese text falls back to whatever the viewer picks unless ``a:ea`` is set too."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

LANG = "zh-CN"
ALT_LANG = "en-US"


def set_fonts(rpr: Any, latin: str, ea: str, lang: bool = True) -> None:
    """Set a:latin, a:ea and a:cs on an a:rPr / a:defRPr / a:endParaRPr element."""
    latin_el = rpr.get_or_add_latin()
    latin_el.set("typeface", latin)
    ea_el = rpr.find(qn("a:ea"))
    if ea_el is None:
        ea_el = etree.SubElement(rpr, qn("a:ea"))
        latin_el.addnext(ea_el)
    ea_el.set("typeface", ea)
    cs_el = rpr.find(qn("a:cs"))
    if cs_el is None:
        cs_el = etree.SubElement(rpr, qn("a:cs"))
        ea_el.addnext(cs_el)
    cs_el.set("typeface", latin)
    if lang:
        rpr.set("lang", LANG)
        rpr.set("altLang", ALT_LANG)


def style_font(font: Any, latin: str, ea: str, size: float | None = None,
               colour: str | None = None, bold: bool | None = None) -> None:
    """A python-pptx Font proxy: size, colour, bold, and both typefaces — written on its
    run properties directly (the proxies' colour objects cost more than the XML)."""
    rpr = font._rPr
    if size is not None:
        rpr.set("sz", str(round(size * 100)))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if colour is not None:
        solid = rpr.get_or_change_to_solidFill()
        for child in list(solid):
            solid.remove(child)
        etree.SubElement(solid, qn("a:srgbClr")).set("val", colour)
    set_fonts(rpr, latin, ea)
