"""The Chinese narrative, rule by rule, with the seed article's own sentences as cases
(《因地制宜锻造新质生产力“徐州样本”》, the 2025-12-17 press conference)."""

from __future__ import annotations

import pytest

from xzbrief.dataset.model import CellRef, Indicator, Observation, Status
from xzbrief.dataset.periods import parse_period
from xzbrief.deck.narrative import (
    cagr,
    cagr_sentence,
    compare,
    completion,
    level_clause,
    level_figure,
    level_sentence,
    thresholds_crossed,
)

SOURCE = "市工业和信息化局 · 发布会"


def ind(name: str, unit: str, decimals: int | None = None) -> Indicator:
    return Indicator(code="X01", name=name, unit=unit, theme="T", decimals=decimals)


def obs(period: str, value: float | None, status: Status = Status.ACTUAL, qualifier: str = "",
        cell: str = "D2", region: str = "徐州市") -> Observation:
    return Observation("X01", region, parse_period(period), status, value, qualifier,
                       source=SOURCE, ref=CellRef("数据", cell))


SALES = ind("工业开票销售收入", "亿元", 0)
FIRMS = ind("规模以上工业企业数量", "家", 0)
FUTURE = ind("未来产业企业营收规模", "亿元")
RATE = ind("数字经济核心产业增加值占比", "%")


# --- levels ---------------------------------------------------------------------------------
def test_estimate_with_approximation_word() -> None:
    """「预计2025年达到9000亿元左右」 -> 「…预计达9000亿元左右」."""
    o = obs("2025年", 9000, Status.ESTIMATE, "左右")
    assert level_sentence(SALES, o, "全市") == "2025年全市工业开票销售收入预计达9000亿元左右"
    fig = level_figure(SALES, o)
    assert (fig.text, fig.is_estimate, str(fig.ref)) == ("9000亿元左右", True, "数据!D2")


def test_verb_qualifiers_stand_for_the_verb() -> None:
    """「全产业链自主可控率突破90%」, 「计划总投资超300亿元」: no 「达」 before them."""
    rate = ind("工程机械全产业链自主可控率", "%")
    assert level_clause(rate, obs("2025年", 90, qualifier="突破")) == \
        "工程机械全产业链自主可控率突破90%"
    invest = ind("未来产业重大项目计划总投资", "亿元")
    assert level_clause(invest, obs("2025年", 300, qualifier="超")) == \
        "未来产业重大项目计划总投资超300亿元"
    growth = ind("工业开票销售收入年均增速", "%")
    assert level_clause(growth, obs("2021—2025年", 9, Status.ESTIMATE, "约")) == \
        "工业开票销售收入年均增速预计约9%"


def test_yu_stands_between_number_and_unit() -> None:
    """「攻克了150余项关键技术」 -> 150余项."""
    tech = ind("攻克关键技术数量", "项")
    assert level_clause(tech, obs("2025年", 150, qualifier="余")) == "攻克关键技术数量达150余项"


def test_target_and_levels_without_unit() -> None:
    assert level_clause(SALES, obs("2025年", 9500, Status.TARGET)) == "工业开票销售收入目标为9500亿元"
    index = ind("两化融合发展水平", "", 1)
    assert level_clause(index, obs("2025年", 69.3)) == "两化融合发展水平达69.3"


# --- growth -----------------------------------------------------------------------------------
def test_year_on_year_growth_is_derived_from_both_cells() -> None:
    """204.2亿元 (2024) -> 316亿元 (2025, 预计): 同比增长54.8%, naming both cells."""
    change = compare(FUTURE, obs("2025年", 316, Status.ESTIMATE, cell="D21"),
                     obs("2024年", 204.2, cell="D20"), "同比")
    assert change is not None
    assert change.phrase == "同比增长54.8%"
    fig = change.figure
    assert fig.ref is None
    assert [str(r) for r in fig.derived_from] == ["数据!D20", "数据!D21"]
    assert fig.where == "由 数据!D20、数据!D21 计算"
    assert fig.method == "(316 ÷ 204.2 − 1) × 100% = 54.8%"
    assert fig.is_estimate
    assert change.base_text == "2024年为204.2亿元"


def test_decline_and_flat() -> None:
    down = compare(SALES, obs("2025年", 7740), obs("2024年", 8000, cell="D3"), "同比")
    assert down is not None and down.phrase == "同比下降3.3%"
    flat = compare(SALES, obs("2025年", 8002), obs("2024年", 8000, cell="D3"), "同比")
    assert flat is not None and flat.phrase == "与上年持平"


