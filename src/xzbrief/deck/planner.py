"""``plan_deck``: recipe + dataset -> the deck model (no I/O, no pptx, no Qt).

Structure follows the briefing conventions: cover, 目录, 综述 and 主要指标完成情况表 (in the
汇报 structure as the section 总体情况), one numbered section per theme, (存在问题, 下一步工作),
(数据核对表), closing. Every section is treated alike: a divider when dividers are on. A page
that runs over is continued as 「（续）」. Warnings come back as data in the deck.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from xzbrief.dataset.model import Dataset, Observation
from xzbrief.deck import grid
from xzbrief.deck.coverage import unshown_figures, unshown_warnings
from xzbrief.deck.highlight_slides import continued
from xzbrief.deck.indicator_table import indicator_table_slides
from xzbrief.deck.model import (
    Card,
    Deck,
    DeckInfo,
    Figure,
    Slide,
    SlideKind,
    Table,
    TableCell,
    card_figures,
)
from xzbrief.deck.narrative import level_figure
from xzbrief.deck.notes import footnotes, speaker_notes
from xzbrief.deck.page_economy import cards_take_highlights
from xzbrief.deck.summary import summary_slides
from xzbrief.deck.textfit import fits_one_line, paginate_bullets, paginate_table
from xzbrief.deck.theme_base import page_period
from xzbrief.deck.theme_slides import IndicatorFacts, ThemePlan, ThemePlanner
from xzbrief.deck.wording import heading_number
from xzbrief.messages import Note, join, note
from xzbrief.recipe import Recipe, Structure

APPENDIX_ROWS = 12
AGENDA_ITEMS = 8  # more sections than this: the agenda runs over several pages
TEXT_PARAGRAPHS = 8  # 存在问题 / 下一步工作: eight one-line paragraphs still make one page
OVERVIEW = "总体情况"
LISTED_OMITTED = 20  # indicators named in the warning about a capped 主要指标 table


def plan_deck(dataset: Dataset, recipe: Recipe, recipe_toml: str = "") -> Deck:
    options = recipe.options
    warnings: list[Note] = []
    choices = recipe.theme_choices(dataset)
    known = {t.name for t in dataset.themes}
    plans: list[tuple[str, ThemePlan]] = []
    facts: list[tuple[str, list[IndicatorFacts]]] = []  # per section, for 综述 and the table
    intros: dict[str, str] = {}  # section heading -> the theme's 导语 (the heading may be a
    # recipe title, not the theme's name)
    for choice in choices:
        if choice.name not in known:
            warnings.append(note("plan-theme-missing", name=choice.name))
            continue
        planner = ThemePlanner(dataset, choice, options)
        plan = planner.build()
        warnings.extend(plan.warnings)
        if plan.slides:
            plans.append((choice.title or choice.name, plan))
            facts.append((choice.title or choice.name, planner.indicator_facts))
            intros[choice.title or choice.name] = next(
                (t.intro for t in dataset.themes if t.name == choice.name), "")
        else:
            warnings.append(note("plan-theme-empty", name=choice.name))

    sections: list[tuple[str, list[Slide]]] = []
    report = options.structure is Structure.REPORT
    general: list[Slide] = []  # 综述, 主要指标完成情况表, (the old key-figure page)
    if options.summary:
        general += summary_slides(facts, dataset.info.file_name, recipe.summary,
                                  section=OVERVIEW, with_sources=options.source_footnotes,
                                  with_notes=options.speaker_notes)
    if options.indicator_table:
        elsewhere = ("数据核对表(与汇报同名的 .核对.xlsx)" if options.check_workbook
                     else "附:数据核对表" if options.appendix else "")
        table, omitted = indicator_table_slides(dataset, facts, section=OVERVIEW,
                                                with_sources=options.source_footnotes,
                                                with_notes=options.speaker_notes,
                                                elsewhere=elsewhere)
        general += table
        if omitted:  # a big workbook: the table stops; what it leaves out is named here
            listed = omitted[:LISTED_OMITTED]
            names = join(note("quoted-name", name=n) for n in listed)
            more = note("plan-table-more", n=len(omitted)) if len(omitted) > LISTED_OMITTED \
                else ""
            warnings.append(note("plan-table-capped", pages=len(table), names=names, more=more))
    if options.key_figures:
        overview = _overview(plans, dataset, recipe, minimum=1 if report else 2)
        if overview is not None:
            general.append(overview)
    if report and general:
        sections.append((OVERVIEW, general))
    sections.extend((name, cards_take_highlights(plan.slides)) for name, plan in plans)
    text_sections = {"存在问题": recipe.issues, "下一步工作": recipe.next_steps}
    sections += [(name, _text_slides(name, paragraphs, section=name))
                 for name, paragraphs in text_sections.items() if paragraphs]

    numbered = [f"{heading_number(1, i, options.numbering.value)}{name}"
                for i, (name, _) in enumerate(sections, start=1)]
    slides: list[Slide] = [Slide(kind=SlideKind.COVER, title=recipe.title,
                                 subtitle=recipe.subtitle, organisation=recipe.organisation,
                                 date=recipe.cover_date())]
    if options.agenda and len(sections) > 1:
        pages = [numbered[i:i + AGENDA_ITEMS] for i in range(0, len(numbered), AGENDA_ITEMS)]
        for n, page in enumerate(pages, start=1):
            slides.append(Slide(kind=SlideKind.AGENDA, title=continued("目录", n),
                                lines=tuple(page)))
    if not report:
        slides.extend(general)
    for heading, (name, body) in zip(numbered, sections, strict=True):
        if options.section_dividers:
            slides.append(Slide(kind=SlideKind.SECTION, title=heading, section=name,
                                subtitle=intros.get(name, "")))
            slides.extend(body)
        elif name in text_sections:  # no divider: the numbered heading titles the page
            slides.extend(replace(s, title=heading + s.title.removeprefix(name)) for s in body)
        else:
            slides.extend(body)
    unshown = unshown_figures(dataset, recipe, slides)
    warnings += unshown_warnings(dataset, recipe, slides)  # nothing dropped silently
    if options.appendix:
        slides.extend(_appendix(slides, dataset, options.source_footnotes,
                                [o for obs in unshown.values() for o in obs]))
    if options.closing:
        slides.append(Slide(kind=SlideKind.CLOSING, title=options.closing))
    info = DeckInfo(title=recipe.title, dataset_file=dataset.info.file_name,
                    dataset_sha256=dataset.info.sha256,
                    dataset_modified=dataset.info.modified, recipe_toml=recipe_toml,
                    brand=recipe.brand, marking=options.marking,
                    numbering=options.numbering.value)
    # the figures no slide shows, for the companion workbook (what the table's 「其余N项」 and
    # the warnings point to)
    hidden = tuple(level_figure(dataset.indicator(o.indicator), o,
                                f"{dataset.indicator(o.indicator).name}({o.region})")
                   for obs in unshown.values() for o in obs)
    return Deck(info, tuple(slides), tuple(warnings), unshown=hidden)


def _overview(plans: list[tuple[str, ThemePlan]], dataset: Dataset, recipe: Recipe,
              minimum: int = 2) -> Slide | None:
    """总体情况: each theme's headline figure, at most six (a report has one even with a single
    theme; a deck by theme only when it gathers two or more)."""
    cards: list[Card] = [p.headline for _, p in plans if p.headline is not None]
    cards = cards[:grid.MAX_CARDS]
    # a card of another period than most on the page names its period (2024年…)
    common = page_period([c.figure.period for c in cards]) if len(cards) > 1 else \
        cards[0].figure.period if cards else ""
    cards = [c if c.figure.period == common or c.label.startswith(c.figure.period)
             else replace(c, label=c.figure.period + c.label) for c in cards]
    if len(cards) < minimum:
        return None
    figures: list[Figure] = card_figures(cards)
    heads = [p.headline_text for _, p in plans if p.headline is not None]
    narrative = [h + "。" for h in heads[:len(cards)]]
    notes = speaker_notes(narrative, figures, dataset.info.file_name) \
        if recipe.options.speaker_notes else ""
    # the lead figure's conclusion, with its period when that fits; else the clause alone
    # (one figure and its own change: no two periods joined; its card names its period)
    clauses = [p.headline_clause for _, p in plans if p.headline is not None]
    options = [f"主要指标:{h}" for h in (heads[:1] + clauses[:1])]
    title = next((t for t in options if fits_one_line(t, grid.TITLE.w, grid.TITLE_MIN)),
                 "主要指标完成情况")
    return Slide(kind=SlideKind.KEY_FIGURES, title=title, section="总体情况",
                 cards=tuple(cards),
                 footnotes=footnotes(figures, with_sources=recipe.options.source_footnotes),
                 notes=notes, figures=tuple(figures))


def _text_slides(title: str, paragraphs: tuple[str, ...], section: str) -> list[Slide]:
    """Free text pages (存在问题 / 下一步工作), split so each page's text fits at ≥ 16 pt."""
    pages = paginate_bullets(list(paragraphs), grid.BULLETS.w, grid.BULLETS.h, grid.BODY_MIN,
                             TEXT_PARAGRAPHS)
    return [Slide(kind=SlideKind.TEXT, title=continued(title, i), section=section,
                  lines=tuple(page)) for i, page in enumerate(pages, start=1)]


