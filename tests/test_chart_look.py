"""A chart's look is decided once (render.chart_look) and both renderers only translate it:
the chart read back from the written .pptx is the decided look, point by point, and the
preview paints every mark, label, legend entry, gridline and reference line of it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from realclients import every_kind_deck
from xzbrief.deck.model import Chart, ChartKind, Deck, Reference, Series
from xzbrief.deck.wording import format_number
from xzbrief.render.brand import BUILTIN, load_brand
from xzbrief.render.chart_look import ChartLook, decide_look
from xzbrief.render.colours import distance, tint
from xzbrief.render.display import DLine, DRect, DText, DWedge
from xzbrief.render.layout import ChartBlock, place_deck
from xzbrief.render.pptx_writer import write_pptx
from xzbrief.render.preview_chart import chart_primitives

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
NS = {"c": C[1:-1], "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    deck: Deck = every_kind_deck(tmp_path_factory.mktemp("every"))
    return deck


@pytest.fixture(scope="module", params=list(BUILTIN))
def written(request: pytest.FixtureRequest, every: Deck,
            tmp_path_factory: pytest.TempPathFactory) -> tuple[list[ChartBlock], list[Any]]:
    brand = load_brand(request.param)
    path = tmp_path_factory.mktemp("look") / "every.pptx"
    write_pptx(every, brand, path)
    placed, _ = place_deck(every, brand)
    blocks = [b for ps in placed for b in ps.blocks if isinstance(b, ChartBlock)]
    frames = [s for slide in Presentation(str(path)).slides for s in slide.shapes if s.has_chart]
    assert len(frames) == len(blocks)
    return blocks, frames


def shown(fmt: str, value: float, percent: bool = False) -> str:
    """The text PowerPoint shows for a value under one of our label formats."""
    if percent:
        decimals = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
        return format_number(value * 100, decimals) + "%"
    prefix = "".join(re.findall(r'^"([^"]*)"', fmt))
    body = re.sub(r'"[^"]*"', "", fmt)
    decimals = len(body.split(".")[1]) if "." in body else 0
    suffix = "%" if fmt.endswith('"%"') else ""
    return prefix + format_number(value, decimals) + suffix


def _colour(el: Any, path: str) -> str | None:
    found = el.xpath(path)
    return str(found[0]) if found else None


def read_back(frame: Any, look: ChartLook) -> dict[str, Any]:
    """Everything the written chart says about its look, in the look's own terms."""
    space = frame.chart._chartSpace
    sers = sorted(space.iter(f"{C}ser"), key=lambda s: int(s.find(f"{C}idx").get("val")))
    series = []
    for ser, s in zip(sers, look.series, strict=True):
        dpts = {int(d.find(f"{C}idx").get("val")): d for d in ser.findall(f"{C}dPt")}
        own_fill = _colour(ser, "c:spPr/a:solidFill/a:srgbClr/@val")
        line = _colour(ser, "c:spPr/a:ln/a:solidFill/a:srgbClr/@val")
        dashed = bool(ser.xpath("c:spPr/a:ln/a:prstDash"))
        dlbls = ser.find(f"{C}dLbls")
        per_point = {int(d.find(f"{C}idx").get("val")): d for d in dlbls.findall(f"{C}dLbl")}
        marks = []
        for k, v in enumerate(s.values):
            if k in dpts:
                fill = _colour(dpts[k], "c:spPr/a:solidFill/a:srgbClr/@val")
                outline = _colour(dpts[k], "c:spPr/a:ln/a:solidFill/a:srgbClr/@val")
                mark_dashed = bool(dpts[k].xpath("c:spPr/a:ln/a:prstDash"))
            elif s.shape in ("line", "dashline"):
                fill, outline, mark_dashed = line, None, False
            else:
                fill = own_fill
                outline = line
                mark_dashed = dashed
            src = per_point.get(k, dlbls)
            label = None
            if v is not None and src.find(f"{C}delete") is None and (
                    src.xpath("c:showVal/@val") == ["1"]
                    or src.xpath("c:showPercent/@val") == ["1"]):
                percent = src.xpath("c:showPercent/@val") == ["1"]
                fmt = src.find(f"{C}numFmt").get("formatCode")
                total = sum(x or 0.0 for x in s.values)
                text = shown(fmt, v / total if percent else v, percent)
                pos = src.xpath("c:dLblPos/@val")
                label = (text, pos[0] if pos else "",
                         _colour(src, "c:txPr//a:defRPr/a:solidFill/a:srgbClr/@val"),
                         src.xpath("c:txPr//a:defRPr/@b") == ["1"],
                         _colour(src, "c:spPr/a:solidFill/a:srgbClr/@val"))
            marks.append((fill, outline, mark_dashed, label))
        series.append((s.name, marks))
    axes = {}
    for ax in space.iter(f"{C}valAx"):
        axes[ax.find(f"{C}axPos").get("val")] = (
            float(ax.xpath("c:scaling/c:min/@val")[0]),
            float(ax.xpath("c:scaling/c:max/@val")[0]),
            ax.xpath("c:tickLblPos/@val") == ["nextTo"],
            ax.find(f"{C}majorGridlines") is not None,
            [float(x) for x in ax.xpath("c:majorUnit/@val")])
    cat = next(space.iter(f"{C}catAx"), None)
    layout = space.find(f"{C}chart/{C}plotArea/{C}layout/{C}manualLayout")
    frac = [float(layout.find(f"{C}{t}").get("val")) for t in ("x", "y", "w", "h")]
    legend = space.find(f"{C}chart/{C}legend")
    gap = space.xpath(".//c:gapWidth/@val")
    overlap = space.xpath(".//c:overlap/@val")
    hole = space.xpath(".//c:holeSize/@val")
    return {
        "series": series,
        "axes": axes,
        "skip": int(cat.xpath("c:tickLblSkip/@val")[0])
        if cat is not None and cat.xpath("c:tickLblSkip/@val") else 1,
        "low": cat is not None and cat.xpath("c:tickLblPos/@val") == ["low"],
        "plot": frac,
        "legend": legend.find(f"{C}legendPos").get("val", "r") if legend is not None else None,
        "spacing": (int(gap[0]) if gap else None, int(overlap[0]) if overlap else 0),
        "hole": int(hole[0]) if hole else None,
        "title": frame.chart.chart_title.text_frame.text,
    }


