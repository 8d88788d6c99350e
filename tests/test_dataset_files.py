"""Wrong files, hostile files and the user's file left alone: each gets its own message."""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from workbooks import basic_sheets, write_workbook
from xzbrief.dataset import files
from xzbrief.dataset.files import OLE2_MAGIC, FileProblem, read_file_bytes
from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.dataset.problems import Problem, Severity


def only_problem(result: LoadResult) -> Problem:
    assert result.dataset is None
    assert len(result.problems) == 1, [p.format() for p in result.problems]
    problem = result.problems[0]
    assert problem.is_error
    return problem


def load_bytes(tmp_path: Path, name: str, data: bytes) -> Problem:
    path = tmp_path / name
    path.write_bytes(data)
    return only_problem(load_dataset(path))


def ole2(extra: bytes = b"") -> bytes:
    return OLE2_MAGIC + b"\x00" * 504 + extra + b"\x00" * 2048


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_old_xls(tmp_path: Path) -> None:
    problem = load_bytes(tmp_path, "旧表.xls", ole2(b"Workbook".decode().encode("utf-16-le")))
    assert problem.code == "file-xls"
    assert "Excel 97-2003" in problem.message()
    assert "另存为" in problem.hint()
    assert problem.message("en").startswith("this is an old Excel 97-2003 workbook")


def test_xls_renamed_to_xlsx_is_still_xls(tmp_path: Path) -> None:
    assert load_bytes(tmp_path, "改名.xlsx", ole2()).code == "file-xls"


def test_wps_et(tmp_path: Path) -> None:
    problem = load_bytes(tmp_path, "表格.et", ole2())
    assert problem.code == "file-et"
    assert "WPS" in problem.message()


def test_password_protected(tmp_path: Path) -> None:
    data = ole2("EncryptedInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le"))
    problem = load_bytes(tmp_path, "加密.xlsx", data)
    assert problem.code == "file-encrypted"
    assert problem.message() == "工作簿设置了打开密码,无法读取"
    assert "密码" in problem.hint()


def test_csv(tmp_path: Path) -> None:
    problem = load_bytes(tmp_path, "数据.csv", "指标编码,地区,期间,数值\nGY01,徐州市,2025年,9000\n"
                         .encode())
    assert problem.code == "file-csv"
    assert problem.message() == "这是 CSV 文本文件,不是 Excel 工作簿"


def test_csv_in_gbk_named_xlsx(tmp_path: Path) -> None:
    data = "指标编码\t地区\nGY01\t徐州市\n".encode("gbk")
    assert load_bytes(tmp_path, "导出.xlsx", data).code == "file-csv"


