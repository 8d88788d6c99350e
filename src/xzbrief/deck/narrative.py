"""Chinese sentences about figures, from the data alone.

Rules (each tested in tests/test_narrative.py with the seed article's own sentences):
- a level: 「2025年全市工业开票销售收入预计达9000亿元左右」; the source's approximation word kept;
- growth of a value: 同比增长 / 下降 X%, 与上年持平; 翻番 or 增长X倍 once it has doubled;
- change of a rate or share: 提高 / 下降 X 个百分点 (个千分点 for ‰), never 增长 X%;
- 年均增长 X% (CAGR) over a span of years;
- thresholds crossed: 「连跨7000亿元、8000亿元两个千亿级台阶」;
- no change is claimed when its base is missing, bounded (超/以上/余) or not positive.
Derived numbers are Figures that say how they were computed and from which cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from xzbrief.dataset.model import Indicator, Observation, Region, Status
from xzbrief.dataset.periods import PeriodKind
from xzbrief.deck.model import Figure
from xzbrief.deck.wording import (
    chinese_count,
    exact,
    format_figure,
    format_number,
    format_rate,
    growth_phrase,
    multiple_phrase,
    points_phrase,
    points_word,
    rounded,
    split_figure,
)

# Qualifiers that are verbs in their own right: 「自主可控率突破90%」, 「总投资超300亿元」.
VERB_QUALIFIERS = ("约", "超", "超过", "突破", "近", "不足", "逾")
APPROXIMATE = ("约", "左右", "近")  # the value itself is rounded by the source
THRESHOLD_NAMES = {10: "十亿级", 100: "百亿级", 1000: "千亿级", 10000: "万亿级"}


def region_label(region: Region | None, name: str) -> str:
    """The city itself reads 「全市」 in its own briefing — only when the 地区 sheet says it is
    the city (type 市, no parent); any other region, or one we know nothing about, by name."""
    if region is not None and not region.parent and region.kind == "市":
        return "全市"
    return name


def level_figure(ind: Indicator, obs: Observation, label: str = "") -> Figure:
    assert obs.value is not None
    return Figure(label=label or ind.name,
                  text=format_figure(obs.value, ind.unit, obs.qualifier, ind.decimals),
                  value=obs.value, unit=ind.unit, status=obs.status, period=obs.period.label,
                  region=obs.region, source=obs.source, ref=obs.ref)


def card_parts(ind: Indicator, obs: Observation) -> tuple[str, str, str]:
    assert obs.value is not None
    return split_figure(obs.value, ind.unit, obs.qualifier, ind.decimals)


def level_clause(ind: Indicator, obs: Observation, name: str | None = None) -> str:
    """「工业开票销售收入预计达9000亿元左右」: the name, the verb by status, the figure."""
    assert obs.value is not None
    figure = format_figure(obs.value, ind.unit, obs.qualifier, ind.decimals)
    subject = ind.name if name is None else name
    if obs.qualifier in VERB_QUALIFIERS:
        verb = {Status.ACTUAL: "", Status.ESTIMATE: "预计", Status.TARGET: "目标"}[obs.status]
    else:
        verb = {Status.ACTUAL: "达", Status.ESTIMATE: "预计达", Status.TARGET: "目标为"}[obs.status]
    return f"{subject}{verb}{figure}"


def level_sentence(ind: Indicator, obs: Observation, region: str) -> str:
    """「2025年全市工业开票销售收入预计达9000亿元左右」."""
    return f"{obs.period.label}{region}{level_clause(ind, obs)}"


@dataclass(frozen=True)
class Change:
    phrase: str  # 同比增长54.8% / 较2020年翻番 / 提高1.3个百分点
    figure: Figure
    base: Figure | None = None  # the value compared with (2024年 204.2亿元), for cards and notes

    @property
    def base_text(self) -> str:
        """「2024年为204.2亿元」: the base a card shows under its change."""
        if self.base is None:
            return ""
        return f"{self.base.period}为{self.base.text}"


def _comparable(ind: Indicator, cur: Observation, base: Observation | None) -> bool:
    """A change can be claimed: both values known and exact enough (the base neither a bound
    nor approximate, the current value not a bound) and, for growth in %, a positive base."""
    return (base is not None and base.value is not None and cur.value is not None
            and not base.is_bound and not cur.is_bound
            and base.qualifier not in (*APPROXIMATE, "不足") and cur.qualifier != "不足"
            and (ind.is_rate or base.value > 0))


def compare(ind: Indicator, cur: Observation, base: Observation | None,
            prefix: str | None = None) -> Change | None:
    """The change from ``base`` to ``cur``, or None when it cannot honestly be claimed.

    ``prefix`` is how the base is named: 同比, 环比, 比上年; default 「较2020年」.
    """
    if base is None or not _comparable(ind, cur, base):
        return None
    assert cur.value is not None and base.value is not None
    if prefix is None:
        prefix = f"较{base.period.label}"
    # the method shows the exact inputs the change was computed from, as cagr() does
    cur_txt = format_number(cur.value)
    base_txt = format_number(base.value)
    approx = cur.qualifier in APPROXIMATE
    now, then = exact(cur.value), exact(base.value)
    if ind.is_rate:
        value = rounded(now - then)
        phrase = points_phrase(value, prefix, approx, ind.unit)
        unit = points_word(ind.unit)
        method = f"{cur_txt} − {base_txt} = {format_rate(value)}{unit}"
    else:
        ratio = now / then
        value = rounded((ratio - 1) * 100)
        doubled = multiple_phrase(float(ratio), prefix)
        phrase = doubled if doubled is not None else growth_phrase(value, prefix, approx)
        unit = "%"
        method = f"({cur_txt} ÷ {base_txt} − 1) × 100% = {format_rate(value)}%"
    refs = tuple(r for r in (base.ref, cur.ref) if r is not None)
    figure = Figure(label=f"{ind.name}变化", text=phrase, value=value, unit=unit,
                    status=cur.status, period=cur.period.label, region=cur.region,
                    source=cur.source, derived_from=refs, method=method)
    return Change(phrase, figure, level_figure(ind, base))


def cagr(ind: Indicator, first: Observation, last: Observation) -> Change | None:
    """年均增长 X% between two yearly values at least two years apart."""
    if ind.is_rate or not _comparable(ind, last, first):
        return None
    if first.period.kind is not PeriodKind.YEAR or last.period.kind is not PeriodKind.YEAR:
        return None
    years = last.period.year - first.period.year
    if years < 2:
        return None
    assert first.value is not None and last.value is not None
    if last.value <= 0:  # no average rate across a change of sign
        return None
    ratio = exact(last.value) / exact(first.value)
    rate = rounded((ratio ** (Decimal(1) / Decimal(years)) - 1) * 100)
    span = f"{first.period.year}—{last.period.year}年"
    word = ("年均增长" if rate >= 0 else "年均下降") + ("约" if last.qualifier in APPROXIMATE
                                                    else "")
    phrase = f"{word}{format_rate(abs(rate))}%"
    method = (f"({format_number(last.value)} ÷ {format_number(first.value)})^(1/{years}) − 1 = "
              f"{format_rate(rate)}%")
    refs = tuple(r for r in (first.ref, last.ref) if r is not None)
    return Change(phrase, Figure(label=f"{ind.name}年均增速", text=span + phrase,
                                 value=rate,
                                 unit="%", status=last.status, period=span, region=last.region,
                                 source=last.source, derived_from=refs, method=method))


def completion(ind: Indicator, actual: Observation, target: Observation) -> Change | None:
    """「2025年目标为9500亿元,预计完成目标的94.7%」."""
    if ind.is_rate or not _comparable(ind, actual, target):
        return None
    assert actual.value is not None and target.value is not None
    share = rounded(exact(actual.value) / exact(target.value) * 100)
    expect = "预计" if actual.status is Status.ESTIMATE else ""
    target_text = format_figure(target.value, ind.unit, target.qualifier, ind.decimals)
    phrase = f"{target.period.label}目标为{target_text},{expect}完成目标的{format_rate(share)}%"
    refs = tuple(r for r in (actual.ref, target.ref) if r is not None)
    figure = Figure(label=f"{ind.name}目标完成率", text=f"{format_rate(share)}%",
                    value=share, unit="%", status=actual.status,
                    period=actual.period.label, region=actual.region, source=actual.source,
                    derived_from=refs, method=f"{format_number(actual.value)} ÷ "
                    f"{format_number(target.value)} × 100%")
    return Change(phrase, figure)


def cagr_sentence(ind: Indicator, change: Change, region: str) -> str:
    """「2019—2025年全市工业开票销售收入预计年均增长9.6%」: 预计 before the rate it qualifies."""
    expect = "预计" if change.figure.is_estimate else ""
    return f"{change.figure.period}{region}{ind.name}{expect}{change.phrase}"


def thresholds_crossed(ind: Indicator, points: list[Observation]) -> str | None:
    """「连跨7000亿元、8000亿元两个千亿级台阶」 over actual yearly values, or 「突破8000亿元」."""
    actual = [o for o in points if o.status is Status.ACTUAL and o.value is not None
              and not o.is_bound and o.period.kind is PeriodKind.YEAR]
    if len(actual) < 2 or ind.unit != "亿元":
        return None
    first, last = actual[0].value, max(o.value for o in actual if o.value is not None)
    assert first is not None
    if last <= first or first <= 0:
        return None
    step = 10 ** math.floor(math.log10(last))
    if step not in THRESHOLD_NAMES:
        return None
    crossed = [k * step for k in range(int(first // step) + 1, int(last // step) + 1)]
    if not crossed:
        return None
    unit = ind.unit
    span = f"{actual[0].period.year}—{actual[-1].period.year}年"
    if len(crossed) == 1:
        return f"{span}突破{format_number(crossed[0])}{unit}"
    names = "、".join(f"{format_number(c)}{unit}" for c in crossed)
    count = "两" if len(crossed) == 2 else chinese_count(len(crossed))
    return f"{span}连跨{names}{count}个{THRESHOLD_NAMES[step]}台阶"
