"""tools/build_dataset.py gives the same bytes on every run: regenerating the shipped workbook
from its source changes nothing in git (no timestamp churn), and the committed file is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_workbook_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    outs = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    for out in outs:
        done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_dataset.py"), "-o",
                               str(out)], capture_output=True, text=True, timeout=120,
                              check=False)
        assert done.returncode == 0, done.stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert outs[0].read_bytes() == (ROOT / "data" / "xuzhou.xlsx").read_bytes()
