"""Text an office can edit: no hard line breaks in wrapped text, numbers held to their units by
invisible word joiners (which survive editing), titles broken only after a clause — proved on
the written deck (python-pptx), on LibreOffice's pages (pdftotext), and through refresh."""

from __future__ import annotations

import itertools
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from realclients import needs_soffice, seen, to_pdf
from workbooks import basic_sheets, write_workbook
from xzbrief.build import BuildResult, build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.nobreak import WJ, join_numbers, number_groups, plain
from xzbrief.deck.textfit import fit_title, text_width, wrap
from xzbrief.recipe import read_recipe
from xzbrief.refresh.numbers import quoted_numbers
from xzbrief.render.layout import title_lines
from xzbrief.resources import shipped_dataset, shipped_recipe

EMU_PER_PT = 12700
XHTML = "{http://www.w3.org/1999/xhtml}"
PHRASES = ("工业开票销售收入达到9000亿元", "新增高新技术企业320家", "两化融合发展水平提高3.3个百分点",
           "万元地区生产总值能耗下降4.5%", "5G基站累计建成2.45万个", "1—11月累计完成投资1200亿元",
           "发电量达到120万千瓦时", "减少排放二氧化碳35万吨")
LEAD = "全市坚持把发展经济的着力点放在实体经济上"


def long_sentences() -> list[str]:
    """Forty highlights whose numbers fall at every place of a line."""
    out = []
    for k in range(40):
        a, b = PHRASES[k % len(PHRASES)], PHRASES[(k * 3 + 1) % len(PHRASES)]
        out.append(f"{LEAD[:(k * 3) % len(LEAD)]},{a},{b}")
    return out


UNITS = ("万千瓦时", "亿元", "万吨")


# --- the joiners ----------------------------------------------------------------------------
def test_a_number_is_joined_to_its_unit_and_nothing_else_changes() -> None:
    cases = {"达6000亿元，比上年增长12.5%": f"达6000{WJ}亿{WJ}元，比上年增长12.5%",
             "提高3.3个百分点": f"提高3.3{WJ}个{WJ}百{WJ}分{WJ}点",
             "1—11月累计": f"1{WJ}—{WJ}11{WJ}月累计",
             "下降−3.2%": "下降−3.2%",  # a sign, digits and % hold in every program
             "发电量120万千瓦时": f"发电量120{WJ}万{WJ}千{WJ}瓦{WJ}时",
             "年均增长约9%，超300亿元": f"年均增长约{WJ}9%，超{WJ}300{WJ}亿{WJ}元"}
    for text, joined in cases.items():
        assert join_numbers(text, ("万千瓦时",)) == joined
        assert plain(joined) == text


def test_the_measure_never_breaks_inside_a_group_and_counts_joiners_as_nothing() -> None:
    for sentence in long_sentences():
        joined = join_numbers(sentence, UNITS)
        assert text_width(joined, 16) == text_width(sentence, 16)  # zero width
        for width in range(120, 420, 7):
            lines = wrap(joined, 16, width)
            assert plain("".join(lines)) == plain(joined)
            ends = [len(plain("".join(lines[:k]))) for k in range(1, len(lines))]
            for start, end in number_groups(sentence, UNITS):
                assert not any(start < e < end for e in ends), (sentence, width, lines)


def test_refresh_reads_numbers_through_the_joiners() -> None:
    assert quoted_numbers(join_numbers("工业开票销售收入达9000亿元，增长9.8%")) == [9e11, 9.8]
    assert quoted_numbers(join_numbers("5G基站2.45万个")) == [24500.0]


def test_a_two_line_title_breaks_only_after_a_clause() -> None:
    title = "2025年全市工业开票销售收入预计达9000亿元左右，比上年增长9.8%，五年连跨三个千亿级台阶"
    fit = fit_title(title, 806, 61, 28, 22)
    lines, chosen = title_lines(title, fit, 806)
    assert chosen and len(lines) == 2 and lines[0][-1] in "，；：、"
    assert "".join(lines) == title
    plain_title = "工业开票销售收入预计达到九千亿元左右并且五年间连续跨越三个千亿级台阶实现翻番目标任务完成"
    fit = fit_title(plain_title, 806, 61, 28, 22)
    assert len(fit.lines) == 2
    assert title_lines(plain_title, fit, 806)[1] is False  # no clause: the program wraps it


# --- the written deck -----------------------------------------------------------------------
def build(folder: Path, sheets: dict[str, list[list[object]]] | None = None) -> BuildResult:
    if sheets is None:
        return build_deck(read_recipe(shipped_recipe()), shipped_dataset(),
                          folder / "shipped.pptx")
    book = write_workbook(folder / "长文本.xlsx", sheets)
    load = load_dataset(book)
    return build_deck(default_recipe(load), book, folder / "长文本.pptx", load=load)


def long_text_sheets() -> dict[str, list[list[object]]]:
    sheets = basic_sheets()
    for k, sentence in enumerate(long_sentences()):
        sheets["要点"].append(["产业升级" if k < 20 else "数实融合", "徐州市", "2025年", sentence,
                             "市工信局"])
    return sheets


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    folder = tmp_path_factory.mktemp("nobreak")
    return {"shipped": build(folder), "long": build(folder, long_text_sheets())}


