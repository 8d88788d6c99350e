"""The deck model as the written 汇报材料: a .docx in 公文 format (GB/T 9704), a second renderer of
the same deck, so the document and the slides can never disagree.

The slides become prose: each theme a 一、 section, each page of figures a （一） subsection with
its numbers as running sentences, charts as native Word charts (the deck's own chart part and
workbook) with 「图1 ……」 under them, tables as 三线表 with 「表1 ……」 above, every source as a
note. The 数据核对表 goes to the 附件. The file carries the deck's provenance record, so
``xzbrief diff`` reads documents too. Formatting is in docx_format, charts in docx_chart.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, assert_never
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from lxml import etree

from xzbrief import __version__
from xzbrief.atomic import atomic_write_bytes
from xzbrief.deck.model import (
    Card,
    Chart,
    Deck,
    Figure,
    Slide,
    SlideKind,
    Table,
    table_numeric,
)
from xzbrief.deck.notes import estimate_note
from xzbrief.deck.typeset import typeset, typeset_deck
from xzbrief.deck.wording import heading_number
from xzbrief.recipe import Recipe
from xzbrief.refresh.record import NS_PROV
from xzbrief.render.brand import Brand
from xzbrief.render.docx_chart import ChartMaker
from xzbrief.render.docx_format import (
    EMU_PER_MM,
    Profile,
    a,
    char_spacing,
    font_table_xml,
    footer_xml,
    profile_from,
    rpr,
    section_xml,
    styles_xml,
    theme_fonts_xml,
    twips,
    xml_text,
)
from xzbrief.render.package_props import (
    CT_ITEM_PROPS,
    custom_props_xml,
    provenance_xml,
    stamp_core_properties,
)

NSMAP = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NSMAP.items())
CHART_W_MM, CHART_H_MM = 150.0, 80.0
CELL_MARGINS = 2 * 108 + 60  # twips: left and right cell margins, and a little air
APPENDIX_SECTION = "附录"
PAGE_SUFFIX = re.compile(r"[（(](?:\d+/\d+|续)[）)]$")  # (1/2), (续): one passage
NUMBER_PREFIX = re.compile(r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|"
                           r"\d+(?:\.\d+)*\.?\s*|附[：:]\s*)")
END_PUNCT = "。；;，,：:、 "


@dataclass(frozen=True)
class DocxSettings:
    """What the document needs beyond the deck: the house style, 主送 and 署名, chart look."""

    profile: Profile = field(default_factory=Profile)
    addressee: str = ""  # 主送机关
    signature: str = ""  # 署名; empty: the cover's 汇报单位
    chart_colours: tuple[str, ...] = ("C00000", "D4A017", "7F7F7F", "2F5597", "548235")
    chart_text: str = "333333"


def _page_base(title: str) -> str:
    return PAGE_SUFFIX.sub("", title).strip()


def merge_pages(slides: Iterable[Slide]) -> list[Slide]:
    """A page split over slides ((1/2), (2/2)) is one passage in a document."""
    out: list[Slide] = []
    for slide in slides:
        prev = out[-1] if out else None
        mergeable = slide.kind in (SlideKind.HIGHLIGHTS, SlideKind.TEXT, SlideKind.TABLE)
        if (prev is not None and mergeable and prev.kind is slide.kind
                and prev.section == slide.section
                and _page_base(prev.title) == _page_base(slide.title)
                and (slide.kind is not SlideKind.TABLE
                     or (prev.table is not None and slide.table is not None
                         and prev.table.columns == slide.table.columns))):
            table = None
            if prev.table is not None and slide.table is not None:
                table = Table(prev.table.columns, prev.table.rows + slide.table.rows)
            figures = prev.figures + slide.figures
            out[-1] = replace(prev, lines=prev.lines + slide.lines, table=table,
                              footnotes=_merged_footnotes(prev, slide, figures),
                              figures=figures)
            continue
        out.append(replace(slide, title=_page_base(slide.title)) if mergeable else slide)
    return out


def _merged_footnotes(prev: Slide, slide: Slide, figures: tuple[Figure, ...]
                      ) -> tuple[str, ...]:
    """One 注 for a passage made of several slides: each slide's 「……为预计数」 said again
    for all the figures at once (「2025年A、B为预计数」 and 「2025年C为预计数」 become
    「2025年A、B、C为预计数」), its other remarks once each; the other lines (数据来源) as
    they were, once each."""
    remarks: dict[str, None] = {}
    others: dict[str, None] = {}
    for page in (prev, slide):
        estimate = typeset(estimate_note(page.figures))
        for line in page.footnotes:
            if not line.startswith(("注：", "注:")):
                others.setdefault(line, None)
                continue
            said = line[2:]
            if estimate and said.startswith(estimate):
                said = said[len(estimate):]
            for remark in said.split("。"):
                if remark.strip():
                    remarks.setdefault(remark + "。", None)
    estimate = typeset(estimate_note(figures))
    note = estimate + "".join(remarks)
    return ((f"注：{note}",) if note else ()) + tuple(others)


def strip_number(title: str) -> str:
    """「一、产业升级」 -> 「产业升级」: the document numbers its own headings."""
    return NUMBER_PREFIX.sub("", title, count=1).strip()


def sentence(text: str) -> str:
    text = text.strip().rstrip(END_PUNCT)
    return text + "。" if text else ""


def card_clause(card: Card) -> str:
    """One key figure as words: 「工业开票销售收入预计达9000亿元左右，同比增长…（…）」."""
    verb = ("预计" if card.before else "预计达") if card.figure.is_estimate else ""
    text = f"{card.label}{verb}{card.before}{card.number}{card.after}"
    if card.change is not None:
        text += f"，{card.change.text}"
    if card.note:
        text += f"（{card.note.rstrip(END_PUNCT)}）"
    return text


def cards_prose(cards: tuple[Card, ...]) -> str:
    """The cards of a page as one paragraph, each period said once where it changes."""
    clauses: list[str] = []
    period = ""
    for card in cards:
        clause = card_clause(card)
        if card.figure.period and card.figure.period != period:
            period = card.figure.period
            if not card.label.startswith(period):  # a card of another period names it
                clause = f"{period}，{clause}"
        clauses.append(clause)
    return sentence("；".join(clauses))


def highlight_paragraphs(lines: tuple[str, ...]) -> list[tuple[str, str]]:
    """Highlights as prose: lines that start 「邳州市：」 are gathered under that name (a run-in
    1. heading); the rest joined four to a paragraph. Returns (run-in heading, text) pairs."""
    groups: dict[str, list[str]] = {}
    plain: list[str] = []
    heads = [line.partition("：")[0] for line in lines if "：" in line]
    for line in lines:
        head, sep, rest = line.partition("：")
        if sep and 0 < len(head) <= 12 and rest and heads.count(head) > 1:
            groups.setdefault(head, []).append(rest.rstrip(END_PUNCT))
        else:
            plain.append(line.rstrip(END_PUNCT))
    out = [("", sentence("；".join(plain[i:i + 4]))) for i in range(0, len(plain), 4)]
    out += [(head, sentence("；".join(items))) for head, items in groups.items()]
    return out


GOOD_BREAK_AFTER = "”）》、，：；"
GOOD_BREAK_BEFORE = ("关于", "建设", "发展", "情况", "工作", "推进", "产业", "运行", "实施", "“")


def title_lines(title: str, capacity: float) -> list[str]:
    """A title longer than one line, broken where the words allow, in lines of like length
    (GB/T 9704: 回行时要做到词意完整, 排列对称)."""
    if text_width(title) <= capacity or len(title) < 4:
        return [title]
    best: tuple[float, int] | None = None
    for k in range(2, len(title) - 1):
        first, rest = title[:k], title[k:]
        if text_width(first) > capacity or title[k] in GOOD_BREAK_AFTER:
            continue
        score = abs(text_width(first) - text_width(rest))
        if title[k - 1] in GOOD_BREAK_AFTER or rest.startswith(GOOD_BREAK_BEFORE):
            score -= 10
        if title[k - 1] == "“" or (title[k - 1].isascii() and title[k].isascii()):
            score += 20  # never split a quotation mark from its word, or a number
        if best is None or score < best[0]:
            best = (score, k)
    if best is None:
        return [title]
    return [title[:best[1]], *title_lines(title[best[1]:], capacity)]


def source_text(note: str) -> str | None:
    """The source named by a 「数据来源：……」 note, without the words 数据来源."""
    for prefix in ("数据来源：", "数据来源:", "资料来源："):
        if note.startswith(prefix):
            return note.removeprefix(prefix).rstrip("。").strip()
    return None


def column_widths(table: Table, size: float, total: int) -> list[int]:
    """Twips per column: each as wide as its longest text (plus cell margins) when the page
    allows. Otherwise short columns (up to 1.5 × an even share) stay whole and the long ones
    share the rest, so that only they wrap; when even that leaves them too little, every
    column is capped at one width."""
    need = [max([text_width(table.columns[c])] + [text_width(r[c].text) for r in table.rows])
            * size * 20 + CELL_MARGINS for c in range(len(table.columns))]
    if sum(need) <= total:
        return [int(n + (total - sum(need)) * n / sum(need)) for n in need]
    fair = total / len(need)
    wide = [n for n in need if n > 1.5 * fair]
    rest = total - sum(n for n in need if n <= 1.5 * fair)
    if wide and rest >= 0.8 * fair * len(wide):
        return [int(n if n <= 1.5 * fair else rest * n / sum(wide)) for n in need]
    low, high = 0.0, max(need)
    for _ in range(40):  # the cap at which the capped widths fill the line
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(n, cap) for n in need) < total else (low, cap)
    return [int(min(n, low)) for n in need]


def merge_sources(sources: list[str]) -> list[str]:
    """「市发改委 · 发布会」 and 「发布会」 are one source: the organisations of each document
    gathered before it, in order."""
    orgs: dict[str, dict[str, None]] = {}
    for source in sources:
        org, sep, doc = source.rpartition(" · ")
        names = orgs.setdefault(doc if sep else source, {})
        for name in org.split("、") if sep else ():
            names.setdefault(name.strip(), None)
    return [("、".join(names) + " · " + doc) if names else doc for doc, names in orgs.items()]


def text_width(text: str) -> float:
    """Width in body characters: CJK one, Latin and digits half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


