"""Footnotes (注 / 数据来源) and speaker notes, from the figures a slide shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from xzbrief.dataset.model import Status
from xzbrief.dataset.numbers import plain_number
from xzbrief.deck.model import Figure

ROUNDING_NOTE = "部分数据因四舍五入,存在总计与分项合计不等的情况。"
SOURCE_SEP = " · "  # 「市工业和信息化局 · 发布会」: the unit, then the document


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def estimate_note(figures: Sequence[Figure]) -> str:
    """「2025年数据为预计数。」 only when every 2025 figure on the page is an estimate;
    otherwise the estimated ones by name: 「2025年工业开票销售收入为预计数。」"""
    cells = [f for f in figures if f.ref is not None and f.status is not Status.TARGET]
    periods = _unique(f.period for f in cells if f.is_estimate)
    if not periods:
        return ""
    # a span ending in an estimated year (2021—2025年) is an estimate because of that year
    spans = [p for p in periods if "—" in p and p.split("—")[-1] in periods]
    periods = [p for p in periods if p not in spans]
    whole = [p for p in periods if all(f.is_estimate for f in cells if f.period == p)]
    parts = [f"{'、'.join(whole)}数据为预计数"] if whole else []
    for p in periods:
        if p not in whole:
            names = _unique(f.label for f in cells if f.period == p and f.is_estimate)
            parts.append(f"{p}{'、'.join(names)}为预计数")
    return ";".join(parts) + "。"


def sources_line(figures: Sequence[Figure], extra: Sequence[str] = ()) -> str:
    """「数据来源:市工业和信息化局、市发改委 · 发布会」: units sharing a document merged."""
    sources = _unique([f.source for f in figures] + list(extra))
    if not sources:
        return ""
    by_doc: dict[str, list[str]] = {}
    for s in sources:
        unit, sep, doc = s.partition(SOURCE_SEP)
        if not sep:
            unit, doc = "", s
        units = by_doc.setdefault(doc, [])
        if unit and unit not in units:
            units.append(unit)
    parts = [("、".join(units) + SOURCE_SEP + doc) if units else doc
             for doc, units in by_doc.items()]
    return "数据来源:" + ";".join(parts) + ("。" if not parts[-1].endswith("。") else "")


def footnotes(figures: Sequence[Figure], notes: Sequence[str] = (),
              with_sources: bool = True, extra_sources: Sequence[str] = ()) -> tuple[str, ...]:
    """「注:……」 then 「数据来源:……」, each at most once per slide."""
    parts = _unique([estimate_note(figures), *notes])
    out: list[str] = []
    if parts:
        out.append("注:" + "".join(p if p.endswith("。") else p + "。" for p in parts))
    if with_sources:
        line = sources_line(figures, extra_sources)
        if line:
            out.append(line)
    return tuple(out)


def split_common_notes(notes: Sequence[str]) -> tuple[list[str], str]:
    """Remarks that every card shares (「截至发布会(2025年12月17日)」) move to the footnote.

    A card's 备注 may hold several remarks separated by 「;」; returns (per-card, common).
    """
    split = [[p.strip() for p in n.split(";") if p.strip()] for n in notes]
    if len(split) < 2:
        return [";".join(s) for s in split] if split else [], ""
    common = [p for p in split[0] if all(p in s for s in split[1:])]
    rest = [";".join(p for p in s if p not in common) for s in split]
    label = ";".join(common)
    return rest, label


def speaker_notes(narrative: Sequence[str], figures: Sequence[Figure], file_name: str) -> str:
    """What to say, then where every number came from (sheet and cell)."""
    lines = [*narrative]
    if figures:
        if lines:
            lines.append("")
        lines.append("数据出处:")
        for f in figures:
            status = f"({f.status.value})" if f.status.value != "实际" else ""
            where = f"{file_name} {f.where}".strip() if f.ref else f.where
            detail = f";计算:{f.method}" if f.method else ""
            if f.source_detail and f.source_detail != f.source:  # URLs and files: here only
                detail += f";来源:{f.source_detail}"
            exact = ""
            if f.ref is not None and f.value is not None and f.unit and \
                    plain_number(f.value) not in f.text:
                exact = f"(原值 {plain_number(f.value)})"  # rounded on the slide
            place = "".join(x for x in (f.period, f.region) if x)
            lines.append(f"· {f.label} {place} {f.text}{exact}{status} — {where}{detail}")
    return "\n".join(lines)
