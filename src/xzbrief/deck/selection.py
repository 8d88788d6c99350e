"""What a theme choice selects from the dataset: indicators, regions, periods, one value per
period (an actual supersedes an estimate for the same period; targets kept apart)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from xzbrief.dataset.model import Dataset, Indicator, Observation, Region, Status
from xzbrief.dataset.periods import Period
from xzbrief.recipe import ThemeChoice


@dataclass(frozen=True)
class Selection:
    indicator: Indicator
    main_region: str
    series: tuple[Observation, ...]  # main region, one per period, period order, no targets
    targets: tuple[Observation, ...]  # main region targets
    by_region: tuple[Observation, ...]  # other regions at their latest period
    all_obs: tuple[Observation, ...]


def in_range(period: Period, choice: ThemeChoice) -> bool:
    return period.within(choice.period_from, choice.period_to)


def main_region(dataset: Dataset, regions: list[str]) -> str:
    """The region a briefing speaks for: the top-level one (the city) if chosen."""
    listed = {r.name: r for r in dataset.regions}
    for name in regions:
        r = listed.get(name)
        if r is not None and not r.parent:
            return name
    return regions[0]


def region_of(dataset: Dataset, name: str) -> Region | None:
    return next((r for r in dataset.regions if r.name == name), None)


def one_per_period(obs: list[Observation]) -> list[Observation]:
    """Actual over estimate for the same period; periods of the most recent kind only."""
    if not obs:
        return []
    kinds = Counter(o.period.kind for o in obs)
    latest_kind = max(obs, key=lambda o: o.period.sort_key).period.kind
    kind = latest_kind if kinds[latest_kind] > 1 or len(kinds) == 1 else kinds.most_common(1)[0][0]
    best: dict[Period, Observation] = {}
    for o in obs:
        if o.period.kind is not kind:
            continue
        prev = best.get(o.period)
        if prev is None or (prev.status is Status.ESTIMATE and o.status is Status.ACTUAL):
            best[o.period] = o
    return sorted(best.values(), key=lambda o: o.period.sort_key)


def select(dataset: Dataset, choice: ThemeChoice, ind: Indicator) -> Selection | None:
    obs = [o for o in dataset.observations_of(ind.code, choice.regions)
           if in_range(o.period, choice)]
    if not any(o.value is not None for o in obs):
        return None
    regions_in_order = [r for r in dataset.region_names if any(o.region == r for o in obs)]
    regions_in_order += sorted({o.region for o in obs} - set(regions_in_order))
    main = main_region(dataset, regions_in_order)
    mine = [o for o in obs if o.region == main]
    series = one_per_period([o for o in mine if o.status is not Status.TARGET])
    targets = [o for o in mine if o.status is Status.TARGET and o.value is not None]
    others: list[Observation] = []
    for region in regions_in_order:
        if region == main:
            continue
        theirs = one_per_period([o for o in obs if o.region == region
                                 and o.status is not Status.TARGET and o.value is not None])
        if theirs:
            others.append(theirs[-1])
    return Selection(ind, main, tuple(series), tuple(targets), tuple(others), tuple(obs))


def selected_indicators(dataset: Dataset, choice: ThemeChoice) -> list[Indicator]:
    if choice.indicators is None:
        return list(dataset.indicators_of(choice.name))
    known = dataset.indicator_by_code
    return [known[c] for c in choice.indicators if c in known]
