"""Regenerate data/xuzhou.xlsx from its text source data/xuzhou.source.toml.

    python tools/build_dataset.py

The workbook must then load with no problems at all; tests/test_shipped_dataset.py checks
that the committed file still matches its source.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path

from xzbrief.atomic import atomic_write_bytes
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.source_text import read_source
from xzbrief.dataset.workbook_writer import write_workbook

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "xuzhou.source.toml"
TARGET = ROOT / "data" / "xuzhou.xlsx"
ZIP_TIME = (2025, 12, 1, 0, 0, 0)  # every member's date: the same bytes on every run
MODIFIED = b"2025-12-01T00:00:00Z"


def fixed_zip_times(path: Path) -> None:
    """openpyxl stamps each zip member, and the "modified" property, with the time of writing;
    rewrite them with one fixed date (same order, same compression) so that regenerating
    changes nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + MODIFIED, data)
            dst.writestr(fixed, data)
    atomic_write_bytes(path, out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=TARGET,
                        help="where to write (default data/xuzhou.xlsx)")
    target = parser.parse_args().output
    write_workbook(read_source(SOURCE), target)
    fixed_zip_times(target)
    result = load_dataset(target)
    for p in result.problems:
        print(p.format(), file=sys.stderr)
    print(f"wrote {target}: {len(result.problems)} problems")
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
