"""Speed of the deck engine: prints figures, never asserts.

Targets (issue 3): the default Xuzhou deck < 1 s; a 40-slide synthetic deck with 25 charts
< 1.5 s on 2 cores; that deck <= 1.3x the time a plain python-pptx script (bench/plain_pptx.py)
needs to write the same slides (same charts with the same data, same tables and text boxes).

    python bench/bench_deck.py              # median of 5 runs each
    python bench/bench_deck.py --runs 3
    python bench/bench_deck.py --profile    # also profile the 40-slide render (pyinstrument)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import plain_pptx  # noqa: E402
from machine import machine  # noqa: E402
from xzbrief.build import build_deck  # noqa: E402
from xzbrief.dataset.loader import load_dataset  # noqa: E402
from xzbrief.dataset.model import Status  # noqa: E402
from xzbrief.deck.model import (  # noqa: E402
    Axis,
    Card,
    Chart,
    ChartKind,
    Deck,
    DeckInfo,
    Figure,
    Series,
    Slide,
    SlideKind,
    Table,
    TableCell,
)
from xzbrief.deck.planner import plan_deck  # noqa: E402
from xzbrief.recipe import read_recipe  # noqa: E402
from xzbrief.render.brand import load_brand  # noqa: E402
from xzbrief.render.layout import ChartBlock, ShapeBlock, TableBlock, TextBlock, place_deck  # noqa: E402
from xzbrief.render.pptx_writer import render_pptx  # noqa: E402
from xzbrief.resources import shipped_dataset, shipped_recipe  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median wall-clock seconds over ``runs`` runs, after one warm-up run."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- the 40-slide synthetic deck (模拟数据) -------------------------------------------------
YEARS = tuple(f"{y}年" for y in range(2019, 2026))
REGIONS = tuple(f"模拟地区{i:02d}" for i in range(1, 9))


def _fig(label: str, value: float, unit: str = "亿元", status: Status = Status.ACTUAL) -> Figure:
    return Figure(label=label, text=f"{value:g}{unit}", value=value, unit=unit, status=status,
                  period="2025年", source="模拟来源(非真实数据)")


def _series(name: str, values: list[float | None], unit: str = "亿元",
            estimate_last: bool = True, **kw: Any) -> Series:
    statuses = tuple(Status.ESTIMATE if estimate_last and i == len(values) - 1
                     else Status.ACTUAL for i in range(len(values)))
    return Series(name, tuple(values), unit, 0 if unit != "%" else 1, statuses, **kw)


def _chart(i: int, kind: ChartKind) -> Chart:
    base = [100.0 + 13 * i + 37 * k for k in range(len(YEARS))]
    if kind is ChartKind.BAR_LINE:
        growth: list[float | None] = [None] + [round((b / a - 1) * 100, 1)
                                               for a, b in pairwise(base)]
        return Chart(kind, f"模拟指标{i:02d}(亿元)", YEARS,
                     (_series("规模", list(base)),
                      _series("同比增长", growth, "%", axis=Axis.SECONDARY, as_line=True)))
    if kind is ChartKind.BAR:
        return Chart(kind, f"模拟指标{i:02d}(%)", YEARS[2:],
                     (_series("增速", [round(v / 30, 1) for v in base[2:]], "%"),))
    if kind is ChartKind.HBAR:
        values = sorted((50.0 + 7 * k + i for k in range(len(REGIONS))), reverse=True)
        return Chart(kind, f"各地区模拟指标{i:02d}(家)", REGIONS,
                     (_series("数量", list(values), "家", estimate_last=False),))
    if kind is ChartKind.DOUGHNUT:
        return Chart(kind, f"模拟指标{i:02d}构成", ("甲", "乙", "丙", "丁"),
                     (_series("构成", [40.0, 30.0, 20.0, 10.0], estimate_last=False),))
    if kind is ChartKind.STACKED:
        return Chart(kind, f"模拟指标{i:02d}构成(亿元)", YEARS[2:],
                     tuple(_series(n, [v / 3 + 10 * j for v in base[2:]])
                           for j, n in enumerate(("甲", "乙", "丙"))))
    months = tuple(str(m) for m in range(1, 13)) + tuple(str(m) for m in range(1, 7))
    groups = ("2024年",) * 12 + ("2025年",) * 6
    return Chart(kind, f"模拟指标{i:02d}(亿千瓦时)", months,
                 (_series("用电量", [30.0 + k for k in range(18)], estimate_last=False),),
                 groups=groups)


def synthetic_deck() -> Deck:
    """40 slides: cover, agenda, 5 sections, 25 charts, 4 key-figure pages, 2 tables,
    1 highlights page, closing."""
    kinds = ([ChartKind.BAR_LINE] * 10 + [ChartKind.BAR] * 5 + [ChartKind.HBAR] * 4
             + [ChartKind.DOUGHNUT] * 3 + [ChartKind.STACKED] * 2 + [ChartKind.LINE])
    note = "注:2025年数据为预计数。"
    source = "数据来源:模拟来源(非真实数据)。"
    slides = [Slide(SlideKind.COVER, "模拟数据汇报(仅供测试)", subtitle="40 页 25 图",
                    organisation="模拟单位", date="2025年12月"),
              Slide(SlideKind.AGENDA, "目录", lines=tuple(f"{n}、模拟专题" for n in "一二三四五"))]
    charts = iter(enumerate(kinds, start=1))
    for s, head in enumerate("一二三四五", start=1):
        slides.append(Slide(SlideKind.SECTION, f"{head}、模拟专题{s}", subtitle="模拟导语。"))
        for _ in range(5):
            i, kind = next(charts)
            lines = (f"模拟指标{i:02d}预计达{100 + 13 * i}亿元,同比增长9.8%。",
                     "预计2019—2025年年均增长9.6%。")
            slides.append(Slide(SlideKind.CHART, f"模拟指标{i:02d}预计达{100 + 13 * i}亿元,"
                                "同比增长9.8%", chart=_chart(i, kind), lines=lines,
                                footnotes=(note, source), notes="\n".join(lines)))
        if s <= 4:
            cards = tuple(Card(f"模拟指标{k}", _fig(f"模拟指标{k}", 100.0 * k), "", str(100 * k),
                               "亿元", _fig("变化", 9.8, "%")) for k in range(1, 5))
            slides.append(Slide(SlideKind.KEY_FIGURES, f"模拟专题{s}主要指标", cards=cards,
                                footnotes=(source,)))
    rows = tuple((TableCell(f"模拟指标{k:02d}"), TableCell("2025年"),
                  TableCell(f"{10 * k}个", numeric=True), TableCell("同比增长9.8%"),
                  TableCell("实际")) for k in range(1, 11))
    for n in (1, 2):
        slides.append(Slide(SlideKind.TABLE, f"模拟指标汇总({n}/2)",
                            table=Table(("指标", "期间", "数值", "变化", "状态"), rows),
                            footnotes=(source,)))
    slides.append(Slide(SlideKind.HIGHLIGHTS, "主要亮点",
                        lines=tuple(f"模拟亮点第{k}条,仅供测试。" for k in range(1, 7))))
    slides.append(Slide(SlideKind.CLOSING, "谢谢"))
    assert len(slides) == 40 and sum(s.chart is not None for s in slides) == 25
    return Deck(DeckInfo("模拟数据汇报"), tuple(slides))


def plain_spec(deck: Deck, brand: Any) -> list[dict[str, Any]]:
    """The same slides as plain data for plain_pptx.write (no xzbrief objects inside)."""
    placed, _ = place_deck(deck, brand)
    spec = []
    for ps in placed:
        item: dict[str, Any] = {"title": ps.title, "shapes": [], "texts": [], "charts": [],
                                "tables": [], "notes": ps.notes}
        for block in ps.blocks:
            r = (block.rect.x, block.rect.y, block.rect.w, block.rect.h)
            if isinstance(block, ShapeBlock):
                item["shapes"].append(r)
            elif isinstance(block, TextBlock):
                size = max(run.size for p in block.paras for run in p.runs) if block.paras \
                    else 12.0
                item["texts"].append((r, [p.text for p in block.paras], size))
            elif isinstance(block, ChartBlock):
                c = block.chart
                item["charts"].append((r, c.kind.value, list(c.categories),
                                       [(s.name, list(s.values)) for s in c.series]))
            elif isinstance(block, TableBlock):
                t = block.table
                item["tables"].append((r, [list(t.columns)] + [[c.text for c in row]
                                                               for row in t.rows]))
        spec.append(item)
    return spec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    runs = args.runs
    print(f"machine: {machine()}")

    recipe = read_recipe(shipped_recipe())
    result = load_dataset(shipped_dataset())
    assert result.dataset is not None
    dataset = result.dataset
    brand = load_brand(recipe.brand)
    shipped = plan_deck(dataset, recipe)
    t_plan = timed(lambda: plan_deck(dataset, recipe), runs)
    t_render = timed(lambda: render_pptx(plan_deck(dataset, recipe), brand), runs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pptx"
        t_build = timed(lambda: build_deck(recipe, shipped_dataset(), out), runs)
    print(f"default Xuzhou deck ({len(shipped.slides)} slides): plan {t_plan * 1000:.0f} ms; "
          f"plan + render to bytes {t_render:.3f} s; whole build_deck incl. workbook load and "
          f"atomic write {t_build:.3f} s  (target < 1 s)")

    deck = synthetic_deck()
    spec = plain_spec(deck, brand)
    t_ours = timed(lambda: render_pptx(deck, brand), runs)
    t_plain = timed(lambda: plain_pptx.write(spec), runs)
    charts = sum(s.chart is not None for s in deck.slides)
    print(f"synthetic deck ({len(deck.slides)} slides, {charts} charts): xzbrief layout + render "
          f"{t_ours:.3f} s (target < 1.5 s); plain python-pptx {t_plain:.3f} s; "
          f"ratio {t_ours / t_plain:.2f}x (target <= 1.3x)")

    if args.profile:
        try:
            from pyinstrument import Profiler  # noqa: PLC0415 - optional, bench only
        except ImportError:
            print("pyinstrument is not installed: pip install pyinstrument")
            return
        profiler = Profiler()
        profiler.start()
        render_pptx(deck, brand)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