class _Builder:
    """Collects the body XML in order and numbers headings, figures and tables."""

    def __init__(self, deck: Deck, settings: DocxSettings, doc: Any) -> None:
        self.deck = deck
        self.s = settings
        self.p = settings.profile
        self.doc = doc
        self.body: list[str] = []
        self.tight = char_spacing(self.p)
        self.counters = [0, 0, 0, 0]
        self.section = ""
        self.figure_no = 0
        self.table_no = 0
        self.chart_no = 0
        self.closing = ""
        self.appendix: list[Slide] = []
        self.sources: dict[str, None] = {}  # of the current section's prose, in order
        self.last_text = ""  # of the paragraph written last
        self.charts = ChartMaker(settings.chart_colours, settings.chart_text,
                                 self.p.latin_font, self.p.body_font)

    # --- runs and paragraphs ------------------------------------------------------------
    def run(self, text: str, font: str, size: float, bold: bool = False) -> str:
        tight = self.tight if size == self.p.body_size else 0
        return (f"<w:r>{rpr(font, self.p.latin_font, size, bold, tight)}"
                f'<w:t xml:space="preserve">{escape(xml_text(text))}</w:t></w:r>')

    def para(self, text: str, style: str = "Normal", font: str | None = None,
             size: float | None = None, bold: bool = False, ppr: str = "",
             runs: str = "") -> None:
        font = font or self.p.body_font
        size = size or self.p.body_size
        self.last_text = text
        content = runs + (self.run(text, font, size, bold) if text else "")
        self.body.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{content}</w:p>')

    def title(self, text: str) -> None:
        capacity = self.p.text_width_mm / 25.4 * 72 / self.p.title_size - 1
        lines = title_lines(text, capacity)
        brk = f"<w:r>{rpr(self.p.title_font, self.p.latin_font, self.p.title_size)}<w:br/></w:r>"
        runs = brk.join(self.run(line, self.p.title_font, self.p.title_size)
                                          for line in lines)
        self.para("", "GwTitle", runs=runs)

    def blank(self) -> None:
        self.para("")

    def heading(self, level: int, text: str) -> None:
        """一、 （一） 1. （1）, each level counted within the one above."""
        self.counters[level - 1] += 1
        for k in range(level, len(self.counters)):
            self.counters[k] = 0
        number = heading_number(level, self.counters[level - 1])
        font = {1: self.p.h1_font, 2: self.p.h2_font}.get(level, self.p.body_font)
        self.para(number + text, f"GwHeading{level}", font, bold=level == 3)

    def notes(self, lines: Iterable[str], gather: bool = False) -> None:
        """注 and 数据来源 under what they explain; a section's prose gathers its sources into
        one 数据来源 note at the section's end (``gather``)."""
        for line in lines:
            source = source_text(line)
            if gather and source is not None:
                for part in source.split("；"):
                    self.sources.setdefault(part.strip(), None)
            else:
                self.para(line, "GwNote", size=self.p.note_size)

    def flush_sources(self) -> None:
        if self.sources:
            line = "数据来源：" + "；".join(merge_sources(list(self.sources))) + "。"
            if line != self.last_text:  # a chart's own source line just said the same
                self.para(line, "GwNote", size=self.p.note_size)
            self.sources = {}

    def start_section(self, name: str) -> None:
        self.flush_sources()
        self.section = name
        self.heading(1, name)

    # --- slides ---------------------------------------------------------------------------
    def build(self) -> None:
        slides = merge_pages(self.deck.slides)
        cover = next((s for s in slides if s.kind is SlideKind.COVER), None)
        self.front(cover)
        for slide in slides:
            self.slide(slide)
        self.back(cover)

    def slide(self, slide: Slide) -> None:
        match slide.kind:
            case SlideKind.COVER | SlideKind.AGENDA:
                return  # the title block is written first; a document has no agenda page
            case SlideKind.SECTION:
                self.start_section(slide.section or strip_number(slide.title))
                if slide.subtitle:
                    self.para(sentence(slide.subtitle))
            case SlideKind.KEY_FIGURES:
                self.enter(slide)
                self.heading(2, slide.title)
                self.key_figures(slide)
                self.notes(slide.footnotes, gather=True)
            case SlideKind.CHART:
                self.enter(slide)
                self.heading(2, slide.title)
                if slide.lines:
                    self.para("".join(sentence(line) for line in slide.lines))
                assert slide.chart is not None
                self.chart(slide.chart)
                self.notes(slide.footnotes)
            case SlideKind.TABLE:
                if slide.section == APPENDIX_SECTION:
                    self.appendix.append(slide)
                    return
                self.enter(slide)
                self.flush_sources()  # the prose before it keeps its own sources
                self.heading(2, slide.title)
                if slide.lines:
                    self.para("".join(sentence(line) for line in slide.lines))
                assert slide.table is not None
                self.table(slide.table, slide.title)
                # a table split over slides brings one 数据来源 line per slide: one here
                self.notes(slide.footnotes, gather=True)
                self.flush_sources()
            case SlideKind.HIGHLIGHTS:
                self.enter(slide)
                title = slide.title
                if slide.section and title.startswith(slide.section) and title != slide.section:
                    title = title.removeprefix(slide.section)
                self.heading(2, title)
                for head, text in highlight_paragraphs(slide.lines):
                    if head:
                        self.counters[2] += 1
                        lead = self.run(f"{self.counters[2]}.{head}。", self.p.body_font,
                                        self.p.body_size, bold=True)
                        self.para(text, runs=lead)
                    else:
                        self.para(text)
                self.notes(slide.footnotes, gather=True)
            case SlideKind.TEXT:
                name = slide.section or strip_number(slide.title)
                if name != self.section:
                    self.start_section(name)
                for line in slide.lines:
                    self.para(line)
                self.notes(slide.footnotes, gather=True)
            case SlideKind.CLOSING:
                self.closing = slide.title
            case _:
                assert_never(slide.kind)

    def enter(self, slide: Slide) -> None:
        """A page whose section had no divider (总体情况, or dividers turned off)."""
        if slide.section and slide.section != self.section:
            self.start_section(slide.section)

    def key_figures(self, slide: Slide) -> None:
        # the cards' own sentences, also those the slide left to its notes (a document reads
        # 「居全省第3位」 where a card says 「全省位次 第3位」), then what else the page says
        lines = slide.prose + tuple(line for line in slide.lines if line not in slide.prose)
        said = "".join(lines)
        if said:
            self.para("".join(sentence(line) for line in lines))
        rest = tuple(c for c in slide.cards if c.figure.text not in said
                     or (c.change is not None and c.change.text not in said))
        if rest:
            self.para(cards_prose(rest))

    # --- front and back matter --------------------------------------------------------------
    def front(self, cover: Slide | None) -> None:
        if self.deck.info.marking:
            self.para(self.deck.info.marking, "GwMarking", self.p.h1_font)
        title = cover.title if cover is not None else self.deck.info.title
        self.title(title)
        if cover is not None and cover.subtitle:
            self.para("——" + cover.subtitle, "GwSubtitle", self.p.h2_font)
        self.blank()
        if self.s.addressee:
            self.para(self.s.addressee.rstrip("：:") + "：", "GwAddressee")

    def back(self, cover: Slide | None) -> None:
        self.flush_sources()
        if self.closing and self.closing not in ("谢谢", "谢谢！", "谢谢!"):
            self.para(sentence(self.closing))
        if self.appendix:
            self.blank()
            titles = list(dict.fromkeys(strip_number(s.title) for s in self.appendix))
            self.para("附件：" + "、".join(titles))
        signature = self.s.signature or (cover.organisation if cover is not None else "")
        date = cover.date if cover is not None else ""
        if signature or date:
            self.blank()
            ls, ld = text_width(signature), text_width(date)
            date_right = max(2.0, ls - ld) if signature else 2.0
            sig_right = date_right + ld + 2 - ls
            for text, right in ((signature, sig_right), (date, date_right)):
                if text:
                    chars = round(right * 100)
                    ind = (f'<w:ind w:right="{twips(self.p.body_size * right)}" '
                           f'w:rightChars="{chars}" w:firstLine="0" w:firstLineChars="0"/>')
                    self.para(text, "GwSignature", ppr=ind)
        for k, slide in enumerate(self.appendix):
            ppr = '<w:pageBreakBefore/>' if k == 0 else ""
            if k == 0:
                self.para("附件", "GwAttachment", self.p.h1_font, ppr=ppr)
                self.blank()
                self.title(strip_number(slide.title))
                self.blank()
            assert slide.table is not None
            columns = tuple("PPT页" if c == "页" else c for c in slide.table.columns)
            self.table(Table(columns, slide.table.rows), "", caption=False,
                       size=self.p.table_size - 1.5)
        self.notes(dict.fromkeys(n for s in self.appendix for n in s.footnotes), gather=True)
        self.flush_sources()

    # --- charts and tables ------------------------------------------------------------------
    def chart(self, chart: Chart) -> None:
        self.chart_no += 1
        n = self.chart_no
        made = self.charts.make(chart, CHART_W_MM * 72 / 25.4, CHART_H_MM * 72 / 25.4)
        package = self.doc.part.package
        xlsx = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
                    CT.SML_SHEET, made.xlsx, package)
        part = Part(PackURI(f"/word/charts/chart{n}.xml"), CT.DML_CHART, made.xml, package)
        assert part.relate_to(xlsx, RT.PACKAGE) == "rId1"  # what externalData refers to
        rid = self.doc.part.relate_to(part, RT.CHART)
        cx, cy = round(CHART_W_MM * EMU_PER_MM), round(CHART_H_MM * EMU_PER_MM)
        alt = chart.alt_text or chart.title
        drawing = (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
                   f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
                   f'<wp:docPr id="{n}" name="图表 {n}" descr={a(alt)}/><wp:cNvGraphicFramePr/>'
                   '<a:graphic><a:graphicData '
                   'uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
                   f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline>'
                   "</w:drawing></w:r>")
        self.para("", "GwFigure", runs=drawing)
        self.figure_no += 1
        self.para(f"图{self.figure_no} {chart.title}", "GwCaption", self.p.h1_font,
                  self.p.note_size)
        if made.note:  # what the slide draws over the chart (a ranking's reference line)
            self.para(made.note, "GwNote", size=self.p.note_size)

    def table(self, table: Table, title: str, caption: bool = True,
              size: float | None = None) -> None:
        """A 三线表: a heavy rule above and below, a light one under the header, no verticals."""
        size = size or (self.p.table_size if len(table.columns) <= 5  # 小四; 五号 when dense
                        else self.p.table_size - 1.5)
        if caption:
            self.table_no += 1
            self.para(f"表{self.table_no} {title}", "GwCaption", self.p.h1_font,
                      self.p.note_size)
        numeric = table_numeric(table)
        total = round(self.p.text_width_mm / 25.4 * 1440)
        widths = column_widths(table, size, total)
        heavy = '<w:{0} w:val="single" w:sz="12" w:space="0" w:color="000000"/>'
        borders = ("<w:tblBorders>" + heavy.format("top")
                   + '<w:left w:val="nil"/>' + heavy.format("bottom")
                   + '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
                   "</w:tblBorders>")
        rows = [self.row(table.columns, widths, numeric, size, header=True)]
        rows += [self.row(tuple(c.text for c in r), widths, numeric, size) for r in table.rows]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        self.body.append(f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
                         f'<w:jc w:val="center"/>{borders}<w:tblLayout w:type="fixed"/>'
                         '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
                         'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>'
                         f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")

    def row(self, texts: tuple[str, ...], widths: list[int], numeric: tuple[bool, ...],
            size: float, header: bool = False) -> str:
        cells = []
        for text, width, num in zip(texts, widths, numeric, strict=True):
            rule = ('<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" '
                    'w:color="000000"/></w:tcBorders>' if header else "")
            align = "center" if header else ("right" if num else "left")
            font = self.p.h1_font if header else self.p.body_font
            line = twips(size * 1.5)
            run = self.run(text, font, size) if text else ""
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{rule}'
                         '<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>'
                         '<w:pStyle w:val="GwTable"/><w:snapToGrid w:val="0"/>'
                         f'<w:spacing w:line="{line}" w:lineRule="exact"/>'
                         f'<w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>')
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else \
            "<w:trPr><w:cantSplit/></w:trPr>"
        return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


