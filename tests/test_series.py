"""Series of one kind of period (dataset/series.py): what may share a chart axis, which
figure is the newest, and gaps kept as gaps."""

from __future__ import annotations

from xzbrief.dataset.model import CellRef, Observation, Status
from xzbrief.dataset.periods import PeriodKind, parse_period
from xzbrief.dataset.series import (
    SeriesKey,
    best_per_period,
    chart_series,
    mixes_kinds,
    newest,
    newest_of_each_family,
    with_gaps,
)


def o(period: str, value: float | None, status: Status = Status.ACTUAL) -> Observation:
    return Observation("X", "徐州市", parse_period(period), status, value,
                       ref=CellRef("数据", f"D{abs(hash(period)) % 900 + 2}"))


BUREAU = [o("2019年", 6.0), o("2020年", 3.4), o("2021年", 8.7), o("2022年", 3.2),
          o("2023年", 5.8), o("2024年", 5.9), o("2024年1—5月", 7.0), o("2025年1—2月", 7.2),
          o("2025年1—3月", 7.6), o("2025年1—4月", 7.9), o("2025年4月当月", 8.8),
          o("2025年1—10月", 8.5)]


def test_the_newest_figure_is_the_latest_span_whatever_its_kind() -> None:
    latest = newest(BUREAU)
    assert latest is not None and latest.period.label == "2025年1—10月"


def test_the_chart_draws_one_years_successive_spans_ending_in_the_newest() -> None:
    key, points = chart_series(BUREAU)
    assert key == SeriesKey(PeriodKind.YTD, year=2025)
    assert [p.period.label for p in points] == ["2025年1—2月", "2025年1—3月", "2025年1—4月",
                                                "2025年1—10月"]
    assert "2024年1—5月" not in [p.period.label for p in points]  # another year's span


def test_without_enough_spans_the_annual_series_is_drawn() -> None:
    key, points = chart_series([x for x in BUREAU if not x.period.is_cumulative])
    assert key == SeriesKey(PeriodKind.YEAR)
    assert [p.period.year for p in points] == [2019, 2020, 2021, 2022, 2023, 2024]


def test_a_missing_year_inside_a_series_is_a_gap() -> None:
    years = [o("2019年", 1.0), o("2020年", 2.0), o("2022年", 4.0), o("2023年", 5.0)]
    key, points = chart_series(years)
    filled = with_gaps(key, points)
    assert [(p.label, x.value if x else None) for p, x in filled] == [
        ("2019年", 1.0), ("2020年", 2.0), ("2021年", None), ("2022年", 4.0), ("2023年", 5.0)]


def test_every_kind_keeps_its_newest_figure() -> None:
    labels = [x.period.label for x in newest_of_each_family(BUREAU)]
    assert labels == ["2025年1—10月", "2025年4月当月", "2024年"]
    assert mixes_kinds(BUREAU) == [PeriodKind.YEAR, PeriodKind.YTD, PeriodKind.MONTH]


def test_an_actual_supersedes_an_estimate_and_every_kind_stays() -> None:
    kept = best_per_period([o("2025年", 9000, Status.ESTIMATE), o("2025年", 9100),
                            o("2025年1—10月", 7000), o("2025年", 9500, Status.TARGET)])
    assert [(x.period.label, x.value) for x in kept] == [("2025年1—10月", 7000), ("2025年", 9100)]


QUARTERS = [o("2025年一季度", 5.1), o("2025年二季度", 4.9), o("2025年三季度", 5.6),
            o("2025年上半年", 5.0), o("2025年前三季度", 5.2)]


def test_single_quarters_and_quarter_based_spans_are_two_series() -> None:
    """二季度、三季度 are single quarters; 上半年、前三季度 are cumulative. 一季度 is both (the
    same three months): it opens each series, and the two never share an axis."""
    from xzbrief.dataset.series import candidate_series

    series = candidate_series(QUARTERS)
    single = series[SeriesKey(PeriodKind.QUARTER)]
    assert [p.period.label for p in single] == ["2025年一季度", "2025年二季度", "2025年三季度"]
    assert {p.period.kind for p in single} == {PeriodKind.QUARTER}
    spans = series[SeriesKey(PeriodKind.YTD, year=2025)]
    assert [p.period.label for p in spans] == ["2025年一季度", "2025年上半年", "2025年前三季度"]
    assert {p.period.kind for p in spans} == {PeriodKind.YTD}
    # the newest is the cumulative 前三季度 (the longer span on the same last month)
    latest = newest(QUARTERS)
    assert latest is not None and latest.period.label == "2025年前三季度"


def test_only_single_quarters_are_drawn_as_one_series_with_q1() -> None:
    """A workbook writing 一季度 … 四季度 as single quarters: 一季度 joins them as Q1; a
    2025Q1 code is a single quarter already and is not doubled."""
    key, points = chart_series([o("2024年一季度", 5.0), o("2024年二季度", 5.4),
                                o("2024年三季度", 5.6), o("2024年四季度", 6.1)])
    assert key == SeriesKey(PeriodKind.QUARTER)
    assert [(p.period.kind, p.period.index) for p in points] == [
        (PeriodKind.QUARTER, 1), (PeriodKind.QUARTER, 2), (PeriodKind.QUARTER, 3),
        (PeriodKind.QUARTER, 4)]
    key, points = chart_series([o("2025Q1", 5.1), o("2025年一季度", 5.1), o("2025Q2", 4.9),
                                o("2025Q3", 5.6)])
    assert key == SeriesKey(PeriodKind.QUARTER)
    assert [p.period.index for p in points] == [1, 2, 3]
