"""What a theme choice selects from the dataset: indicators, regions, periods, one value per
period (an actual supersedes an estimate for the same period; targets kept apart).

Periods of different kinds are never mixed and never silently dropped (dataset/series.py): the
chart draws one series of one kind; the newest figure of the main region leads; the newest
figure of every other kind is shown beside it with its period named.
"""

from __future__ import annotations

from dataclasses import dataclass

from xzbrief.dataset.model import Dataset, Indicator, Observation, Region, Status
from xzbrief.dataset.periods import Period
from xzbrief.dataset.series import (
    SeriesKey,
    benchmark_region,
    best_per_period,
    chart_series,
    newest,
    newest_of_each_family,
    with_gaps,
)
from xzbrief.recipe import ThemeChoice


@dataclass(frozen=True)
class Selection:
    indicator: Indicator
    main_region: str
    series: tuple[Observation, ...]  # main region, one kind, one per period, no targets
    targets: tuple[Observation, ...]  # main region targets
    by_region: tuple[Observation, ...]  # other regions at their newest period
    all_obs: tuple[Observation, ...]
    latest: Observation | None = None  # the main region's newest figure, of any kind
    others: tuple[Observation, ...] = ()  # newest of every other kind, newest first
    key: SeriesKey | None = None  # what ``series`` is (None: a single kind, no chart)
    history: tuple[Observation, ...] = ()  # the main region's figures of every kind
    benchmarks: tuple[Observation, ...] = ()  # 全省 / 全国 figures, for comparisons only

    @property
    def singles(self) -> tuple[Observation, ...]:
        """The main region's figures a deck shows one by one: the newest, then the newest of
        each other kind (each with its period named)."""
        return tuple(o for o in (self.latest, *self.others) if o is not None)


def in_range(period: Period, choice: ThemeChoice) -> bool:
    return period.within(choice.period_from, choice.period_to)


def is_benchmark(dataset: Dataset, name: str) -> bool:
    """The province or the country: a yardstick a rate is compared with (快于全省), never
    the region a briefing speaks for nor one of its ranked districts."""
    return benchmark_region(region_of(dataset, name), name)


def main_region(dataset: Dataset, regions: list[str]) -> str:
    """The region a briefing speaks for: the top-level one (the city, never the province it
    is compared with) if chosen, else the first listed; a district never heads a city's
    deck just because its figure is older or comes first."""
    listed = {r.name: r for r in dataset.regions}
    own = [n for n in regions if not is_benchmark(dataset, n)] or regions
    for name in own:
        r = listed.get(name)
        if r is not None and (not r.parent or is_benchmark(dataset, r.parent)):
            return name
    return own[0]


def region_of(dataset: Dataset, name: str) -> Region | None:
    return next((r for r in dataset.regions if r.name == name), None)


def one_per_period(obs: list[Observation]) -> list[Observation]:
    """Actual over estimate for the same period, every kind kept, period order (the base a
    change is looked up in: a change compares only periods of one kind)."""
    return best_per_period(obs)


def main_series(mine: list[Observation]) -> tuple[SeriesKey | None, list[Observation]]:
    """The series a chart draws, or — when no series has three figures — every figure of the
    newest figure's own kind (a comparison base, not a chart)."""
    key, points = chart_series(mine)
    if key is not None:  # a period missing inside the series is a gap, never skipped
        return key, [o if o is not None else Observation(points[0].indicator,
                                                         points[0].region, period,
                                                         Status.ACTUAL, None)
                     for period, o in with_gaps(key, points)]
    latest = newest(mine)
    if latest is None:
        return None, []
    return None, [o for o in best_per_period(mine) if o.period.kind is latest.period.kind]


def select(dataset: Dataset, choice: ThemeChoice, ind: Indicator) -> Selection | None:
    obs = [o for o in dataset.observations_of(ind.code, choice.regions)
           if in_range(o.period, choice)]
    if not any(o.value is not None for o in obs):
        return None
    regions_in_order = [r for r in dataset.region_names if any(o.region == r for o in obs)]
    regions_in_order += sorted({o.region for o in obs} - set(regions_in_order))
    main = main_region(dataset, regions_in_order)
    mine = [o for o in obs if o.region == main]
    key, series = main_series(mine)
    targets = [o for o in mine if o.status is Status.TARGET and o.value is not None]
    by_region: list[Observation] = []
    bench: list[Observation] = []
    for region in regions_in_order:
        if region == main:
            continue
        if is_benchmark(dataset, region):
            bench += best_per_period(o for o in obs if o.region == region)
            continue
        theirs = newest(o for o in obs if o.region == region)
        if theirs is not None:
            by_region.append(theirs)
    latest = newest(mine)
    # by the months covered: a 一季度 drawn as the first of the single quarters is shown
    shown_in_series = {o.period.months for o in series if o.value is not None} \
        if key is not None else set()
    others = tuple(o for o in newest_of_each_family(mine)
                   if latest is not None and o.period != latest.period
                   and o.period.months not in shown_in_series)
    return Selection(ind, main, tuple(series), tuple(targets), tuple(by_region), tuple(obs),
                     latest=latest, others=others, key=key,
                     history=tuple(best_per_period(mine)), benchmarks=tuple(bench))


def selected_indicators(dataset: Dataset, choice: ThemeChoice) -> list[Indicator]:
    if choice.indicators is None:
        return list(dataset.indicators_of(choice.name))
    known = dataset.indicator_by_code
    return [known[c] for c in choice.indicators if c in known]
