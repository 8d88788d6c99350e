"""data/xuzhou.xlsx: loads clean, matches its text source, holds every seed figure as the
article states it, and no number that the article does not give."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.model import Dataset, Observation, Status
from xzbrief.dataset.source_text import read_source
from xzbrief.dataset.workbook_writer import TITLE_ROWS, sheet_rows

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "data" / "xuzhou.xlsx"
SOURCE = ROOT / "data" / "xuzhou.source.toml"
SEED_DIR = ROOT.parent / "shared" / "seed"
SEED = SEED_DIR / "000_bbc2e0c3489da83a.txt"
BASE_SOURCE = "“建设现代化产业体系”专场新闻发布会(2025年12月17日),据《徐州日报》报道"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    result = load_dataset(WORKBOOK)
    assert result.problems == (), [p.format() for p in result.problems]
    assert result.dataset is not None
    return result.dataset


def test_loads_with_zero_problems(dataset: Dataset) -> None:
    assert dataset.info.title == "徐州市现代化产业体系指标库"
    assert dataset.info.as_of == "2025-12-17"


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def test_workbook_matches_its_text_source() -> None:
    expected = sheet_rows(read_source(SOURCE))
    wb = openpyxl.load_workbook(WORKBOOK, read_only=True)
    try:
        for name, rows in expected.items():
            ws = wb[name]
            got = [list(r) for r in ws.iter_rows(values_only=True)]
            assert got[0][0] == read_source(SOURCE).title
            body = _trim([row[:len(rows[0])] for row in got[TITLE_ROWS:]])
            # an empty text cell cannot be stored: "" in the source is an empty cell
            assert body == [[None if v == "" else v for v in row] for row in rows], name
    finally:
        wb.close()


# (indicator name fragment, value, status, qualifier, unit, period) as the article says them
SEED_FIGURES = [
    ("工业开票销售收入", 9000, Status.ESTIMATE, "左右", "亿元", "2025年"),
    ("工业开票销售收入年均增速", 9, Status.ESTIMATE, "约", "%", "2021—2025年"),
    ("规模以上工业企业数量", 4000, Status.ESTIMATE, "", "家", "2025年"),
    ("集群总规模", 8500, Status.ESTIMATE, "", "亿元", "2025年"),
    ("规模超千亿元的产业集群数量", 4, Status.ACTUAL, "", "个", "2025年"),
    ("国内销量第一", 17, Status.ACTUAL, "", "类", "2025年"),
    ("自主可控率", 90, Status.ACTUAL, "突破", "%", "2025年"),
    ("三首两新", 210, Status.ACTUAL, "", "项", "2021—2025年"),
    ("两化融合发展水平", 69.3, Status.ACTUAL, "", "", "2025年"),
    ("5G基站", 2.45, Status.ACTUAL, "", "万个", "2025年"),
    ("工业互联网平台", 16, Status.ACTUAL, "", "个", "2025年"),
    ("再生资源综合利用规范企业", 7, Status.ACTUAL, "", "家", "2025年"),
    ("关键技术", 150, Status.ACTUAL, "余", "项", "2025年"),
    ("未来产业企业营收规模", 204.2, Status.ACTUAL, "", "亿元", "2024年"),
    ("未来产业企业营收规模", 316, Status.ESTIMATE, "", "亿元", "2025年"),
    ("未来产业关联企业数量", 331, Status.ACTUAL, "", "家", "2025年"),
    ("高成长性企业", 15, Status.ACTUAL, "", "家", "2025年"),
    ("计划总投资", 300, Status.ACTUAL, "超", "亿元", "2025年"),
    ("国家级创新平台", 5, Status.ACTUAL, "", "个", "2025年"),
    ("省级创新平台", 30, Status.ACTUAL, "", "个", "2025年"),
]


@pytest.mark.parametrize("figure", SEED_FIGURES, ids=[f"{f[0]}-{f[1]}" for f in SEED_FIGURES])
def test_seed_figure_present_as_stated(dataset: Dataset,
                                       figure: tuple[str, float, Status, str, str, str]) -> None:
    name, value, status, qualifier, unit, period = figure
    matches = [o for o in dataset.observations
               if name in dataset.indicator(o.indicator).name and o.value == value]
    assert len(matches) == 1, (name, value)
    obs = matches[0]
    assert obs.status is status
    assert obs.qualifier == qualifier
    assert dataset.indicator(obs.indicator).unit == unit
    assert obs.period.label == period
    assert obs.region == "徐州市" or name == "关键技术"


def test_every_row_names_its_source(dataset: Dataset) -> None:
    for obs in dataset.observations:
        assert obs.source.endswith(BASE_SOURCE), obs
    for hl in dataset.highlights:
        assert hl.source.endswith(BASE_SOURCE), hl
    for ind in dataset.indicators:
        assert ind.source.endswith(BASE_SOURCE), ind


def test_themes_and_regions_follow_the_article(dataset: Dataset) -> None:
    assert [t.name for t in dataset.themes] == [
        "产业升级与集群培育", "科技创新与数实融合", "绿色低碳转型", "区域实践", "未来产业布局"]
    assert dataset.region_names == ("徐州市", "邳州市", "徐州经开区", "徐州高新区", "泉山区")
    assert dataset.regions[1].parent == "徐州市"
    texts = " ".join(h.text for h in dataset.highlights)
    for phrase in ("全球最大4000吨级履带式起重机", "6000亿元、7000亿元、8000亿元"):
        assert phrase in texts
    assert len(dataset.highlights) >= 20


CN_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def _spelt(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _in_article(value: float, text: str) -> bool:
    digits = _spelt(value)
    if re.search(rf"(?<![\d.]){re.escape(digits)}(?![\d]|\.\d)", text):
        return True
    cn = CN_NUMERALS.get(int(value)) if value.is_integer() else None
    return bool(cn and re.search(rf"{cn}[大个类项家]", text))


@pytest.mark.skipif(not SEED.is_file(), reason="the seed article (../shared/seed/) is absent")
def test_no_invented_numbers(dataset: Dataset) -> None:
    text = SEED.read_text("utf-8")
    values: list[Observation] = [o for o in dataset.observations if o.value is not None]
    assert len(values) >= 20
    invented = [(o.indicator, o.value) for o in values
                if o.value is not None and not _in_article(o.value, text)]
    assert invented == []
    assert not _in_article(123.4, text)  # the check itself can fail
