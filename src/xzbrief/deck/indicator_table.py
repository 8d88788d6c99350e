"""主要指标完成情况表: every chosen indicator's latest figure in one table, theme by theme.

Columns: 指标, (地区, 期间 when they vary), 单位, 本期, 增长(%) or 增减(个百分点) against the same
period a year before (a count, index or rank: 增减 in its own words, 增加323家 / 提高1.9 /
前移1位), 比上期 (个百分点, for rates of cumulative spans), 全省 where the workbook has
the province's figure, 位次 where it has an indicator 「……位次」 (unit 位), 年度目标 and 完成进度
where it has targets. A column with nothing in
it is left out. Pages are filled as far as the table reads at 14 pt, and an indicator's rows
(its regions) never split across a page break. 重点 indicators come first; a big workbook's
table stops after MAX_PAGES pages with a line naming how many indicators are left out and
where to read them (the build's warnings name them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from xzbrief.dataset.indicator_kinds import IndicatorKind
from xzbrief.dataset.model import Dataset, Indicator, Observation, Status
from xzbrief.dataset.numbers import decimals_of
from xzbrief.dataset.periods import Period, PeriodKind
from xzbrief.deck import grid
from xzbrief.deck.model import Figure, Slide, SlideKind, Table, TableCell
from xzbrief.deck.narrative import (
    change_word,
    compare,
    completion,
    level_figure,
    region_label,
    series_decimals,
)
from xzbrief.deck.notes import footnotes
from xzbrief.deck.selection import Selection, region_of
from xzbrief.deck.textfit import TABLE_MAX, fit_table
from xzbrief.deck.theme_base import Fact
from xzbrief.deck.theme_slides import IndicatorFacts
from xzbrief.deck.wording import format_number, format_rate

TABLE_TITLE = "主要指标完成情况"
READABLE = TABLE_MAX  # rows per page: as many as read at this size
MAX_PAGES = 3  # a table an official reads through; the rest is named, not shown
CAP_LINE_ROOM = grid.TABLE_LINE_SIZE * 1.5 + 8 + 1  # the line under the last page's table


@dataclass(frozen=True)
class _Row:
    group: str  # the indicator code: its rows stay on one page
    cells: dict[str, TableCell]
    figures: tuple[Figure, ...]
    yearly: bool = True  # a year's figure (its target is a 年度目标)
    said: tuple[tuple[str, str], ...] = ()  # change column -> its words (比上年增长54.8%)


def _number(ind: Indicator, obs: Observation) -> str:
    """The value without its unit (the unit has a column), with the source's own words."""
    assert obs.value is not None
    # at the precision the slides use (at most two decimals for a level; the notes keep more)
    number = format_number(obs.value, series_decimals(ind, [obs.value]))
    if obs.qualifier in ("约", "超", "超过", "突破", "近", "不足", "逾"):
        return obs.qualifier + number
    return number + obs.qualifier


def _previous_span(period: Period) -> Period | None:
    """1—10月 -> 1—9月 (the previous cumulative span of the same year), 前三季度 -> 上半年 (GDP
    is compiled by quarter), months -> last month."""
    if period.kind is PeriodKind.YTD and period.quarter_based:  # 前三季度 -> 上半年
        return Period(period.kind, period.year, period.index - 3) if period.index > 3 else None
    if period.kind is PeriodKind.YTD:
        return Period(period.kind, period.year, period.index - 1) if period.index > 2 else None
    if period.kind is PeriodKind.YEAR:
        return None  # the previous year is the 比上年 column already
    return period.previous()


def _parent_value(dataset: Dataset, ind: Indicator, obs: Observation
                  ) -> tuple[str, Observation] | None:
    """The figure of the region one level up (全省), same indicator and period."""
    region = region_of(dataset, obs.region)
    if region is None or not region.parent:
        return None
    parent = region_of(dataset, region.parent)
    if parent is None:
        return None
    match = next((o for o in dataset.observations_of(ind.code, [parent.name])
                  if o.period == obs.period and o.status is not Status.TARGET
                  and o.value is not None), None)
    if match is None:
        return None
    if not ((parent.kind or "").endswith("省") or parent.name.endswith("省")):
        return None  # a district's row is not compared with the city in this table
    return "全省", match


