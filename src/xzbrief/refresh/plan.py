"""The refresh plan: what the deck's record says the generator wrote, what a fresh plan from
the workbook would write, and what the deck holds now -> every change, old -> new, with slide,
place and cell, and what will be done about it. No pptx here: the deck's current state comes in
as a ``Snapshot`` read by the renderer, the plan goes back to it as ``Op`` s to apply.

Rules (issue 10): generated text nobody changed is regenerated; text the user rewrote is never
changed, and listed for the user's eye when it still quotes a number that changes; what cannot be
placed (a deleted slide or shape, a chart turned into another type) is reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from xzbrief.deck.nobreak import plain
from xzbrief.messages import Note, note
from xzbrief.messages.refresh import DETAILS, PLACES, REASONS, words
from xzbrief.refresh.fit import Frame, fit_sizes
from xzbrief.refresh.numbers import dropped_numbers, quotes_any
from xzbrief.refresh.record import ChartRec, DeckRec, ElementRec, FigureRec, ParaRec, SlideRec

FrameReader = Callable[[int, int], Frame | None]  # (uid, tag) -> a text box, measured


class Action(StrEnum):
    UPDATE = "update"  # will be written
    EYE = "eye"  # the user's own text quotes a number that changes: left, listed
    KEPT = "kept"  # the user rewrote it: left as it is
    UNPLACED = "unplaced"  # its slide or shape is gone, or the chart changed type




@dataclass(frozen=True)
class Op:
    """One edit for the patcher: a paragraph, a whole text body, a table cell, a chart, the
    generated part of the notes."""

    kind: str  # para / paras / cell / chart / notes / size (a text's sizes alone)
    uid: int
    tag: int
    index: int = -1  # paragraph, or table row
    col: int = -1
    old: tuple[ParaRec, ...] = ()
    new: tuple[ParaRec, ...] = ()
    old_chart: ChartRec | None = None
    new_chart: ChartRec | None = None
    new_uid: int = 0  # where the fresh plan's chart is in the deck rendered for comparison
    new_tag: int = 0
    sizes: tuple[float, ...] = ()  # text: each paragraph's new (largest) size, so it fits


@dataclass(frozen=True)
class Change:
    id: int
    slide: int | None  # where it is in the edited deck now (None: the slide is gone)
    title: str
    place: str
    old: str
    new: str
    where: str
    action: Action
    reason: str = ""
    found_by: str = ""
    op: Op | None = None
    details: tuple[str, ...] = ()
    uid: int = -1  # the record's slide it belongs to
    place_en: str = ""  # the same words in English (empty: as the Chinese)
    reason_en: str = ""
    old_en: str = ""
    new_en: str = ""
    details_en: tuple[str, ...] = ()
    # a regenerated text set smaller to fit, or that fits at no legible size: the same words
    # as at the end of ``reason``, kept apart so that the app can list them on their own
    fitting: str = ""
    fitting_en: str = ""
    along: bool = False  # set to a page's card size only to match a card that had to shrink

    def text(self, field_name: str, lang: str = "zh") -> str:
        """place / reason / old / new in the language asked for."""
        zh = str(getattr(self, field_name))
        return zh if lang == "zh" else (getattr(self, field_name + "_en") or zh)

    def detail_lines(self, lang: str = "zh") -> tuple[str, ...]:
        return self.details if lang == "zh" or not self.details_en else self.details_en


@dataclass(frozen=True)
class Located:
    slide: int
    element: ElementRec
    found_by: str  # 形状名 / 占位符


@dataclass(frozen=True)
class FreeText:
    """Text in the deck the generator did not write (or that the user rewrote)."""

    slide: int
    place: str
    text: str
    place_en: str = ""


@dataclass(frozen=True)
class Snapshot:
    slides: dict[int, int]  # record uid -> slide number now
    elements: dict[tuple[int, int], Located]
    free: tuple[FreeText, ...] = ()
    count: int = 0  # slides in the deck now


@dataclass
class RefreshPlan:
    old: DeckRec
    new: DeckRec
    changes: list[Change] = field(default_factory=list)
    present: dict[int, int] = field(default_factory=dict)  # record uid -> page now
    new_pages: list[str] = field(default_factory=list)  # pages listed as new or gone (once)

    def by_action(self, action: Action) -> list[Change]:
        return [c for c in self.changes if c.action is action]

    @property
    def updates(self) -> list[Change]:
        return self.by_action(Action.UPDATE)

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes

    @property
    def fitted(self) -> list[Change]:
        """The texts set smaller to fit their box, or that fit at no legible size."""
        return [c for c in self.changes if c.fitting]

    def summary(self) -> list[Note]:
        """How many changes of each kind, and how many texts had to be set smaller or do not
        fit: the CLI's last lines and the app dialog's summary."""
        counts = {a: len(self.by_action(a)) for a in Action}
        out = [note("refresh-totals", n=len(self.changes), update=counts[Action.UPDATE],
                    eye=counts[Action.EYE], kept=counts[Action.KEPT],
                    unplaced=counts[Action.UNPLACED])]
        if self.fitted:
            no_room = sum(c.action is Action.EYE for c in self.fitted)
            along = sum(c.along for c in self.fitted)
            out.append(note("refresh-fitting-totals", resized=len(self.fitted) - no_room - along,
                            no_room=no_room))
            if along:
                out.append(note("refresh-fitting-along", n=along))
        return out


def _where(slide: SlideRec, paras: tuple[ParaRec, ...]) -> str:
    figs = [slide.figures[i] for p in paras for i in p.figures if i < len(slide.figures)]
    out: list[str] = []
    for f in figs:
        if f.where and f.where not in out:
            out.append(f.where)
    return "、".join(out)


def _place(el: ElementRec, index: int = -1) -> tuple[str, str]:
    """Where on the slide, (Chinese, English): 标题 / 数值(工业开票销售收入) / 要点 第2段."""
    if el.kind == "notes":
        return words(PLACES, "notes")
    if el.key == "title":
        zh, en = words(PLACES, "title")
    elif "@" in el.key:
        zh = en = f"{el.name}({el.key.split('@', 1)[1]})"
    else:
        zh = en = el.name
    if index >= 0 and len(el.paras) > 1:
        zh, en = words(PLACES, "para", base=zh, n=index + 1)[0], \
            words(PLACES, "para", base=en, n=index + 1)[1]
    return zh, en


class _Planner:
    def __init__(self, old: DeckRec, new: DeckRec, snap: Snapshot, frames: FrameReader,
                 built: FrameReader) -> None:
        self.old = old
        self.new = new
        self.snap = snap
        self.frames = frames  # (uid, tag) of a text in the deck -> its box as it stands
        self.built = built  # (uid, tag) of the fresh plan's text -> its box, as built
        self.plan = RefreshPlan(old, new, present=dict(snap.slides))
        self.dropped: set[float] = set()  # numbers that change, for the user's own text
        self.rewritten: list[tuple[FreeText, str]] = []  # user text, its slide title
        self.uid = -1  # the slide being compared

    def add(self, **kw: object) -> None:
        """One change; place, reason, old and new may come as (Chinese, English)."""
        kw.setdefault("uid", self.uid)
        for key in ("place", "reason", "old", "new", "fitting"):
            value = kw.get(key)
            if isinstance(value, tuple):
                kw[key], kw[key + "_en"] = value
        details = kw.get("details")
        if isinstance(details, tuple) and details and isinstance(details[0], tuple):
            kw["details"] = tuple(d[0] for d in details)
            kw["details_en"] = tuple(d[1] for d in details)
        self.plan.changes.append(Change(id=len(self.plan.changes) + 1, **kw))  # type: ignore[arg-type]

    def run(self) -> RefreshPlan:
        self._new_pages()
        new_by_key = {s.key: s for s in self.new.slides}
        for old in self.old.slides:
            new = new_by_key.get(old.key)
            now = self.snap.slides.get(old.uid)
            self.uid = old.uid
            if new is None:
                if now is not None and old.key not in self.old.listed:
                    self.plan.new_pages.append(old.key)
                    self.add(slide=now, title=old.title, place=words(PLACES, "page"), old=old.title,
                             new="", where="", action=Action.UNPLACED,
                             reason=words(REASONS, "page_gone"))
                continue
            self._slide(old, new, now)
            self._card_numbers(old)
        self.uid = -1
        self._eye()
        self.plan.changes.sort(key=lambda c: (c.slide if c.slide is not None else 10**6, c.id))
        return self.plan

    def _new_pages(self) -> None:
        """Pages the fresh plan makes that the deck never had: listed once, with what they
        show and where they would stand."""
        old_keys = {s.key for s in self.old.slides}
        after = 0  # the page now of the last page both have
        for n, new in enumerate(self.new.slides, start=1):
            if new.key in old_keys:
                uid = next(s.uid for s in self.old.slides if s.key == new.key)
                after = self.snap.slides.get(uid, after)
                continue
            if new.key in self.old.listed:
                continue
            self.plan.new_pages.append(new.key)
            figures = list(dict.fromkeys(new.figures))
            self.add(slide=after, title=new.title, place=words(PLACES, "new_page", after=after),
                     old="", new=new.title, where=_where_figures(figures),
                     action=Action.UNPLACED, details=_figure_details(figures),
                     reason=words(REASONS, "new_page", fresh=n, after=after), uid=-1)

    # --- one slide -------------------------------------------------------------------------
    def _slide(self, old: SlideRec, new: SlideRec, now: int | None) -> None:
        new_els = {e.key: e for e in new.elements}
        old_keys = {e.key for e in old.elements}
        for added in new.elements:
            if added.key not in old_keys and now is not None and added.kind != "notes":
                text = " ".join(p.text for p in added.paras) or added.name
                figures = _element_figures(new, added)
                self.add(slide=now, title=old.title, place=_place(added), old="", new=text,
                         where=_where_figures(figures), action=Action.UNPLACED,
                         details=_figure_details(figures),
                         reason=words(REASONS, "new_content", page=now))
        for el in old.elements:
            ne = new_els.get(el.key)
            if ne is None:
                if now is not None and (old.uid, el.tag) in self.snap.elements:
                    text = " ".join(p.text for p in el.paras)
                    self.add(slide=now, title=old.title, place=_place(el), old=text, new="",
                             where="", action=Action.EYE,
                             reason=words(REASONS, "no_longer"))
                continue
            if el.kind == "chart":
                self._chart(old, new, el, ne, now)
            elif el.kind == "table":
                self._table(old, new, el, ne, now)
            elif el.kind == "notes":
                self._notes(old, new, el, ne, now)
            else:
                self._text(old, new, el, ne, now)

    def _missing(self, old: SlideRec, el: ElementRec, now: int | None
                 ) -> tuple[tuple[str, str], int | None]:
        if now is None:
            return words(REASONS, "slide_deleted"), None
        return words(REASONS, "chart_deleted" if el.kind == "chart" else "shape_deleted"), now

    def _text(self, old: SlideRec, new: SlideRec, el: ElementRec, ne: ElementRec,
              now: int | None) -> None:
        if el.name == PAGE_NUMBER:  # the fresh plan's page count is not this deck's
            return
        # by the words only: a generator that now draws a run in another colour or splits a
        # line elsewhere has not changed the numbers, and is not a change to list
        changed = [i for i in range(max(len(el.paras), len(ne.paras)))
                   if _para(el.paras, i).text.replace("\n", "")
                   != _para(ne.paras, i).text.replace("\n", "")]
        if not changed:
            return
        for i in changed:
            o, n = _para(el.paras, i), _para(ne.paras, i)
            self.dropped |= dropped_numbers(o.text, n.text)
        loc = self.snap.elements.get((old.uid, el.tag))
        if loc is None:
            reason, slide = self._missing(old, el, now)
            for i in changed:
                o, n = _para(el.paras, i), _para(ne.paras, i)
                self.add(slide=slide, title=old.title, place=_place(el, i), old=o.text,
                         new=n.text, where=_where(new, (n,)) or _where(old, (o,)),
                         action=Action.UNPLACED, reason=reason)
            return
        cur = loc.element.paras
        first = len(self.plan.changes)
        untouched = [p.text for p in cur] == [p.text for p in el.paras]
        if untouched and len(el.paras) != len(ne.paras):  # regenerate the whole text body
            self.add(slide=loc.slide, title=old.title, place=_place(el),
                     old="\n".join(p.text for p in el.paras),
                     new="\n".join(p.text for p in ne.paras), where=_where(new, ne.paras),
                     action=Action.UPDATE, found_by=loc.found_by,
                     op=Op("paras", old.uid, el.tag, old=el.paras, new=ne.paras))
            self._fit(old, new, el, ne, loc, first)
            return
        for i in changed:
            o, n = _para(el.paras, i), _para(ne.paras, i)
            c = cur[i] if i < len(cur) else None
            if i >= len(el.paras) or i >= len(ne.paras):
                self.add(slide=loc.slide, title=old.title, place=_place(el, i), old=o.text,
                         new=n.text, where=_where(new, (n,)), action=Action.EYE,
                         found_by=loc.found_by,
                         reason=words(REASONS, "edited_count"))
                continue
            if c is not None and c.text == o.text:
                self.add(slide=loc.slide, title=old.title, place=_place(el, i), old=o.text,
                         new=n.text, where=_where(new, (n,)) or _where(old, (o,)),
                         action=Action.UPDATE, found_by=loc.found_by,
                         op=Op("para", old.uid, el.tag, index=i, old=(o,), new=(n,)))
            else:
                text = c.text if c is not None else ""
                zh, en = _place(el, i)
                self.rewritten.append((FreeText(loc.slide, zh, text, en), old.title))
                self.add(slide=loc.slide, title=old.title, place=_place(el, i), old=o.text,
                         new=n.text, where=_where(new, (n,)), action=Action.KEPT,
                         found_by=loc.found_by, reason=words(REASONS, "rewritten", text=text))
        self._fit(old, new, el, ne, loc, first)

    def _fit(self, old: SlideRec, new: SlideRec, el: ElementRec, ne: ElementRec, loc: Located,
             first: int) -> None:
        """A regenerated text that got longer: the size the builder would set, so it still fits
        the box as it stands; listed for the user's eye when no legible size does."""
        ops = [(k, c) for k, c in enumerate(self.plan.changes[first:], start=first)
               if c.op is not None and c.op.kind in ("para", "paras")]
        frame = self.frames(old.uid, el.tag) if ops else None
        if frame is None:
            return
        cur = [p.raw for p in loc.element.paras]  # as drawn: joiners hold units on
        if ops[0][1].op is not None and ops[0][1].op.kind == "paras":
            texts = [p.raw for p in ne.paras]
        else:
            done = {c.op.index: c.op.new[0].raw for _, c in ops if c.op is not None}
            texts = [done.get(i, t) for i, t in enumerate(cur)]
        fitting = fit_sizes(cur, texts, frame, self.built(new.uid, ne.tag))
        if fitting.sizes is not None:
            size = words(REASONS, "resized", old=_pt(max(frame.sizes)),
                         new=_pt(max(fitting.sizes)))
            for k, c in ops:
                assert c.op is not None
                self.plan.changes[k] = _fitted(replace(c, op=replace(c.op, sizes=fitting.sizes)),
                                               size)
        elif not fitting.fits:
            said = words(REASONS, "no_room", lines=fitting.lines, room=fitting.room)
            self.add(slide=loc.slide, title=old.title, place=_place(el), old="",
                     new="\n".join(map(plain, texts)), where="",
                     action=Action.EYE, found_by=loc.found_by, reason=said, fitting=said)

    def _card_numbers(self, old: SlideRec) -> None:
        """A fresh build sets every card number of a page at one size (render.layout: no card's
        number shrinks alone). When a regenerated number had to be set smaller, the page's
        other card numbers follow it down — each as its own change, with its own tick box."""
        numbers = [el for el in old.elements if el.name == CARD_NUMBER]
        if len(numbers) < 2:
            return
        tags = {el.tag for el in numbers}
        ops = {c.op.tag: k for k, c in enumerate(self.plan.changes)
               if c.uid == old.uid and c.op is not None and c.op.tag in tags
               and c.op.kind in ("para", "paras")}
        sized = [max(op.sizes) for k in ops.values()
                 if (op := self.plan.changes[k].op) is not None and op.sizes]
        if not sized:
            return
        size = min(sized)
        for el in numbers:
            frame = self.frames(old.uid, el.tag)
            k = ops.get(el.tag)
            c = self.plan.changes[k] if k is not None else None
            now = (max(c.op.sizes) if c is not None and c.op is not None and c.op.sizes
                   else max(frame.sizes) if frame is not None else 0.0)
            if frame is None or now <= size + 1e-9:
                continue
            sizes = tuple(round(s * size / max(frame.sizes) * 2) / 2 for s in frame.sizes)
            said = words(REASONS, "resized_with_page", old=_pt(max(frame.sizes)), new=_pt(size))
            if k is not None and c is not None and c.op is not None:  # its text changes too
                self.plan.changes[k] = replace(
                    _fitted(replace(c, op=replace(c.op, sizes=sizes)), said), along=True)
                continue
            loc = self.snap.elements.get((old.uid, el.tag))
            if loc is None or [p.text for p in loc.element.paras] != [p.text for p in el.paras]:
                continue  # deleted, or the user's own words now: not ours to restyle
            text = "\n".join(p.text for p in el.paras)
            self.add(slide=loc.slide, title=old.title, place=_place(el), old=text, new=text,
                     where=_where(old, el.paras), action=Action.UPDATE, found_by=loc.found_by,
                     reason=said, fitting=said, op=Op("size", old.uid, el.tag, sizes=sizes),
                     along=True)

    def _table(self, old: SlideRec, new: SlideRec, el: ElementRec, ne: ElementRec,
               now: int | None) -> None:
        loc = self.snap.elements.get((old.uid, el.tag))
        for r, (orow, nrow) in enumerate(zip(el.cells, ne.cells, strict=False)):
            for c, (o, n) in enumerate(zip(orow, nrow, strict=False)):
                if o.text == n.text:
                    continue
                self.dropped |= dropped_numbers(o.text, n.text)
                place = words(PLACES, "cell", base=el.name, r=r + 1, c=c + 1)
                where = _where(new, (n,)) or _where(old, (o,))
                if loc is None:
                    reason, slide = self._missing(old, el, now)
                    self.add(slide=slide, title=old.title, place=place, old=o.text, new=n.text,
                             where=where, action=Action.UNPLACED, reason=reason)
                    continue
                cells = loc.element.cells
                cur = cells[r][c].text if r < len(cells) and c < len(cells[r]) else None
                if cur == o.text:
                    self.add(slide=loc.slide, title=old.title, place=place, old=o.text,
                             new=n.text, where=where, action=Action.UPDATE,
                             found_by=loc.found_by,
                             op=Op("cell", old.uid, el.tag, index=r, col=c, old=(o,), new=(n,)))
                else:
                    self.add(slide=loc.slide, title=old.title, place=place, old=o.text,
                             new=n.text, where=where, action=Action.KEPT, found_by=loc.found_by,
                             reason=words(REASONS, "cell_edited", text=cur or ""))
        if len(el.cells) != len(ne.cells) and loc is not None:
            self.add(slide=loc.slide, title=old.title, place=el.name,
                     old=words(PLACES, "rows", n=len(el.cells)),
                     new=words(PLACES, "rows", n=len(ne.cells)), where="", action=Action.EYE,
                     found_by=loc.found_by, reason=words(REASONS, "table_rows"))

    def _chart(self, old: SlideRec, new: SlideRec, el: ElementRec, ne: ElementRec,
               now: int | None) -> None:
        oc, nc = el.chart, ne.chart
        if oc is None or nc is None:
            return
        details = _chart_details(oc, nc)
        if not details and oc.groups == nc.groups:
            return
        for s in oc.series:
            for v in s.values:
                if v is not None:
                    self.dropped.add(v)
        place = words(PLACES, "chart", name=el.name)
        summary_old = words(PLACES, "categories", n=len(oc.categories))
        summary_new = words(PLACES, "categories", n=len(nc.categories))
        where = "、".join(dict.fromkeys(
            new.figures[f].where for s in nc.series for f in s.figures
            if f is not None and f < len(new.figures) and new.figures[f].where))
        loc = self.snap.elements.get((old.uid, el.tag))
        if loc is None:
            reason, slide = self._missing(old, el, now)
            self.add(slide=slide, title=old.title, place=place, old=summary_old,
                     new=summary_new, where=where, action=Action.UNPLACED, reason=reason,
                     details=details)
            return
        cur = loc.element.chart
        if cur is None or cur.plots != oc.plots:
            self.add(slide=loc.slide, title=old.title, place=place, old=summary_old,
                     new=summary_new, where=where, action=Action.UNPLACED,
                     found_by=loc.found_by, details=details,
                     reason=words(REASONS, "chart_type"))
            return
        names = [s.name for s in cur.series]
        missing = [s.name for s in nc.series if s.name not in names]
        reason = (words(REASONS, "series_removed", names="、".join(missing))
                  if missing else ("", ""))
        self.add(slide=loc.slide, title=old.title, place=place, old=summary_old,
                 new=summary_new, where=where, action=Action.UPDATE, found_by=loc.found_by,
                 details=details, reason=reason,
                 op=Op("chart", old.uid, el.tag, old_chart=oc, new_chart=nc, new_uid=new.uid,
                       new_tag=ne.tag))

    def _notes(self, old: SlideRec, new: SlideRec, el: ElementRec, ne: ElementRec,
               now: int | None) -> None:
        if [p.text for p in el.paras] == [p.text for p in ne.paras]:
            return
        for o, n in zip(el.paras, ne.paras, strict=False):
            self.dropped |= dropped_numbers(o.text, n.text)
        loc = self.snap.elements.get((old.uid, 0))
        if now is None or loc is None:
            self.add(slide=None if now is None else now, title=old.title,
                     place=words(PLACES, "notes"), old="", new="", where="",
                     action=Action.UNPLACED,
                     reason=words(REASONS, "slide_deleted" if now is None else "notes_deleted"))
            return
        old_texts, new_texts = [p.text for p in el.paras], [p.text for p in ne.paras]
        old_set, new_set = set(old_texts), set(new_texts)
        gone = [t for t in old_texts if t not in new_set]
        came = [t for t in new_texts if t not in old_set]
        more = len(gone) + len(came) - 2
        tail = words(PLACES, "more_lines", n=more) if more > 0 else ("", "")
        first = came[0] if came else ""
        self.add(slide=loc.slide, title=old.title, place=words(PLACES, "notes_generated"),
                 old=gone[0] if gone else "", new=(first + tail[0], first + tail[1]), where="",
                 action=Action.UPDATE, found_by=loc.found_by,
                 op=Op("notes", old.uid, 0, old=el.paras, new=ne.paras))

    # --- the user's own words --------------------------------------------------------------
    def _eye(self) -> None:
        values = sorted(self.dropped)
        if not values:
            return
        titles = {s.uid: s.title for s in self.old.slides}
        by_slide = {v: k for k, v in self.snap.slides.items()}
        texts = [(f, titles.get(by_slide.get(f.slide, -1), "")) for f in self.snap.free]
        for free, title in [*texts, *self.rewritten]:
            hits = quotes_any(free.text, values)
            if not hits:
                continue
            for k, c in enumerate(self.plan.changes):  # a rewritten sentence: say so there
                if c.action is Action.KEPT and c.slide == free.slide and c.place == free.place:
                    more = words(REASONS, "still_quotes")
                    self.plan.changes[k] = replace(c, action=Action.EYE,
                                                   reason=c.reason + more[0],
                                                   reason_en=c.reason_en + more[1])
                    break
            else:
                self.add(slide=free.slide, title=title,
                         place=(free.place, free.place_en or free.place), old=free.text,
                         new="", where="", action=Action.EYE,
                         reason=words(REASONS, "user_quotes",
                                      values="、".join(_fmt(v) for v in hits)))


