"""`xzbrief build` and `xzbrief templates`, run as a user runs them: a real process in a
folder of its own. Exit codes: 0 written, 1 data problems, 2 usage or file errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from realclients import needs_soffice, pdf_pages, seen
from workbooks import basic_sheets, write_workbook
from xzbrief.build import default_deck_name
from xzbrief.resources import templates_dir

SHIPPED_NAME = "徐州市“十四五”现代化产业体系建设情况汇报"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "XZBRIEF_LANG"}
    full_env.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    return subprocess.run([sys.executable, "-m", "xzbrief", *args], capture_output=True,
                          text=True, encoding="utf-8", env=full_env, cwd=cwd, timeout=240,
                          check=False)


def titles(path: Path) -> list[str]:
    return [seen(s.shapes.title.text_frame.text) for s in Presentation(str(path)).slides]


def test_no_arguments_builds_the_shipped_briefing_here(tmp_path: Path) -> None:
    done = run("build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    deck = tmp_path / f"{SHIPPED_NAME}.pptx"
    assert done.stdout.strip() == str(deck)
    assert deck.exists() and titles(deck)[0] == SHIPPED_NAME
    progress = done.stderr.splitlines()
    assert progress[0] == "[  5%] 读取工作簿 xuzhou.xlsx"
    assert "[100%] 完成" in progress
    assert progress[-1].startswith(f"xzbrief: 已生成 {len(titles(deck))} 页,用时 ")


def test_data_only_shows_every_theme_of_the_workbook(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    done = run("build", "--data", str(book), "-o", "out.pptx", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = titles(tmp_path / "out.pptx")
    assert shown[0] == "指标库情况汇报"
    assert "一、产业升级" in shown and "二、数实融合" in shown
    assert done.stderr.strip().startswith("xzbrief: 已生成")  # --quiet: no progress lines


def test_data_problems_exit_1_naming_the_cells(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["数据"][1][3] = "9000亿元"
    book = write_workbook(tmp_path / "坏.xlsx", sheets)
    done = run("build", "--data", str(book), "-o", "out.pptx", cwd=tmp_path)
    assert done.returncode == 1
    assert any("数据!D2" in line for line in done.stdout.splitlines())
    assert not (tmp_path / "out.pptx").exists()


def test_recipe_problems_exit_2_naming_the_key(tmp_path: Path) -> None:
    missing = run("build", "nope.brief.toml", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nope.brief.toml: 找不到配方文件" in missing.stderr
    bad = tmp_path / "bad.brief.toml"
    bad.write_text('[briefing]\ntitle = "t"\n[options]\nagendas = true\n', encoding="utf-8")
    done = run("build", str(bad), cwd=tmp_path)
    assert done.returncode == 2
    assert f"{bad}: options.agendas: 未知的键" in done.stderr


def test_recipe_with_its_own_dataset_and_brand(tmp_path: Path) -> None:
    write_workbook(tmp_path / "data.xlsx", basic_sheets())
    recipe = tmp_path / "月报.brief.toml"
    recipe.write_text('[briefing]\ntitle = "十一月工业运行汇报"\ndataset = "data.xlsx"\n'
                      'brand = "科技蓝"\n\n[[themes]]\nname = "数实融合"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run("build", str(recipe), "--quiet", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    deck = elsewhere / "十一月工业运行汇报.pptx"
    assert "二、产业升级" not in titles(deck) and "数实融合主要亮点" not in titles(deck)
    assert Presentation(str(deck)).slides[0].slide_layout.name == "封面"


def test_brand_path_on_the_command_line_is_read_from_the_current_folder(tmp_path: Path) -> None:
    """--brand mine.pptx is where the user typed it; a path written in a recipe stays relative
    to the recipe's folder."""
    recipes, work = tmp_path / "配方", tmp_path / "工作"
    recipes.mkdir()
    work.mkdir()
    write_workbook(recipes / "data.xlsx", basic_sheets())
    (work / "mine.pptx").write_bytes((templates_dir() / "tech_blue.pptx").read_bytes())
    (recipes / "house.pptx").write_bytes((templates_dir() / "eco_green.pptx").read_bytes())
    recipe = recipes / "月报.brief.toml"
    recipe.write_text('[briefing]\ntitle = "十一月工业运行汇报"\ndataset = "data.xlsx"\n'
                      'brand = "house.pptx"\n\n[[themes]]\nname = "数实融合"\n',
                      encoding="utf-8")
    mine = run("build", str(recipe), "--brand", "mine.pptx", "-o", "mine-deck.pptx", cwd=work)
    assert mine.returncode == 0, mine.stderr
    assert f"读取模板「{work / 'mine.pptx'}」" in mine.stderr
    assert theme_accent(work / "mine-deck.pptx") == theme_accent(work / "mine.pptx")
    house = run("build", str(recipe), "-o", "house-deck.pptx", "--quiet", cwd=work)
    assert house.returncode == 0, house.stderr
    assert theme_accent(work / "house-deck.pptx") == theme_accent(recipes / "house.pptx")
    assert theme_accent(work / "mine.pptx") != theme_accent(recipes / "house.pptx")
    missing = run("build", str(recipe), "--brand", "house.pptx", cwd=work)  # not here
    assert missing.returncode == 2 and "找不到模板「house.pptx」" in missing.stderr


