"""How sheets are laid out: title rows, aliases, wide form, several data sheets, merged and
hidden things, far-away formatting and stray cells."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from workbooks import DATA_HEADER, basic_sheets, write_workbook
from xzbrief.dataset import xlsx
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.dataset.model import Status
from xzbrief.dataset.periods import PeriodKind


def load(tmp_path: Path, sheets: dict[str, Any] | None = None, **kw: Any) -> LoadResult:
    return load_dataset(write_workbook(tmp_path / "指标库.xlsx",
                                       sheets if sheets is not None else basic_sheets(), **kw))


def shown(result: LoadResult) -> list[tuple[str, str]]:
    return [(p.location, p.message()) for p in result.problems]


def with_title_rows(rows: list[list[Any]], width: int) -> list[list[Any]]:
    return [["徐州市产业指标库", *[None] * (width - 1)],
            ["数据截至:2025年11月", *[None] * (width - 1)], *rows]


def test_header_below_merged_title_rows(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"] = with_title_rows(sheets["指标"], 5)
    sheets["数据"] = with_title_rows(sheets["数据"], 6)

    def merge(wb: Any) -> None:
        for name, last in (("指标", "E"), ("数据", "F")):
            wb[name].merge_cells(f"A1:{last}1")
            wb[name].merge_cells(f"A2:{last}2")

    result = load(tmp_path, sheets, edit=merge)
    assert result.problems == ()
    d = result.dataset
    assert d is not None
    assert d.info.title == "徐州市产业指标库"
    assert d.info.as_of == "2025年11月"
    assert d.observations[0].ref is not None
    assert str(d.observations[0].ref) == "数据!D4"


def test_merged_cells_inside_the_data(tmp_path: Path) -> None:
    def merge(wb: Any) -> None:
        wb["数据"].merge_cells("B2:B4")

    result = load(tmp_path, edit=merge)
    problem = result.problems[0]
    assert (problem.location, problem.message()) == ("数据!B2:B4", "数据区域内有合并单元格 B2:B4")
    assert problem.hint() == "取消合并,并在每一行填写完整的值"
    assert problem.format("en") == ("数据!B2:B4: [error] merged cells B2:B4 inside the data. "
                                    "Fix: unmerge and fill the value in every row")
    assert not result.ok


def test_english_header_aliases(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"][0] = ["Code", "Name", "Unit", "Theme", "Source"]
    sheets["数据"][0] = ["code", "REGION", "period", "value", "status", "note"]
    sheets["要点"][0] = ["theme", "region", "period", "highlight", "source"]
    result = load(tmp_path, sheets)
    assert result.problems == ()
    d = result.dataset
    assert d is not None
    assert len(d.observations) == 10
    assert d.indicator("GY01").unit == "亿元"


def test_header_variants(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"][0] = ["指标编码(必填)", " 指标 名称 ", "计量单位", "主题", "数据来源"]
    sheets["数据"][0] = ["编码", "区域", "时期", "值", "状态", "备注"]
    result = load(tmp_path, sheets)
    assert result.problems == ()


def test_wide_form_with_status_in_headers(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"] = [
        ["指标编码", "地区", "2023年", "2024年", "2025年(预计)", "备注", "2026年(目标)"],
        ["GY01", "徐州市", 7600, 8200, 9000, "备注一", None],
        ["GY02", "徐州市", None, None, 4000, None, 4200],
        ["SZ02", "徐州市", "10.2", 11, None, None, None],
    ]
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据!C4", "数值以文本形式存储(「10.2」),已按 10.2 读取")]
    d = result.dataset
    assert d is not None
    got = [(o.indicator, o.period.label, o.status, o.value, o.note, str(o.ref))
           for o in d.observations]
    assert got == [
        ("GY01", "2023年", Status.ACTUAL, 7600, "备注一", "数据!C2"),
        ("GY01", "2024年", Status.ACTUAL, 8200, "备注一", "数据!D2"),
        ("GY01", "2025年", Status.ESTIMATE, 9000, "备注一", "数据!E2"),
        ("GY02", "2025年", Status.ESTIMATE, 4000, "", "数据!E3"),
        ("GY02", "2026年", Status.TARGET, 4200, "", "数据!G3"),
        ("SZ02", "2023年", Status.ACTUAL, 10.2, "", "数据!C4"),
        ("SZ02", "2024年", Status.ACTUAL, 11, "", "数据!D4"),
    ]


def test_wide_form_problems_are_reported_once_per_row(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"] = [
        ["指标编码", "地区", "2023年", "2024年", "2024年", "合计", 2025],
        ["XX01", "徐州市", 1, 2, 3, 6, 4],
        ["GY01", "徐州市", 7600, "八千", None, None, 9000],
    ]
    result = load(tmp_path, sheets)
    assert shown(result) == [
        ("数据!E1", "期间列「2024年」与 D1 重复,本列已忽略"),
        ("数据!F1", "列「合计」既不是已知列也不是期间,已忽略"),
        ("数据!A2", "指标编码「XX01」不在「指标」表中"),
        ("数据!D3", "「八千」不是数字"),
    ]
    d = result.dataset
    assert d is not None
    assert [o.period.label for o in d.observations] == ["2023年", "2025年"]


def test_several_data_sheets(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据2"] = [DATA_HEADER, ["SZ01", "徐州市", "2024年", 65.1, "实际", None]]
    sheets["数据(分县)"] = [["指标编码", "地区", "2025年"], ["GY01", "邳州市", 800]]
    sheets["数据说明"] = [["这张表只是说明文字"]]
    sheets["其他"] = [["完全不相干"]]
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据说明", "工作表名称以「数据」开头,但找不到表头,已忽略")]
    assert result.ok
    d = result.dataset
    assert d is not None
    assert len(d.observations) == 12
    assert {o.ref.sheet for o in d.observations if o.ref} == {"数据", "数据2", "数据(分县)"}
    assert d.region_names == ("徐州市", "邳州市")


def test_formatted_rows_down_to_the_last_row(tmp_path: Path) -> None:
    def format_to_the_end(wb: Any) -> None:
        ws = wb["数据"]
        ws["XFD1048576"].number_format = "0.00"
        ws["F1048576"].number_format = "0.0%"
        ws.row_dimensions[1048576].height = 30
        for r in range(12, 2000):
            ws.cell(r, 4).number_format = "#,##0"
        wb["指标"]["XFD1048576"].number_format = "@"

    result = load(tmp_path, edit=format_to_the_end)
    assert result.problems == ()
    d = result.dataset
    assert d is not None
    assert len(d.observations) == 10
    assert len(d.indicators) == 4


def test_stray_cells_far_away_are_left_out_with_a_warning(tmp_path: Path) -> None:
    def stray(wb: Any) -> None:
        wb["数据"]["A1048576"] = " "
        wb["数据"]["XFD1048576"] = "x"
        wb["指标"]["XFD5"] = "备注"

    result = load(tmp_path, edit=stray)
    assert shown(result) == [  # XFD5 is far right but cheap to read: read, not in a column
        ("数据!A1048576", "单元格远在表格之外(下方或右侧很远处),其内容已忽略"),
        ("数据!XFD1048576", "单元格远在表格之外(下方或右侧很远处),其内容已忽略"),
    ]
    assert result.ok
    d = result.dataset
    assert d is not None
    assert len(d.observations) == 10


def test_many_stray_cells_are_summarised(tmp_path: Path) -> None:
    def stray(wb: Any) -> None:
        for c in range(1, 26):
            wb["数据"].cell(1048576, c * 3, "x")

    result = load(tmp_path, edit=stray)
    assert len(result.problems) == 21
    assert shown(result)[0] == ("数据", "另有 5 个远在表格之外的单元格,其内容已忽略")
    assert shown(result)[1][0] == "数据!C1048576"


def test_sheet_too_large_is_refused_not_crashed(tmp_path: Path) -> None:
    def spread(wb: Any) -> None:
        ws = wb["数据"]
        for r in range(20, 1048576, 900):  # no gap of 1,000 empty rows...
            ws.cell(r, 7, "x")
        for c in range(8, 16384, 90):  # ...nor of 100 empty columns
            ws.cell(15, c, "x")

    result = load(tmp_path, edit=spread)
    too_large = [p for p in result.problems if p.code == "sheet-too-large"]
    assert [(p.location, p.message()) for p in too_large] == [
        ("数据", "工作表的使用区域过大(1048520 行 × 16298 列),无法读取")]
    assert not result.ok


def test_extent_bounds_cover_what_calamine_would_build() -> None:
    xml = (b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
           b'<row r="7"><c r="C7" t="s"><v>0</v></c><c r="D7" s="1"/></row></sheetData>'
           b"</worksheet>")
    assert xlsx.sheet_extent(xml) == xlsx.Extent(7, 26)
    assert xlsx.sheet_extent(xml.replace(b'r="C7"', b'r="AB7"')).cols == 702
    # cells without r, or with a namespace prefix, are positioned the way calamine does
    odd = (b'<x:worksheet><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c>'
           b'</x:row><x:row r="5"><x:c r="E5"><x:v>3</x:v></x:c></x:row></x:sheetData>'
           b"</x:worksheet>")
    assert xlsx.sheet_extent(odd) == xlsx.Extent(5, 5)
    hostile = b'<row r="2"><c r="A2"><v>1</v></c><c\tr="XFD1048576"><v>1</v></c></row>'
    assert xlsx.sheet_extent(hostile) == xlsx.Extent(1048576, 16384)


def test_hidden_data_sheet_is_skipped(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据(旧)"] = [DATA_HEADER, ["GY01", "徐州市", "2019年", 5000, "实际", None]]
    result = load(tmp_path, sheets, hidden=["数据(旧)"])
    assert shown(result) == [("数据(旧)", "工作表已隐藏,其数据未读取")]
    assert result.problems[0].hint() == "隐藏的数据表通常是旧副本;如需使用,请在 Excel 中取消隐藏"
    assert result.ok
    d = result.dataset
    assert d is not None
    assert "2019年" not in [p.label for p in d.periods]


def test_hidden_indicator_sheet_is_read(tmp_path: Path) -> None:
    result = load(tmp_path, hidden=["指标"])
    assert shown(result) == [("指标", "工作表已隐藏,仍照常读取")]
    assert result.ok
    assert result.dataset is not None
    assert len(result.dataset.indicators) == 4


def test_hidden_rows_are_read_with_a_warning(tmp_path: Path) -> None:
    def hide(wb: Any) -> None:
        for r in (3, 4, 5, 8):
            wb["数据"].row_dimensions[r].hidden = True

    result = load(tmp_path, edit=hide)
    assert shown(result) == [("数据", "第 3—5、8 行在 Excel 中被隐藏,仍照常读取")]
    assert result.dataset is not None
    assert len(result.dataset.observations) == 10


def test_date_cells_as_periods(tmp_path: Path) -> None:
    import datetime as dt

    sheets = basic_sheets()
    sheets["数据"][1][2] = dt.datetime(2025, 10, 31)
    sheets["数据"][2][2] = dt.date(2025, 11, 30)
    result = load(tmp_path, sheets)
    assert result.problems == ()
    d = result.dataset
    assert d is not None
    months = [o.period for o in d.observations if o.period.kind is PeriodKind.MONTH]
    assert [p.label for p in months] == ["2025年10月", "2025年11月"]


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_synthetic_workbooks_load_clean(tmp_path: Path, layout: str) -> None:
    import synthetic

    spec = synthetic.Spec(themes=2, indicators=3, regions=4, years=5, form=layout)
    path = synthetic.write(spec, tmp_path / f"synthetic_{layout}.xlsx")
    result = load_dataset(path)
    assert result.problems == ()
    d = result.dataset
    assert d is not None
    assert len(d.observations) == 2 * 3 * 4 * 5
    assert d.info.title == synthetic.LABEL
    assert [t.name for t in d.themes] == ["模拟专题01", "模拟专题02"]
    assert all(i.source == "模拟来源(非真实数据)" for i in d.indicators)
    assert d.observations[-1].status is Status.ESTIMATE


def test_synthetic_rows_limit(tmp_path: Path) -> None:
    import synthetic

    spec = synthetic.fit(1000)
    assert spec.themes == 1
    rows = list(itertools.islice(synthetic.long_rows(spec), 2000))
    assert len(rows) == 1000
    assert synthetic.main(["--rows", "50", "--form", "wide", str(tmp_path / "w.xlsx")]) == 0
    result = load_dataset(tmp_path / "w.xlsx")
    assert result.problems == ()
    assert result.dataset is not None
    assert len(result.dataset.observations) == 50 * 12


@pytest.mark.parametrize("cells", [["数据截至\uff1a2025年12月17日"],  # full-width colon
                                   ["数据截至:", "2025年12月17日"],  # the date in its own cell
                                   ["数据截止 2025年12月17日"]])
def test_the_data_date_however_it_is_written(tmp_path: Path, cells: list[str]) -> None:
    sheets = basic_sheets()
    sheets["指标"] = [["徐州市产业指标库"], cells, *sheets["指标"]]
    result = load(tmp_path, sheets)
    assert result.dataset is not None and result.dataset.info.as_of == "2025年12月17日"
    assert result.dataset.info.title == "徐州市产业指标库"


def test_a_merged_note_beside_the_table_is_not_in_the_data(tmp_path: Path) -> None:
    def merge(wb: Any) -> None:
        ws = wb["数据"]
        ws["H2"] = "说明:2025年为预计数"
        ws.merge_cells("H2:J3")  # a note to the right of the table

    result = load(tmp_path, basic_sheets(), edit=merge)
    assert result.ok and result.errors == ()