APPENDIX_NOTE = "出处为工作簿中的单元格;计算所得的数字列出其计算依据。"
UNSHOWN_NOTE = ("页为「未展示」的数字在所选范围内但未在正文中出现"
                "(较早的期间、其他期间类型或对比地区)。")


def _appendix(slides: list[Slide], dataset: Dataset, sources: bool = True,
              unshown: Sequence[Observation] = ()) -> list[Slide]:
    """数据核对表: every number shown, with the cell it came from (or how it was computed);
    then the figures of the chosen range the deck does not show (page 「未展示」)."""
    rows: list[tuple[TableCell, ...]] = []
    seen: set[tuple[str, str, str]] = set()
    for number, slide in enumerate(slides, start=1):
        for f in slide.figures:
            key = (f.label, f.text, f.where)
            if key in seen:
                continue
            seen.add(key)
            where = f"{dataset.info.file_name} {f.where}" if f.ref else f.where
            rows.append((TableCell(str(number)), TableCell(f.label + (f"({f.region})"
                         if f.region and f.region not in f.label else "")),
                         TableCell(f.period), TableCell(f.text, f, numeric=True),
                         TableCell(f.status.value), TableCell(where)))
    for o in unshown:
        ind = dataset.indicator(o.indicator)
        fig = level_figure(ind, o, f"{ind.name}({o.region})")
        rows.append((TableCell("未展示"), TableCell(fig.label), TableCell(fig.period),
                     TableCell(fig.text, fig, numeric=True), TableCell(fig.status.value),
                     TableCell(f"{dataset.info.file_name} {fig.where}")))
    if not rows:
        return []
    columns = ("页", "指标", "期间", "数值", "状态", "出处")
    numeric = [False, False, False, True, False, False]
    pages = paginate_table(columns, [[c.text for c in r] for r in rows], numeric,
                           grid.CONTENT.w, grid.CONTENT.h, APPENDIX_ROWS)
    out = []
    for n, chunk in enumerate(pages, start=1):
        page = tuple(rows[k] for k in chunk)
        figures = [c.figure for r in page for c in r if c.figure is not None]
        out.append(Slide(kind=SlideKind.TABLE, title=continued("附:数据核对表", n), section="附录",
                         table=Table(columns, page),
                         footnotes=footnotes(figures, [APPENDIX_NOTE] + (
                             [UNSHOWN_NOTE] if any(r[0].text == "未展示" for r in page) else []),
                             with_sources=sources)))
    return out
