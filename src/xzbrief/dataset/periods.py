"""Periods as Chinese statistical offices write them, normalised to one type.

Kinds (what a figure covers, and so what it may be compared or charted with):

- YEAR ``2025`` / ``2025年`` / ``2025年度``;
- MONTH, a single month: ``2025年11月`` / ``2025-11`` / ``2025.11`` / ``2025年4月当月``, real
  date cells;
- YTD, cumulative from January to month ``index``: ``2025年1—11月`` / ``2025年1-11月`` /
  ``2025年前11个月`` / ``2025年1—11月累计``, and the quarter-based cumulative spans as GDP is
  compiled: ``2025年一季度`` (1—3月), ``2025年上半年`` / ``2025H1`` (1—6月), ``2025年前三季度``
  (1—9月), ``2025年1—2季度`` / ``2025年1—3季度``;
- QUARTER, a single quarter: ``2025年二季度`` / ``2025年第三季度`` / ``2025年四季度`` /
  ``2025Q3``, and ``2025Q1`` (a code keeps its quarter single). The first quarter written in
  Chinese (``一季度``) is the cumulative 1—3月, the same three months as the single Q1.

Single quarters and quarter-based cumulative spans are two kinds and never one series:
二季度、三季度、四季度 (each three months) against 上半年、前三季度 (from January). A chart draws
either the single quarters (一季度 opens them as Q1 when the workbook holds single quarters:
series.candidate_series) or one year's cumulative spans (一季度, 上半年, 前三季度), never both
on one axis; a single quarter's rate is compared with the single quarter before it
(三季度 比二季度), a cumulative one with the cumulative span before it (前三季度 比上半年) —
never 前三季度 比二季度. ``Period.months`` says which months a period covers, so that a
一季度 drawn as Q1 is known to be shown.
- HALF, the single second half: ``2025年下半年`` / ``2025H2``;
- SPAN, several whole years: ``2021—2025年`` and the plans ``十四五`` / ``“十四五”时期``.

A period keeps the workbook's own written form (``form``) and writes it back as written:
前三季度 stays 前三季度, never 1—9月; ``form`` takes no part in equality, so 2025年前三季度 and
2025年1—9月 are the same period.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    YTD = "ytd"  # cumulative from January to month `index`
    SPAN = "span"  # several whole years, year .. end_year


_KIND_RANK = {kind: i for i, kind in enumerate(PeriodKind)}
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
CN_QUARTER = {1: "一", 2: "二", 3: "三", 4: "四"}
# Five-Year Plans by name; the 13th ended in 2020.
PLANS = {"十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
EM_DASH = "—"


class PeriodError(ValueError):
    """Not a period we understand; ``code`` names the message in the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    year: int
    index: int = 0  # half 1–2, quarter 1–4, month 1–12, ytd end month
    end_year: int = 0  # SPAN only
    # the workbook's own words after the year (前三季度, 上半年, 4月当月, “十四五”时期); empty
    # for the standard spelling. Written back as written; not part of equality.
    form: str = field(default="", compare=False)

    @property
    def is_cumulative(self) -> bool:
        """A 累计 figure from January (1—N月, 一季度, 上半年, 前三季度)."""
        return self.kind is PeriodKind.YTD

    @property
    def quarter_based(self) -> bool:
        """A cumulative span written by quarters (一季度, 上半年, 前三季度, 1—3季度)."""
        return (self.kind is PeriodKind.YTD and "季" in self.form) or self.form == "上半年"

    @property
    def span_label(self) -> str:
        """The period without its year, as a comparison names it: 1—9月, 前三季度, 4月."""
        if self.kind is PeriodKind.SPAN:
            return self.label
        return self.label.removeprefix(f"{self.year}年")

    @property
    def label(self) -> str:
        """The period as a briefing writes it (2025年, 2025年1—11月, 2025年前三季度,
        2021—2025年): the workbook's own form when it has one."""
        y = f"{self.year}年"
        if self.form:
            return self.form if self.kind is PeriodKind.SPAN else y + self.form
        match self.kind:
            case PeriodKind.YEAR:
                return y
            case PeriodKind.HALF:
                return y + ("上半年" if self.index == 1 else "下半年")
            case PeriodKind.QUARTER:
                return f"{y}{CN_QUARTER[self.index]}季度"
            case PeriodKind.MONTH:
                return f"{y}{self.index}月"
            case PeriodKind.YTD:
                return f"{y}1{EM_DASH}{self.index}月" if self.index > 1 else f"{y}1月"
            case PeriodKind.SPAN:
                return f"{self.year}{EM_DASH}{self.end_year}年"
        raise AssertionError(self.kind)  # pragma: no cover

    @property
    def short_label(self) -> str:
        """A compact label for chart categories (2025, 2025.11, 2025Q3)."""
        match self.kind:
            case PeriodKind.YEAR:
                return f"{self.year}年"
            case PeriodKind.MONTH:
                return f"{self.year}.{self.index}"
            case PeriodKind.QUARTER:
                return f"{self.year}Q{self.index}"
            case PeriodKind.HALF:
                return f"{self.year}H{self.index}"
            case _:
                return self.label

    def with_year(self, year: int) -> Period:
        """The same span in another year, in the same written form."""
        return Period(self.kind, year, self.index, self.end_year, self.form)

    @property
    def end_month(self) -> int:
        """The last month covered, for ordering and for 'should now have actuals' checks."""
        match self.kind:
            case PeriodKind.YEAR | PeriodKind.SPAN:
                return 12
            case PeriodKind.HALF:
                return 6 * self.index
            case PeriodKind.QUARTER:
                return 3 * self.index
            case _:
                return self.index

    @property
    def start_month(self) -> int:
        """The first month covered (a year and a year-to-date start in January)."""
        match self.kind:
            case PeriodKind.HALF:
                return 6 * self.index - 5
            case PeriodKind.QUARTER:
                return 3 * self.index - 2
            case PeriodKind.MONTH:
                return self.index
            case _:
                return 1

    @property
    def first_key(self) -> tuple[int, int]:
        """(year, month) the period starts."""
        return (self.year, self.start_month)

    @property
    def last_key(self) -> tuple[int, int]:
        """(year, month) the period ends."""
        return (self.last_year, self.end_month)

    @property
    def months(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The months covered, first and last: 一季度 (cumulative) and 2025Q1 (single) cover
        the same three months, so one figure of them is drawn once."""
        return (self.first_key, self.last_key)

    def within(self, start: Period | None, end: Period | None) -> bool:
        """Inside a range 「从 start 到 end」: from 2025 takes in 2025年3月 and 2025年1—6月."""
        if start is not None and self.first_key < start.first_key:
            return False
        return not (end is not None and self.last_key > end.last_key)

    @property
    def last_year(self) -> int:
        return self.end_year if self.kind is PeriodKind.SPAN else self.year

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological order: by end, then the longer period first."""
        return (self.last_year, self.end_month, -(self.last_year - self.year),
                _KIND_RANK[self.kind])

    def same_period_last_year(self) -> Period | None:
        """The base of a 同比 comparison."""
        if self.kind is PeriodKind.SPAN:
            return None
        return self.with_year(self.year - 1)

    def previous(self) -> Period | None:
        """The base of a 较上期 (环比) comparison; None where it has no meaning."""
        match self.kind:
            case PeriodKind.YEAR:
                return Period(self.kind, self.year - 1)
            case PeriodKind.MONTH | PeriodKind.QUARTER | PeriodKind.HALF:
                if self.index > 1:
                    return Period(self.kind, self.year, self.index - 1)
                last = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}
                return Period(self.kind, self.year - 1, last[self.kind])
            case _:
                return None

    def __str__(self) -> str:
        return self.label


