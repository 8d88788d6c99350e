"""Chinese sentences about figures, from the data alone.

Rules (each tested in tests/test_narrative.py with the seed article's own sentences):
- a level: 「2025年全市工业开票销售收入预计达9000亿元左右」; the source's approximation word kept;
- growth of a value: 同比增长 / 下降 X%, 与上年持平; 翻番 or 增长X倍 once it has doubled;
- change of a rate or share: 提高 / 下降 X 个百分点 (个千分点 for ‰), never 增长 X%;
- 年均增长 X% (CAGR) over a span of years;
- thresholds crossed: 「连跨7000亿元、8000亿元两个千亿级台阶」;
- no change is claimed when its base is missing, bounded (超/以上/余) or not positive.
- a count changes by its own unit: 「比上年增加323家」 / 「减少12家」 (翻番 once doubled), its
  growth rate only as the workbook publishes it (「增加323家,增长8.5%」);
- by the indicator's kind (类型): a growth rate reads 「规上工业增加值同比增长6.3%」 (never
  增速达), its change 「比1—9月提高0.2个百分点」 and 「快于全省0.3个百分点」; a count has no
  数量达 (「规上工业企业4000家」, or the 表述 pattern 「{值}家企业入选…」); an index no unit word
  and changes in points; a rank 「居全省第3位」, 「前移1位」;
- 比上年 for annual figures, 同比 for months, quarters and year-to-date;
- rates and shares one decimal, levels as the workbook writes them with at most two decimals
  on slides, trailing zeros dropped (9537亿元, never a chart label's 9537.00), unless 小数位
  says otherwise; a change of a rate keeps the decimals of its inputs (2.60%→2.75%:
  提高0.15个百分点);
- 年均增长 of a value published at comparable prices: its own rates compounded
  (「按可比价计算年均增长5.4%」), else the levels' rate saying 「按现价计算」.
Derived numbers are Figures that say how they were computed and from which cells.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from xzbrief.dataset.indicator_kinds import IndicatorKind, count_subject, growth_subject
from xzbrief.dataset.model import Indicator, Observation, Region, Status
from xzbrief.dataset.numbers import decimals_of
from xzbrief.dataset.periods import PeriodKind
from xzbrief.deck.model import Figure
from xzbrief.deck.wording import (
    chinese_count,
    exact,
    flat_phrase,
    format_figure,
    format_number,
    format_rate,
    growth_phrase,
    multiple_phrase,
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


MAX_SLIDE_DECIMALS = 2  # a level without 小数位 shows at most two decimals on a slide
RATE_KINDS = (IndicatorKind.GROWTH, IndicatorKind.SHARE)


def shown_decimals(ind: Indicator, value: float, qualifier: str = "") -> int | None:
    """Decimals of one figure in a sentence, title or card: 小数位 when given; rates and
    shares one (1.0%; a whole 「约9%」 or 「突破90%」 as the source wrote it); a level as the
    workbook writes it, rounded to at most two decimals with trailing zeros dropped (9537亿元,
    316亿元, 7050.5678 -> 7050.57, 12.501 -> 12.5). Never a chart's shared label precision:
    a chart may show 9537.00 beside 7151.35, a sentence says 9537亿元."""
    if ind.decimals is not None:
        return ind.decimals
    if ind.kind in RATE_KINDS or (ind.is_rate and ind.kind is IndicatorKind.LEVEL):
        if qualifier and float(value).is_integer():  # 约9%, 突破90%: as the source wrote it
            return 0
        return 1
    if decimals_of(value) > MAX_SLIDE_DECIMALS:
        return decimals_of(rounded(exact(value), MAX_SLIDE_DECIMALS))
    return None


def series_decimals(ind: Indicator, values: Sequence[float | None]) -> int | None:
    """Decimals of a chart's labels, matching what its title and sentences show: 小数位;
    rates and shares one; levels as the workbook has them but at most two."""
    if ind.decimals is not None:
        return ind.decimals
    if ind.kind in RATE_KINDS or (ind.is_rate and ind.kind is IndicatorKind.LEVEL):
        return 1
    if any(v is not None and decimals_of(v) > MAX_SLIDE_DECIMALS for v in values):
        return MAX_SLIDE_DECIMALS
    return None


def shown_unit(ind: Indicator) -> str:
    """An index is written without a unit word (两化融合发展水平69.3)."""
    return "" if ind.kind is IndicatorKind.INDEX and ind.unit in ("点", "分", "指数") \
        else ind.unit


def figure_text(ind: Indicator, obs: Observation) -> str:
    """The figure as a slide shows it: 9000亿元左右, 6.3%, 69.3, 第3位."""
    assert obs.value is not None
    if ind.kind is IndicatorKind.RANK:
        return f"第{format_number(obs.value, 0)}位"
    return format_figure(obs.value, shown_unit(ind), obs.qualifier,
                         shown_decimals(ind, obs.value, obs.qualifier))


def level_figure(ind: Indicator, obs: Observation, label: str = "") -> Figure:
    assert obs.value is not None
    return Figure(label=label or ind.name, text=figure_text(ind, obs),
                  value=obs.value, unit=ind.unit, status=obs.status, period=obs.period.label,
                  region=obs.region, source=obs.source, ref=obs.ref,
                  source_detail=obs.source_detail)


def card_parts(ind: Indicator, obs: Observation) -> tuple[str, str, str]:
    assert obs.value is not None
    if ind.kind is IndicatorKind.RANK:
        return "第", format_number(obs.value, 0), "位"
    return split_figure(obs.value, shown_unit(ind), obs.qualifier,
                        shown_decimals(ind, obs.value, obs.qualifier))


def change_word(period_kind: PeriodKind) -> str:
    """比上年 for a year, 同比 for months, quarters and year-to-date, nothing for a span."""
    if period_kind is PeriodKind.YEAR:
        return "比上年"
    return "" if period_kind is PeriodKind.SPAN else "同比"


def _status_verb(obs: Observation) -> str:
    return {Status.ACTUAL: "", Status.ESTIMATE: "预计", Status.TARGET: "目标"}[obs.status]


def growth_words(obs: Observation, decimals: int | None = None) -> str:
    """「同比增长6.3%」 / 「比上年下降1.2%」 / 「与上年持平」 for a growth rate's value."""
    assert obs.value is not None
    word = change_word(obs.period.kind)
    approx = "约" if obs.qualifier in APPROXIMATE else ""
    digits = decimals if decimals is not None else (
        0 if approx and float(obs.value).is_integer() else 1)
    if rounded(exact(abs(obs.value)), digits) == 0:
        return flat_phrase(word) if word else "持平"
    verb = "增长" if obs.value > 0 else "下降"
    return f"{word}{verb}{approx}{format_number(abs(obs.value), digits)}%"


