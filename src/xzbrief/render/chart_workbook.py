"""The workbook embedded in every chart ("Edit Data") holds text only as text.

python-pptx writes it with XlsxWriter's ``worksheet.write``, which by default turns a string
that starts with ``=`` into a live formula and one that looks like ``http://``, ``mailto:``,
``file:///`` or ``external:\\\\host\\share`` into a hyperlink with an external relationship. A
region or indicator name from the user's workbook must never become either (a formula such as
``=cmd|'/c calc'!A0`` runs when the official opens Edit Data; a link leaks on open), so the
writer here opens the workbook with those conversions switched off: every category and series
name is a plain shared string, every value a number or blank.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from xlsxwriter import Workbook

#: XlsxWriter options for a workbook that can hold no formula, link or guessed number.
TEXT_ONLY = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": False,
}


class _TextOnlyWriter(CategoryWorkbookWriter):
    """python-pptx's category layout (the chart's references depend on it), text kept text."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[Any, Any]]:
        workbook = Workbook(xlsx_file, TEXT_ONLY)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class TextOnlyChartData(CategoryChartData):
    """Category chart data whose embedded workbook is written by :class:`_TextOnlyWriter`."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        writer = self.__dict__.get("_xzbrief_writer")
        if writer is None:
            writer = self.__dict__["_xzbrief_writer"] = _TextOnlyWriter(self)
        return writer


class RecordOnlyChartData(TextOnlyChartData):
    """Chart data for a chart drawn only to be read back (``xzbrief refresh`` compares the
    fresh plan's chart XML with the deck's): no embedded workbook is written."""

    @property
    def xlsx_blob(self) -> bytes:
        return b""
