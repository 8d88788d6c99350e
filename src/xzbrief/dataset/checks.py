"""Pre-flight statistical checks: warnings about numbers that are probably wrong, shown by
``dataset check``, in the app and before a build. Each names the cells involved.

- parts (上级指标) that do not add up to their total beyond rounding;
- a value about 1,000–10,000 times off its series (万元 typed as 亿元, or the reverse);
- implausible changes (|同比| > 100%) without a 备注 explaining them;
- gaps in a series a deck shows, and empty value cells;
- estimates (预计) for periods that should have actuals by the workbook's 数据截至 date;
- one indicator and region mixing kinds of period (年度 / 累计 / 当月 …) the deck must split.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import statistics
from collections.abc import Iterable
from operator import attrgetter
from string import ascii_uppercase

from xzbrief.dataset.loader import LoadResult, no_cycle_collection
from xzbrief.dataset.model import LOWER_BOUNDS, Dataset, Indicator, Observation, Status
from xzbrief.dataset.numbers import decimals_of, plain_number
from xzbrief.dataset.periods import Period, PeriodError, PeriodKind, parse_period
from xzbrief.dataset.problems import Problem, sorted_problems, warning
from xzbrief.dataset.series import (
    benchmark_region,
    chart_series,
    kind_word,
    mixes_kinds,
    newest,
)

MAGNITUDE = 1000.0  # 万元 vs 亿元 is 10,000; 千元 vs 万元 is 10
JUMP_PCT = 100.0
GRACE_DAYS = 90  # statistics for a period are published within about a quarter
_REF = attrgetter("ref")
_SHEET = attrgetter("sheet")
_BOUNDS = frozenset(LOWER_BOUNDS)  # Observation.is_bound, without a call per value
_RE_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2}))?")


def reference_date(dataset: Dataset, today: dt.date | None = None) -> tuple[dt.date, bool]:
    """The workbook's own 数据截至 date when it states one (True), else today (False)."""
    as_of = dataset.info.as_of.strip()
    m = _RE_DATE.search(as_of)
    if m and m[3]:  # a day: 2025年12月17日
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), True
        except ValueError:
            pass
    try:  # a period: 2025年11月 or 2025年1—11月 means to the end of November
        return period_end(parse_period(as_of)), True
    except PeriodError:
        pass
    if today is None and (env := os.environ.get("XZBRIEF_TODAY")):
        today = dt.date.fromisoformat(env)  # reproducible checks (tests, re-runs of old data)
    return today or dt.date.today(), False


def period_end(p: Period) -> dt.date:
    year = p.last_year
    month = p.end_month
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _order(o: Observation, dataset_sheets: dict[str, int]) -> tuple[int, int, int]:
    if o.ref is None:
        return (0, 0, 0)
    digits = o.ref.cell.lstrip(ascii_uppercase)  # D17 -> 17 (one warning each: 83,333 of them)
    row = int(digits) - 1 if digits.isdigit() else 0
    return (dataset_sheets.get(o.ref.sheet, 99), row, 50)


