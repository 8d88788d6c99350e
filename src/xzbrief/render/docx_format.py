"""The 公文 house style of the written 汇报材料 (GB/T 9704-2012 as commonly applied), as data and
as the WordprocessingML that carries it: page, text grid, styles, theme and font table.

Every style and every run names its East-Asian typeface (``w:eastAsia``) as well as the Latin
one: python-docx sets only the Latin slot, and Word then falls back to the theme's East-Asian
font. The theme and the font table name only the profile's fonts (with their usual fallbacks as
``w:altName``), so WPS has nothing to report as missing beyond what the profile asks for.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from xzbrief.recipe import WordOptions

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_PT = 20
MM_PER_INCH = 25.4
EMU_PER_MM = 36000

# font families per profile: 方正 fonts in their GB2312 or GBK builds
FONTS = {
    "GB2312": {"title": "方正小标宋简体", "body": "仿宋_GB2312", "h1": "黑体", "h2": "楷体_GB2312"},
    "GBK": {"title": "方正小标宋_GBK", "body": "方正仿宋_GBK", "h1": "方正黑体_GBK",
            "h2": "方正楷体_GBK"},
}
# what Word / WPS use when the named font is not installed (also written as w:altName)
FALLBACKS = {
    "方正小标宋简体": "宋体", "方正小标宋_GBK": "宋体", "仿宋_GB2312": "仿宋",
    "方正仿宋_GBK": "仿宋", "楷体_GB2312": "楷体", "方正楷体_GBK": "楷体", "方正黑体_GBK": "黑体",
    "仿宋": "FangSong", "楷体": "KaiTi", "黑体": "SimHei", "宋体": "SimSun",
}


@dataclass(frozen=True)
class Profile:
    """Sizes in points, margins in millimetres."""

    title_font: str = "方正小标宋简体"
    body_font: str = "仿宋_GB2312"
    h1_font: str = "黑体"
    h2_font: str = "楷体_GB2312"
    latin_font: str = "Times New Roman"
    page_number_font: str = "宋体"
    title_size: float = 22.0  # 二号
    body_size: float = 16.0  # 三号
    note_size: float = 14.0  # 四号: sources, notes, captions
    table_size: float = 12.0  # 小四
    page_number_size: float = 14.0  # 四号
    line_pitch: float = 28.95  # 22 lines in 225 mm, fixed
    chars_per_line: int = 28
    margin_top: float = 37.0  # 天头
    margin_bottom: float = 35.0
    margin_left: float = 28.0  # 订口
    margin_right: float = 26.0
    page_width: float = 210.0  # A4
    page_height: float = 297.0
    footer_distance: float = 25.0  # the page number sits about 7 mm under the 版心

    @property
    def text_width_mm(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def text_height_mm(self) -> float:
        return self.page_height - self.margin_top - self.margin_bottom

    @property
    def lines_per_page(self) -> int:
        return int(self.text_height_mm / MM_PER_INCH * 72 / self.line_pitch + 1e-6)


def profile_from(options: WordOptions) -> Profile:
    """The recipe's [word] choices over the GB/T 9704 defaults."""
    fonts = FONTS[options.fonts]
    return Profile(title_font=fonts["title"], body_font=fonts["body"], h1_font=fonts["h1"],
                   h2_font=fonts["h2"], line_pitch=options.line_spacing,
                   margin_top=options.margin_top, margin_bottom=options.margin_bottom,
                   margin_left=options.margin_left, margin_right=options.margin_right)


def twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def mm_twips(mm: float) -> int:
    return round(mm / MM_PER_INCH * 1440)


def half_points(pt: float) -> int:
    return round(pt * 2)


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Text as XML 1.0 can hold it: characters it forbids (which the workbook and recipe
    checks already refuse) are dropped rather than breaking the whole document."""
    return NOT_XML.sub("", value)


def a(value: str) -> str:
    """An XML attribute value, quoted and escaped."""
    return quoteattr(xml_text(value))


def rfonts(east_asian: str, latin: str) -> str:
    return (f"<w:rFonts w:ascii={a(latin)} w:hAnsi={a(latin)} w:eastAsia={a(east_asian)} "
            f"w:cs={a(latin)} w:hint=\"eastAsia\"/>")


def rpr(east_asian: str, latin: str, size: float, bold: bool = False, spacing: int = 0) -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    hp = half_points(size)
    sp = f'<w:spacing w:val="{spacing}"/>' if spacing else ""
    return (f"<w:rPr>{rfonts(east_asian, latin)}{b}{sp}<w:kern w:val=\"0\"/>"
            f"<w:sz w:val=\"{hp}\"/><w:szCs w:val=\"{hp}\"/><w:lang w:val=\"en-US\" "
            f"w:eastAsia=\"zh-CN\"/></w:rPr>")


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: its typeface and what each level of heading looks like."""

    style_id: str
    name: str
    font: str
    size: float
    bold: bool = False
    align: str = "both"
    first_line_chars: int = 200  # 首行缩进二字
    outline: int | None = None
    keep_next: bool = False
    exact_line: float | None = None  # None: the grid's fixed line pitch
    snap: bool = True


