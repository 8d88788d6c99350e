"""Value cells: numbers as text, refused values, gaps, error cells, formulas, percent formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from workbooks import basic_sheets, patch_member, sheet_member, write_workbook
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.dataset.numbers import NumberError, parse_number
from xzbrief.dataset.problems import Problem

NUMBER_HINT = "数值格只填数字,单位写在「指标」表的「单位」列;缺数请留空(不会当作 0)"


def load_with_values(tmp_path: Path, values: dict[int, Any], edit: Any = None) -> LoadResult:
    """basic_sheets() with 数值 (column D) of data rows replaced; keys are Excel rows."""
    sheets = basic_sheets()
    for row, value in values.items():
        sheets["数据"][row - 1][3] = value
    return load_dataset(write_workbook(tmp_path / "v.xlsx", sheets, edit=edit))


def at(result: LoadResult, location: str) -> list[Problem]:
    return [p for p in result.problems if p.location == location]


def obs_at(result: LoadResult, cell: str) -> Any:
    assert result.dataset is not None
    return next(o for o in result.dataset.observations if o.ref and o.ref.cell == cell)


def test_numbers_stored_as_text_are_read_with_a_warning(tmp_path: Path) -> None:
    result = load_with_values(tmp_path, {2: "9,000", 3: "９０００", 4: "−12", 5: " 8 200.5 "})
    assert [p.format() for p in result.problems] == [
        "数据!D2: [警告] 数值以文本形式存储(「9,000」),已按 9000 读取。"
        "建议:在 Excel 中选中该格,点击感叹号「转换为数字」",
        "数据!D3: [警告] 数值以文本形式存储(「９０００」),已按 9000 读取。"
        "建议:在 Excel 中选中该格,点击感叹号「转换为数字」",
        "数据!D4: [警告] 数值以文本形式存储(「−12」),已按 -12 读取。"
        "建议:在 Excel 中选中该格,点击感叹号「转换为数字」",
        "数据!D5: [警告] 数值以文本形式存储(「 8 200.5 」),已按 8200.5 读取。"
        "建议:在 Excel 中选中该格,点击感叹号「转换为数字」",
    ]
    assert result.ok
    assert [obs_at(result, c).value for c in ("D2", "D3", "D4", "D5")] == [9000, 9000, -12, 8200.5]
    assert result.problems[0].format("en") == (
        "数据!D2: [warning] number stored as text ('9,000'), read as 9000. "
        "Fix: in Excel use 'Convert to Number'")


@pytest.mark.parametrize(("raw", "message"), [
    ("nan", "「nan」不是数字"),
    ("NaN", "「NaN」不是数字"),
    ("inf", "「inf」不是数字"),
    ("-Infinity", "「-Infinity」不是数字"),
    ("1_000", "「1_000」不是数字"),
    ("9000亿元", "「9000亿元」含有文字「亿元」"),
    ("约9000", "「约9000」把「约」写进了数值格"),
    ("12,34", "「12,34」不是数字"),
    ("#N/A", "单元格是 Excel 错误值 #N/A"),
    ("——", "「——」不是数字"),
])
def test_refused_text_values(tmp_path: Path, raw: str, message: str) -> None:
    result = load_with_values(tmp_path, {2: raw})
    [problem] = at(result, "数据!D2")
    assert problem.is_error
    assert problem.message() == message
    assert not result.ok
    assert result.dataset is not None
    assert all(o.ref is None or o.ref.cell != "D2" for o in result.dataset.observations)


def test_refused_value_english(tmp_path: Path) -> None:
    result = load_with_values(tmp_path, {2: "9000亿元"})
    assert result.problems[0].format("en") == (
        "数据!D2: [error] '9000亿元' contains the text '亿元'. Fix: put only a number here "
        "(the unit belongs in 指标); leave it empty when missing")
    assert result.problems[0].hint() == NUMBER_HINT


def test_error_cell(tmp_path: Path) -> None:
    def errors(wb: Any) -> None:
        for ref, text in (("D2", "#N/A"), ("D3", "#DIV/0!")):
            cell = wb["数据"][ref]
            cell.value = text
            cell.data_type = "e"

    result = load_with_values(tmp_path, {}, edit=errors)
    assert [p.format() for p in result.errors] == [
        "数据!D2: [错误] 单元格是 Excel 错误值 #N/A。建议:修正公式,或在缺数时清空该格",
        "数据!D3: [错误] 单元格是 Excel 错误值 #DIV/0!。建议:修正公式,或在缺数时清空该格",
    ]


def test_empty_value_is_a_gap_not_zero(tmp_path: Path) -> None:
    result = load_with_values(tmp_path, {3: None})
    assert result.ok
    assert result.problems == ()
    gap = obs_at(result, "D3")
    assert gap.value is None
    assert gap.period.label == "2022年"


def test_formula_without_cached_value(tmp_path: Path) -> None:
    result = load_with_values(tmp_path, {4: "=D2*1.1", 5: "=1/0"})
    assert [p.format() for p in result.errors] == [
        "数据!D4: [错误] 公式没有计算结果(文件未经 Excel 计算保存)。"
        "建议:在 Excel 中打开该文件并保存一次",
        "数据!D5: [错误] 公式没有计算结果(文件未经 Excel 计算保存)。"
        "建议:在 Excel 中打开该文件并保存一次",
    ]


def test_formula_with_cached_value_uses_it(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "f.xlsx", basic_sheets())
    patch_member(path, sheet_member(path, "数据"), lambda xml: xml.replace(
        b'<c r="D2" t="n"><v>6100</v></c>', b'<c r="D2"><f>6000+100</f><v>6100</v></c>'))
    result = load_dataset(path)
    assert result.problems == ()
    assert obs_at(result, "D2").value == 6100


def test_formula_in_a_text_cell(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][1] = '=CONCAT("徐州","市")'
    result = load_dataset(write_workbook(tmp_path / "t.xlsx", sheets))
    # one problem for the cell: not also "地区为空"
    assert [(p.location, p.code) for p in result.errors] == [("数据!B2", "value-uncalculated")]


def test_unreadable_cells_outside_the_values_are_named(tmp_path: Path) -> None:
    """An Excel error in 顺序, 小数位 or a highlight's 期间 is a problem, never a default."""
    sheets = basic_sheets()
    sheets["指标"][0] = [*sheets["指标"][0], "小数位"]
    sheets["指标"][1] = [*sheets["指标"][1], 1]
    sheets["专题"] = [["专题", "顺序"], ["产业升级", 1], ["数实融合", 2]]
    sheets["要点"] = [["专题", "地区", "期间", "要点", "来源"],
                     ["产业升级", "徐州市", "2025年", "一项成绩", "市工信局"]]

    def errors(wb: Any) -> None:
        for sheet, ref in (("指标", "F2"), ("专题", "B3"), ("要点", "C2")):
            cell = wb[sheet][ref]
            cell.value = "#N/A"
            cell.data_type = "e"

    result = load_dataset(write_workbook(tmp_path / "e.xlsx", sheets, edit=errors))
    assert sorted((p.location, p.code) for p in result.errors) == [
        ("专题!B3", "value-excel-error"), ("指标!F2", "value-excel-error"),
        ("要点!C2", "value-excel-error")]


