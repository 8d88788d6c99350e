"""The deck's record of what the generator wrote, element by element, as plain data.

Written at build time beside the provenance (``customXml``) and again, compressed, in the
document properties (a second home if an office program drops the first). Every text paragraph,
table cell, chart point and the speaker notes are recorded with the exact text written and the
figures they show; every recorded shape carries ``[xz<slide>.<tag>]`` at the end of its name, so
it is found again after the user moved, reordered or deleted things. ``xzbrief refresh`` compares
this record with a fresh plan from the workbook; nothing is read from the drawn shapes' looks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from xml.etree.ElementTree import Element as XmlElement

from defusedxml import ElementTree as SafeET

from xzbrief.deck.nobreak import plain

NS_PROV = "urn:xzbrief:provenance:1"
TAG_RE = re.compile(r"\s*\[xz(\d+)\.(\d+)\]$")


def shape_tag(uid: int, tag: int) -> str:
    """The suffix of a recorded shape's name: 「数值 [xz5.8]」."""
    return f" [xz{uid}.{tag}]"


def parse_tag(name: str) -> tuple[int, int] | None:
    m = TAG_RE.search(name)
    return (int(m[1]), int(m[2])) if m else None


def strip_tag(name: str) -> str:
    return TAG_RE.sub("", name)


@dataclass(frozen=True)
class RunRec:
    text: str
    colour: str = ""  # the run's srgb colour as written ("" when inherited)


@dataclass(frozen=True)
class ParaRec:
    runs: tuple[RunRec, ...]
    figures: tuple[int, ...] = ()  # indices into the slide's figures

    @cached_property  # the plan asks for it many times
    def text(self) -> str:
        """The words, as a reader sees them: without the invisible U+2060 WORD JOINERs the
        deck draws between a number and its unit (deck.nobreak) — so a sentence compares
        with the model's, and a plan shows (and a GBK console prints) no stray marks."""
        return plain(self.raw)

    @property
    def raw(self) -> str:
        """The runs' text exactly as written (what the patcher splices)."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class SeriesRec:
    name: str
    values: tuple[float | None, ...]
    figures: tuple[int | None, ...] = ()
    formats: tuple[str, ...] = ()  # per point: hashes of its c:dPt and c:dLbl as written


@dataclass(frozen=True)
class ChartRec:
    plots: tuple[str, ...]  # the plot elements written (barChart, lineChart …): the chart type
    categories: tuple[str, ...]
    series: tuple[SeriesRec, ...]
    groups: tuple[str, ...] = ()  # the second category level (years over months)
    external: bool = False  # linked to an outside workbook


@dataclass(frozen=True)
class ElementRec:
    tag: int
    key: str  # stable across re-plans: 数值@工业开票销售收入, 要点#0, title, chart#0, notes
    kind: str  # text / table / chart / notes
    name: str  # the shape's name without the tag
    placeholder: str = ""  # title / ctrTitle / idx: a second way to find a placeholder
    paras: tuple[ParaRec, ...] = ()  # text and notes
    cells: tuple[tuple[ParaRec, ...], ...] = ()  # table: one paragraph per cell
    chart: ChartRec | None = None


@dataclass(frozen=True)
class FigureRec:
    label: str
    text: str
    value: str
    unit: str
    status: str
    period: str
    region: str
    ref: str
    inputs: str
    method: str
    source: str = ""

    @property
    def where(self) -> str:
        return self.ref or (f"由 {self.inputs} 计算" if self.inputs else self.method)


@dataclass(frozen=True)
class SlideRec:
    uid: int
    key: str  # stable across re-plans: kind|section|identity
    kind: str
    title: str
    section: str
    texts: tuple[str, ...]
    figures: tuple[FigureRec, ...]
    elements: tuple[ElementRec, ...] = ()


@dataclass(frozen=True)
class DeckRec:
    dataset_file: str
    dataset_sha256: str
    dataset_modified: str
    recipe: str
    slides: tuple[SlideRec, ...]
    found_in: str = "customXml"  # or "docProps" when the first home was dropped
    brand: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    listed: tuple[str, ...] = ()  # keys of pages already listed as new or gone: said once


class NoRecord(Exception):
    """The deck carries no xzbrief record (not made by xzbrief, or the record was removed)."""


# --- parsing (the writer is in render.package_props) ----------------------------------------
def _q(tag: str) -> str:
    return f"{{{NS_PROV}}}{tag}"


def _para(el: XmlElement) -> ParaRec:
    runs = tuple(RunRec(r.text or "", r.get("c", "")) for r in el.findall(_q("r")))
    figs = tuple(int(x) for x in el.get("f", "").split())
    return ParaRec(runs, figs)


def _value(text: str) -> float | None:
    return float(text) if text else None


def _chart(el: XmlElement) -> ChartRec:
    series = []
    for s in el.findall(_q("ser")):
        pts = s.findall(_q("v"))
        series.append(SeriesRec(s.get("name", ""), tuple(_value(p.text or "") for p in pts),
                                tuple(int(f) if (f := p.get("f", "")) else None for p in pts),
                                tuple(p.get("fmt", ":") for p in pts)))
    return ChartRec(tuple(el.get("plots", "").split()),
                    tuple(c.text or "" for c in el.findall(_q("cat"))), tuple(series),
                    tuple(g.text or "" for g in el.findall(_q("grp"))),
                    el.get("external", "") == "1")


def _element(el: XmlElement) -> ElementRec:
    kind = el.get("kind", "text")
    chart_el = el.find(_q("chart"))
    return ElementRec(int(el.get("tag", "0")), el.get("key", ""), kind, el.get("name", ""),
                      el.get("ph", ""), tuple(_para(p) for p in el.findall(_q("p"))),
                      tuple(tuple(_para(c) for c in row.findall(_q("p")))
                            for row in el.findall(_q("tr"))),
                      _chart(chart_el) if chart_el is not None else None)


def parse_record(blob: bytes, found_in: str = "customXml") -> DeckRec:
    """The record from the provenance part's XML; raises NoRecord when it is not ours or is
    damaged (a number that is not one, XML that does not parse)."""
    try:
        return _parse(blob, found_in)
    except (SafeET.ParseError, ValueError, TypeError) as exc:
        raise NoRecord(str(exc)) from exc


def _parse(blob: bytes, found_in: str) -> DeckRec:
    root = SafeET.fromstring(blob)
    if root.tag != _q("xzbrief"):
        raise NoRecord(root.tag)
    ds = root.find(_q("dataset"))
    recipe = root.find(_q("recipe"))
    slides = []
    for el in root.findall(_q("slide")):
        n = int(el.get("n", "0"))
        figures = tuple(FigureRec(f.get("label", ""), f.get("text", ""), f.get("value", ""),
                                  f.get("unit", ""), f.get("status", ""), f.get("period", ""),
                                  f.get("region", ""), f.get("ref", ""), f.get("inputs", ""),
                                  f.get("method", ""), f.get("source", ""))
                        for f in el.findall(_q("figure")))
        slides.append(SlideRec(int(el.get("uid", str(n))), el.get("key", ""),
                               el.get("kind", ""), el.get("title", ""), el.get("section", ""),
                               tuple(t.text or "" for t in el.findall(_q("text"))), figures,
                               tuple(_element(e) for e in el.findall(_q("el")))))
    get = (lambda k: ds.get(k, "")) if ds is not None else (lambda k: "")
    return DeckRec(get("file"), get("sha256"), get("modified"),
                   (recipe.text or "") if recipe is not None else "", tuple(slides), found_in,
                   root.get("brand", ""),
                   listed=tuple(el.get("key", "") for el in root.findall(_q("listed"))))