def style_specs(p: Profile) -> tuple[StyleSpec, ...]:
    return (
        StyleSpec("Normal", "Normal", p.body_font, p.body_size),
        StyleSpec("GwTitle", "公文标题", p.title_font, p.title_size, align="center",
                  first_line_chars=0, outline=None, keep_next=True,
                  exact_line=round(p.title_size * 1.6), snap=False),
        StyleSpec("GwSubtitle", "公文副标题", p.h2_font, p.body_size, align="center",
                  first_line_chars=0, keep_next=True),
        StyleSpec("GwMarking", "公文标志", p.h1_font, p.body_size, align="left",
                  first_line_chars=0),
        StyleSpec("GwAddressee", "主送机关", p.body_font, p.body_size, align="left",
                  first_line_chars=0),
        StyleSpec("GwHeading1", "公文一级标题", p.h1_font, p.body_size, outline=0, keep_next=True),
        StyleSpec("GwHeading2", "公文二级标题", p.h2_font, p.body_size, outline=1, keep_next=True),
        StyleSpec("GwHeading3", "公文三级标题", p.body_font, p.body_size, bold=True, outline=2,
                  keep_next=True),
        StyleSpec("GwHeading4", "公文四级标题", p.body_font, p.body_size, outline=3,
                  keep_next=True),
        StyleSpec("GwSignature", "署名", p.body_font, p.body_size, align="right",
                  first_line_chars=0),
        StyleSpec("GwNote", "数据来源", p.body_font, p.note_size, first_line_chars=0,
                  align="left", exact_line=p.note_size * 1.5, snap=False),
        StyleSpec("GwCaption", "题注", p.h1_font, p.note_size, align="center",
                  first_line_chars=0, exact_line=p.note_size * 1.6, snap=False),
        StyleSpec("GwFigure", "图表", p.body_font, p.body_size, align="center",
                  first_line_chars=0, keep_next=True, exact_line=0, snap=False),
        StyleSpec("GwTable", "表格文字", p.body_font, p.table_size, align="left",
                  first_line_chars=0, exact_line=p.table_size * 1.5, snap=False),
        StyleSpec("GwAttachment", "附件标识", p.h1_font, p.body_size, align="left",
                  first_line_chars=0, keep_next=True),
        StyleSpec("GwFooter", "页码", p.page_number_font, p.page_number_size, align="right",
                  first_line_chars=0, exact_line=0, snap=False),
    )


def _ppr(spec: StyleSpec, p: Profile) -> str:
    if spec.exact_line == 0:
        spacing = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    else:
        line = twips(spec.exact_line or p.line_pitch)
        spacing = f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>'
    indent = (f'<w:ind w:firstLineChars="{spec.first_line_chars}" '
              f'w:firstLine="{twips(spec.size * spec.first_line_chars / 100)}"/>'
              if spec.first_line_chars else '<w:ind w:firstLine="0" w:firstLineChars="0"/>')
    return ("<w:pPr>" + ("<w:keepNext/>" if spec.keep_next else "")
            + '<w:widowControl w:val="0"/>'
            + ("" if spec.snap else '<w:snapToGrid w:val="0"/>')
            + spacing + indent + f'<w:jc w:val="{spec.align}"/>'
            + (f'<w:outlineLvl w:val="{spec.outline}"/>' if spec.outline is not None else "")
            + "</w:pPr>")


def styles_xml(p: Profile) -> bytes:
    """styles.xml: document defaults in the body font, then one style per 公文 element."""
    body = [f'<w:docDefaults><w:rPrDefault>{rpr(p.body_font, p.latin_font, p.body_size)}'
            "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
            'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>']
    for spec in style_specs(p):
        default = ' w:default="1"' if spec.style_id == "Normal" else ""
        based = "" if spec.style_id == "Normal" else '<w:basedOn w:val="Normal"/>'
        tight = char_spacing(p) if spec.size == p.body_size else 0
        body.append(f'<w:style w:type="paragraph"{default} w:styleId="{spec.style_id}">'
                    f"<w:name w:val={a(spec.name)}/>{based}<w:qFormat/>"
                    f"{_ppr(spec, p)}{rpr(spec.font, p.latin_font, spec.size, spec.bold, tight)}"
                    "</w:style>")
    body.append('<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
                '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/>'
                "<w:semiHidden/></w:style>")
    body.append('<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
                '<w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" '
                'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" '
                'w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" '
                'w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>')
    body.append('<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
                '<w:name w:val="No List"/><w:semiHidden/></w:style>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:styles xmlns:w="{W_NS}">{"".join(body)}</w:styles>').encode()


