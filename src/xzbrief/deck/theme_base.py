"""What every slide planner of a theme shares: the choice, the options, how a figure is
phrased and compared, titles, footnotes and speaker notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from xzbrief.dataset.indicator_kinds import IndicatorKind
from xzbrief.dataset.model import Dataset, Indicator, Observation, Status
from xzbrief.dataset.periods import Period, PeriodKind
from xzbrief.dataset.series import best_per_period
from xzbrief.deck import grid
from xzbrief.deck.model import Card, Figure, Slide
from xzbrief.deck.narrative import (
    Change,
    benchmark,
    cagr,
    card_parts,
    change_word,
    compare,
    compound_cagr,
    growth_words,
    level_clause,
    level_figure,
    level_sentence,
    price_basis,
    region_label,
)
from xzbrief.deck.notes import footnotes, speaker_notes
from xzbrief.deck.selection import Selection, is_benchmark, one_per_period, region_of
from xzbrief.deck.textfit import fits_one_line
from xzbrief.messages import Note
from xzbrief.recipe import Comparison, Options, ThemeChoice


@dataclass
class ThemePlan:
    slides: list[Slide] = field(default_factory=list)
    headline: Card | None = None  # for the 总体情况 page
    headline_text: str = ""  # the lead figure's clause, naming its period
    headline_clause: str = ""  # the same clause without the period, for a short title
    warnings: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Fact:
    """A single figure for a card or a table row."""

    ind: Indicator
    obs: Observation
    label: str
    change: Change | None
    headline: str  # the clause a title can use


class ThemeBase:
    def __init__(self, dataset: Dataset, choice: ThemeChoice, options: Options) -> None:
        self.dataset = dataset
        self.choice = choice
        self.options = options
        self.file = dataset.info.file_name
        self.plan = ThemePlan()

    # --- facts and cards ------------------------------------------------------------------
    def _region(self, name: str) -> str:
        return region_label(region_of(self.dataset, name), name)

    def _word(self, kind: PeriodKind) -> str:
        """How a change against the recipe's base is named: 比上年 for years, 同比 for
        months, quarters and year-to-date; 较上期 as 环比 for months and quarters."""
        if self.choice.comparison is not Comparison.PREVIOUS or kind is PeriodKind.YEAR:
            return change_word(kind) or "同比"
        return "环比"

    def _change(self, ind: Indicator, obs: Observation,
                series: Sequence[Observation]) -> Change | None:
        """The comparison the recipe asks for, when the data allows it honestly: a level
        with its own published growth rate; a growth rate against the previous cumulative
        span (and 全省); any other figure against its base period."""
        mode = self.choice.comparison
        if mode is Comparison.NONE:
            return None
        paired = self._paired_growth(ind, obs)
        if paired is not None and ind.kind is IndicatorKind.COUNT:
            # 「比上年增加323家,增长8.5%」: the count's own change, then its published rate
            counted = self._base_change(ind, obs, series, mode)
            if counted is not None and counted.figure.unit == ind.unit:
                return self._joined(counted, Change(paired.phrase.replace(
                    change_word(obs.period.kind), "", 1), paired.figure))
        if paired is not None:
            return self._with_rate_changes(ind, obs, paired)
        if ind.kind is IndicatorKind.GROWTH:
            return self._with_benchmark(ind, obs, self._rate_change(ind, obs, series))
        change = self._base_change(ind, obs, series, mode)
        if ind.kind is IndicatorKind.SHARE:
            return self._with_benchmark(ind, obs, change)
        return change

    def _paired_growth(self, ind: Indicator, obs: Observation) -> Change | None:
        """「地区生产总值4100亿元,增长5.0%」: the level's own growth rate (增速指标, a 增速
        indicator under it, or one named after it), same region, same period."""
        rate_ind = self.dataset.indicator_by_code.get(ind.growth_code) if ind.growth_code \
            else None
        if rate_ind is None:
            return None
        rate = next((o for o in best_per_period(self.dataset.observations_of(
            rate_ind.code, [obs.region])) if o.period == obs.period and o.value is not None),
            None)
        if rate is None:
            return None
        phrase = growth_words(rate, rate_ind.decimals)
        figure = replace(level_figure(rate_ind, rate, f"{ind.name}增速"), text=phrase)
        return Change(phrase, figure)

    def _with_rate_changes(self, ind: Indicator, obs: Observation, paired: Change) -> Change:
        """「同比增长5.2%,增速比上半年提高0.2个百分点,快于全省0.1个百分点」: the level's own
        rate with the rate's comparisons, so that the rate needs no card of its own beside
        the level's (ThemePlanner leaves that card out)."""
        rate_ind = self.dataset.indicator_by_code.get(ind.growth_code)
        if rate_ind is None or self.choice.comparison is Comparison.NONE:
            return paired
        history = best_per_period(o for o in self.dataset.observations_of(
            rate_ind.code, [obs.region]) if o.status is not Status.TARGET)
        rate = next((o for o in history if o.period == obs.period and o.value is not None),
                    None)
        if rate is None:
            return paired
        more = self._with_benchmark(rate_ind, rate, self._rate_change(rate_ind, rate, history))
        if more is None:
            return paired
        phrase = more.phrase if more.phrase.startswith(("增速", "快于", "慢于", "与")) \
            else "增速" + more.phrase
        return self._joined(paired, Change(phrase, replace(more.figure, text=phrase)))

    def _rate_change(self, ind: Indicator, obs: Observation,
                     series: Sequence[Observation]) -> Change | None:
        """A growth rate against the previous span of its series: 比1—9月 (the cumulative
        span before it in the same year), 比一季度, 比上年 (an annual rate), 比3月."""
        same = [o for o in series if o.period.kind is obs.period.kind
                and o.period.sort_key < obs.period.sort_key and o.value is not None]
        match obs.period.kind:
            case PeriodKind.YTD:
                earlier = [o for o in same if o.period.year == obs.period.year]
                base = earlier[-1] if earlier else None
                prefix = f"比{base.period.span_label}" if base is not None else ""
            case PeriodKind.YEAR:  # after 「比上年增长7.5%」: 「增速比上年回落0.5个百分点」
                base = next((o for o in same if o.period.year == obs.period.year - 1), None)
                prefix = "增速比上年"
            case PeriodKind.MONTH | PeriodKind.QUARTER:
                # a single quarter against the single quarter before it (二季度 against 一季度,
                # the same three months as 1—3月); never against 上半年 or 前三季度
                before = obs.period.previous()
                base = next((o for o in series if before is not None and o.value is not None
                             and o.period.months == before.months
                             and o.period.kind in (obs.period.kind, PeriodKind.YTD)), None)
                prefix = f"比{base.period.span_label}" if base is not None else ""
                if base is not None and base.period.year != obs.period.year:
                    prefix = f"比{base.period.label}"
            case _:
                base, prefix = None, ""
        return compare(ind, obs, base, prefix) if base is not None else None

    def _with_benchmark(self, ind: Indicator, obs: Observation, change: Change | None
                        ) -> Change | None:
        """Add 「快于全省0.3个百分点」 when the workbook holds the province's figure for the
        same period."""
        if obs.region in {b.region for b in self._benchmarks(ind)}:
            return change
        bench = next((b for b in self._benchmarks(ind) if b.period == obs.period
                      and b.value is not None), None)
        if bench is None:
            return change
        versus = benchmark(ind, obs, bench, self._region(bench.region))
        if versus is None:
            return change
        if change is None:
            return versus
        return self._joined(change, versus)

    @staticmethod
    def _joined(change: Change, more: Change) -> Change:
        """Two comparisons of one figure in one clause (「比1—9月提高0.2个百分点,快于全省1.4个
        百分点」), their cells and methods both kept."""
        phrase = f"{change.phrase},{more.phrase}"
        figure = replace(change.figure, text=phrase,
                         derived_from=tuple(dict.fromkeys(change.figure.derived_from
                                                          + more.figure.derived_from)),
                         method=";".join(m for m in (change.figure.method,
                                                     more.figure.method) if m))
        return Change(phrase, figure, change.base)

    def _benchmarks(self, ind: Indicator) -> list[Observation]:
        return [o for o in self.dataset.observations_of(ind.code)
                if is_benchmark(self.dataset, o.region) and o.status is not Status.TARGET]

    def _base_change(self, ind: Indicator, obs: Observation, series: Sequence[Observation],
                     mode: Comparison) -> Change | None:
        earlier = [o for o in series if o.period.sort_key < obs.period.sort_key
                   and o.period.kind is obs.period.kind]
        if mode is Comparison.CAGR and earlier:
            return self._long_run(ind, earlier[0], obs)
        target: Period | None = (obs.period.same_period_last_year() if mode is Comparison.YOY
                                 else obs.period.previous())
        base = next((o for o in earlier if o.period == target), None)
        if base is not None:
            return compare(ind, obs, base, self._word(obs.period.kind))
        # an older base only (e.g. 2020 -> 2025): say which year; only the same part of an
        # earlier year (1—11月 against 1—10月 compares unlike spans)
        older = [o for o in earlier if o.period.index == obs.period.index]
        if older:
            return compare(ind, obs, older[-1])
        return None

    def _long_run(self, ind: Indicator, first: Observation, last: Observation
                  ) -> Change | None:
        """年均增长 over the years ``first`` to ``last``: from the level's own published
        growth rates, compounded (按可比价计算), when the workbook holds every year's; else
        from the two levels (saying 按现价计算 for a value published at comparable prices)."""
        rate_ind = self.dataset.indicator_by_code.get(ind.growth_code) \
            if ind.growth_code else None
        basis = price_basis(ind, rate_ind)
        if rate_ind is not None and ind.kind is IndicatorKind.LEVEL and not ind.is_rate:
            rates = self.dataset.observations_of(rate_ind.code, [last.region])
            published = compound_cagr(ind, first, last, rates, basis)
            if published is not None:
                return published
        return cagr(ind, first, last, nominal=basis == "可比价")

    def _fact(self, ind: Indicator, obs: Observation, series: Sequence[Observation]) -> Fact:
        region = self._region(obs.region)
        label = ind.name if region == "全市" else f"{obs.region}{ind.name}"
        change = self._change(ind, obs, series)
        headline = level_clause(ind, obs, label)
        if change is not None:
            headline += "," + change.phrase
        return Fact(ind, obs, label, change, headline)

    def _facts(self, sel: Selection) -> list[Fact]:
        """The main region's newest figure and the newest of each other kind of period
        (each names its period), then every other region's newest."""
        return self._single_facts(sel) + self._region_facts(sel)

    def _single_facts(self, sel: Selection, charted: bool = False) -> list[Fact]:
        """The main region's figures shown one by one; ``charted``: those the time chart
        does not already draw (this year's 1—10月 beside an annual chart)."""
        drawn = {o.period.months for o in sel.series if o.value is not None
                 and not o.is_bound} if charted else set()  # a 超300 figure gets its card
        return [self._fact(sel.indicator, o, sel.history) for o in sel.singles
                if o.period.months not in drawn]

    def _region_facts(self, sel: Selection) -> list[Fact]:
        out: list[Fact] = []
        for obs in sel.by_region:
            # the base of a region's change: its own actuals and estimates, one per period,
            # never a target (邳州市 2024 目标 200 is not what 2025 grew from)
            theirs = one_per_period([o for o in sel.all_obs if o.region == obs.region
                                     and o.status is not Status.TARGET])
            out.append(self._fact(sel.indicator, obs, theirs))
        return out

    def _card(self, fact: Fact, note: str | None = None, page_period: str | None = None
              ) -> Card:
        """The number big; under it the change and either the workbook's 备注 or, when there
        is none, the value the change was measured from (「2024年为204.2亿元」). A card whose
        period is not the page's common period (``page_period``) names its period."""
        before, number, after = card_parts(fact.ind, fact.obs)
        label = fact.label
        if page_period is not None and fact.obs.period.label != page_period:
            label = f"{fact.obs.period.label}{label}"
        text = fact.obs.remark if note is None else note
        base = None
        if (not text and fact.change is not None and fact.change.base is not None
                and "," not in fact.change.phrase):  # two comparisons fill the card
            text, base = fact.change.base_text, fact.change.base
        return Card(label=label, figure=level_figure(fact.ind, fact.obs, fact.label),
                    before=before, number=number, after=after,
                    change=fact.change.figure if fact.change else None, note=text, base=base)

    def _sentence(self, fact: Fact) -> str:
        text = level_sentence(fact.ind, fact.obs, self._region(fact.obs.region))
        if fact.change is not None:
            text += "," + fact.change.phrase
        if fact.obs.remark:
            text += f"({fact.obs.remark})"
        return text + "。"

    # --- shared -----------------------------------------------------------------------------
    @staticmethod
    def _title(candidates: list[str], fallback: str, subjects: Sequence[str] = (),
               periods: Sequence[str] = ()) -> str:
        """The conclusion as title, in one line at ≥ 22 pt: two conclusions if they fit, else
        the first, else its first clause (still a conclusion), else the fallback. Two
        conclusions of different ``periods`` each name their period (never one period's
        level joined to another period's rate without saying so)."""
        first = candidates[0] if candidates else ""
        merged = merge_clauses(candidates[:2], subjects[:2])
        if periods and first:  # the title names the period it speaks of
            head = periods[0]
            if len(periods) >= 2 and len(candidates) >= 2 and periods[0] != periods[1]:
                second = merged[len(first) + 1:]
                merged = f"{head}{first},{periods[1]}{second}"
            else:
                merged = head + merged
            first = head + first
        options = (merged, *clause_prefixes(first))
        return next((o for o in options if o and fits_one_line(o, grid.TITLE.w, grid.TITLE_MIN)),
                    fallback)

    def _footnotes(self, figures: Sequence[Figure], inds: Sequence[Indicator],
                   extra: Sequence[str] = ()) -> tuple[str, ...]:
        basis: list[str] = []
        paired = {f.label for f in figures}
        known = self.dataset.indicator_by_code
        # a level written with its own published rate brings the rate's 口径 (按可比价计算)
        inds = list(dict.fromkeys([*inds, *(known[i.growth_code] for i in inds
                                            if i.growth_code in known
                                            and f"{i.name}增速" in paired)]))
        for ind in inds:
            if ind.basis:
                joint = "" if ind.basis.startswith(("按", "以", "含", "不含")) else "为"
                basis.append(f"{ind.name}{joint}{ind.basis}")
        return footnotes(figures, [*extra, *basis], with_sources=self.options.source_footnotes)

    def _notes(self, narrative: Sequence[str], figures: Sequence[Figure]) -> str:
        if not self.options.speaker_notes:
            return ""
        return speaker_notes(narrative, figures, self.file)


def clause_prefixes(text: str) -> list[str]:
    """A conclusion and its shorter forms, dropping trailing clauses one by one (a title keeps
    「达9537亿元,比上年增长5.9%」 when 「…,增速比上年提高0.1个百分点」 does not fit)."""
    clauses = text.split(",")
    return [",".join(clauses[:k]) for k in range(len(clauses), 0, -1)]


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


def page_period(periods: Sequence[str]) -> str:
    """The period most figures on a page share (the first such on a tie); the others name
    their own. Empty when no two share one."""
    counts: dict[str, int] = {}
    for p in periods:
        counts[p] = counts.get(p, 0) + 1
    if not counts or (len(periods) > 1 and max(counts.values()) == 1):
        return ""  # no period shared: every figure names its own
    return max(counts, key=lambda p: counts[p])
