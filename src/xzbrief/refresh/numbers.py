"""Numbers quoted in a sentence, in any of the forms people type them (亿/万, decimals, full- or
half-width digits, thousands separators), as plain values — so a sentence the user wrote can be
checked for a figure that is about to change."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

from xzbrief.deck.nobreak import plain

_NUM = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万亿|亿|万|千)?")
_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_DATE_AFTER = "年月日号时季—-~至"


def quoted_numbers(text: str) -> list[float]:
    """Every number in ``text`` as a value (「0.9万亿」 = 9e11 = 「9000亿」); dates (2025年,
    10月) and single digits are left out — they are too common to mean a figure."""
    norm = plain(unicodedata.normalize("NFKC", text)).replace("\u2212", "-")  # joiners out
    out = []
    for m in _NUM.finditer(norm):
        digits, frac, unit = m[1].replace(",", ""), m[2] or "", m[3] or ""
        after = norm[m.end():m.end() + 1]
        if not unit and not frac and after and after in _DATE_AFTER:
            continue
        value = float(digits + frac)
        if not frac and not unit and value < 10:
            continue
        out.append(value * _SCALE.get(unit, 1.0))
    return out


def quotes_any(text: str, values: Iterable[float]) -> list[float]:
    """The values of ``values`` that ``text`` quotes."""
    found = quoted_numbers(text)
    return [v for v in values
            if any(math.isclose(v, f, rel_tol=1e-9, abs_tol=1e-12) for f in found)]


def dropped_numbers(old: str, new: str) -> set[float]:
    """Numbers the old text quoted that the new text no longer does."""
    new_values = quoted_numbers(new)
    return {v for v in quoted_numbers(old)
            if not any(math.isclose(v, n, rel_tol=1e-9) for n in new_values)}
