"""What changed between two decks, read from the provenance each deck stores about itself:
numbers and sentences changed, added or removed, by slide — so a clerk can review exactly what
is new before the deck goes out. Decks not made by xzbrief are refused with a clear message."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xzbrief.messages import Lang, note
from xzbrief.refresh.record import DeckRec, FigureRec, SlideRec
from xzbrief.render.package_props import NotAnXzbriefDeck, read_provenance

ESTIMATE = "预计"

__all__ = ["DeckChanges", "NotAnXzbriefDeck", "SlideChanges", "compare_decks", "diff_files"]


@dataclass(frozen=True)
class Item:
    what: str  # number / text
    how: str  # changed / added / removed
    old: str = ""
    new: str = ""
    label: str = ""  # for numbers: what the number is
    where: str = ""  # for numbers: the workbook cell of the new (or old) value
    old_estimate: bool = False
    new_estimate: bool = False


@dataclass
class SlideChanges:
    old_n: int | None
    new_n: int | None
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class DeckChanges:
    old: DeckRec
    new: DeckRec
    slides: list[SlideChanges]

    @property
    def count(self) -> int:
        return sum(max(len(s.items), 1) for s in self.slides)

    @property
    def same_data(self) -> bool:
        return self.old.dataset_sha256 == self.new.dataset_sha256

    def lines(self, lang: Lang = "zh") -> list[str]:
        """The changes as a clerk reads them, in the catalogue's words (xzbrief.messages)."""
        out: list[str] = []
        for s in self.slides:
            if s.new_n is None:
                out.append(note("diff-slide-removed", n=s.old_n or 0, title=s.title).text(lang))
            elif s.old_n is None:
                out.append(note("diff-slide-new", n=s.new_n, title=s.title).text(lang))
            else:
                out.append(note("diff-slide", n=s.new_n, title=s.title).text(lang))
            tag = note("diff-estimate").text(lang)
            for it in s.items:
                where = note("diff-where", cell=it.where).text(lang) if it.where else ""
                label = note("diff-label", label=it.label).text(lang) if it.label else ""
                old = it.old + (tag if it.old_estimate else "")
                new = it.new + (tag if it.new_estimate else "")
                if it.how == "changed":
                    body = f"{label}{old} → {new}{where}"
                elif it.how == "added":
                    body = f"{label}{new}{where}"
                else:
                    body = f"{label}{old}{where}"
                line = note("diff-item", what=note(_WHAT[it.what]), how=note(_HOW[it.how]),
                            body=body)
                out.append("  " + line.text(lang))
        if not self.slides:
            out.append(note("diff-none").text(lang))
        else:
            out.append(note("diff-count", n=self.count).text(lang))
        return out


# Item.what / Item.how -> their words in the catalogue
_WHAT = {"number": "diff-what-number", "text": "diff-what-text"}
_HOW = {"changed": "diff-how-changed", "added": "diff-how-added", "removed": "diff-how-removed"}

Numbered = tuple[int, SlideRec]  # a slide and its page number in its deck


def _keyed(deck: DeckRec, by_key: bool = False) -> dict[tuple[str, str, int], Numbered]:
    """Slides by a key both decks share: the stable key each slide records (a refreshed deck
    keeps its slides' keys though pages were deleted), else kind, section and ordinal."""
    if by_key:
        return {("key", s.key, 0): (n, s) for n, s in enumerate(deck.slides, start=1)}
    counts: dict[tuple[str, str], int] = {}
    out = {}
    for n, s in enumerate(deck.slides, start=1):
        k = counts.get((s.kind, s.section), 0)
        counts[(s.kind, s.section)] = k + 1
        out[(s.kind, s.section, k)] = (n, s)
    return out


def _figure_key(f: FigureRec) -> tuple[str, str, str]:
    return (f.label, f.period, f.region)


def _describe(f: FigureRec) -> str:
    return " ".join(x for x in (f.label, f.period, f.region) if x)


def _compare_slides(before: Numbered | None, after: Numbered | None) -> SlideChanges | None:
    old = before[1] if before else None
    new = after[1] if after else None
    either = new if new is not None else old
    title = either.title if either is not None else ""
    changes = SlideChanges(before[0] if before else None, after[0] if after else None, title)
    old_figs = {_figure_key(f): f for f in (old.figures if old else ())}
    new_figs = {_figure_key(f): f for f in (new.figures if new else ())}
    for key, nf in new_figs.items():
        of = old_figs.get(key)
        if of is None:
            changes.items.append(Item("number", "added", new=nf.text, label=_describe(nf),
                                      where=nf.ref or nf.method,
                                      new_estimate=nf.status == ESTIMATE))
        elif of.text != nf.text or of.status != nf.status:
            changes.items.append(Item("number", "changed", of.text, nf.text, _describe(nf),
                                      nf.ref or nf.method, of.status == ESTIMATE,
                                      nf.status == ESTIMATE))
    for key, of in old_figs.items():
        if key not in new_figs:
            changes.items.append(Item("number", "removed", old=of.text, label=_describe(of),
                                      where=of.ref or of.method,
                                      old_estimate=of.status == ESTIMATE))
    old_texts = [old.title, *old.texts] if old else []
    new_texts = [new.title, *new.texts] if new else []
    gone = [t for t in old_texts if t not in new_texts]
    came = [t for t in new_texts if t not in old_texts]
    while gone and came:  # pair them up in order: a sentence that was rewritten
        changes.items.append(Item("text", "changed", gone.pop(0), came.pop(0)))
    changes.items += [Item("text", "removed", old=t) for t in gone]
    changes.items += [Item("text", "added", new=t) for t in came]
    if old is not None and new is not None and not changes.items:
        return None
    return changes


def compare_decks(old: DeckRec, new: DeckRec) -> DeckChanges:
    by_key = all(s.key for s in (*old.slides, *new.slides))
    before = _keyed(old, by_key)
    after = _keyed(new, by_key)
    slides: list[SlideChanges] = []
    for key, ns in after.items():
        change = _compare_slides(before.get(key), ns)
        if change is not None:
            slides.append(change)
    for key, os_ in before.items():
        if key not in after:
            change = _compare_slides(os_, None)
            if change is not None:
                slides.append(change)
    slides.sort(key=lambda s: (s.new_n if s.new_n is not None else (s.old_n or 0) + 0.5))
    return DeckChanges(old, new, slides)


def diff_files(old: Path, new: Path) -> DeckChanges:
    """Raises NotAnXzbriefDeck (no provenance) or OSError (missing file)."""
    return compare_decks(read_provenance(Path(old)), read_provenance(Path(new)))
