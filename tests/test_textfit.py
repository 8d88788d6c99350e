"""Measuring and wrapping Chinese text without a font engine."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from pptx import Presentation
from pptx.util import Pt

from realclients import needs_soffice, to_pdf
from xzbrief.deck.textfit import (
    BULLET_SPACING,
    bullets_height,
    bullets_size,
    fit_bullets,
    fit_table,
    fit_text,
    fit_title,
    fits_one_line,
    paginate_bullets,
    paginate_table,
    text_width,
    wrap,
)
from xzbrief.render.fonts import style_font


def test_cjk_is_one_em_and_measures_err_wide() -> None:
    assert text_width("工业", 20) == pytest.approx(2 * 20 * 1.06)
    assert text_width("9000", 20) < text_width("工业开票", 20)
    # autospace where Chinese meets digits: 「达 9000 亿元」
    assert text_width("达9000亿元", 20) > text_width("达", 20) + text_width("9000", 20) + \
        text_width("亿元", 20)
    assert text_width("2025", 20, bold=True) > text_width("2025", 20)


def test_wrap_never_loses_text_and_respects_the_width() -> None:
    text = "2025年全市工业开票销售收入预计达9000亿元左右,同比增长9.8%,连跨三个千亿级台阶。"
    lines = wrap(text, 18, 200)
    assert "".join(lines) == text
    assert all(text_width(line, 18) <= 200 for line in lines)


def test_no_punctuation_starts_a_line_and_numbers_keep_their_unit() -> None:
    text = "工业开票销售收入预计达9000亿元,同比增长54.8%。"
    for width in range(80, 400, 7):
        lines = wrap(text, 16, width)
        assert not any(line[0] in ",。%)" for line in lines[1:]), lines
        assert not any(line.endswith("9000") for line in lines), lines  # 9000|亿元 stay together
        assert "".join(lines) == text


def test_a_word_wider_than_the_line_is_split_not_dropped() -> None:
    lines = wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20, 100)
    assert "".join(lines) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ" and len(lines) > 1


def test_explicit_newlines_are_kept() -> None:
    assert wrap("第一行\n第二行", 20, 500) == ["第一行", "第二行"]


def test_fit_text_shrinks_within_limits_then_says_it_does_not_fit() -> None:
    text = "推进产业链供应链韧性和安全水平提升" * 4
    roomy = fit_text(text, 400, 200, 20, 12)
    assert roomy.fits and roomy.size == 20
    tight = fit_text(text, 400, 60, 20, 12)
    assert tight.fits and 12 <= tight.size < 20
    impossible = fit_text(text * 10, 400, 60, 20, 12)
    assert not impossible.fits and impossible.size == 12
    assert "".join(impossible.lines) == text * 10  # never cut silently


def test_fit_title_one_line_or_balanced_lines() -> None:
    short = fit_title("主要指标完成情况", 800, 60, 28, 22)
    assert short.lines == ("主要指标完成情况",) and short.size == 28
    long = fit_title("工业开票销售收入预计达9000亿元左右,年均增速预计约9%,连跨三个千亿级台阶",
                     640, 70, 28, 22)
    assert len(long.lines) == 2
    a, b = (text_width(line, long.size, True) for line in long.lines)
    assert abs(a - b) < 0.35 * max(a, b)  # no orphan on the last line


def test_fits_one_line() -> None:
    assert fits_one_line("工业开票销售收入预计达9000亿元左右", 806, 22)
    assert not fits_one_line("工业开票销售收入预计达9000亿元左右" * 3, 806, 22)


def test_bullets_measure_shrink_and_cut() -> None:
    lines = ["2025年全市工业开票销售收入预计达9000亿元左右,同比增长9.8%。"] * 3
    h = bullets_height(lines, 18, 300)
    assert h > 3 * 18 * BULLET_SPACING
    assert bullets_size(lines, 300, h + 1, 18, 16) == 18
    assert bullets_size(lines, 300, 40, 18, 16) is None
    assert fit_bullets(lines, 300, bullets_height(lines[:2], 16, 300), 18, 16) == lines[:2]


def test_pages_are_even() -> None:
    lines = [f"第{i}条亮点:工程机械产业获批国家首批先进制造业集群" for i in range(8)]
    pages = paginate_bullets(lines, 800, 380, 20, 6)
    assert [len(p) for p in pages] == [4, 4]
    assert [line for page in pages for line in page] == lines


def test_tables_fit_or_are_split() -> None:
    columns = ("指标", "期间", "数值")
    rows = [[f"指标{i}", "2025年", f"{i * 10}个"] for i in range(30)]
    fit = fit_table(columns, rows[:5], [False, False, True], 880, 380)
    assert fit.fits and fit.size == 14 and sum(fit.widths) == pytest.approx(880)
    assert len(fit.heights) == 6
    pages = paginate_table(columns, rows, [False, False, True], 880, 380, 10)
    assert [len(p) for p in pages] == [10, 10, 10]
    assert sorted(k for page in pages for k in page) == list(range(30))


@pytest.mark.libreoffice
@needs_soffice
def test_quotes_and_triangles_measure_at_least_as_wide_as_libreoffice_draws_them(
        tmp_path: Path) -> None:
    """Curly quotes and ▲ are ambiguous-width: the run's East-Asian font draws them full
    width. Measured as half width, 「“十四五”以来年均增速」 at 12 pt came to 127 pt while
    LibreOffice drew 135 pt, so a line measured to fit could run over its box."""
    texts = ["“十四五”以来年均增速", "▲同比增长5.2%", "‘十五五’时期▼"]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for i, text in enumerate(texts):
        box = slide.shapes.add_textbox(Pt(20), Pt(40 + 60 * i), Pt(600), Pt(40))
        run = box.text_frame.paragraphs[0].add_run()
        run.text = text
        style_font(run.font, "Arial", "微软雅黑", size=12)
    pptx = tmp_path / "quotes.pptx"
    prs.save(str(pptx))
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(to_pdf(pptx, tmp_path)), "-"],
                            capture_output=True, text=True, check=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    drawn = {}
    for line in ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", layout)).iter(ns + "line"):
        words = "".join(w.text or "" for w in line.iter(ns + "word"))
        drawn[words] = float(line.get("xMax", 0)) - float(line.get("xMin", 0))
    for text in texts:
        assert text in drawn, (text, drawn)
        assert text_width(text, 12) >= drawn[text], (text, text_width(text, 12), drawn[text])
