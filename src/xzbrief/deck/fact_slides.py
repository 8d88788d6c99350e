"""Single figures: key-figure cards (at most six a page), or a table when there are many."""

from __future__ import annotations

from xzbrief.deck import grid
from xzbrief.deck.model import Figure, Slide, SlideKind, Table, TableCell, card_figures
from xzbrief.deck.narrative import level_figure
from xzbrief.deck.notes import split_common_notes
from xzbrief.deck.page_economy import repeats_card
from xzbrief.deck.textfit import TABLE_MAX, paginate_table
from xzbrief.deck.theme_base import Fact, ThemeBase

MAX_PAGE_ROWS = 30  # a bound only; what fits at 14 pt decides


class FactSlides(ThemeBase):
    def _card_slides(self, facts: list[Fact]) -> list[Slide]:
        slides: list[Slide] = []
        n = len(facts)
        pages = -(-n // grid.MAX_CARDS)
        per_page = -(-n // pages)
        for start in range(0, n, per_page):
            chunk = facts[start:start + per_page]
            notes, common = split_common_notes([f.obs.remark for f in chunk])
            # one period for every card: the title names it; else every card names its own
            labels = {f.obs.period.label for f in chunk}
            common_period = labels.pop() if len(labels) == 1 else ""
            cards = tuple(self._card(f, note, common_period)
                          for f, note in zip(chunk, notes, strict=True))
            figures = card_figures(cards)
            narrative = [self._sentence(f) for f in chunk]
            title = self._title([f.headline for f in chunk], fallback=self.choice.name,
                                subjects=[f.label for f in chunk],
                                periods=[f.obs.period.label for f in chunk])
            # one or two cards: their sentences beside them, but not a sentence that only
            # repeats its card (the speaker notes keep it); page_economy gives the room to the
            # theme's highlights when the sentences only repeat the cards
            side = tuple(line for f, card, line in zip(chunk, cards, narrative, strict=True)
                         if not repeats_card(line, card, (f.obs.period.label, f.obs.region))
                         ) if len(chunk) <= 2 else ()
            slides.append(Slide(
                kind=SlideKind.KEY_FIGURES, title=title, section=self.choice.name, cards=cards,
                lines=side, prose=tuple(narrative) if len(side) < len(narrative) else (),
                footnotes=self._footnotes(figures, [f.ind for f in chunk],
                                          [common] if common else []),
                notes=self._notes(narrative, figures), figures=tuple(figures)))
        return slides

    def _fact_tables(self, facts: list[Fact]) -> list[Slide]:
        """Many single figures as a table: 期间 and 地区 get their own columns only when they
        vary (else the title names the period), a 变化 column only when some figure has a
        change, a 状态 column only when some figure is not 实际."""
        slides = []
        periods = {f.obs.period.label for f in facts}
        regions = {f.obs.region for f in facts}
        columns = ["指标"]
        if len(regions) > 1:
            columns.append("地区")
        if len(periods) > 1:
            columns.append("期间")
        columns.append("数值")
        if any(f.change for f in facts):
            columns.append("变化")
        if any(f.obs.status.value != "实际" for f in facts):
            columns.append("状态")

        def cells(f: Fact, fig: Figure | None = None) -> list[TableCell]:
            label = f.ind.name if len(regions) > 1 else f.label
            row = {"指标": TableCell(label), "地区": TableCell(f.obs.region),
                   "期间": TableCell(f.obs.period.label),
                   "数值": TableCell(fig.text if fig else level_figure(f.ind, f.obs).text, fig,
                                   numeric=True),
                   "变化": TableCell(f.change.phrase if f.change else "—"),
                   "状态": TableCell(f.obs.status.value)}
            return [row[c] for c in columns]

        texts = [[c.text for c in cells(f)] for f in facts]
        # as many rows as read at 14 pt fill the page (a break only when they do not fit)
        pages = paginate_table(tuple(columns), texts, [c == "数值" for c in columns],
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
                rows.append(tuple(cells(f, fig)))
            table = Table(tuple(columns), tuple(rows))
            title = self._title([f.headline for f in chunk], fallback=f"{self.choice.name}主要指标",
                                subjects=[f.label for f in chunk],
                                periods=[f.obs.period.label for f in chunk])
            slides.append(Slide(kind=SlideKind.TABLE, title=title, section=self.choice.name,
                                table=table,
                                footnotes=self._footnotes(figures, [f.ind for f in chunk]),
                                notes=self._notes([self._sentence(f) for f in chunk], figures),
                                figures=tuple(figures)))
        return slides
