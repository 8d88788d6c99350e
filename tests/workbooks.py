"""Real workbooks for tests, written with openpyxl exactly as a user's Excel file would be."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

Rows = Sequence[Sequence[Any]]

# Tuples: a test that adds a column to its own copy must not change every later test's header.
INDICATOR_HEADER = ("指标编码", "指标名称", "单位", "专题", "来源")
DATA_HEADER = ("指标编码", "地区", "期间", "数值", "状态", "说明")


def basic_sheets() -> dict[str, list[list[Any]]]:
    """A small valid workbook: two themes, a time series, regions and a highlight."""
    return {
        "指标": [
            list(INDICATOR_HEADER),
            ["GY01", "工业开票销售收入", "亿元", "产业升级", "市工信局"],
            ["GY02", "规上工业企业数量", "家", "产业升级", "市工信局"],
            ["SZ01", "两化融合发展水平", "", "数实融合", "市工信局"],
            ["SZ02", "数字经济核心产业增加值占比", "%", "数实融合", "市统计局"],
        ],
        "数据": [
            list(DATA_HEADER),
            ["GY01", "徐州市", "2021年", 6100, "实际", None],
            ["GY01", "徐州市", "2022年", 7050, "实际", None],
            ["GY01", "徐州市", "2023年", 7600, "实际", None],
            ["GY01", "徐州市", "2024年", 8200, "实际", None],
            ["GY01", "徐州市", "2025年", 9000, "预计", None],
            ["GY02", "徐州市", "2020年", 2000, "实际", None],
            ["GY02", "徐州市", "2025年", 4000, "预计", None],
            ["SZ01", "徐州市", "2025年", 69.3, "实际", None],
            ["SZ02", "徐州市", "2024年", 10.2, "实际", None],
            ["SZ02", "徐州市", "2025年", 11.5, "实际", None],
        ],
        "要点": [
            ["专题", "地区", "期间", "要点", "来源"],
            ["产业升级", "徐州市", "2025年", "工程机械获批国家首批先进制造业集群", "市工信局"],
        ],
    }


def write_workbook(path: Path, sheets: dict[str, Rows] | None = None, *,
                   hidden: Sequence[str] = (),
                   edit: Callable[[Workbook], None] | None = None) -> Path:
    """Write ``sheets`` (name -> rows) to ``path``; ``edit`` may change the workbook first."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (sheets if sheets is not None else basic_sheets()).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        if name in hidden:
            ws.sheet_state = "hidden"
    if edit is not None:
        edit(wb)
    wb.save(path)
    return path


