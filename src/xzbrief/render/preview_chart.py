"""Charts drawn as display primitives for the preview: the same data, categories, colours,
estimate tints, target outlines and labels the PPTX chart has, in a simplified geometry."""

from __future__ import annotations

import math

from xzbrief.dataset.model import Status
from xzbrief.deck.grid import Rect
from xzbrief.deck.model import ChartKind
from xzbrief.deck.textfit import text_width
from xzbrief.deck.wording import format_number
from xzbrief.render.chart_combo import bar_line_scales
from xzbrief.render.chart_parts import (
    AXIS_SIZE,
    LABEL_SIZE,
    TITLE_SIZE,
    estimate_fill,
    label_colour,
    label_skip,
    label_text,
    quiet_points,
)
from xzbrief.render.display import DLine, DRect, DText, DWedge, Primitive
from xzbrief.render.layout import ChartBlock

# the chart's own text sizes, as the PPTX chart writes them
LABEL = float(LABEL_SIZE)
AXIS = float(AXIS_SIZE)
TITLE = float(TITLE_SIZE)


def chart_primitives(block: ChartBlock) -> list[Primitive]:
    chart = block.chart
    r = block.rect
    out: list[Primitive] = [DText(r.x, r.y, r.w, TITLE * 1.6, (chart.title,), TITLE,
                                  block.text_color, True, "c")]
    legend = len(chart.series) > 1 and chart.kind is not ChartKind.DOUGHNUT
    plot = Rect(r.x + 6, r.y + TITLE * 2, r.w - 12, r.h - TITLE * 2 - (22 if legend else 4))
    if chart.kind is ChartKind.DOUGHNUT:
        out += _doughnut(block, plot)
        return out
    if legend:
        out += add_legend(block, Rect(r.x, r.bottom - 18, r.w, 16))
    if chart.kind is ChartKind.HBAR:
        out += _hbars(block, plot)
    elif chart.kind is ChartKind.LINE:
        out += _columns(block, plot, lines_only=True)
    else:
        out += _columns(block, plot)
    return out


def add_legend(block: ChartBlock, rect: Rect) -> list[Primitive]:
    items: list[Primitive] = []
    widths = [text_width(s.name, AXIS) + 22 for s in block.chart.series]
    x = rect.x + (rect.w - sum(widths)) / 2
    for i, (s, w) in enumerate(zip(block.chart.series, widths, strict=True)):
        colour = block.colours[1] if s.as_line else block.colours[i % len(block.colours)]
        if s.is_target and block.chart.kind is ChartKind.LINE:
            items.append(DLine(((x, rect.y + 8), (x + 12, rect.y + 8)), block.colours[0], 1.5,
                               True))
        elif s.is_target:
            items.append(DRect(x, rect.y + 4, 12, 8, None, block.colours[0], 1, True))
        elif s.as_line or block.chart.kind is ChartKind.LINE:
            items.append(DLine(((x, rect.y + 8), (x + 12, rect.y + 8)), colour, 2))
        else:
            items.append(DRect(x, rect.y + 4, 12, 8, colour))
        items.append(DText(x + 16, rect.y, w - 16, 16, (s.name,), AXIS, block.text_color))
        x += w
    return items


def _columns(block: ChartBlock, plot: Rect, lines_only: bool = False) -> list[Primitive]:
    chart = block.chart
    out: list[Primitive] = []
    n = len(chart.categories)
    base_y = plot.bottom - AXIS * (3.4 if chart.groups else 1.8)
    two_line = any("\n" in c for c in chart.categories)
    if two_line:
        base_y -= AXIS * 1.3
    height = base_y - plot.y - LABEL * 1.6
    bars = [s for s in chart.series if not s.as_line and not lines_only]
    lines = [s for s in chart.series if s.as_line or lines_only]
    values = [v for s in bars for v in s.values if v is not None]
    stacked = chart.kind is ChartKind.STACKED
    if stacked and bars:
        top = max(sum(s.values[k] or 0.0 for s in bars) for k in range(n))
    else:
        top = max(values, default=1.0)
    scales = bar_line_scales(tuple(bars), tuple(lines)) \
        if chart.kind is ChartKind.BAR_LINE else None
    if scales is not None:
        top = scales[0][1]
    top = top or 1.0
    target = next((s for s in bars if s.is_target), None)
    group = plot.w / max(n, 1)
    real = [s for s in bars if not s.is_target]
    slots = 1 if stacked or len(real) <= 1 else len(real)
    bar_w = group * 0.62 / slots
    out.append(DLine(((plot.x, base_y), (plot.right, base_y)), "BFBFBF", 0.75))
    skip = label_skip(block)
    for k, cat in enumerate(chart.categories):
        cx = plot.x + group * (k + 0.5)
        if k % skip == 0:
            out.append(DText(cx - group * skip / 2, base_y + 3, group * skip,
                             AXIS * 1.3 * (cat.count("\n") + 1), tuple(cat.split("\n")), AXIS,
                             block.text_color, align="c"))
        stack = 0.0
        slot = 0
        for i, s in enumerate(bars):
            v = s.values[k]
            if v is None:
                continue
            h = max(v, 0.0) / top * height
            if s.is_target:
                x = cx - bar_w * slots / 2
                out.append(DRect(x, base_y - h, bar_w * slots, h, None, block.colours[0], 1,
                                 True))
                continue
            x = cx - bar_w * slots / 2 + (0 if stacked else slot * bar_w)
            y = base_y - h - (stack / top * height if stacked else 0)
            colour = block.colours[i % len(block.colours)]
            estimate = bool(s.statuses) and s.statuses[k] is Status.ESTIMATE
            fill = estimate_fill(colour) if estimate else colour
            out.append(DRect(x, y, bar_w, h, fill, colour if estimate else None, 1, estimate))
            inside = stacked or (target is not None and target.values[k] is not None)
            if stacked:
                label_y = y + h / 2 - LABEL / 2
            elif inside:
                label_y = y + 3
            else:
                label_y = y - LABEL * 1.4
            ink = label_colour(fill, block.text_color) if inside else block.text_color
            out.append(DText(x - 10, label_y, bar_w + 20, LABEL * 1.3, (label_text(v, s),), LABEL,
                             ink, align="c"))
            if stacked:
                stack += v
            else:
                slot += 1
    if chart.groups:  # the year under its months
        start = 0
        for k in range(1, n + 1):
            if k == n or chart.groups[k] != chart.groups[start]:
                x0 = plot.x + group * start
                out.append(DText(x0, base_y + AXIS * 1.7, group * (k - start), AXIS * 1.6,
                                 (chart.groups[start],), AXIS, block.text_color, align="c"))
                if start:
                    out.append(DLine(((x0, base_y), (x0, base_y + AXIS * 3.2)), "BFBFBF", 0.75))
                start = k
    for s in lines:
        pts = [(k, v) for k, v in enumerate(s.values) if v is not None]
        if not pts:
            continue
        lo = min(v for _, v in pts)
        hi = max(v for _, v in pts)
        spread = (hi - lo) or abs(hi) or 1.0
        if scales is not None:
            lo, hi = scales[1]
        else:
            lo, hi = min(lo, 0.0), hi + 0.2 * spread
        # as the PPTX line chart: each series in its colour, a target dashed without marks
        colour = block.colours[1] if chart.kind is ChartKind.BAR_LINE else \
            block.colours[0] if s.is_target else \
            block.colours[chart.series.index(s) % len(block.colours)]
        coords = [(plot.x + group * (k + 0.5), base_y - (v - lo) / (hi - lo) * height)
                  for k, v in pts]
        for run in _runs(pts, coords):
            if len(run) > 1:
                out.append(DLine(tuple(run), colour, 1.5 if s.is_target else 2, s.is_target))
        if s.is_target:
            continue
        quiet = set(quiet_points(s))
        for (k, v), (x, y) in zip(pts, coords, strict=True):
            out.append(DRect(x - 3, y - 3, 6, 6, colour))
            if k not in quiet:
                out.append(DText(x - 30, y - LABEL * 1.7, 60, LABEL * 1.3, (label_text(v, s),),
                                 LABEL, block.text_color, align="c"))
    return out