# --- the package ------------------------------------------------------------------------------
def _drop_template_extras(doc: Any) -> None:
    """python-docx's blank document carries parts that name fonts of its own (numbering's
    Symbol and Wingdings, stylesWithEffects, a bibliography item, a thumbnail): drop them."""
    unwanted = (RT.NUMBERING, RT.CUSTOM_XML, RT.THUMBNAIL,
                "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in unwanted]:
            del rels[rid]


def _set_fonts(doc: Any, p: Profile) -> None:
    doc.part._styles_part._element = parse_xml(styles_xml(p))
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = font_table_xml(p)
        elif rel.reltype == RT.THEME:
            theme = etree.fromstring(rel.target_part.blob)
            old = theme.find(f".//{{{NSMAP['a']}}}fontScheme")
            if old is not None:
                old.getparent().replace(old, etree.fromstring(theme_fonts_xml(p)))
            rel.target_part._blob = etree.tostring(theme, xml_declaration=True,
                                                   encoding="UTF-8", standalone=True)


def _provenance(doc: Any, deck: Deck) -> None:
    """The deck's record (sentences, every figure with its cell) and custom properties."""
    info = deck.info
    stamp_core_properties(doc.core_properties, info)
    package = doc.part.package
    props = {"xzbrief.version": __version__, "xzbrief.dataset.file": info.dataset_file,
             "xzbrief.dataset.sha256": info.dataset_sha256,
             "xzbrief.dataset.modified": info.dataset_modified, "xzbrief.recipe": info.recipe_toml}
    custom = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES,
                  custom_props_xml(props), package)
    package.relate_to(custom, RT.CUSTOM_PROPERTIES)
    item = Part(PackURI("/customXml/item1.xml"), "application/xml", provenance_xml(deck),
                package)
    doc.part.relate_to(item, RT.CUSTOM_XML)
    item_props = Part(PackURI("/customXml/itemProps1.xml"), CT_ITEM_PROPS,
                      ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                       '<ds:datastoreItem ds:itemID="{6C3C9A1E-58E0-4F4B-9E1A-5A7D2B1C0D11}" '
                       'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                       f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS_PROV}"/></ds:schemaRefs>'
                       "</ds:datastoreItem>").encode(), package)
    item.relate_to(item_props, RT.CUSTOM_XML_PROPS)