def patch_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one zip member in place: for XML that openpyxl refuses to write."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    members[member] = change(members[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def sheet_member(path: Path, sheet: str) -> str:
    """The zip member of a sheet in a workbook written by ``write_workbook``."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        index = wb.sheetnames.index(sheet) + 1
    finally:
        wb.close()
    return f"xl/worksheets/sheet{index}.xml"


def problem_lines(result: Any, lang: str = "zh") -> list[str]:
    """What `xzbrief dataset check` prints for each problem."""
    return [p.format(lang) for p in result.problems]


# --- a bureau's accumulated workbook (issue 8) ---------------------------------------------
BUREAU_INDICATOR_HEADER = ("指标编码", "指标名称", "单位", "专题", "来源", "小数位", "口径", "类型",
                           "重点", "表述", "来源单位", "来源文件")
BUREAU_DATA_HEADER = ("指标编码", "地区", "期间", "数值", "状态", "说明", "备注", "来源")
BUREAU_SOURCE = ("市统计局《徐州市国民经济和社会发展统计公报》 "
                 "https://tjj.xz.gov.cn/col/col123/index.html [S1]")
BUREAU_MONTHLY = "市统计局 · 月度统计数据发布(网址:http://tjj.xz.gov.cn/yd/2025.html)[S2]"
BUREAU_REMARK = "来源[S1],待核:与公报口径一致"  # internal: never on a slide nor read aloud
# IND01 规上工业增加值增速, 2025年 cumulative spans (1—2月 … 1—10月)
BUREAU_YTD = ((2, 7.2), (3, 7.6), (4, 7.9), (5, 8.0), (6, 8.1), (7, 8.0), (8, 8.2), (9, 8.3),
              (10, 8.5))


def bureau_sheets() -> dict[str, list[list[Any]]]:
    """A statistics bureau's workbook grown over years: annual 2019–2024 levels with their
    growth rates, 2025年1—2月 … 1—10月 cumulative rates, a 4月当月 figure, 上半年 / 前三季度 GDP,
    the city, three districts and 全省, a share, an index, a rank, a count written by a 表述
    pattern, sources with URLs and internal remarks."""
    ind = [list(BUREAU_INDICATOR_HEADER),
           ["GDP01", "地区生产总值", "亿元", "经济运行", BUREAU_SOURCE, None, None, None, "是",
            None, None, None],
           ["GDP02", "地区生产总值增速", "%", "经济运行", BUREAU_SOURCE, None, "按可比价计算",
            None, None, None, None, None],
           ["IND01", "规上工业增加值增速", "%", "工业经济", BUREAU_MONTHLY, None, "按可比价计算",
            None, None, None, None, None],
           ["IND02", "规上工业企业数量", "家", "工业经济", BUREAU_SOURCE, None, None, None, None,
            None, None, None],
           ["SH01", "高新技术产业产值占规上工业比重", "%", "工业经济", BUREAU_SOURCE, None, None,
            None, None, None, "市科技局", "《徐州市高新技术产业统计报告》"],
           ["IX01", "两化融合发展水平", "", "创新驱动", "市工信局 · 两化融合评估报告", None, None,
            None, None, None, None, None],
           ["RK01", "工业开票销售收入全省位次", "位", "创新驱动", "省统计局《江苏统计年鉴》", None,
            None, None, None, None, None, None],
           ["CT01", "再生资源规范企业", "家", "绿色发展", "市工信局 · 工作总结 见 底稿.xlsx", None,
            None, "数量", None, "{值}家企业入选工信部再生资源综合利用规范企业", None, None]]
    data: list[list[Any]] = [list(BUREAU_DATA_HEADER)]
    for year, level, rate in ((2019, 7151.35, 6.0), (2020, 7319.77, 3.4), (2021, 8117.44, 8.7),
                              (2022, 8457.84, 3.2), (2023, 9060.18, 5.8), (2024, 9537.0, 5.9)):
        data.append(["GDP01", "徐州市", f"{year}年", level, "实际", None, BUREAU_REMARK, None])
        data.append(["GDP02", "徐州市", f"{year}年", rate, "实际", None, None, None])
    data += [
        ["GDP01", "徐州市", "2025年上半年", 4612.3456, "实际", None, None, None],
        ["GDP01", "徐州市", "2025年前三季度", 7050.5678, "实际", None, None, None],
        ["GDP02", "徐州市", "2025年上半年", 5.0, "实际", None, None, None],
        ["GDP02", "徐州市", "2025年前三季度", 5.2, "实际", None, None, None],
        ["GDP02", "全省", "2025年前三季度", 5.1, "实际", None, None, None],
        ["GDP01", "铜山区", "2019年", 1100, "实际", None, None, None],
        ["GDP01", "铜山区", "2024年", 1500.2, "实际", None, None, None],
        ["GDP01", "鼓楼区", "2024年", 600.8, "实际", None, None, None],
        ["GDP01", "云龙区", "2024年", 700.1, "实际", None, None, None],
    ]
    for year, rate in ((2019, 6.5), (2020, 2.1), (2021, 12.6), (2022, 6.8), (2023, 7.7),
                       (2024, 8.5)):
        data.append(["IND01", "徐州市", f"{year}年", rate, "实际", None, None, None])
    data += [["IND01", "徐州市", f"2025年1—{m}月", v, "实际", None, None, None]
             for m, v in BUREAU_YTD]
    data += [
        ["IND01", "徐州市", "2024年1—5月", 7.0, "实际", None, "旧口径[S3]", None],
        ["IND01", "徐州市", "2025年4月当月", 8.8, "实际", None, None, None],
        ["IND01", "全省", "2025年1—10月", 7.1, "实际", None, None, None],
        ["IND01", "全省", "2024年", 7.9, "实际", None, None, None],
        ["IND01", "铜山区", "2025年1—10月", 9.1, "实际", None, None, None],
        ["IND01", "鼓楼区", "2025年1—10月", 6.5, "实际", None, None, None],
        ["IND01", "云龙区", "2025年1—10月", 7.0, "实际", None, None, None],
        ["IND02", "徐州市", "2023年", 3800, "实际", None, None, None],
        ["IND02", "徐州市", "2024年", 4123, "实际", None, None, None],
        ["SH01", "徐州市", "2023年", 48.6, "实际", None, None, None],
        ["SH01", "徐州市", "2024年", 48.75, "实际", None, None, None],
        ["IX01", "徐州市", "2023年", 66.1, "实际", None, None, None],
        ["IX01", "徐州市", "2024年", 68.0, "实际", None, None, None],
        ["RK01", "徐州市", "2023年", 4, "实际", None, None, None],
        ["RK01", "徐州市", "2024年", 3, "实际", None, None, None],
        ["CT01", "徐州市", "2025年", 8, "实际", "截至10月", "内部:名单见附件[S9]", None],
    ]
    return {
        "专题": [["专题", "顺序"], ["经济运行", 1], ["工业经济", 2], ["创新驱动", 3],
                 ["绿色发展", 4]],
        "地区": [["地区", "上级", "类型", "顺序"], ["全省", None, "省", 1],
                 ["徐州市", None, "市", 2], ["铜山区", "徐州市", "区", 3],
                 ["鼓楼区", "徐州市", "区", 4], ["云龙区", "徐州市", "区", 5]],
        "指标": ind,
        "数据": data,
    }


def many_indicators_sheets(n: int, themes: int = 6, key_every: int = 7
                           ) -> dict[str, list[list[Any]]]:
    """A big workbook (模拟数据): ``n`` indicators over ``themes`` themes, two years each (a
    level and its growth), every ``key_every``-th marked 重点 — for pages that must not grow
    without bound."""
    units = ("亿元", "家", "个", "%", "万吨", "项")
    indicators: list[list[Any]] = [[*INDICATOR_HEADER, "重点"]]
    data: list[list[Any]] = [list(DATA_HEADER)]
    for k in range(n):
        code = f"M{k + 1:04d}"
        theme = f"模拟专题{k % themes + 1:02d}"
        indicators.append([code, f"模拟指标{k + 1:03d}", units[k % len(units)], theme,
                           "模拟来源", "是" if k % key_every == 0 else ""])
        base = 100.0 + 37 * k
        data.append([code, "徐州市", "2024年", base, "实际", None])
        data.append([code, "徐州市", "2025年", round(base * 1.06, 1), "实际", None])
    return {"指标": indicators, "数据": data}
