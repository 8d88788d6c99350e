"""A chart's decided look (render.chart_look) as display primitives for the preview: the same
plot area, axis ranges, gridlines, bar spacing, fills, outlines, labels and their places, the
legend and the reference line the PPTX chart is written with. Nothing is decided here."""

from __future__ import annotations

import math

from xzbrief.deck.model import Chart, ChartKind
from xzbrief.deck.textfit import text_width
from xzbrief.deck.wording import format_number
from xzbrief.render.chart_look import AXIS_LINE, GRID_LINE, ChartLook, Label, SeriesLook, ValueAxis
from xzbrief.render.display import DLine, DRect, DText, DWedge, Primitive
from xzbrief.render.layout import ChartBlock


def chart_primitives(block: ChartBlock) -> list[Primitive]:
    look = block.look
    t = look.title_rect
    out: list[Primitive] = [DText(t.x, t.y, t.w, t.h, (look.title,), look.title_size,
                                  look.text_colour, True, "c")]
    if look.kind is ChartKind.DOUGHNUT:
        out += _doughnut(look)
    else:
        out += _value_axis(look)
        out += _categories(look, block.chart)
        if look.kind is ChartKind.HBAR:
            out += _hbars(look)
        else:
            out += _columns(look)
            out += _lines(look)
    out += _legend(look)
    if look.reference is not None:
        ref = look.reference
        out.append(DLine((ref.start, ref.end), ref.colour, 1.5, True))
        r = ref.text_rect
        out.append(DText(r.x, r.y, r.w, r.h, (ref.text,), look.label_size, ref.text_colour,
                         True, "c", "b"))
    return out


# --- geometry the look implies --------------------------------------------------------------
def _y(look: ChartLook, axis: ValueAxis, v: float) -> float:
    p = look.plot
    return p.bottom - (v - axis.low) / (axis.high - axis.low) * p.h


def _x(look: ChartLook, axis: ValueAxis, v: float) -> float:
    p = look.plot
    return p.x + (v - axis.low) / (axis.high - axis.low) * p.w


def _zero(axis: ValueAxis) -> float:
    return min(max(0.0, axis.low), axis.high)


def _slots(look: ChartLook) -> tuple[list[SeriesLook], float, float]:
    """Bar series, the width of one bar and the step between neighbouring bars (as a fraction
    of one category's band), from the look's gap width and overlap as PowerPoint reads them."""
    bars = [s for s in look.series if s.shape in ("bar", "outline")]
    n = 1 if look.overlap >= 100 else max(sum(s.shape == "bar" for s in bars), 1)
    ov = look.overlap / 100
    width = 1 / (n - (n - 1) * ov + look.gap_width / 100)
    return bars, width, width * (1 - ov)


def _value_axis(look: ChartLook) -> list[Primitive]:
    axis = look.value_axis
    p = look.plot
    out: list[Primitive] = []
    if axis.gridlines and axis.major:
        steps = round((axis.high - axis.low) / axis.major)
        decimals = len(axis.number_format.split(".")[1]) if "." in axis.number_format else 0
        for k in range(steps + 1):
            v = axis.low + k * axis.major
            y = _y(look, axis, v)
            out.append(DLine(((p.x, y), (p.right, y)), GRID_LINE, 0.75))
            if axis.visible:
                text = format_number(v, decimals)
                w = text_width(text, look.axis_size) + 4
                out.append(DText(p.x - w - 4, y - look.axis_size * 0.65, w, look.axis_size * 1.3,
                                 (text,), look.axis_size, look.muted_colour, align="r"))
    return out