def _element_figures(slide: SlideRec, el: ElementRec) -> list[FigureRec]:
    """The figures an element shows: its paragraphs', its cells', its chart points'."""
    idx = [i for p in el.paras for i in p.figures]
    idx += [i for row in el.cells for c in row for i in c.figures]
    if el.chart is not None:
        idx += [f for s in el.chart.series for f in s.figures if f is not None]
    return [slide.figures[i] for i in dict.fromkeys(idx) if 0 <= i < len(slide.figures)]


PAGE_NUMBER = "页码"  # the name of the page-number shape the layout writes
CARD_NUMBER = "数值"  # the name of a key-figure card's number (render.layout)
MAX_FIGURES = 12  # figure lines under one change; the rest are counted


def _figure_details(figures: list[FigureRec]) -> tuple[tuple[str, str], ...]:
    """One line per figure: indicator, region, period and the value as the slide shows it."""
    lines = [words(DETAILS, "figure", label=f.label, region=f.region or "—",
                   period=f.period or "—", value=f.text) for f in figures[:MAX_FIGURES]]
    if len(figures) > MAX_FIGURES:
        lines.append(words(DETAILS, "more_figures", n=len(figures) - MAX_FIGURES))
    return tuple(lines)


def _where_figures(figures: list[FigureRec]) -> str:
    return "、".join(dict.fromkeys(f.where for f in figures if f.where))


