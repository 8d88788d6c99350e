"""Charts: a series over time (bars with growth on a secondary axis, or a line), regions
ranked, parts of a total (doughnut or stacked columns)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from xzbrief.dataset.indicator_kinds import IndicatorKind
from xzbrief.dataset.model import CellRef, Indicator, Observation, Status
from xzbrief.dataset.numbers import decimals_of
from xzbrief.dataset.periods import Period, PeriodKind
from xzbrief.deck import grid
from xzbrief.deck.model import (
    Axis,
    Chart,
    ChartKind,
    Figure,
    Reference,
    Series,
    Slide,
    SlideKind,
)
from xzbrief.deck.narrative import (
    Change,
    cagr,
    cagr_sentence,
    compare,
    completion,
    level_clause,
    level_figure,
    level_sentence,
    series_decimals,
    thresholds_crossed,
)
from xzbrief.deck.notes import ROUNDING_NOTE
from xzbrief.deck.selection import Selection
from xzbrief.deck.textfit import fit_bullets, fits_one_line, text_width
from xzbrief.deck.theme_base import ThemeBase, clause_prefixes
from xzbrief.deck.wording import (
    exact,
    format_figure,
    format_number,
    format_rate,
    rounded,
)
from xzbrief.messages import note
from xzbrief.recipe import Comparison

MAX_BARS = 12  # a longer series is drawn as a line


def at_label_precision(ind: Indicator, values: Sequence[float | None]) -> Indicator:
    """The indicator at its chart labels' precision: one per series, so the labels stand
    alike (9537.00 beside 7151.35). Only the labels: titles and sentences write each level at
    its own precision (narrative.shown_decimals: 9537亿元)."""
    if ind.decimals is not None:
        return ind
    shown = series_decimals(ind, values)
    if shown is None:
        shown = max((decimals_of(v) for v in values if v is not None), default=0)
    return replace(ind, decimals=shown)


MAX_PARTS = 6  # parts of a total in one doughnut or stacked chart


def time_chart_kind(ind: Indicator, points: int) -> ChartKind:
    """How a series over time is drawn, decided here once (its look is render/chart_look.py's):
    a trend of rates — growth rates, shares, the 累计增速走势 of 1—2月 … 1—10月 — reads as a
    line with markers and its numbers; levels, counts and indices across periods stand as
    columns, and as a line only when more than MAX_BARS of them would crowd the page."""
    if ind.is_rate or ind.kind in (IndicatorKind.GROWTH, IndicatorKind.SHARE):
        return ChartKind.LINE
    return ChartKind.LINE if points > MAX_BARS else ChartKind.BAR


def part_name(part: str, total: str) -> str:
    """A part named within its total, without the words they share: 工程机械产业集群规模 in
    “343”创新产业集群规模 is 「工程机械」 (from the full names, never the workbook's 简称)."""
    n = 0
    while n < min(len(part), len(total)) and part[-1 - n] == total[-1 - n]:
        n += 1
    rest = part[:len(part) - n]
    return rest if len(rest) >= 2 else part


class ChartSlides(ThemeBase):
    @staticmethod
    def _axis_labels(points: Sequence[Observation]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Category labels (and group labels) that stand side by side, horizontally, under
        the chart: years as 2025年 (an estimate 「2025年(预计)」, on two lines when narrow);
        months and quarters by their number under their year (2024年: 1月 … 12月)."""
        n = len(points)
        room = grid.CHART_AREA.w * 0.9 / max(n, 1) - 6
        kinds = {o.period.kind for o in points}
        if kinds <= {PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YTD}:
            cats = []
            for o in points:
                q = o.period
                leaf = {PeriodKind.MONTH: f"{q.index}月", PeriodKind.QUARTER: f"Q{q.index}",
                        PeriodKind.HALF: "上半年" if q.index == 1 else "下半年",
                        }.get(q.kind, q.label.removeprefix(f"{q.year}年"))
                if q.kind is PeriodKind.MONTH and text_width("12月", grid.LABEL_SIZE) > room:
                    leaf = str(q.index)
                cats.append(leaf)
            return tuple(cats), tuple(f"{o.period.year}年" for o in points)
        cats = []
        for o in points:
            label = o.period.short_label
            if o.status is Status.ESTIMATE:
                one_line = f"{label}(预计)"
                label = one_line if text_width(one_line, grid.LABEL_SIZE) <= room \
                    else f"{label}\n(预计)"
            cats.append(label)
        return tuple(cats), ()

    def _time_chart(self, sel: Selection) -> Slide:
        ind = sel.indicator
        points = [o for o in sel.series if not o.is_bound]
        # labels share one precision per series (9537.00 beside 7151.35); the title and the
        # sentences write each figure with its own (9537亿元)
        label_ind = at_label_precision(ind, [o.value for o in points])
        # the chart keeps gaps (an empty cell is drawn as a gap, never 0); the sentences speak
        # of the first and last periods that have a number
        known_points = [o for o in points if o.value is not None]
        cats, groups = self._axis_labels(points)
        figs = tuple(level_figure(ind, o) if o.value is not None else None for o in points)
        bars = Series(ind.label, tuple(o.value for o in points), ind.unit,
                      label_ind.decimals,
                      tuple(o.status for o in points), figures=figs)
        series = [bars]
        # growth per point against the same period a year before (同比), or against the
        # previous period when the recipe asks for 较上期 (环比 for months and quarters); none
        # at all when it asks for no comparison
        mode = self.choice.comparison
        known = {o.period: o for o in points if o.value is not None}
        previous = mode is Comparison.PREVIOUS
        word = self._word(points[-1].period.kind)
        growth_changes: list[Change | None] = []
        for cur in points:
            paired = self._paired_growth(ind, cur) if cur.value is not None and not previous \
                and mode is not Comparison.NONE else None
            if ind.growth_code and not previous:  # the published rate (可比价) or a gap,
                growth_changes.append(paired)  # never one recomputed from the levels
                continue
            base_period = cur.period.previous() if previous else \
                cur.period.same_period_last_year()
            base = known.get(base_period) if base_period is not None else None
            change = compare(ind, cur, base, word) \
                if base is not None and mode is not Comparison.NONE else None
            # the growth line is in %: a count's 增加N家 or an index's points never join it
            growth_changes.append(change if change is not None and change.figure.unit == "%"
                                  else None)
        growth = [c.figure.value if c else None for c in growth_changes]
        kind = time_chart_kind(ind, len(points))
        if (kind is ChartKind.BAR and not ind.is_rate
                and sum(g is not None for g in growth) >= 2):
            kind = ChartKind.BAR_LINE
            series.append(Series(f"{word}增长", tuple(growth), "%", 1,
                                 tuple(o.status for o in points), Axis.SECONDARY, as_line=True,
                                 figures=tuple(c.figure if c else None for c in growth_changes)))
        target_figs: list[Figure] = []
        if sel.targets:
            by_period = {t.period: t for t in sel.targets}
            marks = [by_period.get(o.period) for o in points]
            values = tuple(t.value if t is not None else None for t in marks)
            if any(v is not None for v in values):
                tfigs = tuple(level_figure(ind, t, f"{ind.name}目标") if t is not None
                              else None for t in marks)
                target_figs = [f for f in tfigs if f is not None]
                series.insert(1, Series("目标", values, ind.unit, label_ind.decimals,
                                        tuple(Status.TARGET for _ in points), figures=tfigs))
        last = known_points[-1]
        first = known_points[0]
        region = self._region(sel.main_region)
        # the comparison the recipe asks for, as on every card: the title and first sentence
        # say it; 年均 follows as a sentence of its own
        point_change = (self._change(ind, last, known_points)
                        if mode in (Comparison.YOY, Comparison.PREVIOUS) else None)
        long_run = self._long_run(ind, first, last) if mode is not Comparison.NONE else None
        lines = [level_sentence(ind, last, region)
                 + ("," + point_change.phrase if point_change else "") + "。"]
        if len(known_points) == 2:  # two columns: both figures said, the base first
            lines.insert(0, level_sentence(ind, first, region) + "。")
        changes = [point_change] if point_change else []
        if long_run is not None:
            lines.append(cagr_sentence(ind, long_run, region) + "。")
            changes.append(long_run)
        target = next((t for t in sel.targets if t.period == last.period), None)
        done = completion(ind, last, target) if target is not None else None
        if done is not None:
            lines.append(done.phrase + "。")
            changes.append(done)
        steps = thresholds_crossed(ind, points)
        if steps:
            lines.append(f"{steps}。")
        if last.remark:
            lines.append(last.remark + ("" if last.remark.endswith("。") else "。"))
        lead = long_run if mode is Comparison.CAGR else (point_change or long_run)
        # a title names its periods: the level's, and a 年均 rate's span (2019—2025年)
        lead_phrase = "" if lead is None else (
            f"{lead.figure.period}{lead.phrase}" if lead is long_run else lead.phrase)
        # the conclusion, then its shorter forms (trailing clauses dropped) that fit a title
        headline = clause_prefixes(last.period.label + level_clause(ind, last)
                                   + ("," + lead_phrase if lead_phrase else ""))
        unit = f"({ind.unit})" if ind.unit else ""
        drawn = {ChartKind.LINE: "折线图", ChartKind.BAR_LINE: f"柱状图(折线为{word}增速)"
                 }.get(kind, "柱状图")
        chart = Chart(kind, f"{ind.name}{unit}", cats, tuple(series),
                      alt_text=f"{ind.name}{first.period.label}至{last.period.label}{drawn}。"
                      + "".join(lines), groups=groups)
        figures = [f for f in figs if f is not None] + target_figs + [c.figure for c in changes]
        if kind is ChartKind.BAR_LINE:  # the growth line's labels are shown numbers too
            figures += [c.figure for c in growth_changes if c is not None and c not in changes]
        # the level's own published rates (its growth line, its 年均) bring their 口径 note
        rate_ind = self.dataset.indicator_by_code.get(ind.growth_code) \
            if ind.growth_code else None
        return self._chart_slide(headline, chart, lines, figures,
                                 [ind, *([rate_ind] if rate_ind is not None else [])])

    def _region_chart(self, sel: Selection) -> Slide | None:
        """Regions ranked at the latest period they share (never 2021 against 2025); None
        when fewer than three exact values are left to rank."""
        ind = sel.indicator
        exact_values = [o for o in sel.by_region if o.value is not None and not o.is_bound]
        if not exact_values:
            return None
        latest = max(o.period.sort_key for o in exact_values)
        ranked = sorted((o for o in exact_values if o.period.sort_key == latest),
                        key=lambda o: o.value or 0.0, reverse=True)
        if len(ranked) < 3:
            return None
        label_ind = at_label_precision(ind, [o.value for o in ranked])
        figs = tuple(level_figure(ind, o, f"{o.region}{ind.name}") for o in ranked)
        series = Series(ind.label, tuple(o.value for o in ranked), ind.unit,
                        label_ind.decimals,
                        tuple(o.status for o in ranked), figures=figs)
        periods = sorted({o.period for o in ranked}, key=lambda p: p.sort_key)
        period = periods[-1].label if len(periods) == 1 else ""
        top = ranked[0]
        ranking = f"{period}{ind.name}{top.region}居首,{level_clause(ind, top, '')}"
        lines = [f"{period}{o.region}{level_clause(ind, o)}。" for o in ranked[:4]]
        figures = list(figs)
        candidates = [ranking]
        # the city's own figure for the ranked period, never its newest of another period
        # (a 2025年前三季度 sentence under a chart of 2024 districts): a page's sentences speak
        # of the page's figures; the newer figure has its own card or chart
        own = next((o for o in sel.history if o.period == ranked[0].period
                    and o.value is not None), None) if period else None
        if own is not None:
            fact = self._fact(ind, own, sel.history)
            lines.insert(0, self._sentence(fact))
            figures[:0] = [level_figure(ind, own), *([fact.change.figure] if fact.change
                                                     else [])]
            candidates = [f"{period}{fact.headline},{top.region}以{figs[0].text}居首",
                          ranking]
        unit = f"({ind.unit})" if ind.unit else ""
        chart = Chart(ChartKind.HBAR, f"{period}各地区{ind.name}{unit}",
                      tuple(o.region for o in ranked), (series,),
                      alt_text=f"{ind.name}分地区排序条形图。" + "".join(lines),
                      reference=self._reference(ind, sel, ranked))
        if chart.reference is not None and chart.reference.figure is not None and not any(
                f.ref == chart.reference.figure.ref for f in figures):
            figures.append(chart.reference.figure)
        return self._chart_slide(candidates, chart, lines, figures, [ind])

    def _reference(self, ind: Indicator, sel: Selection, ranked: list[Observation]
                   ) -> Reference | None:
        """The parent region's own figure as a line across the ranking, where the workbook
        has it for the same period — for growth rates, shares and indices (a total's or a
        count's city figure is the sum of its districts, not a level to read them against;
        a rank has no city figure)."""
        if ind.kind not in (IndicatorKind.GROWTH, IndicatorKind.SHARE, IndicatorKind.INDEX):
            return None
        period = ranked[0].period
        own = next((o for o in sel.series if o.period == period and o.value is not None
                    and not o.is_bound), None)
        if own is None or own.value is None or any(o.region == own.region for o in ranked):
            return None
        fig = level_figure(ind, own, f"{own.region}{ind.name}")
        return Reference(own.region, own.value, f"{own.region} {fig.text}", fig)

    def _parts_chart(self, total: Selection, parts: list[Selection]) -> Slide | None:
        """Parts of a total: stacked columns when they share three or more periods, else a
        doughnut at the total's latest period (2 to 6 parts)."""
        if not 2 <= len(parts) <= MAX_PARTS:
            return None
        usable = [{o.period: o for o in p.series if o.value is not None and not o.is_bound}
                  for p in parts]
        shared = sorted(set.intersection(*(set(u) for u in usable)), key=lambda q: q.sort_key)
        if len(shared) >= 3:
            return self._stacked_parts(total, parts, usable, shared[-MAX_BARS:])
        latest = total.series[-1] if total.series else None
        if latest is None or latest.value is None or latest.is_bound or latest.value <= 0:
            return None
        if any(latest.period not in u for u in usable):
            return None
        members = [(p.indicator, u[latest.period]) for p, u in zip(parts, usable, strict=True)]
        ind = total.indicator
        # slices are shares of the total: what the parts leave over is 其他; parts that add
        # up to more than the total (beyond rounding) cannot be drawn as its shares
        rest = exact(latest.value) - sum((exact(o.value or 0.0) for _, o in members),
                                         Decimal(0))
        slack = sum((Decimal(5).scaleb(-decimals_of(v) - 1) for v in
                     [latest.value, *(o.value or 0.0 for _, o in members)]), Decimal(0))
        if rest < -slack:
            self.plan.warnings.append(note("plan-parts-exceed-total", name=ind.name))
            return None
        figs = [level_figure(i, o) for i, o in members]
        shares = [self._share(i.name, o, latest) for i, o in members]
        order = sorted(range(len(members)), key=lambda k: members[k][1].value or 0.0,
                       reverse=True)
        labels = [members[k][0].label for k in order]
        values = [members[k][1].value for k in order]
        statuses = [members[k][1].status for k in order]
        slice_figs = [figs[k] for k in order]
        lines = [level_sentence(ind, latest, self._region(total.main_region)) + "。"]
        lines += [f"{level_clause(members[k][0], members[k][1])},占{shares[k].text}。"
                  for k in order]
        extra: list[Figure] = []
        if rest > slack:
            other = Observation(ind.code, latest.region, latest.period, latest.status,
                                float(rest), source=latest.source)
            refs = tuple(r for r in (latest.ref, *(o.ref for _, o in members)) if r)
            other_fig = Figure(label=f"{ind.name}其他", text=format_figure(
                float(rest), ind.unit, "", ind.decimals), value=float(rest), unit=ind.unit,
                status=latest.status, period=latest.period.label, region=latest.region,
                source=latest.source, derived_from=refs, method="总量减各分项")
            other_share = self._share(f"{ind.name}其他", other, latest, refs)
            labels.append("其他")
            values.append(float(rest))
            statuses.append(latest.status)
            slice_figs.append(other_fig)
            lines.append(f"其他{other_fig.text},占{other_share.text}。")
            extra = [other_fig, other_share]
        series = Series(ind.label, tuple(values), ind.unit, ind.decimals, tuple(statuses),
                        figures=tuple(slice_figs))
        biggest = members[order[0]][0]
        headline = (f"{ind.name}构成中{part_name(biggest.name, ind.name)}占比最高,"
                    f"达{shares[order[0]].text}")
        chart = Chart(ChartKind.DOUGHNUT, f"{latest.period.label}{ind.name}构成",
                      tuple(labels), (series,),
                      alt_text=f"{ind.name}构成环形图。" + "".join(lines))
        figures = [level_figure(ind, latest), *figs, *shares, *extra]
        # 四舍五入 explains a gap only as wide as the rounding of the numbers themselves
        # (or the shares, each rounded to 0.1%, that do not add up to 100%)
        share_sum = sum((exact(f.value or 0.0) for f in [*shares, *extra[1:]]), Decimal(0))
        rounding = [ROUNDING_NOTE] if (rest != 0 and abs(rest) <= slack) or (
            share_sum != 100) else []
        return self._chart_slide(headline, chart, lines, figures,
                                 [ind, *(i for i, _ in members)], rounding)

    @staticmethod
    def _share(name: str, part: Observation, total: Observation,
               refs: tuple[CellRef, ...] | None = None) -> Figure:
        assert part.value is not None and total.value is not None
        share = rounded(exact(part.value) / exact(total.value) * 100)
        if refs is None:
            refs = tuple(r for r in (part.ref, total.ref) if r is not None)
        return Figure(label=f"{name}占比", text=f"{format_rate(share)}%",
                      value=share, unit="%", status=part.status,
                      period=part.period.label, region=part.region, source=part.source,
                      derived_from=refs, method=f"{format_number(part.value)} ÷ "
                      f"{format_number(total.value)} × 100%")

    def _stacked_parts(self, total: Selection, parts: list[Selection],
                       usable: list[dict[Period, Observation]], periods: list[Period]
                       ) -> Slide:
        """Stacked columns: one series per part over the periods they share."""
        ind = total.indicator
        series: list[Series] = []
        all_figs: list[Figure] = []
        for p, u in zip(parts, usable, strict=True):
            obs = [u[q] for q in periods]
            figs = tuple(level_figure(p.indicator, o) for o in obs)
            all_figs += figs
            series.append(Series(p.indicator.label, tuple(o.value for o in obs), p.indicator.unit,
                                 p.indicator.decimals, tuple(o.status for o in obs),
                                 figures=figs))
        other, other_figs, rounding = self._stacked_rest(total, parts, usable, periods)
        if other is not None:
            series.append(other)
            all_figs += other_figs
        cats, groups = self._axis_labels([min((u[q] for u in usable), key=lambda o: o.status
                                              is not Status.ESTIMATE) for q in periods])
        last = periods[-1]
        own = next((o for o in total.series if o.period == last and o.value is not None
                    and not o.is_bound and o.value > 0), None)
        members = [(p.indicator, u[last]) for p, u in zip(parts, usable, strict=True)]
        order = sorted(range(len(members)), key=lambda k: members[k][1].value or 0.0,
                       reverse=True)
        biggest_ind, biggest = members[order[0]]
        lines: list[str] = []
        figures: list[Figure] = []
        if own is not None:
            lines.append(level_sentence(ind, own, self._region(total.main_region)) + "。")
            figures.append(level_figure(ind, own))
            share = self._share(biggest_ind.name, biggest, own)
            figures.append(share)
            part = part_name(biggest_ind.name, ind.name)
            headline = f"{last.label}{ind.name}构成中{part}占比最高,达{share.text}"
        else:
            headline = (f"{last.label}{ind.name}构成中{part_name(biggest_ind.name, ind.name)}"
                        "规模最大")
        lines += [f"{last.label}{level_clause(members[k][0], members[k][1])}。"
                  for k in order[:3]]
        first_period = periods[0]
        grown = self._fastest_part(parts, usable, first_period, last)
        if grown is not None:
            lines.append(grown.phrase + "。")
            figures.append(grown.figure)
        unit = f"({ind.unit})" if ind.unit else ""
        chart = Chart(ChartKind.STACKED, f"{ind.name}构成{unit}", cats, tuple(series),
                      alt_text=f"{ind.name}{first_period.label}至{last.label}分项堆积柱状图。"
                      + "".join(lines), groups=groups)
        return self._chart_slide(headline, chart, lines, [*figures, *all_figs],
                                 [ind, *(p.indicator for p in parts)], rounding)

    def _stacked_rest(self, total: Selection, parts: list[Selection],
                      usable: list[dict[Period, Observation]], periods: list[Period]
                      ) -> tuple[Series | None, list[Figure], list[str]]:
        """What the parts leave of their total, per period: a 其他 stack where it is more
        than rounding (so the stacks add up to the total the workbook states), and the
        四舍五入 note only where rounding alone explains the gap."""
        ind = total.indicator
        totals = {o.period: o for o in total.series
                  if o.value is not None and not o.is_bound}
        values: list[float | None] = []
        statuses: list[Status] = []
        figs: list[Figure | None] = []
        rounding = False
        for q in periods:
            own = totals.get(q)
            members = [u[q] for u in usable]
            if own is None or own.value is None:
                values.append(None)
                statuses.append(Status.ACTUAL)
                figs.append(None)
                continue
            rest = exact(own.value) - sum((exact(o.value or 0.0) for o in members), Decimal(0))
            slack = sum((Decimal(5).scaleb(-decimals_of(v) - 1) for v in
                         [own.value, *(o.value or 0.0 for o in members)]), Decimal(0))
            if rest != 0 and abs(rest) <= slack:
                rounding = True
            if rest <= slack:
                values.append(None)
                statuses.append(own.status)
                figs.append(None)
                if rest < -slack:
                    self.plan.warnings.append(note("plan-parts-exceed-total-period",
                                                   name=ind.name, period=q.label))
                continue
            refs = tuple(r for r in (own.ref, *(o.ref for o in members)) if r)
            values.append(float(rest))
            statuses.append(own.status)
            figs.append(Figure(label=f"{ind.name}其他", text=format_figure(
                float(rest), ind.unit, "", ind.decimals), value=float(rest), unit=ind.unit,
                status=own.status, period=q.label, region=own.region, source=own.source,
                derived_from=refs, method="总量减各分项"))
        notes = [ROUNDING_NOTE] if rounding else []
        if all(v is None for v in values):
            return None, [], notes
        series = Series("其他", tuple(values), ind.unit, ind.decimals, tuple(statuses),
                        figures=tuple(figs))
        return series, [f for f in figs if f is not None], notes

    def _fastest_part(self, parts: list[Selection], usable: list[dict[Period, Observation]],
                      first: Period, last: Period) -> Change | None:
        """「其中数字经济产业集群规模2021—2025年年均增长…」: the part that grew fastest."""
        best: tuple[float, Indicator, Change] | None = None
        for p, u in zip(parts, usable, strict=True):
            change = cagr(p.indicator, u[first], u[last])
            if change is not None and change.figure.value is not None and (
                    best is None or change.figure.value > best[0]):
                best = (change.figure.value, p.indicator, change)
        if best is None:
            return None
        _, part, change = best
        expect = "预计" if change.figure.is_estimate else ""
        phrase = f"其中{part.name}增长最快,{expect}{change.figure.period}{change.phrase}"
        return Change(phrase, change.figure)

    def _chart_slide(self, headline: str | list[str], chart: Chart, lines: list[str],
                     figures: list[Figure], inds: list[Indicator],
                     notes: Sequence[str] = ()) -> Slide:
        """``headline``: the conclusion, or conclusions from the fullest to the shortest; the
        first that fits one title line is used."""
        candidates = [headline] if isinstance(headline, str) else headline
        title = next((c for c in candidates if fits_one_line(c, grid.TITLE.w, grid.TITLE_MIN)),
                     "")
        title = title or self._title(candidates[-1:], chart.title)
        kept = fit_bullets(lines, grid.CHART_TEXT.w, grid.CHART_TEXT.h, grid.CHART_BODY_MAX,
                           grid.BODY_MIN)
        if len(kept) < len(lines):
            self.plan.warnings.append(note("plan-lines-dropped", title=title,
                                           n=len(lines) - len(kept)))
        return Slide(kind=SlideKind.CHART, title=title,
                     section=self.choice.name, chart=chart, lines=tuple(kept),
                     footnotes=self._footnotes(figures, inds, list(notes)),
                     notes=self._notes(lines, figures), figures=tuple(figures))
