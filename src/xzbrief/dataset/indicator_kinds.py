"""What kind of figure an indicator is (总量 / 增速 / 比重 / 数量 / 指数 / 位次), which decides
how a deck words it (statistics-conventions.md). The 指标 column 类型 says it; when it is
empty the kind is inferred from the unit and the name, by these rules in this order:

1. unit 位 or 名, or a name ending in 位次 / 排名 / 排位 / 名次 -> 位次 (rank);
2. unit % or ‰ (or 个百分点) and a name with 增速 / 增长率 / 增幅 / 增长 / 同比 / 增减
   -> 增速 (growth rate);
3. any other % or ‰ -> 比重 (share, ratio, rate: 占比, 比重, 覆盖率 …);
4. a name with 指数 / 水平 / 得分 / 评分 and a unit that is empty, 点 or 分 -> 指数 (index);
5. an empty unit -> 指数;
6. a unit counting things (家 个 项 座 件 台 户 处 款 条 所 种 批 支 艘 辆, also with 万 in
   front) -> 数量 (count);
7. anything else (亿元, 万吨, 万人 …) -> 总量 (level).
"""

from __future__ import annotations

import re
from enum import StrEnum


class IndicatorKind(StrEnum):
    LEVEL = "总量"
    GROWTH = "增速"
    SHARE = "比重"
    COUNT = "数量"
    INDEX = "指数"
    RANK = "位次"


KIND_ALIASES: dict[str, IndicatorKind] = {
    **{k.value: k for k in IndicatorKind},
    "总额": IndicatorKind.LEVEL, "规模": IndicatorKind.LEVEL, "level": IndicatorKind.LEVEL,
    "增长率": IndicatorKind.GROWTH, "增幅": IndicatorKind.GROWTH,
    "growth": IndicatorKind.GROWTH,
    "占比": IndicatorKind.SHARE, "比率": IndicatorKind.SHARE, "share": IndicatorKind.SHARE,
    "个数": IndicatorKind.COUNT, "count": IndicatorKind.COUNT,
    "index": IndicatorKind.INDEX, "位次": IndicatorKind.RANK, "排名": IndicatorKind.RANK,
    "rank": IndicatorKind.RANK,
}
RATE_UNITS = ("%", "‰", "个百分点")
COUNT_UNITS = tuple("家个项座件台户处款条所种批支艘辆")
_GROWTH_WORDS = ("增速", "增长率", "增幅", "增长", "同比", "增减")
_INDEX_WORDS = ("指数", "水平", "得分", "评分")
_RANK_END = re.compile(r"(位次|排名|排位|名次)$")


def parse_kind(text: str) -> IndicatorKind | None:
    """The 类型 column's word, or None when it is not one we know."""
    return KIND_ALIASES.get(text.strip().lower())


def infer_kind(name: str, unit: str) -> tuple[IndicatorKind, str]:
    """(kind, the rule that decided it, in words for ``dataset check --explain``)."""
    unit = unit.strip()
    if unit in ("位", "名") or _RANK_END.search(name):
        return IndicatorKind.RANK, f"单位「{unit}」或名称以位次/排名结尾" if unit else \
            "名称以位次/排名结尾"
    if unit in RATE_UNITS:
        word = next((w for w in _GROWTH_WORDS if w in name), "")
        if word:
            return IndicatorKind.GROWTH, f"单位「{unit}」且名称含「{word}」"
        return IndicatorKind.SHARE, f"单位「{unit}」且名称不含增速、增长等字样"
    word = next((w for w in _INDEX_WORDS if w in name), "")
    if word and unit in ("", "点", "分"):
        return IndicatorKind.INDEX, f"名称含「{word}」且单位为空或点、分"
    if not unit:
        return IndicatorKind.INDEX, "单位为空"
    if unit.removeprefix("万").removeprefix("亿") in COUNT_UNITS:
        return IndicatorKind.COUNT, f"单位「{unit}」是计数单位"
    return IndicatorKind.LEVEL, f"单位「{unit}」是总量单位"


GROWTH_SUFFIXES = ("同比增长率", "同比增速", "同比增长", "增长率", "增速", "增幅", "增长")


def growth_subject(name: str) -> str:
    """The level a growth rate is of: 地区生产总值增速 -> 地区生产总值."""
    for suffix in GROWTH_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def count_subject(name: str) -> str:
    """What a count counts: 规上工业企业数量 -> 规上工业企业 (never 「数量达N家」)."""
    for suffix in ("数量", "个数", "总数"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
