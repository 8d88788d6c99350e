"""Whole briefings for pipeline tests: a workbook, a template and a recipe written as a user
would have them in one folder."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from workbooks import basic_sheets, write_workbook
from xzbrief.resources import templates_dir

LONG_ISSUE = "部分企业订单不足、融资成本偏高,产业链协同仍需加强," * 40


def noisy_briefing(folder: Path) -> Path:
    """A recipe whose deck is written but draws a note from each of the planner (an indicator
    without data in the chosen region), the layout (a 存在问题 paragraph too long for a slide)
    and the brand (a template still holding an example slide). Returns the recipe."""
    sheets = basic_sheets()
    sheets["指标"].append(["GY04", "工业投资", "亿元", "产业升级", "市工信局"])
    sheets["数据"].append(["GY04", "铜山区", "2025年", 51.2, "实际", None])
    write_workbook(folder / "指标库.xlsx", sheets)
    prs = Presentation(str(templates_dir() / "gov_red.pptx"))
    content = next(lay for lay in prs.slide_layouts if lay.name == "内容")
    prs.slides.add_slide(content).shapes.title.text = "示例页"
    prs.save(str(folder / "单位模板.pptx"))
    recipe = folder / "月报.brief.toml"
    recipe.write_text(f'issues = ["{LONG_ISSUE}"]\n\n[briefing]\ntitle = "工业运行汇报"\n'
                      'dataset = "指标库.xlsx"\nbrand = "单位模板.pptx"\n\n'
                      '[[themes]]\nname = "产业升级"\nregions = ["徐州市"]\n', encoding="utf-8")
    return recipe


def stale_briefing(folder: Path) -> Path:
    """A recipe written for last month's workbook: a theme, an indicator code and a region the
    workbook no longer has. Returns the recipe."""
    write_workbook(folder / "指标库.xlsx", basic_sheets())
    recipe = folder / "上月.brief.toml"
    recipe.write_text('[briefing]\ntitle = "工业运行汇报"\ndataset = "指标库.xlsx"\n\n'
                      '[[themes]]\nname = "产业升级"\nindicators = ["GY01", "GY99"]\n'
                      'regions = ["徐州市", "新沂区"]\n\n'
                      '[[themes]]\nname = "开放合作"\n\n'
                      '[[themes]]\nname = "数实融合"\n', encoding="utf-8")
    return recipe
