"""New part names by counter, so that writing an N-slide deck costs O(N).

python-pptx names every new part (a chart, its embedded workbook, a notes slide) with
``Package.next_partname``, which walks the whole package graph each time: a deck written slide
by slide then costs O(N^2) (issue 12 measured 6 ms per slide at 40 slides, 62 ms at 1,719).
Here the package's names are read once and the next free number kept per template; the
instance attribute shadows the method for this one presentation only.
"""

from __future__ import annotations

from typing import Any

from pptx.opc.packuri import PackURI

ENABLED = True  # bench/bench_scale.py switches it off to show python-pptx's own cost


class PartNames:
    """``next_partname`` for one package: the names in use, read once, and a counter each."""

    def __init__(self, package: Any) -> None:
        self.used = {str(part.partname) for part in package.iter_parts()}
        self.next: dict[str, int] = {}

    def __call__(self, tmpl: str) -> PackURI:
        n = self.next.get(tmpl, 1)
        while tmpl % n in self.used:
            n += 1
        name = tmpl % n
        self.used.add(name)  # python-pptx makes the part under this name at once
        self.next[tmpl] = n + 1
        return PackURI(name)


def name_parts_by_counter(prs: Any) -> None:
    """Install the counter on ``prs``'s package (before any part is added)."""
    if ENABLED:
        package = prs.part.package
        package.next_partname = PartNames(package)
