"""Series as statisticians draw them: one indicator, one region, one kind of period.

A bureau's workbook holds, for one indicator and region, figures of several period kinds side
by side (2019—2024年 annual levels, 2025年1—2月 … 1—10月 cumulative rates, a 4月当月 figure,
上半年 / 前三季度 GDP). Only figures of one kind may stand on one chart axis:

- years (2019年 … 2024年); single months; single quarters (2025Q1 or 一季度, 二季度, 三季度,
  四季度); single halves;
- one cumulative span across years (1—10月 of 2021 … 2025);
- the successive cumulative spans of one year (1—2月, 1—3月 … 1—10月: the 累计增速走势;
  一季度, 上半年, 前三季度).

A *family* is the kind of period a figure covers (a year, a month, a cumulative span …): for
each family the newest figure is the one a reader expects, and a deck that shows an older
figure of one family beside a newer one of another names both periods.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from xzbrief.dataset.model import Observation, Region, Status
from xzbrief.dataset.periods import Period, PeriodKind

MIN_CHART_POINTS = 3  # fewer points make a comparison, not a trend
BENCHMARK_NAMES = ("全省", "全国", "全省平均", "全国平均")
BENCHMARK_KINDS = ("省", "全省", "国家", "全国", "对比", "参照")


def benchmark_region(region: Region | None, name: str) -> bool:
    """The province or the country (地区 type 省 / 全国, or named 全省, 全国, 江苏省): the
    yardstick a city's rate is compared with, never ranked among its districts."""
    if region is not None and region.kind in BENCHMARK_KINDS:
        return True
    return name in BENCHMARK_NAMES or (name.endswith("省") and len(name) <= 4)


@dataclass(frozen=True)
class SeriesKey:
    """Which figures may share an axis: the kind, and for cumulative spans either the end
    month (one span across years) or the year (successive spans of one year)."""

    kind: PeriodKind
    span: int = 0  # YTD across years: the end month
    year: int = 0  # YTD within one year

    @property
    def label(self) -> str:
        """How the series is named in a warning: 年度, 当月, 1—10月累计, 2025年累计."""
        match self.kind:
            case PeriodKind.YEAR:
                return "年度"
            case PeriodKind.MONTH:
                return "当月"
            case PeriodKind.QUARTER:
                return "单季"
            case PeriodKind.HALF:
                return "半年"
            case PeriodKind.SPAN:
                return "多年合计"
            case _:
                return f"{self.year}年累计" if self.year else f"1—{self.span}月累计"


def family(period: Period) -> PeriodKind:
    """The kind of figure a period gives (a year, a single month, a cumulative span …)."""
    return period.kind


def best_per_period(obs: Iterable[Observation]) -> list[Observation]:
    """One figure per period, in period order, no targets: an actual supersedes an estimate
    for the same period; otherwise the first row wins. Every kind is kept."""
    best: dict[Period, Observation] = {}
    for o in obs:
        if o.status is Status.TARGET:
            continue
        prev = best.get(o.period)
        if prev is None or (prev.status is Status.ESTIMATE and o.status is Status.ACTUAL):
            best[o.period] = o
    return sorted(best.values(), key=lambda o: o.period.sort_key)


def newest(obs: Iterable[Observation]) -> Observation | None:
    """The newest figure with a value (latest end; on the same end the longer span)."""
    known = [o for o in best_per_period(obs) if o.value is not None]
    return known[-1] if known else None


def as_first_quarter(o: Observation) -> Observation:
    """A 一季度 (1—3月) figure as the first single quarter: the same three months, so the same
    figure, drawn as Q1 before 二季度、三季度 when the workbook holds single quarters."""
    p = o.period
    form = p.form if p.form == "一季度" else ""
    return replace(o, period=Period(PeriodKind.QUARTER, p.year, 1, form=form))


