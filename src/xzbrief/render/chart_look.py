"""Everything drawn for a chart, decided once: colours per point, labels and where they go,
the legend, axis ranges and gridlines, category label spacing, the plot area, a reference line.

The PPTX chart writer and the preview only translate a ``ChartLook`` (the one into chart XML,
the other into display primitives); neither decides anything, so they cannot disagree. Pure:
no python-pptx, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from xzbrief.dataset.model import Status
from xzbrief.deck.grid import Rect
from xzbrief.deck.model import Chart, ChartKind, Series
from xzbrief.deck.textfit import text_width
from xzbrief.deck.wording import format_number
from xzbrief.render.colours import distance, readable, tint

LABEL_SIZE = 12.0
AXIS_SIZE = 12.0
TITLE_SIZE = 14.0
# estimates: the series colour mixed with 55 % white, less when tints of a chart would look alike
TINT_STEPS = (0.55, 0.5, 0.45, 0.4, 0.35)
MIN_TINT_DISTANCE = 12.0  # ΔE between any two colours drawn in one chart
AXIS_LINE = "BFBFBF"
GRID_LINE = "E3E3E3"  # a light value-axis grid on line charts
MAX_LINE_LABELS = 12
HOLE = 55  # doughnut hole, % of the radius
EXTRA_COLOURS = ("3F3F3F", "A5A5A5")  # after the brand's six: a seventh series (其他) and on


@dataclass(frozen=True)
class Label:
    """A data label as shown: its text, where it stands, its colour, an opaque box or not."""

    text: str
    position: str  # outEnd / inEnd / ctr / t / r / '' (the chart's own: doughnut)
    colour: str
    bold: bool = False
    box: str | None = None  # an opaque fill so a line never strikes through its number


@dataclass(frozen=True)
class Mark:
    """One point of a series as drawn."""

    fill: str | None  # None: no fill (a target's outline)
    outline: str | None
    dashed: bool
    label: Label | None


@dataclass(frozen=True)
class SeriesLook:
    name: str
    shape: str  # bar / outline (a target around bars) / line / dashline (a target line) / slice
    colour: str  # the series' own colour: bar fill, line colour, outline colour
    width: float  # line or outline width, pt
    secondary: bool  # on the secondary axis (the growth line of a bar + line chart)
    number_format: str  # the labels' Excel format (PowerPoint shows the text from it)
    marks: tuple[Mark, ...]  # one per category
    values: tuple[float | None, ...]  # one per category; None is a gap


@dataclass(frozen=True)
class LegendEntry:
    name: str
    swatch: str  # box / outline / line / dashline
    colour: str


@dataclass(frozen=True)
class Legend:
    position: str  # b / r
    rect: Rect
    entries: tuple[LegendEntry, ...]


@dataclass(frozen=True)
class ValueAxis:
    low: float
    high: float
    visible: bool  # tick labels and line drawn
    gridlines: bool
    major: float | None  # the step between gridlines / tick labels
    number_format: str = "General"


@dataclass(frozen=True)
class ReferenceLine:
    value: float
    start: tuple[float, float]  # slide points
    end: tuple[float, float]
    colour: str
    text: str
    text_rect: Rect
    text_colour: str


@dataclass(frozen=True)
class ChartLook:
    kind: ChartKind
    rect: Rect  # the chart frame
    title: str
    title_rect: Rect
    plot: Rect  # the inner plot area (axes' extent), slide points
    categories: tuple[str, ...]
    groups: tuple[str, ...]
    category_skip: int  # show every n-th category label
    category_low: bool  # category labels at the low end (negative bars never cover them)
    series: tuple[SeriesLook, ...]
    legend: Legend | None
    value_axis: ValueAxis
    line_axis: ValueAxis | None  # secondary axis of a bar + line chart
    gap_width: int
    overlap: int
    hole: int
    reference: ReferenceLine | None
    text_colour: str
    muted_colour: str
    font_latin: str
    font_ea: str
    label_size: float = LABEL_SIZE
    axis_size: float = AXIS_SIZE
    title_size: float = TITLE_SIZE


# --- numbers as labels ------------------------------------------------------------------
def label_decimals(series: Series) -> int:
    """The decimals of a series' labels: its own, or as many as its values need."""
    if series.decimals is not None:
        return series.decimals
    return max((_decimals_needed(v) for v in series.values if v is not None), default=0)


