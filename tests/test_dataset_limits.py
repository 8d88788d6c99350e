"""Limits of what a workbook can carry into a deck, each said at its cell: numbers too large to
show, dates beyond the calendar (without a Rust panic on the console), text too long for any
slide, a hidden-only data sheet; literal ``_x0007_`` text kept as typed; one message per cell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from realclients import seen
from workbooks import basic_sheets, patch_member, problem_lines, sheet_member, write_workbook
from xzbrief.build import build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset


def check(book: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xzbrief", "dataset", "check", str(book)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False, env={"PYTHONIOENCODING": "utf-8", "XZBRIEF_LANG": "zh",
                                            "PATH": "/usr/bin:/bin",
                                            "XZBRIEF_TODAY": "2025-12-31"})


def test_numbers_beyond_what_a_deck_shows_are_errors_at_their_cells(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][3] = 1e29  # crashed build's decimal quantize before
    sheets["数据"][2][3] = -2e15
    sheets["数据"][3][3] = "1e20"
    sheets["数据"][4][3] = 999_999_999_999_999.0  # just below: a number like any other
    result = load_dataset(write_workbook(tmp_path / "大数.xlsx", sheets))
    lines = problem_lines(result)
    assert "数据!D2: [错误] 数值 1e+29 超出汇报能显示的范围(绝对值须小于 10 的 15 次方)。建议:多半是单位或小数点错误,或误粘贴了编号;请核对该单元格" in lines
    assert [ln.split(":")[0] for ln in lines if "超出汇报能显示的范围" in ln] == [
        "数据!D2", "数据!D3", "数据!D4"]
    done = subprocess.run([sys.executable, "-m", "xzbrief", "build", "--data",
                           str(tmp_path / "大数.xlsx"), "-o", str(tmp_path / "o.pptx")],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)
    assert done.returncode == 1 and "内部错误" not in done.stderr


def _dates(wb: Workbook) -> None:
    for sheet, cell, value in (("数据", "D3", 1e12), ("其他", "B2", -1e12), ("其他", "D5", 9e9)):
        wb[sheet][cell].value = value
        wb[sheet][cell].number_format = "yyyy-mm-dd"


def test_dates_beyond_the_calendar_are_named_and_never_leak_to_other_sheets(
        tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["其他"] = [["说明", "日期"], ["x", 1], ["x", 2], ["x", 3], ["x", 4]]
    book = write_workbook(tmp_path / "日期.xlsx", sheets, edit=_dates)
    result = load_dataset(book)
    assert [p.format("zh").split("。")[0] for p in result.errors] == [
        "数据!D3: [错误] 单元格设为日期/时间格式,但其中的数值超出了日期范围"]
    # 数据!B2 (徐州市) and 数据!D5 are read as written: the bad cells of 其他 are not theirs
    assert {o.region for o in result.dataset.observations} == {"徐州市"}  # type: ignore[union-attr]
    assert 7600 in [o.value for o in result.dataset.observations]  # type: ignore[union-attr]
    done = check(book)
    assert done.returncode == 1
    assert "panicked" not in done.stderr and "RUST_BACKTRACE" not in done.stderr
    assert "数据!D3: [错误] 单元格设为日期/时间格式" in done.stdout + done.stderr


def test_literal_x0007_text_is_kept_as_written(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"][1][1] = "工业ZZZ收入"
    book = write_workbook(tmp_path / "转义.xlsx", sheets)
    # What Excel writes when a user types _x0007_: the underscore itself escaped
    patch_member(book, sheet_member(book, "指标"), lambda b: b.replace(b"ZZZ", b"_x005F_x0007_"))
    result = load_dataset(book)
    assert result.dataset is not None
    assert result.dataset.indicators[0].name == "工业_x0007_收入"
    assert not [ln for ln in problem_lines(result) if "控制字符" in ln]


def test_text_over_the_limit_is_warned_at_its_cell_and_clipped_on_slides(tmp_path: Path) -> None:
    sheets = basic_sheets()
    long_text = "工程机械集群" + "很长的说明" * 1000  # 5,006 characters
    sheets["要点"][1][3] = long_text
    book = write_workbook(tmp_path / "长文.xlsx", sheets)
    result = load_dataset(book)
    assert "要点!D2: [警告] 文字长达 5,006 个字符,超过 2,000 个字符的上限,汇报中只显示前 2,000 个字符。建议:请精简该单元格,或把长篇说明放在汇报之外" in problem_lines(result)
    assert result.dataset is not None
    assert len(result.dataset.highlights[0].text) == 2001  # 2,000 and an ellipsis
    built = build_deck(default_recipe(result), book, tmp_path / "长文.pptx", load=result)
    from pptx import Presentation

    shown = "".join(seen(sh.text_frame.text) for s in Presentation(str(built.pptx)).slides
                    for sh in s.shapes if sh.has_text_frame)
    assert "工程机械集群" in shown and "很长的说明" * 401 not in shown


def test_a_hidden_only_data_sheet_is_an_error(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "隐藏.xlsx", basic_sheets(), hidden=["数据"])
    result = load_dataset(book)
    assert not result.ok
    assert "数据: [错误] 唯一的数据表已隐藏,其数据未读取,汇报将没有任何数据。建议:在 Excel 中右键工作表标签 →「取消隐藏」后保存" in problem_lines(result)
    sheets = basic_sheets()
    sheets["数据2"] = [list(r) for r in sheets["数据"][:1]]  # another data sheet, visible
    sheets["数据2"].append(["GY01", "徐州市", "2020年", 5000, "实际", None])
    two = write_workbook(tmp_path / "两表.xlsx", sheets, hidden=["数据"])
    lines = problem_lines(load_dataset(two))
    assert "数据: [警告] 工作表已隐藏,其数据未读取。建议:隐藏的数据表通常是旧副本;如需使用,请在 Excel 中取消隐藏" in lines


def test_an_uncalculated_formula_in_a_name_is_one_message(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["指标"][1][1] = "=CONCAT(\"工业\",\"收入\")"  # openpyxl stores no cached value
    sheets["指标"][2][0] = "=\"GY\"&\"02\""
    sheets["指标"][3][3] = "=\"数实\"&\"融合\""
    result = load_dataset(write_workbook(tmp_path / "公式.xlsx", sheets))
    at = [ln.split(":")[0] for ln in problem_lines(result) if ln.startswith("指标!")]
    assert at == ["指标!B2", "指标!A3", "指标!D4"]  # one each: not also "为空"


def test_the_compact_grid_is_the_grid_calamine_gives(tmp_path: Path) -> None:
    """Rows are taken one by one with each text held once (1,000,000 rows: ~250 MB less);
    the grid must be exactly the one calamine's to_python gives, offsets included."""
    import python_calamine

    from xzbrief.dataset.xlsx import compact_grid

    def offset(wb: Workbook) -> None:
        ws = wb.create_sheet("偏移")
        ws["C5"], ws["D5"], ws["E7"] = "徐州市", 1.5, "徐州市"

    book = write_workbook(tmp_path / "grid.xlsx", basic_sheets(), edit=offset)
    wb = python_calamine.CalamineWorkbook.from_path(str(book))
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        grid = compact_grid(sheet)
        assert grid == sheet.to_python(skip_empty_area=False), name
    grid = compact_grid(wb.get_sheet_by_name("偏移"))
    assert grid[4][2] is grid[6][4]  # one string object for the repeated text