def test_ods(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    problem = load_bytes(tmp_path, "表.ods", buf.getvalue())
    assert problem.code == "file-ods"
    assert "OpenDocument" in problem.message()
    assert ".xlsx" in problem.hint()


def test_xlsb(tmp_path: Path) -> None:
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x00" * 10})
    assert load_bytes(tmp_path, "二进制.xlsb", data).code == "file-xlsb"


@pytest.mark.parametrize("member", ["word/document.xml", "ppt/presentation.xml"])
def test_word_or_powerpoint(tmp_path: Path, member: str) -> None:
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", member: b"<x/>"})
    problem = load_bytes(tmp_path, "文件.xlsx", data)
    assert problem.code == "file-office-other"
    assert problem.message() == "这是 Word 或 PowerPoint 文件,不是 Excel 工作簿"


def test_html_table_saved_as_xls(tmp_path: Path) -> None:
    html = ("<html><head><meta charset='utf-8'></head><body><table><tr><td>指标编码</td>"
            "<td>数值</td></tr></table></body></html>")
    problem = load_bytes(tmp_path, "系统导出.xls", html.encode())
    assert problem.code == "file-html"
    assert "网页" in problem.message()


def test_excel_2003_xml(tmp_path: Path) -> None:
    xml = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>')
    assert load_bytes(tmp_path, "表.xml", xml.encode()).code == "file-xml2003"


def test_empty_file(tmp_path: Path) -> None:
    problem = load_bytes(tmp_path, "空.xlsx", b"")
    assert problem.code == "file-empty"
    assert problem.message() == "文件是空的(0 字节)"
    assert problem.format("en").startswith("[error] the file is empty")


def test_truncated_xlsx(tmp_path: Path, basic_workbook: Path) -> None:
    data = basic_workbook.read_bytes()
    problem = load_bytes(tmp_path, "半截.xlsx", data[: len(data) // 2])
    assert problem.code == "file-truncated"
    assert problem.message() == "文件不完整或已损坏"


def test_png_is_not_a_workbook(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randrange(256) for _ in range(2000))
    problem = load_bytes(tmp_path, "截图.xlsx", data)
    assert problem.code == "file-not-workbook"
    assert problem.message() == "这不是 Excel 工作簿"


def test_random_bytes_are_not_a_workbook(tmp_path: Path) -> None:
    data = bytes(random.Random(7).randrange(256) for _ in range(4001))
    assert load_bytes(tmp_path, "乱码.xlsx", data).code == "file-not-workbook"


def test_broken_workbook_xml(tmp_path: Path, basic_workbook: Path) -> None:
    members = _members(basic_workbook)
    members["xl/workbook.xml"] = b"<workbook><sheets><sheet name="
    problem = load_bytes(tmp_path, "坏.xlsx", zip_bytes(members))
    assert problem.code == "file-corrupt"
    assert problem.message().startswith("工作簿内容无法解析")


def test_sheet_paths_relative_to_xl_in_any_spelling(tmp_path: Path, basic_workbook: Path
                                                    ) -> None:
    members = _members(basic_workbook)
    rels = "xl/_rels/workbook.xml.rels"
    members[rels] = members[rels].replace(b'Target="/xl/worksheets/',
                                          b'Target="../xl/worksheets/')
    path = tmp_path / "相对路径.xlsx"
    path.write_bytes(zip_bytes(members))
    result = load_dataset(path)
    assert result.ok and result.dataset is not None and result.dataset.observations


def test_a_sheet_whose_part_is_missing(tmp_path: Path, basic_workbook: Path) -> None:
    members = _members(basic_workbook)
    gone = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    del members[gone]
    problem = load_bytes(tmp_path, "缺页.xlsx", zip_bytes(members))  # a problem, not a crash
    assert problem.code == "file-part-missing"
    assert problem.message() == f"工作簿缺少内部文件 {gone}(某个工作表的内容丢失)"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "没有.xlsx"
    problem = only_problem(load_dataset(path))
    assert problem.code == "file-missing"
    assert problem.message() == f"找不到文件 {path}"


def test_folder(tmp_path: Path) -> None:
    problem = only_problem(load_dataset(tmp_path))
    assert problem.code == "file-is-dir"


def test_no_permission(tmp_path: Path, basic_workbook: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    problem = only_problem(load_dataset(basic_workbook))
    assert problem.code == "file-no-permission"
    assert problem.message() == f"没有权限读取 {basic_workbook}"


def test_unreadable(basic_workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_a: object, **_k: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", fail)
    problem = only_problem(load_dataset(basic_workbook))
    assert problem.code == "file-unreadable"
    assert problem.message().endswith("Input/output error")


def test_too_large(basic_workbook: Path) -> None:
    with pytest.raises(FileProblem) as info:
        read_file_bytes(basic_workbook, max_bytes=100)
    problem = Problem(info.value.code, Severity.ERROR, params=info.value.params)
    assert problem.code == "file-too-large"
    assert "超过 0 MB 的上限" in problem.message()


def test_excel_lock_file_is_named(tmp_path: Path) -> None:
    lock = tmp_path / "~$指标库.xlsx"
    lock.write_bytes(b"\x07xzbrief" + b"\x00" * 150)
    problem = only_problem(load_dataset(lock))
    assert problem.code == "file-lock"
    assert "临时锁定文件" in problem.message()


def test_workbook_with_lock_file_beside_it_loads(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    (tmp_path / "~$指标库.xlsx").write_bytes(b"\x07someone" + b"\x00" * 150)
    result = load_dataset(path)
    assert result.ok
    assert result.problems == ()


# --- hostile files --------------------------------------------------------------------------

def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""


def test_xml_bomb_in_shared_strings(tmp_path: Path, basic_workbook: Path) -> None:
    members = _members(basic_workbook)
    members["xl/sharedStrings.xml"] = BILLION_LAUGHS
    problem = load_bytes(tmp_path, "炸弹.xlsx", zip_bytes(members))
    assert problem.code == "file-xml-bomb"
    assert problem.message() == ("文件含有 XML 实体定义(DTD,位于 xl/sharedStrings.xml),已拒绝读取")
    assert "恶意" in problem.hint()


def test_xml_bomb_in_workbook_xml(tmp_path: Path, basic_workbook: Path) -> None:
    members = _members(basic_workbook)
    members["xl/workbook.xml"] = BILLION_LAUGHS.replace(b"sst", b"workbook")
    assert load_bytes(tmp_path, "炸弹2.xlsx", zip_bytes(members)).code == "file-xml-bomb"


def test_zip_bomb_highly_compressed_member(tmp_path: Path, basic_workbook: Path) -> None:
    """300 MB of zeros in one member, streamed so the test stays small on disk."""
    path = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _members(basic_workbook).items():
            zf.writestr(name, data)
        chunk = b"\x00" * (1 << 20)
        with zf.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(chunk)
    assert path.stat().st_size < 2_000_000
    problem = only_problem(load_dataset(path))
    assert problem.code == "file-zip-bomb"
    assert problem.message().startswith("文件解压后异常巨大(xl/media/padding.bin 压缩比")
    assert problem.message().endswith("),已拒绝读取")


def test_zip_bomb_declared_sizes(tmp_path: Path, basic_workbook: Path) -> None:
    """A central directory that declares 4 GB of content is refused before unzipping."""
    data = bytearray(zip_bytes(_members(basic_workbook)))
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        data[pos + 24:pos + 28] = (0xFFFF_FFF0).to_bytes(4, "little")  # uncompressed size
        pos = data.find(b"PK\x01\x02", pos + 4)
    problem = load_bytes(tmp_path, "声明炸弹.xlsx", bytes(data))
    assert problem.code == "file-zip-bomb"
    assert "解压后超过 1 GB" in problem.message()


def test_too_many_members(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(files.MAX_MEMBERS + 1):
            zf.writestr(f"m/{i}", b"")
    problem = load_bytes(tmp_path, "很多成员.xlsx", buf.getvalue())
    assert problem.code == "file-zip-bomb"


# --- the user's file is left alone ----------------------------------------------------------

def test_workbook_is_never_written_nor_kept_open(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before = path.read_bytes(), path.stat().st_mtime_ns
    result = load_dataset(path)
    assert result.ok
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["指标库.xlsx"]
    fd_dir = Path("/proc/self/fd")
    if fd_dir.is_dir():
        targets = []
        for fd in fd_dir.iterdir():
            try:
                targets.append(os.readlink(fd))
            except OSError:
                continue
        assert str(path) not in targets
    # Excel on Windows saves by replacing the file: possible while xzbrief holds the data.
    path.unlink()
    assert result.dataset is not None
    assert len(result.dataset.observations) == 10


def test_a_large_part_read_in_chunks_is_the_same_and_still_crc_checked(
        tmp_path: Path, basic_workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large sheet parts are inflated chunk by chunk into one buffer (a 1,000,000-row sheet's
    300 MB were held twice by zipfile's own read): the workbook reads the same, and a part
    whose bytes do not match its CRC is still a damaged file."""
    before = load_dataset(basic_workbook)
    monkeypatch.setattr(files, "_CHUNK", 64)  # every part is "large"
    after = load_dataset(basic_workbook)
    assert after.ok and after.dataset == before.dataset
    assert [p.format() for p in after.problems] == [p.format() for p in before.problems]

    out = io.BytesIO()  # the data sheet stored uncompressed with one byte changed
    with zipfile.ZipFile(basic_workbook) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                info.compress_type = zipfile.ZIP_STORED
                zout.writestr(info, data)
            else:
                zout.writestr(info, data, zipfile.ZIP_DEFLATED)
    damaged = out.getvalue()
    at = damaged.index(b"GY02", damaged.index(b"xl/worksheets/sheet2.xml"))
    damaged = damaged[:at] + b"GY03" + damaged[at + 4:]
    assert load_bytes(tmp_path, "损坏.xlsx", damaged).code == "file-truncated"
