"""Cost per slide as decks grow: 40, 400 and 1,600 slides side by side (prints, never asserts).

Issue 12: building an N-slide deck must cost O(N). python-pptx names every new part (chart,
embedded workbook, notes slide) by walking the whole package, and numbers slides by scanning
the slide list, so a deck written slide by slide costs O(N^2); render/part_names.py keeps the
names in a counter instead. Target: the per-slide time at 1,600 slides within 1.5x of that at 40.

    python bench/bench_scale.py                 # 40 / 400 / 1,600 slides
    python bench/bench_scale.py --sizes 40 400  # fewer
    python bench/bench_scale.py --stock         # also python-pptx's own part naming, for contrast
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_deck import synthetic_deck  # noqa: E402
from machine import machine  # noqa: E402
from xzbrief.deck.model import Deck, SlideKind  # noqa: E402
from xzbrief.render import part_names  # noqa: E402
from xzbrief.render.brand import load_brand  # noqa: E402
from xzbrief.render.pptx_writer import render_pptx  # noqa: E402


def deck_of(n: int) -> Deck:
    """The 40-slide synthetic deck with its body repeated to ``n`` slides (same mix: charts,
    key figures, tables), cover first and closing last."""
    base = synthetic_deck()
    body = [s for s in base.slides if s.kind not in (SlideKind.COVER, SlideKind.CLOSING)]
    slides = [base.slides[0]]
    while len(slides) < n - 1:
        slides.append(body[(len(slides) - 1) % len(body)])
    slides.append(base.slides[-1])
    return replace(base, slides=tuple(slides))


def per_slide(deck: Deck, brand: object) -> tuple[float, int]:
    start = time.perf_counter()
    data, _ = render_pptx(deck, brand)  # type: ignore[arg-type]
    return (time.perf_counter() - start) / len(deck.slides), len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 400, 1600])
    parser.add_argument("--stock", action="store_true",
                        help="also time python-pptx's own part naming (slow at 1,600)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    brand = load_brand("政务红")
    render_pptx(deck_of(40), brand)  # warm-up: imports, template
    modes = [("xzbrief", True)] + ([("python-pptx stock naming", False)] if args.stock else [])
    for label, fast in modes:
        part_names.ENABLED = fast
        first = None
        cells = []
        for n in args.sizes:
            t, size = per_slide(deck_of(n), brand)
            first = first or t
            cells.append(f"{n:>5} slides: {t * 1000:6.1f} ms/slide ({t * n:6.1f} s, "
                         f"{size / 1e6:5.1f} MB, {t / first:4.2f}x)")
        print(f"{label}:")
        for cell in cells:
            print(f"  {cell}")
    part_names.ENABLED = True
    print("target: per-slide time at 1,600 within 1.5x of that at 40 (issue 12 measured "
          "6 ms at 40, 37 ms at 861, 62 ms at 1,719 slides before)")


if __name__ == "__main__":
    main()
