"""The notes catalogue (warnings from the planner, the layout, the brand reader and the
pipeline): every entry in both languages with the same parameters, every code made somewhere
in the code, notes rendered in the language asked for, and the one language picker."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from xzbrief.messages import NOTES, Note, Words, join, note, pick_lang

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "xzbrief"
HAN = re.compile(r"[\u4e00-\u9fff]")


def placeholders(text: str) -> dict[str, str]:
    """name -> format spec."""
    return {name: spec or "" for _, name, spec, _ in string.Formatter().parse(text) if name}


def sample(spec: str) -> object:
    return 12.5 if spec.endswith(("g", "f")) else "甲"


@pytest.mark.parametrize("code", sorted(NOTES))
def test_every_note_has_both_languages_and_formats_with_its_params(code: str) -> None:
    zh, en = NOTES[code]
    assert zh.strip() and en.strip()
    assert placeholders(zh) == placeholders(en), "the same parameters, the same formats"
    params = {name: sample(spec) for name, spec in placeholders(zh).items()}
    made = note(code, **params)  # type: ignore[arg-type]
    said_zh, said_en = made.text("zh"), made.text("en")
    assert "{" not in said_zh and "{" not in said_en
    words = re.sub(r"\{[^}]*\}", "", zh)
    if re.search(r"[A-Za-z\u4e00-\u9fff]", words):  # not only parameters and punctuation
        assert HAN.search(words), "Chinese first"
    # English words only: what is Chinese in the English text came from the parameters or is
    # a built-in brand's own Chinese name quoted as a recipe writes it
    assert not HAN.search(en.replace("{", "").replace("}", "")), en


def test_every_code_is_made_by_the_code() -> None:
    src = "\n".join(p.read_text("utf-8") for p in SRC.rglob("*.py")
                    if "messages" not in p.parts)
    dynamic = ("step-", "brand-about-", "brand-")  # note(f"step-{key}"), note(f"brand-{name}")
    unused = [c for c in NOTES if f'"{c}"' not in src and not c.startswith(dynamic)]
    assert unused == []


def test_nested_notes_words_and_lists_follow_the_language() -> None:
    inner = note("layout-title-long", title="徐州市工业经济运行情况", size=18.0)
    page = note("layout-on-slide", page=3, note=inner)
    assert page.text("zh") == "第 3 页:标题「徐州市工业经济运行情况」过长,已缩小到 18 磅仍可能超出标题框"
    assert page.text("en") == ("slide 3: the title “徐州市工业经济运行情况” is long: at 18 pt it "
                               "may still overflow its box")
    listing = note("repair-bad-values", part="ppt/slideLayouts/slideLayout2.xml",
                   listing=join(['sz="abc"', 'w="-1"']))
    assert 'sz="abc"、w="-1"' in listing.text("zh")
    assert 'sz="abc", w="-1"' in listing.text("en")
    blocked = note("build-check-workbook-blocked", reason=Words("文件是只读的", "it is read-only"))
    assert blocked.text("en") == "the data-check workbook was not written: it is read-only"
    assert blocked == note("build-check-workbook-blocked",
                           reason=Words("文件是只读的", "it is read-only"))  # data: comparable
    assert isinstance(hash(blocked), int)  # and frozen


def test_an_unknown_code_fails_where_the_note_is_made() -> None:
    with pytest.raises(KeyError, match="no-such-note"):
        note("no-such-note")
    assert Note("plan-theme-empty", (("name", "工业"),)).text("zh") == "专题「工业」没有可展示的内容,已跳过"


@pytest.mark.parametrize(("choices", "lang"), [
    (("en",), "en"), (("zh",), "zh"), (("EN",), "en"), (("en_US",), "en"), (("zh-CN",), "zh"),
    (("fr", "en"), "en"), ((None, ""), "zh"), (("", "en"), "en"), (("de",), "zh"), ((), "zh"),
])
def test_one_function_picks_the_language(choices: tuple[str | None, ...], lang: str) -> None:
    assert pick_lang(*choices) == lang
