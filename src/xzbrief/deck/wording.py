"""Numbers as Chinese government briefings write them.

``9000亿元左右``, ``约9%``, ``150余项``, ``超300亿元``; growth as 同比增长 / 下降 / 持平, rates as
提高 / 下降 X 个百分点, one decimal for rates, levels with the decimals the source has.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from xzbrief.dataset.model import QUALIFIERS_BEFORE
from xzbrief.dataset.numbers import plain_number


def format_number(value: float, decimals: int | None = None) -> str:
    """As Excel shows the stored value (15 significant digits, nothing invented), or rounded
    half-up (四舍五入) to ``decimals``; no thousands separators (briefings write 9000亿元)."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    if decimals is None:
        return plain_number(value)
    text = format(exact(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP),
                  "f")
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    return text


def exact(value: float) -> Decimal:
    """A workbook number as the decimal Excel shows (15 significant digits), for arithmetic
    that rounds half-up the way a person checking by hand would."""
    return Decimal(f"{value:.15g}")


def rounded(value: Decimal, decimals: int = 1) -> float:
    """Half-up (四舍五入) to ``decimals``, as the float the deck model stores."""
    return float(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def format_rate(value: float) -> str:
    """A growth rate or change, one decimal (9.6, −3.2)."""
    return format_number(value, 1)


def format_figure(value: float, unit: str, qualifier: str = "",
                  decimals: int | None = None) -> str:
    """A level with its unit and the source's own approximation word."""
    return "".join(split_figure(value, unit, qualifier, decimals))


def split_figure(value: float, unit: str, qualifier: str = "",
                 decimals: int | None = None) -> tuple[str, str, str]:
    """(before, number, after) for a key-figure card: the number big, the rest at half size."""
    number = format_number(value, decimals)
    if qualifier == "余":
        return "", number, f"余{unit}"
    if qualifier in QUALIFIERS_BEFORE:
        return qualifier, number, unit
    return "", number, f"{unit}{qualifier}"


def flat_phrase(prefix: str) -> str:
    """No change at one decimal: 与上年持平 (同比), 与2020年持平 (较2020年), 环比持平."""
    if prefix in ("同比", "比上年"):
        return "与上年持平"
    if prefix.startswith(("较", "比")):
        return f"与{prefix[1:]}持平"
    return f"{prefix}持平"


def growth_phrase(pct: float, prefix: str = "同比", approx: bool = False) -> str:
    """同比增长9.6% / 同比下降3.2% / 与上年持平 — ``pct`` is the change in percent, shown
    with one decimal rounded half-up; what rounds to 0.0 reads as 持平. ``approx`` (the value is
    itself approximate, 9000亿元左右) says 增长约9.8%."""
    if rounded(exact(abs(pct))) == 0:
        return flat_phrase(prefix)
    word = ("增长" if pct > 0 else "下降") + ("约" if approx else "")
    return f"{prefix}{word}{format_rate(abs(pct))}%"


def points_word(unit: str) -> str:
    """What a rate changes by: 个百分点 for %, 个千分点 for ‰ (出生率 5‰ -> 6‰ is 1个千分点)."""
    return "个千分点" if unit.strip() == "‰" else "个百分点"


def points_phrase(diff: float, prefix: str = "", approx: bool = False,
                  unit: str = "%") -> str:
    """A change of a rate or share: 提高1.3个百分点 / 下降0.5个千分点 / 持平; ``diff`` is
    in the rate's own unit."""
    if rounded(exact(abs(diff))) == 0:
        return flat_phrase(prefix) if prefix else "持平"
    word = ("提高" if diff > 0 else "下降") + ("约" if approx else "")
    return f"{prefix}{word}{format_rate(abs(diff))}{points_word(unit)}"


def multiple_phrase(ratio: float, prefix: str = "") -> str | None:
    """翻番 (about 2x), 翻两番 (about 4x) or 增长X倍 (X = ratio − 1, one decimal, 「增长2倍」
    for 3x) when a value has at least doubled; None otherwise."""
    # 翻番 only when it has doubled (to one decimal of growth, 100.0%–104.9%): 1.97 times is
    # 增长97.0%, never rounded up into a doubling
    if 1.9995 <= ratio < 2.05:
        return f"{prefix}翻番" if prefix else "实现翻番"
    if 3.9995 <= ratio < 4.05:
        return f"{prefix}翻两番" if prefix else "实现翻两番"
    if ratio >= 2.05:
        times = format_rate(ratio - 1).removesuffix(".0")
        return f"{prefix}增长{times}倍"
    return None


CN_NUMERALS = "零一二三四五六七八九十"


def chinese_count(n: int) -> str:
    """1..99 in Chinese numerals (三个千亿级台阶, 第十二)."""
    if not 0 <= n < 100:
        return str(n)
    if n <= 10:
        return CN_NUMERALS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_NUMERALS[tens]
    return f"{head}十{CN_NUMERALS[ones] if ones else ''}"


def heading_number(level: int, index: int, style: str = "一、") -> str:
    """Section numbering 一、 (一) 1. (1) by depth; ``style`` '1.' uses 1. then (1); '无' none."""
    if style == "无":
        return ""
    if style == "1.":  # the next level down is （1）, never a second 1.
        return f"{index}." if level == 1 else f"\uff08{index}\uff09"
    match level:
        case 1:
            return f"{chinese_count(index)}、"
        case 2:  # full-width brackets, as 公文 write them
            return f"\uff08{chinese_count(index)}\uff09"
        case 3:
            return f"{index}."
        case _:
            return f"\uff08{index}\uff09"
