"""The briefing recipe (*.brief.toml): read, write, and clear errors naming the key."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from xzbrief.dataset.periods import parse_period
from xzbrief.recipe import (
    Comparison,
    Numbering,
    Options,
    Recipe,
    RecipeError,
    Structure,
    ThemeChoice,
    read_recipe,
    write_recipe,
)
from xzbrief.resources import shipped_recipe


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.brief.toml"
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(path: Path) -> list[str]:
    with pytest.raises(RecipeError) as info:
        read_recipe(path)
    return [i.format() for i in info.value.issues]


def test_shipped_recipe() -> None:
    recipe = read_recipe(shipped_recipe())
    assert recipe.title == "徐州市“十四五”现代化产业体系建设情况汇报"
    assert recipe.brand == "政务红"
    assert recipe.dataset_path() == shipped_recipe().parent / "xuzhou.xlsx"
    assert [t.name for t in recipe.themes] == ["产业升级与集群培育", "科技创新与数实融合",
                                                "绿色低碳转型", "区域实践", "未来产业布局"]
    assert recipe.options == Options()  # the shipped recipe spells out the defaults


def test_minimal_recipe_takes_every_default(tmp_path: Path) -> None:
    recipe = read_recipe(write(tmp_path, '[briefing]\ntitle = "汇报"\n'))
    assert recipe.options == Options()
    assert recipe.brand == "政务红"
    assert recipe.themes == ()
    assert recipe.cover_date(dt.date(2025, 12, 3)) == "2025年12月"


def test_every_key(tmp_path: Path) -> None:
    path = write(tmp_path, """
issues = ["问题一", "问题二"]
next_steps = "下一步"

[briefing]
title = "汇报"
subtitle = "副标题"
organisation = "市工信局"
date = "2025年11月"
brand = "科技蓝"
dataset = "sub/data.xlsx"

[options]
agenda = false
section_dividers = false
key_figures = false
highlights = false
speaker_notes = false
source_footnotes = false
appendix = true
marking = "内部资料 注意保存"
closing = "谢谢"
numbering = "1."
structure = "汇报"

