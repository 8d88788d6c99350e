"""Regenerate data/xuzhou.xlsx from its text source data/xuzhou.source.toml.

    python tools/build_dataset.py

The workbook must then load with no problems at all; tests/test_shipped_dataset.py checks
that the committed file still matches its source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.source_text import read_source
from xzbrief.dataset.workbook_writer import write_workbook

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "xuzhou.source.toml"
TARGET = ROOT / "data" / "xuzhou.xlsx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    write_workbook(read_source(SOURCE), TARGET)
    result = load_dataset(TARGET)
    for p in result.problems:
        print(p.format(), file=sys.stderr)
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(result.problems)} problems")
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
