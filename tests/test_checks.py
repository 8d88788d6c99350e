"""Pre-flight statistical checks, each on a crafted workbook, each naming its cells."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from workbooks import DATA_HEADER, basic_sheets, write_workbook
from xzbrief.dataset.checks import preflight
from xzbrief.dataset.loader import load_dataset

TODAY = dt.date(2026, 3, 1)


def lines(problems) -> list[str]:
    return [p.format() for p in problems]


def codes(tmp_path, sheets, today=TODAY, shown=None) -> list[str]:
    result = load_dataset(write_workbook(tmp_path / "w.xlsx", sheets))
    return [p.code for p in preflight(result.dataset, shown, today)]


def check(tmp_path, sheets, today=TODAY, shown=None) -> list[str]:
    result = load_dataset(write_workbook(tmp_path / "w.xlsx", sheets))
    assert result.ok, [p.format() for p in result.errors]
    return lines(preflight(result.dataset, shown, today))


def with_indicators(extra_indicators, rows):
    sheets = basic_sheets()
    sheets["指标"] = sheets["指标"] + extra_indicators
    sheets["数据"] = [DATA_HEADER, *rows]
    return sheets


def test_clean_series_give_no_warning(tmp_path):
    sheets = basic_sheets()
    sheets["数据"] = [DATA_HEADER, *([*r[:4], "实际", None] for r in sheets["数据"][1:])]
    assert check(tmp_path, sheets) == []


def test_parts_that_do_not_add_up_name_the_total_and_the_parts(tmp_path):
    sheets = basic_sheets()
    sheets["指标"] = [[*sheets["指标"][0], "上级指标"],
                     *[[*r, None] for r in sheets["指标"][1:]],
                     ["JQ01", "工程机械集群规模", "亿元", "产业升级", "市工信局", "GY01"],
                     ["JQ02", "其他集群规模", "亿元", "产业升级", "市工信局", "GY01"]]
    sheets["数据"] = [DATA_HEADER, ["GY01", "徐州市", "2024年", 8200, "实际", None],
                     ["JQ01", "徐州市", "2024年", 5000, "实际", None],
                     ["JQ02", "徐州市", "2024年", 3100.4, "实际", None]]
    out = check(tmp_path, sheets)
    assert len(out) == 1
    assert out[0].startswith("数据!D2: [警告] 工业开票销售收入(2024年,徐州市)的分项合计 8100.4 与总量 8200")
    assert "数据!D3、数据!D4" in out[0]
    assert codes(tmp_path, sheets) == ["check-parts-total"]
    # within rounding: each figure may be off by half a unit of its last decimal
    sheets["数据"][3][3] = 3200.04
    sheets["数据"][1][3] = 8200.0
    assert check(tmp_path, sheets) == []


def test_a_value_ten_thousand_times_off_is_flagged_once(tmp_path):
    rows = [["GY01", "徐州市", f"{y}年", v, "实际", None]
            for y, v in zip(range(2020, 2025), [6100, 7050, 76000000, 8200, 8600], strict=True)]
    out = check(tmp_path, with_indicators([], rows))
    assert len(out) == 1
    assert out[0].startswith("数据!D4: [警告] 工业开票销售收入(徐州市)在 2022年 的数值 76000000")
    assert "万元当作亿元" in out[0]
    assert codes(tmp_path, with_indicators([], rows)) == ["check-magnitude"]


def test_with_half_the_values_off_the_ones_named_are_real_cells(tmp_path):
    """Four values, two of them entered in 万元: the comparison value is one the workbook
    holds (8200), never the mean of the middle two (a number in no cell)."""
    rows = [["GY01", "徐州市", f"{y}年", v, "实际", None]
            for y, v in zip(range(2021, 2025), [8000, 8200, 80000000, 82000000], strict=True)]
    out = check(tmp_path, with_indicators([], rows))
    assert [line.split(":")[0] for line in out] == ["数据!D4", "数据!D5"]
    assert all("8200" in line for line in out)


def test_implausible_change_unless_explained_in_a_note(tmp_path):
    rows = [["GY01", "徐州市", "2023年", 7600, "实际", None],
            ["GY01", "徐州市", "2024年", 16000, "实际", None]]
    out = check(tmp_path, with_indicators([], rows))
    assert out == ["数据!D3: [警告] 工业开票销售收入(徐州市)2024年 较 2023年(数据!D2) 变化 +110.5%,"
                   "幅度异常。建议:如数据无误,请在「备注」中说明原因(有备注时不再提示)"]
    assert codes(tmp_path, with_indicators([], rows)) == ["check-jump"]
    rows[1][5] = "含新纳入统计的企业"
    assert check(tmp_path, with_indicators([], rows)) == []


def test_gaps_and_empty_values_in_a_shown_series(tmp_path):
    rows = [["GY01", "徐州市", "2020年", 6100, "实际", None],
            ["GY01", "徐州市", "2021年", None, "实际", None],
            ["GY01", "徐州市", "2023年", 7600, "实际", None],
            ["GY01", "徐州市", "2024年", 8200, "实际", None]]
    out = check(tmp_path, with_indicators([], rows))
    assert any(o.startswith("数据!D3: [警告] 工业开票销售收入(徐州市,2021年)数值为空") for o in out)
    assert any(o.startswith("数据!D2: [警告] 工业开票销售收入(徐州市)缺少 2022年 的数据") for o in out)
    assert sorted(codes(tmp_path, with_indicators([], rows))) == ["check-empty-value", "check-gap"]
    # a deck that does not show GY01 does not care about its gaps
    assert check(tmp_path, with_indicators([], rows), shown=["GY02"]) == []


def test_estimates_that_should_be_actuals_by_the_workbooks_date(tmp_path):
    rows = [["GY01", "徐州市", "2023年", 7600, "预计", None],
            ["GY01", "徐州市", "2024年", 8200, "实际", None],
            ["GY01", "徐州市", "2025年", 9000, "预计", None]]
    sheets = with_indicators([], rows)
    out = check(tmp_path, sheets, today=dt.date(2026, 1, 15))
    assert out == ["数据!D2: [警告] 工业开票销售收入(徐州市)的 2023年 仍是预计数,到今天(2026-01-15)应已有实际数。"
                   "建议:更新为实际数,并把「状态」改为实际"]
    assert codes(tmp_path, sheets, today=dt.date(2026, 1, 15)) == ["check-stale-estimate-today"]
    # the workbook's own 数据截至 date wins over today
    sheets["指标"] = [["徐州指标库"], ["数据截至:2024年2月1日"], *sheets["指标"]]
    out = check(tmp_path, sheets, today=dt.date(2030, 1, 1))
    assert out == []
    sheets["指标"][1] = ["数据截至:2025年6月30日"]
    assert check(tmp_path, sheets, today=dt.date(2030, 1, 1)) == [
        "数据!D2: [警告] 工业开票销售收入(徐州市)的 2023年 仍是预计数,按工作簿的数据截至日期 2025-06-30 "
        "应已有实际数。建议:更新为实际数,并把「状态」改为实际"]
    assert codes(tmp_path, sheets, today=dt.date(2030, 1, 1)) == ["check-stale-estimate"]


def test_one_indicator_in_different_units_on_two_sheets(tmp_path):
    sheets = basic_sheets()
    header = [*DATA_HEADER, "单位"]
    sheets["数据"] = [header, ["SZ01", "徐州市", "2025年", 69.3, "实际", None, "分"]]
    sheets["数据2"] = [header, ["SZ01", "邳州市", "2025年", 60.1, "实际", None, "点"]]
    sheets["指标"][3][2] = ""  # an index without a unit in 指标: only the sheets disagree
    result = load_dataset(write_workbook(tmp_path / "u.xlsx", sheets))
    texts = [p.format() for p in result.problems]
    differ = [t for t in texts if "单位不一致" in t]
    assert len(differ) == 1
    assert "数据!G2「分」" in differ[0] and "数据2!G2「点」" in differ[0]
    assert [p.code for p in result.problems if p.code == "units-differ"] == ["units-differ"]


def test_dataset_check_prints_the_preflight_warnings(tmp_path):
    rows = [["GY01", "徐州市", "2023年", 7600, "实际", None],
            ["GY01", "徐州市", "2024年", 16000, "实际", None]]
    path = write_workbook(tmp_path / "w.xlsx", with_indicators([], rows))
    proc = subprocess.run([sys.executable, "-m", "xzbrief", "dataset", "check", str(path)],
                          capture_output=True, text=True, encoding="utf-8", check=False,
                          env={**os.environ, "XZBRIEF_TODAY": "2025-01-31"})
    assert proc.returncode == 0  # warnings never fail a check
    assert "数据!D3: [警告] 工业开票销售收入(徐州市)2024年 较 2023年" in proc.stdout


@pytest.mark.parametrize(("as_of", "day"), [
    ("2025年12月17日", dt.date(2025, 12, 17)),
    ("2025年11月", dt.date(2025, 11, 30)),  # a month: to its end
    ("2025年1—11月", dt.date(2025, 11, 30)),  # year to date: to the end of November
    ("2025年", dt.date(2025, 12, 31)),
])
def test_the_workbooks_data_date_is_the_end_of_what_it_names(tmp_path, as_of, day) -> None:
    from dataclasses import replace

    from xzbrief.dataset.checks import reference_date

    dataset = load_dataset(write_workbook(tmp_path / "w.xlsx", basic_sheets())).dataset
    assert dataset is not None
    dated = replace(dataset, info=replace(dataset.info, as_of=as_of))
    assert reference_date(dated) == (day, True)
