"""Single figures: key-figure cards (at most six a page), or a table when there are many."""

from __future__ import annotations

from xzbrief.deck import grid
from xzbrief.deck.model import Figure, Slide, SlideKind, Table, TableCell, card_figures
from xzbrief.deck.narrative import level_figure
from xzbrief.deck.notes import split_common_notes
from xzbrief.deck.textfit import TABLE_MAX, paginate_table
from xzbrief.deck.theme_base import Fact, ThemeBase
from xzbrief.deck.wording import format_figure

MAX_PAGE_ROWS = 30  # a bound only; what fits at 14 pt decides


class FactSlides(ThemeBase):
    def _card_slides(self, facts: list[Fact]) -> list[Slide]:
        slides: list[Slide] = []
        n = len(facts)
        pages = -(-n // grid.MAX_CARDS)
        per_page = -(-n // pages)
        for start in range(0, n, per_page):
            chunk = facts[start:start + per_page]
            notes, common = split_common_notes([f.obs.note for f in chunk])
            cards = tuple(self._card(f, note) for f, note in zip(chunk, notes, strict=True))
            figures = card_figures(cards)
            narrative = [self._sentence(f) for f in chunk]
            title = self._title([f.headline for f in chunk], fallback=self.choice.name,
                                subjects=[f.label for f in chunk])
            slides.append(Slide(
                kind=SlideKind.KEY_FIGURES, title=title, section=self.choice.name, cards=cards,
                footnotes=self._footnotes(figures, [f.ind for f in chunk],
                                          [common] if common else []),
                notes=self._notes(narrative, figures), figures=tuple(figures)))
        return slides

    def _fact_tables(self, facts: list[Fact]) -> list[Slide]:
        slides = []
        columns = ("指标", "期间", "数值", "变化", "状态")
        texts = [[f.label, f.obs.period.label,
                  format_figure(f.obs.value or 0.0, f.ind.unit, f.obs.qualifier, f.ind.decimals),
                  f.change.phrase if f.change else "—", f.obs.status.value] for f in facts]
        # as many rows as read at 14 pt fill the page (a break only when they do not fit)
        pages = paginate_table(columns, texts, [False, False, True, False, False],
                               grid.CONTENT.w, grid.CONTENT.h, MAX_PAGE_ROWS, TABLE_MAX)
        for page in pages:
            chunk = [facts[k] for k in page]
            rows = []
            figures: list[Figure] = []
            for f in chunk:
                fig = level_figure(f.ind, f.obs, f.label)
                figures.append(fig)
                if f.change:
                    figures.append(f.change.figure)
                rows.append((TableCell(f.label), TableCell(f.obs.period.label),
                             TableCell(fig.text, fig, numeric=True),
                             TableCell(f.change.phrase if f.change else "—", numeric=False),
                             TableCell(f.obs.status.value)))
            table = Table(columns, tuple(rows))
            title = self._title([f.headline for f in chunk], fallback=f"{self.choice.name}主要指标",
                                subjects=[f.label for f in chunk])
            slides.append(Slide(kind=SlideKind.TABLE, title=title, section=self.choice.name,
                                table=table,
                                footnotes=self._footnotes(figures, [f.ind for f in chunk]),
                                notes=self._notes([self._sentence(f) for f in chunk], figures),
                                figures=tuple(figures)))
        return slides
