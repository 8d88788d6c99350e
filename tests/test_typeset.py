"""Chinese punctuation on the slides: full-width in Chinese text, numbers and references
untouched, and the written deck free of ASCII commas between Chinese words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from realclients import seen
from xzbrief.deck.typeset import typeset


@pytest.mark.parametrize(("text", "expected"), [
    ("工业开票销售收入预计达9000亿元左右,年均增速预计约9%",
     "工业开票销售收入预计达9000亿元左右，年均增速预计约9%"),
    ("同比增长9.8%,增速居全省第一", "同比增长9.8%，增速居全省第一"),
    ("注:2025年数据为预计数。数据来源:市工信局。", "注：2025年数据为预计数。数据来源：市工信局。"),
    ("专场新闻发布会(2025年12月17日)", "专场新闻发布会（2025年12月17日）"),
    ("2025年(预计)", "2025年（预计）"),
    ("主要亮点(1/2)", "主要亮点（1/2）"),
    ("一是强化创新; 二是优化布局", "一是强化创新；二是优化布局"),
    ("“343”创新产业集群,规模8500亿元", "“343”创新产业集群，规模8500亿元"),
])
def test_chinese_punctuation_is_full_width(text: str, expected: str) -> None:
    assert typeset(text) == expected
    assert typeset(expected) == expected  # typesetting twice changes nothing


@pytest.mark.parametrize("text", [
    "9,000", "12:30", "book.xlsx 数据!D6", "由 数据!D5、数据!D6 计算",
    "(316 ÷ 204.2 − 1) × 100% = 54.8%", "计算：(316 ÷ 204.2 − 1) × 100% = 54.8%",
    "Q1, Q2", "2021—2025年",
])
def test_numbers_references_and_formulas_are_left_alone(text: str) -> None:
    assert typeset(text) == text


@given(st.text(alphabet="亿元年增长9,.:;()% 数据!D6同比", max_size=40))
def test_only_punctuation_and_its_spaces_change(text: str) -> None:
    kept = re.sub(r"[\s,:;()\uff0c\uff1a\uff1b\uff08\uff09]", "", typeset(text))
    assert kept == re.sub(r"[\s,:;()]", "", text)


def test_the_shipped_deck_has_no_ascii_comma_in_chinese(tmp_path: Path) -> None:
    from xzbrief.cli.main import main

    out = tmp_path / "汇报.pptx"
    assert main(["build", "--quiet", "-o", str(out)]) == 0
    prs = Presentation(str(out))
    texts = [seen(sh.text_frame.text) for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    texts += [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    han = "\u4e00-\u9fff"
    bad = [t for t in texts if re.search(rf"[{han}%][,:;]|[,:;][{han}]", t)]
    assert bad == []
    assert any("\uff0c" in t for t in texts)  # and the full-width comma is there
