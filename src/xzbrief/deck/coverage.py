"""Which figures of the chosen indicators, regions and periods the deck does not show.

A statistician signs a deck only if no figure was dropped silently: every figure in the
recipe's range that appears on no slide is listed with its cell, so the CLI prints it on stderr
and the app shows it with the build's warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

from xzbrief.dataset.model import Dataset, Observation, Status
from xzbrief.dataset.numbers import plain_number
from xzbrief.deck.model import Slide
from xzbrief.deck.selection import in_range, selected_indicators
from xzbrief.messages import Note, join, note
from xzbrief.recipe import Recipe

MAX_LISTED = 40  # per indicator; the rest are counted
STATUS_WORDS = {Status.ESTIMATE: note("coverage-estimate"), Status.TARGET: note("coverage-target")}


def unshown_figures(dataset: Dataset, recipe: Recipe, slides: Sequence[Slide]
                    ) -> dict[str, list[Observation]]:
    """Per indicator code, the figures in the recipe's range that no slide shows."""
    shown = {f.ref for s in slides for f in s.figures if f.ref is not None}
    known = {t.name for t in dataset.themes}
    out: dict[str, list[Observation]] = {}
    seen: set[str] = set()
    for choice in recipe.theme_choices(dataset):
        if choice.name not in known:
            continue
        for ind in selected_indicators(dataset, choice):
            for o in dataset.observations_of(ind.code, choice.regions):
                if (o.value is None or o.ref is None or o.ref in shown or str(o.ref) in seen
                        or not in_range(o.period, choice)):
                    continue
                seen.add(str(o.ref))
                out.setdefault(ind.code, []).append(o)
    return out


def unshown_warnings(dataset: Dataset, recipe: Recipe, slides: Sequence[Slide]) -> list[Note]:
    """「指标「地区生产总值」有 3 个数字未在汇报中出现:徐州市2019年1—5月 5.1(数据!D12)、…」"""
    out = []
    compared = {r for s in slides for f in s.figures for r in f.derived_from}
    for code, obs in unshown_figures(dataset, recipe, slides).items():
        ind = dataset.indicator(code)
        listed = join(note("plan-figure", region=o.region, period=o.period.label,
                           status=_status(o), number=_number(o), unit=ind.unit, ref=str(o.ref),
                           compared=note("plan-figure-compared") if o.ref in compared else "")
                      for o in obs[:MAX_LISTED])
        more = note("plan-figures-more", n=len(obs) - MAX_LISTED) if len(obs) > MAX_LISTED \
            else ""
        out.append(note("plan-figures-unshown", name=ind.name, n=len(obs), figures=listed,
                        more=more))
    return out


def _number(o: Observation) -> str:
    assert o.value is not None
    return plain_number(o.value)


def _status(o: Observation) -> Note | str:
    return "" if o.status is Status.ACTUAL else STATUS_WORDS[o.status]