def _subject_prefix(ind: Indicator, name: str | None) -> str:
    """What a caller put before the indicator's name (a region: 铜山区)."""
    if name and name != ind.name and name.endswith(ind.name):
        return name[: -len(ind.name)]
    return ""


def level_clause(ind: Indicator, obs: Observation, name: str | None = None) -> str:
    """「工业开票销售收入预计达9000亿元左右」: the name, the verb by status, the figure —
    worded by the indicator's kind (see the module docstring)."""
    assert obs.value is not None
    subject = ind.name if name is None else name
    prefix = _subject_prefix(ind, name)
    if ind.pattern:  # the owner's own sentence: 「{值}家企业入选…」 (150余家, 超300)
        before, number, _after = card_parts(ind, obs)
        value = before + number + ("余" if obs.qualifier == "余" else "")
        return f"{prefix}{_status_verb(obs)}{ind.pattern.replace('{值}', value)}"
    if ind.kind is IndicatorKind.GROWTH:
        base = growth_subject(subject)
        mean = base.endswith("年均")
        if mean:
            base = base[:-2]
        words = growth_words(obs, ind.decimals)
        if mean:
            words = words.replace("增长", "年均增长", 1).replace("下降", "年均下降", 1)
        return f"{base}{_status_verb(obs)}{words}"
    if ind.kind is IndicatorKind.RANK:
        base = re.sub(r"(位次|排名|排位|名次)$", "", subject)
        scope = ""
        for word in ("全省", "全国", "苏北", "淮海经济区", "全市", "省内"):
            if word in base:
                base, scope = base.replace(word, "", 1), word
                break
        return f"{base}{_status_verb(obs)}居{scope}第{format_number(obs.value, 0)}位"
    figure = figure_text(ind, obs)
    if ind.kind is IndicatorKind.COUNT:  # never 「数量达N家」
        subject = (prefix + count_subject(ind.name) if subject.endswith(ind.name)
                   else count_subject(subject))
        # 「规上工业企业4123家」; after a name ending in a digit (指标01) 达 keeps them apart
        if obs.qualifier in VERB_QUALIFIERS or (obs.status is Status.ACTUAL and subject
                                                and not subject[-1].isascii()):
            return f"{subject}{_status_verb(obs)}{figure}"
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


