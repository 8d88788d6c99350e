"""The one catalogue (xzbrief.messages): every entry of every table — the notes, the workbook
problems with their hints, a refresh plan's words, the app's UI words — in both languages with the same parameters,
formatting with them, and English with no Chinese but the workbook's and the deck's own words
(a sheet or column the user must find, a value they must type, a word printed on the slide)."""

from __future__ import annotations

import dataclasses
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from xzbrief.messages import LANGS, NOTES, note, pick_lang
from xzbrief.messages.problems import MESSAGES
from xzbrief.messages.refresh import ACTIONS, DETAILS, DIALOG, DIALOG_COLUMNS, PLACES, REASONS
from xzbrief.messages.ui import EN, ZH, UiText, ui_words

HAN = re.compile(r"[\u4e00-\u9fff]+")
# The Chinese an English sentence may quote: the workbook's sheet and column names and the
# values a cell takes (指标, 数据, 实际 …), the period forms (2025年1—11月), the words printed
# on a Chinese deck (综述, 内部资料, 公文), the name a refreshed deck is saved under (（更新）)
# the language's own name (中文) and the comparisons a recipe takes (同比、较上期、年均、无).
QUOTED = {
    "数据", "指标", "专题", "地区", "年", "月", "实际", "预计", "目标", "限定", "上级指标", "万元",
    "亿元", "备注", "状态", "类型", "总量", "增速", "比重", "数量", "指数", "位次", "重点", "是",
    "否", "主要指标", "表述", "值", "家企业入选", "增速指标", "中文", "综述", "核对", "内部资料",
    "注意保存", "汇报材料", "公文", "更新", "同比", "较上期", "年均", "无",
}


def _ui_entries() -> list[tuple[str, str, str]]:
    rows = []
    for f in dataclasses.fields(UiText):
        zh, en = getattr(ZH, f.name), getattr(EN, f.name)
        pairs = zip(zh, en, strict=True) if isinstance(zh, tuple) else [(zh, en)]
        rows += [(f"ui:{f.name}", z, e) for z, e in pairs]
    return rows


ENTRIES: list[tuple[str, str, str]] = (
    [(f"note:{code}", zh, en) for code, (zh, en) in NOTES.items()]
    + [(f"problem:{code}", m.zh + " " + m.hint_zh, m.en + " " + m.hint_en)
       for code, m in MESSAGES.items()]
    + [(f"refresh:{code}", zh, en) for table in (ACTIONS, REASONS, PLACES, DETAILS, DIALOG)
       for code, (zh, en) in table.items()]
    + [(f"refresh:column{i}", zh, en) for i, (zh, en) in enumerate(zip(*DIALOG_COLUMNS,
                                                                       strict=True)) if zh]
    + _ui_entries())


def placeholders(text: str) -> dict[str, str]:
    """name -> format spec."""
    return {name: spec or "" for _, name, spec, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(("key", "zh", "en"), ENTRIES, ids=[e[0] for e in ENTRIES])
def test_every_entry_in_both_languages_with_the_same_parameters(key: str, zh: str,
                                                                 en: str) -> None:
    assert zh.strip() and en.strip(), "said in both languages"
    assert placeholders(zh) == placeholders(en), "the same parameters, the same formats"
    params = {name: 12.5 if spec.endswith(("g", "f")) else "甲"
              for name, spec in placeholders(zh).items()}
    assert zh.format(**params) and en.format(**params)  # a placeholder unfilled raises
    words = re.sub(r"\{[^}]*\}", "", zh)
    if re.search(r"[A-Za-z\u4e00-\u9fff]", words) and not key.startswith("ui:"):
        assert HAN.search(words), "Chinese first"
    foreign = set(HAN.findall(re.sub(r"\{[^}]*\}", "", en))) - QUOTED
    if key.startswith("note:brand"):  # a built-in brand's own name, as a recipe writes it
        foreign -= {key.removeprefix("note:brand-about-").removeprefix("note:brand-")}
    assert not foreign, f"Chinese in the English text: {foreign}"


def test_one_namespace_and_one_language_picker() -> None:
    assert not set(NOTES) & set(MESSAGES), "a code names one entry"
    assert all(bool(m.hint_zh) == bool(m.hint_en) for m in MESSAGES.values())
    assert LANGS == ("zh", "en")
    assert ui_words(pick_lang("en_GB")) is EN and ui_words(pick_lang("fr")) is ZH
    assert note("template-unreadable", path="x.pptx").text(pick_lang("EN")) == \
        "cannot read template x.pptx"


def _build_with_brand(brand: str, lang: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xzbrief", "build", "--brand", brand, "-o",
                           str(cwd), "--lang", lang],
                          check=False, capture_output=True, text=True, cwd=cwd, timeout=120)


def test_a_template_refusal_reads_in_the_language_asked_for(tmp_path: Path) -> None:
    """What a user sees: `xzbrief build --brand` naming a file that is not there."""
    en = _build_with_brand("无此模板.pptx", "en", tmp_path)
    assert en.returncode == 2, en.stderr
    assert "template “无此模板.pptx” not found; built-in brands: 政务红, 科技蓝, 生态绿" in en.stderr
    zh = _build_with_brand("无此模板.pptx", "zh", tmp_path)
    assert "找不到模板「无此模板.pptx」;内置品牌有:政务红、科技蓝、生态绿" in zh.stderr