def test_doubling_since_the_end_of_the_13th_plan() -> None:
    """「规上工业企业预计达到4000家,数量较“十三五”末翻番」: 2020 = 2000 -> 2025 = 4000."""
    change = compare(FIRMS, obs("2025年", 4000, Status.ESTIMATE), obs("2020年", 2000, cell="D3"))
    assert change is not None
    assert change.phrase == "较2020年翻番"


def test_many_times() -> None:
    change = compare(FIRMS, obs("2025年", 5000), obs("2020年", 2000, cell="D3"))
    assert change is not None and change.phrase == "较2020年增长1.5倍"


def test_rates_change_in_percentage_points() -> None:
    change = compare(RATE, obs("2025年", 11.5), obs("2024年", 10.2, cell="D3"), "同比")
    assert change is not None
    assert change.phrase == "同比提高1.3个百分点"
    assert change.figure.unit == "个百分点"


@pytest.mark.parametrize(("base", "why"), [
    (None, "no base"),
    (obs("2024年", None, cell="D3"), "base value missing"),
    (obs("2024年", 8000, qualifier="超", cell="D3"), "base is a lower bound"),
    (obs("2024年", 8000, qualifier="以上", cell="D3"), "base is a lower bound"),
    (obs("2024年", 150, qualifier="余", cell="D3"), "base is a lower bound"),
    (obs("2024年", 8000, qualifier="约", cell="D3"), "base is approximate"),
    (obs("2024年", 0, cell="D3"), "base is zero"),
    (obs("2024年", -5, cell="D3"), "base is negative"),
])
def test_never_a_change_without_an_honest_base(base: Observation | None, why: str) -> None:
    assert compare(SALES, obs("2025年", 9000), base, "同比") is None, why


def test_never_a_change_from_a_bound_current_value() -> None:
    assert compare(SALES, obs("2025年", 9000, qualifier="超"), obs("2024年", 8200, cell="D3"),
                   "同比") is None


def test_an_approximate_current_value_gives_an_approximate_change() -> None:
    change = compare(SALES, obs("2025年", 9000, Status.ESTIMATE, "左右"),
                     obs("2024年", 8200, cell="D3"), "同比")
    assert change is not None and change.phrase == "同比增长约9.8%"


# --- average growth, targets, thresholds ------------------------------------------------------
def test_cagr_over_the_span() -> None:
    first, last = obs("2020年", 5650, cell="D3"), obs("2025年", 9000, Status.ESTIMATE)
    change = cagr(SALES, first, last)
    assert change is not None
    assert change.phrase == "年均增长9.8%"  # (9000 / 5650) ** (1/5) - 1 = 9.76%
    assert change.figure.period == "2020—2025年"
    assert cagr_sentence(SALES, change, "全市") == "2020—2025年全市工业开票销售收入预计年均增长9.8%"


def test_no_cagr_for_rates_short_spans_or_missing_bases() -> None:
    assert cagr(RATE, obs("2020年", 5, cell="D3"), obs("2025年", 9)) is None
    assert cagr(SALES, obs("2024年", 8200, cell="D3"), obs("2025年", 9000)) is None
    assert cagr(SALES, obs("2020年", None, cell="D3"), obs("2025年", 9000)) is None


def test_completion_of_a_target() -> None:
    done = completion(SALES, obs("2025年", 9000, Status.ESTIMATE), obs("2025年", 9500,
                                                                       Status.TARGET, cell="D9"))
    assert done is not None
    assert done.phrase == "2025年目标为9500亿元,预计完成目标的94.7%"


def _years(values: dict[int, float]) -> list[Observation]:
    return [obs(f"{y}年", v, cell=f"D{y - 2015}") for y, v in values.items()]


def test_three_thresholds_crossed() -> None:
    """「连跨6000亿元、7000亿元、8000亿元三个千亿级台阶」."""
    points = _years({2020: 5650, 2021: 6100, 2022: 7050, 2023: 7600, 2024: 8200})
    assert thresholds_crossed(SALES, points) == \
        "2020—2024年连跨6000亿元、7000亿元、8000亿元三个千亿级台阶"


def test_two_thresholds_read_liang() -> None:
    points = _years({2022: 6500, 2023: 7200, 2024: 8100})
    assert thresholds_crossed(SALES, points) == "2022—2024年连跨7000亿元、8000亿元两个千亿级台阶"


def test_one_threshold_is_a_breakthrough() -> None:
    points = _years({2023: 180, 2024: 230})
    assert thresholds_crossed(SALES, points) == "2023—2024年突破200亿元"


