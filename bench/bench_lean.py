"""Loading and checking very large workbooks: 100,000 and 1,000,000 rows, whole-process time
and peak memory, beside the floor (prints, never asserts).

Issue 12 targets: the 1,000,000-row workbook loads and checks in < 15 s with a peak < 700 MiB
on the project's 2-core machine. Each size runs in a fresh process (as `xzbrief dataset check`
does), so the peak is the process's own (ru_maxrss). Wall time on a shared machine moves with
the other processes, so CPU seconds are printed beside it, and the best of ``--runs`` runs.

Engine: python-calamine (Rust) parses each sheet; nothing else parses cell XML. openpyxl is
used only as the fallback reader for a sheet calamine cannot read (it panics on some cells).

Layout: the sheet XML is inflated once into one buffer and searched with byte searches that
start with a literal: first what must be known before calamine may build its grid (the extent,
in one pass that looks closer only at references as long as the last row's; stray cells), then,
on the other core while calamine parses (python-calamine lets go of the GIL), what calamine
cannot tell (formulas never calculated, error cells, percent formats, hidden rows). The buffer
is let go as soon as that scan ends, long before calamine's grid peaks. Calamine's rows are
taken one by one into a grid in which each distinct text is one object. A long table is then
read row by row: a row whose code, region and notes, period text, status word and plain number
were all seen before on rows without a problem is taken in a few dict lookups (the duplicate
check is one int per value); any other row is checked cell by cell; each row is let go once
read. One slotted Observation and CellRef per value remain (what deck/ and refresh/ read),
stored slot by slot. The checks number each distinct period once and look periods up by
identity.

The floor is what any reader pays: unzip the sheet XML and tokenize it (expat, no handlers),
and python-calamine's own parse plus taking its rows as Python lists (nothing else).

    python bench/bench_lean.py                 # 100,000 and 1,000,000 rows
    python bench/bench_lean.py --rows 100000   # one size
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
from machine import machine  # noqa: E402

CHILD = """
import os, sys, time, resource
t = time.perf_counter(); c = os.times()
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.checks import preflight
r = load_dataset(sys.argv[1]); t1 = time.perf_counter(); c1 = os.times()
checks = preflight(r.dataset) if r.dataset is not None else []
t2 = time.perf_counter(); c2 = os.times()
cpu = lambda a, b: b.user + b.system - a.user - a.system
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{t1 - t:.2f} {t2 - t1:.2f} {cpu(c, c1):.2f} {cpu(c1, c2):.2f} {peak:.0f} "
      f"{len(r.dataset.observations)} {len(checks)}")
"""

FLOOR = """
import gc, io, sys, time, zipfile
from xml.parsers import expat
import python_calamine as cal
gc.disable()
data = open(sys.argv[1], "rb").read()
z = zipfile.ZipFile(io.BytesIO(data))
name = max((n for n in z.namelist() if n.startswith("xl/worksheets/")),
           key=lambda n: z.getinfo(n).file_size)
t = time.perf_counter(); xml = z.read(name); unzip = time.perf_counter() - t
t = time.perf_counter(); p = expat.ParserCreate(); p.Parse(xml, True)
tok = time.perf_counter() - t
del xml
t = time.perf_counter()
sh = cal.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("数据")
parse = time.perf_counter() - t
t = time.perf_counter(); rows = list(sh.iter_rows()); listed = time.perf_counter() - t
print(f"{unzip:.2f} {tok:.2f} {parse:.2f} {listed:.2f}")
"""

BEFORE = {100_000: "2.6 s, 168 MiB", 1_000_000: "38 s, 1,361 MiB"}  # issue 12's table


def run(code: str, path: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, check=True)
    return done.stdout.split()


def best(code: str, path: Path, runs: int) -> list[float]:
    """Each figure's smallest value over ``runs`` fresh processes."""
    results = [[float(x) for x in run(code, path)] for _ in range(runs)]
    return [min(column) for column in zip(*results, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the workbooks")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="xzbrief-lean-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for rows in args.rows:
            path = folder / f"long-{rows}.xlsx"
            if not path.exists():
                start = time.perf_counter()
                synthetic.write(synthetic.fit(rows, "long"), path)
                print(f"wrote {path.name} ({path.stat().st_size / 1e6:.1f} MB) in "
                      f"{time.perf_counter() - start:.0f} s")
            load, check, load_cpu, check_cpu, peak, obs, warned = best(CHILD, path, args.runs)
            unzip, tok, parse, listed = best(FLOOR, path, args.runs)
            print(f"{rows:>9,} rows: load {load:.2f} s + checks {check:.2f} s = "
                  f"{load + check:.1f} s (CPU {load_cpu:.1f} + {check_cpu:.1f} s), peak "
                  f"{peak:.0f} MiB ({obs:,.0f} values, {warned:,.0f} warnings) "
                  f"[issue 12 before: {BEFORE.get(rows, '-')}]")
            print(f"{'':>16}floor: unzip {unzip:.2f} s + tokenize (expat) {tok:.2f} s; "
                  f"calamine parse {parse:.2f} s + rows as lists {listed:.2f} s = "
                  f"{parse + listed:.2f} s; load + checks = "
                  f"{(load + check) / (parse + listed):.1f} x the calamine floor")
    print("Target 1,000,000 rows: < 15 s, < 700 MiB; 100,000 rows: load < 2 s. Best of "
          f"{args.runs} runs each; on a shared machine compare CPU seconds and the ratio to "
          "the floor.")


if __name__ == "__main__":
    main()