def _row(dataset: Dataset, fact: Fact, all_obs: Sequence[Observation]) -> _Row:
    ind, obs = fact.ind, fact.obs
    level = level_figure(ind, obs, fact.label)
    cells: dict[str, TableCell] = {
        "指标": TableCell(ind.name),
        "地区": TableCell(region_label(region_of(dataset, obs.region), obs.region)),
        "期间": TableCell(obs.period.label),
        "单位": TableCell(ind.unit or "—"),
        "本期": TableCell(_number(ind, obs), level, numeric=True),
        "状态": TableCell("预计" if obs.status is Status.ESTIMATE else ""),
    }
    figures = [level]
    said: list[tuple[str, str]] = []
    change = fact.change
    before = obs.period.same_period_last_year()
    published = (change is not None and change.base is None and not ind.is_rate
                 and change.figure.unit == "%" and change.figure.period == obs.period.label
                 and change.figure.value is not None)  # the level's own 增速指标 (可比价)
    if published and change is not None and change.figure.value is not None:
        cells["增长(%)"] = TableCell(format_rate(change.figure.value), change.figure,
                                   numeric=True)
        said.append(("增长(%)", change.phrase.split(",")[0]))
        figures.append(change.figure)
    elif (change is not None and change.base is not None and change.figure.value is not None
            and before is not None and change.base.period == before.label):
        value = change.figure.value  # a change of a rate keeps its inputs' decimals (0.15)
        if ind.is_rate:
            cells["增减(个百分点)"] = TableCell(format_number(value, max(1, decimals_of(value))),
                                            change.figure, numeric=True)
        elif change.figure.unit == "%":
            cells["增长(%)"] = TableCell(format_rate(value), change.figure, numeric=True)
        else:  # a count, an index or a rank changes in its own unit: 增加323家, 前移1位
            word = change_word(obs.period.kind)
            cells["增减"] = TableCell(change.phrase.split(",")[0].removeprefix(word),
                                    change.figure)
        said += [(column, change.phrase.split(",")[0]) for column in CHANGES
                 if column in cells]
        figures.append(change.figure)
    earlier = _previous_span(obs.period)
    if ind.is_rate and earlier is not None:
        base = next((o for o in all_obs if o.period == earlier and o.region == obs.region
                     and o.status is not Status.TARGET and o.value is not None), None)
        step = compare(ind, obs, base, "比上期") if base is not None else None
        if base is not None and step is not None and step.figure.value is not None:
            value = step.figure.value
            cells["比上期(个百分点)"] = TableCell(format_number(value, max(1, decimals_of(value))),
                                              step.figure, numeric=True)
            # in words, the span as the workbook writes it: 比上半年提高0.2个百分点
            named = compare(ind, obs, base, f"比{base.period.span_label}")
            said.append(("比上期(个百分点)", (named or step).phrase.split(",")[0]))
            figures.append(step.figure)
    parent = _parent_value(dataset, ind, obs)
    if parent is not None:
        heading, other = parent
        fig = level_figure(ind, other, f"{other.region}{ind.name}")
        cells[heading] = TableCell(_number(ind, other), fig, numeric=True)
        figures.append(fig)
    target = next((t for t in all_obs if t.status is Status.TARGET and t.region == obs.region
                   and t.period == obs.period and t.value is not None), None)
    if target is not None:
        fig = level_figure(ind, target, f"{ind.name}目标")
        cells["年度目标"] = TableCell(_number(ind, target), fig, numeric=True)
        figures.append(fig)
        done = completion(ind, obs, target)
        if done is not None:
            cells["完成进度"] = TableCell(done.figure.text, done.figure, numeric=True)
            figures.append(done.figure)
    return _Row(ind.code, cells, tuple(figures), obs.period.kind is PeriodKind.YEAR,
                tuple(said))


CHANGES = ("增长(%)", "增减(个百分点)", "增减", "比上期(个百分点)")
FEW_CHANGES = 4  # fewer than one row in this many has a change: the changes become words
SPARSE_KINDS = 3  # or this many kinds of change are used, each in fewer than one row in
SPARSE_CHANGES = 2  # this many: the changes become words too


def _filled(rows: Sequence[_Row], column: str) -> int:
    return sum(1 for r in rows if r.cells.get(column, TableCell("")).text)


