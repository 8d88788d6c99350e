"""The shipped briefing: `xzbrief build` on data/xuzhou.brief.toml writes a deck in which every
figure of the seed article appears, formatted as the article writes it and marked 预计 where
it is an estimate. The text is read back from the .pptx with python-pptx."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from realclients import needs_validator, seen, slide_texts, validate
from xzbrief.cli.main import main
from xzbrief.render.package_props import read_provenance

ESTIMATE_NOTE = "注：2025年数据为预计数。"
# (as shown on the slide, is an estimate)
SEED_FIGURES = [
    ("9000亿元左右", True), ("约9%", True), ("4000家", True), ("8500亿元", True),
    ("17类", False), ("突破90%", False), ("210项", False), ("69.3", False), ("2.45万个", False),
    ("16个", False), ("7家", False), ("150余项", False), ("204.2亿元", False),
    ("316亿元", True), ("331家", False), ("15家", False), ("超300亿元", False), ("5个", False),
    ("30个", False),
]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shipped")
    out = folder / "徐州汇报.pptx"
    assert main(["build", "--quiet", "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize(("figure", "estimate"), SEED_FIGURES)
def test_every_seed_figure_appears_formatted(shipped: Path, figure: str, estimate: bool) -> None:
    pages = [t for t in slide_texts(shipped) if figure in t]
    assert pages, f"{figure} is on no slide"
    if estimate:  # shown with its 预计 tag (card) or word (sentence), and the footnote that
        # says so: of every 2025 figure on the page, or naming the estimated ones
        assert any("预计" in t and (ESTIMATE_NOTE in t or re.search(r"注：[^。]*2025年[^。]*为预计数", t))
                   for t in pages), figure


def test_derived_growth_names_both_cells(shipped: Path) -> None:
    texts = slide_texts(shipped)
    page = next(t for t in texts if "比上年增长54.8%" in t
                and "204.2" in t)  # the 2024 -> 2025 chart names its base
    assert "2024年全市未来产业企业营收规模达204.2亿元" in page.replace("\x0b", "")  # lines
    stored = read_provenance(shipped)
    growth = next(f for s in stored.slides for f in s.figures if f.text == "比上年增长54.8%")
    assert growth.ref == ""
    assert growth.method == "(316 ÷ 204.2 − 1) × 100% = 54.8%"
    inputs = {f.ref for s in stored.slides for f in s.figures if f.text in ("204.2亿元", "316亿元")}
    assert inputs == {"数据!D20", "数据!D21"}


def test_conclusions_as_titles(shipped: Path) -> None:
    titles = [seen(s.shapes.title.text_frame.text) for s in Presentation(str(shipped)).slides]
    assert titles[0] == "徐州市“十四五”现代化产业体系建设情况汇报"
    assert titles[1] == "目录"
    # the 2025 level and the 2021—2025年 average rate are of different periods: the title
    # keeps one conclusion, naming its period, rather than join them without naming both
    assert "2025年工业开票销售收入预计达9000亿元左右" in titles
    assert not any("年均增速预计" in t or "增速达" in t for t in titles)
    assert titles[-1] == "以上汇报，请批评指正"


def test_sources_on_every_data_slide(shipped: Path) -> None:
    for text in slide_texts(shipped):
        if any(figure in text for figure, _ in SEED_FIGURES) and "目录" not in text:
            assert "数据来源：" in text and "专场新闻发布会（2025年12月17日）" in text, text[:60]


@needs_validator
def test_shipped_deck_is_valid_open_xml(shipped: Path) -> None:
    assert validate(shipped)["errors"] == []


def test_text_writes_each_level_as_the_seed_does(shipped: Path) -> None:
    """The chart's labels share one precision (204.2 beside 316.0); its title and sentences
    write 316亿元 as the seed article does, never the label's 316.0."""
    titles = [seen(s.shapes.title.text_frame.text) for s in Presentation(str(shipped)).slides]
    assert "2025年未来产业企业营收规模预计达316亿元，比上年增长54.8%" in titles
    assert not any("316.0" in t for t in slide_texts(shipped))