def _categories(look: ChartLook, chart: Chart) -> list[Primitive]:
    p = look.plot
    axis = look.value_axis
    n = len(look.categories)
    out: list[Primitive] = []
    if look.kind is ChartKind.HBAR:
        x0 = _x(look, axis, _zero(axis))
        out.append(DLine(((x0, p.y), (x0, p.bottom)), AXIS_LINE, 0.75))
        row = p.h / max(n, 1)
        left = look.rect.x
        for k, cat in enumerate(look.categories):
            out.append(DText(left, p.y + row * k, p.x - left - 6, row, (cat,), look.axis_size,
                             look.text_colour, align="r", anchor="m"))
        return out
    y0 = _y(look, axis, _zero(axis))
    out.append(DLine(((p.x, y0), (p.right, y0)), AXIS_LINE, 0.75))
    group = p.w / max(n, 1)
    skip = look.category_skip
    label_y = (p.bottom if look.category_low else y0) + 3
    for k, cat in enumerate(look.categories):
        if k % skip:
            continue
        cx = p.x + group * (k + 0.5)
        out.append(DText(cx - group * skip / 2, label_y, group * skip,
                         look.axis_size * 1.3 * (cat.count("\n") + 1), tuple(cat.split("\n")),
                         look.axis_size, look.text_colour, align="c"))
    if look.groups:  # the year under its months
        start = 0
        for k in range(1, n + 1):
            if k == n or look.groups[k] != look.groups[start]:
                x0 = p.x + group * start
                out.append(DText(x0, label_y + look.axis_size * 1.4, group * (k - start),
                                 look.axis_size * 1.6, (look.groups[start],), look.axis_size,
                                 look.text_colour, align="c"))
                if start:
                    out.append(DLine(((x0, y0), (x0, y0 + look.axis_size * 3.2)), AXIS_LINE,
                                     0.75))
                start = k
    return out


def _label(look: ChartLook, label: Label, cx: float, y: float, up: bool = True
           ) -> list[Primitive]:
    """A label centred on ``cx`` whose box sits above ``y`` (or below it)."""
    w = text_width(label.text, look.label_size, label.bold) + 6
    h = look.label_size * 1.3
    top = y - h if up else y
    out: list[Primitive] = []
    if label.box:
        out.append(DRect(cx - w / 2, top, w, h, label.box))
    out.append(DText(cx - w / 2, top, w, h, (label.text,), look.label_size, label.colour,
                     label.bold, "c", "m"))
    return out


def _columns(look: ChartLook) -> list[Primitive]:
    bars, width, step = _slots(look)
    if not bars:
        return []
    p = look.plot
    axis = look.value_axis
    n = len(look.categories)
    group = p.w / max(n, 1)
    stacked = look.kind is ChartKind.STACKED
    base = _zero(axis)
    out: list[Primitive] = []
    real = [s for s in bars if s.shape == "bar"]
    slots = 1 if look.overlap >= 100 else max(len(real), 1)
    span = (width + step * (slots - 1)) * group
    for k in range(n):
        start = p.x + group * (k + 0.5) - span / 2
        up = down = 0.0
        slot = 0
        for s in bars:
            value = _value(look, s, k)
            if value is None:
                continue
            m = s.marks[k]
            x = start + (0 if stacked or s.shape == "outline" else slot * step * group)
            w = (span if s.shape == "outline" and slots > 1 else width * group)
            if stacked:
                lo = (up if value >= 0 else down + value) + base
                hi = lo + abs(value)
                if value >= 0:
                    up += value
                else:
                    down += value
            else:
                lo, hi = min(base, value), max(base, value)
            y_top, y_bottom = _y(look, axis, hi), _y(look, axis, lo)
            out.append(DRect(x, y_top, w, y_bottom - y_top, m.fill, m.outline,
                             s.width or 1.0, m.dashed))
            if m.label is not None:
                cx = x + w / 2
                h = look.label_size * 1.3
                neg = value < 0
                if m.label.position == "ctr":
                    out += _label(look, m.label, cx, (y_top + y_bottom) / 2 - h / 2, up=False)
                elif m.label.position == "inEnd":
                    out += _label(look, m.label, cx, y_bottom - 2 if neg else y_top + 2,
                                  up=neg)
                else:  # outEnd
                    out += _label(look, m.label, cx, y_bottom + 1 if neg else y_top - 1,
                                  up=not neg)
            if s.shape == "bar" and not stacked:
                slot += 1
    return out


def _value(look: ChartLook, s: SeriesLook, k: int) -> float | None:
    return s.values[k]


