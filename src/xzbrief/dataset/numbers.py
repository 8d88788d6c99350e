"""One strict reader for numbers typed into cells.

Numeric cells are taken as they are. Text that is clearly a number (``'9,000'``, full-width
``'９０００'``, Unicode minus ``'−12'``, ``'5.3%'`` when the unit is %) is accepted, and the caller
warns the user that it was stored as text. Everything else — ``'nan'``, ``'inf'``, ``'1_000'``,
``'9000亿元'``, error values such as ``#N/A``, and numbers of 10^15 or more (``MAX_ABS``) — is
refused with the reason.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_MINUS = "\u2212\u2012\u2013\u2014\ufe63\uff0d"
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
EXCEL_ERRORS = frozenset(
    {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
     "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!", "#PYTHON!"}
)
_UNIT_TAIL = re.compile(r"^([+-]?[\d.,]+)\s*([^\d\s.,+-].*)$")


_QUALIFIED = re.compile(r"^(?P<before>约|超过|超|突破|近|不足|逾)?[+-]?[\d.,]+"
                        r"(?P<after>左右|以上|余)?$")


class NumberError(ValueError):
    """The cell does not hold a usable number; ``code`` names the message in the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    from_text: bool  # the cell held text that we read as a number: warn the user


# Beyond this a number is no statistic a deck can show: Excel keeps 15 significant digits, and
# the deck's formatting (Decimal quantize to the indicator's decimals) stops working near 1e28.
MAX_ABS = 1e15


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise NumberError("value-nonfinite")
    if not -MAX_ABS < value < MAX_ABS:
        raise NumberError("value-too-large", value=f"{value:.6g}")
    return value


def parse_number(raw: object, unit: str = "") -> ParsedNumber | None:
    """None for an empty cell (a gap, never 0); raises NumberError for anything unusable."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NumberError("value-bool")
    if isinstance(raw, int | float):
        return ParsedNumber(_finite(float(raw)), from_text=False)
    if not isinstance(raw, str):
        raise NumberError("value-type", raw=raw)
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return None
    if text.upper() in EXCEL_ERRORS:
        raise NumberError("value-excel-error", error=text)
    for ch in _MINUS:
        text = text.replace(ch, "-")
    text = text.replace(" ", "").replace("\u00a0", "")
    percent = text.endswith("%")
    if percent:
        if unit.strip() != "%":
            raise NumberError("value-percent-unit", raw=raw, unit=unit or "(空)")
        text = text[:-1]
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        if (m := _QUALIFIED.match(text)) and (m["before"] or m["after"]):
            # 约9000, 超300, 150余, 9000左右: the word belongs in the 限定 column
            raise NumberError("value-qualified", raw=raw, word=m["before"] or m["after"])
        if (m := _UNIT_TAIL.match(text)) and not any(ch.isdigit() for ch in m[2]):
            raise NumberError("value-with-text", raw=raw, text=m[2])
        raise NumberError("value-not-number", raw=raw)
    try:
        value = float(Decimal(text))
    except (InvalidOperation, OverflowError) as exc:  # pragma: no cover - regex guards this
        raise NumberError("value-not-number", raw=raw) from exc
    return ParsedNumber(_finite(value), from_text=True)


def plain_number(value: float) -> str:
    """A number as Excel shows what it stores: 15 significant digits, no trailing zeros, no
    exponent, no thousands separators (9000, 2.45, 0.3 for 0.1 + 0.2)."""
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def decimals_of(value: float) -> int:
    """How many decimals the workbook's number has (2.45 -> 2, 9000 -> 0)."""
    text = plain_number(value)
    return len(text.split(".")[1]) if "." in text else 0
