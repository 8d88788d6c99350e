"""综述 (总体情况): three to five judgments in the 公文 register, each backed by figures the deck
shows — how many comparable indicators grew and which led, which fell, targets met, then each
theme's headline figures. A judgment the numbers do not support is never written: no 稳步 or
显著 without a comparison, no count of risers when fewer than two indicators can be compared.
The recipe may give its own lines (``summary = [...]``), which replace the generated ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xzbrief.dataset.indicator_kinds import IndicatorKind
from xzbrief.dataset.model import Status
from xzbrief.dataset.periods import PeriodKind
from xzbrief.deck import grid
from xzbrief.deck.model import Figure, Slide, SlideKind
from xzbrief.deck.narrative import completion, level_figure
from xzbrief.deck.notes import footnotes
from xzbrief.deck.textfit import paginate_bullets, text_width
from xzbrief.deck.theme_base import Fact, merge_clauses
from xzbrief.deck.theme_slides import IndicatorFacts

MAX_JUDGMENTS = 5
THEME_LINE_EM = 44.0  # a theme's line takes its second figure only while it stays this short
SUMMARY_TITLE = "综述"


@dataclass(frozen=True)
class Judgment:
    text: str
    figures: tuple[Figure, ...]


def _lead_facts(rows: Sequence[IndicatorFacts]) -> list[Fact]:
    """Each indicator's figure for the region the briefing speaks for."""
    out = []
    for sel, facts in rows:
        own = next((f for f in facts if f.obs.region == sel.main_region), None)
        if own is not None:
            out.append(own)
    return out


def _year_on_year(fact: Fact) -> bool:
    """The fact's change is a growth in % against the same period a year before (not 年均,
    not 较2020年): computed from the two levels, or the level's own published rate."""
    change = fact.change
    if change is None or change.figure.value is None or change.figure.unit != "%":
        return False
    if change.base is None:  # the level's own 增速指标, same period
        return change.figure.period == fact.obs.period.label
    before = fact.obs.period.same_period_last_year()
    return before is not None and change.base.period == before.label


def _growth(fact: Fact) -> str:
    """The growth alone (「同比增长5.2%」), without the rate's own comparisons that follow it
    on the level's card (「,增速比上半年提高0.2个百分点」): 增幅最大 speaks of the growth."""
    assert fact.change is not None
    return fact.change.phrase.split(",")[0]


def _figures(fact: Fact) -> list[Figure]:
    out = [level_figure(fact.ind, fact.obs, fact.label)]
    if fact.change is not None:
        out.append(fact.change.figure)
        if fact.change.base is not None:
            out.append(fact.change.base)
    return out


def _expect(fact: Fact) -> str:
    return "预计" if fact.obs.status is Status.ESTIMATE else ""


def growth_judgment(facts: Sequence[Fact]) -> Judgment | None:
    """「有上年同期可比数据的5项总量指标中,4项增长、1项下降……」: only with two or more.
    Only 总量 growing in %: a growth rate 0.5 个百分点 lower has not 下降, and a count (增加323
    家), an index (提高1.9) or a rank (前移1位) is neither a 总量 nor an 增幅 to rank."""
    comparable = [f for f in facts if _year_on_year(f) and not f.ind.is_rate
                  and f.ind.kind is IndicatorKind.LEVEL]
    if len(comparable) < 2:
        return None

    def value(f: Fact) -> float:
        assert f.change is not None and f.change.figure.value is not None
        return f.change.figure.value

    up = [f for f in comparable if value(f) > 0]
    down = [f for f in comparable if value(f) < 0]
    flat = len(comparable) - len(up) - len(down)
    counts = [f"{len(up)}项增长" if up else "", f"{len(down)}项下降" if down else "",
              f"{flat}项持平" if flat else ""]
    if len(up) == len(comparable) or len(down) == len(comparable):
        text = (f"有上年同期可比数据的{len(comparable)}项总量指标"
                + ("全部增长" if up else "全部下降"))
    else:
        text = (f"有上年同期可比数据的{len(comparable)}项总量指标中,"
                + "、".join(c for c in counts if c))
    used: list[Fact] = []
    if len(up) >= 2:
        lead = max(up, key=value)
        assert lead.change is not None
        text += f",其中{lead.label}{_expect(lead)}{_growth(lead)},增幅最大"
        used.append(lead)
    if down:
        worst = sorted(down, key=value)[:2]
        text += ";" + "、".join(f"{f.label}{_expect(f)}{_growth(f)}" for f in worst)
        used += worst
    figures = [f.change.figure for f in comparable if f.change is not None]
    figures += [g for f in used for g in _figures(f)[:1]]
    return Judgment(text + "。", tuple(figures))