def _lines(look: ChartLook) -> list[Primitive]:
    p = look.plot
    n = len(look.categories)
    group = p.w / max(n, 1)
    out: list[Primitive] = []
    for s in look.series:
        if s.shape not in ("line", "dashline"):
            continue
        axis = look.line_axis if s.secondary and look.line_axis is not None else look.value_axis
        pts = [(k, v) for k in range(n) if (v := _value(look, s, k)) is not None]
        coords = [(p.x + group * (k + 0.5), _y(look, axis, v)) for k, v in pts]
        run: list[tuple[float, float]] = []
        prev = None
        for (k, _), xy in zip(pts, coords, strict=True):
            if prev is not None and k != prev + 1:  # a gap: the line stops, never drops to 0
                if len(run) > 1:
                    out.append(DLine(tuple(run), s.colour, s.width, s.shape == "dashline"))
                run = []
            run.append(xy)
            prev = k
        if len(run) > 1:
            out.append(DLine(tuple(run), s.colour, s.width, s.shape == "dashline"))
        for (k, _), (x, y) in zip(pts, coords, strict=True):
            m = s.marks[k]
            if s.shape == "line":
                out.append(DRect(x - 3, y - 3, 6, 6, s.colour))
            if m.label is not None and m.label.position == "r":
                w = text_width(m.label.text, look.label_size, m.label.bold) + 6
                out += _label(look, m.label, x + 4 + w / 2, y - look.label_size * 0.65,
                              up=False)
            elif m.label is not None and m.label.position == "b":
                out += _label(look, m.label, x, y + 5, up=False)
            elif m.label is not None:
                out += _label(look, m.label, x, y - 5)
    return out


def _hbars(look: ChartLook) -> list[Primitive]:
    p = look.plot
    axis = look.value_axis
    n = len(look.categories)
    row = p.h / max(n, 1)
    bars, width, _ = _slots(look)
    base = _zero(axis)
    out: list[Primitive] = []
    for s in bars:
        for k in range(n):
            value = _value(look, s, k)
            if value is None:
                continue
            m = s.marks[k]
            x0, x1 = _x(look, axis, min(base, value)), _x(look, axis, max(base, value))
            h = row * width
            y = p.y + row * k + (row - h) / 2
            out.append(DRect(x0, y, x1 - x0, h, m.fill, m.outline, s.width or 1.0, m.dashed))
            if m.label is not None:
                w = text_width(m.label.text, look.label_size) + 6
                lx = x0 - w - 2 if value < 0 else x1 + 2
                out.append(DText(lx, y, w, h, (m.label.text,), look.label_size, m.label.colour,
                                 m.label.bold, "r" if value < 0 else "l", "m"))
    return out


def _doughnut(look: ChartLook) -> list[Primitive]:
    p = look.plot
    s = look.series[0]
    values = [max(_value(look, s, k) or 0.0, 0.0) for k in range(len(look.categories))]
    total = sum(values) or 1.0
    radius = p.w / 2
    inner = radius * look.hole / 100
    cx, cy = p.x + p.w / 2, p.y + p.h / 2
    out: list[Primitive] = []
    start = 0.0
    for k, v in enumerate(values):
        sweep = v / total * 360
        m = s.marks[k]
        out.append(DWedge(cx, cy, radius, inner, start, sweep, m.fill or "FFFFFF", m.outline))
        if m.label is not None:
            mid = math.radians(start + sweep / 2)
            lr = (radius + inner) / 2
            lx, ly = cx + lr * math.sin(mid), cy - lr * math.cos(mid)
            out.append(DText(lx - 25, ly - 7, 50, 14, (m.label.text,), look.label_size,
                             m.label.colour, m.label.bold, "c"))
        start += sweep
    return out


def _legend(look: ChartLook) -> list[Primitive]:
    legend = look.legend
    if legend is None:
        return []
    r = legend.rect
    out: list[Primitive] = []
    size = look.axis_size
    if legend.position == "r":
        positions = [(r.x + 8, r.y + k * 18) for k in range(len(legend.entries))]
        widths = [r.w - 8 for _ in legend.entries]
    else:
        widths = [text_width(e.name, size) + 22 for e in legend.entries]
        x = r.x + (r.w - sum(widths)) / 2
        positions = []
        for w in widths:
            positions.append((x, r.y))
            x += w
    for e, (x, y), w in zip(legend.entries, positions, widths, strict=True):
        if e.swatch in ("line", "dashline"):
            out.append(DLine(((x, y + 8), (x + 12, y + 8)), e.colour, 2,
                             e.swatch == "dashline"))
        elif e.swatch == "outline":
            out.append(DRect(x, y + 4, 12, 8, None, e.colour, 1, True))
        else:
            out.append(DRect(x, y + 4, 12, 8, e.colour))
        out.append(DText(x + 16, y, w - 16, 16, (e.name,), size, look.text_colour))
    return out
