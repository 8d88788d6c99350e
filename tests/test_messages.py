"""The notes catalogue (warnings from the planner, the layout, the brand reader and the
pipeline): every code made somewhere in the code, notes rendered in the language asked for,
and the one language picker (both languages per entry: tests/test_catalogue.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xzbrief.messages import NOTES, Note, Words, join, note, pick_lang

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "xzbrief"
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
