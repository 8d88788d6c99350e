"""Loading and checking very large workbooks: 100,000 and 1,000,000 rows, whole-process time
and peak memory, beside the floor (prints, never asserts).

Issue 12 targets: the 1,000,000-row workbook loads and checks in < 15 s with a peak < 700 MiB
on the project's 2-core machine. Each size runs in a fresh process (as `xzbrief dataset check`
does), so the peak is the process's own (ru_maxrss). The floor is what any reader pays: unzip
the sheet XML and tokenize it (expat), and python-calamine's own parse.

Engine and layout: python-calamine parses the sheet (Rust; its parsed sheet alone is about
460 MiB for 1,000,000 rows x 6 columns); its rows are taken one by one (``iter_rows``) into a
grid in which each distinct text is held once (xlsx.compact_grid); the sheet XML is released
before the parse; a narrow sheet with contiguous rows is no longer taken apart cell by cell
to look for strays (that alone was 640 MiB and a minute); observations and cell references
are slotted dataclasses; the cyclic collector is paused while loading. Values are still one
Python object per row; a columnar store (array('d') per column, codes as small ints) is the
next step and is not done.

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
import sys, time, resource
t = time.perf_counter()
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.checks import preflight
r = load_dataset(sys.argv[1]); t1 = time.perf_counter()
checks = preflight(r.dataset) if r.dataset is not None else []
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{t1 - t:.2f} {t2 - t1:.2f} {peak:.0f} {len(r.dataset.observations)} {len(checks)}")
"""

FLOOR = """
import sys, time, zipfile
from xml.parsers import expat
import python_calamine as cal
z = zipfile.ZipFile(sys.argv[1])
name = max((n for n in z.namelist() if n.startswith("xl/worksheets/")),
           key=lambda n: z.getinfo(n).file_size)
t = time.perf_counter(); data = z.read(name); unzip = time.perf_counter() - t
t = time.perf_counter(); p = expat.ParserCreate(); p.Parse(data, True)
tok = time.perf_counter() - t
del data
t = time.perf_counter(); sh = cal.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("数据")
parse = time.perf_counter() - t
print(f"{unzip:.2f} {tok:.2f} {parse:.2f}")
"""


def run(code: str, path: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, check=True)
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
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
            load, check, peak, obs, warned = run(CHILD, path)
            unzip, tok, parse = run(FLOOR, path)
            total = float(load) + float(check)
            print(f"{rows:>9,} rows: load {load} s + checks {check} s = {total:.1f} s, peak "
                  f"{peak} MiB ({obs} values, {warned} warnings) | floor: unzip {unzip} s + "
                  f"tokenize {tok} s; calamine parse {parse} s")
    print("issue 12 before: 100,000 rows 2.6 s, 168 MiB; 1,000,000 rows 38 s, 1,361 MiB. "
          "Target 1,000,000: < 15 s, < 700 MiB")


if __name__ == "__main__":
    main()