def theme_accent(path: Path) -> str:
    """The first accent colour of the deck's theme: which template it was built from."""
    master = Presentation(str(path)).slide_master
    theme = master.part.part_related_by(RT.THEME).blob.decode("utf-8")
    start = theme.index("<a:accent1>")
    return theme[start:theme.index("</a:accent1>", start)]


def test_file_errors_exit_2(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    before = book.read_bytes()
    over = run("build", "--data", str(book), "-o", str(tmp_path / "指标库.xlsx"), cwd=tmp_path)
    assert over.returncode == 2 and "汇报文件须以 .pptx 结尾" in over.stderr
    assert over.stderr.rstrip().endswith(f"可另存为 {tmp_path / '指标库.pptx'}")
    (tmp_path / "folder.pptx").mkdir()  # -o a folder: the deck goes inside, named by title
    inside = run("build", "--data", str(book), "-o", "folder.pptx", "--quiet", cwd=tmp_path)
    assert inside.returncode == 0
    assert (tmp_path / "folder.pptx" / "指标库情况汇报.pptx").is_file()
    brand = run("build", "--data", str(book), "--brand", "紫色", cwd=tmp_path)
    assert brand.returncode == 2 and "找不到模板「紫色」" in brand.stderr
    gone = run("build", "--data", "missing.xlsx", cwd=tmp_path)
    assert gone.returncode == 2 and "找不到工作簿 missing.xlsx" in gone.stderr
    assert book.read_bytes() == before  # the workbook is never written


def test_never_writes_over_the_input_workbook(tmp_path: Path) -> None:
    """Even a workbook named .pptx is never the output."""
    book = write_workbook(tmp_path / "data.xlsx", basic_sheets())
    disguised = tmp_path / "data.pptx"
    disguised.write_bytes(book.read_bytes())
    done = run("build", "--data", str(disguised), "-o", str(disguised), cwd=tmp_path)
    assert done.returncode == 2
    assert "这是汇报所用的工作簿。原文件未改动;可另存为" in done.stderr
    assert done.stderr.rstrip().endswith("data(2).pptx")
    assert disguised.read_bytes() == book.read_bytes()


def test_pdf_without_libreoffice_says_so_and_keeps_the_deck(tmp_path: Path) -> None:
    done = run("build", "--pdf", "-o", "deck.pptx", "--quiet", cwd=tmp_path,
               env={"XZBRIEF_SOFFICE": str(tmp_path / "no-soffice")})
    assert done.returncode == 2
    assert "已生成 deck.pptx,但未找到 LibreOffice,无法导出 PDF" in done.stderr
    assert done.stdout.splitlines() == ["deck.pptx"]  # the deck that was written, no PDF
    assert (tmp_path / "deck.pptx").exists() and not (tmp_path / "deck.pdf").exists()



@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
@pytest.mark.parametrize(("lang", "said"), [
    ("zh", "已生成 deck.pptx,但LibreOffice 转换 PDF 失败:Error: source file could not be loaded"),
    ("en", "deck.pptx was written, but LibreOffice could not convert the deck to PDF: "
           "Error: source file could not be loaded"),
])
def test_a_failed_pdf_conversion_is_said_in_the_chosen_language_with_libreoffices_words(
        tmp_path: Path, lang: str, said: str) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    done = run("--lang", lang, "build", "--pdf", "-o", "deck.pptx", "--quiet", cwd=tmp_path,
               env={"XZBRIEF_SOFFICE": str(fake)})
    assert done.returncode == 2
    assert said in done.stderr
    assert (tmp_path / "deck.pptx").exists() and not (tmp_path / "deck.pdf").exists()

def test_english_messages(tmp_path: Path) -> None:
    done = run("--lang", "en", "build", "--pdf", "-o", "deck.pptx", "--quiet", cwd=tmp_path,
               env={"XZBRIEF_SOFFICE": str(tmp_path / "no-soffice")})
    assert "deck.pptx was written, but LibreOffice was not found" in done.stderr
    assert done.returncode == 2


def test_help_and_progress_follow_the_language(tmp_path: Path) -> None:
    """--lang en (before or after the subcommand, or XZBRIEF_LANG) gives English help and
    progress lines; Chinese is the default, argparse's own words included."""
    han = re.compile(r"[\u4e00-\u9fff]")
    zh = run("build", "--help", cwd=tmp_path)
    assert zh.returncode == 0
    assert zh.stdout.startswith("用法: xzbrief build")
    assert "品牌模板:政务红、科技蓝、生态绿" in zh.stdout and "显示本帮助并退出" in zh.stdout
    for args, env in ((("--lang", "en", "build", "--help"), None),
                      (("build", "--help", "--lang=en"), None),
                      (("build", "--help"), {"XZBRIEF_LANG": "en"})):
        en = run(*args, cwd=tmp_path, env=env)
        assert en.returncode == 0
        assert en.stdout.startswith("usage: xzbrief build")
        words = " ".join(en.stdout.split())
        assert "--brand BRAND brand: gov-red / tech-blue / eco-green (Government red," in words
        assert "relative to the current folder" in words
        assert set(han.findall(en.stdout)) <= set("公文更新")  # the brand names are English
    for command in (("--help",), ("dataset", "check", "--help"), ("diff", "--help"),
                    ("refresh", "--help"), ("templates", "--help")):
        en = run("--lang", "en", *command, cwd=tmp_path)
        assert en.returncode == 0, en.stderr
        assert set(han.findall(en.stdout)) <= set("公文更新名称"), en.stdout
        assert han.search(run(*command, cwd=tmp_path).stdout)  # and Chinese by default
    built = run("--lang", "en", "build", "-o", "deck.pptx", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    progress = built.stderr.splitlines()
    assert progress[0] == "[  5%] reading workbook xuzhou.xlsx"
    assert "[ 45%] planning slides" in progress and "[100%] done" in progress
    assert progress[-1].startswith("xzbrief: ") and " slides written in " in progress[-1]


@pytest.mark.libreoffice
@needs_soffice
def test_pdf_has_one_page_per_slide(tmp_path: Path) -> None:
    done = run("build", "--pdf", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    deck, pdf = tmp_path / f"{SHIPPED_NAME}.pptx", tmp_path / f"{SHIPPED_NAME}.pdf"
    assert done.stdout.splitlines() == [str(deck), str(pdf)]
    assert pdf_pages(pdf) == len(titles(deck))


def test_templates_lists_brands_and_layout_names(tmp_path: Path) -> None:
    done = run("templates", cwd=tmp_path)
    assert done.returncode == 0
    for line in ("内置品牌模板:", "  政务红:红色主色、金色点缀,适合向领导汇报",
                 "  content: 内容 / 仅标题 / Title Only / 标题和内容 / Title and Content"):
        assert any(out.startswith(line) for out in done.stdout.splitlines()), line


@pytest.mark.parametrize(("title", "name"), [
    ("徐州市“十四五”汇报", "徐州市“十四五”汇报"), ('a/b:c*"d"', "abcd"), ("  ", "汇报"),
    ("x" * 100, "x" * 80)])
def test_file_names_from_titles(title: str, name: str) -> None:
    assert default_deck_name(title) == name + ".pptx"


def test_names_the_workbook_does_not_have_stop_the_build(tmp_path: Path) -> None:
    write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    recipe = tmp_path / "月报.brief.toml"
    recipe.write_text('[briefing]\ntitle = "月报"\ndataset = "指标库.xlsx"\n'
                      '[[themes]]\nname = "数实融"\nindicators = ["SZ1"]\nregions = ["徐州"]\n',
                      encoding="utf-8")
    done = run("build", str(recipe), "-o", str(tmp_path / "d.pptx"), cwd=tmp_path)
    assert done.returncode == 2
    assert "themes[1].name: 专题「数实融」不在工作簿中;是不是「数实融合」?" in done.stderr
    assert "themes[1].indicators: 指标编码「SZ1」不在工作簿中;是不是「SZ01」?" in done.stderr
    assert "themes[1].regions: 地区「徐州」不在工作簿中;是不是「徐州市」?" in done.stderr
    assert not (tmp_path / "d.pptx").exists()


def test_lang_after_the_subcommand_and_a_bad_xzbrief_lang(tmp_path: Path) -> None:
    after = run("build", "--lang", "en", "--pdf", "-o", "deck.pptx", "--quiet", cwd=tmp_path,
                env={"XZBRIEF_SOFFICE": str(tmp_path / "no-soffice")})
    assert after.returncode == 2 and "deck.pptx was written, but LibreOffice" in after.stderr
    odd = run("templates", cwd=tmp_path, env={"XZBRIEF_LANG": "fr"})
    assert odd.returncode == 0  # not an internal error (exit 3)
    assert "XZBRIEF_LANG=fr 不是可用的语言(zh、en),使用 zh" in odd.stderr
    assert odd.stdout.startswith("内置品牌模板:")


def test_docx_flag_writes_the_document_beside_the_deck(tmp_path: Path) -> None:
    import docx

    done = run("build", "--docx", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    deck, document = tmp_path / f"{SHIPPED_NAME}.pptx", tmp_path / f"{SHIPPED_NAME}.docx"
    assert done.stdout.split() == [str(deck), str(document)]
    assert deck.exists() and document.exists()
    assert "及汇报材料" in done.stderr.splitlines()[-1]
    paragraphs = [p.text for p in docx.Document(str(document)).paragraphs]
    assert paragraphs[0] == "徐州市“十四五”现代化\n产业体系建设情况汇报"
    assert not list(tmp_path.glob(".xzbrief-*"))  # no temp file left behind


def test_output_named_docx_writes_only_the_document(tmp_path: Path) -> None:
    done = run("build", "-o", "简报.docx", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "简报.docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["简报.docx"]
    assert "已生成汇报材料" in done.stderr


def test_both_formats_named_in_one_run(tmp_path: Path) -> None:
    done = run("build", "-o", "a.pptx", "-o", "b.docx", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pptx", "a.核对.xlsx", "b.docx"]
    two = run("build", "-o", "a.pptx", "-o", "c.pptx", cwd=tmp_path)
    assert two.returncode == 2
    assert "-o 最多给一个 .pptx 和一个 .docx" in two.stderr


@needs_soffice
@pytest.mark.libreoffice
def test_the_document_alone_with_its_pdf(tmp_path: Path) -> None:
    done = run("build", "-o", "文档.docx", "--pdf", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["文档.docx", "文档.pdf"]
    assert pdf_pages(tmp_path / "文档.pdf") >= 5