def settings_for(recipe: Recipe, brand: Brand) -> DocxSettings:
    """The recipe's [word] choices, with the brand's chart colours (the same as the deck's)."""
    return DocxSettings(profile_from(recipe.word), recipe.word.addressee, recipe.word.signature,
                        brand.palette.chart_colours, brand.palette.text)


def render_docx(deck: Deck, settings: DocxSettings | None = None) -> bytes:
    """The finished .docx as bytes."""
    settings = settings or DocxSettings()
    p = settings.profile
    doc = docx.Document()
    _drop_template_extras(doc)
    _set_fonts(doc, p)
    doc.settings.odd_and_even_pages_header_footer = True
    package = doc.part.package
    rids = []
    for n, odd in ((1, True), (2, False)):
        part = Part(PackURI(f"/word/footer{n}.xml"), CT.WML_FOOTER, footer_xml(p, odd),
                    package)
        rids.append(doc.part.relate_to(part, RT.FOOTER))
    deck = typeset_deck(deck)  # as the slides show it, and as the deck's record says it
    builder = _Builder(deck, settings, doc)
    builder.build()
    body = parse_xml(f"<w:body {NSDECL}>{''.join(builder.body)}"
                     f"{section_xml(p, rids[0], rids[1])}</w:body>")
    root = doc.element
    root.remove(root.body)
    root.append(body)
    _provenance(doc, deck)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_docx(deck: Deck, path: Path, settings: DocxSettings | None = None) -> None:
    """Write the document atomically. Raises atomic.SaveBlocked."""
    atomic_write_bytes(Path(path), render_docx(deck, settings))
