"""The refresh plan: what the deck's record says the generator wrote, what a fresh plan from
the workbook would write, and what the deck holds now -> every change, old -> new, with slide,
place and cell, and what will be done about it. No pptx here: the deck's current state comes in
as a ``Snapshot`` read by the renderer, the plan goes back to it as ``Op`` s to apply.

Rules (issue 10): generated text nobody changed is regenerated; text the user rewrote is never
changed, and listed for the user's eye when it still quotes a number that changes; what cannot be
placed (a deleted slide or shape, a chart turned into another type) is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from xzbrief.refresh.numbers import dropped_numbers, quotes_any
from xzbrief.refresh.record import ChartRec, DeckRec, ElementRec, ParaRec, SlideRec


class Action(StrEnum):
    UPDATE = "update"  # will be written
    EYE = "eye"  # the user's own text quotes a number that changes: left, listed
    KEPT = "kept"  # the user rewrote it: left as it is
    UNPLACED = "unplaced"  # its slide or shape is gone, or the chart changed type


ACTION_WORDS = {Action.UPDATE: ("更新", "update"), Action.EYE: ("请核对", "needs your eye"),
                Action.KEPT: ("保留", "kept"), Action.UNPLACED: ("无法放置", "not placed")}


@dataclass(frozen=True)
class Op:
    """One edit for the patcher: a paragraph, a whole text body, a table cell, a chart, the
    generated part of the notes."""

    kind: str  # para / paras / cell / chart / notes
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

    def by_action(self, action: Action) -> list[Change]:
        return [c for c in self.changes if c.action is action]

    @property
    def updates(self) -> list[Change]:
        return self.by_action(Action.UPDATE)

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes


def _where(slide: SlideRec, paras: tuple[ParaRec, ...]) -> str:
    figs = [slide.figures[i] for p in paras for i in p.figures if i < len(slide.figures)]
    out: list[str] = []
    for f in figs:
        if f.where and f.where not in out:
            out.append(f.where)
    return "、".join(out)


def _place(el: ElementRec, index: int = -1) -> str:
    base = {"title": "标题"}.get(el.key, el.name)
    if "@" in el.key:
        base = f"{el.name}({el.key.split('@', 1)[1]})"
    if el.kind == "notes":
        base = "备注页"
    many = len(el.paras) > 1
    return base + (f" 第{index + 1}段" if index >= 0 and many and el.kind != "notes" else "")


class _Planner:
    def __init__(self, old: DeckRec, new: DeckRec, snap: Snapshot) -> None:
        self.old = old
        self.new = new
        self.snap = snap
        self.plan = RefreshPlan(old, new, present=dict(snap.slides))
        self.dropped: set[float] = set()  # numbers that change, for the user's own text
        self.rewritten: list[tuple[FreeText, str]] = []  # user text, its slide title
        self.uid = -1  # the slide being compared

    def add(self, **kw: object) -> None:
        kw.setdefault("uid", self.uid)
        self.plan.changes.append(Change(id=len(self.plan.changes) + 1, **kw))  # type: ignore[arg-type]

    def run(self) -> RefreshPlan:
        new_by_key = {s.key: s for s in self.new.slides}
        for old in self.old.slides:
            new = new_by_key.get(old.key)
            now = self.snap.slides.get(old.uid)
            self.uid = old.uid
            if new is None:
                if now is not None:
                    self.add(slide=now, title=old.title, place="整页", old=old.title, new="",
                             where="", action=Action.UNPLACED,
                             reason="新数据不再生成这一页(指标已删除或不再入选),未改动")
                continue
            self._slide(old, new, now)
        self.uid = -1
        self._eye()
        self.plan.changes.sort(key=lambda c: (c.slide if c.slide is not None else 10**6, c.id))
        return self.plan

    # --- one slide -------------------------------------------------------------------------
    def _slide(self, old: SlideRec, new: SlideRec, now: int | None) -> None:
        new_els = {e.key: e for e in new.elements}
        old_keys = {e.key for e in old.elements}
        for added in new.elements:
            if added.key not in old_keys and now is not None and added.kind != "notes":
                text = " ".join(p.text for p in added.paras) or added.name
                self.add(slide=now, title=old.title, place=_place(added), old="", new=text,
                         where=_where(new, added.paras), action=Action.UNPLACED,
                         reason="新数据在这一页多出的内容,xzbrief 不在已编辑的页面上添加形状;"
                                "需要时请重新生成")
        for el in old.elements:
            ne = new_els.get(el.key)
            if ne is None:
                if now is not None and (old.uid, el.tag) in self.snap.elements:
                    text = " ".join(p.text for p in el.paras)
                    self.add(slide=now, title=old.title, place=_place(el), old=text, new="",
                             where="", action=Action.EYE,
                             reason="新数据下这里不再生成(如「预计」标记、变化幅度),请自行删除或保留")
                continue
            if el.kind == "chart":
                self._chart(old, new, el, ne, now)
            elif el.kind == "table":
                self._table(old, new, el, ne, now)
            elif el.kind == "notes":
                self._notes(old, new, el, ne, now)
            else:
                self._text(old, new, el, ne, now)

    def _missing(self, old: SlideRec, el: ElementRec, now: int | None) -> tuple[str, int | None]:
        if now is None:
            return "这一页已被删除", None
        return ("图表已被删除" if el.kind == "chart" else "这个形状已被删除"), now

    def _text(self, old: SlideRec, new: SlideRec, el: ElementRec, ne: ElementRec,
              now: int | None) -> None:
        changed = [i for i in range(max(len(el.paras), len(ne.paras)))
                   if _para(el.paras, i).runs != _para(ne.paras, i).runs]
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
        untouched = [p.text for p in cur] == [p.text for p in el.paras]
        if untouched and len(el.paras) != len(ne.paras):  # regenerate the whole text body
            self.add(slide=loc.slide, title=old.title, place=_place(el),
                     old="\n".join(p.text for p in el.paras),
                     new="\n".join(p.text for p in ne.paras), where=_where(new, ne.paras),
                     action=Action.UPDATE, found_by=loc.found_by,
                     op=Op("paras", old.uid, el.tag, old=el.paras, new=ne.paras))
            return
        for i in changed:
            o, n = _para(el.paras, i), _para(ne.paras, i)
            c = cur[i] if i < len(cur) else None
            if i >= len(el.paras) or i >= len(ne.paras):
                self.add(slide=loc.slide, title=old.title, place=_place(el, i), old=o.text,
                         new=n.text, where=_where(new, (n,)), action=Action.EYE,
                         found_by=loc.found_by,
                         reason="这段文字已被改过,新数据多出或少了一句,未改动")
                continue
            if c is not None and c.text == o.text:
                self.add(slide=loc.slide, title=old.title, place=_place(el, i), old=o.text,
                         new=n.text, where=_where(new, (n,)) or _where(old, (o,)),
                         action=Action.UPDATE, found_by=loc.found_by,
                         op=Op("para", old.uid, el.tag, index=i, old=(o,), new=(n,)))
            else:
                text = c.text if c is not None else ""
                self.rewritten.append((FreeText(loc.slide, _place(el, i), text), old.title))
                self.add(slide=loc.slide, title=old.title, place=_place(el, i), old=o.text,
                         new=n.text, where=_where(new, (n,)), action=Action.KEPT,
                         found_by=loc.found_by, reason=f"已被改写为「{text}」,不改动")

    def _table(self, old: SlideRec, new: SlideRec, el: ElementRec, ne: ElementRec,
               now: int | None) -> None:
        loc = self.snap.elements.get((old.uid, el.tag))
        for r, (orow, nrow) in enumerate(zip(el.cells, ne.cells, strict=False)):
            for c, (o, n) in enumerate(zip(orow, nrow, strict=False)):
                if o.text == n.text:
                    continue
                self.dropped |= dropped_numbers(o.text, n.text)
                place = f"{el.name} 第{r + 1}行第{c + 1}列"
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
                             reason=f"单元格已被改为「{cur}」,不改动")
        if len(el.cells) != len(ne.cells) and loc is not None:
            self.add(slide=loc.slide, title=old.title, place=el.name, old=f"{len(el.cells)} 行",
                     new=f"{len(ne.cells)} 行", where="", action=Action.EYE,
                     found_by=loc.found_by, reason="表格行数变了:只更新已有单元格,请重新生成核对")

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
        place = f"图表「{el.name}」"
        summary_old = f"{len(oc.categories)} 个类别"
        summary_new = f"{len(nc.categories)} 个类别"
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
                     reason="图表类型已被改变,不知道数字该放在哪里,未改动")
            return
        names = [s.name for s in cur.series]
        missing = [s.name for s in nc.series if s.name not in names]
        reason = ("系列「" + "、".join(missing) + "」已从图表中删除,其数字未放入"
                  if missing else "")
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
            self.add(slide=None if now is None else now, title=old.title, place="备注页",
                     old="", new="", where="", action=Action.UNPLACED,
                     reason="这一页已被删除" if now is None else "备注页已被删除")
            return
        gone = [p.text for p in el.paras if p.text not in {q.text for q in ne.paras}]
        came = [p.text for p in ne.paras if p.text not in {q.text for q in el.paras}]
        more = len(gone) + len(came) - 2
        self.add(slide=loc.slide, title=old.title, place="备注页(生成的部分)",
                 old=gone[0] if gone else "", new=(came[0] if came else "") + (
                     f"(另有 {more} 行变化)" if more > 0 else ""), where="",
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
                    self.plan.changes[k] = replace(c, action=Action.EYE,
                                                   reason=c.reason + ",其中仍引用旧数字")
                    break
            else:
                self.add(slide=free.slide, title=title, place=free.place, old=free.text,
                         new="", where="", action=Action.EYE,
                         reason="您自己写的文字引用了将要改变的数字 " + "、".join(
                             _fmt(v) for v in hits))


def _fmt(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e6 else (f"{v / 1e8:g}亿" if abs(v) >= 1e8 else f"{v / 1e4:g}万")


def _para(paras: tuple[ParaRec, ...], i: int) -> ParaRec:
    return paras[i] if i < len(paras) else ParaRec(())


def _chart_details(oc: ChartRec, nc: ChartRec) -> tuple[str, ...]:
    """What changes in a chart, point by point (categories on one line)."""
    out = [d.replace("\n", "") for d in _chart_lines(oc, nc)]
    styled = [d for d in out if d.endswith(_RESTYLED)]
    return tuple(d for d in out if not d.endswith(_RESTYLED)) or tuple(styled)


_RESTYLED = "点的样式随新数据更新(如预计数的浅色)"


def _chart_lines(oc: ChartRec, nc: ChartRec) -> list[str]:
    out = []
    for cat in nc.categories:
        if cat not in oc.categories:
            out.append(f"新增类别 {cat}")
    for cat in oc.categories:
        if cat not in nc.categories:
            out.append(f"移出类别 {cat}")
    old_series = {s.name: s for s in oc.series}
    for s in nc.series:
        os_ = old_series.get(s.name)
        if os_ is None:
            out.append(f"新增系列 {s.name}")
            continue
        old_fmt = dict(zip(oc.categories, os_.formats, strict=False))
        restyled = [cat for cat, fmt in zip(nc.categories, s.formats, strict=False)
                    if cat in old_fmt and old_fmt[cat] != fmt]
        if restyled:
            out.append(f"{s.name} {'、'.join(restyled)}:{_RESTYLED}")
        for k, cat in enumerate(nc.categories):
            v = s.values[k] if k < len(s.values) else None
            j = oc.categories.index(cat) if cat in oc.categories else -1
            ov = os_.values[j] if 0 <= j < len(os_.values) else None
            if j >= 0 and ov != v:
                out.append(f"{s.name} {cat}:{_num(ov)} → {_num(v)}")
            elif j < 0 and v is not None:
                out.append(f"{s.name} {cat}:{_num(v)}")
    return out


def _num(v: float | None) -> str:
    return "空" if v is None else f"{v:g}"


def make_plan(old: DeckRec, new: DeckRec, snap: Snapshot) -> RefreshPlan:
    """Every change the workbook brings to the edited deck, and what will be done with it."""
    return _Planner(old, new, snap).run()


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
    return replace(plan.new, slides=tuple(slides), found_in="customXml")


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