def _fold_few_changes(rows: list[_Row]) -> list[_Row]:
    """Change columns that would be blank most of the way down are written in words in the
    说明 column instead (「预计比上年增长54.8%」, 「比上半年提高0.2个百分点」), nothing
    computed that was not there before. Two cases: few rows have a change (the shipped
    workbook: 54.8% for one row of 23), or the changes are of several kinds, each for few
    rows (the bureau's 增长, 增减(个百分点), 增减 and 比上期: four mostly blank columns that
    squeezed the table)."""
    with_change = sum(1 for r in rows if any(r.cells.get(c, TableCell("")).text
                                             for c in CHANGES))
    used = [c for c in CHANGES if _filled(rows, c)]
    few = with_change * FEW_CHANGES < len(rows)
    sparse = len(used) >= SPARSE_KINDS and all(_filled(rows, c) * SPARSE_CHANGES < len(rows)
                                               for c in used)
    if not with_change or not (few or sparse):
        return rows
    out = []
    for r in rows:
        words = [w for column, w in r.said if r.cells.get(column, TableCell("")).text]
        cells = {k: v for k, v in r.cells.items() if k not in CHANGES}
        if words:
            status = cells.get("状态", TableCell("")).text
            cells["状态"] = TableCell(status + "，".join(words))
        out.append(replace(r, cells=cells))
    return out


ORDER = ("指标", "地区", "期间", "单位", "本期", "状态", "增长(%)", "增减(个百分点)", "增减",
         "比上期(个百分点)", "全省", "位次")
RANK_UNITS = ("位", "名")


def _is_rank(ind: Indicator) -> bool:
    return ind.kind is IndicatorKind.RANK or ind.unit.strip() in RANK_UNITS


def _with_ranks(rows: list[_Row], facts: list[Fact]) -> list[_Row]:
    """An indicator 「……位次」 (unit 位) becomes the 位次 column of the indicator whose name it
    starts with, same region and period: 「第3位」 beside the figure it ranks."""
    out = list(rows)
    for k, fact in enumerate(facts):
        if not _is_rank(fact.ind) or fact.obs.value is None:
            continue
        owners = [j for j, f in enumerate(facts) if j != k and not _is_rank(f.ind)
                  and fact.ind.name.startswith(f.ind.name)
                  and f.obs.region == fact.obs.region and f.obs.period == fact.obs.period]
        if not owners:
            continue
        j = max(owners, key=lambda i: len(facts[i].ind.name))
        level = level_figure(fact.ind, fact.obs, fact.label)
        cell = TableCell(f"第{format_number(fact.obs.value, 0)}位", level, numeric=True)
        out[j] = replace(out[j], cells={**out[j].cells, "位次": cell},
                         figures=(*out[j].figures, level))
        out[k] = _Row("", {}, ())  # shown in its owner's row
    return [r for r in out if r.cells]
TAIL = ("年度目标", "完成进度")


TEXT_COLUMNS = ("指标", "地区", "期间", "单位", "状态", "增减")


def _cell(row: _Row, column: str) -> TableCell:
    """An empty cell of a number column is still a number cell (kept right-aligned)."""
    return row.cells.get(column, TableCell("", numeric=column not in TEXT_COLUMNS))


def _columns(rows: Sequence[_Row]) -> list[str]:
    """Columns with something in them; 地区 and 期间 only when they vary."""
    keys = [k for k in ORDER if any(r.cells.get(k, TableCell("")).text for r in rows)]
    extra = sorted({k for r in rows for k in r.cells} - set(ORDER) - set(TAIL))
    keys += extra + [k for k in TAIL if any(k in r.cells for r in rows)]
    for varying in ("地区", "期间"):
        if varying in keys and len({r.cells[varying].text for r in rows}) == 1:
            keys.remove(varying)
    return keys


def _groups(rows: Sequence[_Row]) -> list[list[int]]:
    """Row indices per indicator (an indicator's regions stay together)."""
    groups: list[list[int]] = []
    for k, r in enumerate(rows):
        if groups and rows[groups[-1][0]].group == r.group:
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _paginate(columns: Sequence[str], rows: Sequence[_Row], max_pages: int = MAX_PAGES
              ) -> tuple[list[list[int]], int]:
    """Fill each page as far as it reads at 14 pt; break only between indicators; then even
    the pages out (12 + 11, not 20 + 3) without splitting an indicator. At most ``max_pages``
    pages: the rest are left out, and the last page keeps room for the line that says so.
    Returns the pages and how many indicators were left out."""
    texts = [[_cell(r, c).text for c in columns] for r in rows]
    numeric = [all(_cell(r, c).numeric for r in rows) for c in columns]

    def fits(idx: Sequence[int], height: float = grid.CONTENT.h) -> bool:
        return fit_table(columns, [texts[k] for k in idx], numeric, grid.CONTENT.w,
                         height, READABLE, READABLE).fits

    groups = _groups(rows)
    pages: list[list[int]] = [[]]
    for g in groups:
        if pages[-1] and not fits(pages[-1] + g):
            pages.append([])
        pages[-1].extend(g)
    if len(pages) > max_pages:  # capped: whole pages, the last one short of the closing line
        pages = pages[:max_pages]
        while len(pages[-1]) > 1 and not fits(pages[-1], grid.CONTENT.h - CAP_LINE_ROOM):
            last = rows[pages[-1][-1]].group
            pages[-1] = [k for k in pages[-1] if rows[k].group != last] or pages[-1][:1]
        shown = {k for page in pages for k in page}
        left = sum(1 for g in groups if not any(k in shown for k in g))
        return pages, left
    if len(pages) > 1:  # balance: each page near its share of what is left (12 + 9 + 9)
        even = _balanced(groups, len(pages), fits)
        if even is not None:
            return even, 0
    return pages, 0


