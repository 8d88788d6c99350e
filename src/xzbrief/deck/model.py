"""The deck model: what each slide says and shows, as plain data (no geometry, no pptx, no Qt).

A closed set of slide kinds, like pandoc's presentation model. Charts are data (categories,
series, status per point); every number shown is a ``Figure`` that knows its source cell, so
notes, the 数据核对表 appendix and deck diffs all speak from the same facts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from xzbrief.dataset.model import CellRef, Status
from xzbrief.messages import Note


@dataclass(frozen=True)
class Figure:
    """One number as it appears in the deck, with where it came from."""

    label: str  # what it is: 工业开票销售收入
    text: str  # as shown: 9000亿元左右 / 同比增长54.8%
    value: float | None
    unit: str
    status: Status = Status.ACTUAL
    period: str = ""
    region: str = ""
    source: str = ""
    ref: CellRef | None = None  # the workbook cell (None for derived numbers)
    derived_from: tuple[CellRef, ...] = ()  # inputs of a computed number
    method: str = ""  # how a derived number was computed, in words
    source_detail: str = ""  # the workbook's whole source (URLs, files): notes only

    @property
    def is_estimate(self) -> bool:
        return self.status is Status.ESTIMATE

    @property
    def where(self) -> str:
        if self.ref is not None:
            return str(self.ref)
        if self.derived_from:
            return "由 " + "、".join(str(r) for r in self.derived_from) + " 计算"
        return ""


class ChartKind(StrEnum):
    BAR = "bar"  # clustered columns
    HBAR = "hbar"  # horizontal bars, ranked (regions)
    STACKED = "stacked"  # stacked columns (parts of a total over time)
    LINE = "line"
    BAR_LINE = "bar_line"  # columns + growth line on a secondary axis
    DOUGHNUT = "doughnut"  # parts of a total at one period


class Axis(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # finite floats or None (a gap), one per category
    unit: str
    decimals: int | None = None
    statuses: tuple[Status, ...] = ()  # per point; estimates are drawn lighter
    axis: Axis = Axis.PRIMARY
    as_line: bool = False  # in a BAR_LINE chart
    figures: tuple[Figure | None, ...] = ()  # provenance per point

    def __post_init__(self) -> None:
        for v in self.values:
            if v is not None and (not isinstance(v, float) or not math.isfinite(v)):
                raise ValueError(f"series {self.name!r}: only finite floats or None, got {v!r}")
        if self.statuses and len(self.statuses) != len(self.values):
            raise ValueError(f"series {self.name!r}: {len(self.statuses)} statuses for "
                             f"{len(self.values)} values")

    @property
    def is_target(self) -> bool:
        """A target series: drawn as a dashed outline, without labels of its own."""
        return bool(self.statuses) and all(st is Status.TARGET for st in self.statuses)


@dataclass(frozen=True)
class Reference:
    """A figure a ranking is read against (the city's own rate among its districts)."""

    label: str  # 徐州市
    value: float
    text: str  # as shown beside the line: 徐州市 7.5%
    figure: Figure | None = None


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    title: str  # the indicator name, with unit: 工业开票销售收入(亿元)
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt_text: str = ""
    groups: tuple[str, ...] = ()  # a second label level per category (the year of a month)
    reference: Reference | None = None  # a ranking's line for the parent region

    def __post_init__(self) -> None:
        if self.groups and len(self.groups) != len(self.categories):
            raise ValueError(f"chart {self.title!r}: {len(self.groups)} group labels for "
                             f"{len(self.categories)} categories")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(f"chart {self.title!r}: series {s.name!r} has "
                                 f"{len(s.values)} points for {len(self.categories)} categories")


@dataclass(frozen=True)
class Card:
    """A key figure: the number big, unit at half size, its change and 预计 tag."""

    label: str
    figure: Figure
    before: str  # qualifier before the number (约 / 超 …)
    number: str
    after: str  # unit and qualifier after the number
    change: Figure | None = None  # 同比增长54.8%
    note: str = ""  # the workbook's 备注 (or the base of the change), shown small
    base: Figure | None = None  # the value the change is measured from, when the note shows it


def card_figures(cards: tuple[Card, ...] | list[Card]) -> list[Figure]:
    """The numbers a set of cards shows: levels first, then changes and their bases."""
    return ([c.figure for c in cards] + [c.change for c in cards if c.change]
            + [c.base for c in cards if c.base])


@dataclass(frozen=True)
class TableCell:
    text: str
    figure: Figure | None = None
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[TableCell, ...], ...]

    def __post_init__(self) -> None:
        if not self.columns:
            raise ValueError("a table needs at least one column")
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError("every table row needs one cell per column")


def table_numeric(table: Table) -> tuple[bool, ...]:
    """Columns whose every cell is a number (right-aligned, kept whole when squeezed)."""
    return tuple(bool(table.rows) and all(row[c].numeric for row in table.rows)
                 for c in range(len(table.columns)))


class SlideKind(StrEnum):
    COVER = "cover"
    AGENDA = "agenda"
    SECTION = "section"
    KEY_FIGURES = "key_figures"
    CHART = "chart"
    TABLE = "table"
    HIGHLIGHTS = "highlights"
    TEXT = "text"
    CLOSING = "closing"


@dataclass(frozen=True)
class Slide:
    """Fields every slide has; the kind decides which of the content fields are used."""

    kind: SlideKind
    title: str
    section: str = ""  # the theme this slide belongs to
    subtitle: str = ""  # cover: subtitle; section: intro sentence
    lines: tuple[str, ...] = ()  # agenda items, highlights, text paragraphs, chart bullets
    cards: tuple[Card, ...] = ()
    # key figures: every sentence of the cards, for a document, when the slide leaves some to
    # its speaker notes (a sentence that only repeats its card)
    prose: tuple[str, ...] = ()
    chart: Chart | None = None
    table: Table | None = None
    footnotes: tuple[str, ...] = ()
    notes: str = ""  # speaker notes
    figures: tuple[Figure, ...] = ()  # every number shown, for provenance and diffs
    organisation: str = ""  # cover
    date: str = ""  # cover

    def __post_init__(self) -> None:
        needs = {SlideKind.CHART: self.chart, SlideKind.TABLE: self.table}
        if self.kind in needs and needs[self.kind] is None:
            raise ValueError(f"a {self.kind} slide needs its {self.kind.value}")
        if self.kind is SlideKind.KEY_FIGURES and not self.cards:
            raise ValueError("a key-figures slide needs cards")


@dataclass(frozen=True)
class DeckInfo:
    """What the deck was made from, stored in the file so it can be traced and diffed."""

    title: str
    dataset_file: str = ""
    dataset_sha256: str = ""
    dataset_modified: str = ""
    recipe_toml: str = ""
    brand: str = ""
    marking: str = ""
    numbering: str = "一、"  # heading style; text pages number their paragraphs (一) or 1.
    generator: str = "xzbrief"


@dataclass(frozen=True)
class Deck:
    info: DeckInfo
    slides: tuple[Slide, ...]
    warnings: tuple[Note, ...] = field(default=())
    # in the recipe's range but on no slide (a capped 主要指标 table, earlier periods): the
    # companion workbook lists them, so nothing is dropped without a trace
    unshown: tuple[Figure, ...] = field(default=())

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in self.slides for f in s.figures)
