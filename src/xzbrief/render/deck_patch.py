"""An edited deck, read and patched in place: what each recorded shape holds now (the
``Snapshot`` the refresh plan compares with), and the plan's edits written into the same XML —
text inside the existing runs, table cells, chart caches and the existing embedded workbook's
cells, the generated part of the notes. Nothing is moved, restyled, added or removed besides."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn as _qn
from pptx.shapes.shapetree import SlideShapeFactory

from xzbrief.deck.textfit import text_width
from xzbrief.messages import Note, note
from xzbrief.messages.refresh import PLACES, words
from xzbrief.refresh.fit import Frame
from xzbrief.refresh.plan import FreeText, Located, Op, Snapshot
from xzbrief.refresh.record import (
    ChartRec,
    DeckRec,
    ElementRec,
    ParaRec,
    SeriesRec,
    parse_tag,
    strip_tag,
)
from xzbrief.render.shape_record import (
    TITLE_TYPES,
    attr_number,
    category_levels,
    format_hash,
    iter_shapes,
    notes_body,
    placeholder_kind,
    plot_series,
    point_children,
    point_index,
    read_element,
    read_para,
    read_paras,
    series_name,
    shape_name,
)
from xzbrief.render.xlsx_cells import Value, set_cells, split_ref

qn = lru_cache(maxsize=None)(_qn)  # python-pptx's qn parses the tag every call
_TEXT = (qn("a:r"), qn("a:fld"))



@dataclass
class Handles:
    """The shapes behind a snapshot: (uid, tag) -> the shape; uid -> its slide."""

    shapes: dict[tuple[int, int], Any] = field(default_factory=dict)
    slides: dict[int, Any] = field(default_factory=dict)
    touched: dict[str, Any] = field(default_factory=dict)  # part name -> a part patched

    def touch(self, part: Any) -> None:
        self.touched[str(part.partname)] = part


def tagged_shapes(prs: Any) -> Handles:
    """Every tagged shape of a deck just rendered (the fresh plan, for its chart formats)."""
    handles = Handles()
    for slide in prs.slides:
        for sh in iter_shapes(slide):
            tag = parse_tag(shape_name(sh))
            if tag is not None:
                handles.shapes[tag] = sh
                handles.slides[tag[0]] = slide
    return handles


def take_snapshot(prs: Any, record: DeckRec) -> tuple[Snapshot, Handles]:
    """Find every recorded element in the deck as it is now (by the tag in its shape's name;
    a placeholder whose name another program changed by its placeholder type) and collect the
    text that is the user's own. Every shape is read once."""
    slides = list(prs.slides)
    shapes = [list(iter_shapes(slide)) for slide in slides]
    tagged: dict[tuple[int, int], list[tuple[int, Any]]] = {}
    votes: dict[int, Counter[int]] = {}
    for n, on_slide in enumerate(shapes, start=1):
        for sh in on_slide:
            tag = parse_tag(shape_name(sh))
            if tag is not None:
                tagged.setdefault(tag, []).append((n, sh))
                votes.setdefault(tag[0], Counter())[n] += 1
    home = {uid: c.most_common(1)[0][0] for uid, c in votes.items()}
    handles = Handles()
    elements: dict[tuple[int, int], Located] = {}
    read: dict[int, ElementRec | None] = {}  # id(shape element) -> what it holds
    used: dict[int, tuple[ParaRec, ...]] = {}  # recorded shapes -> the paragraphs recorded
    notes: dict[int, Any] = {}
    for srec in record.slides:
        if srec.uid not in home:
            continue
        n = home[srec.uid]
        slide = slides[n - 1]
        handles.slides[srec.uid] = slide
        for el in srec.elements:
            if el.kind == "notes":
                body = notes.get(n) if n in notes else notes.setdefault(n, notes_body(slide))
                if body is not None:
                    elements[(srec.uid, 0)] = Located(n, replace_paras(el, read_paras(body)),
                                                      "备注页")
                continue
            shape, how = None, ""
            for m, sh in tagged.get((srec.uid, el.tag), []):
                if m == n:
                    shape, how = sh, "形状名"
                    break
            if shape is None and el.placeholder:
                for sh in shapes[n - 1]:
                    if (placeholder_kind(sh) == el.placeholder and parse_tag(shape_name(sh)) is None
                            and id(sh._element) not in used):
                        shape, how = sh, "占位符"
                        break
            if shape is None:
                continue
            cur = read_element(shape, el.tag, el.key, formats=False)
            read[id(shape._element)] = cur
            if cur is None:
                continue
            used[id(shape._element)] = el.paras
            handles.shapes[(srec.uid, el.tag)] = shape
            elements[(srec.uid, el.tag)] = Located(n, cur, how)
    free = _free_texts(slides, shapes, used, read, notes, record, home)
    return Snapshot(dict(home.items()), elements, tuple(free),
                    len(slides)), handles


