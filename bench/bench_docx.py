"""Speed of the Word 汇报材料 beside its deck: prints figures, never asserts.

Target (issue 13): the shipped briefing's document in < 1 s beside its deck. Also the
every-kind test workbook (7 native charts, tables, the 附件), and a 40-slide synthetic deck with
25 charts (the deck benchmark's), rendered to both formats.

    python bench/bench_docx.py              # median of 5 runs each
    python bench/bench_docx.py --runs 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_deck import synthetic_deck, timed  # noqa: E402
from machine import machine  # noqa: E402
from realclients import every_kind_deck  # noqa: E402
from xzbrief.build import build_deck  # noqa: E402
from xzbrief.dataset.loader import load_dataset  # noqa: E402
from xzbrief.deck.planner import plan_deck  # noqa: E402
from xzbrief.recipe import read_recipe  # noqa: E402
from xzbrief.render.brand import load_brand  # noqa: E402
from xzbrief.render.docx_writer import render_docx, settings_for  # noqa: E402
from xzbrief.render.pptx_writer import render_pptx  # noqa: E402
from xzbrief.resources import shipped_dataset, shipped_recipe  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"machine: {machine()}")
    recipe = read_recipe(shipped_recipe())
    result = load_dataset(shipped_dataset())
    assert result.dataset is not None
    brand = load_brand(recipe.brand)
    settings = settings_for(recipe, brand)
    deck = plan_deck(result.dataset, recipe)
    t_docx = timed(lambda: render_docx(deck, settings), runs)
    t_pptx = timed(lambda: render_pptx(deck, brand), runs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pptx"
        t_deck = timed(lambda: build_deck(recipe, shipped_dataset(), out), runs)
        t_both = timed(lambda: build_deck(recipe, shipped_dataset(), out,
                                          docx=out.with_suffix(".docx")), runs)
        every = every_kind_deck(Path(tmp))
    charts = sum(s.chart is not None for s in every.slides)
    t_every = timed(lambda: render_docx(every, settings), runs)
    synthetic = synthetic_deck()
    many = sum(s.chart is not None for s in synthetic.slides)
    t_synth = timed(lambda: render_docx(synthetic, settings), runs)
    print(f"shipped briefing ({len(deck.slides)} slides): document render {t_docx:.3f} s "
          f"(target < 1 s); deck render {t_pptx:.3f} s; build_deck deck only {t_deck:.3f} s, "
          f"deck + document {t_both:.3f} s (document adds {t_both - t_deck:.3f} s)")
    print(f"every-kind workbook ({len(every.slides)} slides, {charts} charts): document "
          f"{t_every:.3f} s")
    print(f"synthetic deck ({len(synthetic.slides)} slides, {many} charts): document "
          f"{t_synth:.3f} s")


if __name__ == "__main__":
    main()