def target_judgment(rows: Sequence[IndicatorFacts]) -> Judgment | None:
    """「有年度目标的3项指标中,2项已完成目标;……完成目标的94.7%」."""
    done: list[tuple[Fact, Figure]] = []
    for sel, facts in rows:
        for fact in facts:
            target = next((t for t in sel.all_obs if t.status is Status.TARGET
                           and t.region == fact.obs.region and t.period == fact.obs.period
                           and t.value is not None), None)
            change = completion(fact.ind, fact.obs, target) if target is not None else None
            if change is not None and change.figure.value is not None:
                done.append((fact, change.figure))
    if not done:
        return None
    # 年度目标 only when every target is a year's; a month's or a quarter's is just 目标
    word = "年度目标" if all(f.obs.period.kind is PeriodKind.YEAR for f, _ in done) else "目标"
    met = [(f, g) for f, g in done if (g.value or 0.0) >= 100.0]
    short = [(f, g) for f, g in done if (g.value or 0.0) < 100.0]
    expect = "预计" if all(f.obs.status is Status.ESTIMATE for f, _ in done) else ""
    if len(done) == 1:
        fact, fig = done[0]
        text = f"{fact.label}{_expect(fact)}完成{word}的{fig.text}"
    else:
        if not met or not short:
            text = f"有{word}的{len(done)}项指标{expect}均{'完成' if met else '未完成'}目标"
        else:
            text = f"有{word}的{len(done)}项指标中,{len(met)}项{expect}完成目标"
        if short:
            fact, fig = min(short, key=lambda p: p[1].value or 0.0)
            text += f",{fact.label}{_expect(fact)}完成目标的{fig.text}"
    figures = [g for _, g in done] + [level_figure(f.ind, f.obs, f.label) for f, _ in done]
    return Judgment(text + "。", tuple(figures))


def theme_judgment(name: str, rows: Sequence[IndicatorFacts]) -> Judgment | None:
    """「产业升级与集群培育方面,2025年工业开票销售收入预计达9000亿元左右。」: each figure
    with its period."""
    # in the order the theme's pages show them: a theme of districts speaks of its districts,
    # a theme of the city of the city's own figures
    facts: list[Fact] = []
    for sel, fs in rows:
        own = next((f for f in fs if f.obs.region == sel.main_region), None)
        city = own is not None and own.label == own.ind.name  # 全市: named without region
        facts += [own] if city and own is not None else list(fs)
    if not facts:
        return None
    first = facts[0]
    # every figure carries its period (a theme may hold 2024年 levels beside 2025年1—10月
    # rates); two figures of one period share it
    period = first.obs.period.label
    clause = period + first.headline
    used = [first]
    if len(facts) > 1:
        second = facts[1]
        if second.obs.period.label == period:
            both = period + merge_clauses([first.headline, second.headline],
                                          [first.label, second.label])
        else:
            both = f"{clause},{second.obs.period.label}{second.headline}"
        if text_width(both, 1.0) <= THEME_LINE_EM:
            clause = both
            used.append(facts[1])
    return Judgment(f"{name}方面,{clause}。", tuple(g for f in used for g in _figures(f)))


def judgments(themes: Sequence[tuple[str, Sequence[IndicatorFacts]]]) -> list[Judgment]:
    """At most five: what holds across themes first, then each theme's headline."""
    rows = [r for _, rs in themes for r in rs]
    across = [j for j in (growth_judgment(_lead_facts(rows)), target_judgment(rows))
              if j is not None]
    per_theme = [j for j in (theme_judgment(name, rs) for name, rs in themes) if j is not None]
    return (across + per_theme)[:MAX_JUDGMENTS]


def _notes(items: Sequence[Judgment], file_name: str) -> str:
    lines = ["综述各句及其依据:"]
    for n, j in enumerate(items, start=1):
        lines.append(f"{n}. {j.text}")
        for f in j.figures:
            where = f"{file_name} {f.where}".strip() if f.ref else f.where
            status = f"({f.status.value})" if f.status is not Status.ACTUAL else ""
            lines.append(f"   · {f.label} {f.period}{f.text}{status} — {where}")
    return "\n".join(lines)


def summary_slides(themes: Sequence[tuple[str, Sequence[IndicatorFacts]]], file_name: str,
                   own_lines: Sequence[str] = (), *, section: str = "总体情况",
                   with_sources: bool = True, with_notes: bool = True) -> list[Slide]:
    """The 综述 page (continued as 「综述(续)」 only if the lines do not fit one page)."""
    if own_lines:
        items = [Judgment(line, ()) for line in own_lines]
        notes = "综述由汇报配方给出(配方中的 summary)。" if with_notes else ""
    else:
        items = judgments(themes)
        notes = _notes(items, file_name) if with_notes else ""
    if not items:
        return []
    texts = [j.text for j in items]
    pages = paginate_bullets(texts, grid.BULLETS.w, grid.BULLETS.h, grid.BODY_MIN,
                             MAX_JUDGMENTS * 2)
    out = []
    start = 0
    for n, page in enumerate(pages, start=1):
        chunk = items[start:start + len(page)]
        start += len(page)
        figures = [f for j in chunk for f in j.figures]
        out.append(Slide(kind=SlideKind.TEXT, title=SUMMARY_TITLE if n == 1
                         else f"{SUMMARY_TITLE}(续)", section=section, lines=tuple(page),
                         footnotes=footnotes(figures, with_sources=with_sources),
                         notes=notes if n == 1 else "", figures=tuple(figures)))
    return out