@pytest.mark.parametrize("name", ["shipped", "long"])
def test_no_hard_line_break_in_body_text_and_every_number_held_to_its_unit(
        decks: dict[str, BuildResult], name: str) -> None:
    result = decks[name]
    assert result.pptx is not None
    units = sorted({f.unit for f in result.deck.figures if f.unit and not f.unit.isascii()},
                   key=len, reverse=True)
    held = 0
    for slide in Presentation(str(result.pptx)).slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            body = shape.text_frame._txBody
            breaks = body.findall(f".//{qn('a:br')}")
            is_title = shape.is_placeholder and shape.placeholder_format.type is not None \
                and shape.placeholder_format.type.name in ("TITLE", "CENTER_TITLE")
            if is_title:  # a title breaks only after a clause
                for br in breaks:
                    before = br.getprevious()
                    assert before is not None and before.findtext(qn("a:t"))[-1] in "，；：、"
            else:
                assert not breaks, (shape.name, shape.text_frame.text)
            text = shape.text_frame.text
            if body.find(qn("a:bodyPr")).get("wrap") == "none":
                continue  # one line that never wraps (a card's big number and its unit)
            for unit in units:  # no number directly against its unit without a joiner
                assert not re.search(rf"\d{re.escape(unit[0])}", text), (shape.name, text)
            held += len(re.findall(rf"\d{WJ}\S", text))
    assert held >= 10


def pdf_lines(pdf: Path) -> list[tuple[int, list[ET.Element]]]:
    """(page, lines) for every block LibreOffice wrote, from pdftotext's layout."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    return [(n, list(block.iter(XHTML + "line")))
            for n, page in enumerate(root.iter(XHTML + "page"), start=1)
            for block in page.iter(XHTML + "block")]


def line_text(line: ET.Element) -> str:
    return "".join(w.text or "" for w in line.iter(XHTML + "word"))


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("name", ["shipped", "long"])
def test_libreoffice_pages_keep_numbers_with_units_and_text_inside_its_boxes(
        decks: dict[str, BuildResult], name: str, tmp_path: Path) -> None:
    result = decks[name]
    assert result.pptx is not None
    pdf = to_pdf(result.pptx, tmp_path)
    units = tuple({f.unit for f in result.deck.figures if f.unit})
    splits, inner = [], []
    for page, lines in pdf_lines(pdf):
        texts = [line_text(x) for x in lines]
        for a, b in itertools.pairwise(texts):
            for start, end in number_groups(a + b, units):
                if start < len(a) < end:
                    # LibreOffice 7.4 ignores a joiner between two Chinese characters (its CJK
                    # breaker keeps only its 避头尾 lists): 「2.45万|个」 may part there; a
                    # number and the first character of its unit never do
                    wide = unicodedata.east_asian_width(a[-1]) in ("W", "F")
                    (inner if wide else splits).append((page, a[-12:], b[:8]))
    assert not splits, splits
    if name == "shipped":
        assert not inner, inner
    # nothing overflows its box: every line LibreOffice drew from a text box lies inside it
    prs = Presentation(str(result.pptx))
    for (page, lines) in pdf_lines(pdf):
        slide = prs.slides[page - 1]
        x0, y0 = float(lines[0].get("xMin", 0)), float(lines[0].get("yMin", 0))
        boxes = [(sh.left / EMU_PER_PT, sh.top / EMU_PER_PT, (sh.left + sh.width) / EMU_PER_PT,
                  (sh.top + sh.height) / EMU_PER_PT, sh.name) for sh in slide.shapes
                 if sh.has_text_frame and seen(sh.text_frame.text).strip()]
        owners = [b for b in boxes if b[0] - 1 <= x0 <= b[2] and b[1] - 2 <= y0 <= b[3]]
        if not owners:
            continue  # a chart's or a table's own text
        _, _, right, bottom, shape = min(owners, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
        for line in lines:
            y_min, y_max = float(line.get("yMin", 0)), float(line.get("yMax", 0))
            room = max(2.0, 0.25 * (y_max - y_min))  # a big number's descent below its box
            assert y_max <= bottom + room and float(line.get("xMax", 0)) <= right + 2, \
                (page, shape, line_text(line))


@pytest.mark.libreoffice
@needs_soffice
def test_an_edited_sentence_rewraps_evenly_and_keeps_its_joiners(
        decks: dict[str, BuildResult], tmp_path: Path) -> None:
    """What the office does: type words at the start of a highlight. Without hard breaks the
    paragraph rewraps to full lines (no ragged line where the old break was), and the
    joiners that hold its numbers to their units are still there."""
    result = decks["long"]
    assert result.pptx is not None
    prs = Presentation(str(result.pptx))
    slide, shape = next((s, sh) for s in prs.slides for sh in s.shapes
                        if sh.name.startswith("要点") and sh.width > 600 * EMU_PER_PT)
    k, para = max(enumerate(shape.text_frame.paragraphs), key=lambda kp: len(kp[1].text))
    run = para.runs[-1]
    typed = "据市工信局统计，"
    run.text = typed + run.text
    edited = tmp_path / "改过.pptx"
    prs.save(str(edited))
    again = next(sh for sh in Presentation(str(edited)).slides[
        list(prs.slides).index(slide)].shapes if sh.name == shape.name)
    written = again.text_frame.paragraphs[k].runs[-1].text
    assert written.startswith(typed) and WJ in written  # the joiners survived the edit
    assert not again.text_frame._txBody.findall(f".//{qn('a:br')}")
    pdf = to_pdf(edited, tmp_path)
    page = list(prs.slides).index(slide) + 1
    right = (shape.left + shape.width) / EMU_PER_PT
    block = next(lines for n, lines in pdf_lines(pdf)
                 if n == page and typed[:4] in line_text(lines[0]))
    size = float(block[0].get("yMax", 0)) - float(block[0].get("yMin", 0))
    assert len(block) >= 2
    for line in block[:-1]:  # every line but the last runs to the box's edge
        assert float(line.get("xMax", 0)) >= right - 2.5 * size, line_text(line)