def test_thresholds_only_from_actual_values() -> None:
    points = [*_years({2023: 7600, 2024: 8200}), obs("2025年", 9000, Status.ESTIMATE)]
    assert thresholds_crossed(SALES, points) == "2023—2024年突破8000亿元"
    assert thresholds_crossed(SALES, _years({2024: 8200})) is None
    assert thresholds_crossed(SALES, _years({2023: 8200, 2024: 8100})) is None


# --- review findings: each would have put a wrong number in front of an official ----------
def _obs(value: float, year: int, status=None, ref: str = "D2") -> Observation:
    from xzbrief.dataset.model import CellRef, Status
    from xzbrief.dataset.periods import Period, PeriodKind

    return Observation("X", "徐州市", Period(PeriodKind.YEAR, year), status or Status.ACTUAL,
                       value, ref=CellRef("数据", ref))


def test_growth_rounds_half_up_like_a_person():
    """1063.5 ÷ 1000 is 6.35%: 四舍五入 gives 6.4%, binary floats gave 6.3%."""
    ind = Indicator("X", "营收", "亿元", "t")
    change = compare(ind, _obs(1063.5, 2025), _obs(1000.0, 2024), "同比")
    assert change is not None
    assert change.phrase == "同比增长6.4%" and change.figure.value == 6.4


def test_no_average_rate_across_a_change_of_sign():
    ind = Indicator("X", "利润", "亿元", "t")
    assert cagr(ind, _obs(10.0, 2020), _obs(-5.0, 2024)) is None


def test_almost_double_is_growth_not_a_doubling():
    ind = Indicator("X", "企业数", "家", "t")
    change = compare(ind, _obs(1960.0, 2025), _obs(1000.0, 2020))
    assert change is not None and change.phrase == "较2020年增长96.0%"


def test_a_long_title_keeps_its_first_conclusion_before_the_bare_name() -> None:
    from xzbrief.deck import grid
    from xzbrief.deck.textfit import fits_one_line
    from xzbrief.deck.theme_base import ThemeBase

    name = "徐州市战略性新兴产业和高新技术产业规模以上工业企业总产值"
    full = f"{name}达9000亿元,同比增长9.8%,较2020年翻番"
    assert not fits_one_line(full, grid.TITLE.w, grid.TITLE_MIN)
    assert fits_one_line(f"{name}达9000亿元", grid.TITLE.w, grid.TITLE_MIN)
    assert ThemeBase._title([full], fallback=name) == f"{name}达9000亿元"


# --- wording by indicator kind (issue 8), each with a release-style sentence -----------------
def kind_ind(name: str, unit: str, kind: str, decimals: int | None = None,
             pattern: str = "") -> Indicator:
    from xzbrief.dataset.indicator_kinds import IndicatorKind

    return Indicator(code="X01", name=name, unit=unit, theme="T", decimals=decimals,
                     kind=IndicatorKind(kind), pattern=pattern)


GDP_RATE = kind_ind("地区生产总值增速", "%", "增速")
IND_RATE = kind_ind("规上工业增加值增速", "%", "增速")


def test_a_growth_rate_reads_zeng_zhang_never_zeng_su_da() -> None:
    """「1—10月,全市规上工业增加值同比增长6.3%」; a fall 「同比下降3.1%」, never 增速达-3.1%."""
    assert level_sentence(IND_RATE, obs("2025年1—10月", 6.3), "全市") == \
        "2025年1—10月全市规上工业增加值同比增长6.3%"
    assert level_sentence(IND_RATE, obs("2025年1—10月", -3.1), "全市") == \
        "2025年1—10月全市规上工业增加值同比下降3.1%"
    assert level_sentence(GDP_RATE, obs("2025年前三季度", 5.0), "全市") == \
        "2025年前三季度全市地区生产总值同比增长5.0%"  # one decimal: 5.0%, never 5%


def test_an_annual_growth_rate_says_bi_shang_nian() -> None:
    """「2024年全市地区生产总值比上年增长5.9%」: 比上年 for a year, 同比 for the rest."""
    assert level_sentence(GDP_RATE, obs("2024年", 5.9), "全市") == \
        "2024年全市地区生产总值比上年增长5.9%"


def test_a_growth_rate_changes_in_points_against_the_previous_span() -> None:
    """「比1—9月提高0.2个百分点」, 「比上半年回落0.5个百分点」."""
    up = compare(IND_RATE, obs("2025年1—10月", 8.5), obs("2025年1—9月", 8.3, cell="D3"), "比1—9月")
    assert up is not None and up.phrase == "比1—9月提高0.2个百分点"
    down = compare(GDP_RATE, obs("2025年前三季度", 5.1), obs("2025年上半年", 5.6, cell="D3"),
                   "比上半年")
    assert down is not None and down.phrase == "比上半年回落0.5个百分点"
    flat = compare(GDP_RATE, obs("2025年前三季度", 5.6), obs("2025年上半年", 5.6, cell="D3"),
                   "比上半年")
    assert flat is not None and flat.phrase == "与上半年持平"


