"""Speed of the data layer: prints figures, never asserts (targets: shipped < 0.3 s,
100,000 rows < 2 s on a 2-core machine).

    python bench/bench_dataset.py            # shipped + 100,000-row long and wide workbooks
    python bench/bench_dataset.py --quick    # 10,000 rows, for a smoke run

For each synthetic workbook it prints our loader (python-calamine + the XML scan + validation)
next to the time openpyxl read-only mode needs only to iterate the same rows, with defusedxml
active as it is in xzbrief.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import openpyxl  # noqa: E402
from openpyxl.xml import DEFUSEDXML  # noqa: E402

import synthetic  # noqa: E402
from machine import machine  # noqa: E402
from xzbrief.dataset.checks import preflight  # noqa: E402
from xzbrief.dataset.loader import load_dataset  # noqa: E402
from xzbrief.resources import shipped_dataset  # noqa: E402

SHIPPED = shipped_dataset()


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, best) wall-clock seconds over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def load_checked(path: Path, expect_rows: int | None = None) -> None:
    result = load_dataset(path)
    if result.dataset is None or result.errors:
        raise SystemExit(f"{path}: did not load cleanly: {result.problems[:3]}")
    if expect_rows is not None and len(result.dataset.observations) != expect_rows:
        raise SystemExit(f"{path}: {len(result.dataset.observations)} rows, not {expect_rows}")


def cold_start() -> float:
    """Import xzbrief and load the shipped workbook in a new interpreter (what a user waits)."""
    code = ("import time; t = time.perf_counter(); from xzbrief import load_dataset; "
            f"r = load_dataset({str(SHIPPED)!r}); assert r.ok; "
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return float(done.stdout)


def openpyxl_iterate(path: Path) -> int:
    """What openpyxl read-only needs just to walk the data sheet's cells (defusedxml active)."""
    assert DEFUSEDXML, "defusedxml must be installed (xzbrief depends on it)"
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    try:
        for row in wb["数据"].iter_rows(values_only=True):
            n += sum(1 for v in row if v is not None)
    finally:
        wb.close()
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each of our loads")
    parser.add_argument("--quick", action="store_true", help="10,000 rows, 3 runs")
    parser.add_argument("--no-openpyxl", action="store_true",
                        help="skip the (slow) openpyxl comparison")
    args = parser.parse_args(argv)
    rows = 10_000 if args.quick else args.rows
    runs = 3 if args.quick else args.runs

    print(f"machine: {machine()}")
    med, best = timed(lambda: load_checked(SHIPPED), max(runs, 7))
    print(f"shipped {SHIPPED.name}: load+validate median {med:.3f} s "
          f"(best {best:.3f} s) [target < 0.3 s]")
    cold = [cold_start() for _ in range(3)]
    print(f"    in a fresh process, imports included: median {statistics.median(cold):.3f} s")

    with tempfile.TemporaryDirectory(prefix="xzbrief-bench-") as tmp:
        cases = [
            ("long", synthetic.fit(rows, "long"), rows),
            # wide: the same number of values, 12 period columns per row
            ("wide", synthetic.fit(-(-rows // 12), "wide"), -(-rows // 12) * 12),
            # wide with as many rows as the long table (12x the values), for scale
            ("wide-rows", synthetic.fit(rows, "wide"), rows * 12),
        ]
        for label, spec, values in cases:
            path = Path(tmp) / f"{label}.xlsx"
            start = time.perf_counter()
            synthetic.write(spec, path)
            written = time.perf_counter() - start
            data_rows = spec.rows
            size = path.stat().st_size / 1e6
            case_runs = runs if label != "wide-rows" else max(1, runs // 2)
            med, best = timed(lambda p=path, v=values: load_checked(p, v), case_runs)
            line = (f"synthetic {label}: {data_rows:,} data rows, {values:,} values, "
                    f"{size:.1f} MB (written in {written:.1f} s): xzbrief load+validate "
                    f"median {med:.2f} s (best {best:.2f} s)")
            if label == "long":
                line += " [target < 2 s]"
            print(line)
            if label == "long":  # what the app and `dataset check` add after loading
                loaded = load_dataset(path).dataset
                assert loaded is not None
                med, best = timed(lambda d=loaded: preflight(d), case_runs)
                print(f"    pre-flight checks on the loaded data: median {med:.2f} s "
                      f"(best {best:.2f} s)")
            if not args.no_openpyxl and label != "wide-rows":
                start = time.perf_counter()
                cells = openpyxl_iterate(path)
                took = time.perf_counter() - start
                print(f"    openpyxl read-only, only iterating {cells:,} cells of 数据: "
                      f"{took:.2f} s (one run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
