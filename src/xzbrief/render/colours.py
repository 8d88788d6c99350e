"""Colour arithmetic the layout decides with: tints, WCAG contrast, and how far apart two
colours look (CIE76 ΔE), so text stays readable and estimate tints stay distinguishable."""

from __future__ import annotations

import math

WHITE = "FFFFFF"
MIN_CONTRAST = 4.5  # WCAG AA for small text


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def tint(hex_colour: str, amount: float) -> str:
    """Mix with white: amount 0 = the colour, 1 = white."""
    mix = [round(c + (255 - c) * amount) for c in _rgb(hex_colour)]
    return "".join(f"{c:02X}" for c in mix)


def mix(a: str, b: str, share_b: float) -> str:
    """``a`` with ``share_b`` of ``b`` mixed in (a translucent panel over a background)."""
    return "".join(f"{round(x + (y - x) * share_b):02X}"
                   for x, y in zip(_rgb(a), _rgb(b), strict=True))


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance."""
    lin = []
    for c in _rgb(hex_colour):
        s = c / 255
        lin.append(s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 .. 21)."""
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def readable(fill: str, *choices: str, minimum: float = MIN_CONTRAST) -> str:
    """The first of ``choices`` readable on ``fill``; else whichever of white and black
    reads best (one of them is always above 4.5:1)."""
    for c in choices:
        if contrast(c, fill) >= minimum:
            return c
    return max((WHITE, "000000"), key=lambda c: contrast(c, fill))


def _lab(hex_colour: str) -> tuple[float, float, float]:
    lin = []
    for c in _rgb(hex_colour):
        s = c / 255
        lin.append(s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4)
    r, g, b = lin
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: str, b: str) -> float:
    """How different two colours look (CIE76 ΔE; about 10 is clearly different)."""
    return math.dist(_lab(a), _lab(b))


def legible(colour: str, fill: str, minimum: float = MIN_CONTRAST) -> str:
    """``colour`` itself when it reads on ``fill``; else the same hue darkened (or lightened,
    on a dark fill) just enough to read."""
    if contrast(colour, fill) >= minimum:
        return colour
    toward = "000000" if luminance(fill) > 0.18 else WHITE
    for step in range(1, 21):
        candidate = mix(colour, toward, step / 20)
        if contrast(candidate, fill) >= minimum:
            return candidate
    return readable(fill)


def large_text(size: float, bold: bool) -> bool:
    """WCAG 'large text' (3:1 is enough): 18 pt, or 14 pt bold."""
    return size >= 18 or (bold and size >= 14)