def test_percent_formatted_cell_in_a_percent_indicator(tmp_path: Path) -> None:
    def fmt(wb: Any) -> None:
        wb["数据"]["D10"].number_format = "0.0%"
        wb["数据"]["D11"].number_format = "0%"

    result = load_with_values(tmp_path, {10: 0.102, 11: 0.115}, edit=fmt)
    assert result.problems == ()
    assert obs_at(result, "D10").value == pytest.approx(10.2)
    assert obs_at(result, "D11").value == pytest.approx(11.5)


def test_percent_formatted_cell_in_another_unit(tmp_path: Path) -> None:
    def fmt(wb: Any) -> None:
        wb["数据"]["D2"].number_format = "0.00%"

    result = load_with_values(tmp_path, {2: 0.053}, edit=fmt)
    [problem] = result.problems
    assert problem.format() == (
        "数据!D2: [警告] 单元格以百分比格式显示,但指标单位是「亿元」,已按原值 0.053 读取。"
        "建议:核对单位;百分比指标的单位应为 %")
    assert obs_at(result, "D2").value == 0.053


def test_percent_text(tmp_path: Path) -> None:
    result = load_with_values(tmp_path, {10: "10.2%", 2: "5%"})
    assert [(p.location, p.message()) for p in result.problems] == [
        ("数据!D2", "「5%」带百分号,但指标单位是「亿元」"),
        ("数据!D10", "数值以文本形式存储(「10.2%」),已按 10.2 读取"),
    ]
    assert obs_at(result, "D10").value == pytest.approx(10.2)


def test_logical_and_date_cells(tmp_path: Path) -> None:
    result = load_with_values(tmp_path, {2: True, 3: dt.datetime(2025, 1, 1)})
    assert [(p.location, p.message()) for p in result.problems] == [
        ("数据!D2", "单元格是逻辑值(TRUE/FALSE),不是数值"),
        ("数据!D3", "单元格是日期或时间(2025-01-01),不是数值"),
    ]


