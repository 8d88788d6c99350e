"""Reading what a slide holds, element by element, from its XML: at build time to record what
the generator wrote (and tag each shape's name with ``[xz<slide>.<tag>]``), and at refresh time
to see what the deck holds now. One reader for both, so the two can be compared exactly."""

from __future__ import annotations

import copy
import hashlib
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn as _qn

from xzbrief.deck.model import Figure, Slide
from xzbrief.refresh.keys import card_identity, without_periods
from xzbrief.refresh.record import (
    ChartRec,
    ElementRec,
    ParaRec,
    RunRec,
    SeriesRec,
    parse_tag,
    shape_tag,
    strip_tag,
)

qn = lru_cache(maxsize=None)(_qn)  # python-pptx's qn parses the tag every call
# the parts of a key-figure card: keyed by the card's indicator, not by position
CARD_PARTS = frozenset({"指标卡", "指标卡色条", "指标名称", "预计标记", "预计标记文字", "目标标记",
                        "目标标记文字", "数值", "变化", "备注"})
TITLE_TYPES = ("title", "ctrTitle")
_GROUP, _NVPR, _PH, _FRAME = qn("p:grpSp"), qn("p:nvPr"), qn("p:ph"), qn("p:graphicFrame")
_SHAPES = frozenset(qn(t) for t in ("p:sp", "p:graphicFrame", "p:pic", "p:cxnSp"))
_GRAPHIC_DATA = f"{qn('a:graphic')}/{qn('a:graphicData')}"



_P, _BR, _T = qn("a:p"), qn("a:br"), qn("a:t")
_RUNS = frozenset((qn("a:r"), qn("a:fld")))
_RUN_COLOUR = f"{qn('a:rPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}"



def attr_number(el: Any, name: str, default: float = 0.0) -> float:
    """A number attribute of the user's deck as any office reader takes it: an edited or
    odd deck may write 「2900.5」 or 「abc」 where the schema asks for an integer (refresh
    then read it as the default instead of stopping with an internal error)."""
    value = el.get(name) if el is not None else None
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        return default
    return number if math.isfinite(number) else default


def read_paras(tx_body: Any) -> tuple[ParaRec, ...]:
    """Every paragraph of a text body: runs (a:r, a:fld) with their text and colour; a line
    break as a run of its own holding ``\\n``."""
    return tuple(read_para(p) for p in tx_body.iterchildren(_P))


def read_para(p: Any) -> ParaRec:
    """One paragraph (a:p): its runs' text and colour, a line break as a run of ``\\n``."""
    runs = []
    for child in p.iterchildren():
        tag = child.tag
        if tag in _RUNS:
            t = child.find(_T)
            clr = child.find(_RUN_COLOUR)
            runs.append(RunRec(t.text or "" if t is not None else "",
                               clr.get("val", "") if clr is not None else ""))
        elif tag == _BR:
            runs.append(RunRec("\n"))
    return ParaRec(tuple(runs))


def _cache_points(cache: Any) -> tuple[int, dict[int, str]]:
    if cache is None:
        return 0, {}
    count = cache.find(qn("c:ptCount"))
    n = int(attr_number(count, "val"))
    pts = {}
    for pt in cache.iterchildren(qn("c:pt")):
        v = pt.find(qn("c:v"))
        pts[int(attr_number(pt, "idx"))] = v.text or "" if v is not None else ""
    return n, pts


