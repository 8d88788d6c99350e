"""Speed of ``xzbrief refresh``: prints figures, never asserts.

Target (issue 10): refreshing a ~40-slide synthetic deck full of charts < 1 s, printed beside a
fresh build of the same deck. The deck is built from a bench/synthetic.py workbook (模拟数据),
then the workbook gains a year — every number changes and the latest period rolls forward, the
heaviest refresh there is.

    python bench/bench_refresh.py            # median of 5 runs
    python bench/bench_refresh.py --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
from machine import machine  # noqa: E402
from xzbrief.build import build_deck, default_recipe  # noqa: E402
from xzbrief.dataset.loader import load_dataset  # noqa: E402
from xzbrief.refresh_deck import prepare_refresh, write_refresh  # noqa: E402

SPEC = synthetic.Spec(themes=2, indicators=9, regions=5, years=6)


def median(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = synthetic.write(SPEC, work / "模拟指标库.xlsx")
        load = load_dataset(book)
        built = build_deck(default_recipe(load), book, work / "模拟汇报.pptx", load=load)
        deck = built.pptx
        charts = sum(1 for s in built.deck.slides if s.chart is not None)
        synthetic.write(synthetic.Spec(themes=SPEC.themes, indicators=SPEC.indicators,
                                       regions=SPEC.regions, years=SPEC.years + 1), book)
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
        job = prepare_refresh(deck, book, load=new_load)
        updates = len(job.plan.updates)
        t_build = median(build, args.runs)
        t_plan = median(plan, args.runs)
        t_refresh = median(refresh, args.runs)
        t_full = median(refresh_with_load, args.runs)
        shutil.copy(out, work / "keep.pptx")
    print(f"synthetic deck ({len(built.deck.slides)} slides, {charts} charts, 模拟数据), workbook "
          f"gains a year ({updates} updates):")
    print(f"  fresh build of the new deck (workbook already read) {t_build:.3f} s")
    print(f"  refresh: plan only {t_plan:.3f} s; plan + patch + write {t_refresh:.3f} s "
          f"(target < 1 s); with reading the workbook {t_full:.3f} s")


if __name__ == "__main__":
    main()