def test_nan_stored_in_a_numeric_cell(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "nan.xlsx", basic_sheets())
    patch_member(path, sheet_member(path, "数据"), lambda xml: xml.replace(
        b"<v>6100</v>", b"<v>NaN</v>").replace(b"<v>7050</v>", b"<v>INF</v>"))
    result = load_dataset(path)
    assert [(p.location, p.message()) for p in result.errors] == [
        ("数据!D2", "数值不是有限数(NaN 或无穷大)"),
        ("数据!D3", "数值不是有限数(NaN 或无穷大)"),
    ]


@pytest.mark.parametrize(("raw", "unit", "value", "from_text"), [
    (9000, "", 9000.0, False),
    (69.3, "", 69.3, False),
    ("9,000", "", 9000.0, True),
    ("1,234,567.5", "", 1234567.5, True),
    ("９０００", "", 9000.0, True),
    ("−12", "", -12.0, True),
    ("－3.5", "", -3.5, True),
    ("+7", "", 7.0, True),
    ("5.3%", "%", 5.3, True),
    ("1e3", "", 1000.0, True),
])
def test_parse_number_accepts(raw: object, unit: str, value: float, from_text: bool) -> None:
    parsed = parse_number(raw, unit)
    assert parsed is not None
    assert (parsed.value, parsed.from_text) == (value, from_text)


@pytest.mark.parametrize(("raw", "code"), [
    ("nan", "value-not-number"), ("inf", "value-not-number"), ("1_000", "value-not-number"),
    ("9000亿元", "value-with-text"), (float("nan"), "value-nonfinite"),
    (float("inf"), "value-nonfinite"), (True, "value-bool"), ("#REF!", "value-excel-error"),
    ("5.3%", "value-percent-unit"), (object(), "value-type"), (b"12", "value-type"),
])
def test_parse_number_refuses(raw: object, code: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(raw)
    assert info.value.code == code


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_parse_number_empty_is_a_gap(raw: object) -> None:
    assert parse_number(raw) is None


def test_value_type_message() -> None:
    from xzbrief.dataset.problems import error

    with pytest.raises(NumberError) as info:
        parse_number(dt.timedelta(hours=1))
    assert error(info.value.code, "数据", "D2", **info.value.params).message() == (
        "单元格「1:00:00」不是数值")


def test_a_date_formatted_number_beyond_the_calendar_is_named_not_a_crash(tmp_path):
    """calamine panics on such a cell (a Rust panic, not an Exception); the sheet is then
    read the careful way and the cell is named (value-bad-date)."""
    def edit(wb):
        cell = wb["数据"].cell(3, 4)
        cell.value = -1e12
        cell.number_format = "yyyy-mm-dd"

    result = load_dataset(write_workbook(tmp_path / "d.xlsx", basic_sheets(), edit=edit))
    assert result.dataset is not None
    assert [(p.code, p.location) for p in result.errors] == [("value-bad-date", "数据!D3")]
    assert result.errors[0].format().startswith("数据!D3: [错误] 单元格设为日期/时间格式")


def test_optional_sheets_may_be_left_with_their_header_only(tmp_path):
    sheets = basic_sheets()
    sheets["要点"] = sheets["要点"][:1]  # the template's example row deleted
    sheets["专题"] = [["专题", "顺序", "导语"]]
    sheets["数据2"] = [["指标编码", "地区", "期间", "数值"]]
    result = load_dataset(write_workbook(tmp_path / "e.xlsx", sheets))
    assert result.ok
    assert [(p.code, p.location) for p in result.problems] == [("sheet-no-rows", "数据2")]
    assert not result.problems[0].is_error


@pytest.mark.parametrize(("raw", "word"), [("约9000", "约"), ("超300", "超"), ("150余", "余"),
                                           ("9000左右", "左右")])
def test_an_approximation_word_in_a_value_cell_points_to_the_qualifier_column(tmp_path, raw,
                                                                              word):
    sheets = basic_sheets()
    sheets["数据"][5][3] = raw
    result = load_dataset(write_workbook(tmp_path / "q.xlsx", sheets))
    (problem,) = result.errors
    assert (problem.code, problem.location) == ("value-qualified", "数据!D6")
    assert problem.format() == (f"数据!D6: [错误] 「{raw}」把「{word}」写进了数值格。建议:数值格只填数字,"
                                f"「{word}」请写在「限定」列(原文怎么写就怎么填)")
