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
