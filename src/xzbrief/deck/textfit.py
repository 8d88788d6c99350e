"""Measure and wrap Chinese text without a font engine, so the planner can keep every text
inside its box (python-pptx's autofit flags do nothing until PowerPoint edits the text).

Widths are in em: CJK characters and full-width punctuation 1.0, Latin by rough Arial / 微软雅黑
metrics. Estimates err wide, so text measured to fit does fit in PowerPoint and in LibreOffice
with Noto Sans CJK.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from xzbrief.deck.nobreak import WJ
from xzbrief.deck.typeset import typeset

SAFETY = 1.06  # measured widths are scaled up by this much
AUTOSPACE = 0.25  # em PowerPoint and LibreOffice add where CJK meets Latin or digits
# Punctuation that may not start a line (避头) or end one (避尾).
NO_LINE_START = set("\uff0c。、\uff1b\uff1a\uff1f\uff01\uff09」』》】〕”’%‰·…—,.;:?!)]}")
NO_LINE_END = set("\uff08「『《【〔“‘([{")
_LATIN_RUN = re.compile(r"[A-Za-z0-9.+\-−/%‰:_]+")
UNIT_CHARS = set("亿万千百元个家项类座人吨倍年月")  # stays on the line of the number before it


@lru_cache(maxsize=4096)
def char_em(ch: str) -> float:
    if ch in "\n\r" or ch == WJ:
        return 0.0
    if _is_wide(ch):
        return 1.0
    # Latin by DejaVu Sans, LibreOffice's stand-in for Arial on Linux (wider than Arial)
    if ch == " ":
        return 0.32
    if ch.isdigit():
        return 0.64  # Arial 0.556; DejaVu Sans 0.636
    if ch in "%‰":
        return 0.95
    if ch in ".,:;|'il":
        return 0.34
    if ch in "@#+<=>^~&":
        return 1.0 if ch == "@" else 0.84
    if ch in "!()[]-":
        return 0.4
    if ch in "“”‘’▲▼":
        # ambiguous-width: the East-Asian font of the run draws them full width (LibreOffice
        # drew 「“十四五”以来年均增速」 7.5 pt wider at 12 pt than half-width quotes allowed)
        return 1.0
    if ch in "mwMW":
        return 1.0
    if ch.isupper():
        return 0.76
    if ch.isalpha():
        return 0.62
    if ch in "—…":
        return 1.0
    return 0.64


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@lru_cache(maxsize=65536)
def _em(text: str, bold: bool = False) -> float:
    """Width of ``text`` in em, autospace included (cached: tokens repeat a great deal)."""
    latin_scale = 1.09 if bold else 1.0
    text = text.replace(WJ, "")  # zero width, and no gap in the autospace it stands in
    em = sum(char_em(c) * (1.0 if _is_wide(c) else latin_scale) for c in text)
    for a, b in pairwise(text):
        em += _joint(a, b)
    return em


def _joint(a: str, b: str) -> float:
    """The autospace renderers put between a Chinese character and a Latin letter or digit."""
    return AUTOSPACE if a.isalnum() and b.isalnum() and _is_wide(a) != _is_wide(b) else 0.0


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width in points of ``text`` on one line at ``size_pt``, with the space renderers put
    between Chinese and Latin text (autospace). Bold widens Latin letters and digits."""
    return _em(text, bold) * size_pt * SAFETY


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
        joined = bool(out) and (tok[0] == WJ or out[-1][-1] == WJ)  # no break at a joiner
        if out and (glue_next or after_number or joined or tok[0] in NO_LINE_START):
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
    by character (never dropped). Widths are summed token by token (in em), not re-measured
    for every candidate line."""
    limit = width_pt / (size_pt * SAFETY) + 1e-9
    lines: list[str] = []
    for para in text.split("\n"):
        line, line_em = "", 0.0  # the line so far and its width, trailing spaces included
        for tok in _tokens(para):
            body = tok.rstrip()
            if not line:
                fits = True
            elif not body:  # only spaces: they hang at the end of the line
                fits = _em(line.rstrip()) <= limit
            else:
                fits = line_em + _joint(line[-1], tok[0]) + _em(body) <= limit
            if fits:
                was_empty = not line
                line_em = line_em + (_joint(line[-1], tok[0]) if line else 0.0) + _em(tok)
                line += tok
                if was_empty and len(line) > 1 and _em(line.rstrip()) > limit:
                    # a single token wider than the line: split by character
                    head = ""
                    for ch in line:
                        if head and text_width(head + ch, size_pt) > width_pt:
                            lines.append(head)
                            head = ""
                        head += ch
                    line, line_em = head, _em(head)
                continue
            lines.append(line.rstrip())
            line = tok.lstrip()
            line_em = _em(line)
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
    """Measured as the slide will show it (full-width ，：（）)."""
    return text_width(typeset(text), size_pt, bold) <= width_pt


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


# --- bullet lists: one measure for the planner (what fits on a page) and the layout ---------
BULLET_MARKER = 1.4  # em left for the ■ or 1. marker (the hanging indent)
BULLET_SPACING = 1.45  # line pitch in em, written as exact line spacing
BULLET_GAP = 0.6  # em between paragraphs


def bullets_height(lines: Sequence[str], size: float, width: float) -> float:
    """Height in points of ``lines`` as hanging-indent paragraphs at ``size``."""
    text_w = width - size * BULLET_MARKER
    rows = sum(len(wrap(typeset(line), size, text_w)) for line in lines)
    return rows * size * BULLET_SPACING + max(len(lines) - 1, 0) * size * BULLET_GAP


def bullets_size(lines: Sequence[str], width: float, height: float, max_size: float,
                 min_size: float) -> float | None:
    """The largest whole size in [min_size, max_size] at which the list fits, or None."""
    size = max_size
    while size >= min_size - 1e-9:
        if bullets_height(lines, size, width) <= height + 0.01:
            return size
        size -= 1
    return None


def fit_bullets(lines: Sequence[str], width: float, height: float, max_size: float,
                min_size: float) -> list[str]:
    """The longest head of ``lines`` that fits at ``min_size`` or more (at least one line)."""
    for n in range(len(lines), 0, -1):
        if bullets_size(lines[:n], width, height, max_size, min_size) is not None:
            return list(lines[:n])
    return list(lines[:1])


def paginate_bullets(lines: Sequence[str], width: float, height: float, size: float,
                     max_per_page: int) -> list[list[str]]:
    """Pages of at most ``max_per_page`` paragraphs that each fit at ``size``."""
    pages: list[list[str]] = [[]]
    for line in lines:
        trial = [*pages[-1], line]
        if pages[-1] and (len(trial) > max_per_page
                          or bullets_height(trial, size, width) > height + 0.01):
            pages.append([line])
        else:
            pages[-1].append(line)
    if len(pages) > 1:  # even pages (4 + 3, not 6 + 1) when they fit
        per = -(-len(lines) // len(pages))
        even = [list(lines[i:i + per]) for i in range(0, len(lines), per)]
        if len(even) == len(pages) and all(bullets_height(p, size, width) <= height + 0.01
                                           for p in even):
            return even
    return pages


# --- tables: one measure for the planner (rows per page) and the layout (sizes) -------------
TABLE_PAD = 12.0  # left + right cell margins
TABLE_LINE = 1.5  # em per line in a cell: wider than any CJK font's own line height
TABLE_ROW_PAD = 8.0  # top + bottom cell margins
TABLE_MAX, TABLE_MIN = 14.0, 12.0


@dataclass(frozen=True)
class TableFit:
    size: float
    widths: tuple[float, ...]
    heights: tuple[float, ...]  # header first
    fits: bool


def _table_at(columns: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool],
              width: float, size: float) -> tuple[list[float], list[float]]:
    natural = []
    for c, head in enumerate(columns):
        widest = max([text_width(head, size, bold=True)] + [text_width(r[c], size) for r in rows])
        natural.append(widest + TABLE_PAD + 2)
    total = sum(natural)
    widths = [w * width / total for w in natural]
    if total > width:  # squeeze the text columns, keep numbers whole when possible
        fixed = sum(n for n, num in zip(natural, numeric, strict=True) if num)
        flex_total = sum(n for n, num in zip(natural, numeric, strict=True) if not num)
        if flex_total and fixed < width * 0.6:
            flexible = width - fixed
            widths = [n if num else n * flexible / flex_total
                      for n, num in zip(natural, numeric, strict=True)]
    heights = []
    for k, row in enumerate([list(columns), *rows]):
        lines = max(len(wrap(t, size, w - TABLE_PAD)) if t else 1
                    for t, w in zip(row, widths, strict=True))
        heights.append(lines * size * TABLE_LINE + TABLE_ROW_PAD + (2 if k == 0 else 0))
    return widths, heights


def fit_table(columns: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool],
              width: float, height: float, max_size: float = TABLE_MAX,
              min_size: float = TABLE_MIN) -> TableFit:
    """The largest size at which the table (header + rows) fits the box."""
    size = max_size
    while True:
        widths, heights = _table_at(columns, rows, numeric, width, size)
        ok = sum(heights) <= height + 0.01
        if ok or size - 1 < min_size - 1e-9:
            return TableFit(size, tuple(widths), tuple(heights), ok)
        size -= 1


def paginate_table(columns: Sequence[str], rows: Sequence[Sequence[str]],
                   numeric: Sequence[bool], width: float, height: float, max_rows: int,
                   min_size: float = TABLE_MIN) -> list[list[int]]:
    """Row indices per page so that each page's table fits at ≥ ``min_size``; pages even."""
    def fits(idx: Sequence[int]) -> bool:
        return fit_table(columns, [rows[k] for k in idx], numeric, width, height,
                         max(TABLE_MAX, min_size), min_size).fits

    pages: list[list[int]] = [[]]
    for i in range(len(rows)):
        trial = [*pages[-1], i]
        if pages[-1] and (len(trial) > max_rows or not fits(trial)):
            pages.append([i])
        else:
            pages[-1].append(i)
    if len(pages) > 1:
        per = -(-len(rows) // len(pages))
        even = [list(range(i, min(i + per, len(rows)))) for i in range(0, len(rows), per)]
        if len(even) == len(pages) and all(fits(page) for page in even):
            return even
    return pages
