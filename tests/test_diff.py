"""``xzbrief diff``: what changed between two decks, read from their stored provenance."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from pptx import Presentation

from realclients import seen
from workbooks import basic_sheets, write_workbook
from xzbrief.build import build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.diff import diff_files
from xzbrief.recipe import ThemeChoice


def deck(tmp_path: Path, name: str, sheets, themes=None, book_bytes: bytes | None = None
         ) -> Path:
    """The same workbook name each month, in its own folder (as a clerk keeps them);
    ``book_bytes``: exactly that file (openpyxl stamps the second it writes a workbook)."""
    folder = tmp_path / name
    folder.mkdir()
    if book_bytes is None:
        book = write_workbook(folder / "指标库.xlsx", sheets)
    else:
        book = folder / "指标库.xlsx"
        book.write_bytes(book_bytes)
    recipe = default_recipe(load_dataset(book))
    if themes is not None:
        recipe = replace(recipe, themes=themes)
    return build_deck(recipe, book, folder / "汇报.pptx").pptx


def diff(*args: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xzbrief", "diff", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", check=False)


def test_changed_numbers_and_sentences_are_listed_by_slide(tmp_path):
    old = deck(tmp_path, "old", basic_sheets())
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100  # GY01 2025 estimate
    new = deck(tmp_path, "new", sheets)
    proc = diff(old, new)
    assert proc.returncode == 0
    out = proc.stdout
    assert "数字 改变:工业开票销售收入 2025年 徐州市:9000亿元(预计) → 9100亿元(预计)(数据!D6)" in out
    assert "文字 改变:" in out and "9100亿元" in out
    assert out.splitlines()[0].startswith("数据:指标库.xlsx (")
    changes = diff_files(old, new)
    pages = {s.new_n for s in changes.slides if s.new_n is not None}
    prs = Presentation(str(new))
    for n in pages:  # every slide named really shows the new figure or its new growth rate
        shapes = prs.slides[n - 1].shapes
        text = " ".join([seen(sh.text_frame.text) for sh in shapes if sh.has_text_frame]
                        + [c.text for sh in shapes if sh.has_table
                           for row in sh.table.rows for c in row.cells])  # 主要指标表
        assert "9100" in text or "11.0%" in text, (n, text)


def test_identical_decks_have_no_changes(tmp_path):
    a = deck(tmp_path, "a", basic_sheets())  # two builds of one workbook: same provenance
    b = deck(tmp_path, "b", basic_sheets(), book_bytes=(tmp_path / "a" / "指标库.xlsx").read_bytes())
    assert a.read_bytes() != b.read_bytes()  # different files (times, ids), nothing changed
    proc = diff(a, b)
    assert proc.returncode == 0
    assert proc.stdout.strip() == "数字和文字均无变化。"


def test_a_theme_left_out_shows_as_removed_slides(tmp_path):
    old = deck(tmp_path, "old", basic_sheets())
    new = deck(tmp_path, "new", basic_sheets(), themes=(ThemeChoice("产业升级"),))
    lines = diff_files(old, new).lines("zh")
    assert any("(已删除)" in line and "数实融合" in line for line in lines)
    assert any("数字 删除:徐州市两化融合发展水平" in line for line in lines)
    removed = [i for s in diff_files(old, new).slides for i in s.items
               if i.what == "number" and i.how == "removed"]
    assert removed and all(i.where for i in removed)  # a computed one says how it was made


def test_english_output(tmp_path):
    old = deck(tmp_path, "old", basic_sheets())
    sheets = basic_sheets()
    sheets["数据"][5][3] = 9100
    new = deck(tmp_path, "new", sheets)
    proc = subprocess.run([sys.executable, "-m", "xzbrief", "--lang", "en", "diff", str(old),
                           str(new)], capture_output=True, text=True, encoding="utf-8",
                          check=False)
    assert ("  number changed: 工业开票销售收入 2025年 徐州市: 9000亿元 (estimate) → 9100亿元 "
            "(estimate) (数据!D6)") in proc.stdout


def test_a_deck_not_made_by_xzbrief_is_refused_clearly(tmp_path):
    mine = deck(tmp_path, "mine", basic_sheets())
    theirs = tmp_path / "theirs.pptx"
    Presentation().save(str(theirs))
    proc = diff(theirs, mine)
    assert proc.returncode == 2
    assert "theirs.pptx 不是由 xzbrief 生成的汇报" in proc.stderr
    missing = diff(tmp_path / "nope.pptx", mine)
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
