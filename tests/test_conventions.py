"""Government document conventions, as an official sees them in the written deck."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from pptx import Presentation

from realclients import seen
from workbooks import basic_sheets, write_workbook
from xzbrief.build import build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.recipe import Numbering, Structure


def texts_of(slide) -> list[str]:
    return [seen(sh.text_frame.text) for sh in slide.shapes if sh.has_text_frame]


def build(tmp_path, **options):
    sheets = basic_sheets()
    sheets["指标"][0].append("口径")
    for row in sheets["指标"][1:]:
        row.append("按现价计算" if row[0] == "GY01" else None)
    book = write_workbook(tmp_path / "指标库.xlsx", sheets)
    recipe = default_recipe(load_dataset(book))
    recipe = replace(recipe, date="2025-12", issues=("部分指标增速放缓。", "数据口径有待统一。"),
                     next_steps=("加快推进重大项目。",),
                     options=replace(recipe.options, **options))
    return Presentation(str(build_deck(recipe, book, tmp_path / "汇报.pptx").pptx))


def test_report_structure_with_chinese_numbering(tmp_path):
    prs = build(tmp_path, structure=Structure.REPORT, marking="内部资料 注意保存")
    titles = [seen(s.shapes.title.text_frame.text) for s in prs.slides if s.shapes.title]
    agenda = next(s for s in prs.slides if s.shapes.title
                  and seen(s.shapes.title.text_frame.text) == "目录")
    agenda_text = "\n".join(texts_of(agenda))
    assert agenda_text.index("一、总体情况") < agenda_text.index("二、产业升级") \
        < agenda_text.index("四、存在问题") < agenda_text.index("五、下一步工作")
    assert "四、存在问题" in titles and "五、下一步工作" in titles  # dividers, as for the rest
    issues = next(s for s in prs.slides if s.shapes.title
                  and seen(s.shapes.title.text_frame.text) == "存在问题")
    body = "\n".join(texts_of(issues))
    assert "\uff08一\uff09\t部分指标增速放缓。" in body  # （一）: full-width, as 公文 write it
    assert "\uff08二\uff09\t数据口径有待统一。" in body
    cover = "\n".join(texts_of(prs.slides[0]))
    assert "2025年12月" in cover and "2025-12" not in cover
    marked = [s for s in prs.slides if any(t == "内部资料 注意保存" for t in texts_of(s))]
    assert len(marked) == len(prs.slides) - 1  # every page but the closing one
    assert titles[-1] == "以上汇报，请批评指正"


def test_arabic_numbering_and_basis_footnote(tmp_path):
    prs = build(tmp_path, numbering=Numbering.ARABIC)
    body = "\n".join(t for s in prs.slides for t in texts_of(s))
    assert "\uff081\uff09\t部分指标增速放缓。" in body  # （1） under 1.: never 1. twice
    assert "1.产业升级" in body  # agenda
    assert "工业开票销售收入按现价计算" in body  # 口径 as a footnote


def test_build_prints_preflight_warnings_first(tmp_path):
    sheets = basic_sheets()
    sheets["数据"][4][3] = 16000  # 2024: +110% on 2023, no note
    book = write_workbook(tmp_path / "w.xlsx", sheets)
    proc = subprocess.run([sys.executable, "-m", "xzbrief", "build", "--data", str(book), "-o",
                           str(tmp_path / "d.pptx")], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.returncode == 0
    err = proc.stderr.splitlines()
    jump = next(i for i, line in enumerate(err) if "幅度异常" in line)
    first_progress = next(i for i, line in enumerate(err) if line.startswith("["))
    assert err[jump].startswith("数据!D5: [警告] 工业开票销售收入(徐州市)2024年 较 2023年")
    assert jump < first_progress
