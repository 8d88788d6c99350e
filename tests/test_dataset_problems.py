"""Each problem of a badly filled workbook, with the message and the SHEET!CELL a user sees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbooks import DATA_HEADER, INDICATOR_HEADER, basic_sheets, write_workbook
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.dataset.model import Status
from xzbrief.dataset.problems import Problem


def load(tmp_path: Path, sheets: dict[str, Any], **kw: Any) -> LoadResult:
    return load_dataset(write_workbook(tmp_path / "指标库.xlsx", sheets, **kw))


def only(result: LoadResult, code: str) -> Problem:
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [p.format() for p in result.problems]
    return found[0]


def shown(result: LoadResult) -> list[tuple[str, str]]:
    return [(p.location, p.message()) for p in result.problems]


def test_basic_workbook_is_clean(basic_workbook: Path) -> None:
    result = load_dataset(basic_workbook)
    assert result.ok
    assert result.problems == ()
    d = result.dataset
    assert d is not None
    assert [i.code for i in d.indicators] == ["GY01", "GY02", "SZ01", "SZ02"]
    assert len(d.observations) == 10
    assert d.observations_of("GY01")[-1].status is Status.ESTIMATE
    assert [t.name for t in d.themes] == ["产业升级", "数实融合"]
    assert d.highlights[0].text == "工程机械获批国家首批先进制造业集群"


def test_missing_indicator_sheet(tmp_path: Path) -> None:
    sheets = basic_sheets()
    del sheets["指标"]
    result = load(tmp_path, sheets)
    assert shown(result) == [("指标", "缺少工作表「指标」")]
    assert result.problems[0].format("en") == (
        "指标: [error] sheet '指标' is missing. Fix: run `xzbrief dataset template out.xlsx` "
        "for a blank workbook to compare with")


def test_missing_data_sheet(tmp_path: Path) -> None:
    sheets = basic_sheets()
    del sheets["数据"]
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据", "没有数据工作表(名称以「数据」开头的工作表)")]


def test_missing_column(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"] = [row[:2] + row[3:] for row in sheets["指标"]]  # no 单位
    result = load(tmp_path, sheets)
    # the one real problem; not, besides it, one "code not in 指标" per data row
    assert shown(result) == [("指标", "缺少列「单位」(表头在第 1 行)")]
    assert not result.ok


def test_missing_value_column_in_long_form(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"] = [row[:3] + row[4:] for row in sheets["数据"]]  # no 数值
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据", "缺少列「数值」(表头在第 1 行)")]


def test_no_header_row(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"] = [["随便写的内容"], ["GY01", "工业开票销售收入"]]
    result = load(tmp_path, sheets)
    assert shown(result) == [("指标", "前 30 行内找不到表头(应包含:指标编码、指标名称、单位、专题)")]


def test_duplicate_indicator_code(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"].append(["GY01", "另一个指标", "亿元", "产业升级", ""])
    result = load(tmp_path, sheets)
    assert shown(result) == [("指标!A6", "指标编码「GY01」重复(首次出现在 指标!A2)")]
    assert result.problems[0].format() == (
        "指标!A6: [错误] 指标编码「GY01」重复(首次出现在 指标!A2)。建议:每个指标编码只能出现一次")


def test_unknown_code_in_data(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"].append(["XX99", "徐州市", "2025年", 1, "实际", None])
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据!A12", "指标编码「XX99」不在「指标」表中")]
    assert result.problems[0].format("en") == (
        "数据!A12: [error] indicator code 'XX99' is not in 指标. "
        "Fix: add it to 指标 first, or check the spelling")


def test_duplicate_rows(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"].append(["GY01", "徐州市", "2021", 6200, "", "再填一次"])
    sheets["数据"].append(["GY01", "徐州市", "2021年", 6200, "预计", "状态不同:不重复"])
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据!D12", "与 数据!D2 重复(同一指标、地区、期间和状态)")]


def test_duplicate_rows_across_data_sheets(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据2"] = [DATA_HEADER, ["GY01", "徐州市", "2025年", 9100, "预计", None]]
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据2!D2", "与 数据!D6 重复(同一指标、地区、期间和状态)")]


@pytest.mark.parametrize(("period", "message"), [
    ("明年", "期间「明年」无法识别"),
    ("2025年13月", "月份 13 不在 1—12 之间"),
    ("3025年", "年份 3025 超出 1900—2100"),
    ("2025—2021年", "起止年份 2025—2021 顺序不对"),
    (None, "期间为空"),
    ("  ", "期间为空"),
])
def test_bad_period_in_data(tmp_path: Path, period: object, message: str) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][2] = period
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据!C2", message)]


def test_unparseable_period_hint(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][2] = "去年"
    result = load(tmp_path, sheets)
    assert result.problems[0].format() == (
        "数据!C2: [错误] 期间「去年」无法识别。建议:写法如 2025年、2025年11月、2025年1—11月、"
        "2025年三季度、2025年上半年、2021—2025年")


def test_status_words_and_a_bad_one(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][4] = "大概"
    sheets["数据"][2][4] = None
    sheets["数据"][3][4] = "预估"
    sheets["数据"][4][4] = "计划"
    sheets["数据"][5][4] = "Estimate"
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据!E2", "状态「大概」无法识别")]
    assert result.problems[0].hint() == "填写 实际、预计 或 目标;留空为实际"
    d = result.dataset
    assert d is not None
    statuses = {o.ref.cell: o.status for o in d.observations if o.ref}
    assert statuses["D3"] is Status.ACTUAL
    assert statuses["D4"] is Status.ESTIMATE
    assert statuses["D5"] is Status.TARGET
    assert statuses["D6"] is Status.ESTIMATE


def test_unit_contradicting_indicator(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"] = [[*row, None] for row in sheets["数据"]]
    sheets["数据"][0][6] = "单位"
    sheets["数据"][1][6] = "万元"
    sheets["数据"][2][6] = "亿元"  # agrees: fine
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据!G2", "单位「万元」与指标表中的「亿元」不一致")]
    assert not result.ok


def test_control_characters_are_stripped_and_named(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"][1][1] = "工业_x0007_开票销售收入"
    sheets["数据"][1][5] = "备注_x001F_文字"
    sheets["要点"][1][3] = "工程机械_x0001_集群"
    result = load(tmp_path, sheets)
    assert shown(result) == [
        ("指标!B2", "文字中有不可见的控制字符,已删除"),
        ("数据!F2", "文字中有不可见的控制字符,已删除"),
        ("要点!D2", "文字中有不可见的控制字符,已删除"),
    ]
    assert result.ok
    d = result.dataset
    assert d is not None
    assert d.indicator("GY01").name == "工业开票销售收入"
    assert d.observations[0].remark == "备注文字"
    texts = [repr(x) for x in (d.indicators, d.observations, d.highlights, d.themes)]
    assert not any(ch in text for text in texts for ch in ("\\x07", "\\x1f", "\\x01", "_x00"))


def test_indicator_sheet_cells(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"] = [
        [*INDICATOR_HEADER, "小数位", "上级指标"],
        ["GY01", "工业开票销售收入", "亿元", "产业升级", "", 1, None],
        [None, "没有编码", "亿元", "产业升级", "", None, None],
        ["GY02", None, "家", "产业升级", "", "两位", None],
        ["GY03", "名称", "亿元", None, "", 9, None],
        ["GY04", "分项", "万元", "产业升级", "", None, "GY01"],
        ["GY05", "分项", "亿元", "产业升级", "", None, "GY99"],
        ["GY06", "分项", "亿元", "产业升级", "", None, "GY06"],
    ]
    result = load(tmp_path, sheets)
    assert [x for x in shown(result) if x[0].startswith("指标")] == [
        ("指标!A3", "指标编码为空"),
        ("指标!B4", "指标名称为空"),
        ("指标!F4", "小数位「两位」应为 0—6 的整数"),
        ("指标!D5", "专题为空"),
        ("指标!F5", "小数位「9」应为 0—6 的整数"),
        ("指标!G6", "分项单位「万元」与上级指标 GY01 的单位「亿元」不同"),
        ("指标!G7", "上级指标「GY99」不在指标表中"),
        ("指标!G8", "上级指标不能是自己"),
    ]


def test_theme_and_region_sheets(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["专题"] = [["专题", "顺序", "导语"], ["数实融合", 2, "导语二"],
                    ["产业升级", 1, "导语一"], ["产业升级", 3, None], ["其他", "第四", None]]
    sheets["地区"] = [["地区", "上级", "类型"], ["徐州", None, "市"], ["徐州", None, "市"]]
    sheets["要点"].append(["没有的专题", "徐州市", "2025年", "一句话", ""])
    result = load(tmp_path, sheets)
    assert shown(result) == [  # workbook order: 指标, 数据, 要点, 专题, 地区
        ("数据", "地区「徐州市」不在「地区」表中,已排在最后"),
        ("要点!A3", "专题「没有的专题」不在指标或专题表中"),
        ("专题!A4", "专题「产业升级」重复(首次出现在 专题!A3)"),
        ("专题!B5", "顺序「第四」应为数字"),
        ("地区!A3", "地区「徐州」重复(首次出现在 地区!A2)"),
    ]
    d = result.dataset
    assert d is not None
    assert [t.name for t in d.themes][:2] == ["产业升级", "数实融合"]
    assert d.themes[0].intro == "导语一"


def test_theme_not_listed_in_theme_sheet(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["专题"] = [["专题", "顺序"], ["产业升级", 1]]
    result = load(tmp_path, sheets)
    assert shown(result) == [  # once per theme, at its first use
        ("指标!D4", "专题「数实融合」不在「专题」表中,已按出现顺序排在最后"),
    ]


def test_data_row_cells(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"] = [[*DATA_HEADER, "限定"],
                    [None, "徐州市", "2025年", 1, "实际", None, None],
                    ["GY01", None, "2025年", 9000, "预计", None, None],
                    ["GY01", "徐州市", "2025年", 9000, "预计", None, "差不多"],
                    ["GY02", "徐州市", "2025年", 4000, "预计", None, "左右"]]
    result = load(tmp_path, sheets)
    assert shown(result) == [
        ("数据!A2", "本行有数据,但指标编码为空"),
        ("数据!B3", "地区为空"),
        ("数据!G4", "限定「差不多」不可用"),
    ]
    assert result.problems[2].hint() == "可用:约、超、超过、突破、近、不足、逾、左右、以上、余"
    d = result.dataset
    assert d is not None
    assert [(o.indicator, o.qualifier) for o in d.observations] == [("GY01", ""), ("GY02", "左右")]


def test_sheet_without_rows(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"] = [DATA_HEADER]
    result = load(tmp_path, sheets)
    assert shown(result) == [("数据", "没有数据行")]


def test_problems_come_in_sheet_and_row_order(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][5][2] = "明年"
    sheets["数据"][2][3] = "abc"
    sheets["指标"][3][3] = None
    sheets["数据2"] = [DATA_HEADER, ["XX", "徐州市", "2025年", 1, "", None]]
    result = load(tmp_path, sheets)
    assert [p.location for p in result.problems] == ["指标!D4", "数据!D3", "数据!C6", "数据2!A2"]


def test_a_true_cell_is_not_read_as_the_code_1(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"].append([1, "编码为数字的指标", "亿元", "产业升级", "市工信局"])
    sheets["数据"] += [[1, "徐州市", "2024年", 10, "实际", None],
                     [True, "徐州市", "2025年", 11, "实际", None]]  # TRUE == 1 in Python
    result = load(tmp_path, sheets)
    assert ("数据!A13", "指标编码「TRUE」不在「指标」表中") in [
        (p.location, p.message().split("。")[0]) for p in result.errors]


def test_statistics_columns_are_checked_naming_the_cell(tmp_path: Path) -> None:
    """类型 must be a known kind; 重点 是/否; 表述 needs {值}; 增速指标 names an indicator."""
    sheets = basic_sheets()
    sheets["指标"] = [[*INDICATOR_HEADER, "类型", "重点", "表述", "增速指标"],
                     ["GY01", "工业开票销售收入", "亿元", "产业升级", "市工信局", "规模量", None,
                      None, "GY09"],
                     ["GY02", "规上工业企业数量", "家", "产业升级", "市工信局", "数量", "也许",
                      "家企业", None],
                     ["SZ01", "两化融合发展水平", "", "数实融合", "市工信局", None, "是", None, None],
                     ["SZ02", "数字经济核心产业增加值占比", "%", "数实融合", "市统计局", None, None,
                      None, None]]
    result = load(tmp_path, sheets)
    assert only(result, "kind-invalid").location == "指标!F2"
    assert only(result, "kind-invalid").message() == "「类型」填的是「规模量」,不认识"
    assert only(result, "growth-code-unknown").location == "指标!I2"
    assert only(result, "key-invalid").location == "指标!G3"
    assert only(result, "pattern-no-value").location == "指标!H3"
    d = load(tmp_path, {**sheets, "指标": [sheets["指标"][0], *sheets["指标"][3:]]}).dataset
    assert d is not None
    assert d.indicator("SZ01").key is True
    assert d.indicator("SZ01").kind.value == "指数" and d.indicator("SZ01").kind_reason
    assert d.indicator("SZ02").kind.value == "比重"


def test_a_growth_rate_named_after_its_level_is_linked_to_it(tmp_path: Path) -> None:
    """地区生产总值 / 地区生产总值增速: written together; a 增速 under its level (上级指标) is
    its growth, never a part that should add up to it."""
    sheets = basic_sheets()
    sheets["指标"] = [[*INDICATOR_HEADER, "上级指标"],
                     ["GDP", "地区生产总值", "亿元", "产业升级", "市统计局", None],
                     ["GDPR", "地区生产总值增速", "%", "产业升级", "市统计局", None],
                     ["IND", "规上工业增加值", "亿元", "产业升级", "市统计局", None],
                     ["INDR", "工业增长", "%", "产业升级", "市统计局", "IND"]]
    sheets["数据"] = [sheets["数据"][0], ["GDP", "徐州市", "2025年", 9000, "实际", None]]
    sheets.pop("要点")
    result = load(tmp_path, sheets)
    assert result.problems == ()
    d = result.dataset
    assert d is not None
    assert d.indicator("GDP").growth_code == "GDPR" and d.indicator("GDPR").growth_of == "GDP"
    assert d.indicator("IND").growth_code == "INDR" and d.indicator("INDR").parent == ""
