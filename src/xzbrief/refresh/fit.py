"""Does a regenerated sentence still fit its box? The same measuring the layout uses when it
builds a deck (deck.textfit): a text that needs more lines than its box holds is set at the size
the builder would have chosen for it, or a step smaller, never below the legible floor; when
even that is too big it is left for the user's eye."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xzbrief.deck.textfit import line_height, text_width, wrap

FLOOR = 12.0  # the smallest size body text is set at (footnotes, already smaller, never shrink)
STEP = 1.0  # points, as the layout steps


@dataclass(frozen=True)
class Frame:
    """A text box as it stands in the deck: the room inside it, in points, and the size of
    each paragraph (its largest run)."""

    width: float
    height: float
    sizes: tuple[float, ...]
    spacing: float = 1.2  # line height as a multiple of the size
    wraps: bool = True  # False: each line stays one line (a card's number), however long
    # each paragraph's text as written and its widest line measured run by run at the sizes
    # written (a card's unit is half its number): a text the box shows is measured so
    texts: tuple[str, ...] = ()
    widths: tuple[float, ...] = ()
    gaps: tuple[float, ...] = ()  # points of space before and after each paragraph (scaled
    # with its size when resized, as the layout sets it)
    indents: tuple[float, ...] = ()  # a hanging indent: where a bullet's text starts, points

    def measured(self, i: int, text: str) -> tuple[float, float] | None:
        """(width, at size) of paragraph ``i`` when it shows ``text``; None: not known."""
        if i < len(self.texts) and i < len(self.widths) and i < len(self.sizes) \
                and self.texts[i] == text and self.sizes[i] > 0:
            return self.widths[i], self.sizes[i]
        return None


@dataclass(frozen=True)
class Fitting:
    sizes: tuple[float, ...] | None  # new sizes per paragraph; None: the current ones do
    fits: bool
    lines: int = 0  # lines the text needs at the sizes chosen, and the box holds
    room: int = 0


def _size(sizes: Sequence[float], i: int) -> float:
    return sizes[i] if i < len(sizes) else (sizes[-1] if sizes else FLOOR)


def _at(values: Sequence[float], i: int) -> float:
    """A paragraph's value; a paragraph added after the last takes the last one's look."""
    return values[i] if i < len(values) else (values[-1] if values else 0.0)


def _wrapped(text: str, size: float, frame: Frame, i: int = 0) -> list[str]:
    """The lines of paragraph ``i``: a bullet's text (after its marker and tab) in the width
    its hanging indent leaves, as the layout measures it."""
    if not frame.wraps:
        return text.split("\n")
    indent = _at(frame.indents, i)
    if indent > 0 and "\t" in text:
        return wrap(text.split("\t", 1)[1], size, frame.width - indent)
    return wrap(text, size, frame.width)


def height(texts: Sequence[str], sizes: Sequence[float], frame: Frame) -> float:
    """The lines at their line pitch, and the space between the paragraphs."""
    return sum(len(_wrapped(t, _size(sizes, i), frame, i))
               * line_height(_size(sizes, i), frame.spacing)
               + _at(frame.gaps, i) * _size(sizes, i) / _size(frame.sizes, i)
               for i, t in enumerate(texts))


def width(texts: Sequence[str], sizes: Sequence[float], *known: Frame | None) -> float:
    """The widest line (what a box that does not wrap must hold): run by run where a frame
    in ``known`` shows the same text (its runs scale alike), else at each paragraph's largest
    size, which errs wide."""
    out = 0.0
    for i, t in enumerate(texts):
        got = next((m for f in known if f is not None and (m := f.measured(i, t))), None)
        out = max(out, got[0] * _size(sizes, i) / got[1] if got is not None else
                  max((text_width(line, _size(sizes, i)) for line in t.split("\n")),
                      default=0.0))
    return out


def _lines(texts: Sequence[str], sizes: Sequence[float], frame: Frame) -> int:
    return sum(len(_wrapped(t, _size(sizes, i), frame, i)) for i, t in enumerate(texts))


def fit_sizes(old: Sequence[str], new: Sequence[str], frame: Frame,
              built: Frame | None = None) -> Fitting:
    """The sizes ``new`` needs in ``frame``. The room is the box, or what the old text took if
    it took more (a box the generator or the user filled to the brim is not "too small" for
    text no longer than before). ``built``: the box a fresh build laid ``new`` out in — its
    sizes are taken as they are while the box here is no smaller (the layout measured them)."""
    cur = [_size(frame.sizes, i) for i in range(len(new))]
    builder = built.sizes if built is not None else ()
    if (height(new, cur, frame) <= frame.height + 0.5
            and (frame.wraps or width(new, cur, built, frame) <= frame.width + 0.5)):
        return Fitting(None, True)  # the box holds it: no need to measure the old text
    room = max(frame.height, height(old, frame.sizes, frame)) + 0.5
    across = max(frame.width, width(old, frame.sizes, frame) if not frame.wraps else 0.0) + 0.5

    def fits(sizes: Sequence[float]) -> bool:
        return height(new, sizes, frame) <= room and (
            frame.wraps or width(new, sizes, built, frame) <= across)

    if fits(cur):
        return Fitting(None, True)
    if (built is not None and frame.width >= built.width - 0.5
            and frame.height >= built.height - 0.5 and len(built.sizes) == len(new)):
        # the builder laid the new text out in a box no bigger than this one, by its own
        # rules (hanging indents, paragraph gaps, one number size a page): its sizes hold
        sizes = tuple(min(c, b) for c, b in zip(cur, built.sizes, strict=True))
        return Fitting(sizes if sizes != tuple(cur) else None, True)
    first = [min(c, _size(builder, i)) if builder else c for i, c in enumerate(cur)]
    floor = min(FLOOR, *first)
    top = max(first)
    factor = 1.0
    while min(first) * factor >= floor - 1e-9:
        sizes = tuple(round(s * factor * 2) / 2 for s in first)  # half points, as typed
        if fits(sizes):
            return Fitting(sizes, True)
        factor = (top * factor - STEP) / top
    last = tuple(max(floor, s) for s in first)
    per_line = line_height(max(last), frame.spacing)
    return Fitting(None, False, _lines(new, last, frame), int(room // per_line))
