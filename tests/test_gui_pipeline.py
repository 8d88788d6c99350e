"""The pipeline as the app uses it (pytest-qt, offscreen): the stale recipe the CLI refuses is
refused by 生成 with the same words and can be fixed in one click; the preview and the written
deck's notes follow the app's language. The CLI's side is in test_pipeline.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from pptx import Presentation  # noqa: E402

from briefings import noisy_briefing, stale_briefing  # noqa: E402
from gui_fixtures import TIMEOUT, generate  # noqa: E402
from test_cli_build import run  # noqa: E402
from xzbrief.gui.main_window import MainWindow  # noqa: E402
from xzbrief.gui.strings import LANGUAGE  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")


def items(lst) -> list[str]:
    return [lst.item(i).text() for i in range(lst.count())]


def open_recipe_and_wait(qtbot, win: MainWindow, recipe: Path) -> None:
    win.open_recipe(recipe)
    qtbot.waitUntil(lambda: win.session.recipe_path == recipe and win.session.deck is not None
                    and not win.runner.busy, timeout=TIMEOUT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_stale_recipe_the_cli_refuses_is_refused_by_generate_in_the_same_words(
        qtbot, window, tmp_path, lang):
    recipe = stale_briefing(tmp_path)
    cli = run("--lang", lang, "build", str(recipe), "-o", "cli.pptx", cwd=tmp_path)
    assert cli.returncode == 2
    cli_lines = [line.removeprefix(f"xzbrief: {recipe}: ") for line in cli.stderr.splitlines()]

    LANGUAGE.set(lang)
    open_recipe_and_wait(qtbot, window, recipe)
    # said before 生成, in the problems list, with the names
    errors = items(window.dataset_panel.errors)
    assert [line.strip() for line in cli_lines[:-1]] == errors[:-1]  # the same names
    assert ("从配方中移除这些名称" if lang == "zh" else "Remove these names") in errors[-1]
    out = tmp_path / "app.pptx"
    generate(qtbot, window, out)
    bar = window.generate_bar
    # the same refusal, from the same pipeline step (build_deck), with the app's own fix
    assert bar.mismatch_shown[:-1] == cli_lines[:-1]
    assert bar.status.toolTip().splitlines() == bar.mismatch_shown
    assert bar.mismatch_shown[-1] == errors[-1]
    assert not out.exists() and not (tmp_path / "cli.pptx").exists()
    # the app's own way forward: one click takes the missing names out, then 生成 works
    bar.status.linkActivated.emit("drop-missing")
    qtbot.waitUntil(lambda: not window.session.mismatch and not window.runner.busy,
                    timeout=TIMEOUT)
    assert [(t.name, t.indicators, t.regions) for t in window.session.recipe.themes] == [
        ("产业升级", ("GY01",), ("徐州市",)), ("数实融合", None, None)]
    assert window.session.dirty  # the cleaned recipe is the user's to save
    generate(qtbot, window, out)
    assert out.exists() and len(Presentation(str(out)).slides) > 3


def test_the_app_in_english_shows_planner_layout_and_brand_notes_in_english(
        qtbot, window, tmp_path):
    recipe = noisy_briefing(tmp_path)
    LANGUAGE.set("en")
    open_recipe_and_wait(qtbot, window, recipe)
    notes = [n for n in items(window.dataset_panel.warnings) if n.startswith("Deck: ")]
    assert "Deck: the 1 slide(s) in template 单位模板.pptx will not appear in the deck" in notes
    assert ("Deck: theme “产业升级”: indicator “工业投资” has no data for the chosen regions and "
            "periods; skipped") in notes
    assert any(re.fullmatch(r"Deck: slide \d+: much text: set at the smallest size, it may "
                            r"overflow the slide", n) for n in notes), notes
    for n in notes:
        assert not HAN.search(re.sub(r"“[^”]*”|\S*\.pptx", "", n)), n
    # switching language re-says them, without planning again
    LANGUAGE.set("zh")
    zh = items(window.dataset_panel.warnings)
    assert "汇报:模板 单位模板.pptx 中的 1 张幻灯片不会出现在汇报中" in zh
    LANGUAGE.set("en")
    out = tmp_path / "deck.pptx"
    generate(qtbot, window, out)
    assert out.exists()
    written = window.generate_bar.status.toolTip().splitlines()
    assert "the 1 slide(s) in template 单位模板.pptx will not appear in the deck" in written
    assert any(line.endswith("much text: set at the smallest size, it may overflow the slide")
               for line in written)
    gallery = window.settings_panel.gallery
    names = [gallery.item(i).text() for i in range(gallery.count())]
    assert {"Government red", "Tech blue", "Eco green"} <= set(names)


def test_the_app_picks_its_language_as_the_cli_does(qtbot, tmp_path, monkeypatch):
    """The saved choice, else XZBRIEF_LANG, else Chinese (one picker, messages.pick_lang)."""
    from xzbrief.gui.errors import ErrorReporter
    from xzbrief.gui.settings import AppSettings

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XZBRIEF_LANG", "en")
    reporter = ErrorReporter()
    reporter.show_dialogs = False
    try:
        first = MainWindow(settings=AppSettings(tmp_path / "new.ini"), reporter=reporter)
        qtbot.addWidget(first)
        assert LANGUAGE.code == "en" and first.menuBar().actions()[0].text() == "&File"
        saved = AppSettings(tmp_path / "saved.ini")
        saved.language = "zh"
        second = MainWindow(settings=saved, reporter=reporter)
        qtbot.addWidget(second)
        assert LANGUAGE.code == "zh"
    finally:
        LANGUAGE.set("zh")