def category_levels(ser: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The categories of a series (leaf level) and, for two-level axes, the group of each."""
    cat = ser.find(qn("c:cat"))
    if cat is None:
        return (), ()
    multi = cat.find(f"{qn('c:multiLvlStrRef')}/{qn('c:multiLvlStrCache')}")
    if multi is not None:
        count = multi.find(qn("c:ptCount"))
        n = int(attr_number(count, "val"))
        levels = list(multi.iterchildren(qn("c:lvl")))
        leaf = _level(levels[0], n) if levels else [""] * n
        groups: list[str] = []
        if len(levels) > 1:
            top = _level(levels[1], n)
            current = ""
            for k in range(n):
                current = top[k] or current
                groups.append(current)
        return tuple(leaf), tuple(groups)
    for path in ("c:strRef/c:strCache", "c:numRef/c:numCache", "c:strLit", "c:numLit"):
        cache = cat.find("/".join(qn(p) for p in path.split("/")))
        if cache is not None:
            n, pts = _cache_points(cache)
            return tuple(pts.get(k, "") for k in range(n)), ()
    return (), ()


def _level(lvl: Any, n: int) -> list[str]:
    out = [""] * n
    for pt in lvl.iterchildren(qn("c:pt")):
        k = int(attr_number(pt, "idx"))
        v = pt.find(qn("c:v"))
        if 0 <= k < n and v is not None:
            out[k] = v.text or ""
    return out


def series_name(ser: Any) -> str:
    tx = ser.find(qn("c:tx"))
    if tx is None:
        return ""
    v = tx.find(f".//{qn('c:v')}")
    return v.text or "" if v is not None else ""


def series_values(ser: Any) -> tuple[float | None, ...]:
    cache = ser.find(f"{qn('c:val')}/{qn('c:numRef')}/{qn('c:numCache')}")
    if cache is None:
        cache = ser.find(f"{qn('c:val')}/{qn('c:numLit')}")
    n, pts = _cache_points(cache)
    out: list[float | None] = []
    for k in range(n):
        try:
            out.append(float(pts[k]) if k in pts else None)
        except ValueError:
            out.append(None)
    return tuple(out)


def plot_series(chart_space: Any) -> list[Any]:
    area = chart_space.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    if area is None:
        return []
    return [ser for plot in area for ser in plot.iterchildren(qn("c:ser"))]


def is_linked(chart_part: Any) -> bool:
    """Whether the chart takes its data from an outside workbook."""
    ext = chart_part._element.find(qn("c:externalData"))
    if ext is None:
        return False
    rid = ext.get(qn("r:id"))
    rel = chart_part.rels.get(rid) if rid else None
    return rel is not None and (rel.is_external or rel.reltype != RT.PACKAGE)


def read_chart(chart_part: Any, formats: bool = True) -> ChartRec:
    """What a chart shows: its plot types, categories, series values and (``formats``) the
    fingerprint of every point's own look."""
    cs = chart_part._element
    area = cs.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    plots = tuple(etree_local(p.tag) for p in (area if area is not None else ())
                  if etree_local(p.tag).endswith("Chart"))
    sers = plot_series(cs)
    cats, groups = category_levels(sers[0]) if sers else ((), ())
    return ChartRec(plots, cats, tuple(SeriesRec(series_name(s), series_values(s), (),
                                                 point_formats(s, len(cats)) if formats else ())
                                       for s in sers), groups, is_linked(chart_part))


def format_hash(el: Any) -> str:
    """A short fingerprint of a point's c:dPt or c:dLbl without its index: equal when the
    point still looks as the generator wrote it."""
    clone = copy.deepcopy(el)
    for idx in clone.findall(qn("c:idx")):
        clone.remove(idx)
    return hashlib.sha1(etree.tostring(clone, method="c14n")).hexdigest()[:12]


def point_children(ser: Any) -> list[tuple[str, Any]]:
    """The per-point formatting of a series: ("p", c:dPt) and ("l", c:dLbl) elements."""
    out = [("p", d) for d in ser.iterchildren(qn("c:dPt"))]
    dlbls = ser.find(qn("c:dLbls"))
    if dlbls is not None:
        out += [("l", d) for d in dlbls.iterchildren(qn("c:dLbl"))]
    return out


def point_index(el: Any) -> int:
    idx = el.find(qn("c:idx"))
    return int(attr_number(idx, "val", -1))


def point_formats(ser: Any, n: int) -> tuple[str, ...]:
    """Per point ``dPt-hash:dLbl-hash`` ("" where the point has none)."""
    found: dict[tuple[str, int], str] = {}
    for kind, el in point_children(ser):
        found[(kind, point_index(el))] = format_hash(el)
    return tuple(f"{found.get(('p', k), '')}:{found.get(('l', k), '')}" for k in range(n))


def etree_local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


class ShapeRef:
    """A shape on a slide, straight from its XML (python-pptx's shape proxies run an XPath for
    every property; a deck has thousands of them)."""

    __slots__ = ("_element", "part")

    def __init__(self, element: Any, part: Any) -> None:
        self._element = element
        self.part = part

    @property
    def name(self) -> str:
        return shape_name(self)

    @property
    def kind(self) -> str:
        """chart / table / "" (anything else)."""
        if self._element.tag != _FRAME:
            return ""
        data = self._element.find(_GRAPHIC_DATA)
        uri = data.get("uri", "") if data is not None else ""
        return "chart" if uri.endswith("/chart") else ("table" if uri.endswith("/table")
                                                        else "")

    @property
    def chart_part(self) -> Any:
        chart = self._element.find(f"{_GRAPHIC_DATA}/{qn('c:chart')}")
        return self.part.related_part(chart.get(qn("r:id")))


def iter_shapes(slide: Any) -> Iterator[ShapeRef]:
    """A slide's shapes, with the members of groups (a user may group a chart with its
    caption)."""
    part = slide.part

    def walk(parent: Any) -> Iterator[ShapeRef]:
        for el in parent.iterchildren():
            if el.tag == _GROUP:
                yield from walk(el)
            elif el.tag in _SHAPES:
                yield ShapeRef(el, part)

    yield from walk(slide.shapes._spTree)


def placeholder_kind(sh: Any) -> str:
    """title / ctrTitle / the idx of another placeholder; "" for ordinary shapes."""
    el = sh._element
    nv = el[0] if len(el) else None
    pr = nv.find(_NVPR) if nv is not None else None
    ph = pr.find(_PH) if pr is not None else None
    if ph is None:
        return ""
    kind = ph.get("type", "")
    return kind if kind in TITLE_TYPES else f"ph{ph.get('idx', '0')}"


def shape_name(sh: Any) -> str:
    """The shape's name, read straight from its cNvPr (python-pptx's property runs an XPath)."""
    try:
        return str(sh._element[0][0].get("name", ""))
    except IndexError:
        return str(sh.name)


def read_element(sh: ShapeRef, tag: int = 0, key: str = "", formats: bool = True
                 ) -> ElementRec | None:
    """What one shape holds now (None for a shape with nothing we record); ``formats``: a
    chart's point fingerprints too."""
    name = strip_tag(shape_name(sh))
    ph = placeholder_kind(sh)
    kind = sh.kind
    if kind == "chart":
        return ElementRec(tag, key, "chart", name, ph,
                          chart=read_chart(sh.chart_part, formats))
    if kind == "table":
        rows = []
        for tr in sh._element.iter(qn("a:tr")):
            cells = []
            for tc in tr.iterchildren(qn("a:tc")):
                body = tc.find(qn("a:txBody"))
                paras = read_paras(body) if body is not None else ()
                runs = tuple(r for i, p in enumerate(paras)
                             for r in ((RunRec("\n"),) if i else ()) + p.runs)
                cells.append(ParaRec(runs))
            rows.append(tuple(cells))
        return ElementRec(tag, key, "table", name, ph, cells=tuple(rows))
    body = sh._element.find(qn("p:txBody"))
    if body is None:
        return None
    paras = read_paras(body)
    if not any(p.text.strip() for p in paras) and not ph:
        return None
    return ElementRec(tag, key, "text", name, ph, paras=paras)


_NOTES_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


def notes_body(slide: Any) -> Any | None:
    """The text body of the slide's notes (its body placeholder), None without notes; read
    from the XML (python-pptx's notes proxies walk every placeholder per call)."""
    try:
        part = slide.part.part_related_by(RT.NOTES_SLIDE)
    except KeyError:
        return None
    for sp in part._element.iter(qn("p:sp")):
        ph = sp.find(_NOTES_PH)
        if ph is not None and ph.get("type") == "body":
            return sp.find(qn("p:txBody"))
    return None


# --- build time ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SlideElements:
    elements: tuple[ElementRec, ...]


def _figure_index(figures: Sequence[Figure], f: Figure | None) -> int | None:
    if f is None:
        return None
    for i, g in enumerate(figures):
        if g == f:
            return i
    return None


def _with_figures(paras: tuple[ParaRec, ...], figures: Sequence[Figure]) -> tuple[ParaRec, ...]:
    out = []
    for p in paras:
        text = p.text
        figs = tuple(i for i, f in enumerate(figures) if f.text and f.text in text)
        out.append(ParaRec(p.runs, figs))
    return tuple(out)


def _table_figures(rec: ElementRec, model: Slide) -> ElementRec:
    if model.table is None:
        return rec
    figs = [[cell.figure for cell in row] for row in model.table.rows]
    rows = []
    for r, row in enumerate(rec.cells):
        cells = []
        for c, cell in enumerate(row):
            f = figs[r - 1][c] if 0 < r <= len(figs) and c < len(figs[r - 1]) else None
            i = _figure_index(model.figures, f)
            cells.append(ParaRec(cell.runs, (i,) if i is not None else ()))
        rows.append(tuple(cells))
    return ElementRec(rec.tag, rec.key, rec.kind, rec.name, rec.placeholder, cells=tuple(rows))


def _chart_figures(rec: ElementRec, model: Slide) -> ElementRec:
    if rec.chart is None or model.chart is None:
        return rec
    series = []
    for s, ms in zip(rec.chart.series, model.chart.series, strict=False):
        figs = tuple(_figure_index(model.figures, f) for f in ms.figures)
        series.append(SeriesRec(s.name, s.values, figs, s.formats))
    chart = ChartRec(rec.chart.plots, rec.chart.categories, tuple(series), rec.chart.groups,
                     rec.chart.external)
    return ElementRec(rec.tag, rec.key, rec.kind, rec.name, rec.placeholder, chart=chart)


def record_slide(slide: Any, uid: int, model: Slide, notes: Any | None = None
                 ) -> tuple[ElementRec, ...]:
    """Tag every shape that holds text, a table or a chart (``[xz<uid>.<tag>]`` after its
    name) and record what it holds, with the figures each paragraph, cell and point shows.
    ``notes``: the notes' text body when it was not placed on a notes page."""
    out: list[ElementRec] = []
    counts: dict[str, int] = {}
    card = ""
    cards = 0  # the n-th card's shapes are keyed by its indicator, whatever period it names
    twins: dict[str, int] = {}  # cards of one indicator on one page (4月当月 and 2024年)
    tag = 0
    for sh in iter_shapes(slide):
        rec = read_element(sh)
        if rec is None:
            continue
        name = rec.name
        if rec.placeholder:
            key = "title" if rec.placeholder in TITLE_TYPES else rec.placeholder
        elif name in CARD_PARTS:
            if name == "指标名称":
                card = (card_identity(model.cards[cards]) if cards < len(model.cards)
                        else without_periods(rec.paras[0].text if rec.paras else ""))
                cards += 1
                # the second card of the same indicator is its own place, in page order: keyed
                # alike, refresh put the first card's figure on both
                twins[card] = twins.get(card, 0) + 1
                if twins[card] > 1:
                    card = f"{card}#{twins[card]}"
            key = f"{name}@{card}"
        else:
            kind = {"chart": "chart", "table": "table"}.get(rec.kind, name)
            key = f"{kind}#{counts.get(kind, 0)}"
            counts[kind] = counts.get(kind, 0) + 1
        tag += 1
        sh._element[0][0].set("name", name + shape_tag(uid, tag))
        if rec.kind == "text":
            rec = ElementRec(tag, key, "text", name, rec.placeholder,
                             paras=_with_figures(rec.paras, model.figures))
        elif rec.kind == "table":
            rec = _table_figures(ElementRec(tag, key, "table", name, rec.placeholder,
                                            cells=rec.cells), model)
        else:
            rec = _chart_figures(ElementRec(tag, key, "chart", name, rec.placeholder,
                                            chart=rec.chart), model)
        out.append(rec)
    body = notes if notes is not None else notes_body(slide)
    if body is not None:
        out.append(ElementRec(0, "notes", "notes", "备注页",
                              paras=_with_figures(read_paras(body), model.figures)))
    return tuple(out)


def find_tagged(slides: Any) -> dict[tuple[int, int], list[tuple[int, Any]]]:
    """(uid, tag) -> [(slide number, shape)] for every tagged shape in a deck."""
    found: dict[tuple[int, int], list[tuple[int, Any]]] = {}
    for n, slide in enumerate(slides, start=1):
        for sh in iter_shapes(slide):
            tag = parse_tag(shape_name(sh))
            if tag is not None:
                found.setdefault(tag, []).append((n, sh))
    return found