def rate_digits(ind: Indicator, *values: float) -> int:
    """A change of a rate keeps its inputs' precision: 2.60 → 2.75 is 0.15, 5.1 → 5.3 is
    0.2 (at least one decimal; 小数位 when the indicator says)."""
    if ind.decimals is not None:
        return ind.decimals
    return max(1, *(decimals_of(v) for v in values))


def _points(diff: float, digits: int, prefix: str, up: str, down: str, unit: str) -> str:
    shown = format_number(abs(diff), digits)
    if float(shown) == 0:
        return flat_phrase(prefix) if prefix else "持平"
    return f"{prefix}{up if diff > 0 else down}{shown}{unit}"


def _comparable(ind: Indicator, cur: Observation, base: Observation | None) -> bool:
    """A change can be claimed: both values known and exact enough (the base neither a bound
    nor approximate, the current value not a bound) and, for growth in %, a positive base."""
    return (base is not None and base.value is not None and cur.value is not None
            and not base.is_bound and not cur.is_bound
            and base.qualifier not in (*APPROXIMATE, "不足") and cur.qualifier != "不足"
            and (ind.is_rate or ind.kind is not IndicatorKind.LEVEL or base.value > 0))


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
    if ind.kind is IndicatorKind.RANK:  # places gained: a smaller place is better, 前移
        value = rounded(then - now, 0)
        phrase = f"{prefix}位次不变" if value == 0 else \
            f"{prefix}{'前移' if value > 0 else '后移'}{format_number(abs(value), 0)}位"
        unit = "位"
        method = f"第{base_txt}位 − 第{cur_txt}位 = {format_number(value, 0)}(正数为前移)"
    elif ind.kind is IndicatorKind.INDEX:  # points, never %
        digits = rate_digits(ind, cur.value, base.value)
        value = rounded(now - then, digits)
        phrase = _points(value, digits, prefix, "提高", "下降", "")
        unit = ind.unit
        method = f"{cur_txt} − {base_txt} = {format_number(value, digits)}"
    elif ind.is_rate or ind.kind in RATE_KINDS:
        digits = rate_digits(ind, cur.value, base.value)
        value = rounded(now - then, digits)
        unit = points_word(ind.unit)
        down = "回落" if ind.kind is IndicatorKind.GROWTH else "下降"
        phrase = _points(value, digits, prefix, "提高" + ("约" if approx else ""),
                         down + ("约" if approx else ""), unit)
        method = f"{cur_txt} − {base_txt} = {format_number(value, digits)}{unit}"
    elif ind.kind is IndicatorKind.COUNT and (then <= 0 or multiple_phrase(
            float(now / then), prefix) is None):
        # a count changes by a number of its own unit: 「比上年增加323家」, never 增长8.5%
        # (翻番 still reads as 翻番); its published rate is added only from its own 增速指标
        digits = max(decimals_of(cur.value), decimals_of(base.value))
        value = rounded(now - then, digits)
        unit = ind.unit
        phrase = _points(value, digits, prefix, "增加" + ("约" if approx else ""),
                         "减少" + ("约" if approx else ""), unit)
        method = f"{cur_txt} − {base_txt} = {format_number(value, digits)}{unit}"
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


def benchmark(ind: Indicator, cur: Observation, bench: Observation, name: str
              ) -> Change | None:
    """A rate against the province's (or the country's) for the same period: 「快于全省0.3个
    百分点」 for a growth rate, 「高于全省…」 for a share; None for other kinds."""
    if ind.kind not in RATE_KINDS or not _comparable(ind, cur, bench):
        return None
    assert cur.value is not None and bench.value is not None
    digits = rate_digits(ind, cur.value, bench.value)
    value = rounded(exact(cur.value) - exact(bench.value), digits)
    unit = points_word(ind.unit)
    if float(format_number(abs(value), digits)) == 0:
        phrase = f"与{name}持平"
    elif ind.kind is IndicatorKind.GROWTH:
        phrase = f"{'快于' if value > 0 else '慢于'}{name}{format_number(abs(value), digits)}{unit}"
    else:
        phrase = f"{'高于' if value > 0 else '低于'}{name}{format_number(abs(value), digits)}{unit}"
    refs = tuple(r for r in (bench.ref, cur.ref) if r is not None)
    figure = Figure(label=f"{ind.name}与{name}比较", text=phrase, value=value, unit=unit,
                    status=cur.status, period=cur.period.label, region=cur.region,
                    source=cur.source, derived_from=refs,
                    method=f"{format_number(cur.value)} − {format_number(bench.value)}"
                    f"({name}) = {format_number(value, digits)}{unit}")
    return Change(phrase, figure, level_figure(ind, bench, f"{name}{ind.name}"))