[[themes]]
name = "工业经济"
title = "工业经济运行"
indicators = ["GY01", "GY02"]
regions = ["徐州市"]
from = "2021年"
to = "2025年"
comparison = "年均"
""")
    r = read_recipe(path)
    assert (r.subtitle, r.organisation, r.date, r.brand) == ("副标题", "市工信局", "2025年11月",
                                                             "科技蓝")
    assert r.dataset_path() == tmp_path / "sub" / "data.xlsx"
    assert r.issues == ("问题一", "问题二")
    assert r.next_steps == ("下一步",)
    o = r.options
    assert not (o.agenda or o.section_dividers or o.key_figures or o.highlights
                or o.speaker_notes or o.source_footnotes)
    assert o.appendix and o.marking == "内部资料 注意保存" and o.closing == "谢谢"
    assert o.numbering is Numbering.ARABIC and o.structure is Structure.REPORT
    t = r.themes[0]
    assert t == ThemeChoice("工业经济", ("GY01", "GY02"), ("徐州市",), parse_period("2021年"),
                            parse_period("2025年"), Comparison.CAGR, "工业经济运行")


def test_round_trip(tmp_path: Path) -> None:
    recipe = Recipe(title="汇报", subtitle="副", brand="生态绿", dataset=str(tmp_path / "d.xlsx"),
                    themes=(ThemeChoice("工业", ("A",), None, parse_period("2024年"), None,
                                        Comparison.PREVIOUS),),
                    options=Options(agenda=False, numbering=Numbering.NONE),
                    issues=("问题",), next_steps=("工作",), base_dir=tmp_path)
    path = tmp_path / "out.brief.toml"
    write_recipe(recipe, path)
    text = path.read_text(encoding="utf-8")
    assert 'dataset = "d.xlsx"' in text  # relative to the recipe's folder
    again = read_recipe(path)
    assert again.dataset_path() == recipe.dataset_path()
    assert replace(again, dataset=recipe.dataset) == recipe
    assert not list(tmp_path.glob(".xzbrief-*"))  # the temp file is gone


@pytest.mark.parametrize(("text", "expected"), [
    ('[briefing]\ntitle = "t"\ncolour = "red"\n', "briefing.colour: 未知的键"),
    ('[briefing]\ntitle = "t"\n[options]\nagendas = true\n', "options.agendas: 未知的键"),
    ('[briefing]\ntitle = "t"\n[options]\nagenda = "yes"\n', "options.agenda: 应为true 或 false"),
    ('[briefing]\ntitle = "t"\n[options]\nnumbering = "A."\n', "options.numbering: 应为 一、 / 1. / 无 之一"),
    ('[briefing]\ntitle = "t"\n[options]\nstructure = "报告"\n', "options.structure: 应为 专题 / 汇报 之一"),
    ('[briefing]\ntitle = 5\n', "briefing.title: 应为文字"),
    ('[briefing]\nsubtitle = "x"\n', "briefing.title: 缺少标题"),
    ('[briefing]\ntitle = "t"\n[[themes]]\nname = "a"\ncomparison = "同期"\n',
     "themes[1].comparison: 应为 同比、较上期、年均 或 无"),
    ('[briefing]\ntitle = "t"\n[[themes]]\nname = "a"\nfrom = "明年"\n', "themes[1].from: 期间「明年」无法识别"),
    ('[briefing]\ntitle = "t"\n[[themes]]\nname = "a"\nfilter = 1\n', "themes[1].filter: 未知的键"),
    ('[briefing]\ntitle = "t"\n[[themes]]\ntitle = "a"\n', "themes[1].name: 缺少专题名称"),
    ('[briefing]\ntitle = "t"\n[[themes]]\nname = "a"\nindicators = [1]\n',
     "themes[1].indicators: 应为文字或文字列表"),
    ('draft = true\n[briefing]\ntitle = "t"\n', "draft: 未知的键"),
])
def test_bad_keys_are_named(tmp_path: Path, text: str, expected: str) -> None:
    assert any(line.startswith(expected) for line in issues_of(write(tmp_path, text))), expected


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    lines = issues_of(write(tmp_path, '[briefing]\ntitle = "t"\nfoo = 1\n[options]\nbar = 2\n'))
    assert [line.split(":")[0] for line in lines] == ["briefing.foo", "options.bar"]


def test_english_messages(tmp_path: Path) -> None:
    with pytest.raises(RecipeError) as info:
        read_recipe(write(tmp_path, '[briefing]\ntitle = "t"\n[options]\nagenda = 1\n'))
    assert info.value.issues[0].format("en") == "options.agenda: expected true or false, got 1"


def test_file_problems(tmp_path: Path) -> None:
    assert issues_of(tmp_path / "missing.brief.toml") == ["找不到配方文件"]
    assert issues_of(write(tmp_path, "[briefing\n"))[0].startswith("TOML 格式错误")
    bad = tmp_path / "gbk.brief.toml"
    bad.write_bytes('[briefing]\ntitle = "汇报"\n'.encode("gbk"))
    assert issues_of(bad) == ["文件不是 UTF-8 编码"]


def test_a_top_level_key_written_under_a_table_says_where_it_belongs(tmp_path):
    from xzbrief.recipe import RecipeError, read_recipe

    path = tmp_path / "r.brief.toml"
    path.write_text('[briefing]\ntitle = "t"\nissues = ["一"]\n', encoding="utf-8")
    try:
        read_recipe(path)
    except RecipeError as exc:
        (issue,) = exc.issues
        assert issue.key == "briefing.issues"
        assert "「issues」是顶层的键,须写在文件开头、第一个 [表] 之前" in issue.said.text("zh")
    else:  # pragma: no cover
        raise AssertionError("accepted")


def test_blank_texts_and_an_empty_region_list_mean_none(tmp_path: Path) -> None:
    recipe = read_recipe(write(tmp_path, 'issues = ""\nnext_steps = ["  ", "加快推进。"]\n'
                               '[briefing]\ntitle = "t"\n'
                               '[[themes]]\nname = "专题"\nregions = ""\n'))
    assert recipe.issues == ()  # no empty 存在问题 page
    assert recipe.next_steps == ("加快推进。",)
    assert recipe.themes[0].regions is None  # every region, not none at all


def test_word_options_read_and_written_back(tmp_path: Path) -> None:
    from xzbrief.recipe import WordOptions

    path = write(tmp_path, '[briefing]\ntitle = "汇报"\n\n[word]\naddressee = "市政府"\n'
                 'signature = "市工信局"\nfonts = "GBK"\nline_spacing = 28\nmargin_top = 37.5\n')
    recipe = read_recipe(path)
    assert recipe.word == WordOptions(addressee="市政府", signature="市工信局", fonts="GBK",
                                      line_spacing=28.0, margin_top=37.5)
    out = tmp_path / "again.brief.toml"
    write_recipe(recipe, out)
    assert read_recipe(out).word == recipe.word
    # a recipe without [word] is written without it (older recipes read back unchanged)
    plain = tmp_path / "plain.brief.toml"
    write_recipe(replace(recipe, word=WordOptions()), plain)
    assert "[word]" not in plain.read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "expected"), [
    ('fonts = "宋体"', "word.fonts: 应为 GB2312 或 GBK"),
    ("line_spacing = 50", "word.line_spacing: 应在 20 到 40 之间,实为 50"),
    ('margin_left = "28mm"', "word.margin_left: 应为数字,实为「28mm」"),
    ('adressee = "市政府"', "word.adressee: 未知的键;是不是「addressee」?"),
])
def test_bad_word_options_name_their_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, f'[briefing]\ntitle = "汇报"\n\n[word]\n{text}\n')
    assert any(issue.startswith(expected) for issue in issues_of(path)), issues_of(path)
