"""Cell addresses: the language every problem message speaks (``D17``, ``A1:D1``)."""

from __future__ import annotations

import re
from functools import lru_cache

_RE_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")


@lru_cache(maxsize=4096)
def column_letter(col: int) -> str:
    """0-based column index to Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """0-based row and column to an address like ``D17``."""
    return f"{column_letter(col)}{row + 1}"


def parse_cell(ref: str) -> tuple[int, int]:
    """An address like ``D17`` to 0-based (row, col)."""
    m = _RE_CELL.match(ref.upper())
    if not m:
        raise ValueError(f"not a cell address: {ref!r}")
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]) - 1, col - 1


def range_name(r1: int, c1: int, r2: int, c2: int) -> str:
    return f"{cell_name(r1, c1)}:{cell_name(r2, c2)}"