_DASHES = "\u2014\u2013\u2012\u2015\u2212\u301c\uff5e~-"
_RE_YEAR = re.compile(r"^(\d{4})(?:年(?:度)?)?$")
_RE_MONTH = re.compile(r"^(\d{4})(?:年|[-./])(\d{1,2})(月?(?:份)?(?:当月)?)$")
_RE_YTD = re.compile(
    r"^(\d{4})年?(?:1月?[" + _DASHES + r"](\d{1,2})月|前(\d{1,2})(?:个)?月)(?:累计)?$")
_RE_QUARTER = re.compile(r"^(\d{4})(?:年(第?)([一二三四1234])季度|[Qq]([1-4]))$")
_RE_H = re.compile(r"^(\d{4})(?:年(上|下)半年|[Hh]([12]))(?:累计)?$")
_RE_FIRST3Q = re.compile(r"^(\d{4})年(前三季度|1[" + _DASHES + r"]([234])季度)(?:累计)?$")
_RE_SPAN = re.compile(r"^(\d{4})年?[" + _DASHES + r"](\d{4})年?$")
_RE_PLAN = re.compile(r"^[“\"'‘]?(十[二三四五]五)[”\"'’]?(?:时期|期间|规划期)?$")


def _year(text: str) -> int:
    y = int(text)
    if not 1900 <= y <= 2100:
        raise PeriodError("period-year-range", year=y)
    return y