def test_loading_pauses_the_cycle_collector_and_restores_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paused while loading (a 1,000,000-row load grew faster than its size as the collector
    walked the piling objects again and again), and left as the caller had it."""
    import gc

    from xzbrief.dataset import loader

    book = write_workbook(tmp_path / "gc.xlsx", basic_sheets())
    seen: list[bool] = []
    real = loader._Builder.build

    def build(self: loader._Builder) -> object:
        seen.append(gc.isenabled())
        return real(self)

    monkeypatch.setattr(loader._Builder, "build", build)
    try:
        assert gc.isenabled()
        assert load_dataset(book).ok and gc.isenabled()
        gc.disable()
        assert load_dataset(book).ok and not gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False, False]


def test_a_long_narrow_sheet_is_not_taken_apart_cell_by_cell() -> None:
    """A 1,000,000-row sheet of six columns has no stray cells to find: one pass over its row
    tags says so (taking it apart into 6,000,000 cells first cost 640 MiB and a minute)."""
    from xzbrief.dataset.xlsx import ROW_GAP, Extent, _plainly_contiguous

    def sheet(rows: list[int], col: str = "F") -> bytes:
        return b"".join(f'<row r="{r}"><c r="{col}{r}"><v>1</v></c></row>'.encode()
                        for r in rows)

    rows = list(range(1, 200_001))
    assert _plainly_contiguous(sheet(rows), Extent(200_000, 26))
    far = [*rows, 200_000 + ROW_GAP + 2]  # a stray below the table
    assert not _plainly_contiguous(sheet(far), Extent(far[-1], 26))
    assert not _plainly_contiguous(sheet(rows, "AB"), Extent(200_000, 702))  # wide: look closer


def test_a_long_table_names_every_bad_cell_after_many_good_rows(tmp_path: Path) -> None:
    """Rows like earlier good rows are taken in a few lookups (issue 12's 1,000,000-row load):
    a bad cell among them is still named at its cell, exactly as when it stands alone."""
    sheets = basic_sheets()
    good = [["GY01", region, f"{year}年", float(year), "实际", None]
            for region in ("徐州市", "鼓楼区", "云龙区") for year in range(1950, 2020)]
    bad = [
        ["GY01", "徐州市", "1960年", 1.0, "实际", None],  # the same value again: a duplicate
        ["GY01", "徐州市", "2020年", "9000亿元", "实际", None],  # a number with its unit
        ["GY01", "徐州市", "2021年", 5.0, "大概", None],  # not a status
        ["GY01", "徐州市", "2025Q5", 5.0, "实际", None],  # no such quarter
        ["GY01", "徐州市", "2022年", 1e16, "实际", None],  # beyond what a deck shows
        ["GY01", "徐州市", "2023年", "9,000", "实际", None],  # a number typed as text
        ["GY01", "徐州市", "2024年", True, "实际", None],  # TRUE is not 1
        ["GY09", "徐州市", "2024年", 1.0, "实际", None],  # not in 指标
        ["GY01", "徐州市", "1950年", 3.0, "预计", None],  # another status: no duplicate
    ]
    sheets["数据"] = [sheets["数据"][0], *good, *bad]
    result = load_dataset(write_workbook(tmp_path / "长表.xlsx", sheets))
    first_bad = len(good) + 2  # Excel row of the first bad row
    found = {(p.code, p.location) for p in result.problems if p.sheet == "数据"}
    assert found == {
        ("row-duplicate", f"数据!D{first_bad}"),
        ("value-with-text", f"数据!D{first_bad + 1}"),
        ("status-invalid", f"数据!E{first_bad + 2}"),
        ("period-unknown", f"数据!C{first_bad + 3}"),
        ("value-too-large", f"数据!D{first_bad + 4}"),
        ("value-text", f"数据!D{first_bad + 5}"),
        ("value-bool", f"数据!D{first_bad + 6}"),
        ("data-code-unknown", f"数据!A{first_bad + 7}"),
    }, sorted(found)
    duplicate = next(p for p in result.problems if p.code == "row-duplicate")
    assert "与 数据!D12 重复" in duplicate.format("zh")  # 1960年: the 11th good row, row 12
    assert result.dataset is not None
    values = {str(o.ref): o.value for o in result.dataset.observations
              if o.ref is not None and o.ref.sheet == "数据"}
    assert len(values) == len(good) + 2  # 9,000 as text and 1950年 预计
    assert values["数据!D2"] == 1950.0 and values[f"数据!D{len(good) + 1}"] == 2019.0
    assert values[f"数据!D{first_bad + 5}"] == 9000.0
    assert values[f"数据!D{first_bad + 8}"] == 3.0


def test_a_big_sheet_is_scanned_beside_calamine_and_finds_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big sheet's XML is scanned in a thread while calamine parses it: error cells,
    formulas never calculated, percent formats and hidden rows are found as when the scan
    runs first (here every sheet counts as big)."""
    from xzbrief.dataset import xlsx

    sheets = basic_sheets()
    sheets["数据"][2][3] = "=1/0"  # a formula openpyxl leaves uncalculated

    def edit(wb: Workbook) -> None:
        ws = wb["数据"]
        ws["D4"].value, ws["D4"].data_type = "#N/A", "e"
        ws["D5"].number_format = "0.0%"
        ws.row_dimensions[6].hidden = True

    book = write_workbook(tmp_path / "扫描.xlsx", sheets, edit=edit)
    inline = problem_lines(load_dataset(book))
    threads: list[str] = []
    start = xlsx._Scan.start

    def counted(self: xlsx._Scan) -> None:
        threads.append(self.name)
        start(self)

    monkeypatch.setattr(xlsx._Scan, "start", counted)
    monkeypatch.setattr(xlsx, "SCAN_THREAD_MIN", 0)
    beside = problem_lines(load_dataset(book))
    assert threads and beside == inline
    for found in ("数据!D3", "数据!D4", "数据!D5", "6"):
        assert any(found in line for line in beside), (found, beside)


def test_values_are_made_as_a_dataclass_makes_them() -> None:
    """One Observation and one CellRef per value are stored slot by slot (twice as fast as
    a frozen dataclass's own __init__): the same parameters, defaults, equality and
    frozenness."""
    import dataclasses
    import inspect

    from xzbrief.dataset.model import CellRef, Observation, Status
    from xzbrief.dataset.periods import parse_period

    for cls in (Observation, CellRef):
        params = inspect.signature(cls).parameters
        assert [(p.name, p.default) for p in params.values()] == [
            (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
            for f in dataclasses.fields(cls)]
    ref = CellRef("数据", "D2")
    year = parse_period("2025年")
    obs = Observation("GY01", "徐州市", year, Status.ACTUAL, 6100.0, ref=ref, source="市统计局")
    assert (obs.qualifier, obs.source, obs.ref, obs.remark) == ("", "市统计局", ref, "")
    assert obs == Observation("GY01", "徐州市", year, Status.ACTUAL, 6100.0, "", "",
                              "市统计局", CellRef("数据", "D2"))
    assert hash(ref) == hash(CellRef("数据", "D2")) and str(ref) == "数据!D2"
    with pytest.raises(dataclasses.FrozenInstanceError):
        obs.value = 1.0  # type: ignore[misc]


def test_the_quick_extent_is_the_exact_one_whatever_the_strays() -> None:
    """The extent that guards calamine's grid comes from one pass that looks closer only at
    references with the last row's first digits or more digits (a 600,000-row sheet took
    2 s when every six-digit reference was looked at): it must equal the cell-by-cell scan
    for stray cells in any column, any row, with leading zeros."""
    import random

    from xzbrief.dataset.xlsx import _exact_extent, content_cells, sheet_extent

    rng = random.Random(12)
    for _ in range(200):
        n = rng.choice([5, 9, 10, 99, 101, 999, 1000, 1234])
        rows = [f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="C{r}" t="s"><v>2</v></c></row>'
                for r in range(1, n + 1)]
        for _stray in range(rng.randint(0, 2)):
            col = rng.choice(["B", "Z", "AA", "ZZ", "AAA", "XFD"])
            row = rng.choice([rng.randint(1, n), n + 1, n * 10 + 7, rng.randint(1, 10**7),
                              int(str(n)[:2] + "9" * (len(str(n)) - 2))])
            k = rng.randrange(n)
            rows[k] = rows[k].replace(
                "</row>", f'<c r="{col}{rng.choice(["", "00"])}{row}"><v>3</v></c></row>')
        xml = f'<worksheet><sheetData>{"".join(rows)}</sheetData></worksheet>'.encode()
        exact = _exact_extent(content_cells(xml))
        quick = sheet_extent(xml)
        assert quick.rows == exact.rows, (quick, exact)
        assert quick.cols == (26 if exact.cols <= 26 else 702 if exact.cols <= 702 else 16384)


def test_a_wide_table_names_every_bad_cell_among_plain_rows(tmp_path: Path) -> None:
    """Plain numbers of a wide table are taken in a few lookups: a repeated row, a number
    typed as text, a percent format and an Excel error among them are still named at their
    cells, and the values beside them still read."""
    sheets = basic_sheets()
    head = ["指标编码", "地区", "2023年", "2024年", "2025年(预计)"]
    good = [["GY01", region, 7600.0, 8200.0, 9000.0]
            for region in ("徐州市", "鼓楼区", "云龙区", "贾汪区", "泉山区")]
    bad = [["GY01", "徐州市", 1.0, None, None],  # the same row again: a duplicate
           ["GY02", "徐州市", "2,000", 2100.0, 2200.0],  # a number typed as text
           ["GY02", "鼓楼区", 10.0, 11.0, 12.0],  # D: percent format (unit 家)
           ["GY02", "云龙区", 20.0, 21.0, 22.0]]  # E: #N/A
    sheets["数据"] = [head, *good, *bad]

    def edit(wb: Workbook) -> None:
        wb["数据"]["D9"].number_format = "0.0%"
        cell = wb["数据"]["E10"]
        cell.value, cell.data_type = "#N/A", "e"

    result = load_dataset(write_workbook(tmp_path / "宽表.xlsx", sheets, edit=edit))
    found = {(p.code, p.location) for p in result.problems if p.sheet == "数据"}
    assert found == {("row-duplicate", "数据!C7"), ("value-text", "数据!C8"),
                     ("value-percent-format", "数据!D9"), ("value-excel-error", "数据!E10")}, found
    assert result.dataset is not None
    values = {str(o.ref): o.value for o in result.dataset.observations if o.ref is not None}
    assert values["数据!C2"] == 7600.0 and values["数据!E6"] == 9000.0
    assert "数据!C7" not in values and values["数据!C8"] == 2000.0
    assert values["数据!D9"] == 11.0 and values["数据!D10"] == 21.0 and "数据!E10" not in values


@pytest.mark.parametrize("attribute", ["r='{ref}'", 'r = "{ref}"', "r\n=\t'{ref}'"])
def test_a_far_cell_written_with_other_quotes_is_still_seen_before_calamine(
        tmp_path: Path, attribute: str) -> None:
    """XML allows single quotes and spaces around =: calamine places such a cell as any
    other, so a stray one in XFD1048576 made it ask for half a terabyte and the process
    aborted (exit 134) before any cell was named."""
    book = write_workbook(tmp_path / "引号.xlsx", basic_sheets())
    far = "<row {row}><c {cell} t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>".format(
        row=attribute.format(ref="1048576"), cell=attribute.format(ref="XFD1048576"))
    patch_member(book, sheet_member(book, "数据"),
                 lambda xml: xml.replace(b"</sheetData>", far.encode()))
    proc = check(book)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-500:])
    assert "数据!XFD1048576: [警告] 单元格远在表格之外" in proc.stdout, proc.stdout
