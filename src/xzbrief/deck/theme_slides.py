"""One theme's slides: charts for series, ranked bars for regions, doughnuts for parts of a
total, key-figure cards for single facts, a table when there are too many, then highlights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from xzbrief.dataset.model import Dataset, Indicator, Observation, Status
from xzbrief.dataset.periods import Period
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
from xzbrief.deck.textfit import fit_text, fits_one_line, wrap
from xzbrief.deck.wording import format_number, format_rate
from xzbrief.recipe import Comparison, Options, ThemeChoice

MAX_TABLE_FACTS = 12  # more single facts than this read better as a table


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
        chosen = {s.indicator.code for s in selections}
        parts: dict[str, list[Selection]] = {}
        facts: list[_Fact] = []
        charts: list[Slide] = []
        for sel in selections:
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
            if not made_chart:
                facts.extend(self._facts(sel))
            elif self.plan.headline is None and sel.series:
                fact = self._fact(sel.indicator, sel.series[-1], sel, sel.series)
                self._set_headline(fact)
        totals = {s.indicator.code: s for s in selections}
        for parent, members in parts.items():
            slide = self._parts_chart(totals[parent], members)
            if slide is not None:
                charts.append(slide)
            else:
                for m in members:
                    facts.extend(self._facts(m))
        if facts:
            self._set_headline(facts[0])
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
        before, number, after = card_parts(fact.ind, fact.obs)
        return Card(label=fact.label, figure=level_figure(fact.ind, fact.obs, fact.label),
                    before=before, number=number, after=after,
                    change=fact.change.figure if fact.change else None,
                    note=fact.obs.note if note is None else note)

    def _card_slides(self, facts: list[_Fact]) -> list[Slide]:
        slides: list[Slide] = []
        n = len(facts)
        pages = -(-n // grid.MAX_CARDS)
        per_page = -(-n // pages)
        for start in range(0, n, per_page):
            chunk = facts[start:start + per_page]
            notes, common = split_common_notes([f.obs.note for f in chunk])
            cards = tuple(self._card(f, note) for f, note in zip(chunk, notes, strict=True))
            figures = [c.figure for c in cards] + [c.change for c in cards if c.change]
            narrative = [self._sentence(f) for f in chunk]
            title = self._title([f.headline for f in chunk], fallback=self.choice.name)
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
        for start in range(0, len(facts), grid.MAX_TABLE_ROWS):
            chunk = facts[start:start + grid.MAX_TABLE_ROWS]
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
            table = Table(("指标", "期间", "数值", "变化", "状态"), tuple(rows))
            title = self._title([f.headline for f in chunk], fallback=f"{self.choice.name}主要指标")
            slides.append(Slide(kind=SlideKind.TABLE, title=title, section=self.choice.name,
                                table=table,
                                footnotes=self._footnotes(figures, [f.ind for f in chunk]),
                                notes=self._notes([self._sentence(f) for f in chunk], figures),
                                figures=tuple(figures)))
        return slides

    # --- charts ---------------------------------------------------------------------------
    def _category(self, obs: Observation) -> str:
        label = obs.period.short_label
        return f"{label}(预计)" if obs.status is Status.ESTIMATE else label

    def _time_chart(self, sel: Selection) -> Slide:
        ind = sel.indicator
        points = [o for o in sel.series if not o.is_bound]
        cats = tuple(self._category(o) for o in points)
        figs = tuple(level_figure(ind, o) if o.value is not None else None for o in points)
        bars = Series(ind.label, tuple(o.value for o in points), ind.unit, ind.decimals,
                      tuple(o.status for o in points), figures=figs)
        series = [bars]
        growth_changes: list[Change | None] = [None]
        for prev, cur in pairwise(points):
            consecutive = cur.period.previous() == prev.period
            growth_changes.append(compare(ind, cur, prev, "同比") if consecutive else None)
        growth = [c.figure.value if c else None for c in growth_changes]
        kind = ChartKind.BAR
        if (not ind.is_rate and self.choice.comparison is not Comparison.NONE
                and sum(g is not None for g in growth) >= 2):
            kind = ChartKind.BAR_LINE
            series.append(Series("同比增长", tuple(growth), "%", 1,
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
        chart = Chart(kind, f"{ind.name}{unit}", cats, tuple(series),
                      alt_text=f"{ind.name}{first.period.label}至{last.period.label}柱状图。"
                      + "".join(lines))
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
        headline = f"{period}{ind.label}{top.region}居首,{level_clause(ind, top, '')}"
        lines = [f"{period}{o.region}{level_clause(ind, o)}。" for o in ranked[:4]]
        unit = f"({ind.unit})" if ind.unit else ""
        chart = Chart(ChartKind.HBAR, f"{period}各地区{ind.name}{unit}",
                      tuple(o.region for o in ranked), (series,),
                      alt_text=f"{ind.name}分地区排序条形图。" + "".join(lines))
        return self._chart_slide(headline, chart, lines, list(figs), [ind])

    def _parts_chart(self, total: Selection, parts: list[Selection]) -> Slide | None:
        """Parts of a total at the latest period they all share: a doughnut (≤ 6 parts)."""
        latest = total.series[-1] if total.series else None
        if latest is None or latest.value is None or not 2 <= len(parts) <= 6:
            return None
        members: list[tuple[Indicator, Observation]] = []
        for p in parts:
            match = next((o for o in p.series if o.period == latest.period
                          and o.value is not None and not o.is_bound), None)
            if match is None:
                return None
            members.append((p.indicator, match))
        ind = total.indicator
        assert latest.value is not None
        figs = [level_figure(i, o) for i, o in members]
        shares: list[Figure] = []
        for i, o in members:
            assert o.value is not None
            share = o.value / latest.value * 100
            refs = tuple(r for r in (o.ref, latest.ref) if r is not None)
            shares.append(Figure(label=f"{i.name}占比", text=f"{format_rate(share)}%",
                                 value=round(share, 1), unit="%", status=o.status,
                                 period=o.period.label, region=o.region, source=o.source,
                                 derived_from=refs, method=f"{format_number(o.value)} ÷ "
                                 f"{format_number(latest.value)} × 100%"))
        order = sorted(range(len(members)), key=lambda k: members[k][1].value or 0.0,
                       reverse=True)
        series = Series(ind.label, tuple(members[k][1].value for k in order), ind.unit,
                        ind.decimals, tuple(members[k][1].status for k in order),
                        figures=tuple(figs[k] for k in order))
        biggest = members[order[0]][0]
        headline = (f"{ind.label}构成中{biggest.label}占比最高,"
                    f"达{shares[order[0]].text}")
        lines = [level_sentence(ind, latest, self._region(total.main_region)) + "。"]
        lines += [f"{members[k][0].name}{figs[k].text},占{shares[k].text}。" for k in order]
        chart = Chart(ChartKind.DOUGHNUT, f"{latest.period.label}{ind.name}构成",
                      tuple(members[k][0].label for k in order), (series,),
                      alt_text=f"{ind.name}构成环形图。" + "".join(lines))
        figures = [level_figure(ind, latest), *figs, *shares]
        return self._chart_slide(headline, chart, lines, figures,
                                 [ind, *(i for i, _ in members)], [ROUNDING_NOTE])

    def _chart_slide(self, headline: str, chart: Chart, lines: list[str],
                     figures: list[Figure], inds: list[Indicator],
                     notes: Sequence[str] = ()) -> Slide:
        box_w = grid.CONTENT.w * (1 - grid.CHART_SHARE) - 24
        kept = self._fit_lines(lines, box_w, grid.CONTENT.h - 20)
        if len(kept) < len(lines):
            self.plan.warnings.append(f"「{headline}」页的文字较多,已在页面上省略 "
                                      f"{len(lines) - len(kept)} 句(完整内容见备注)")
        return Slide(kind=SlideKind.CHART, title=self._title([headline], chart.title),
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
        chunks = self._paginate([text for text, _ in items], grid.CONTENT.w - 40,
                                grid.CONTENT.h - 10)
        start = 0
        for n, chunk in enumerate(chunks, start=1):
            hs = [h for _, h in items[start:start + len(chunk)]]
            start += len(chunk)
            sources = [h.source for h in hs]
            suffix = f"({n}/{len(chunks)})" if len(chunks) > 1 else ""
            notes = [f"· {text} — {self.file} {h.ref}" for text, h in
                     zip(chunk, hs, strict=True)]
            slides.append(Slide(
                kind=SlideKind.HIGHLIGHTS, title=f"{self.choice.title or self.choice.name}"
                f"主要亮点{suffix}", section=self.choice.name, lines=tuple(chunk),
                footnotes=footnotes([], with_sources=self.options.source_footnotes,
                                    extra_sources=sources),
                notes="\n".join(["要点出处:", *notes]) if self.options.speaker_notes else ""))
        return slides

    @staticmethod
    def _paginate(lines: list[str], width: float, height: float) -> list[list[str]]:
        pages: list[list[str]] = [[]]
        used = 0.0
        for line in lines:
            h = len(wrap(line, grid.BODY_MAX, width)) * grid.BODY_MAX * 1.3 + 8
            if pages[-1] and (used + h > height or len(pages[-1]) >= grid.MAX_BULLETS):
                pages.append([])
                used = 0.0
            pages[-1].append(line)
            used += h
        return pages

    @staticmethod
    def _fit_lines(lines: list[str], width: float, height: float) -> list[str]:
        kept: list[str] = []
        for n in range(len(lines), 0, -1):
            text = "\n".join(lines[:n])
            fit = fit_text(text, width, height - 6 * n, grid.BODY_MAX, grid.BODY_MIN,
                           spacing=1.3)
            if fit.fits:
                kept = lines[:n]
                break
        return kept or lines[:1]

    # --- shared -----------------------------------------------------------------------------
    @staticmethod
    def _title(candidates: list[str], fallback: str) -> str:
        """The conclusion as title, in one line at ≥ 22 pt: two clauses if they fit, else one,
        else the fallback."""
        width = grid.TITLE.w
        joined = _merge_clauses(candidates[:2])
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


def _merge_clauses(clauses: list[str]) -> str:
    """Two conclusions in one title, without repeating their shared subject:
    「工业开票销售收入预计达9000亿元左右,年均增速预计约9%」."""
    if len(clauses) < 2:
        return clauses[0] if clauses else ""
    a, b = clauses[0], clauses[1]
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    if common >= 4:
        b = b[common:]
    return f"{a},{b}"
