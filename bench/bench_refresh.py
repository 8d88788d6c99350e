"""Speed of ``xzbrief refresh``: prints figures, never asserts.

Target (issue 10): refreshing the 40-slide / 25-chart deck < 1 s, printed beside a fresh build
of the same deck. The decks are built from bench/synthetic.py workbooks (模拟数据), then the
workbook gains a year — every number changes and the latest period rolls forward, the heaviest
refresh there is. Two sizes: the issue's (the synthetic workbook that comes nearest: 40 slides,
30 charts with the planner of 2026-11-30) and a larger one (45 slides, 36 charts); the sizes
printed are the decks actually built. Wall-clock and CPU seconds are both printed: the CPU
figure is steadier on a shared machine.

    python bench/bench_refresh.py            # median of 5 runs
    python bench/bench_refresh.py --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
from machine import machine  # noqa: E402
from xzbrief.build import build_deck, default_recipe  # noqa: E402
from xzbrief.dataset.loader import load_dataset  # noqa: E402
from xzbrief.refresh_deck import prepare_refresh, write_refresh  # noqa: E402

SIZES = (("the issue's size", synthetic.Spec(themes=3, indicators=5, regions=5, years=6)),
         ("larger", synthetic.Spec(themes=2, indicators=9, regions=5, years=6)))


def median(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds over ``runs`` runs."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def bench(name: str, spec: synthetic.Spec, runs: int, work: Path) -> None:
    book = synthetic.write(spec, work / "模拟指标库.xlsx")
    load = load_dataset(book)
    built = build_deck(default_recipe(load), book, work / "模拟汇报.pptx", load=load)
    deck = built.pptx
    charts = sum(1 for s in built.deck.slides if s.chart is not None)
    synthetic.write(synthetic.Spec(themes=spec.themes, indicators=spec.indicators,
                                   regions=spec.regions, years=spec.years + 1), book)
    new_load = load_dataset(book)
    out = work / "更新.pptx"
    fresh = work / "新建.pptx"

    def build() -> None:
        build_deck(default_recipe(new_load), book, fresh, load=new_load)

    def plan() -> None:
        prepare_refresh(deck, book, load=new_load)

    def refresh() -> None:
        write_refresh(prepare_refresh(deck, book, load=new_load), out)

    def refresh_with_load() -> None:
        write_refresh(prepare_refresh(deck, book), out)

    build()
    refresh()  # warm-up
    updates = len(prepare_refresh(deck, book, load=new_load).plan.updates)
    t_build = median(build, runs)
    t_plan = median(plan, runs)
    t_refresh = median(refresh, runs)
    t_full = median(refresh_with_load, runs)
    print(f"{name}: synthetic deck of {len(built.deck.slides)} slides, {charts} charts (模拟数据), "
          f"workbook gains a year ({updates} updates); seconds wall / CPU:")
    print(f"  fresh build of the new deck (workbook already read) {t_build[0]:.3f} / "
          f"{t_build[1]:.3f}")
    print(f"  refresh: plan only {t_plan[0]:.3f} / {t_plan[1]:.3f}; plan + patch + write "
          f"{t_refresh[0]:.3f} / {t_refresh[1]:.3f} (target < 1 s); with reading the workbook "
          f"{t_full[0]:.3f} / {t_full[1]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    for name, spec in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            bench(name, spec, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