def parse_period(value: object) -> Period:
    """Read a period from a cell value; raises PeriodError saying what is wrong."""
    if isinstance(value, bool):
        raise PeriodError("period-unknown", value=value)
    if isinstance(value, dt.datetime | dt.date):
        return Period(PeriodKind.MONTH, _year(str(value.year)), value.month)
    if isinstance(value, int | float):
        if float(value).is_integer():
            return Period(PeriodKind.YEAR, _year(str(int(value))))
        raise PeriodError("period-unknown", value=value)
    if not isinstance(value, str):
        raise PeriodError("period-unknown", value=value)
    text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    if not text:
        raise PeriodError("period-empty")
    if m := _RE_YEAR.match(text):
        return Period(PeriodKind.YEAR, _year(m[1]))
    if m := _RE_MONTH.match(text):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError("period-month-range", month=month)
        form = f"{month}月当月" if m[3].endswith("当月") else ""
        return Period(PeriodKind.MONTH, _year(m[1]), month, form=form)
    if m := _RE_YTD.match(text):
        month = int(m[2] or m[3])
        if not 1 <= month <= 12:
            raise PeriodError("period-month-range", month=month)
        return Period(PeriodKind.YTD, _year(m[1]), month)
    if m := _RE_FIRST3Q.match(text):
        quarters = int(m[3]) if m[3] else 3
        form = "前三季度" if not m[3] else f"1{EM_DASH}{quarters}季度"
        return Period(PeriodKind.YTD, _year(m[1]), 3 * quarters, form=form)
    if m := _RE_QUARTER.match(text):
        q = m[3] or m[4]
        quarter = CN_DIGITS.get(q) or int(q)
        if quarter == 1 and m[3]:  # 一季度 as releases write it: January to March, cumulative
            return Period(PeriodKind.YTD, _year(m[1]), 3, form="一季度")
        return Period(PeriodKind.QUARTER, _year(m[1]), quarter)
    if m := _RE_H.match(text):
        if m[2] == "上" or m[3] == "1":  # 上半年 is the cumulative January–June
            return Period(PeriodKind.YTD, _year(m[1]), 6, form="上半年")
        return Period(PeriodKind.HALF, _year(m[1]), 2)
    if m := _RE_SPAN.match(text):
        start, end = _year(m[1]), _year(m[2])
        if end <= start:
            raise PeriodError("period-span-order", start=start, end=end)
        return Period(PeriodKind.SPAN, start, 0, end)
    if m := _RE_PLAN.match(text):
        start = PLANS[m[1]]
        return Period(PeriodKind.SPAN, start, 0, start + 4, form=f"“{m[1]}”时期")
    raise PeriodError("period-unknown", value=value)


def parse_period_header(text: str, statuses: Iterable[str]) -> tuple[Period, str | None]:
    """A wide-form column header: a period with an optional status word (one of
    ``statuses``, the words the 状态 column takes), e.g. ``2025年(预计)``."""
    norm = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    status = None
    words = "|".join(re.escape(w) for w in sorted(statuses, key=len, reverse=True) if w)
    m = re.match(rf"^(.*?)[(\[【]?({words})[)\]】]?$", norm, re.IGNORECASE)
    if m and m[1]:
        norm, status = m[1], m[2]
    return parse_period(norm), status
