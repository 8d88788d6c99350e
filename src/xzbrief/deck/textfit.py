"""Measure and wrap Chinese text without a font engine, so the planner can keep every text
inside its box (python-pptx's autofit flags do nothing until PowerPoint edits the text).

Widths are in em: CJK characters and full-width punctuation 1.0, Latin by rough Arial / 微软雅黑
metrics. Estimates err wide, so text measured to fit does fit in PowerPoint and in LibreOffice
with Noto Sans CJK.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

SAFETY = 1.06  # measured widths are scaled up by this much
AUTOSPACE = 0.25  # em PowerPoint and LibreOffice add where CJK meets Latin or digits
# Punctuation that may not start a line (避头) or end one (避尾).
NO_LINE_START = set(",。、;:?!)」』》】〕”’%‰·…—,.;:?!)]}")
NO_LINE_END = set("(「『《【〔“‘([{")
_LATIN_RUN = re.compile(r"[A-Za-z0-9.+\-−/%‰:_]+")
UNIT_CHARS = set("亿万千百元个家项类座人吨倍年月")  # stays on the line of the number before it


@lru_cache(maxsize=4096)
def char_em(ch: str) -> float:
    if ch in "\n\r":
        return 0.0
    if _is_wide(ch):
        return 1.0
    if ch == " ":
        return 0.28
    if ch.isdigit():
        return 0.62  # Arial 0.556; DejaVu Sans (LibreOffice's fallback) 0.636
    if ch in "%‰":
        return 0.9
    if ch in ".,:;!|'il":
        return 0.28
    if ch in "()[]-“”‘’":
        return 0.36 if ch in "()[]-" else 0.5
    if ch.isupper() or ch in "mwMW":
        return 0.72
    if ch.isalpha():
        return 0.55
    if ch in "—…":
        return 1.0
    return 0.6


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width in points of ``text`` on one line at ``size_pt``, with the space renderers put
    between Chinese and Latin text (autospace). Bold widens Latin letters and digits."""
    latin_scale = 1.09 if bold else 1.0
    em = sum(char_em(c) * (1.0 if _is_wide(c) else latin_scale) for c in text)
    for a, b in pairwise(text):
        if a.isalnum() and b.isalnum() and _is_wide(a) != _is_wide(b):
            em += AUTOSPACE
    return em * size_pt * SAFETY


def _tokens(text: str) -> list[str]:
    """Units that stay together: a Latin/number run, or one CJK character, with 避头/避尾
    punctuation glued to its neighbour."""
    raw: list[str] = []
    i = 0
    while i < len(text):
        m = _LATIN_RUN.match(text, i)
        if m:
            raw.append(m.group())
            i = m.end()
        else:
            raw.append(text[i])
            i += 1
    out: list[str] = []
    glue_next = False
    for tok in raw:
        after_number = bool(out) and tok[0] in UNIT_CHARS and _ends_with_number(out[-1])
        if out and (glue_next or after_number or tok[0] in NO_LINE_START):
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = tok[-1] in NO_LINE_END
    return out


def _ends_with_number(token: str) -> bool:
    """'9000' or '9000亿': a number possibly followed by unit characters already."""
    stripped = token.rstrip("".join(UNIT_CHARS))
    return bool(stripped) and stripped[-1].isdigit()


def wrap(text: str, size_pt: float, width_pt: float) -> list[str]:
    """Greedy line breaking; explicit newlines are kept. A token wider than the line is split
    by character (never dropped)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in _tokens(para):
            candidate = line + tok
            if not line or text_width(candidate.rstrip(), size_pt) <= width_pt:
                line = candidate
                if text_width(line.rstrip(), size_pt) > width_pt and len(line) > 1:
                    # a single token wider than the line: split by character
                    head = ""
                    for ch in line:
                        if head and text_width(head + ch, size_pt) > width_pt:
                            lines.append(head)
                            head = ""
                        head += ch
                    line = head
                continue
            lines.append(line.rstrip())
            line = tok.lstrip()
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Fit:
    size: float  # font size in points
    lines: tuple[str, ...]
    fits: bool  # False: even at the smallest size the text is too big for the box

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def line_height(size_pt: float, spacing: float = 1.2) -> float:
    return size_pt * spacing


def fit_text(text: str, width_pt: float, height_pt: float, max_size: float, min_size: float,
             spacing: float = 1.2, max_lines: int | None = None, step: float = 1.0) -> Fit:
    """The largest size in [min_size, max_size] at which the wrapped text fits the box."""
    size = max_size
    while True:
        lines = wrap(text, size, width_pt)
        ok = len(lines) * line_height(size, spacing) <= height_pt + 0.01
        if max_lines is not None:
            ok = ok and len(lines) <= max_lines
        if ok or size - step < min_size - 1e-9:
            return Fit(size, tuple(lines), ok)
        size -= step


def fits_one_line(text: str, width_pt: float, size_pt: float, bold: bool = True) -> bool:
    return text_width(text, size_pt, bold) <= width_pt


def balanced_wrap(text: str, size_pt: float, width_pt: float) -> list[str]:
    """Wrap into as few lines as ``wrap`` would, but with lines of similar length (no
    one-character orphan on a title's last line)."""
    lines = wrap(text, size_pt, width_pt)
    if len(lines) < 2:
        return lines
    lo, hi = width_pt / len(lines), width_pt
    best = lines
    for _ in range(12):
        mid = (lo + hi) / 2
        trial = wrap(text, size_pt, mid)
        if len(trial) <= len(lines):
            best, hi = trial, mid
        else:
            lo = mid
    return best


def fit_title(text: str, width_pt: float, height_pt: float, max_size: float, min_size: float,
              spacing: float = 1.1, bold: bool = True) -> Fit:
    """One line if it fits at any size down to ``min_size``; else balanced lines."""
    size = max_size
    while size >= min_size - 1e-9:
        if text_width(text, size, bold) <= width_pt and size * spacing <= height_pt + 0.5:
            return Fit(size, (text,), True)
        size -= 1
    size = max_size
    while True:
        lines = balanced_wrap(text, size, width_pt)
        if len(lines) * size * spacing <= height_pt + 0.5 or size - 1 < min_size * 0.8:
            ok = len(lines) * size * spacing <= height_pt + 0.5
            return Fit(size, tuple(lines), ok)
        size -= 1