# --- the room in a text box ----------------------------------------------------------------
_EMU_PER_PT = 12700
_INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))  # defaults
_SIZED = (qn("a:rPr"), qn("a:endParaRPr"))


def _paragraph_size(p: Any) -> float | None:
    """The largest run size of a paragraph in points (None: a run inherits its size)."""
    sizes = []
    for c in _pieces(p):
        if c.tag == qn("a:br"):
            continue
        rpr = c.find(qn("a:rPr"))
        sz = rpr.get("sz") if rpr is not None else None
        if sz is None:
            return None
        sizes.append(attr_number(rpr, "sz") / 100)
    return max(sizes) if sizes else None


def paragraph_sizes(shape: Any) -> tuple[float, ...] | None:
    """Each paragraph's largest run size (None: some text inherits its size)."""
    out: list[float] = []
    for p in _paragraphs(shape):
        size = _paragraph_size(p)
        if size is None and para_text(p):
            return None
        out.append(size if size is not None else (out[-1] if out else 0.0))
    return tuple(out) if out and max(out) > 0 else None


def frame_reader(handles: Handles) -> Callable[[int, int], Frame | None]:
    """(uid, tag) -> the room in that text box and its sizes, measured when first asked."""
    cache: dict[tuple[int, int], Frame | None] = {}

    def read(uid: int, tag: int) -> Frame | None:
        key = (uid, tag)
        if key not in cache:
            shape, slide = handles.shapes.get(key), handles.slides.get(uid)
            cache[key] = (text_frame(shape, slide) if shape is not None and slide is not None
                          and shape.kind == "" else None)
        return cache[key]

    return read


def text_frame(shape: Any, slide: Any) -> Frame | None:
    """The room inside a text box as it stands (moved, resized) and its paragraphs' sizes;
    None for a box that grows with its text or inherits its sizes."""
    body = shape._element.find(qn("p:txBody"))
    pr = body.find(qn("a:bodyPr")) if body is not None else None
    if pr is None or pr.find(qn("a:spAutoFit")) is not None:
        return None
    sizes = paragraph_sizes(shape)
    if sizes is None:
        return None
    ext = shape._element.find(_EXT)
    if ext is None:  # a placeholder where the layout sets the place
        ext = _layout_ext(shape, slide)
    if ext is not None:
        cx, cy = attr_number(ext, "cx"), attr_number(ext, "cy")
    else:  # … or the master
        proxy = SlideShapeFactory(shape._element, slide.shapes)
        cx, cy = int(proxy.width or 0), int(proxy.height or 0)
    ins = {k: attr_number(pr, k, d) for k, d in _INSETS}
    width = (cx - ins["lIns"] - ins["rIns"]) / _EMU_PER_PT
    height = (cy - ins["tIns"] - ins["bIns"]) / _EMU_PER_PT
    if width <= 0 or height <= 0:
        return None
    ps = _paragraphs(shape)
    pprs = [p.find(qn("a:pPr")) for p in ps]
    return Frame(width, height, sizes, _spacing(body, max(sizes)), pr.get("wrap") != "none",
                 texts=tuple(para_text(p) for p in ps),
                 widths=tuple(_drawn_width(p) for p in ps),
                 gaps=tuple(_gap(ppr, size) for ppr, size in zip(pprs, sizes, strict=False)),
                 indents=tuple(_hanging(ppr) for ppr in pprs))


def _gap(ppr: Any, size: float) -> float:
    """The space before and after a paragraph, in points."""
    out = 0.0
    for where in ("a:spcBef", "a:spcAft"):
        spc = ppr.find(qn(where)) if ppr is not None else None
        pts = spc.find(qn("a:spcPts")) if spc is not None else None
        pct = spc.find(qn("a:spcPct")) if spc is not None else None
        if pts is not None:
            out += attr_number(pts, "val") / 100
        elif pct is not None:
            out += attr_number(pct, "val") / 100000 * size
    return out