REAL_GROWTH_WORDS = ("生产总值", "增加值", "GDP")  # compiled at comparable prices (可比价)


def price_basis(ind: Indicator, rate_ind: Indicator | None = None) -> str:
    """The price basis of a value's published growth rates: 可比价 when its 增速指标's 口径
    says so or the value is one statisticians publish at comparable prices (地区生产总值,
    增加值); 现价 when the 口径 says 现价; empty when nothing says (社会消费品零售总额 …)."""
    said = rate_ind.basis if rate_ind is not None else ""
    if "可比价" in said:
        return "可比价"
    if "现价" in said:
        return "现价"
    if ind.kind is IndicatorKind.LEVEL and not ind.is_rate and any(
            w in ind.name for w in REAL_GROWTH_WORDS):
        return "可比价"
    return ""


def compound_cagr(ind: Indicator, first: Observation, last: Observation,
                  rates: Sequence[Observation], basis: str = "可比价") -> Change | None:
    """「2019—2024年地区生产总值按可比价计算年均增长5.4%」: the published yearly growth rates
    (its 增速指标) of every year after ``first`` up to ``last`` compounded, saying their
    price ``basis`` (price_basis); None when one of them is missing."""
    if first.period.kind is not PeriodKind.YEAR or last.period.kind is not PeriodKind.YEAR:
        return None
    years = last.period.year - first.period.year
    if years < 2:
        return None
    by_year = {o.period.year: o for o in rates if o.period.kind is PeriodKind.YEAR
               and o.value is not None and not o.is_bound and o.status is not Status.TARGET
               and o.region == last.region}
    used = [by_year.get(y) for y in range(first.period.year + 1, last.period.year + 1)]
    if any(o is None for o in used):
        return None
    chain = [o for o in used if o is not None]
    product = Decimal(1)
    for o in chain:
        assert o.value is not None
        product *= 1 + exact(o.value) / 100
    if product <= 0:
        return None
    rate = rounded((product ** (Decimal(1) / Decimal(years)) - 1) * 100)
    span = f"{first.period.year}—{last.period.year}年"
    word = (f"按{basis}计算" if basis else "") + ("年均增长" if rate >= 0 else "年均下降")
    phrase = f"{word}{format_rate(abs(rate))}%"
    method = ("(" + " × ".join(f"(1 + {format_number(o.value or 0.0)}%)" for o in chain)
              + f")^(1/{years}) − 1 = {format_rate(rate)}%(各年公布增速连乘)")
    refs = tuple(o.ref for o in chain if o.ref is not None)
    status = Status.ESTIMATE if any(o.status is Status.ESTIMATE for o in chain) \
        else Status.ACTUAL
    return Change(phrase, Figure(label=f"{ind.name}年均增速", text=span + phrase, value=rate,
                                 unit="%", status=status, period=span, region=last.region,
                                 source=last.source, derived_from=refs, method=method))


def cagr(ind: Indicator, first: Observation, last: Observation, nominal: bool | None = None
         ) -> Change | None:
    """年均增长 X% between two yearly values at least two years apart (levels, counts and
    indices; never for rates, shares or ranks, never from a base that is not positive). For
    a value whose growth is published at comparable prices (``nominal``; by default from
    price_basis) the rate from its levels is nominal and says so: 「按现价计算年均增长5.9%」."""
    if nominal is None:
        nominal = price_basis(ind) == "可比价"
    if (ind.is_rate or ind.kind in (*RATE_KINDS, IndicatorKind.RANK)
            or not _comparable(ind, last, first) or (first.value or 0.0) <= 0):
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
    word = ("按现价计算" if nominal else "") + (
        "年均增长" if rate >= 0 else "年均下降") + ("约" if last.qualifier in APPROXIMATE else "")
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
    if ind.is_rate or not _comparable(ind, actual, target) or (target.value or 0.0) <= 0:
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
