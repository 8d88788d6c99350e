"""`xzbrief dataset check | template`, run as a user runs them: a real process."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from workbooks import basic_sheets, write_workbook
from xzbrief.cli.console import prepare_stream

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "xuzhou.xlsx"
SUMMARY_ZH = re.compile(r"^汇总:指标 \d+ 个,地区 \d+ 个,期间 \d+ 个,数据 \d+ 行,要点 \d+ 条;"
                        r"错误 (\d+) 个,警告 (\d+) 个$")


def run(*args: str, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full_env.pop("XZBRIEF_LANG", None)
    return subprocess.run([sys.executable, "-m", "xzbrief", *args], capture_output=True,
                          text=True, encoding="utf-8", env=full_env, cwd=cwd, timeout=120,
                          check=False)


def bad_workbook(tmp_path: Path) -> Path:
    sheets = basic_sheets()
    sheets["数据"][1][3] = "9000亿元"
    sheets["数据"][2][2] = "明年"
    sheets["数据"][3][3] = "9,000"
    sheets["数据"].append(["XX99", "徐州市", "2025年", 1, "实际", None])
    return write_workbook(tmp_path / "有问题.xlsx", sheets)


def test_check_shipped_dataset(tmp_path: Path) -> None:
    done = run("dataset", "check", str(SHIPPED), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    m = SUMMARY_ZH.match(lines[0])
    assert m is not None, lines[0]
    assert m.groups() == ("0", "0")


def test_check_without_a_path_uses_the_shipped_dataset(tmp_path: Path) -> None:
    done = run("dataset", "check", cwd=tmp_path)
    assert done.returncode == 0
    assert SUMMARY_ZH.match(done.stdout.strip())


def test_check_bad_workbook_lists_one_problem_per_line(tmp_path: Path) -> None:
    done = run("dataset", "check", str(bad_workbook(tmp_path)))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[:-1] == [
        "数据!D2: [错误] 「9000亿元」含有文字「亿元」。建议:数值格只填数字,单位写在「指标」表的"
        "「单位」列;缺数请留空(不会当作 0)",
        "数据!C3: [错误] 期间「明年」无法识别。建议:写法如 2025年、2025年11月、2025年1—11月、"
        "2025年三季度、2025年上半年、2021—2025年",
        "数据!D4: [警告] 数值以文本形式存储(「9,000」),已按 9000 读取。"
        "建议:在 Excel 中选中该格,点击感叹号「转换为数字」",
        "数据!A12: [错误] 指标编码「XX99」不在「指标」表中。"
        "建议:先在「指标」表中添加该指标,或检查拼写",
    ]
    assert all(re.match(r"^[^!:\s]+![A-Z]+\d+: ", line) for line in lines[:-1])
    m = SUMMARY_ZH.match(lines[-1])
    assert m is not None
    assert m.groups() == ("3", "1")


def test_check_warnings_only_exits_zero(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][3] = "6,100"
    done = run("dataset", "check", str(write_workbook(tmp_path / "w.xlsx", sheets)))
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].startswith("数据!D2: [警告]")


def test_sheet_level_problem_line_is_the_sheet_alone(tmp_path: Path) -> None:
    sheets = basic_sheets()
    del sheets["指标"]
    done = run("dataset", "check", str(write_workbook(tmp_path / "s.xlsx", sheets)))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("指标: [错误] 缺少工作表「指标」")


@pytest.mark.parametrize("lang_args", [("--lang", "en", "dataset", "check"),
                                       ("dataset", "check", "--lang", "en")])
def test_english(tmp_path: Path, lang_args: tuple[str, ...]) -> None:
    done = run(*lang_args, str(bad_workbook(tmp_path)))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == ("数据!D2: [error] '9000亿元' contains the text '亿元'. Fix: put only a "
                        "number here (the unit belongs in 指标); leave it empty when missing")
    assert lines[-1] == ("summary: indicators 4, regions 1, periods 4, rows 8, highlights 1; "
                         "errors 3, warnings 1")


def test_language_from_environment(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "xzbrief", "dataset", "check",
                           str(bad_workbook(tmp_path))], capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "XZBRIEF_LANG": "en"},
                          check=False)
    assert done.stdout.splitlines()[-1].startswith("summary: ")


def test_json(tmp_path: Path) -> None:
    done = run("dataset", "check", "--json", str(bad_workbook(tmp_path)))
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    assert doc["ok"] is False
    assert doc["summary"] == {"indicators": 4, "regions": 1, "periods": 4, "rows": 8,
                              "highlights": 1, "errors": 3, "warnings": 1}
    first = doc["problems"][0]
    assert first == {
        "severity": "error", "location": "数据!D2", "sheet": "数据", "cell": "D2",
        "code": "value-with-text", "message": "「9000亿元」含有文字「亿元」",
        "hint": "数值格只填数字,单位写在「指标」表的「单位」列;缺数请留空(不会当作 0)"}


def test_missing_file_exits_two(tmp_path: Path) -> None:
    done = run("dataset", "check", str(tmp_path / "没有.xlsx"))
    assert done.returncode == 2
    assert done.stdout.splitlines()[0].startswith("[错误] 找不到文件 ")


def test_not_a_workbook_exits_two(tmp_path: Path) -> None:
    path = tmp_path / "数据.csv"
    path.write_text("指标编码,数值\nGY01,1\n", encoding="utf-8")
    done = run("dataset", "check", str(path))
    assert done.returncode == 2
    assert done.stdout.splitlines()[0] == (
        "[错误] 这是 CSV 文本文件,不是 Excel 工作簿。建议:用 Excel 打开后按模板整理工作表,"
        "另存为 .xlsx; 可运行 xzbrief dataset template 模板.xlsx 生成一份标准模板对照")


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("dataset").returncode == 2
    assert run("dataset", "check", "--bogus").returncode == 2
    assert run("dataset", "template").returncode == 2


def test_output_survives_a_gbk_console(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"].append(["𠮷01😀", "徐州市", "2025年", 1, "实际", None])
    path = write_workbook(tmp_path / "罕见字.xlsx", sheets)
    done = subprocess.run([sys.executable, "-m", "xzbrief", "dataset", "check", str(path)],
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "gbk"},
                          check=False)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert "指标编码「𠮷01😀」不在「指标」表中" in done.stdout.decode("utf-8")


def test_console_helper_on_a_gbk_terminal() -> None:
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    raw = io.BytesIO()
    stream = prepare_stream(Terminal(raw, encoding="gbk"))
    stream.write("数据!A12: 指标编码「𠮷01😀」不在「指标」表中\n")
    stream.flush()
    assert raw.getvalue().decode("gbk") == "数据!A12: 指标编码「?01?」不在「指标」表中\n"


def test_console_helper_on_a_pipe() -> None:
    raw = io.BytesIO()
    stream = prepare_stream(io.TextIOWrapper(raw, encoding="gbk"))
    stream.write("𠮷😀\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "𠮷😀\n"
    other = io.StringIO()
    assert prepare_stream(other) is other


def test_template_passes_check_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    done = run("dataset", "template", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # colleagues can open it
    assert [p.name for p in tmp_path.iterdir()] == ["模板.xlsx"]  # no temp left
    check = run("dataset", "check", str(out))
    assert check.returncode == 0
    m = SUMMARY_ZH.match(check.stdout.strip())
    assert m is not None, check.stdout
    assert m.groups() == ("0", "0")

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "说明"
    assert {"指标", "数据", "要点", "专题", "地区"} <= set(wb.sheetnames)
    for name in ("指标", "数据", "要点", "专题", "地区"):
        ws = wb[name]
        assert ws.freeze_panes == "A4", name
        assert ws["A3"].font.bold, name
        assert ws.column_dimensions["A"].width >= 10
    validated = {name: _validated_headers(wb[name]) for name in ("指标", "数据", "要点")}
    assert {"专题", "单位"} <= validated["指标"]
    assert {"地区", "状态"} <= validated["数据"]
    assert {"专题", "地区"} <= validated["要点"]
    status_rule = next(dv for dv in wb["数据"].data_validations.dataValidation
                       if dv.formula1 == '"实际,预计,目标"')
    assert status_rule.showErrorMessage
    explained = {(row[0], row[1]) for row in wb["说明"].iter_rows(values_only=True)}
    assert ("指标", "指标编码") in explained
    assert ("数据", "数值") in explained
    assert ("要点", "要点") in explained


def _validated_headers(ws: Any) -> set[str]:
    headers = {cell.column_letter: cell.value for cell in ws[3]}
    out = set()
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            letter = re.match(r"[A-Z]+", rng.coord)
            assert letter is not None
            out.add(headers[letter[0]])
    return out


def test_template_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "已有.xlsx"
    out.write_bytes(b"keep me")
    done = run("dataset", "template", str(out))
    assert done.returncode == 2
    assert "已存在" in done.stderr
    assert out.read_bytes() == b"keep me"
    assert run("dataset", "template", "--force", str(out)).returncode == 0
    assert out.read_bytes()[:2] == b"PK"


def test_template_needs_xlsx_and_a_folder(tmp_path: Path) -> None:
    assert run("dataset", "template", str(tmp_path / "x.xls")).returncode == 2
    assert run("dataset", "template", str(tmp_path / "no" / "x.xlsx")).returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_template_offers_the_statistics_columns_with_dropdowns(tmp_path: Path) -> None:
    """类型 and 重点 as drop-down lists; 表述, 增速指标, 来源单位, 来源文件 on 指标; 说明 (public)
    beside 备注 (internal) on 数据."""
    out = tmp_path / "模板.xlsx"
    assert run("dataset", "template", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    header = [c.value for c in wb["指标"][3]]
    for name in ("类型", "重点", "表述", "增速指标", "来源单位", "来源文件"):
        assert name in header
    lists = {dv.formula1 for dv in wb["指标"].data_validations.dataValidation}
    assert '"总量,增速,比重,数量,指数,位次"' in lists and '"是,否"' in lists
    data_header = [c.value for c in wb["数据"][3]]
    assert "说明" in data_header and "备注" in data_header


def test_check_explain_shows_inferred_kinds(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "w.xlsx")
    done = run("dataset", "check", "--explain", str(path))
    assert done.returncode == 0, done.stderr
    assert "指标!A2: 工业开票销售收入:类型按单位「亿元」是总量单位推断为「总量」" in done.stdout
    assert "规上工业企业数量:类型按单位「家」是计数单位推断为「数量」" in done.stdout
    assert "数字经济核心产业增加值占比:类型按单位「%」且名称不含增速、增长等字样推断为「比重」" \
        in done.stdout
