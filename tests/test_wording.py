"""Numbers as briefings write them: each rule of deck/wording.py on its own."""

from __future__ import annotations

import math

import pytest

from xzbrief.deck.wording import (
    chinese_count,
    format_figure,
    format_number,
    format_rate,
    growth_phrase,
    heading_number,
    multiple_phrase,
    points_phrase,
    split_figure,
)


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (9000.0, None, "9000"),  # no thousands separator: 9000亿元
    (2.45, None, "2.45"),  # as many decimals as the source
    (69.3, None, "69.3"),
    (204.2, 1, "204.2"),
    (0.1 + 0.2, None, "0.3"),  # 15 significant digits, as Excel shows it
    (9000.0, 2, "9000.00"),
    (-0.04, 1, "0.0"),  # never 「-0.0」
])
def test_format_number(value: float, decimals: int | None, text: str) -> None:
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(("value", "text"), [
    (54.75, "54.8"), (2.25, "2.3"), (2.35, "2.4"), (9.649999, "9.6"), (-3.25, "-3.3"),
    (316 / 204.2 * 100 - 100, "54.8"),
])
def test_rates_have_one_decimal_rounded_half_up(value: float, text: str) -> None:
    """四舍五入, not Python's banker's rounding (round(2.25, 1) == 2.2)."""
    assert format_rate(value) == text


def test_format_number_refuses_nan_and_inf() -> None:
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="finite"):
            format_number(bad)


@pytest.mark.parametrize(("value", "unit", "qualifier", "text"), [
    (9000.0, "亿元", "左右", "9000亿元左右"),
    (9.0, "%", "约", "约9%"),
    (150.0, "项", "余", "150余项"),
    (300.0, "亿元", "超", "超300亿元"),
    (90.0, "%", "突破", "突破90%"),
    (2.45, "万个", "", "2.45万个"),
    (69.3, "", "", "69.3"),
    (1000.0, "亿元", "以上", "1000亿元以上"),
])
def test_figures_keep_the_sources_approximation_word(value: float, unit: str, qualifier: str,
                                                     text: str) -> None:
    assert format_figure(value, unit, qualifier) == text


def test_card_parts_put_the_qualifier_beside_the_number() -> None:
    assert split_figure(150.0, "项", "余") == ("", "150", "余项")
    assert split_figure(300.0, "亿元", "超") == ("超", "300", "亿元")
    assert split_figure(9000.0, "亿元", "左右") == ("", "9000", "亿元左右")


@pytest.mark.parametrize(("pct", "prefix", "text"), [
    (54.75, "同比", "同比增长54.8%"),
    (-3.24, "同比", "同比下降3.2%"),
    (0.04, "同比", "与上年持平"),  # below 0.05 it rounds to 0.0: 持平, never 「增长0.0%」
    (-0.04, "同比", "与上年持平"),
    (0.0, "较2020年", "与2020年持平"),
    (0.01, "环比", "环比持平"),
    (12.0, "环比", "环比增长12.0%"),
])
def test_growth_phrases(pct: float, prefix: str, text: str) -> None:
    assert growth_phrase(pct, prefix) == text


def test_growth_of_an_approximate_value_is_approximate() -> None:
    assert growth_phrase(9.76, "同比", approx=True) == "同比增长约9.8%"


@pytest.mark.parametrize(("diff", "prefix", "text"), [
    (1.26, "同比", "同比提高1.3个百分点"),
    (-0.5, "同比", "同比下降0.5个百分点"),
    (0.02, "同比", "与上年持平"),
    (3.3, "较一季度", "较一季度提高3.3个百分点"),
])
def test_rates_change_by_percentage_points_never_by_percent(diff: float, prefix: str,
                                                             text: str) -> None:
    phrase = points_phrase(diff, prefix)
    assert phrase == text
    assert "%" not in phrase


@pytest.mark.parametrize(("ratio", "text"), [
    (2.0, "较2020年翻番"), (2.04, "较2020年翻番"), (1.96, None), (4.0, "较2020年翻两番"),
    (2.5, "较2020年增长1.5倍"), (3.0, "较2020年增长2倍"), (1.9, None), (1.2, None),
])
def test_multiples(ratio: float, text: str | None) -> None:
    assert multiple_phrase(ratio, "较2020年") == text


def test_multiple_without_prefix() -> None:
    assert multiple_phrase(2.0) == "实现翻番"


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (3, "三"), (10, "十"), (12, "十二"),
                                         (20, "二十"), (35, "三十五"), (100, "100")])
def test_chinese_count(n: int, text: str) -> None:
    assert chinese_count(n) == text


def test_heading_numbers_by_depth_and_style() -> None:
    assert [heading_number(level, 2) for level in (1, 2, 3, 4)] == ["二、", "\uff08二\uff09", "2.", "\uff082\uff09"]
    assert heading_number(1, 3, "1.") == "3."
    assert heading_number(2, 3, "1.") == "\uff083\uff09"  # 1. then （1）, never 1. twice
    assert heading_number(1, 3, "无") == ""