def _hanging(ppr: Any) -> float:
    """Where a hanging-indent paragraph's text starts (its left margin), in points; 0 else."""
    if ppr is None or attr_number(ppr, "indent") >= 0:
        return 0.0
    return attr_number(ppr, "marL") / _EMU_PER_PT


def _drawn_width(p: Any) -> float:
    """The widest line of a paragraph, each run measured at its own size (deck.textfit)."""
    widest = line = 0.0
    for c in _pieces(p):
        if c.tag == qn("a:br"):
            widest, line = max(widest, line), 0.0
            continue
        rpr = c.find(qn("a:rPr"))
        sz = rpr.get("sz") if rpr is not None else None
        if sz is not None:
            line += text_width(_piece_text(c), attr_number(rpr, "sz") / 100)
    return max(widest, line)


_EXT = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}"
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


def _layout_ext(shape: Any, slide: Any) -> Any | None:
    """The size the slide's layout gives a placeholder (read from its XML: python-pptx's
    inheritance runs an XPath per property)."""
    ph = shape._element.find(_PH_PATH)
    if ph is None:
        return None
    kind, idx = ph.get("type", "obj"), ph.get("idx", "0")
    try:
        layout = slide.part.part_related_by(RT.SLIDE_LAYOUT)._element
    except KeyError:
        return None
    for sp in layout.iter(qn("p:sp")):
        other = sp.find(_PH_PATH)
        if other is None:
            continue
        if (kind in TITLE_TYPES and other.get("type") in TITLE_TYPES) or (
                kind not in TITLE_TYPES and other.get("idx", "0") == idx):
            return sp.find(_EXT)
    return None


def _spacing(body: Any, size: float) -> float:
    """Line height as a multiple of the size, as the layout writes it (1.2 when unset)."""
    p = body.find(qn("a:p"))
    ln = p.find(f"{qn('a:pPr')}/{qn('a:lnSpc')}") if p is not None else None
    if ln is not None:
        pct = ln.find(qn("a:spcPct"))
        if pct is not None:
            return attr_number(pct, "val", 100000) / 100000
        pts = ln.find(qn("a:spcPts"))
        if pts is not None and size > 0:
            return attr_number(pts, "val") / 100 / size
    return 1.2


def resize_paragraphs(shape: Any, sizes: tuple[float, ...]) -> None:
    """Each paragraph set at its new largest size: every run scaled alike (a card's unit stays
    half its number), and a line spacing and the space between paragraphs in points with it."""
    for j, p in enumerate(_paragraphs(shape)):
        now = _paragraph_size(p)
        if now is None or now <= 0 or j >= len(sizes):
            continue
        factor = sizes[j] / now
        if abs(factor - 1) < 1e-9:
            continue
        for rpr in p.iter(*_SIZED):
            sz = rpr.get("sz")
            if sz is not None:
                rpr.set("sz", str(max(100, round(attr_number(rpr, "sz", 1800) * factor))))
        for where in ("a:lnSpc", "a:spcBef", "a:spcAft"):  # as the layout sizes them
            pts = p.find(f"{qn('a:pPr')}/{qn(where)}/{qn('a:spcPts')}")
            if pts is not None:
                pts.set("val", str(round(attr_number(pts, "val") * factor)))


def replace_paras(el: ElementRec, paras: tuple[ParaRec, ...]) -> ElementRec:
    return replace(el, paras=paras)


def _free_texts(slides: list[Any], shapes: list[list[Any]],
                used: dict[int, tuple[ParaRec, ...]], read: dict[int, ElementRec | None],
                notes: dict[int, Any], record: DeckRec, home: dict[int, int]) -> list[FreeText]:
    out: list[FreeText] = []
    recorded_notes: dict[int, set[str]] = {}
    for srec in record.slides:
        n = home.get(srec.uid)
        for el in srec.elements:
            if el.kind == "notes" and n is not None:
                recorded_notes.setdefault(n, set()).update(p.text for p in el.paras)
    for n, slide in enumerate(slides, start=1):
        for sh in shapes[n - 1]:
            key = id(sh._element)
            if sh.kind == "chart":  # a chart holds no words of the user's to check
                continue
            rec = read[key] if key in read else read_element(sh)
            if rec is None:
                continue
            name = strip_tag(shape_name(sh))
            skip = 0
            if key in used:
                skip = len(used[key])
                if rec.kind != "text":
                    continue
            for i, p in enumerate(rec.paras):
                if i >= skip and p.text.strip():
                    out.append(FreeText(n, *_words(PLACES, "para", p.text, base=name, n=i + 1)))
            for r, row in enumerate(rec.cells):
                for c, cell in enumerate(row):
                    if cell.text.strip():
                        where = _words(PLACES, "cell", cell.text, base=name, r=r + 1, c=c + 1)
                        out.append(FreeText(n, *where))
        body = notes[n] if n in notes else notes_body(slide)
        if body is not None:
            for p in read_paras(body):
                if p.text.strip() and p.text not in recorded_notes.get(n, set()):
                    out.append(FreeText(n, *_words(PLACES, "notes", p.text)))
    return out


