"""Highlights (要点): the theme's qualitative achievements as bullet pages."""

from __future__ import annotations

from xzbrief.deck import grid
from xzbrief.deck.model import Slide, SlideKind
from xzbrief.deck.notes import footnotes
from xzbrief.deck.page_economy import Shown, restates
from xzbrief.deck.selection import in_range
from xzbrief.deck.textfit import fits_one_line, paginate_bullets
from xzbrief.deck.theme_base import ThemeBase

MAX_HIGHLIGHTS = 12  # on one page when they fit at the smallest body size


def continued(title: str, page: int) -> str:
    """公文 continue a page as 「标题（续）」, never 「（1/2）」."""
    return title if page == 1 else f"{title}(续)"


class HighlightSlides(ThemeBase):
    def _highlight_slides(self, already: Shown | None = None) -> list[Slide]:
        """``already``: what the theme's cards and charts show; a highlight that only repeats
        it is left out (its source stays in the notes of the page that shows the figure)."""
        items = []
        regions = set(self.choice.regions or ())
        for h in self.dataset.highlights_of(self.choice.name):
            if regions and h.region and h.region not in regions:
                continue
            if h.period is not None and not in_range(h.period, self.choice):
                continue
            region = self._region(h.region) if h.region else ""
            # 「邳州市:…」 names the region, unless the sentence already starts with it
            prefix = "" if region in ("", "全市") or h.text.startswith(region) else f"{region}:"
            if already is not None and restates(h.text, already):
                continue
            items.append((prefix + h.text, h))
        if not items:
            return []
        slides = []
        chunks = paginate_bullets([text for text, _ in items], grid.BULLETS.w, grid.BULLETS.h,
                                  grid.BODY_MIN, MAX_HIGHLIGHTS)
        start = 0
        for n, chunk in enumerate(chunks, start=1):
            hs = [h for _, h in items[start:start + len(chunk)]]
            start += len(chunk)
            sources = [h.source for h in hs]
            notes = [f"· {text} — {self.file} {h.ref}" for text, h in
                     zip(chunk, hs, strict=True)]
            title = continued(f"{self.choice.title or self.choice.name}主要亮点", n)
            if not fits_one_line(title, grid.TITLE.w, grid.TITLE_MIN):
                title = continued("主要亮点", n)
            slides.append(Slide(
                kind=SlideKind.HIGHLIGHTS, title=title, section=self.choice.name,
                lines=tuple(chunk),
                footnotes=footnotes([], with_sources=self.options.source_footnotes,
                                    extra_sources=sources),
                notes="\n".join(["要点出处:", *notes]) if self.options.speaker_notes else ""))
        return slides