def _runs(pts: list[tuple[int, float]], coords: list[tuple[float, float]]
          ) -> list[list[tuple[float, float]]]:
    """Split a line at gaps (missing values are gaps, never zero)."""
    runs: list[list[tuple[float, float]]] = []
    prev = None
    for (k, _), xy in zip(pts, coords, strict=True):
        if prev is None or k != prev + 1:
            runs.append([])
        runs[-1].append(xy)
        prev = k
    return runs


def _hbars(block: ChartBlock, plot: Rect) -> list[Primitive]:
    chart = block.chart
    s = chart.series[0]
    out: list[Primitive] = []
    n = len(chart.categories)
    label_w = max(text_width(c, AXIS) for c in chart.categories) + 8
    row = plot.h / max(n, 1)
    top = max((v for v in s.values if v is not None), default=1.0) or 1.0
    width = plot.w - label_w - 40
    for k, cat in enumerate(chart.categories):
        y = plot.y + row * k
        out.append(DText(plot.x, y + row * 0.2, label_w - 6, row * 0.6, (cat,), AXIS,
                         block.text_color, align="r", anchor="m"))
        v = s.values[k]
        if v is None:
            continue
        w = max(v, 0.0) / top * width
        estimate = bool(s.statuses) and s.statuses[k] is Status.ESTIMATE
        colour = block.colours[0]
        out.append(DRect(plot.x + label_w, y + row * 0.2, w, row * 0.6,
                         estimate_fill(colour) if estimate else colour,
                         colour if estimate else None, 1, estimate))
        out.append(DText(plot.x + label_w + w + 4, y + row * 0.2, 60, row * 0.6,
                         (label_text(v, s),), LABEL, block.text_color, anchor="m"))
    return out


def _doughnut(block: ChartBlock, plot: Rect) -> list[Primitive]:
    chart = block.chart
    s = chart.series[0]
    values = [max(v or 0.0, 0.0) for v in s.values]
    total = sum(values) or 1.0
    legend_w = max(text_width(c, AXIS) for c in chart.categories) + 30
    radius = min(plot.w - legend_w, plot.h) / 2 - 4
    cx = plot.x + (plot.w - legend_w) / 2
    cy = plot.y + plot.h / 2
    out: list[Primitive] = []
    start = 0.0
    for k, v in enumerate(values):
        sweep = v / total * 360
        colour = block.colours[k % len(block.colours)]
        out.append(DWedge(cx, cy, radius, radius * 0.55, start, sweep, colour, "FFFFFF"))
        mid = math.radians(start + sweep / 2)
        lr = radius * 0.775
        lx, ly = cx + lr * math.sin(mid), cy - lr * math.cos(mid)
        share = format_number(v / total * 100, 1)  # half-up, as PowerPoint's 0.0%
        out.append(DText(lx - 25, ly - 7, 50, 14, (f"{share}%",), LABEL,
                         label_colour(colour, block.text_color), True, "c"))
        start += sweep
    lx = plot.right - legend_w + 8
    ly = cy - len(values) * 9
    for k, cat in enumerate(chart.categories):
        out.append(DRect(lx, ly + k * 18 + 3, 10, 10, block.colours[k % len(block.colours)]))
        out.append(DText(lx + 14, ly + k * 18, legend_w - 20, 16, (cat,), AXIS,
                         block.text_color))
    return out