def _words(table: dict[str, tuple[str, str]], key: str, text: str,
           **params: object) -> tuple[str, str, str]:
    """(place in Chinese, the text, place in English) for a FreeText."""
    zh, en = words(table, key, **params)
    return zh, text, en


# --- patching text -------------------------------------------------------------------------
def _pieces(p: Any) -> list[Any]:
    return [c for c in p.iterchildren() if c.tag in (*_TEXT, qn("a:br"))]


def _piece_text(c: Any) -> str:
    if c.tag == qn("a:br"):
        return "\n"
    t = c.find(qn("a:t"))
    return (t.text or "") if t is not None else ""


def _set_text(c: Any, text: str) -> None:
    t = c.find(qn("a:t"))
    if t is None:
        t = etree.SubElement(c, qn("a:t"))
    t.text = text


def _colour(c: Any) -> Any:
    return c.find(f"{qn('a:rPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")


def splice_para(p: Any, old: ParaRec, new: ParaRec) -> None:
    """Write ``new`` into the paragraph that shows ``old``, keeping every run's formatting: run
    for run when the runs are as written, else only the changed stretch of text is replaced
    inside the run where it starts."""
    pieces = _pieces(p)
    texts = [_piece_text(c) for c in pieces]
    if (texts == [r.text for r in old.runs] and len(old.runs) == len(new.runs)
            and all((a.text == "\n") == (b.text == "\n")
                    for a, b in zip(old.runs, new.runs, strict=True))):
        for c, o, n in zip(pieces, old.runs, new.runs, strict=True):
            if c.tag == qn("a:br"):
                continue
            _set_text(c, n.text)
            clr = _colour(c)  # a colour that speaks (▲ red, ▼ green) follows, unless changed
            if clr is not None and n.colour and o.colour == clr.get("val") != n.colour:
                clr.set("val", n.colour)
        _split_newlines(p)
        return
    full_old, full_new = "".join(texts), new.raw  # joiners and all
    # every stretch that differs is replaced inside the run where it starts (a number the user
    # made bold stays bold), from the end so the earlier positions stay valid
    ops = SequenceMatcher(None, full_old, full_new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):
        if tag != "equal":
            _replace_span(p, i1, i2, full_new[j1:j2])
    _split_newlines(p)


def _replace_span(p: Any, start: int, end: int, insert: str) -> None:
    """Characters ``start:end`` of the paragraph's text become ``insert``: the run holding
    ``start`` takes the new text, the rest of the span is cut from the runs it covers."""
    pieces = _pieces(p)
    pos = 0
    placed = False
    for c in pieces:
        text = _piece_text(c)
        a, b = pos, pos + len(text)
        pos = b
        if c.tag == qn("a:br"):
            if start <= a and b <= end and a < end:
                p.remove(c)
            continue
        keep_head = text[:max(0, min(len(text), start - a))]
        keep_tail = text[max(0, min(len(text), end - a)):]
        if not placed and (a <= start < b or (start == end == b)):
            _set_text(c, keep_head + insert + keep_tail)
            placed = True
        elif a < end and b > start:
            _set_text(c, keep_head + keep_tail)
    if placed:
        return
    runs = [c for c in pieces if c.tag in _TEXT]  # an empty paragraph, or text at its end
    if runs:
        _set_text(runs[-1], _piece_text(runs[-1]) + insert)
        return
    r = etree.Element(qn("a:r"))
    _set_text(r, insert)
    end_rpr = p.find(qn("a:endParaRPr"))
    if end_rpr is not None:
        end_rpr.addprevious(r)
    else:
        p.append(r)


