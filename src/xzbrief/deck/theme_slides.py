"""One theme's slides: charts for series, ranked bars for regions, doughnuts for parts of a
total, key-figure cards for single facts, a table when there are too many, then highlights.

Each kind is planned in its own module (fact_slides, chart_slides, highlight_slides); this one
decides which kind each indicator gets."""

from __future__ import annotations

from xzbrief.dataset.indicator_kinds import IndicatorKind
from xzbrief.deck.chart_slides import ChartSlides
from xzbrief.deck.fact_slides import FactSlides
from xzbrief.deck.highlight_slides import HighlightSlides
from xzbrief.deck.model import Slide
from xzbrief.deck.page_economy import join_thin_pages, shown_on
from xzbrief.deck.selection import Selection, select, selected_indicators
from xzbrief.deck.theme_base import Fact, ThemePlan
from xzbrief.messages import note

__all__ = ["IndicatorFacts", "ThemePlan", "ThemePlanner"]

MAX_TABLE_FACTS = 12  # more single facts than this read better as a table
MIN_CHART_POINTS = 2  # two periods of one kind (2024 -> 2025预计) already make a comparison

IndicatorFacts = tuple[Selection, tuple[Fact, ...]]


MAX_PAIR_CHARTS = 2  # two-column charts per theme; more pairs read better as cards


def _chartable(sel: Selection) -> bool:
    """Three periods or more; or two adjacent ones (2024 -> 2025预计), which a pair of columns
    compares at a glance. Two far apart (2020 -> 2025) stay a card with its change."""
    points = [o for o in sel.series if o.value is not None and not o.is_bound]
    if len(points) >= 3:
        return True
    return _pair(sel)


def _pair(sel: Selection) -> bool:
    """Only amounts (总量): a rate, share, index or rank over two periods reads better as a
    card with its change in 个百分点 or 位 than as two columns."""
    if sel.indicator.kind is not IndicatorKind.LEVEL or sel.indicator.is_rate:
        return False
    points = [o for o in sel.series if o.value is not None and not o.is_bound]
    if len(points) != MIN_CHART_POINTS:
        return False
    first, last = points[-2].period, points[-1].period
    return first in (last.previous(), last.same_period_last_year())


def _drawn_as_growth_line(rate: Selection, level: Selection) -> bool:
    """The level's time chart draws every period of the rate's series as its growth line
    (2019—2024 GDP with its published 增速): a chart of the rate alone would repeat it."""
    if not _chartable(level) or _pair(level):
        return False
    drawn = {o.period for o in level.series if o.value is not None and not o.is_bound}
    own = {o.period for o in rate.series if o.value is not None}
    return bool(own) and own <= drawn