def test_a_rate_is_compared_with_the_province() -> None:
    """「快于全省1.4个百分点」 / 「慢于全省0.3个百分点」 / a share 「高于全省…」."""
    from xzbrief.deck.narrative import benchmark

    fast = benchmark(IND_RATE, obs("2025年1—10月", 8.5), obs("2025年1—10月", 7.1, region="全省",
                                                            cell="D9"), "全省")
    assert fast is not None and fast.phrase == "快于全省1.4个百分点"
    slow = benchmark(IND_RATE, obs("2025年1—10月", 6.8), obs("2025年1—10月", 7.1, region="全省",
                                                            cell="D9"), "全省")
    assert slow is not None and slow.phrase == "慢于全省0.3个百分点"
    share = kind_ind("数字经济核心产业增加值占比", "%", "比重")
    high = benchmark(share, obs("2024年", 11.5), obs("2024年", 10.0, region="全省"), "全省")
    assert high is not None and high.phrase == "高于全省1.5个百分点"


def test_a_change_of_a_rate_keeps_the_precision_of_its_inputs() -> None:
    """2.60% → 2.75%: 「提高0.15个百分点」, never rounded to 0.2."""
    share = kind_ind("研发经费投入强度", "%", "比重")
    change = compare(share, obs("2024年", 2.75), obs("2023年", 2.6, cell="D3"), "比上年")
    assert change is not None and change.phrase == "比上年提高0.15个百分点"


def test_a_count_never_reads_shu_liang_da() -> None:
    """「规上工业企业4123家」; 「4个产业集群规模超千亿元」 by the 表述 pattern."""
    firms = kind_ind("规上工业企业数量", "家", "数量")
    assert level_sentence(firms, obs("2024年", 4123), "全市") == "2024年全市规上工业企业4123家"
    clusters = kind_ind("千亿级产业集群数量", "个", "数量",
                        pattern="{值}个产业集群规模超千亿元")
    assert level_sentence(clusters, obs("2025年", 4), "全市") == "2025年全市4个产业集群规模超千亿元"
    assert level_clause(clusters, obs("2025年", 4, Status.ESTIMATE)) == "预计4个产业集群规模超千亿元"


def test_an_index_has_no_unit_word_and_changes_in_points() -> None:
    """「两化融合发展水平达69.3,比上年提高1.2」 (points, not %)."""
    index = kind_ind("两化融合发展水平", "点", "指数")
    assert level_clause(index, obs("2025年", 69.3)) == "两化融合发展水平达69.3"
    change = compare(index, obs("2025年", 69.3), obs("2024年", 68.1, cell="D3"), "比上年")
    assert change is not None and change.phrase == "比上年提高1.2"


def test_a_rank_is_ju_di_n_wei_and_moves_forward_or_back() -> None:
    """「工业开票销售收入居全省第3位,比上年前移1位」."""
    rank = kind_ind("工业开票销售收入全省位次", "位", "位次")
    assert level_clause(rank, obs("2024年", 3)) == "工业开票销售收入居全省第3位"
    ahead = compare(rank, obs("2024年", 3), obs("2023年", 4, cell="D3"), "比上年")
    assert ahead is not None and ahead.phrase == "比上年前移1位"
    behind = compare(rank, obs("2024年", 5), obs("2023年", 3, cell="D3"), "比上年")
    assert behind is not None and behind.phrase == "比上年后移2位"


def test_a_level_shows_at_most_two_decimals_on_a_slide() -> None:
    """A level of 万吨 at four decimals in the workbook: 「1234.57万吨」 on the slide."""
    grain = kind_ind("粮食总产量", "万吨", "总量")
    assert level_figure(grain, obs("2024年", 1234.5678)).text == "1234.57万吨"
    assert level_figure(kind_ind("粮食总产量", "万吨", "总量", decimals=1),
                        obs("2024年", 1234.5678)).text == "1234.6万吨"


def test_an_average_growth_rate_over_a_plan_period() -> None:
    """「工业开票销售收入年均增速」 of 2021—2025年: 「预计年均增长约9%」."""
    mean = kind_ind("工业开票销售收入年均增速", "%", "增速")
    assert level_clause(mean, obs("2021—2025年", 9, Status.ESTIMATE, "约")) == \
        "工业开票销售收入预计年均增长约9%"