def decided(look: ChartLook) -> dict[str, Any]:
    """The same facts, straight from the decided look."""
    series = []
    for s in look.series:
        marks = []
        for m in s.marks:
            label = None if m.label is None else (m.label.text, m.label.position,
                                                  m.label.colour, m.label.bold, m.label.box)
            if s.shape in ("line", "dashline"):
                marks.append((s.colour, None, False, label))
            else:
                marks.append((m.fill, m.outline, m.dashed, label))
        series.append((s.name, marks))
    axes = {}
    if look.kind is not ChartKind.DOUGHNUT:
        v = look.value_axis
        axes["b" if look.kind is ChartKind.HBAR else "l"] = (
            v.low, v.high, v.visible, v.gridlines, [v.major] if v.major else [])
        if look.line_axis is not None:
            a = look.line_axis
            axes["r"] = (a.low, a.high, a.visible, a.gridlines, [a.major] if a.major else [])
    r, p = look.rect, look.plot
    has_bars = look.kind in (ChartKind.BAR, ChartKind.HBAR, ChartKind.STACKED,
                             ChartKind.BAR_LINE)
    return {
        "series": series,
        "axes": axes,
        "skip": look.category_skip,
        "low": look.category_low,
        "plot": [(p.x - r.x) / r.w, (p.y - r.y) / r.h, p.w / r.w, p.h / r.h],
        "legend": look.legend.position if look.legend else None,
        "spacing": (look.gap_width if has_bars else None, look.overlap if has_bars else 0),
        "hole": look.hole if look.kind is ChartKind.DOUGHNUT else None,
        "title": look.title,
    }


