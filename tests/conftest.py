from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# "Estimates that should be actuals by now" depends on today's date: pin it so the suite gives
# the same answers every day (tests of that check pass their own date).
os.environ["XZBRIEF_TODAY"] = "2025-06-30"

from workbooks import basic_sheets, write_workbook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def basic_workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "指标库.xlsx", basic_sheets())

# bench/synthetic.py makes large 模拟数据 workbooks for tests too.
sys.path.insert(1, str(ROOT / "bench"))