def _decimals_needed(v: float) -> int:
    text = f"{v:.10g}"
    return min(len(text.split(".")[1]), 4) if "." in text and "e" not in text else 0


def label_text(value: float, series: Series) -> str:
    """A data label as PowerPoint shows it under number_format (half-up, % for rates)."""
    text = format_number(value, label_decimals(series))
    return text + "%" if series.unit == "%" else text


def number_format(series: Series, prefix: str = "") -> str:
    """Data-label format: the series' decimals (or as many as its values need), unit in %."""
    decimals = label_decimals(series)
    body = "0" if decimals == 0 else "0." + "0" * decimals
    body = f'"{prefix}"{body}' if prefix else body
    return f'{body}"%"' if series.unit == "%" else body


def quiet_points(s: Series) -> list[int]:
    """On a long line only the first, the last, the highest and the lowest point keep their
    numbers (a label on every point of 24 months is unreadable)."""
    known = [k for k, v in enumerate(s.values) if v is not None]
    if len(known) <= MAX_LINE_LABELS:
        return []
    keep = {known[0], known[-1], max(known, key=lambda k: s.values[k] or 0.0),
            min(known, key=lambda k: s.values[k] or 0.0)}
    return [k for k in known if k not in keep]


def label_skip(chart: Chart, width: float) -> int:
    """Show every n-th category label when they cannot all stand side by side (24 months)."""
    if chart.kind in (ChartKind.HBAR, ChartKind.DOUGHNUT) or not chart.categories:
        return 1
    widest = max(text_width(c, AXIS_SIZE) for c in chart.categories) + 6
    room = width * 0.9 / len(chart.categories)
    chinese = all(any(ord(ch) > 0x2E80 for ch in c) for c in chart.categories)
    if widest <= room * (2 if chinese else 1):  # Chinese labels may wrap onto two lines
        return 1
    return -(-int(widest) // max(int(room), 1))


@lru_cache(maxsize=64)
def estimate_tint(colours: tuple[str, ...]) -> float:
    """How much white mixes into an estimate: the most that keeps every tint of this chart
    apart from every other colour drawn in it (ΔE ≥ 12)."""
    for amount in TINT_STEPS:
        drawn = [*colours, *(tint(c, amount) for c in colours)]
        if all(distance(a, b) >= MIN_TINT_DISTANCE for i, a in enumerate(drawn)
               for b in drawn[i + 1:]):
            return amount
    return TINT_STEPS[-1]


# --- axis ranges --------------------------------------------------------------------------
def nice_step(span: float, intervals: int = 4) -> float:
    raw = span / intervals if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def bar_line_scales(bars: tuple[Series, ...], lines: tuple[Series, ...]
                    ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Axis ranges (min, max) for the bars and for the line, so that the tallest bar and its
    label stay below the lowest point of the line: neither hides the other's labels. None
    when a bar is negative."""
    tops = [v for s in bars for v in s.values if v is not None]
    rates = [v for s in lines for v in s.values if v is not None]
    if not tops or not rates or min(tops) < 0:
        return None
    high = max(tops) / BAR_BAND if max(tops) > 0 else 1.0
    low_f, high_f = LINE_BAND
    spread = max(rates) - min(rates)
    if spread == 0:
        spread = abs(max(rates)) or 1.0
    span = spread / (high_f - low_f)
    lo = min(rates) - low_f * span
    return (0.0, high), (lo, lo + span)


BAR_BAND = 0.56  # bars use the lower part of a bar + line chart ...
LINE_BAND = (0.72, 0.92)  # ... and the growth line this band above them


def _room(low: float, high: float, share_top: float, share_bottom: float
          ) -> tuple[float, float]:
    """Widen a range so labels outside the bar ends fit: ``share_*`` of the plot kept free."""
    span = (high - low) or abs(high) or 1.0
    free = max(0.0, 1.0 - share_top - share_bottom)
    span = span / max(free, 0.3)
    return low - span * share_bottom if low < 0 else low, \
        high + span * share_top if high > 0 else high


class _Decider:
    def __init__(self, chart: Chart, rect: Rect, colours: tuple[str, ...], text: str,
                 muted: str, latin: str, ea: str) -> None:
        self.chart = chart
        self.rect = rect
        self.colours = tuple(dict.fromkeys(colours + EXTRA_COLOURS))  # never two alike
        self.own = self.series_colours()
        self.text = text
        self.muted = muted
        self.latin = latin
        self.ea = ea

    def colour(self, i: int) -> str:
        return self.colours[i % len(self.colours)]

    def series_colours(self) -> list[str]:
        chart = self.chart
        out = []
        for i, s in enumerate(chart.series):
            if s.is_target:
                out.append(self.colours[0])
            elif s.as_line and chart.kind is ChartKind.BAR_LINE:
                out.append(self.colours[1])
            else:
                out.append(self.colour(i))
        return out

    # --- the whole look ---------------------------------------------------------------
    def decide(self) -> ChartLook:
        chart, r = self.chart, self.rect
        title_rect = Rect(r.x, r.y, r.w, TITLE_SIZE * 1.6)
        doughnut = chart.kind is ChartKind.DOUGHNUT
        legend_shown = len(chart.series) > 1 or doughnut
        if doughnut:
            drawn = tuple(self.colour(k) for k in range(len(chart.categories)))
        else:
            drawn = tuple(dict.fromkeys(c for c, s in zip(self.own, chart.series, strict=True)
                                        if not s.is_target))
        amount = estimate_tint(drawn)
        plot, legend_rect = self._plot(legend_shown)
        value_axis, line_axis = self._axes(plot)
        self.span = value_axis.high - value_axis.low
        series = tuple(self._series(i, s, amount) for i, s in enumerate(chart.series))
        legend = Legend("r" if doughnut else "b", legend_rect,
                        self._legend_entries(series)) if legend_shown else None
        negative = any(v is not None and v < 0 for s in chart.series if not s.as_line
                       for v in s.values)
        gap, overlap = self._spacing()
        return ChartLook(
            chart.kind, r, chart.title, title_rect, plot, chart.categories, chart.groups,
            label_skip(chart, plot.w), negative and not doughnut, series, legend, value_axis,
            line_axis, gap, overlap, HOLE, self._reference(plot, value_axis), self.text,
            self.muted, self.latin, self.ea)

    def _plot(self, legend: bool) -> tuple[Rect, Rect]:
        chart, r = self.chart, self.rect
        top = r.y + TITLE_SIZE * 2
        if chart.reference is not None:
            top += LABEL_SIZE * 2.2  # the reference line's words stand above the bars
        if chart.kind is ChartKind.BAR_LINE:
            top += LABEL_SIZE * 0.8  # the growth line's labels stand above its top point
        if chart.kind is ChartKind.DOUGHNUT:
            legend_w = max(text_width(c, AXIS_SIZE) for c in chart.categories) + 30
            h = r.bottom - 4 - top
            side = min(r.w - legend_w - 12, h)
            plot = Rect(r.x + 6 + (r.w - legend_w - 12 - side) / 2, top + (h - side) / 2,
                        side, side)
            lh = len(chart.categories) * 18.0
            return plot, Rect(r.right - legend_w, plot.y + side / 2 - lh / 2, legend_w, lh)
        bottom = r.bottom - (22 if legend else 4)
        legend_rect = Rect(r.x, r.bottom - 18, r.w, 16)
        if chart.kind is ChartKind.HBAR:
            label_w = max(text_width(c, AXIS_SIZE) for c in chart.categories) + 8
            return Rect(r.x + label_w, top, r.w - label_w - 6, bottom - top), legend_rect
        band = AXIS_SIZE * (3.4 if chart.groups else 1.8)
        if any("\n" in c for c in chart.categories):
            band += AXIS_SIZE * 1.3
        left = right = 6.0
        if chart.kind is ChartKind.LINE:  # room for the light value axis' numbers (and the
            left = self._tick_width() + 10  # top gridline clear of the title)
            top += AXIS_SIZE * 0.6
            target = next((s for s in chart.series if s.is_target), None)
            if target is not None:  # its 目标 label stands right of its last point
                last = [v for v in target.values if v is not None][-1]
                right += text_width("目标" + label_text(last, target), LABEL_SIZE) + 4
        return Rect(r.x + left, top, r.w - left - right, bottom - band - top), legend_rect

    def _tick_width(self) -> float:
        low, high, step = self._line_range([v for s in self.chart.series for v in s.values
                                            if v is not None])
        decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
        ticks = [low + k * step for k in range(round((high - low) / step) + 1)]
        return max(text_width(format_number(t, decimals), AXIS_SIZE) for t in ticks)

    @staticmethod
    def _line_range(values: list[float]) -> tuple[float, float, float]:
        lo, hi = min(values, default=0.0), max(values, default=1.0)
        if lo >= 0 and lo <= hi * 0.6:
            lo = 0.0  # from zero when the line does not sit high above it
        span = (hi - lo) or abs(hi) or 1.0
        step = nice_step(span * 1.15)
        low = math.floor(lo / step) * step
        high = math.ceil((hi + span * 0.12) / step) * step
        if high <= low:
            high = low + step
        return low, high, step

    def _axes(self, plot: Rect) -> tuple[ValueAxis, ValueAxis | None]:
        chart = self.chart
        kind = chart.kind
        if kind is ChartKind.DOUGHNUT:
            return ValueAxis(0.0, 1.0, False, False, None), None
        if kind is ChartKind.LINE:
            low, high, step = self._line_range([v for s in chart.series for v in s.values
                                                if v is not None])
            decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
            fmt = "0" if decimals == 0 else "0." + "0" * decimals
            return ValueAxis(low, high, True, True, step, fmt), None
        bars = tuple(s for s in chart.series if not s.as_line)
        lines = tuple(s for s in chart.series if s.as_line)
        if kind is ChartKind.BAR_LINE:
            scales = bar_line_scales(bars, lines)
            if scales is not None:
                (b_lo, b_hi), (l_lo, l_hi) = scales
                return (ValueAxis(b_lo, b_hi, False, False, None),
                        ValueAxis(l_lo, l_hi, False, False, None))
        if kind is ChartKind.STACKED:
            n = len(chart.categories)
            tops = [sum(max(s.values[k] or 0.0, 0.0) for s in bars) for k in range(n)]
            lows = [sum(min(s.values[k] or 0.0, 0.0) for s in bars) for k in range(n)]
            high, low = max(tops, default=1.0), min(lows, default=0.0)
        else:
            values = [v for s in bars for v in s.values if v is not None]
            high, low = max([0.0, *values]), min([0.0, *values])
        if chart.reference is not None:
            high, low = max(high, chart.reference.value), min(low, chart.reference.value)
        if high == low:
            high = low + 1.0
        if kind is ChartKind.HBAR:  # numbers right of (or left of) the bar ends
            widest = max((text_width(m, LABEL_SIZE) for s in bars for m in
                          (label_text(v, s) for v in s.values if v is not None)), default=0.0)
            share = (widest + 8) / max(plot.w, 1.0)
            low, high = _room(low, high, share if high > 0 else 0.0,
                              share if low < 0 else 0.0)
        else:
            share = LABEL_SIZE * 1.6 / max(plot.h, 1.0)
            stacked = kind is ChartKind.STACKED
            low, high = _room(low, high, 0.04 if stacked else share,
                              share if low < 0 and not stacked else 0.0)
        bar_axis = ValueAxis(low, high, False, False, None)
        if kind is ChartKind.BAR_LINE and lines:  # negative bars: the line on its own range
            rates = [v for s in lines for v in s.values if v is not None] or [0.0]
            spread = (max(rates) - min(rates)) or abs(max(rates)) or 1.0
            return bar_axis, ValueAxis(min(rates) - spread * 0.3, max(rates) + spread * 0.3,
                                       False, False, None)
        return bar_axis, None

    def _spacing(self) -> tuple[int, int]:
        chart = self.chart
        bars = [s for s in chart.series if not s.as_line]
        if chart.kind is ChartKind.STACKED:
            return 60, 100
        if chart.kind in (ChartKind.LINE, ChartKind.DOUGHNUT):
            return 150, 0
        gap = 60 if len(chart.categories) > 3 or chart.kind is ChartKind.BAR_LINE else 120
        if any(s.is_target for s in bars):
            return gap, 100  # the target outline stands around the actual bar
        return gap, -10 if len(bars) > 1 else 0

    # --- series and their points ------------------------------------------------------
    def _series(self, i: int, s: Series, amount: float) -> SeriesLook:
        chart = self.chart
        colour = self.own[i]
        kind = chart.kind
        line = kind is ChartKind.LINE or (kind is ChartKind.BAR_LINE and s.as_line)
        if kind is ChartKind.DOUGHNUT:
            return self._slices(s, amount)
        if s.is_target:
            return self._target(s, colour, line)
        target = next((t for t in chart.series if t.is_target), None)
        quiet = set(quiet_points(s)) if line else set()
        # a line's number goes under its point where the target's 目标 label stands close
        # beside it (the target's last point, within a tenth of the axis)
        below = set()
        if line and target is not None and kind is ChartKind.LINE:
            known = [k for k, t in enumerate(target.values) if t is not None]
            if known:
                k, t = known[-1], target.values[known[-1]]
                v = s.values[k]
                if v is not None and t is not None and abs(v - t) < self.span * 0.1:
                    below.add(k)
        marks = []
        for k, v in enumerate(s.values):
            estimate = bool(s.statuses) and s.statuses[k] is Status.ESTIMATE
            if line:
                fill: str | None = colour
                outline, dashed = None, False
            else:
                fill = tint(colour, amount) if estimate else colour
                outline, dashed = (colour, True) if estimate else (None, False)
            label = None
            if v is not None and k not in quiet:
                text = label_text(v, s)
                if line:
                    label = Label(text, "b" if k in below else "t", self.text, box="FFFFFF")
                elif kind is ChartKind.STACKED:
                    label = Label(text, "ctr", readable(fill or colour, self.text))
                elif target is not None and not s.as_line and target.values[k] is not None:
                    # inside the bar's top: the outline around it cannot cross the number
                    label = Label(text, "inEnd", readable(fill or colour, self.text))
                else:
                    label = Label(text, "outEnd", self.text)
            marks.append(Mark(fill, outline, dashed, label))
        return SeriesLook(s.name, "line" if line else "bar", colour, 2.25 if line else 0.0,
                          kind is ChartKind.BAR_LINE and s.as_line, number_format(s),
                          tuple(marks), s.values)

    def _target(self, s: Series, colour: str, line: bool) -> SeriesLook:
        """A target: a dashed outline (or dashed line) in the brand colour, labelled 目标 …
        so it is read on the chart, not only in the legend."""
        known = [k for k, v in enumerate(s.values) if v is not None]
        marks = []
        for k, v in enumerate(s.values):
            label = None
            if v is not None and (not line or k == known[-1]):
                label = Label("目标" + label_text(v, s), "r" if line else "outEnd", colour)
            marks.append(Mark(None, colour, True, label))
        return SeriesLook(s.name, "dashline" if line else "outline", colour, 1.5, False,
                          number_format(s, "目标"), tuple(marks), s.values)

    def _slices(self, s: Series, amount: float) -> SeriesLook:
        values = [max(v or 0.0, 0.0) for v in s.values]
        total = sum(values) or 1.0
        marks = []
        for k, v in enumerate(values):
            colour = self.colour(k)
            estimate = bool(s.statuses) and s.statuses[k] is Status.ESTIMATE
            fill = tint(colour, amount) if estimate else colour
            share = format_number(v / total * 100, 1)  # half-up, as PowerPoint's 0.0%
            marks.append(Mark(fill, "FFFFFF", False,
                              Label(f"{share}%", "", readable(fill, self.text), True)))
        return SeriesLook(s.name, "slice", self.colour(0), 0.75, False, "0.0%", tuple(marks),
                          s.values)

    def _legend_entries(self, series: tuple[SeriesLook, ...]) -> tuple[LegendEntry, ...]:
        chart = self.chart
        if chart.kind is ChartKind.DOUGHNUT:
            return tuple(LegendEntry(c, "box", m.fill or "FFFFFF")
                         for c, m in zip(chart.categories, series[0].marks, strict=True))
        return tuple(LegendEntry(s.name, {"bar": "box"}.get(s.shape, s.shape), s.colour)
                     for s in series)

    def _reference(self, plot: Rect, axis: ValueAxis) -> ReferenceLine | None:
        ref = self.chart.reference
        if ref is None or self.chart.kind is not ChartKind.HBAR:
            return None
        x = plot.x + (ref.value - axis.low) / (axis.high - axis.low) * plot.w
        width = text_width(ref.text, LABEL_SIZE) + 8
        left = min(max(x - width / 2, self.rect.x), self.rect.right - width)
        colour = self.colours[1] if len(self.colours) > 1 else self.text
        return ReferenceLine(ref.value, (x, plot.y - 2), (x, plot.bottom), colour, ref.text,
                             Rect(left, plot.y - LABEL_SIZE * 1.6, width, LABEL_SIZE * 1.4),
                             self.text)


def decide_look(chart: Chart, rect: Rect, colours: tuple[str, ...], text: str, muted: str,
                font_latin: str, font_ea: str) -> ChartLook:
    """The chart's whole look in ``rect`` for a brand's series colours and text colours."""
    return _Decider(chart, rect, colours, text, muted, font_latin, font_ea).decide()