class ThemePlanner(FactSlides, ChartSlides, HighlightSlides):
    indicator_facts: list[IndicatorFacts]  # every chosen indicator's latest figures, in
    # order, for the 综述 and the 主要指标完成情况表

    # --- entry ----------------------------------------------------------------------------
    def build(self) -> ThemePlan:
        indicators = selected_indicators(self.dataset, self.choice)
        missing = set(self.choice.indicators or ()) - {i.code for i in indicators}
        for code in sorted(missing):
            self.plan.warnings.append(note("plan-indicator-missing", theme=self.choice.name,
                                           code=code))
        selections: list[Selection] = []
        for ind in indicators:
            sel = select(self.dataset, self.choice, ind)
            if sel is None:
                self.plan.warnings.append(note("plan-indicator-no-data", theme=self.choice.name,
                                               name=ind.name))
                continue
            selections.append(sel)
        self.indicator_facts = [(sel, tuple(self._facts(sel))) for sel in selections]
        order = [s.indicator.code for s in selections]
        chosen = set(order)
        with_parts = {s.indicator.parent for s in selections if s.indicator.parent in chosen}
        totals = {s.indicator.code: s for s in selections}
        parts: dict[str, list[Selection]] = {}
        facts_of: dict[str, list[Fact]] = {}  # single facts per indicator
        leads: dict[str, Fact] = {}  # the headline figure of a charted indicator
        pending: set[str] = set()  # totals shown by their parts chart if one is made
        charts: list[Slide] = []
        charted: dict[str, list[Slide]] = {}  # an indicator's own charts (time, ranking)
        pairs = 0  # two-column charts made so far (a theme of ten such pairs keeps cards)
        # a level's own published rate (增速指标) in the same theme: written with the level
        # (「同比增长5.2%,增速比上半年提高0.2个百分点」) and drawn as its growth line, so the
        # rate needs no card or chart of its own that only repeats them
        rate_of = {s.indicator.growth_code: s for s in selections
                   if s.indicator.growth_code in chosen
                   and s.indicator.growth_code != s.indicator.code
                   and s.indicator.kind is IndicatorKind.LEVEL and not s.indicator.is_rate}
        for sel in selections:
            code = sel.indicator.code
            if sel.indicator.parent in chosen:
                parts.setdefault(sel.indicator.parent, []).append(sel)
                continue
            made_chart = False
            pair = _pair(sel)
            if code in rate_of and _drawn_as_growth_line(sel, rate_of[code]):
                pass  # its figures are the level chart's growth line
            elif _chartable(sel) and (not pair or pairs < MAX_PAIR_CHARTS):
                pairs += pair
                charts.append(self._time_chart(sel))
                charted.setdefault(code, []).append(charts[-1])
                made_chart = True
            ranking = self._region_chart(sel) if len(sel.by_region) >= 3 else None
            if ranking is not None:
                charts.append(ranking)
                charted.setdefault(code, []).append(ranking)
                made_chart = True
            if made_chart:
                if sel.latest is not None:  # the newest figure leads, of whatever kind
                    leads[code] = self._fact(sel.indicator, sel.latest, sel.history)
                # figures of other kinds than the chart's: cards naming their periods
                facts_of[code] = self._single_facts(sel, charted=True)
                if ranking is None and sel.by_region:  # too few to rank: cards, not nothing
                    facts_of[code] += self._region_facts(sel)
            elif code in with_parts:
                pending.add(code)
            else:
                facts_of[code] = self._facts(sel)
        for parent, members in parts.items():
            total = totals[parent]
            slide = self._parts_chart(total, members)
            if slide is not None:
                charts.append(slide)
                last = total.latest
                if parent in pending and last is not None and last.value is not None:
                    leads[parent] = self._fact(total.indicator, last, total.history)
                continue
            if parent in pending:
                facts_of[parent] = self._facts(total)
            for m in members:
                facts_of[m.indicator.code] = self._facts(m)
        for rate_code, level in rate_of.items():  # the rate's card beside the level's
            with_level = {(f.obs.region, f.obs.period) for f in facts_of.get(
                level.indicator.code, []) if f.change is not None}
            facts_of[rate_code] = [f for f in facts_of.get(rate_code, [])
                                   if (f.obs.region, f.obs.period) not in with_level]
        facts = [f for code in order for f in facts_of.get(code, [])]
        # the theme's first indicator speaks for it on 总体情况: the recipe's order when it
        # lists indicators, else a 重点 indicator before the others (the workbook's order)
        lead_order = order if self.choice.indicators is not None else sorted(
            order, key=lambda c: not totals[c].indicator.key)
        for code in lead_order:
            lead = leads.get(code) or next(iter(facts_of.get(code, [])), None)
            if lead is not None:
                self._set_headline(lead)
                break
        body: list[Slide] = []
        # newest first: when the figure that would head the cards' title (a 4月当月 card) is
        # older than its own indicator's newest figure, which leads that indicator's chart
        # (1—10月), the chart comes first and the theme opens with the newer figure
        first = facts[0] if facts else None
        newer = leads.get(first.ind.code) if first is not None else None
        ahead = charted.get(first.ind.code, []) if (
            first is not None and newer is not None and newer.obs.region == first.obs.region
            and newer.obs.period.sort_key > first.obs.period.sort_key) else []
        body.extend(ahead)
        if facts:
            if len(facts) > MAX_TABLE_FACTS:
                body.extend(self._fact_tables(facts))
            else:
                body.extend(self._card_slides(facts))
        body.extend(c for c in charts if not any(c is a for a in ahead))
        if self.options.highlights:
            # a highlight that only repeats a card or a chart of this theme is left out
            body.extend(self._highlight_slides(already=shown_on(body)))
        self.plan.slides.extend(join_thin_pages(body))
        return self.plan

    def _set_headline(self, fact: Fact) -> None:
        if self.plan.headline is None:
            self.plan.headline = self._card(fact)
            self.plan.headline_text = fact.obs.period.label + fact.headline
            self.plan.headline_clause = fact.headline