def test_the_written_chart_is_the_decided_look_for_every_kind(
        written: tuple[list[ChartBlock], list[Any]]) -> None:
    blocks, frames = written
    kinds = set()
    for block, frame in zip(blocks, frames, strict=True):
        kinds.add(block.look.kind)
        got, want = read_back(frame, block.look), decided(block.look)
        got["plot"] = pytest.approx(want["plot"], abs=1e-3)
        for key in want:
            if key == "axes":
                assert got[key].keys() == want[key].keys(), block.chart.title
                for pos, (lo, hi, vis, grid, major) in want[key].items():
                    assert got[key][pos][:2] == pytest.approx((lo, hi), rel=1e-6)
                    assert got[key][pos][2:] == (vis, grid, major), (block.chart.title, pos)
            else:
                assert got[key] == want[key], (block.chart.title, key)
    assert kinds == set(ChartKind)


def test_the_preview_paints_the_decided_look_for_every_kind(
        written: tuple[list[ChartBlock], list[Any]]) -> None:
    blocks, _ = written
    for block in blocks:
        look = block.look
        items = chart_primitives(block)
        rects = [i for i in items if isinstance(i, DRect | DWedge)]
        texts = [(t.lines[0], t.color) for t in items if isinstance(t, DText) and t.lines]
        lines = [i for i in items if isinstance(i, DLine)]
        for s in look.series:
            for m, v in zip(s.marks, s.values, strict=True):
                if v is None:
                    continue
                if s.shape in ("bar", "outline", "slice"):
                    assert any(r.fill == m.fill and r.line == m.outline
                               and (not m.dashed or r.dashed) for r in rects), (look.title, m)
                if m.label is not None:
                    assert (m.label.text, m.label.colour) in texts, (look.title, m.label)
            if s.shape in ("line", "dashline"):
                assert any(ln.color == s.colour and ln.dashed == (s.shape == "dashline")
                           and len(ln.points) > 2 for ln in lines), (look.title, s.name)
        if look.legend is not None:
            names = {t for t, _ in texts}
            assert all(e.name in names for e in look.legend.entries), look.title
        axis = look.value_axis
        if axis.gridlines and axis.major:
            grid = [ln for ln in lines if ln.color == "E3E3E3"]
            assert len(grid) == round((axis.high - axis.low) / axis.major) + 1, look.title
        assert (look.title, look.text_colour) in texts


def test_a_line_chart_has_a_light_value_axis_with_gridlines(every: Deck) -> None:
    placed, _ = place_deck(every, load_brand("政务红"))
    look = next(b.look for ps in placed for b in ps.blocks
                if isinstance(b, ChartBlock) and b.look.kind is ChartKind.LINE
                and any(s.shape == "dashline" for s in b.look.series))  # one with a target
    axis = look.value_axis
    assert axis.visible and axis.gridlines and axis.major
    assert axis.low <= min(v for s in look.series for v in s.values if v is not None)
    assert axis.high >= max(v for s in look.series for v in s.values if v is not None)
    target = next(s for s in look.series if s.shape == "dashline")
    labels = [m.label.text for m in target.marks if m.label is not None]
    assert len(labels) == 1 and labels[0].startswith("目标")  # the target is labelled
    # ... right of its last point; the line's own number there goes under its point
    last = max(k for k, m in enumerate(target.marks) if m.label is not None)
    actual = next(s for s in look.series if s.shape == "line")
    label = actual.marks[last].label
    assert label is not None and label.position == "b"
    assert target.marks[last].label is not None and target.marks[last].label.position == "r"


def ranking(values: tuple[float, ...], reference: float | None = None) -> Chart:
    cats = tuple(f"地区{k}" for k in range(len(values)))
    ref = Reference("徐州市", reference, f"徐州市 {reference}%") if reference is not None \
        else None
    return Chart(ChartKind.HBAR, "各地区增速(%)", cats,
                 (Series("增速", values, "%", 1),), reference=ref)