def test_no_average_rate_from_a_zero_index_and_none_for_a_rank() -> None:
    """An index starting at 0 has no 年均增长 (it would divide by zero); a rank never has one."""
    index = kind_ind("数字化转型指数", "", "指数")
    assert cagr(index, obs("2020年", 0), obs("2024年", 55.0, cell="D3")) is None
    rank = kind_ind("全省位次", "位", "位次")
    assert cagr(rank, obs("2020年", 5), obs("2024年", 3, cell="D3")) is None


def test_a_count_changes_by_a_number_of_its_unit() -> None:
    """「规上工业企业4123家,比上年增加323家」 / 「减少12家」 / 「与上年持平」 — never 增长8.5%
    (翻番 still reads as 翻番); 2.1万个 -> 2.45万个 keeps its inputs' decimals."""
    firms = kind_ind("规上工业企业数量", "家", "数量")
    up = compare(firms, obs("2024年", 4123), obs("2023年", 3800, cell="D3"), "比上年")
    assert up is not None and up.phrase == "比上年增加323家"
    assert up.figure.value == 323 and up.figure.unit == "家"
    down = compare(firms, obs("2025年1—10月", 3988), obs("2024年1—10月", 4000, cell="D3"), "同比")
    assert down is not None and down.phrase == "同比减少12家"
    same = compare(firms, obs("2024年", 40), obs("2023年", 40, cell="D3"), "比上年")
    assert same is not None and same.phrase == "与上年持平"
    doubled = compare(firms, obs("2025年", 4000), obs("2020年", 2000, cell="D3"))
    assert doubled is not None and doubled.phrase == "较2020年翻番"
    towers = kind_ind("5G基站数量", "万个", "数量")
    more = compare(towers, obs("2025年", 2.45), obs("2024年", 2.1, cell="D3"), "比上年")
    assert more is not None and more.phrase == "比上年增加0.35万个"
    new = compare(firms, obs("2025年", 5), obs("2024年", 0, cell="D3"), "比上年")
    assert new is not None and new.phrase == "比上年增加5家"  # from none: no % to claim


def test_a_level_in_text_has_its_own_precision() -> None:
    """Text never copies a chart's shared label precision: 9537亿元 (not 9537.00), 316亿元,
    7050.5678 -> 7050.57, 12.501 -> 12.5 (trailing zeros dropped); 小数位 wins."""
    gdp = kind_ind("地区生产总值", "亿元", "总量")
    assert level_figure(gdp, obs("2024年", 9537.0)).text == "9537亿元"
    assert level_figure(gdp, obs("2025年", 316.0)).text == "316亿元"
    assert level_figure(gdp, obs("2025年前三季度", 7050.5678)).text == "7050.57亿元"
    assert level_figure(gdp, obs("2025年", 12.501)).text == "12.5亿元"
    fixed = kind_ind("地区生产总值", "亿元", "总量", decimals=1)
    assert level_figure(fixed, obs("2024年", 9537.0)).text == "9537.0亿元"


def test_an_average_growth_of_gdp_is_real_or_says_it_is_nominal() -> None:
    """GDP's published yearly rates are at comparable prices: its 年均 compounds them
    (「按可比价计算年均增长5.4%」); from the current-price levels it says 按现价计算 — never a
    nominal 5.9% beside real rates without saying so."""
    from xzbrief.deck.narrative import compound_cagr

    gdp = kind_ind("地区生产总值", "亿元", "总量")
    first, last = obs("2019年", 7151.35), obs("2024年", 9537.0, cell="D3")
    rates = [obs(f"{y}年", r, cell=f"E{y - 2000}") for y, r in
             ((2020, 3.4), (2021, 8.7), (2022, 3.2), (2023, 5.8), (2024, 5.9))]
    real = compound_cagr(gdp, first, last, rates)
    assert real is not None and real.phrase == "按可比价计算年均增长5.4%"
    assert real.figure.period == "2019—2024年" and len(real.figure.derived_from) == 5
    assert compound_cagr(gdp, first, last, rates[1:]) is None  # 2020 missing: no chain
    nominal = cagr(gdp, first, last)
    assert nominal is not None and nominal.phrase == "按现价计算年均增长5.9%"
    assert cagr_sentence(gdp, nominal, "全市") == "2019—2024年全市地区生产总值按现价计算年均增长5.9%"
    # a value not published at comparable prices keeps the plain wording
    sales = kind_ind("工业开票销售收入", "亿元", "总量")
    plain = cagr(sales, obs("2020年", 5000), obs("2024年", 8000, cell="D3"))
    assert plain is not None and plain.phrase.startswith("年均增长")
