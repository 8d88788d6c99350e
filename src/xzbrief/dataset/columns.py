"""The workbook contract: which sheets and columns xzbrief reads, and how headers are found.

Headers may sit below merged title rows; Chinese and English names are accepted
(``docs/dataset.md`` lists them). This table is the single place that knows them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

SHEET_INDICATORS = "指标"
SHEET_DATA_PREFIX = "数据"
SHEET_HIGHLIGHTS = "要点"
SHEET_THEMES = "专题"
SHEET_REGIONS = "地区"
HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Column:
    key: str
    names: tuple[str, ...]  # first is the canonical Chinese header
    required: bool = False
    help_zh: str = ""
    help_en: str = ""

    @property
    def header(self) -> str:
        return self.names[0]


def _c(key: str, names: str, required: bool = False, zh: str = "", en: str = "") -> Column:
    return Column(key, tuple(names.split("|")), required, zh, en)


INDICATOR_COLUMNS = (
    _c("code", "指标编码|编码|指标代码|code|indicatorcode|indicator", True,
       "唯一的指标编码,如 CY01;数据表用它引用指标", "unique indicator code"),
    _c("name", "指标名称|名称|name|indicatorname", True, "指标全称", "indicator name"),
    _c("unit", "单位|计量单位|unit", True, "计量单位,如 亿元、家、个、%;指数类可留空",
       "unit, e.g. 亿元, 家, %; empty for an index"),
    _c("theme", "专题|主题|theme", True, "所属专题,须与「专题」表一致", "theme"),
    _c("source", "来源|数据来源|source", False, "数据来源,显示在每页脚注", "source"),
    _c("description", "说明|指标说明|定义|description", False, "指标定义或说明", "definition"),
    _c("decimals", "小数位|小数位数|decimals", False, "显示的小数位数(0—6);留空按原值",
       "decimals to show"),
    _c("parent", "上级指标|上级|parent", False, "若为某总量的分项,填总量的指标编码",
       "code of the total this is a part of"),
    _c("short_name", "简称|short|shortname", False, "图表中使用的简称(建议不超过6个字)",
       "short label for charts"),
    _c("basis", "口径|统计口径|basis", False, "口径说明,作为脚注,如「按可比价计算」",
       "measurement basis, shown as a footnote"),
    _c("kind", "类型|指标类型|kind", False,
       "总量 / 增速 / 比重 / 数量 / 指数 / 位次;决定汇报的措辞。留空按单位和名称推断",
       "level / growth / share / count / index / rank; inferred when empty"),
    _c("key", "重点|重点指标|key", False, "是 / 否;「是」的指标在主要指标页优先",
       "是 puts the indicator first on 主要指标"),
    _c("pattern", "表述|句式|pattern", False,
       "数字的写法,{值} 处填数值,如「{值}家企业入选工信部再生资源综合利用规范企业」",
       "how the figure is written, {值} for the number"),
    _c("growth_code", "增速指标|增速编码|growthcode", False,
       "本指标增速所在行的指标编码;汇报中「X亿元,增长Y%」连写",
       "code of this level's growth rate, written together with it"),
    _c("source_org", "来源单位|发布单位|sourceorg", False, "来源单位,如「市统计局」;脚注用",
       "publishing organisation"),
    _c("source_doc", "来源文件|来源文献|sourcedoc", False,
       "来源文件,如「《2024年徐州市国民经济和社会发展统计公报》」;脚注用",
       "publication"),
)

DATA_COLUMNS = (
    _c("code", "指标编码|编码|指标代码|code|indicatorcode|indicator", True, "指标编码", "code"),
    _c("region", "地区|区域|region", True, "地区名称,如 徐州市", "region"),
    _c("period", "期间|时期|时间|period", True,
       "如 2025年、2025年11月、2025年1—11月、2025年三季度、2021—2025年", "period"),
    _c("value", "数值|值|value", True, "只填数字;留空表示缺数(不会当作0)", "the number"),
    _c("status", "状态|status", False, "实际 / 预计 / 目标;留空为实际",
       "actual / estimate / target"),
    _c("note", "备注|note|internal", False, "内部备注(工作记录、出处编号),不会出现在汇报中",
       "internal remark, never in a deck"),
    _c("remark", "说明|公开说明|remark", False, "对外的说明,显示在数字旁,如「国内销量第一」",
       "public remark shown by the figure"),
    _c("unit", "单位|unit", False, "可不填;填写时须与指标表一致", "must match 指标"),
    _c("qualifier", "限定|限定词|qualifier", False,
       "原文的约数用语:约、左右、超、超过、以上、余、突破、近、不足", "approximation word"),
    _c("source", "来源|数据来源|source", False, "本行的来源;留空用指标的来源", "row source"),
)
WIDE_KEYS = ("code", "region", "note", "remark", "unit", "qualifier", "source")

HIGHLIGHT_COLUMNS = (
    _c("theme", "专题|主题|theme", True, "所属专题", "theme"),
    _c("region", "地区|region", False, "地区;留空为全市", "region"),
    _c("period", "期间|时期|period", False, "期间", "period"),
    _c("text", "要点|内容|亮点|highlight|text", True, "一句话的成绩或亮点", "highlight"),
    _c("source", "来源|数据来源|source", False, "来源", "source"),
)

THEME_COLUMNS = (
    _c("name", "专题|名称|专题名称|theme|name", True, "专题名称", "theme name"),
    _c("order", "顺序|排序|order", False, "在汇报中的顺序", "order"),
    _c("intro", "导语|简介|intro", False, "专题开头的一句话", "intro sentence"),
)

REGION_COLUMNS = (
    _c("name", "地区|名称|地区名称|region|name", True, "地区名称", "region name"),
    _c("parent", "上级|上级地区|parent", False, "上级地区", "parent region"),
    _c("kind", "类型|类别|kind|type", False, "市 / 县(市) / 区 / 开发区", "kind"),
    _c("order", "顺序|排序|order", False, "排列顺序", "order"),
)


def normalise_header(value: Any) -> str:
    """Compare headers by content: NFKC, no spaces, no required-marks, lower case."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    text = re.sub(r"[\s_\-*]+", "", text)
    return re.sub(r"\((必填|选填|可选|required|optional)\)$", "", text)


def match_columns(row: list[Any], columns: tuple[Column, ...]) -> dict[str, int]:
    """Map column keys to indices for one candidate header row (first match wins)."""
    lookup = {normalise_header(n): col.key for col in columns for n in col.names}
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        key = lookup.get(normalise_header(cell))
        if key and key not in found:
            found[key] = i
    return found


def find_header(rows: list[list[Any]], columns: tuple[Column, ...],
                extra: tuple[str, ...] = ()) -> tuple[int, dict[str, int]] | None:
    """The first row within the first 30 that holds every required column (or the best)."""
    required = {c.key for c in columns if c.required} - set(extra)
    best: tuple[int, dict[str, int]] | None = None
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = match_columns(row, columns)
        if required <= set(found):
            return r, found
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (r, found)
    return best

# The blank template's title row: a workbook still showing it has not been given a title.
TEMPLATE_TITLE = "指标库(请把本行改为单位名称和指标库名称)"