def test_negative_bars_leave_their_category_labels_at_the_low_end() -> None:
    from xzbrief.deck.grid import Rect

    brand = load_brand("政务红")
    p = brand.palette
    rect = Rect(36, 97, 550, 388)
    look = decide_look(ranking((9.5, 4.0, -3.2, -6.1), 3.1), rect, p.chart_colours, p.text,
                       p.muted, brand.font_latin, brand.font_ea)
    assert look.category_low and look.value_axis.low < -6.1
    block = ChartBlock(rect, ranking((9.5, 4.0, -3.2, -6.1), 3.1), look)
    items = chart_primitives(block)
    bars = [r for r in items if isinstance(r, DRect) and r.fill == p.primary]
    labels = [t for t in items if isinstance(t, DText) and t.lines[0].startswith("地区")]
    assert len(bars) == 4 and len(labels) == 4
    for label in labels:  # every category label stands left of every bar
        assert all(label.x + label.w <= bar.x + 0.5 for bar in bars), label.lines
    ref = look.reference
    assert ref is not None and ref.text == "徐州市 3.1%"
    x = ref.start[0]
    zero = look.plot.x + (0 - look.value_axis.low) / (
        look.value_axis.high - look.value_axis.low) * look.plot.w
    assert x > zero  # 3.1 stands right of zero, inside the plot
    assert look.plot.x <= x <= look.plot.right
    assert any(isinstance(i, DLine) and i.dashed and i.points[0][0] == x for i in items)


def test_the_reference_line_is_written_over_the_chart(tmp_path: Path) -> None:
    from xzbrief.deck.grid import Rect
    from xzbrief.deck.model import DeckInfo, Slide, SlideKind

    chart = ranking((9.5, 4.0, -3.2, -6.1), 3.1)
    deck = Deck(DeckInfo("测试"), (Slide(SlideKind.CHART, "各地区增速有升有降", chart=chart),))
    path = tmp_path / "ref.pptx"
    write_pptx(deck, load_brand("科技蓝"), path)
    slide = Presentation(str(path)).slides[0]
    names = [s.name.split(" [")[0] for s in slide.shapes]  # without the record's tag
    assert "参照线" in names and "参照线说明" in names
    words = next(s for s in slide.shapes if s.name.startswith("参照线说明"))
    assert words.text_frame.text == "徐州市 3.1%"
    assert Rect is not None


@pytest.mark.parametrize("brand_name", list(BUILTIN))
@pytest.mark.parametrize("parts", [1, 2, 3, 4, 5, 6, 7])
def test_estimate_tints_stand_apart_from_every_other_colour(brand_name: str, parts: int) -> None:
    """In every brand and for charts of one to seven series (six parts and 其他), every
    estimate tint looks different from every other colour the chart draws (ΔE ≥ 12)."""
    from xzbrief.dataset.model import Status
    from xzbrief.deck.grid import Rect

    brand = load_brand(brand_name)
    p = brand.palette
    series = tuple(Series(f"分项{i}", (1.0, 2.0, 3.0), "亿元", 1,
                          (Status.ACTUAL, Status.ACTUAL, Status.ESTIMATE)) for i in range(parts))
    chart = Chart(ChartKind.STACKED, "构成", ("2023年", "2024年", "2025年"), series)
    look = decide_look(chart, Rect(36, 97, 550, 388), p.chart_colours, p.text, p.muted,
                       brand.font_latin, brand.font_ea)
    drawn = [m.fill for s in look.series for m in s.marks if m.fill]
    distinct = sorted(set(drawn))
    assert len(distinct) == 2 * parts  # each series: its colour and its estimate tint
    for i, a in enumerate(distinct):
        for b in distinct[i + 1:]:
            assert distance(a, b) >= 12, (a, b)
    assert all(tint(s.colour, 0.0) == s.colour for s in look.series)