class _Periods:
    """What the checks ask of each period, worked out once per distinct period.

    A 1,000,000-row workbook refers to a few dozen periods a million times; Period's hash,
    sort key and arithmetic are Python code, so each observation's period is looked up by
    identity (the loader makes one object per period and written form) and compared as a
    small int: equal periods (2025年前三季度, 2025年1—9月) share one number."""

    def __init__(self) -> None:
        self.number: dict[int, int] = {}  # id(period) -> its number
        self._numbers: dict[Period, int] = {}
        self._alive: list[Period] = []  # keeps every id above valid
        self.first: list[Period] = []  # by number: the first object seen of that period
        self.sort_key: list[tuple[int, int, int, int]] = []
        self._last_year: dict[int, int | None] = {}
        self._previous: dict[int, tuple[int, Period] | None] = {}
        self._end: dict[int, dt.date] = {}
        self._walks: dict[tuple[int, int], tuple[tuple[int, Period], ...]] = {}

    def of(self, period: Period) -> int:
        n = self.number.get(id(period))
        if n is None:
            n = self._numbers.get(period)
            if n is None:
                n = self._numbers[period] = len(self.sort_key)
                self.sort_key.append(period.sort_key)
                self.first.append(period)
            self.number[id(period)] = n
            self._alive.append(period)
        return n

    def register(self, periods: Iterable[Period]) -> None:
        for period in periods:
            self.of(period)

    def last_year(self, n: int) -> int | None:
        """The number of the same period a year before (the base of 同比), None for spans."""
        if n not in self._last_year:
            base = self.first[n].same_period_last_year()
            self._last_year[n] = self.of(base) if base is not None else None
        return self._last_year[n]

    def previous(self, n: int) -> tuple[int, Period] | None:
        """The period before (its number and itself, as Period.previous writes it: the
        same for every written form)."""
        if n not in self._previous:
            prev = self.first[n].previous()
            self._previous[n] = (self.of(prev), prev) if prev is not None else None
        return self._previous[n]

    def walk_back(self, last: int, first: int) -> tuple[tuple[int, Period], ...]:
        """The periods before ``last`` back to ``first``, as Period.previous steps: worked out
        once per pair (every series of a table spans the same few), so each series is checked
        for gaps by lookups alone (83,333 series walked step by step cost 0.4 s)."""
        found = self._walks.get((last, first))
        if found is None:
            first_key = self.sort_key[first]
            steps: list[tuple[int, Period]] = []
            current = last
            while current != first:
                before = self.previous(current)
                if before is None or self.sort_key[before[0]] < first_key:
                    break
                steps.append(before)
                current = before[0]
            found = self._walks[(last, first)] = tuple(steps)
        return found

    def end(self, period: Period) -> dt.date:
        n = self.of(period)
        found = self._end.get(n)
        if found is None:
            found = self._end[n] = period_end(period)
        return found


