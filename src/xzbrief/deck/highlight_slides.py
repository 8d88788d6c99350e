"""Highlights (要点): the theme's qualitative achievements as bullet pages."""

from __future__ import annotations

from xzbrief.deck import grid
from xzbrief.deck.model import Slide, SlideKind
from xzbrief.deck.notes import footnotes
from xzbrief.deck.selection import in_range
from xzbrief.deck.textfit import fits_one_line, paginate_bullets
from xzbrief.deck.theme_base import ThemeBase


class HighlightSlides(ThemeBase):
    def _highlight_slides(self) -> list[Slide]:
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
            items.append((prefix + h.text, h))
        if not items:
            return []
        slides = []
        chunks = paginate_bullets([text for text, _ in items], grid.BULLETS.w, grid.BULLETS.h,
                                  grid.BODY_MAX, grid.MAX_BULLETS)
        start = 0
        for n, chunk in enumerate(chunks, start=1):
            hs = [h for _, h in items[start:start + len(chunk)]]
            start += len(chunk)
            sources = [h.source for h in hs]
            suffix = f"({n}/{len(chunks)})" if len(chunks) > 1 else ""
            notes = [f"· {text} — {self.file} {h.ref}" for text, h in
                     zip(chunk, hs, strict=True)]
            title = f"{self.choice.title or self.choice.name}主要亮点{suffix}"
            if not fits_one_line(title, grid.TITLE.w, grid.TITLE_MIN):
                title = f"主要亮点{suffix}"
            slides.append(Slide(
                kind=SlideKind.HIGHLIGHTS, title=title, section=self.choice.name,
                lines=tuple(chunk),
                footnotes=footnotes([], with_sources=self.options.source_footnotes,
                                    extra_sources=sources),
                notes="\n".join(["要点出处:", *notes]) if self.options.speaker_notes else ""))
        return slides