def char_spacing(p: Profile) -> int:
    """Character spacing of body text in twentieths of a point, so that a line of the 版心
    holds exactly ``chars_per_line`` characters (156 mm / 28 = 15.79 pt for a 16 pt font).
    A condensed run rather than Word's character grid: LibreOffice spreads a character grid
    out to far fewer characters a line."""
    pitch = p.text_width_mm / MM_PER_INCH * 72 / p.chars_per_line
    return math.floor((pitch - p.body_size) * TWIPS_PER_PT)


def section_xml(p: Profile, odd_footer: str, even_footer: str) -> str:
    """A4 page, the 公文 margins, footers for odd and even pages and the 22 × 28 text grid."""
    return (f'<w:sectPr><w:footerReference w:type="default" r:id="{odd_footer}"/>'
            f'<w:footerReference w:type="even" r:id="{even_footer}"/>'
            f'<w:pgSz w:w="{mm_twips(p.page_width)}" w:h="{mm_twips(p.page_height)}"/>'
            f'<w:pgMar w:top="{mm_twips(p.margin_top)}" w:right="{mm_twips(p.margin_right)}" '
            f'w:bottom="{mm_twips(p.margin_bottom)}" w:left="{mm_twips(p.margin_left)}" '
            f'w:header="{mm_twips(15)}" w:footer="{mm_twips(p.footer_distance)}" w:gutter="0"/>'
            '<w:cols w:space="425"/>'
            f'<w:docGrid w:type="lines" w:linePitch="{twips(p.line_pitch)}"/></w:sectPr>')


def footer_xml(p: Profile, odd: bool) -> bytes:
    """「— 1 —」 in 四号宋体: odd pages at the right, even pages at the left, one character in."""
    r = rpr(p.page_number_font, p.page_number_font, p.page_number_size)
    side = "right" if odd else "left"
    inset = twips(p.body_size)  # 右空一字 / 左空一字
    field = (f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r>{r}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
             f"<w:r>{r}<w:t>1</w:t></w:r>"
             f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>')
    para = (f'<w:p><w:pPr><w:pStyle w:val="GwFooter"/>'
            f'<w:ind w:{side}="{inset}" w:firstLine="0"/><w:jc w:val="{side}"/></w:pPr>'
            f'<w:r>{r}<w:t xml:space="preserve">\u2014 </w:t></w:r>{field}'
            f'<w:r>{r}<w:t xml:space="preserve"> \u2014</w:t></w:r></w:p>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"{para}</w:ftr>").encode()


def profile_fonts(p: Profile) -> tuple[str, ...]:
    """Every typeface the document names, each once."""
    names = (p.title_font, p.body_font, p.h1_font, p.h2_font, p.page_number_font, p.latin_font)
    return tuple(dict.fromkeys(names))


def font_table_xml(p: Profile) -> bytes:
    """fontTable.xml naming only the profile's fonts, with their fallbacks and GB2312 charset."""
    items = []
    for name in profile_fonts(p):
        latin = name.isascii()
        alt = FALLBACKS.get(name, "")
        items.append(f"<w:font w:name={a(name)}>"
                     + (f"<w:altName w:val={a(alt)}/>" if alt else "")
                     + f'<w:charset w:val="{"00" if latin else "86"}"/>'
                     + f'<w:family w:val="{"roman" if latin else "modern"}"/>'
                     + f'<w:pitch w:val="{"variable" if latin else "fixed"}"/></w:font>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:fonts xmlns:w="{W_NS}">{"".join(items)}</w:fonts>').encode()


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_fonts_xml(p: Profile) -> str:
    """The theme's font scheme: headings in the title font, body in the body font, both
    Latin slots in the Latin font; no other script fonts (each would be a missing font)."""
    def font(latin: str, ea: str) -> str:
        return (f"<a:latin typeface={a(latin)}/><a:ea typeface={a(ea)}/><a:cs typeface=\"\"/>"
                f"<a:font script=\"Hans\" typeface={a(ea)}/>")

    return (f'<a:fontScheme xmlns:a="{A_NS}" name="公文">'
            f"<a:majorFont>{font(p.latin_font, p.title_font)}</a:majorFont>"
            f"<a:minorFont>{font(p.latin_font, p.body_font)}</a:minorFont></a:fontScheme>")
