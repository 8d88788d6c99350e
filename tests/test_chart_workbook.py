"""The workbook inside every chart ("Edit Data") holds the user's words as text: never a
formula, never a hyperlink, never an external relationship. Read back independently: the
embedded .xlsx is unzipped and its sheet XML parsed here, without python-pptx or XlsxWriter."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from openpyxl.workbook.workbook import Workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from workbooks import basic_sheets, problem_lines, write_workbook
from xzbrief.build import build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.render.chart_workbook import TextOnlyChartData

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DANGEROUS = [
    "=cmd|'/c calc'!A0", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|x", "-2+3",
    "@SUM(1,2)", "\t=1+1", "\r=1+1", "http://evil.example/x", "https://evil.example/",
    "mailto:a@evil.example", "file:///etc/passwd", "external:\\\\host\\share\\x.xlsx",
    "internal:Sheet1!A1", "ftp://host/x", "\\\\host\\share\\y.xlsx",
]


def _unescape(text: str) -> str:
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), text)


def embedded_cells(deck: Path) -> list[tuple[str, list[str]]]:
    """(member, texts) of every chart workbook; fails on any formula, link or external rel."""
    out = []
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in z.read(name), name
            if not name.endswith(".xlsx"):
                continue
            with zipfile.ZipFile(io.BytesIO(z.read(name))) as book:
                members = book.namelist()
                for m in members:
                    if m.endswith(".rels"):
                        rels = ET.fromstring(book.read(m))
                        assert all(r.get("TargetMode") != "External" for r in rels), (name, m)
                        assert all(not r.get("Type", "").endswith("/hyperlink") for r in rels)
                shared = [  # as Excel reads them: _x000D_ is a carriage return
                    _unescape("".join(t.text or "" for t in si.iter(f"{NS}t")))
                    for si in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{NS}si")
                ] if "xl/sharedStrings.xml" in members else []
                texts = []
                for m in members:
                    if not m.startswith("xl/worksheets/") or not m.endswith(".xml"):
                        continue
                    sheet = ET.fromstring(book.read(m))
                    assert list(sheet.iter(f"{NS}f")) == [], (name, m, "formula")
                    assert list(sheet.iter(f"{NS}hyperlinks")) == [], (name, m, "hyperlink")
                    for c in sheet.iter(f"{NS}c"):
                        t = c.get("t")
                        assert t in (None, "s", "n"), (name, c.get("r"), t)  # no str / inlineStr
                        if t == "s":
                            texts.append(shared[int(c.find(f"{NS}v").text or "")])  # type: ignore[union-attr]
                out.append((name, texts))
    return out


@pytest.mark.parametrize("text", DANGEROUS)
def test_chart_writer_keeps_every_dangerous_text_as_text(tmp_path: Path, text: str) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = TextOnlyChartData()
    data.categories = [text, "徐州市"]
    data.add_series(text, [1.0, 2.0])
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    prs.save(str(tmp_path / "c.pptx"))
    [(_, texts)] = embedded_cells(tmp_path / "c.pptx")
    assert texts.count(text) == 2  # the category and the series name, exactly as given


def _as_text(wb: Workbook) -> None:
    """Cells typed as text in Excel (a leading apostrophe): openpyxl would write a formula."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def dangerous_workbook(path: Path) -> Path:
    sheets = basic_sheets()
    sheets["指标"][1][1] = "=cmd|'/c calc'!A0"
    for i, name in enumerate(n for n in DANGEROUS if not n[0].isspace()):
        sheets["数据"].append(["GY01", name, "2025年", 100 + i, "实际", None])
    return write_workbook(path, sheets, edit=_as_text)


def test_built_deck_has_no_formula_link_or_external_relationship(tmp_path: Path) -> None:
    book = dangerous_workbook(tmp_path / "危险.xlsx")
    result = load_dataset(book)
    assert result.ok
    build_deck(default_recipe(result), book, tmp_path / "out.pptx", load=result)
    charts = embedded_cells(tmp_path / "out.pptx")
    shown = {t for _, texts in charts for t in texts}
    assert "=cmd|'/c calc'!A0" in shown  # the indicator name, as a series name
    for name in DANGEROUS:
        if not name[0].isspace():
            assert name in shown, name  # each region, as a category, written as typed


def test_check_warns_at_each_cell_a_spreadsheet_would_run_or_follow(tmp_path: Path) -> None:
    lines = problem_lines(load_dataset(dangerous_workbook(tmp_path / "危险.xlsx")))
    assert "指标!B2: [警告] 文字以「=」开头,Excel 等表格程序可能把它当作公式执行" in "\n".join(lines)
    formula_rows = [ln for ln in lines if "当作公式执行" in ln and ln.startswith("数据!B")]
    link_rows = [ln for ln in lines if "外部链接" in ln and ln.startswith("数据!B")]
    assert [ln.split(":")[0] for ln in formula_rows] == [f"数据!B{r}" for r in range(12, 17)]
    assert [ln.split(":")[0] for ln in link_rows] == [f"数据!B{r}" for r in range(17, 25)]
    link = "」是一个链接或网络路径,表格程序可能把它当作外部链接"
    assert link_rows[2].startswith(f"数据!B19: [警告] 文字「mailto:a@evil.example{link}")


def test_ordinary_dashes_and_signed_numbers_are_not_warned_about(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][5] = "-"
    sheets["数据"][2][5] = "-12.5%"
    sheets["数据"][3][5] = "+3"
    sheets["数据"][4][5] = "—"
    sheets["指标"][1][4] = "市工信局(https 网站公布)"
    sheets["指标"][2][4] = "https://tj.xz.gov.cn/col/123.html"  # a 来源 may name its web page
    sheets["指标"][3][4] = "=cmd|'/c calc'!A0"  # but never a formula
    lines = problem_lines(load_dataset(write_workbook(tmp_path / "ok.xlsx", sheets,
                                                      edit=_as_text)))
    assert [ln.split(":")[0] for ln in lines if "公式" in ln or "链接" in ln] == ["指标!E4"]
