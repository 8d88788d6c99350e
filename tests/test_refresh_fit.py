"""A regenerated text that got longer keeps fitting its box: the size the builder would set,
a step smaller where the box is smaller, never below the legible floor — else it is listed."""

from __future__ import annotations

from xzbrief.deck.textfit import fit_text, text_width
from xzbrief.refresh.fit import FLOOR, Fitting, Frame, fit_sizes

BULLET = "2025年徐州市工业开票销售收入预计达9000亿元，比上年增长9.8%。"
LONGER = "2025年徐州市工业开票销售收入预计达123456789.5亿元，比上年增长1371741.0%，居全省第1位。"


def test_text_no_longer_than_before_keeps_its_size():
    frame = Frame(300, 60, (18.0,), 1.2)
    assert fit_sizes([BULLET], [BULLET.replace("9000", "9100")], frame).sizes is None


def test_a_longer_text_takes_the_size_the_layout_gives_it_in_the_same_box():
    frame = Frame(300, 70, (18.0,), 1.2)
    want = fit_text(LONGER, 300, 70, 18, FLOOR, 1.2)  # the layout's own rule
    got = fit_sizes([BULLET], [LONGER], frame)
    assert got.fits and got.sizes is not None
    assert got.sizes[0] <= 18 and abs(got.sizes[0] - want.size) <= 0.5


def test_the_builders_size_is_taken_while_the_box_is_as_big_as_it_built_it():
    frame = Frame(300, 70, (18.0,), 1.2)
    built = Frame(300, 70, (15.0,), 1.2)
    assert fit_sizes([BULLET], [LONGER], frame, built).sizes == (15.0,)


def test_text_no_legible_size_fits_is_not_shrunk_and_says_how_many_lines():
    frame = Frame(120, 30, (16.0,), 1.2)  # a box the office made small
    got = fit_sizes(["▲ 比上年增长9.8%"], [LONGER], frame)
    assert not got.fits and got.sizes is None
    assert got.lines > got.room >= 1


def test_a_footnote_already_below_the_floor_is_never_shrunk():
    frame = Frame(200, 12, (10.0,), 1.2)
    got = fit_sizes(["注：2025年数据为预计数。"], ["注：2025年数据为预计数，2026年数据为目标值。"], frame)
    assert not got.fits and got.sizes is None


def test_a_cards_unit_is_measured_at_half_the_numbers_size():
    """「1234567.8亿元」: the number at 54 pt, 亿元 at 27 (as the card writes it). Measured so,
    it fits a box it would overflow if 亿元 were measured at 54 pt too."""
    number, unit = "1234567.8", "亿元"
    drawn = text_width(number, 54) + text_width(unit, 27)
    assert drawn < text_width(number + unit, 54) - 40
    box = drawn + 10
    built = Frame(box, 70, (54.0,), 1.0, wraps=False, texts=(number + unit,), widths=(drawn,))
    frame = Frame(box, 70, (54.0,), 1.0, wraps=False, texts=("9000亿元",),
                  widths=(text_width("9000", 54) + text_width(unit, 27),))
    smaller = Frame(box, 70, (54.0,), 1.0, wraps=False)  # as if the office shrank the box
    assert fit_sizes(["9000亿元"], [number + unit], frame, built) == Fitting(None, True)
    assert fit_sizes(["9000亿元"], [number + unit], frame,
                     Frame(box + 20, 70, (54.0,), 1.0, wraps=False, texts=(number + unit,),
                           widths=(drawn,))) == Fitting(None, True)  # measured, not trusted
    # the new text's runs not known (no fresh rendering): measured at 54 pt whole, errs wide
    assert fit_sizes(["9000亿元"], [number + unit], frame).sizes is not None
    assert fit_sizes(["9000亿元"], [number + unit], smaller).sizes is not None


def test_the_space_between_bullets_and_their_hanging_indent_take_room():
    """Ten one-line bullets at 20 pt, 29 pt apart with 12 pt between them, need 398 pt: a
    381 pt box does not hold them (without the gaps they would seem to need 290)."""
    bullets = ["■\t" + "徐州经开区：培育中环领先等一批细分领域领军企业"] * 10
    frame = Frame(872, 381, (20.0,) * 10, 1.45, gaps=(0.0,) + (12.0,) * 9,
                  indents=(28.0,) * 10)
    got = fit_sizes(bullets[:9], bullets, frame)
    assert got.fits and got.sizes is not None and max(got.sizes) == 19
    # a bullet's text wraps in the width its indent leaves: 25 characters a line from the
    # indent on, so 51 take three lines (from the box's edge, the second line would take 26)
    line = "■\t" + "字" * 51
    width = 28 + 25 * text_width("字", 20) + 1
    assert fit_sizes(["■\t字"], [line], Frame(width, 60, (20.0,), 1.45)).sizes is None
    assert fit_sizes(["■\t字"], [line],
                     Frame(width, 60, (20.0,), 1.45, indents=(28.0,))).sizes is not None