def candidate_series(obs: Sequence[Observation]) -> dict[SeriesKey, list[Observation]]:
    """Every series the figures (one indicator, one region) can make, in period order; a
    cumulative figure belongs both to its span across years and to its year's spans; a
    一季度 (1—3月) figure also opens the single quarters when there are any (二季度 …), never
    上半年 or 前三季度, which are cumulative."""
    out: dict[SeriesKey, list[Observation]] = {}
    best = best_per_period(obs)
    quarters = {o.period.year for o in best if o.period.kind is PeriodKind.QUARTER}
    single_q1 = {o.period.year for o in best if o.period.kind is PeriodKind.QUARTER
                 and o.period.index == 1}
    for o in best:
        p = o.period
        if p.kind is PeriodKind.SPAN:
            continue
        if p.kind is PeriodKind.YTD:
            out.setdefault(SeriesKey(p.kind, span=p.index), []).append(o)
            out.setdefault(SeriesKey(p.kind, year=p.year), []).append(o)
            if p.index == 3 and quarters and p.year not in single_q1:
                out.setdefault(SeriesKey(PeriodKind.QUARTER), []).append(as_first_quarter(o))
        else:
            out.setdefault(SeriesKey(p.kind), []).append(o)
    return {k: sorted(v, key=lambda o: o.period.sort_key) for k, v in out.items()}


def chart_series(obs: Sequence[Observation]) -> tuple[SeriesKey | None, list[Observation]]:
    """The one series to draw over time: the longest that ends in the newest figure; when
    none of those has three exact figures, the longest series there is (years preferred)."""
    series = {k: v for k, v in candidate_series(obs).items()
              if len([o for o in v if o.value is not None and not o.is_bound])
              >= MIN_CHART_POINTS}
    if not series:
        return None, []
    latest = newest(obs)

    def rank(item: tuple[SeriesKey, list[Observation]]) -> tuple[bool, int, bool, int]:
        key, points = item
        ends_newest = latest is not None and points[-1].period == latest.period
        last = points[-1].period.sort_key
        return (ends_newest, len(points), key.kind is PeriodKind.YEAR, last[0] * 13 + last[1])

    key, points = max(series.items(), key=rank)
    return key, points


def step(key: SeriesKey, period: Period) -> Period | None:
    """The period after ``period`` in a series, or None where the series has no next one."""
    match key.kind:
        case PeriodKind.YEAR:
            return Period(PeriodKind.YEAR, period.year + 1)
        case PeriodKind.MONTH | PeriodKind.QUARTER:
            last = 12 if key.kind is PeriodKind.MONTH else 4
            if period.index < last:
                return Period(key.kind, period.year, period.index + 1)
            return Period(key.kind, period.year + 1, 1)
        case PeriodKind.YTD if key.span:
            return period.with_year(period.year + 1)
        case _:
            return None


def with_gaps(key: SeriesKey | None, points: Sequence[Observation]
              ) -> list[tuple[Period, Observation | None]]:
    """The series' periods from its first to its last, a missing one as None (a gap on the
    chart, never a neighbour drawn next to a neighbour it does not follow). The successive
    spans of one year are kept as the workbook has them (many releases skip 1月)."""
    if key is None or not points:
        return [(o.period, o) for o in points]
    by_period = {o.period: o for o in points}
    out: list[tuple[Period, Observation | None]] = []
    current: Period | None = points[0].period
    last = points[-1].period
    while current is not None and current.sort_key <= last.sort_key:
        out.append((current, by_period.get(current)))
        if len(out) > 400:  # a runaway range (month series over decades): keep as written
            return [(o.period, o) for o in points]
        current = step(key, current)
    if len(out) <= len(points):
        return [(o.period, o) for o in points]
    return out


def newest_of_each_family(obs: Sequence[Observation]) -> list[Observation]:
    """The newest figure of every kind of period, newest first (a year and this year's
    1—10月; a 当月 and a 累计 figure)."""
    per: dict[PeriodKind, Observation] = {}
    for o in best_per_period(obs):
        if o.value is not None:
            per[family(o.period)] = o
    return sorted(per.values(), key=lambda o: o.period.sort_key, reverse=True)


def mixes_kinds(obs: Sequence[Observation]) -> list[PeriodKind]:
    """The kinds of period one region's figures of an indicator mix (SPAN figures aside,
    which are single facts), when more than one."""
    kinds: list[PeriodKind] = []
    for o in best_per_period(obs):
        k = family(o.period)
        if k is not PeriodKind.SPAN and k not in kinds and o.value is not None:
            kinds.append(k)
    return kinds if len(kinds) > 1 else []


def kind_word(kind: PeriodKind) -> str:
    """A kind of period in a message: 年度、当月、累计 …"""
    return {PeriodKind.YEAR: "年度", PeriodKind.MONTH: "当月", PeriodKind.QUARTER: "单季",
            PeriodKind.HALF: "半年", PeriodKind.YTD: "累计", PeriodKind.SPAN: "多年"}[kind]