def _split_newlines(p: Any) -> None:
    """A line break inside a run's text becomes a:br between two runs of the same format."""
    for r in list(p.iterchildren(qn("a:r"))):
        text = _piece_text(r)
        if "\n" not in text:
            continue
        parts = text.split("\n")
        _set_text(r, parts[0])
        anchor = r
        rpr = r.find(qn("a:rPr"))
        for part in parts[1:]:
            br = etree.Element(qn("a:br"))
            if rpr is not None:
                br.append(copy.deepcopy(rpr))
            run = copy.deepcopy(r)
            _set_text(run, part)
            anchor.addnext(br)
            br.addnext(run)
            anchor = run


def _paragraphs(shape: Any) -> list[Any]:
    body = shape._element.find(qn("p:txBody"))
    return list(body.iterchildren(qn("a:p"))) if body is not None else []


def _patch_paras(ps: list[Any], old: tuple[ParaRec, ...], new: tuple[ParaRec, ...]) -> None:
    """Generated paragraphs rewritten one for one (``old``: what each shows, where known); a
    new one copies the last's look, one too many is removed."""
    for i, n in enumerate(new):
        if i < len(ps):
            splice_para(ps[i], old[i] if i < len(old) else read_para(ps[i]), n)
        else:
            clone = copy.deepcopy(ps[-1])
            ps[-1].addnext(clone)
            splice_para(clone, read_para(clone), n)
            ps.append(clone)
    for extra in ps[len(new):]:
        extra.getparent().remove(extra)


def para_text(p: Any) -> str:
    return "".join(_piece_text(c) for c in _pieces(p))


def _patch_notes(body: Any, old: tuple[ParaRec, ...], new: tuple[ParaRec, ...]) -> None:
    """The generated lines of the notes are rewritten where they stand; the user's lines (any
    paragraph that is not one the generator wrote) are kept, in their places."""
    ps = list(body.iterchildren(qn("a:p")))
    old_texts = [o.raw for o in old]  # as written, joiners and all
    generated = [p for p in ps if para_text(p) in old_texts]
    if generated:
        _patch_paras(generated, (), new)


# --- patching charts ----------------------------------------------------------------------
_F = re.compile(r"^(?:'((?:[^']|'')+)'|([^!]+))!(\$?[A-Z]+\$?\d+)(?::(\$?[A-Z]+\$?\d+))?$")


def _range(f: str) -> tuple[str, str, int, str, int] | None:
    """'Sheet1!$A$2:$B$6' -> (sheet, first col, first row, last col, last row)."""
    m = _F.match(f.strip())
    if m is None:
        return None
    sheet = (m[1] or "").replace("''", "'") or (m[2] or "")
    c1, r1 = split_ref(m[3])
    c2, r2 = split_ref(m[4] or m[3])
    return sheet, c1, r1, c2, r2


