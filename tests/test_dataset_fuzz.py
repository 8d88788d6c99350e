"""Random garbage in random cells never breaks the loader: only our own problems come back,
each naming its sheet and, for cell problems, its cell."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbooks import basic_sheets, write_workbook
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.numbers import EXCEL_ERRORS

SHEET_LEVEL = {
    "sheet-missing", "data-sheet-missing", "header-missing", "column-missing", "sheet-ignored",
    "sheet-hidden-skipped", "sheet-hidden-read", "rows-hidden", "sheet-no-rows",
    "region-unlisted", "cell-stray-more", "sheet-too-large", "sheet-hidden-only",
}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def excel_escape(text: str) -> str:
    """Control characters as Excel stores them (openpyxl refuses the raw ones)."""
    return _ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


garbage = st.one_of(
    st.text(max_size=40).map(excel_escape),
    st.sampled_from(["9,000", "９０００", "−12", "nan", "inf", "1_000", "9000亿元", "5.3%",
                     "#N/A", "=1/0", "=A1", "2025年1—11月", "十四五", "预计", "GY01", "徐州市",
                     "", " ", "\t", "_x0007_", "\u3000", "2025Q5", "指标编码", "数值",
                     # issue 12: text a spreadsheet runs or follows, numbers beyond a deck
                     "=cmd|'/c calc'!A0", "@SUM(1)", "-2+3", "http://evil.example/x",
                     "\\\\host\\share\\x.xlsx", "1e29", "-2e15", "长" * 2_500]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.just("长" * 30_000),
    st.none(),
)
cell_edit = st.tuples(st.sampled_from(["指标", "数据", "要点"]), st.integers(1, 14),
                      st.integers(1, 9), garbage, st.booleans())


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cell_edit, min_size=1, max_size=12))
@example([("数据", 3, 4, dt.datetime(2100, 1, 1), False)])  # calamine once panicked on dates
@example([("数据", 3, 4, 1e29, False), ("指标", 2, 2, "=cmd|'/c calc'!A0", False)])  # issue 12
def test_garbage_in_random_cells_gives_located_problems(edits: list[Any]) -> None:
    def apply(wb: Any) -> None:
        for sheet, row, col, value, as_error in edits:
            cell = wb[sheet].cell(row, col)
            cell.value = value
            if as_error and value in EXCEL_ERRORS:  # Excel has no other error values
                cell.data_type = "e"

    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "garbage.xlsx", basic_sheets(), edit=apply)
        result = load_dataset(path)
    assert result.dataset is not None
    for problem in result.problems:
        assert not problem.code.startswith("file-"), problem.format()
        assert problem.sheet, problem.format()
        if problem.code not in SHEET_LEVEL:
            assert problem.cell, problem.format()
            assert problem.location.startswith(f"{problem.sheet}!")
        assert problem.format("zh")  # every placeholder filled
        assert problem.format("en")
    for obs in result.dataset.observations:
        assert obs.value is None or (isinstance(obs.value, float) and math.isfinite(obs.value))
    d = result.dataset
    for item in (*d.indicators, *d.observations, *d.highlights, *d.themes, *d.regions):
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            if isinstance(value, str):
                assert not _CONTROL.search(value), (item, f.name)
