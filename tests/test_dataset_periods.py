"""Every period spelling of the issue, status words, and the ones we refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from xzbrief.dataset.model import STATUS_ALIASES, Status
from xzbrief.dataset.periods import (
    Period,
    PeriodError,
    PeriodKind,
    parse_period,
    parse_period_header,
)

Y, M, Q, H, YTD, SPAN = (PeriodKind.YEAR, PeriodKind.MONTH, PeriodKind.QUARTER,
                         PeriodKind.HALF, PeriodKind.YTD, PeriodKind.SPAN)


@pytest.mark.parametrize(("raw", "expected", "label"), [
    ("2025", Period(Y, 2025), "2025年"),
    (2025, Period(Y, 2025), "2025年"),
    (2025.0, Period(Y, 2025), "2025年"),
    ("2025年", Period(Y, 2025), "2025年"),
    ("2025年度", Period(Y, 2025), "2025年"),
    ("２０２５年", Period(Y, 2025), "2025年"),
    ("2025年11月", Period(M, 2025, 11), "2025年11月"),
    ("2025-11", Period(M, 2025, 11), "2025年11月"),
    ("2025.11", Period(M, 2025, 11), "2025年11月"),
    ("2025年1—11月", Period(YTD, 2025, 11), "2025年1—11月"),
    ("2025年1-11月", Period(YTD, 2025, 11), "2025年1—11月"),
    ("2025年1～11月", Period(YTD, 2025, 11), "2025年1—11月"),
    ("2025年前11个月", Period(YTD, 2025, 11), "2025年1—11月"),
    ("2025年三季度", Period(Q, 2025, 3), "2025年三季度"),
    ("2025年第三季度", Period(Q, 2025, 3), "2025年三季度"),
    ("2025Q3", Period(Q, 2025, 3), "2025年三季度"),
    ("2025q3", Period(Q, 2025, 3), "2025年三季度"),
    ("2025年前三季度", Period(YTD, 2025, 9), "2025年前三季度"),
    ("2025年1—3季度", Period(YTD, 2025, 9), "2025年1—3季度"),
    ("2025年1-2季度", Period(YTD, 2025, 6), "2025年1—2季度"),
    ("2025年一季度", Period(YTD, 2025, 3), "2025年一季度"),
    ("2025年第一季度", Period(YTD, 2025, 3), "2025年一季度"),
    ("2025Q1", Period(Q, 2025, 1), "2025年一季度"),
    ("2025年上半年", Period(YTD, 2025, 6), "2025年上半年"),
    ("2025H1", Period(YTD, 2025, 6), "2025年上半年"),
    ("2025年下半年", Period(H, 2025, 2), "2025年下半年"),
    ("2025H2", Period(H, 2025, 2), "2025年下半年"),
    ("2025年4月当月", Period(M, 2025, 4), "2025年4月当月"),
    ("2025年1—4月累计", Period(YTD, 2025, 4), "2025年1—4月"),
    ("2021—2025年", Period(SPAN, 2021, 0, 2025), "2021—2025年"),
    ("2021-2025", Period(SPAN, 2021, 0, 2025), "2021—2025年"),
    ("十四五", Period(SPAN, 2021, 0, 2025), "“十四五”时期"),
    ("“十四五”时期", Period(SPAN, 2021, 0, 2025), "“十四五”时期"),
    ("十五五", Period(SPAN, 2026, 0, 2030), "“十五五”时期"),
    (dt.datetime(2025, 11, 30), Period(M, 2025, 11), "2025年11月"),
    (dt.date(2024, 3, 1), Period(M, 2024, 3), "2024年3月"),
])
def test_period_spellings(raw: object, expected: Period, label: str) -> None:
    period = parse_period(raw)
    assert period == expected
    assert period.label == label


@pytest.mark.parametrize(("raw", "code", "message"), [
    ("明年", "period-unknown", "期间「明年」无法识别"),
    ("2025年13月", "period-month-range", "月份 13 不在 1—12 之间"),
    ("2025年1—13月", "period-month-range", "月份 13 不在 1—12 之间"),
    ("1850年", "period-year-range", "年份 1850 超出 1900—2100"),
    ("2025—2021年", "period-span-order", "起止年份 2025—2021 顺序不对"),
    ("2025年五季度", "period-unknown", "期间「2025年五季度」无法识别"),
    (2025.5, "period-unknown", "期间「2025.5」无法识别"),
    (True, "period-unknown", "期间「True」无法识别"),
    ("   ", "period-empty", "期间为空"),
])
def test_bad_periods(raw: object, code: str, message: str) -> None:
    from xzbrief.dataset.problems import error

    with pytest.raises(PeriodError) as info:
        parse_period(raw)
    assert info.value.code == code
    assert error(code, "数据", "C2", **info.value.params).message() == message


def test_period_order_and_comparisons() -> None:
    periods = [parse_period(p) for p in ("2025年", "2025年1—11月", "2024年", "2021—2025年",
                                         "2025年三季度", "2025年11月")]
    ordered = [p.label for p in sorted(periods, key=lambda p: p.sort_key)]
    assert ordered == ["2024年", "2025年三季度", "2025年11月", "2025年1—11月",
                       "2021—2025年", "2025年"]
    assert parse_period("2025年3月").same_period_last_year() == Period(M, 2024, 3)
    assert parse_period("2025年1月").previous() == Period(M, 2024, 12)
    assert parse_period("2021—2025年").previous() is None
    assert parse_period("2025Q3").short_label == "2025Q3"


def test_written_form_is_kept_and_compared_by_span() -> None:
    """前三季度 is written back as 前三季度 (a year earlier too), and is the same span as
    1—9月; 上半年 is cumulative (1—6月), not a single half."""
    q3 = parse_period("2025年前三季度")
    assert q3 == parse_period("2025年1—9月")
    assert q3.label == "2025年前三季度" and q3.span_label == "前三季度"
    assert q3.same_period_last_year() is not None
    assert q3.same_period_last_year().label == "2024年前三季度"  # type: ignore[union-attr]
    assert q3.is_cumulative and q3.quarter_based
    half = parse_period("2025年上半年")
    assert half.is_cumulative and (half.start_month, half.end_month) == (1, 6)
    assert parse_period("2025年1—6月").quarter_based is False
    assert parse_period("2025年4月当月").is_cumulative is False


@pytest.mark.parametrize(("header", "period", "status"), [
    ("2025年(预计)", Period(Y, 2025), "预计"),
    ("2025年\uff08预计\uff09", Period(Y, 2025), "预计"),
    ("2025年【目标】", Period(Y, 2025), "目标"),
    ("2024年", Period(Y, 2024), None),
    ("2025年1—11月", Period(YTD, 2025, 11), None),
    ("2025年(估计)", Period(Y, 2025), "估计"),  # every word the 状态 column takes
    ("2024年实绩", Period(Y, 2024), "实绩"),
])
def test_wide_headers(header: str, period: Period, status: str | None) -> None:
    assert parse_period_header(header, STATUS_ALIASES) == (period, status)


@pytest.mark.parametrize(("word", "status"), [
    ("", Status.ACTUAL), ("实际", Status.ACTUAL), ("实绩", Status.ACTUAL),
    ("actual", Status.ACTUAL), ("预计", Status.ESTIMATE), ("预估", Status.ESTIMATE),
    ("估计", Status.ESTIMATE), ("estimate", Status.ESTIMATE), ("目标", Status.TARGET),
    ("计划", Status.TARGET), ("target", Status.TARGET),
])
def test_status_words(word: str, status: Status) -> None:
    assert STATUS_ALIASES[word] is status


def test_single_quarters_and_cumulative_quarters_are_different_kinds() -> None:
    """一季度 (1—3月) is cumulative and the same months as the single Q1; 二季度、三季度、四季度
    and codes like 2025Q1 are single quarters; 上半年、前三季度 are cumulative."""
    first = parse_period("2025年一季度")
    assert first.kind is PeriodKind.YTD and first.index == 3 and first.quarter_based
    code = parse_period("2025Q1")
    assert code.kind is PeriodKind.QUARTER and code.index == 1
    assert first.months == code.months == ((2025, 1), (2025, 3))  # the same three months
    second = parse_period("2025年二季度")
    assert second.kind is PeriodKind.QUARTER and second.months == ((2025, 4), (2025, 6))
    half = parse_period("2025年上半年")
    assert half.kind is PeriodKind.YTD and half.months == ((2025, 1), (2025, 6))
    assert half.months != second.months and half.kind is not second.kind
    nine = parse_period("2025年前三季度")
    assert nine.kind is PeriodKind.YTD and nine.label == "2025年前三季度"
    assert parse_period("2025年第三季度").kind is PeriodKind.QUARTER
    assert parse_period("2025年四季度").label == "2025年四季度"
