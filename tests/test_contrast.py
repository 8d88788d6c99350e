"""Every text on every slide reads on what it sits on (WCAG: 4.5:1 for small text, 3:1 for
18 pt or 14 pt bold), in all three brands and every layout: the 「内部资料 注意保存」 marking on a
cover's band, footnotes, tags, titles, cover text, chart labels inside bars."""

from __future__ import annotations

import pytest

from realclients import every_kind_deck
from xzbrief.deck.model import Deck
from xzbrief.render.brand import BUILTIN, load_brand
from xzbrief.render.colours import contrast, large_text
from xzbrief.render.layout import ChartBlock, TextBlock, ground_at, place_deck


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    deck: Deck = every_kind_deck(tmp_path_factory.mktemp("every"))
    return deck


def need(size: float, bold: bool) -> float:
    return 3.0 if large_text(size, bold) else 4.5


@pytest.mark.parametrize("brand_name", list(BUILTIN))
def test_every_text_colour_reads_on_its_fill(every: Deck, brand_name: str) -> None:
    brand = load_brand(brand_name)
    placed, _ = place_deck(every, brand)
    roles = set()
    checked = 0
    for number, ps in enumerate(placed, start=1):
        roles.add(ps.role)
        if ps.title:
            fill = ground_at(ps.title_rect, ps.layout, (), brand.background)
            ratio = contrast(ps.layout.title_color, fill)
            assert ratio >= need(ps.title_size, ps.layout.title_bold), (number, ps.title, ratio)
            checked += 1
        for idx, paras in ps.placeholders.items():
            rect = ps.layout.placeholders[idx]
            fill = ground_at(rect, ps.layout, (), brand.background)
            for para in paras:
                for run in para.runs:
                    assert contrast(run.color, fill) >= need(run.size, run.bold), \
                        (number, run.text, run.color, fill)
                    checked += 1
        for i, block in enumerate(ps.blocks):
            if isinstance(block, TextBlock):
                fill = ground_at(block.rect, ps.layout, ps.blocks[:i], brand.background)
                for para in block.paras:
                    for run in (*para.runs, *([para.marker] if para.marker else [])):
                        ratio = contrast(run.color, fill)
                        assert ratio >= need(run.size, run.bold), \
                            (number, block.name, run.text, run.color, fill, round(ratio, 2))
                        checked += 1
            elif isinstance(block, ChartBlock):
                look = block.look
                for s in look.series:
                    for m in s.marks:
                        if m.label is None:
                            continue
                        inside = m.label.position in ("ctr", "inEnd", "")
                        fill = (m.fill or "FFFFFF") if inside else (m.label.box or "FFFFFF")
                        assert contrast(m.label.colour, fill) >= 4.5, (look.title, m.label)
                        checked += 1
                assert contrast(look.muted_colour, "FFFFFF") >= 4.5
    assert roles == {"cover", "agenda", "section", "content", "closing"}
    assert checked > 200


@pytest.mark.parametrize("brand_name", ["政务红", "科技蓝"])
def test_the_marking_on_a_coloured_cover_band_is_visible(every: Deck, brand_name: str) -> None:
    brand = load_brand(brand_name)
    placed, _ = place_deck(every, brand)
    cover = placed[0]
    marking = next(b for b in cover.blocks if isinstance(b, TextBlock) and b.name == "标记")
    fill = ground_at(marking.rect, cover.layout, (), brand.background)
    assert fill != brand.background  # it stands on the cover's band ...
    run = marking.paras[0].runs[0]
    assert run.text == "内部资料 注意保存"
    assert contrast(run.color, fill) >= 4.5  # ... and reads there