def _formula(sheet: str, c1: str, r1: int, c2: str, r2: int) -> str:
    name = sheet if re.fullmatch(r"[A-Za-z0-9_]+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!${c1}${r1}" + (f":${c2}${r2}" if (c1, r1) != (c2, r2) else "")


def _cache(parent: Any, values: list[str | None]) -> None:
    for child in list(parent):
        if child.tag in (qn("c:ptCount"), qn("c:pt")):
            parent.remove(child)
    anchor = parent.find(qn("c:formatCode"))
    count = etree.Element(qn("c:ptCount"), val=str(len(values)))
    if anchor is not None:
        anchor.addnext(count)
    else:
        parent.insert(0, count)
    last = count
    for k, v in enumerate(values):
        if v is None:
            continue
        pt = etree.Element(qn("c:pt"), idx=str(k))
        etree.SubElement(pt, qn("c:v")).text = v
        last.addnext(pt)
        last = pt


def patch_chart(chart_part: Any, old: ChartRec, new: ChartRec,
                new_part: Any | None = None) -> list[Note]:
    """The chart's cached categories and values, and the same cells of its existing embedded
    workbook, set to the new plan's. Per-point formatting the user gave (a recoloured bar, a
    moved label) stays with its category; the generator's own (an estimate's lighter fill) is
    replaced by the fresh plan's. Returns what could not be done."""
    problems: list[Note] = []
    cs = chart_part._element
    new_series = {s.name: s for s in new.series}
    old_series = {s.name: s for s in old.series}
    fresh = {series_name(s): s for s in plot_series(new_part._element)} if new_part else {}
    sers = plot_series(cs)
    cur_cats, _ = category_levels(sers[0]) if sers else ((), ())
    n = len(new.categories)
    cells: dict[str, dict[str, Value]] = {}
    for ser in sers:
        name = series_name(ser)
        ns = new_series.get(name)
        if ns is None:
            problems.append(note("refresh-series-missing", name=name))
            continue
        _point_formats(ser, cur_cats, new, old_series.get(name), old.categories,
                       fresh.get(name))
        _patch_categories(ser, new, cells)
        val = ser.find(qn("c:val"))
        ref = val.find(qn("c:numRef")) if val is not None else None
        cache = ref.find(qn("c:numCache")) if ref is not None else None
        if ref is None or cache is None:
            problems.append(note("refresh-series-no-cache", name=name))
            continue
        _cache(cache, [None if v is None else repr(float(v)) for v in ns.values])
        f = ref.find(qn("c:f"))
        rng = _range(f.text or "") if f is not None else None
        if rng is not None and f is not None:
            sheet, c1, r1, _c2, r2 = rng
            f.text = _formula(sheet, c1, r1, c1, r1 + n - 1)
            book = cells.setdefault(sheet, {})
            for k in range(max(n, r2 - r1 + 1)):
                book[f"{c1}{r1 + k}"] = ns.values[k] if k < n else None
    _write_workbook(chart_part, cells, problems)
    return problems


def cat_key(category: str) -> str:
    """A category by its first line: 「2025年\n（预计）」 is 2025年 once it is actual."""
    return category.split("\n", 1)[0].strip()


_AFTER_DPT = ("c:dLbls", "c:trendline", "c:errBars", "c:cat", "c:val", "c:smooth", "c:shape",
              "c:extLst")


def _point_formats(ser: Any, cur_cats: tuple[str, ...], new: ChartRec, old: SeriesRec | None,
                   old_cats: tuple[str, ...], fresh: Any | None) -> None:
    recorded = ({cat_key(c): f for c, f in zip(old_cats, old.formats, strict=False)}
                if old is not None else {})
    new_keys = [cat_key(c) for c in new.categories]
    kept: set[tuple[str, int]] = set()
    for kind, el in point_children(ser):
        k = point_index(el)
        cat = cat_key(cur_cats[k]) if 0 <= k < len(cur_cats) else None
        mine = recorded.get(cat or "", ":").split(":")[0 if kind == "p" else 1]
        if cat is None or cat not in new_keys or format_hash(el) == mine:
            el.getparent().remove(el)  # the generator's (or its point is gone)
            continue
        j = new_keys.index(cat)
        idx = el.find(qn("c:idx"))
        if idx is not None:
            idx.set("val", str(j))
        kept.add((kind, j))
    if fresh is None:
        return
    for kind, el in point_children(fresh):
        j = point_index(el)
        if (kind, j) in kept:
            continue
        clone = copy.deepcopy(el)
        if kind == "p":
            last = list(ser.iterchildren(qn("c:dPt")))
            if last:
                last[-1].addnext(clone)
            else:
                anchor = next((c for t in _AFTER_DPT if (c := ser.find(qn(t))) is not None),
                              None)
                if anchor is not None:
                    anchor.addprevious(clone)
        else:
            dlbls = ser.find(qn("c:dLbls"))
            if dlbls is None:
                continue  # the user took the labels off: none are added back
            last = list(dlbls.iterchildren(qn("c:dLbl")))
            if last:
                last[-1].addnext(clone)
            else:
                dlbls.insert(0, clone)


def _patch_categories(ser: Any, new: ChartRec, cells: dict[str, dict[str, Value]]) -> None:
    cat = ser.find(qn("c:cat"))
    if cat is None:
        return
    n = len(new.categories)
    multi = cat.find(qn("c:multiLvlStrRef"))
    ref = multi
    for tag in ("c:strRef", "c:numRef"):
        if ref is None:
            ref = cat.find(qn(tag))
    if ref is None:
        return
    f = ref.find(qn("c:f"))
    rng = _range(f.text or "") if f is not None else None
    if multi is not None:
        cache = multi.find(qn("c:multiLvlStrCache"))
        if cache is None:
            return
        for child in list(cache):
            cache.remove(child)
        etree.SubElement(cache, qn("c:ptCount"), val=str(n))
        leaf = etree.SubElement(cache, qn("c:lvl"))
        for k, c in enumerate(new.categories):
            pt = etree.SubElement(leaf, qn("c:pt"), idx=str(k))
            etree.SubElement(pt, qn("c:v")).text = c
        if new.groups:
            top = etree.SubElement(cache, qn("c:lvl"))
            for k, g in enumerate(new.groups):
                if k == 0 or new.groups[k - 1] != g:
                    pt = etree.SubElement(top, qn("c:pt"), idx=str(k))
                    etree.SubElement(pt, qn("c:v")).text = g
    else:
        cache = ref.find(qn("c:strCache"))
        if cache is None:
            cache = ref.find(qn("c:numCache"))
        if cache is None:
            return
        _cache(cache, list(new.categories))
    if rng is not None and f is not None:
        sheet, c1, r1, c2, r2 = rng
        f.text = _formula(sheet, c1, r1, c2, r1 + n - 1)
        book = cells.setdefault(sheet, {})
        leaf_col = c2
        group_col = c1 if c1 != c2 else None
        for k in range(max(n, r2 - r1 + 1)):
            book[f"{leaf_col}{r1 + k}"] = new.categories[k] if k < n else None
            if group_col is not None:
                first = k < n and new.groups and (k == 0 or new.groups[k - 1] != new.groups[k])
                book[f"{group_col}{r1 + k}"] = new.groups[k] if first else None


def _write_workbook(chart_part: Any, cells: dict[str, dict[str, Value]],
                    problems: list[Note]) -> None:
    xlsx = chart_part.chart_workbook.xlsx_part
    if xlsx is None:  # LibreOffice drops it on a re-save
        problems.append(note("refresh-no-embedded-workbook"))
        return
    if not cells:
        return
    blob = xlsx.blob
    for sheet, values in cells.items():
        try:
            blob = set_cells(blob, sheet, values)
        except (ValueError, KeyError) as exc:
            problems.append(note("refresh-embedded-sheet", sheet=sheet, reason=str(exc)))
    xlsx._blob = blob


# --- applying a plan ------------------------------------------------------------------------
def apply_ops(handles: Handles, ops: list[Op], fresh: Handles | None = None) -> list[Note]:
    """Every op written into the deck; returns what could not be done."""
    problems: list[Note] = []
    for op in ops:
        if op.kind == "notes":
            slide = handles.slides.get(op.uid)
            body = notes_body(slide) if slide is not None else None
            if slide is not None and body is not None:
                _patch_notes(body, op.old, op.new)
                handles.touch(slide.part.part_related_by(RT.NOTES_SLIDE))
            continue
        shape = handles.shapes.get((op.uid, op.tag))
        if shape is None:
            continue
        handles.touch(shape.part)
        if op.kind == "para":
            ps = _paragraphs(shape)
            if op.index < len(ps):
                splice_para(ps[op.index], op.old[0], op.new[0])
        elif op.kind == "paras":
            ps = _paragraphs(shape)
            if ps:
                _patch_paras(ps, op.old, op.new)
        if op.sizes and op.kind in ("para", "paras", "size"):  # size: restyled, same words
            resize_paragraphs(shape, op.sizes)
        elif op.kind == "cell":
            rows = list(shape._element.iter(qn("a:tr")))
            tcs = list(rows[op.index].iterchildren(qn("a:tc"))) if op.index < len(rows) else []
            if op.col < len(tcs):
                body = tcs[op.col].find(qn("a:txBody"))
                ps = list(body.iterchildren(qn("a:p"))) if body is not None else []
                if ps:
                    splice_para(ps[0], op.old[0], op.new[0])
        elif op.kind == "chart" and op.old_chart is not None and op.new_chart is not None:
            new_shape = fresh.shapes.get((op.new_uid, op.new_tag)) if fresh else None
            chart_part = shape.chart_part
            problems += [note("refresh-chart-problem", name=strip_tag(shape.name), note=p)
                         for p in patch_chart(
                chart_part, op.old_chart, op.new_chart,
                new_shape.chart_part if new_shape is not None else None)]
            handles.touch(chart_part)
            xlsx = chart_part.chart_workbook.xlsx_part
            if xlsx is not None:
                handles.touch(xlsx)
    return problems
