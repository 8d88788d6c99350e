"""The dataset as plain, immutable values: what the rest of xzbrief reads, never the workbook."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from operator import attrgetter
from typing import Any

from xzbrief.dataset.indicator_kinds import IndicatorKind
from xzbrief.dataset.periods import Period


class Status(StrEnum):
    ACTUAL = "实际"
    ESTIMATE = "预计"
    TARGET = "目标"


STATUS_ALIASES: dict[str, Status] = {
    "": Status.ACTUAL, "实际": Status.ACTUAL, "实绩": Status.ACTUAL, "actual": Status.ACTUAL,
    "预计": Status.ESTIMATE, "预估": Status.ESTIMATE, "估计": Status.ESTIMATE,
    "estimate": Status.ESTIMATE,
    "目标": Status.TARGET, "计划": Status.TARGET, "target": Status.TARGET,
}

# Words a source puts around a number it does not give exactly. Prefix words stand before the
# number, suffix words after it (余 between number and unit: 150余项).
QUALIFIERS_BEFORE = ("约", "超", "超过", "突破", "近", "不足", "逾")
QUALIFIERS_AFTER = ("左右", "以上", "余")
QUALIFIERS = QUALIFIERS_BEFORE + QUALIFIERS_AFTER
# Qualifiers meaning "at least": such a value is a threshold, not a level to chart or compare.
LOWER_BOUNDS = ("超", "超过", "突破", "以上", "余", "逾")


_PERIOD = attrgetter("period")


def _sorted_by(items: list[Observation], keys: list[Any]) -> tuple[Observation, ...]:
    """``items`` in the order of ``keys`` (one per item), stable."""
    return tuple(map(items.__getitem__, sorted(range(len(items)), key=keys.__getitem__)))


def _slot_init(cls: type) -> type:
    """Give a frozen, slotted dataclass an ``__init__`` that stores each field through its
    slot directly. The generated one goes through ``object.__setattr__`` field by field (the
    price of ``frozen``): 1.6 s for a million Observations, against 0.8 s this way. Same
    parameters and defaults; the instance stays frozen (assigning to it later still raises)."""
    params, body, scope = [], [], {}
    for i, f in enumerate(fields(cls)):
        assert f.default_factory is MISSING, f"{cls.__name__}.{f.name}: no factories here"
        scope[f"_set{i}"] = cls.__dict__[f.name].__set__  # the slot's own descriptor
        if f.default is MISSING:
            params.append(f.name)
        else:
            scope[f"_default{i}"] = f.default
            params.append(f"{f.name}=_default{i}")
        body.append(f"    _set{i}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}) -> None:\n" + "\n".join(body), scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


@_slot_init
@dataclass(frozen=True, slots=True)  # one per value: 1,000,000 in a big workbook
class CellRef:
    """Where a value lives in the workbook, e.g. ``数据!D17``."""

    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"



@dataclass(frozen=True)
class Theme:
    name: str
    order: int
    intro: str = ""


@dataclass(frozen=True)
class Region:
    name: str
    parent: str = ""
    kind: str = ""
    order: int = 0


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    theme: str
    source: str = ""
    description: str = ""
    decimals: int | None = None
    parent: str = ""  # code of the total this indicator is a part of
    short_name: str = ""
    basis: str = ""  # 口径: how it is measured, e.g. 按可比价计算 (becomes a footnote)
    ref: CellRef | None = None  # the row's 指标编码 cell
    kind: IndicatorKind = IndicatorKind.LEVEL  # how its figures are worded
    kind_reason: str = ""  # empty when the 类型 column said it; else the inference rule
    key: bool = False  # 重点: leads 主要指标 after the recipe's own order
    pattern: str = ""  # 表述 with {值}: 「{值}家企业入选工信部再生资源综合利用规范企业」
    growth_code: str = ""  # the indicator holding this level's published growth rate
    growth_of: str = ""  # for a growth rate: the level it is the growth of
    source_org: str = ""  # 来源单位: 市统计局
    source_doc: str = ""  # 来源文件: 《2024年徐州市国民经济和社会发展统计公报》

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def is_rate(self) -> bool:
        """Rates and shares change by 百分点, not by %."""
        return self.unit.strip() in {"%", "‰", "个百分点"}


@_slot_init
@dataclass(frozen=True, slots=True)  # slots: a 1,000,000-row workbook holds one per row
class Observation:
    indicator: str
    region: str
    period: Period
    status: Status
    value: float | None  # None is a gap, never 0
    qualifier: str = ""
    note: str = ""
    source: str = ""
    ref: CellRef | None = None  # the value cell
    remark: str = ""  # the public 说明 of this figure (备注 ``note`` is internal)
    source_detail: str = ""  # the whole source string (URLs, files) for notes; ``source``
    # is the short 数据来源 a slide prints

    @property
    def is_bound(self) -> bool:
        """A 'more than' figure: fine to quote, wrong to chart or compute growth from."""
        return self.qualifier in LOWER_BOUNDS


@dataclass(frozen=True)
class Highlight:
    theme: str
    region: str
    period: Period | None
    text: str
    source: str = ""
    ref: CellRef | None = None


@dataclass(frozen=True)
class DatasetInfo:
    """Where the data came from, for provenance in decks."""

    file_name: str = ""
    sha256: str = ""
    modified: str = ""  # ISO 8601, local time of the file
    title: str = ""
    as_of: str = ""


@dataclass(frozen=True)
class Dataset:
    info: DatasetInfo
    themes: tuple[Theme, ...]
    regions: tuple[Region, ...]
    indicators: tuple[Indicator, ...]
    observations: tuple[Observation, ...]
    highlights: tuple[Highlight, ...] = field(default=())

    @cached_property
    def indicator_by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    @cached_property
    def _by_indicator(self) -> dict[str, tuple[Observation, ...]]:
        out: dict[str, list[Observation]] = {}
        for o in self.observations:
            found = out.get(o.indicator)
            if found is None:
                out[o.indicator] = [o]
            else:
                found.append(o)
        # a sort key per distinct period object (a few dozen), not per observation; looked
        # up and sorted by C-level maps (a Python key function per value was 0.4 s a million)
        keys = {id(p): p.sort_key for p in self._distinct_periods}
        return {k: _sorted_by(v, list(map(keys.__getitem__, map(id, map(_PERIOD, v)))))
                for k, v in out.items()}

    @cached_property
    def _distinct_periods(self) -> tuple[Period, ...]:
        """Each period object once (the loader makes one per period and written form)."""
        return tuple({id(o.period): o.period for o in self.observations}.values())

    def indicator(self, code: str) -> Indicator:
        return self.indicator_by_code[code]

    def indicators_of(self, theme: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.theme == theme)

    def observations_of(self, code: str, regions: Iterable[str] | None = None
                        ) -> tuple[Observation, ...]:
        """All observations of an indicator in period order, optionally for some regions."""
        obs = self._by_indicator.get(code, ())
        if regions is None:
            return obs
        wanted = set(regions)
        return tuple(o for o in obs if o.region in wanted)

    def highlights_of(self, theme: str) -> tuple[Highlight, ...]:
        return tuple(h for h in self.highlights if h.theme == theme)

    @cached_property
    def periods(self) -> tuple[Period, ...]:
        return tuple(sorted(set(self._distinct_periods), key=lambda p: p.sort_key))

    @cached_property
    def region_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.regions)

    @property
    def latest_period(self) -> Period | None:
        return self.periods[-1] if self.periods else None