class _Checker:
    def __init__(self, dataset: Dataset) -> None:
        self.d = dataset
        # in the order they are read; C-level maps over a million values
        sheets = dict.fromkeys(map(_SHEET, filter(None, map(_REF, dataset.observations))))
        self.sheets = {name: i + 10 for i, name in enumerate(sheets)}
        self.parts_of: dict[str, list[Indicator]] = {}
        for p in dataset.indicators:
            if p.parent:
                self.parts_of.setdefault(p.parent, []).append(p)
        self.problems: list[Problem] = []
        self.flagged: set[str] = set()  # cells already warned about magnitude
        self._series: dict[str, dict[tuple[str, PeriodKind], list[Observation]]] = {}
        self.periods = _Periods()
        self.periods.register(dataset._distinct_periods)  # each object once
        self._regions = {r.name: r for r in dataset.regions}

    def warn(self, code: str, obs: Observation | None, ind: Indicator, **params: object) -> None:
        ref = obs.ref if obs is not None else ind.ref
        order = _order(obs, self.sheets) if obs is not None else (1, 0, 50)
        self.problems.append(warning(code, ref.sheet if ref else None,
                                     ref.cell if ref else None, order, name=ind.name, **params))

    def series(self, code: str) -> dict[tuple[str, PeriodKind], list[Observation]]:
        """Per region and kind of period, the non-target values: made once per indicator
        (three checks read it; a 100,000-row workbook has many indicators)."""
        cached = self._series.get(code)
        if cached is not None:
            return cached
        out: dict[tuple[str, PeriodKind], list[Observation]] = {}
        target = Status.TARGET
        for o in self.d.observations_of(code):
            if o.status is not target:
                key = (o.region, o.period.kind)
                found = out.get(key)
                if found is None:
                    out[key] = [o]
                else:
                    found.append(o)
        self._series = {code: out}  # only the indicator being checked is kept
        return out

    # --- the checks -----------------------------------------------------------------------
    def parts_total(self, ind: Indicator) -> None:
        parts = self.parts_of.get(ind.code)
        if not parts:
            return
        number = self.periods.number
        # each part's values by (region, period, status): looked up, not searched, per total
        index = [{(o.region, number[id(o.period)], o.status): o for o in
                  reversed(self.d.observations_of(part.code))} for part in parts]
        for total in self.d.observations_of(ind.code):
            if total.value is None or total.is_bound:
                continue
            found = []
            key = (total.region, number[id(total.period)], total.status)
            for values_of in index:
                match = values_of.get(key)
                if match is None or match.value is None or match.is_bound:
                    break
                found.append(match)
            else:
                values = [o.value for o in found if o.value is not None]
                # each figure may be off by half a unit of its own last decimal
                tolerance = sum(0.5 * 10 ** -decimals_of(v) for v in [*values, total.value])
                digits = max(decimals_of(v) for v in [*values, total.value])
                diff = round(sum(values) - total.value, digits)
                if abs(diff) > tolerance + 1e-9:
                    self.warn("check-parts-total", total, ind, period=total.period.label,
                              region=total.region, parts=plain_number(round(sum(values), digits)),
                              total=plain_number(total.value), diff=plain_number(abs(diff)),
                              cells="、".join(str(o.ref) for o in found))

    def magnitude(self, ind: Indicator) -> None:
        for (region, _kind), obs in self.series(ind.code).items():
            points = [o for o in obs
                      if o.value is not None and o.value > 0 and o.qualifier not in _BOUNDS]
            if len(points) < 2:
                continue
            if len(points) == 2:
                a, b = points
                assert a.value is not None and b.value is not None
                ratio = b.value / a.value
                if ratio >= MAGNITUDE or ratio <= 1 / MAGNITUDE:
                    self._magnitude(ind, region, b, a.value, ratio)
                continue
            # a value the workbook holds (not the mean of two middle ones, which may be a
            # number between the right values and the wrong ones)
            values = [o.value for o in points if o.value is not None]
            centre = statistics.median_low(values)
            if min(values) / centre > 1 / MAGNITUDE and max(values) / centre < MAGNITUDE:
                continue  # every ratio within bounds (division keeps order): the usual case
            for o in points:
                assert o.value is not None
                ratio = o.value / centre
                if ratio >= MAGNITUDE or ratio <= 1 / MAGNITUDE:
                    self._magnitude(ind, region, o, centre, ratio)

    def _magnitude(self, ind: Indicator, region: str, o: Observation, neighbour: float,
                   ratio: float) -> None:
        assert o.value is not None
        shown = ratio if ratio >= 1 else 1 / ratio
        self.flagged.add(str(o.ref))
        self.warn("check-magnitude", o, ind, region=region, period=o.period.label,
                  value=plain_number(o.value), neighbour=plain_number(neighbour),
                  ratio=f"{shown:,.0f}" if ratio >= 1 else f"1/{shown:,.0f}")

    def jumps(self, ind: Indicator) -> None:
        if ind.is_rate:
            return
        number = self.periods.number
        last_year = self.periods.last_year
        flagged = self.flagged
        for (region, _kind), obs in self.series(ind.code).items():
            numbers = [number[id(o.period)] for o in obs]
            by_period = dict(zip(numbers, obs, strict=True))
            for o, n in zip(obs, numbers, strict=True):
                value = o.value
                if value is None or value < 0 or o.note or o.remark or o.qualifier in _BOUNDS:
                    continue
                base_number = last_year(n)
                base = by_period.get(base_number) if base_number is not None else None
                if (base is None or base.value is None or base.qualifier in _BOUNDS
                        or base.value <= 0
                        or (flagged and (str(o.ref) in flagged or str(base.ref) in flagged))):
                    continue
                change = (value / base.value - 1) * 100
                if abs(change) > JUMP_PCT:
                    self.warn("check-jump", o, ind, region=region, period=o.period.label,
                              base=f"{base.period.label}({base.ref})",
                              change=f"{change:+.1f}%")

    def gaps(self, ind: Indicator) -> None:
        number = self.periods.number
        sort_key = self.periods.sort_key
        for (region, kind), obs in self.series(ind.code).items():
            for o in obs:
                if o.value is None:
                    self.warn("check-empty-value", o, ind, region=region,
                              period=o.period.label)
            if kind not in (PeriodKind.YEAR, PeriodKind.MONTH, PeriodKind.QUARTER,
                            PeriodKind.HALF):
                continue
            have: dict[int, Period] = {}
            for o in obs:
                have.setdefault(number[id(o.period)], o.period)
            if len(have) < 3:  # two periods make a comparison, not a charted series
                continue
            ordered = sorted(have, key=sort_key.__getitem__)
            missing = [step for step in self.periods.walk_back(ordered[-1], ordered[0])
                       if step[0] not in have]
            if missing:
                labels = "、".join(p.label for n, p in
                                  sorted(missing, key=lambda m: sort_key[m[0]]))
                first = min(obs, key=lambda o: sort_key[number[id(o.period)]])
                self.warn("check-gap", first, ind, region=region, missing=labels)

    def stale_estimates(self, ind: Indicator, reference: dt.date, stated: bool) -> None:
        observations = self.d.observations_of(ind.code)
        number = self.periods.number
        estimate = Status.ESTIMATE
        late: dict[int, bool] = {}  # by period number: past its end and the grace days
        overdue: list[tuple[Observation, int]] = []
        for o in observations:
            if o.status is estimate:
                n = number[id(o.period)]
                is_late = late.get(n)
                if is_late is None:
                    is_late = late[n] = (self.periods.end(o.period)
                                         + dt.timedelta(days=GRACE_DAYS) < reference)
                if is_late:
                    overdue.append((o, n))
        if not overdue:
            return
        # the actual figures of those periods only (not a pair for every value)
        wanted = {n for n, is_late in late.items() if is_late}
        actual = Status.ACTUAL
        actuals = {(n, x.region) for x in observations
                   if x.status is actual and (n := number[id(x.period)]) in wanted}
        code = "check-stale-estimate" if stated else "check-stale-estimate-today"
        date = reference.isoformat()
        for o, n in overdue:
            if (n, o.region) not in actuals:
                self.warn(code, o, ind, region=o.region, period=o.period.label, date=date)

    def mixed_kinds(self, ind: Indicator) -> None:
        """Say before the build how a deck splits figures of several period kinds."""
        observations = self.d.observations_of(ind.code)
        if len({o.period.kind for o in observations} - {PeriodKind.SPAN}) < 2:
            return  # one kind in every region (the common case)
        by_region: dict[str, list[Observation]] = {}
        kinds_of: dict[str, set[PeriodKind]] = {}
        for o in observations:
            found = by_region.get(o.region)
            if found is None:
                by_region[o.region] = [o]
                kinds_of[o.region] = {o.period.kind}
            else:
                found.append(o)
                kinds_of[o.region].add(o.period.kind)
        regions = self._regions
        for region, obs in by_region.items():
            if len(kinds_of[region] - {PeriodKind.SPAN}) < 2:
                continue  # one kind (the common case, checked without sorting)
            if benchmark_region(regions.get(region), region):
                continue  # the province's figures are yardsticks, never charted
            kinds = mixes_kinds(obs)
            latest = newest(obs)
            if not kinds or latest is None:
                continue
            key, points = chart_series(obs)
            chart = (f"{points[0].period.label}至{points[-1].period.label}"
                     if key is not None else "无")
            first = min((o for o in obs if o.ref is not None),
                        key=lambda o: _order(o, self.sheets), default=latest)
            self.warn("check-mixed-kinds", first, ind, region=region,
                      kinds="、".join(kind_word(k) for k in kinds), chart=chart,
                      latest=latest.period.label)