def _balanced(groups: Sequence[list[int]], count: int,
              fits: Callable[[Sequence[int]], bool]) -> list[list[int]] | None:
    """``groups`` on ``count`` pages, each page filled to about its share of the rows still
    to place (an indicator's rows kept together); None when they do not fit so."""
    rest = list(groups)
    pages: list[list[int]] = []
    for k in range(count):
        share = sum(len(g) for g in rest) / (count - k)
        page: list[int] = []
        while rest and (not page or (len(page) + len(rest[0]) / 2 <= share
                                     and fits(page + rest[0]))):
            page += rest.pop(0)
        pages.append(page)
    return pages if not rest and all(fits(p) for p in pages) else None


def _key_first(pairs: list[tuple[Fact, Selection]]) -> list[tuple[Fact, Selection]]:
    """重点 indicators lead the table (in the recipe's order), the rest follow theme by theme:
    when the table is capped, what is left out is never a key figure."""
    return sorted(pairs, key=lambda pair: not pair[0].ind.key)


def indicator_table_slides(dataset: Dataset,
                           themes: Sequence[tuple[str, Sequence[IndicatorFacts]]],
                           *, section: str = "总体情况", with_sources: bool = True,
                           with_notes: bool = True, elsewhere: str = "",
                           max_pages: int = MAX_PAGES) -> tuple[list[Slide], list[str]]:
    """The table's pages (at most ``max_pages``) and the names of the indicators left out.
    ``elsewhere`` says where the left-out ones can be read (「数据核对表(.核对.xlsx)」)."""
    pairs = _key_first([(fact, sel) for _, rs in themes for sel, facts in rs
                        for fact in facts])
    rows = _fold_few_changes(_with_ranks([_row(dataset, fact, sel.all_obs)
                                          for fact, sel in pairs], [fact for fact, _ in pairs]))
    if not rows:
        return [], []
    columns = _columns(rows)
    pages, left = _paginate(columns, rows, max_pages)
    shown_rows = {k for page in pages for k in page}
    omitted = list(dict.fromkeys(r.cells["指标"].text for k, r in enumerate(rows)
                                 if k not in shown_rows))
    if left:  # the columns of what is shown (a column only the left-out rows fill goes)
        kept = [rows[k] for page in pages for k in page]
        columns = _columns(kept)
    periods = {rows[k].cells["期间"].text for page in pages for k in page}
    headings = [f"{periods.pop()}" if c == "本期" and len(periods) == 1 else c
                for c in columns]
    headings = ["说明" if h == "状态" else h for h in headings]
    if any("年度目标" in rows[k].cells and not rows[k].yearly for page in pages for k in page):
        headings = ["目标" if h == "年度目标" else h for h in headings]  # a month's target
    out = []
    for n, page in enumerate(pages, start=1):
        chunk = [rows[k] for k in page]
        table = Table(tuple(headings), tuple(tuple(_cell(r, c) for c in columns)
                                             for r in chunk))
        figures = [f for r in chunk for f in r.figures]
        notes = ""
        if with_notes:
            lines = ["表中数字出处:"]
            for f in figures:
                where = f"{dataset.info.file_name} {f.where}".strip() if f.ref else f.where
                lines.append(f"· {f.label} {f.period} {f.text} — {where}")
            notes = "\n".join(lines)
        closing: tuple[str, ...] = ()
        if left and n == len(pages):
            closing = (f"其余{left}项指标未列入本表" + (f",见{elsewhere}" if elsewhere else "")
                       + "。",)
        out.append(Slide(kind=SlideKind.TABLE,
                         title=f"{TABLE_TITLE}(续)" if n > 1 else TABLE_TITLE,
                         section=section, table=table, lines=closing,
                         footnotes=footnotes(figures, with_sources=with_sources),
                         notes=notes, figures=tuple(figures)))
    return out, omitted
