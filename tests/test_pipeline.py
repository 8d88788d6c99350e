"""The pipeline (xzbrief.build), as the command line uses it: one policy for a recipe naming
what the workbook lacks, and every note, progress line and brand name in the language asked
for. The app's side of the same cases is in test_gui_pipeline.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from briefings import noisy_briefing, stale_briefing
from test_cli_build import run
from xzbrief.build import RecipeMismatch, build_deck, drop_missing
from xzbrief.dataset.loader import load_dataset
from xzbrief.recipe import read_recipe

HAN = re.compile(r"[\u4e00-\u9fff]")


def without_names(line: str) -> str:
    """The line with the user's own names taken out (quoted names, file names, the
    workbook's period labels), leaving only our words."""
    line = re.sub(r"“[^”]*”", "", line)
    return re.sub(r"\S*\.(pptx|xlsx|toml)", "", line)


def stale_lines(lang: str) -> list[str]:
    return [
        {"zh": "配方与工作簿不符:", "en": "the recipe does not match the workbook:"}[lang],
        {"zh": "  themes[1].indicators: 指标编码「GY99」不在工作簿中;是不是「GY02」?",
         "en": "  themes[1].indicators: indicator code 'GY99' is not in the workbook; did you "
               "mean 'GY02'?"}[lang],
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stale_recipe_is_refused_with_every_missing_name_and_a_fix(tmp_path: Path,
                                                                     lang: str) -> None:
    recipe = stale_briefing(tmp_path)
    out = run("--lang", lang, "build", str(recipe), "-o", "deck.pptx", cwd=tmp_path)
    assert out.returncode == 2
    err = out.stderr.splitlines()
    assert err[0] == f"xzbrief: {recipe}: {stale_lines(lang)[0]}"
    assert err[1] == stale_lines(lang)[1]
    said = "\n".join(err)
    for name in ("GY99", "新沂区", "开放合作"):
        assert name in said
    assert ("xzbrief-gui" in err[-1]) and (("删去" in err[-1]) if lang == "zh" else
                                            ("remove" in err[-1]))
    assert not (tmp_path / "deck.pptx").exists()
    assert "%]" not in said  # refused before anything was planned or written


def test_build_deck_refuses_the_same_recipe_and_the_fix_makes_it_build(tmp_path: Path) -> None:
    recipe = read_recipe(stale_briefing(tmp_path))
    book = tmp_path / "指标库.xlsx"
    with pytest.raises(RecipeMismatch) as caught:
        build_deck(recipe, book, tmp_path / "deck.pptx")
    assert [i.key for i in caught.value.issues] == [
        "themes[1].indicators", "themes[1].regions", "themes[2].name"]
    assert not (tmp_path / "deck.pptx").exists()
    dataset = load_dataset(book).dataset
    assert dataset is not None
    fixed = drop_missing(recipe, dataset)
    assert [(t.name, t.indicators, t.regions) for t in fixed.themes] == [
        ("产业升级", ("GY01",), ("徐州市",)), ("数实融合", None, None)]
    built = build_deck(fixed, book, tmp_path / "deck.pptx")
    assert built.pptx is not None and len(Presentation(str(built.pptx)).slides) > 3


def test_notes_progress_and_brand_names_follow_lang_en(tmp_path: Path) -> None:
    recipe = noisy_briefing(tmp_path)
    out = run("--lang", "en", "build", str(recipe), "-o", "deck.pptx", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    notes = [line for line in out.stderr.splitlines() if line.startswith("note: ")]
    assert "note: the 1 slide(s) in template 单位模板.pptx will not appear in the deck" in notes
    assert ("note: theme “产业升级”: indicator “工业投资” has no data for the chosen regions "
            "and periods; skipped") in notes
    assert any(re.fullmatch(r"note: slide \d+: much text: set at the smallest size, it may "
                            r"overflow the slide", n) for n in notes), notes
    progress = [line for line in out.stderr.splitlines() if line.startswith("[")]
    assert "[ 45%] planning slides" in progress
    for line in (*notes, *progress, out.stderr.splitlines()[-1]):
        assert not HAN.search(without_names(line)), line
    assert not any(line.startswith("提示") for line in out.stderr.splitlines())
    zh = run("build", str(recipe), "-o", "deck-zh.pptx", "--quiet", cwd=tmp_path)
    assert zh.returncode == 0, zh.stderr
    assert "提示:模板 单位模板.pptx 中的 1 张幻灯片不会出现在汇报中" in zh.stderr.splitlines()
    assert "提示:专题「产业升级」:指标「工业投资」在所选地区和期间没有数据,已跳过" in zh.stderr


def test_the_builtin_brands_are_named_in_english(tmp_path: Path) -> None:
    listed = run("--lang", "en", "templates", cwd=tmp_path)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()[1:4]
    assert [line.split(":")[0].strip() for line in lines] == [
        "Government red", "Tech blue", "Eco green"]
    for line in lines:
        assert not HAN.search(line), line
    built = run("--lang", "en", "build", "--brand", "tech-blue", "-o", "deck.pptx", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "[ 30%] reading template Tech blue" in built.stderr.splitlines()
    zh = run("templates", cwd=tmp_path)
    assert "  政务红:红色主色、金色点缀,适合向领导汇报" in zh.stdout


@pytest.mark.parametrize(("lang", "usage", "said"), [
    ("zh", "用法: xzbrief diff", "xzbrief: 错误:缺少必需的参数:old, new"),
    ("en", "usage: xzbrief diff", "xzbrief: error: the following arguments are required: "
                                  "old, new"),
])
def test_argparse_speaks_the_language_too(tmp_path: Path, lang: str, usage: str,
                                          said: str) -> None:
    out = run("--lang", lang, "diff", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.startswith(usage) and out.stderr.splitlines()[-1] == said
    bad = run("build", "--max-slides", "many", "--lang", lang, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.splitlines()[-1] == {
        "zh": "xzbrief: 错误:参数 --max-slides 的取值 'many' 无效(须为整数)",
        "en": "xzbrief: error: argument --max-slides: invalid int value: 'many'"}[lang]
