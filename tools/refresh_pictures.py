"""Write docs/images/refresh-before.png and refresh-after.png: an edited chart page and the same
page after ``xzbrief refresh`` (drawn by LibreOffice, cut out with pdftoppm).

    python tools/refresh_pictures.py

The workbook is a small made-up one (模拟数据); the edits are those an office makes: the chart
moved and narrowed, its series recoloured and one bar picked out, the title rewritten, a note of
the office's own typed beside the chart.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Pt

from xzbrief.build import build_deck, default_recipe
from xzbrief.dataset.loader import load_dataset
from xzbrief.refresh_deck import prepare_refresh, write_refresh

OUT = Path(__file__).resolve().parents[1] / "docs" / "images"
HEADER = ["指标编码", "地区", "期间", "数值", "状态", "备注"]


def workbook(path: Path, latest: bool) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ind = wb.create_sheet("指标")
    ind.append(["指标编码", "指标名称", "单位", "专题", "来源"])
    ind.append(["GY01", "工业开票销售收入", "亿元", "产业升级(模拟数据)", "模拟来源"])
    data = wb.create_sheet("数据")
    data.append(HEADER)
    rows = [("2021年", 6100, "实际"), ("2022年", 7050, "实际"), ("2023年", 7600, "实际"),
            ("2024年", 8200, "实际"), ("2025年", 9000, "预计")]
    if latest:  # next month: 2025 is final, 2026 is the new estimate
        rows[-1] = ("2025年", 9100, "实际")
        rows.append(("2026年", 9800, "预计"))
    for period, value, status in rows:
        data.append(["GY01", "徐州市", period, value, status, None])
    wb.save(path)
    return path


def edit(deck: Path) -> int:
    prs = Presentation(str(deck))
    n, slide = next((i, s) for i, s in enumerate(prs.slides, start=1)
                    for sh in s.shapes if sh.has_chart)
    frame = next(sh for sh in slide.shapes if sh.has_chart)
    frame.left, frame.width = frame.left + Pt(10), frame.width - Pt(60)
    series = frame.chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    bar = series.points[2].format
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor(0xC0, 0x7A, 0x00)
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "工业开票销售收入稳步攀升"
    box = slide.shapes.add_textbox(Pt(575), Pt(420), Pt(360), Pt(26))
    box.text_frame.text = "办公室按:全年开票销售收入约0.9万亿元。"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    box.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0x80, 0x40, 0x00)
    prs.save(str(deck))
    return n


def page_png(deck: Path, page: int, out: Path, work: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None or shutil.which("pdftoppm") is None:
        sys.exit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    profile = work / f"profile-{out.stem}"
    subprocess.run([exe, "--headless", "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(work), str(deck)], check=True, capture_output=True)
    pdf = work / (deck.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    "-scale-to-x", "1200", "-scale-to-y", "-1", str(pdf),
                    str(out.with_suffix(""))], check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = workbook(work / "指标库.xlsx", latest=False)
        deck = build_deck(default_recipe(load_dataset(book)), book, work / "汇报.pptx").pptx
        page = edit(deck)
        workbook(book, latest=True)
        job = prepare_refresh(deck)
        out = write_refresh(job, work / "汇报（更新）.pptx")
        page_png(deck, page, OUT / "refresh-before.png", work)
        page_png(out, page, OUT / "refresh-after.png", work)
        for c in job.plan.changes:
            print(c.slide, c.action.value, c.place, c.old, "->", c.new)
    print(f"wrote {OUT / 'refresh-before.png'} and {OUT / 'refresh-after.png'}")


if __name__ == "__main__":
    main()
