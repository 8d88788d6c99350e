"""One theme's slides: charts for series, ranked bars for regions, doughnuts for parts of a
total, key-figure cards for single facts, a table when there are too many, then highlights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from xzbrief.dataset.model import Dataset, Indicator, Observation, Status
from xzbrief.dataset.periods import Period, PeriodKind
from xzbrief.deck import grid
from xzbrief.deck.model import (
    Axis,
    Card,
    Chart,
    ChartKind,
    Figure,
    Series,
    Slide,
    SlideKind,
    Table,
    TableCell,
    card_figures,
)
from xzbrief.deck.narrative import (
    Change,
    cagr,
    cagr_sentence,
    card_parts,
    compare,
    completion,
    level_clause,
    level_figure,
    level_sentence,
    region_label,
    thresholds_crossed,
)
from xzbrief.deck.notes import ROUNDING_NOTE, footnotes, speaker_notes, split_common_notes
from xzbrief.deck.selection import Selection, region_of, select, selected_indicators
from xzbrief.deck.textfit import (
    fit_bullets,
    fits_one_line,
    paginate_bullets,
    paginate_table,
    text_width,
)
from xzbrief.deck.wording import format_figure, format_number, format_rate
from xzbrief.recipe import Comparison, Options, ThemeChoice

MAX_TABLE_FACTS = 12  # more single facts than this read better as a table
MAX_BARS = 12  # a longer series is drawn as a line
MAX_PARTS = 6  # parts of a total in one doughnut or stacked chart


@dataclass
class ThemePlan:
    slides: list[Slide] = field(default_factory=list)
    headline: Card | None = None  # for the 总体情况 page
    headline_text: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Fact:
    """A single figure for a card or a table row."""

    ind: Indicator
    obs: Observation
    label: str
    change: Change | None
    headline: str  # the clause a title can use


class ThemePlanner:
    def __init__(self, dataset: Dataset, choice: ThemeChoice, options: Options) -> None:
        self.dataset = dataset
        self.choice = choice
        self.options = options
        self.file = dataset.info.file_name
        self.plan = ThemePlan()

    # --- entry ----------------------------------------------------------------------------
    def build(self) -> ThemePlan:
        indicators = selected_indicators(self.dataset, self.choice)
        missing = set(self.choice.indicators or ()) - {i.code for i in indicators}
        for code in sorted(missing):
            self.plan.warnings.append(f"专题「{self.choice.name}」:指标 {code} 不在工作簿中,已跳过")
        selections: list[Selection] = []
        for ind in indicators:
            sel = select(self.dataset, self.choice, ind)
            if sel is None:
                self.plan.warnings.append(
                    f"专题「{self.choice.name}」:指标「{ind.name}」在所选地区和期间没有数据,已跳过")
                continue
            selections.append(sel)
        order = [s.indicator.code for s in selections]
        chosen = set(order)
        with_parts = {s.indicator.parent for s in selections if s.indicator.parent in chosen}
        totals = {s.indicator.code: s for s in selections}
        parts: dict[str, list[Selection]] = {}
        facts_of: dict[str, list[_Fact]] = {}  # single facts per indicator
        leads: dict[str, _Fact] = {}  # the headline figure of a charted indicator
        pending: set[str] = set()  # totals shown by their parts chart if one is made
        charts: list[Slide] = []
        for sel in selections:
            code = sel.indicator.code
            if sel.indicator.parent in chosen:
                parts.setdefault(sel.indicator.parent, []).append(sel)
                continue
            made_chart = False
            if len([o for o in sel.series if o.value is not None and not o.is_bound]) >= 3:
                charts.append(self._time_chart(sel))
                made_chart = True
            if len(sel.by_region) >= 3:
                charts.append(self._region_chart(sel))
                made_chart = True
            if made_chart:
                if sel.series and sel.series[-1].value is not None:
                    leads[code] = self._fact(sel.indicator, sel.series[-1], sel, sel.series)
            elif code in with_parts:
                pending.add(code)
            else:
                facts_of[code] = self._facts(sel)
        for parent, members in parts.items():
            total = totals[parent]
            slide = self._parts_chart(total, members)
            if slide is not None:
                charts.append(slide)
                last = total.series[-1] if total.series else None
                if parent in pending and last is not None and last.value is not None:
                    leads[parent] = self._fact(total.indicator, last, total, total.series)
                continue
            if parent in pending:
                facts_of[parent] = self._facts(total)
            for m in members:
                facts_of[m.indicator.code] = self._facts(m)
        facts = [f for code in order for f in facts_of.get(code, [])]
        for code in order:  # the theme's first indicator speaks for it on 总体情况
            lead = leads.get(code) or next(iter(facts_of.get(code, [])), None)
            if lead is not None:
                self._set_headline(lead)
                break
        if facts:
            if len(facts) > MAX_TABLE_FACTS:
                self.plan.slides.extend(self._fact_tables(facts))
            else:
                self.plan.slides.extend(self._card_slides(facts))
        self.plan.slides.extend(charts)
        if self.options.highlights:
            self.plan.slides.extend(self._highlight_slides())
        return self.plan

    def _set_headline(self, fact: _Fact) -> None:
        if self.plan.headline is None:
            self.plan.headline = self._card(fact)
            self.plan.headline_text = fact.headline

    # --- facts and cards ------------------------------------------------------------------
    def _region(self, name: str) -> str:
        return region_label(region_of(self.dataset, name), name)

    def _change(self, ind: Indicator, obs: Observation,
                series: Sequence[Observation]) -> Change | None:
        """The comparison the recipe asks for, when the data allows it honestly."""
        mode = self.choice.comparison
        if mode is Comparison.NONE:
            return None
        earlier = [o for o in series if o.period.sort_key < obs.period.sort_key
                   and o.period.kind is obs.period.kind]
        if mode is Comparison.CAGR and earlier:
            return cagr(ind, earlier[0], obs)
        target: Period | None = (obs.period.same_period_last_year() if mode is Comparison.YOY
                                 else obs.period.previous())
        base = next((o for o in earlier if o.period == target), None)
        if base is not None:
            prefix = "同比" if mode is Comparison.YOY else (
                "比上年" if obs.period.kind.value == "year" else "环比")
            return compare(ind, obs, base, prefix)
        if earlier:  # an older base only (e.g. 2020 -> 2025): say which year
            return compare(ind, obs, earlier[-1])
        return None

    def _fact(self, ind: Indicator, obs: Observation, sel: Selection,
              series: Sequence[Observation]) -> _Fact:
        region = self._region(obs.region)
        label = ind.name if region == "全市" else f"{obs.region}{ind.name}"
        change = self._change(ind, obs, series)
        headline = level_clause(ind, obs, label)
        if change is not None:
            headline += "," + change.phrase
        return _Fact(ind, obs, label, change, headline)

    def _facts(self, sel: Selection) -> list[_Fact]:
        out: list[_Fact] = []
        if sel.series and sel.series[-1].value is not None:
            out.append(self._fact(sel.indicator, sel.series[-1], sel, sel.series))
        for obs in sel.by_region:
            theirs = [o for o in sel.all_obs if o.region == obs.region]
            out.append(self._fact(sel.indicator, obs, sel, theirs))
        return out

    def _card(self, fact: _Fact, note: str | None = None) -> Card:
        """The number big; under it the change and either the workbook's 备注 or, when there
        is none, the value the change was measured from (「2024年为204.2亿元」)."""
        before, number, after = card_parts(fact.ind, fact.obs)
        text = fact.obs.note if note is None else note
        base = None
        if not text and fact.change is not None and fact.change.base is not None:
            text, base = fact.change.base_text, fact.change.base
        return Card(label=fact.label, figure=level_figure(fact.ind, fact.obs, fact.label),
                    before=before, number=number, after=after,
                    change=fact.change.figure if fact.change else None, note=text, base=base)

    def _card_slides(self, facts: list[_Fact]) -> list[Slide]:
        slides: list[Slide] = []
        n = len(facts)
        pages = -(-n // grid.MAX_CARDS)
        per_page = -(-n // pages)
        for start in range(0, n, per_page):
            chunk = facts[start:start + per_page]
            notes, common = split_common_notes([f.obs.note for f in chunk])
            cards = tuple(self._card(f, note) for f, note in zip(chunk, notes, strict=True))
            figures = card_figures(cards)
            narrative = [self._sentence(f) for f in chunk]
            title = self._title([f.headline for f in chunk], fallback=self.choice.name,
                                subjects=[f.label for f in chunk])
            side = tuple(narrative) if len(chunk) <= 2 else ()
            slides.append(Slide(
                kind=SlideKind.KEY_FIGURES, title=title, section=self.choice.name, cards=cards,
                lines=side,
                footnotes=self._footnotes(figures, [f.ind for f in chunk],
                                          [common] if common else []),
                notes=self._notes(narrative, figures), figures=tuple(figures)))
        return slides

    def _sentence(self, fact: _Fact) -> str:
        text = level_sentence(fact.ind, fact.obs, self._region(fact.obs.region))
        if fact.change is not None:
            text += "," + fact.change.phrase
        if fact.obs.note:
            text += f"({fact.obs.note})"
        return text + "。"

    def _fact_tables(self, facts: list[_Fact]) -> list[Slide]:
        slides = []
        columns = ("指标", "期间", "数值", "变化", "状态")
        texts = [[f.label, f.obs.period.label,
                  format_figure(f.obs.value or 0.0, f.ind.unit, f.obs.qualifier, f.ind.decimals),
                  f.change.phrase if f.change else "—", f.obs.status.value] for f in facts]
        pages = paginate_table(columns, texts, [False, False, True, False, False],
                               grid.CONTENT.w, grid.CONTENT.h, grid.MAX_TABLE_ROWS)
        for page in pages:
            chunk = [facts[k] for k in page]
            rows = []
            figures: list[Figure] = []
            for f in chunk:
                fig = level_figure(f.ind, f.obs, f.label)
                figures.append(fig)
                if f.change:
                    figures.append(f.change.figure)
                rows.append((TableCell(f.label), TableCell(f.obs.period.label),
                             TableCell(fig.text, fig, numeric=True),
                             TableCell(f.change.phrase if f.change else "—", numeric=False),
                             TableCell(f.obs.status.value)))
            table = Table(columns, tuple(rows))
            title = self._title([f.headline for f in chunk], fallback=f"{self.choice.name}主要指标",
                                subjects=[f.label for f in chunk])
            slides.append(Slide(kind=SlideKind.TABLE, title=title, section=self.choice.name,
                                table=table,
                                footnotes=self._footnotes(figures, [f.ind for f in chunk]),
                                notes=self._notes([self._sentence(f) for f in chunk], figures),
                                figures=tuple(figures)))
        return slides

    # --- charts ---------------------------------------------------------------------------
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
        cats, groups = self._axis_labels(points)
        figs = tuple(level_figure(ind, o) if o.value is not None else None for o in points)
        bars = Series(ind.label, tuple(o.value for o in points), ind.unit, ind.decimals,
                      tuple(o.status for o in points), figures=figs)
        series = [bars]
        # growth per point against the same period a year before (同比), or against the
        # previous period when the recipe asks for 较上期 (环比 for months and quarters)
        known = {o.period: o for o in points if o.value is not None}
        previous = self.choice.comparison is Comparison.PREVIOUS
        word = "同比"
        if previous:
            word = "比上年" if points[-1].period.kind is PeriodKind.YEAR else "环比"
        growth_changes: list[Change | None] = []
        for cur in points:
            base_period = cur.period.previous() if previous else \
                cur.period.same_period_last_year()
            base = known.get(base_period) if base_period is not None else None
            growth_changes.append(compare(ind, cur, base, word) if base is not None else None)
        growth = [c.figure.value if c else None for c in growth_changes]
        kind = ChartKind.LINE if len(points) > MAX_BARS else ChartKind.BAR
        if (kind is ChartKind.BAR and not ind.is_rate
                and self.choice.comparison is not Comparison.NONE
                and sum(g is not None for g in growth) >= 2):
            kind = ChartKind.BAR_LINE
            series.append(Series(f"{word}增长", tuple(growth), "%", 1,
                                 tuple(o.status for o in points), Axis.SECONDARY, as_line=True,
                                 figures=tuple(c.figure if c else None for c in growth_changes)))
        if sel.targets:
            by_period = {t.period: t for t in sel.targets}
            values = tuple(by_period[o.period].value if o.period in by_period else None
                           for o in points)
            if any(v is not None for v in values):
                series.insert(1, Series("目标", values, ind.unit, ind.decimals,
                                        tuple(Status.TARGET for _ in points)))
        last = points[-1]
        first = points[0]
        region = self._region(sel.main_region)
        lines = [level_sentence(ind, last, region) + "。"]
        changes: list[Change] = []
        yoy = growth_changes[-1]
        if yoy is not None:
            lines[0] = lines[0][:-1] + "," + yoy.phrase + "。"
            changes.append(yoy)
        long_run = cagr(ind, first, last)
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
        if last.note:
            lines.append(last.note + ("" if last.note.endswith("。") else "。"))
        headline = level_clause(ind, last)
        if long_run is not None:
            headline += "," + long_run.phrase
        elif yoy is not None:
            headline += "," + yoy.phrase
        unit = f"({ind.unit})" if ind.unit else ""
        drawn = {ChartKind.LINE: "折线图", ChartKind.BAR_LINE: "柱状图(折线为同比增速)"
                 }.get(kind, "柱状图")
        chart = Chart(kind, f"{ind.name}{unit}", cats, tuple(series),
                      alt_text=f"{ind.name}{first.period.label}至{last.period.label}{drawn}。"
                      + "".join(lines), groups=groups)
        figures = [f for f in figs if f is not None] + [c.figure for c in changes]
        figures += [c.figure for c in growth_changes if c is not None and c not in changes]
        return self._chart_slide(headline, chart, lines, figures, [ind])

    def _region_chart(self, sel: Selection) -> Slide:
        ind = sel.indicator
        ranked = sorted((o for o in sel.by_region if o.value is not None and not o.is_bound),
                        key=lambda o: o.value or 0.0, reverse=True)
        figs = tuple(level_figure(ind, o, f"{o.region}{ind.name}") for o in ranked)
        series = Series(ind.label, tuple(o.value for o in ranked), ind.unit, ind.decimals,
                        tuple(o.status for o in ranked), figures=figs)
        periods = sorted({o.period for o in ranked}, key=lambda p: p.sort_key)
        period = periods[-1].label if len(periods) == 1 else ""
        top = ranked[0]
        top_text = format_figure(top.value or 0.0, ind.unit, top.qualifier, ind.decimals)
        ranking = f"{period}{ind.label}{top.region}居首,{level_clause(ind, top, '')}"
        lines = [f"{period}{o.region}{level_clause(ind, o)}。" for o in ranked[:4]]
        figures = list(figs)
        candidates = [ranking]
        own = sel.series[-1] if sel.series else None
        if own is not None and own.value is not None:
            fact = self._fact(ind, own, sel, sel.series)
            lines.insert(0, self._sentence(fact))
            figures[:0] = [level_figure(ind, own), *([fact.change.figure] if fact.change
                                                     else [])]
            candidates = [f"{fact.headline},{top.region}以{top_text}居首", ranking]
        unit = f"({ind.unit})" if ind.unit else ""
        chart = Chart(ChartKind.HBAR, f"{period}各地区{ind.name}{unit}",
                      tuple(o.region for o in ranked), (series,),
                      alt_text=f"{ind.name}分地区排序条形图。" + "".join(lines))
        return self._chart_slide(candidates, chart, lines, figures, [ind])

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
        figs = [level_figure(i, o) for i, o in members]
        shares = [self._share(i, o, latest) for i, o in members]
        order = sorted(range(len(members)), key=lambda k: members[k][1].value or 0.0,
                       reverse=True)
        series = Series(ind.label, tuple(members[k][1].value for k in order), ind.unit,
                        ind.decimals, tuple(members[k][1].status for k in order),
                        figures=tuple(figs[k] for k in order))
        biggest = members[order[0]][0]
        headline = (f"{ind.label}构成中{biggest.label}占比最高,"
                    f"达{shares[order[0]].text}")
        lines = [level_sentence(ind, latest, self._region(total.main_region)) + "。"]
        lines += [f"{level_clause(members[k][0], members[k][1])},占{shares[k].text}。"
                  for k in order]
        chart = Chart(ChartKind.DOUGHNUT, f"{latest.period.label}{ind.name}构成",
                      tuple(members[k][0].label for k in order), (series,),
                      alt_text=f"{ind.name}构成环形图。" + "".join(lines))
        figures = [level_figure(ind, latest), *figs, *shares]
        return self._chart_slide(headline, chart, lines, figures,
                                 [ind, *(i for i, _ in members)], [ROUNDING_NOTE])

    @staticmethod
    def _share(ind: Indicator, part: Observation, total: Observation) -> Figure:
        assert part.value is not None and total.value is not None
        share = part.value / total.value * 100
        refs = tuple(r for r in (part.ref, total.ref) if r is not None)
        return Figure(label=f"{ind.name}占比", text=f"{format_rate(share)}%",
                      value=round(share, 1), unit="%", status=part.status,
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
            share = self._share(biggest_ind, biggest, own)
            figures.append(share)
            headline = f"{last.label}{ind.label}构成中{biggest_ind.label}占比最高,达{share.text}"
        else:
            headline = f"{last.label}{ind.label}构成中{biggest_ind.label}规模最大"
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
                                 [ind, *(p.indicator for p in parts)], [ROUNDING_NOTE])

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
            self.plan.warnings.append(f"「{title}」页的文字较多,已在页面上省略 "
                                      f"{len(lines) - len(kept)} 句(完整内容见备注)")
        return Slide(kind=SlideKind.CHART, title=title,
                     section=self.choice.name, chart=chart, lines=tuple(kept),
                     footnotes=self._footnotes(figures, inds, list(notes)),
                     notes=self._notes(lines, figures), figures=tuple(figures))

    # --- highlights -----------------------------------------------------------------------
    def _highlight_slides(self) -> list[Slide]:
        items = []
        regions = set(self.choice.regions or ())
        for h in self.dataset.highlights_of(self.choice.name):
            if regions and h.region and h.region not in regions:
                continue
            region = self._region(h.region) if h.region else ""
            prefix = "" if region in ("", "全市") else f"{region}:"
            items.append((prefix + h.text, h))
        if not items:
            return []
        slides = []
        chunks = paginate_bullets([text for text, _ in items], grid.BULLETS.w, grid.BULLETS.h,
                                  grid.BODY_MAX, grid.MAX_BULLETS)
        start = 0
        for n, chunk in enumerate(chunks, start=1):
            hs = [h for _, h in items[start:start + len(chunk)]]
            start += len(chunk)
            sources = [h.source for h in hs]
            suffix = f"({n}/{len(chunks)})" if len(chunks) > 1 else ""
            notes = [f"· {text} — {self.file} {h.ref}" for text, h in
                     zip(chunk, hs, strict=True)]
            title = f"{self.choice.title or self.choice.name}主要亮点{suffix}"
            if not fits_one_line(title, grid.TITLE.w, grid.TITLE_MIN):
                title = f"主要亮点{suffix}"
            slides.append(Slide(
                kind=SlideKind.HIGHLIGHTS, title=title, section=self.choice.name,
                lines=tuple(chunk),
                footnotes=footnotes([], with_sources=self.options.source_footnotes,
                                    extra_sources=sources),
                notes="\n".join(["要点出处:", *notes]) if self.options.speaker_notes else ""))
        return slides

    # --- shared -----------------------------------------------------------------------------
    @staticmethod
    def _title(candidates: list[str], fallback: str, subjects: Sequence[str] = ()) -> str:
        """The conclusion as title, in one line at ≥ 22 pt: two clauses if they fit, else one,
        else the fallback."""
        width = grid.TITLE.w
        joined = merge_clauses(candidates[:2], subjects[:2])
        for option in (joined, candidates[0] if candidates else "", fallback):
            if option and fits_one_line(option, width, grid.TITLE_MIN):
                return option
        first = candidates[0] if candidates else fallback
        clause = first.split(",")[0]
        return clause if fits_one_line(clause, width, grid.TITLE_MIN) else fallback

    def _footnotes(self, figures: Sequence[Figure], inds: Sequence[Indicator],
                   extra: Sequence[str] = ()) -> tuple[str, ...]:
        basis = []
        for ind in inds:
            if ind.basis:
                joint = "" if ind.basis.startswith(("按", "以", "含", "不含")) else "为"
                basis.append(f"{ind.name}{joint}{ind.basis}")
        return footnotes(figures, [*extra, *basis], with_sources=self.options.source_footnotes)

    def _notes(self, narrative: Sequence[str], figures: Sequence[Figure]) -> str:
        if not self.options.speaker_notes:
            return ""
        return speaker_notes(narrative, figures, self.file)


def merge_clauses(clauses: Sequence[str], subjects: Sequence[str] = ()) -> str:
    """Two conclusions in one title. When the second one's subject extends the first's (工业
    开票销售收入 / 工业开票销售收入年均增速) the repeated words are dropped:
    「工业开票销售收入预计达9000亿元左右,年均增速预计约9%」; otherwise both stay whole."""
    if len(clauses) < 2:
        return clauses[0] if clauses else ""
    a, b = clauses[0], clauses[1]
    if len(subjects) >= 2:
        first, second = subjects[0], subjects[1]
        if (len(first) >= 2 and second.startswith(first) and len(second) > len(first)
                and b.startswith(first)):
            b = b[len(first):]
    return f"{a},{b}"
