"""DrawingML for text boxes, rectangles and tables, written as XML directly.

python-pptx's proxy objects cost more than the XML they write (a run's font through
``Font.color`` and friends is most of a deck's time); the writer therefore builds the shapes'
XML here, in one string per shape, and parses it once. Every run carries both typefaces
(``a:latin`` and ``a:ea``) and ``lang="zh-CN"``; control characters never reach the XML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from pptx.oxml import parse_xml

from xzbrief.deck.grid import EMU_PER_PT, Rect
from xzbrief.render.layout import Para, Run, TableBlock, TextBlock

NSDECL = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
ALIGN = {"l": "l", "c": "ctr", "r": "r"}
ANCHOR = {"t": "t", "m": "ctr", "b": "b"}
SLIDENUM_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
PLAIN_TABLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # 「无样式,网格型」: our fills only
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def emu(v: float) -> int:
    return round(v * EMU_PER_PT)


def text(value: str) -> str:
    return escape(_CONTROL.sub("", value))


def attr(value: str) -> str:
    return escape(_CONTROL.sub("", value), {'"': "&quot;"})


class Fonts:
    """The run properties of one brand, as XML, cached per (size, colour, bold)."""

    def __init__(self, latin: str, ea: str) -> None:
        self.faces = (f'<a:latin typeface="{attr(latin)}"/><a:ea typeface="{attr(ea)}"/>'
                      f'<a:cs typeface="{attr(latin)}"/>')
        self._cache: dict[tuple[str, float, str, bool], str] = {}

    def rpr(self, size: float, colour: str, bold: bool = False, tag: str = "a:rPr") -> str:
        key = (tag, size, colour, bold)
        xml = self._cache.get(key)
        if xml is None:
            xml = (f'<{tag} lang="zh-CN" altLang="en-US" sz="{round(size * 100)}" '
                   f'b="{1 if bold else 0}" dirty="0"><a:solidFill><a:srgbClr val="{colour}"/>'
                   f"</a:solidFill>{self.faces}</{tag}>")
            self._cache[key] = xml
        return xml

    def run(self, run: Run) -> str:
        rpr = self.rpr(run.size, run.color, run.bold)
        if run.field == "slidenum":
            return (f'<a:fld id="{SLIDENUM_ID}" type="slidenum">{rpr}<a:t>{text(run.text)}</a:t>'
                    "</a:fld>")
        parts = run.text.split("\n")
        out = [f"<a:r>{rpr}<a:t>{text(parts[0])}</a:t></a:r>"]
        for part in parts[1:]:
            out.append(f"<a:br>{rpr}</a:br><a:r>{rpr}<a:t>{text(part)}</a:t></a:r>")
        return "".join(out)

    def paragraph(self, para: Para, spacing: float | None = None, exact: bool = False) -> str:
        ppr = [f'<a:pPr algn="{ALIGN.get(para.align, "l")}"']
        if para.marker is not None:
            indent = emu(para.indent)
            ppr.append(f' marL="{indent}" indent="{-indent}"')
        ppr.append(">")
        if spacing is not None:
            if exact:
                size = max((r.size for r in para.runs), default=12.0)
                ppr.append(f'<a:lnSpc><a:spcPts val="{round(size * spacing * 100)}"/></a:lnSpc>')
            else:
                ppr.append(f'<a:lnSpc><a:spcPct val="{round(spacing * 100000)}"/></a:lnSpc>')
        if para.space_before:
            ppr.append(f'<a:spcBef><a:spcPts val="{round(para.space_before * 100)}"/></a:spcBef>')
        ppr.append("<a:buNone/></a:pPr>")
        body = []
        if para.marker is not None:
            m = para.marker
            body.append(self.run(Run(m.text + "\t", m.size, m.color, m.bold)))
        body += [self.run(r) for r in para.runs]
        size = max((r.size for r in para.runs), default=12.0)
        colour = para.runs[0].color if para.runs else "333333"
        end = self.rpr(size, colour, tag="a:endParaRPr")
        return f"<a:p>{''.join(ppr)}{''.join(body)}{end}</a:p>"

    def paragraphs(self, paras: Sequence[Para], spacing: float | None = None,
                   exact: bool = False) -> str:
        return "".join(self.paragraph(p, spacing, exact) for p in paras) or "<a:p/>"


def _xfrm(rect: Rect, tag: str = "a:xfrm") -> str:
    return (f'<{tag}><a:off x="{emu(rect.x)}" y="{emu(rect.y)}"/>'
            f'<a:ext cx="{emu(rect.w)}" cy="{emu(rect.h)}"/></{tag}>')


def text_box(shape_id: int, block: TextBlock, fonts: Fonts) -> object:
    wrap = "square" if block.wrap else "none"
    body = (f'<p:txBody><a:bodyPr wrap="{wrap}" lIns="0" tIns="0" rIns="0" bIns="0" '
            f'anchor="{ANCHOR[block.anchor]}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f"{fonts.paragraphs(block.paras, block.spacing, block.exact)}</p:txBody>")
    return parse_xml(
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(block.name)}"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(block.rect)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>{body}</p:sp>')


def rectangle(shape_id: int, name: str, rect: Rect, fill: str | None, line: str | None,
              line_width: float, dashed: bool) -> object:
    fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
    if line:
        dash = '<a:prstDash val="dash"/>' if dashed else ""
        line_xml = (f'<a:ln w="{emu(line_width)}"><a:solidFill><a:srgbClr val="{line}"/>'
                    f"</a:solidFill>{dash}</a:ln>")
    else:
        line_xml = "<a:ln><a:noFill/></a:ln>"
    return parse_xml(
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(name)}"/><p:cNvSpPr/>'
        f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(rect)}<a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom>{fill_xml}{line_xml}</p:spPr></p:sp>")


def table_frame(shape_id: int, block: TableBlock, fonts: Fonts) -> object:
    """A native table: header row in the brand colour, zebra rows, numbers right-aligned."""
    t = block.table
    grid = "".join(f'<a:gridCol w="{emu(w)}"/>' for w in block.col_widths)
    rows = []
    texts = [list(t.columns), *([c.text for c in row] for row in t.rows)]
    for k, (cells, height) in enumerate(zip(texts, block.row_heights, strict=True)):
        header = k == 0
        fill = block.header_fill if header else (block.zebra_fill if k % 2 == 0 else "FFFFFF")
        colour = block.header_color if header else block.text_color
        tcs = []
        for c, value in enumerate(cells):
            align = "r" if block.numeric[c] else "l"
            para = fonts.paragraph(Para((Run(value, block.font_size, colour, header),), align))
            tcs.append(f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{para}</a:txBody>"
                       f'<a:tcPr marL="76200" marR="76200" marT="38100" marB="38100" '
                       f'anchor="ctr"><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
                       "</a:tcPr></a:tc>")
        rows.append(f'<a:tr h="{emu(height)}">{"".join(tcs)}</a:tr>')
    return parse_xml(
        f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="表格"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f'</p:nvGraphicFramePr>{_xfrm(block.rect, "p:xfrm")}<a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
        f'<a:tblPr firstRow="1"><a:tableStyleId>{PLAIN_TABLE}</a:tableStyleId></a:tblPr>'
        f'<a:tblGrid>{grid}</a:tblGrid>{"".join(rows)}</a:tbl></a:graphicData></a:graphic>'
        "</p:graphicFrame>")