def preflight(dataset: Dataset, shown: Iterable[str] | None = None,
              today: dt.date | None = None) -> tuple[Problem, ...]:
    """Warnings about the numbers (never errors: the user decides). ``shown`` limits the
    gap checks to the indicators a deck shows."""
    with no_cycle_collection():  # as the load: many objects, no cycles
        return _preflight(dataset, shown, today)


def _preflight(dataset: Dataset, shown: Iterable[str] | None, today: dt.date | None
               ) -> tuple[Problem, ...]:
    checker = _Checker(dataset)
    reference, stated = reference_date(dataset, today)
    wanted = set(shown) if shown is not None else None
    for ind in dataset.indicators:
        checker.parts_total(ind)
        checker.magnitude(ind)
        checker.jumps(ind)
        if wanted is None or ind.code in wanted:
            checker.gaps(ind)
        checker.stale_estimates(ind, reference, stated)
        if wanted is None or ind.code in wanted:
            checker.mixed_kinds(ind)
    return sorted_problems(checker.problems)


def with_preflight(result: LoadResult, shown: Iterable[str] | None = None,
                   today: dt.date | None = None) -> LoadResult:
    """The load's problems followed by the pre-flight warnings (after, so a user fixes what
    stops the build first)."""
    if result.dataset is None:
        return result
    extra = preflight(result.dataset, shown, today)
    return LoadResult(result.path, result.dataset, result.problems + extra)
