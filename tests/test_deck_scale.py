"""A deck's cost is linear in its size, and a very long deck is said before it is written.

No timing here (bench/bench_scale.py prints 40 / 400 / 1,600 slides side by side); what is
checked is the cause of the old O(N^2): python-pptx walked the whole package to name every
chart, embedded workbook and notes slide. The walk now happens a fixed number of times,
whatever the deck's length, and the names it gives are still unique and in order."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.package import OpcPackage

from workbooks import basic_sheets, write_workbook
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.model import Deck
from xzbrief.deck.planner import plan_deck
from xzbrief.recipe import Recipe
from xzbrief.render.brand import load_brand
from xzbrief.render.pptx_writer import render_pptx


def deck_of(tmp_path: Path, times: int) -> Deck:
    dataset = load_dataset(write_workbook(tmp_path / "book.xlsx", basic_sheets())).dataset
    assert dataset is not None
    deck = plan_deck(dataset, Recipe(title="规模测试"))
    return replace(deck, slides=deck.slides[:1] + deck.slides[1:] * times)


def test_the_package_is_walked_the_same_number_of_times_for_any_length(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walks = []
    original = OpcPackage.iter_parts

    def counted(self: OpcPackage):  # type: ignore[no-untyped-def]
        walks.append(1)
        return original(self)

    monkeypatch.setattr(OpcPackage, "iter_parts", counted)
    brand = load_brand("政务红")
    counts = {}
    for times in (1, 8):
        walks.clear()
        deck = deck_of(tmp_path, times)
        data, _ = render_pptx(deck, brand)
        counts[len(deck.slides)] = len(walks)
        (tmp_path / f"{times}.pptx").write_bytes(data)
    small, large = sorted(counts)
    assert large > 6 * small
    assert counts[small] == counts[large], counts  # was one walk per chart, workbook, notes
    with zipfile.ZipFile(tmp_path / "8.pptx") as z:
        names = z.namelist()
    charts = sorted(int(m[1]) for n in names if (m := re.fullmatch(r"ppt/charts/chart(\d+)\.xml", n)))
    notes = sorted(int(m[1]) for n in names
                   if (m := re.fullmatch(r"ppt/notesSlides/notesSlide(\d+)\.xml", n)))
    sheets = [n for n in names if n.startswith("ppt/embeddings/")]
    assert charts == list(range(1, len(charts) + 1)) and len(charts) >= 8
    assert notes == list(range(1, len(notes) + 1)) and len(sheets) == len(charts)
    assert len(Presentation(str(tmp_path / "8.pptx")).slides) == large


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xzbrief", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=240, check=False,
                          env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin",
                               "XZBRIEF_LANG": "zh"})


def test_a_deck_over_max_slides_is_said_first_and_not_written(tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "指标库.xlsx", basic_sheets())
    done = run("build", "--data", str(book), "-o", "out.pptx", "--max-slides", "5", cwd=tmp_path)
    assert done.returncode == 2
    said = done.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"xzbrief: 汇报将有 (\d+) 页,超过上限 5 页,未生成。请在配方中缩小专题或期间范围;"
                        r"确需生成时加上 --max-slides \1", said), said
    assert not (tmp_path / "out.pptx").exists()
    pages = re.search(r"汇报将有 (\d+) 页", said)[1]  # type: ignore[index]
    done = run("build", "--data", str(book), "-o", "out.pptx", "--max-slides", pages,
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    progress = [ln for ln in done.stderr.splitlines() if "页" in ln and ln.startswith("[")]
    assert progress[-1].endswith(f"第 {pages}/{pages} 页")  # one line per slide written
    assert len([ln for ln in progress if "/" in ln]) == int(pages)