def _fitted(c: Change, said: tuple[str, str]) -> Change:
    """``c`` with its fitting said after its other reason (in place of a fitting said before)."""
    zh, en = c.reason, c.reason_en
    if c.fitting:  # drop the earlier fitting and the joint before it
        joint = words(REASONS, "then", a="", b="")
        zh = zh.removesuffix(c.fitting).removesuffix(joint[0])
        en = en.removesuffix(c.fitting_en).removesuffix(joint[1])
    return replace(c, fitting=said[0], fitting_en=said[1],
                   reason=words(REASONS, "then", a=zh, b=said[0])[0] if zh else said[0],
                   reason_en=words(REASONS, "then", a=en, b=said[1])[1] if en else said[1])


def _pt(size: float) -> str:
    return f"{size:g}"


def _fmt(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e6 else (f"{v / 1e8:g}亿" if abs(v) >= 1e8 else f"{v / 1e4:g}万")


def _para(paras: tuple[ParaRec, ...], i: int) -> ParaRec:
    return paras[i] if i < len(paras) else ParaRec(())


def _chart_details(oc: ChartRec, nc: ChartRec) -> tuple[tuple[str, str], ...]:
    """What changes in a chart, point by point (categories on one line); a change of point
    styles alone is said only when nothing else changes."""
    lines = [(zh.replace("\n", ""), en.replace("\n", ""), restyled)
             for zh, en, restyled in _chart_lines(oc, nc)]
    unrestyled = tuple((zh, en) for zh, en, restyled in lines if not restyled)
    return unrestyled or tuple((zh, en) for zh, en, restyled in lines if restyled)


def _chart_lines(oc: ChartRec, nc: ChartRec) -> list[tuple[str, str, bool]]:
    out: list[tuple[str, str, bool]] = []
    for cat in nc.categories:
        if cat not in oc.categories:
            out.append((*words(DETAILS, "cat_added", cat=cat), False))
    for cat in oc.categories:
        if cat not in nc.categories:
            out.append((*words(DETAILS, "cat_removed", cat=cat), False))
    old_series = {s.name: s for s in oc.series}
    for s in nc.series:
        os_ = old_series.get(s.name)
        if os_ is None:
            out.append((*words(DETAILS, "series_added", name=s.name), False))
            continue
        old_fmt = dict(zip(oc.categories, os_.formats, strict=False))
        restyled = [cat for cat, fmt in zip(nc.categories, s.formats, strict=False)
                    if cat in old_fmt and old_fmt[cat] != fmt]
        if restyled:
            out.append((*words(DETAILS, "restyled", name=s.name, cats="、".join(restyled)), True))
        for k, cat in enumerate(nc.categories):
            v = s.values[k] if k < len(s.values) else None
            j = oc.categories.index(cat) if cat in oc.categories else -1
            ov = os_.values[j] if 0 <= j < len(os_.values) else None
            if j >= 0 and ov != v:
                out.append((*words(DETAILS, "point", name=s.name, cat=cat, old=_num(ov),
                                   new=_num(v)), False))
            elif j < 0 and v is not None:
                out.append((*words(DETAILS, "point_new", name=s.name, cat=cat, new=_num(v)),
                            False))
    return out


def _num(v: float | None) -> str:
    return "空" if v is None else f"{v:g}"


def _unmeasured(uid: int, tag: int) -> Frame | None:
    return None


def make_plan(old: DeckRec, new: DeckRec, snap: Snapshot, frames: FrameReader = _unmeasured,
              built: FrameReader = _unmeasured) -> RefreshPlan:
    """Every change the workbook brings to the edited deck, and what will be done with it;
    ``frames`` measures a text box of the deck, ``built`` one of the fresh plan (the sizes the
    builder set), asked only for texts that change."""
    return _Planner(old, new, snap, frames, built).run()


def result_record(plan: RefreshPlan, applied: set[int]) -> DeckRec:
    """The record the refreshed deck carries: the new plan's words where they were written or
    the user chose otherwise; the old where a change was declined (offered again next time)."""
    declined = {(c.op.uid, c.op.tag, c.op.index, c.op.col) for c in plan.changes
                if c.op is not None and c.id not in applied}
    new_by_key = {s.key: s for s in plan.new.slides}
    slides = []
    for old in plan.old.slides:
        new = new_by_key.get(old.key)
        if old.uid not in plan.present:  # a deleted page: its numbers stay as they were, and
            slides.append(replace(old, elements=()))  # it is reported once, not every month
            continue
        if new is None:
            slides.append(old)
            continue
        new_els = {e.key: e for e in new.elements}
        elements = []
        for el in old.elements:
            ne = new_els.get(el.key)
            if ne is None or any(d[0] == old.uid and d[1] == el.tag for d in declined):
                elements.append(el if ne is None else _merge_declined(el, ne, old.uid,
                                                                        declined))
            else:
                elements.append(replace(ne, tag=el.tag))
        old_keys = {e.key for e in old.elements}  # reported once as not placed, not again
        elements += [replace(ne, tag=-1) for ne in new.elements if ne.key not in old_keys]
        title, texts = _shown_words(plan, applied, old, new)
        slides.append(replace(new, uid=old.uid, key=old.key, title=title, texts=texts,
                              elements=tuple(elements)))
    # in the order the pages stand now (the record numbers them so; deleted pages last)
    slides.sort(key=lambda s: plan.present.get(s.uid, 10**6))
    listed = tuple(dict.fromkeys((*plan.old.listed, *plan.new_pages)))
    return replace(plan.new, slides=tuple(slides), found_in="customXml", listed=listed)


def _shown_words(plan: RefreshPlan, applied: set[int], old: SlideRec,
                 new: SlideRec) -> tuple[str, tuple[str, ...]]:
    """The slide's title and sentences as the refreshed deck shows them: a sentence the user
    rewrote, or a change they declined, keeps the old words in the record (so ``xzbrief diff``
    shows what was written, no more)."""
    title, texts = new.title, list(new.texts)
    for c in plan.changes:
        if c.uid != old.uid or not c.old or not c.new:
            continue
        if not (c.action in (Action.KEPT, Action.EYE)
                or (c.op is not None and c.op.kind == "para" and c.id not in applied)):
            continue
        was, now = c.old.replace("\n", ""), c.new.replace("\n", "")
        if now == title.replace("\n", ""):
            title = old.title
        for k, t in enumerate(texts):
            if t and t in now:
                match = next((o for o in old.texts if o and o in was), None)
                if match is not None:
                    texts[k] = match
    return title, tuple(texts)


def _merge_declined(el: ElementRec, ne: ElementRec, uid: int,
                    declined: set[tuple[int, int, int, int]]) -> ElementRec:
    if el.kind in ("chart", "notes") or (uid, el.tag, -1, -1) in declined:
        return el  # the whole element was declined
    if el.kind == "table":
        rows = tuple(tuple(o if (uid, el.tag, r, c) in declined else n
                           for c, (o, n) in enumerate(zip(orow, nrow, strict=False)))
                     for r, (orow, nrow) in enumerate(zip(el.cells, ne.cells, strict=False)))
        return replace(ne, tag=el.tag, cells=rows)
    paras = tuple(o if (uid, el.tag, i, -1) in declined else n
                  for i, (o, n) in enumerate(zip(el.paras, ne.paras, strict=False)))
    return replace(ne, tag=el.tag, paras=paras)
