"""The briefing recipe: the saved choice of what a deck shows (``*.brief.toml``).

A recipe names the workbook, the brand and, per theme, the indicators, regions, period range and
comparison. Read with tomllib, written with tomli-w; unknown keys and bad values are reported
together, each naming its key (``themes[2].comparison``). No Qt, no pptx.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from xzbrief.atomic import atomic_write_bytes
from xzbrief.dataset.model import Dataset
from xzbrief.dataset.periods import Period, PeriodError, parse_period
from xzbrief.messages import Lang, Note, Words, join, note


class Comparison(StrEnum):
    YOY = "同比"  # same period last year
    PREVIOUS = "较上期"  # previous period (环比 for months)
    CAGR = "年均"  # average annual growth over the range
    NONE = "无"


class Structure(StrEnum):
    THEMES = "专题"  # cover, agenda, one section per theme, closing
    REPORT = "汇报"  # 总体情况 -> 各专题 -> 存在问题 -> 下一步工作


class Numbering(StrEnum):
    CHINESE = "一、"  # 一、(一) 1. (1)
    ARABIC = "1."
    NONE = "无"


COMPARISON_ALIASES = {c.value: c for c in Comparison} | {
    "yoy": Comparison.YOY, "previous": Comparison.PREVIOUS, "环比": Comparison.PREVIOUS,
    "cagr": Comparison.CAGR, "年均增长": Comparison.CAGR, "none": Comparison.NONE,
    "": Comparison.NONE,
}


@dataclass(frozen=True)
class RecipeIssue:
    """One bad key of a recipe: the key as the file spells it, and what is wrong with it as a
    catalogue note (xzbrief.messages), so it reads in the language the surface picked."""

    key: str
    said: Note

    def format(self, lang: Lang = "zh") -> str:
        text = self.said.text(lang)
        return f"{self.key}: {text}" if self.key else text


def _issue(key: str, code: str, /, **params: Any) -> RecipeIssue:
    """A recipe issue; ``params`` may be the recipe's own values as TOML read them."""
    return RecipeIssue(key, note(code, **params))


class RecipeError(Exception):
    """The recipe cannot be used; ``issues`` lists every bad key at once."""

    def __init__(self, path: Path | None, issues: list[RecipeIssue]) -> None:
        self.path = path
        self.issues = issues
        where = f"{path}: " if path else ""
        super().__init__(where + "; ".join(i.format() for i in issues))


@dataclass(frozen=True)
class ThemeChoice:
    name: str
    indicators: tuple[str, ...] | None = None  # None: every indicator of the theme
    regions: tuple[str, ...] | None = None  # None: every region with data
    period_from: Period | None = None
    period_to: Period | None = None
    comparison: Comparison = Comparison.YOY
    title: str = ""  # the section heading; default the theme name


@dataclass(frozen=True)
class Options:
    agenda: bool = True
    section_dividers: bool = True
    summary: bool = True  # 综述: 3–5 judgments with the figures behind them
    indicator_table: bool = True  # 主要指标完成情况表: every headline figure in one table
    key_figures: bool = False  # the old 总体情况 page of headline cards (the table replaces it)
    highlights: bool = True
    speaker_notes: bool = True
    source_footnotes: bool = True
    appendix: bool = False  # 数据核对表 inside the deck (the companion workbook is written anyway)
    check_workbook: bool = True  # <deck>.核对.xlsx beside the deck: every figure with its cell
    marking: str = ""  # e.g. 内部资料 注意保存
    closing: str = "以上汇报,请批评指正"  # empty: no closing page
    numbering: Numbering = Numbering.CHINESE
    structure: Structure = Structure.THEMES


WORD_FONTS = ("GB2312", "GBK")  # 方正 fonts in their GB2312 builds (仿宋_GB2312 …) or *_GBK
WORD_RANGES = {"line_spacing": (20.0, 40.0), "margin_top": (10.0, 60.0),
               "margin_bottom": (10.0, 60.0), "margin_left": (10.0, 60.0),
               "margin_right": (10.0, 60.0)}


@dataclass(frozen=True)
class WordOptions:
    """The written 汇报材料 (``[word]``): 主送, 署名 and the house style over GB/T 9704."""

    addressee: str = ""  # 主送机关, e.g. 市政府; empty: no 主送 line
    signature: str = ""  # 署名; empty: the 汇报单位 (briefing.organisation)
    fonts: str = "GB2312"  # or GBK: 方正仿宋_GBK, 方正黑体_GBK …
    line_spacing: float = 28.95  # points, fixed: 22 lines on the 225 mm 版心
    margin_top: float = 37.0  # millimetres: 天头
    margin_bottom: float = 35.0
    margin_left: float = 28.0  # 订口
    margin_right: float = 26.0


@dataclass(frozen=True)
class Recipe:
    title: str
    subtitle: str = ""
    organisation: str = ""  # 汇报单位
    date: str = ""  # as it should read on the cover, e.g. 2025年12月; empty: this month
    brand: str = "政务红"  # a built-in brand name or a path to a .pptx
    dataset: str = ""  # path to the workbook, relative to the recipe's folder
    themes: tuple[ThemeChoice, ...] = ()  # empty: every theme of the dataset, in its order
    options: Options = field(default_factory=Options)
    issues: tuple[str, ...] = ()  # 存在问题, one paragraph each
    next_steps: tuple[str, ...] = ()  # 下一步工作
    summary: tuple[str, ...] = ()  # 综述 lines of the recipe's own, replacing the generated ones
    word: WordOptions = field(default_factory=WordOptions)
    base_dir: Path | None = field(default=None, compare=False)

    def dataset_path(self) -> Path | None:
        if not self.dataset:
            return None
        path = Path(self.dataset).expanduser()
        if not path.is_absolute() and self.base_dir is not None:
            path = self.base_dir / path
        return path

    def cover_date(self, today: dt.date | None = None) -> str:
        """As 公文 write dates: 2025年12月 (2025-12 and 2025-12-17 are rewritten so)."""
        if self.date:
            m = re.fullmatch(r"(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?", self.date.strip())
            if m is None:
                return self.date
            day = f"{int(m[3])}日" if m[3] else ""
            return f"{m[1]}年{int(m[2])}月{day}"
        today = today or dt.date.today()
        return f"{today.year}年{today.month}月"

    def indicator_codes(self, dataset: Dataset) -> set[str]:
        """Every indicator the deck would show (for the pre-flight gap checks)."""
        codes: set[str] = set()
        for choice in self.theme_choices(dataset):
            if choice.indicators is not None:
                codes.update(choice.indicators)
            else:
                codes.update(i.code for i in dataset.indicators_of(choice.name))
        return codes

    def theme_choices(self, dataset: Dataset) -> tuple[ThemeChoice, ...]:
        """The themes to show: the recipe's own list, or every theme of the dataset."""
        if self.themes:
            return self.themes
        return tuple(ThemeChoice(t.name) for t in dataset.themes
                     if dataset.indicators_of(t.name) or dataset.highlights_of(t.name))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# --- reading ------------------------------------------------------------------------------
_TOP_KEYS = {"briefing", "options", "themes", "issues", "next_steps", "summary", "word"}
_BRIEFING_KEYS = {"title", "subtitle", "organisation", "date", "brand", "dataset"}
_THEME_KEYS = {"name", "indicators", "regions", "from", "to", "comparison", "title"}


def _expect(value: Any, kind: type | tuple[type, ...], key: str, issues: list[RecipeIssue],
            what: str) -> bool:
    """``what``: the catalogue code of the kind expected (recipe-kind-…)."""
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return True
    issues.append(_issue(key, "recipe-expected", kind=note(what), value=value))
    return False


def _unknown(table: dict[str, Any], allowed: set[str], prefix: str,
             issues: list[RecipeIssue]) -> None:
    for key in table:
        if key in allowed:
            continue
        known = join(sorted(allowed))
        close = difflib.get_close_matches(key, sorted(allowed), n=1)
        if prefix and key in _TOP_KEYS:
            # TOML puts every key after a [table] header into that table
            issues.append(_issue(f"{prefix}{key}", "recipe-top-level-key", key=key, known=known))
        elif close:
            issues.append(_issue(f"{prefix}{key}", "recipe-unknown-key-guess", guess=close[0],
                                 known=known))
        else:
            issues.append(_issue(f"{prefix}{key}", "recipe-unknown-key", known=known))


def _str_list(value: Any, key: str, issues: list[RecipeIssue]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]  # one text stands for a list of one; blank means none
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    issues.append(_issue(key, "recipe-not-texts"))
    return None


def _period(value: Any, key: str, issues: list[RecipeIssue]) -> Period | None:
    if value in (None, ""):
        return None
    try:
        return parse_period(value)
    except PeriodError:
        issues.append(_issue(key, "recipe-bad-period", value=value))
        return None


def _control_characters(value: Any, key: str, issues: list[RecipeIssue]) -> None:
    """Invisible control characters would end up in the deck's XML: name the key."""
    if isinstance(value, str):
        if _CONTROL.search(value):
            issues.append(_issue(key, "recipe-control-characters"))
    elif isinstance(value, dict):
        for k, v in value.items():
            _control_characters(v, f"{key}.{k}" if key else str(k), issues)
    elif isinstance(value, list):
        for i, v in enumerate(value, start=1):
            _control_characters(v, f"{key}[{i}]", issues)


def parse_recipe(doc: dict[str, Any], base_dir: Path | None = None,
                 path: Path | None = None) -> Recipe:
    issues: list[RecipeIssue] = []
    _control_characters(doc, "", issues)
    _unknown(doc, _TOP_KEYS, "", issues)
    briefing = doc.get("briefing", {})
    if not isinstance(briefing, dict):
        raise RecipeError(path, [_issue("briefing", "recipe-briefing-not-a-table")])
    _unknown(briefing, _BRIEFING_KEYS, "briefing.", issues)
    values: dict[str, Any] = {}
    for key in sorted(_BRIEFING_KEYS):
        if key in briefing and _expect(briefing[key], str, f"briefing.{key}", issues,
                                       "recipe-kind-text"):
            values[key] = briefing[key].strip()
    if not values.get("title"):
        issues.append(_issue("briefing.title", "recipe-no-title"))
    options = _parse_options(doc.get("options", {}), issues)
    themes = _parse_themes(doc.get("themes", []), issues)
    texts: dict[str, tuple[str, ...]] = {}
    for key in ("issues", "next_steps", "summary"):
        if key in doc:
            texts[key] = _str_list(doc[key], key, issues) or ()
    word = _parse_word(doc.get("word", {}), issues)
    if issues:
        raise RecipeError(path, issues)
    return Recipe(title=values.get("title", ""), subtitle=values.get("subtitle", ""),
                  organisation=values.get("organisation", ""), date=values.get("date", ""),
                  brand=values.get("brand") or "政务红", dataset=values.get("dataset", ""),
                  themes=themes, options=options, issues=texts.get("issues", ()),
                  next_steps=texts.get("next_steps", ()), summary=texts.get("summary", ()),
                  word=word, base_dir=base_dir)


def _parse_word(table: Any, issues: list[RecipeIssue]) -> WordOptions:
    if not isinstance(table, dict):
        issues.append(_issue("word", "recipe-word-not-a-table"))
        return WordOptions()
    allowed = {f.name for f in fields(WordOptions)}
    _unknown(table, allowed, "word.", issues)
    values: dict[str, Any] = {}
    for name in ("addressee", "signature"):
        if name in table and _expect(table[name], str, f"word.{name}", issues,
                                     "recipe-kind-text"):
            values[name] = table[name].strip()
    if "fonts" in table:
        if table["fonts"] in WORD_FONTS:
            values["fonts"] = table["fonts"]
        else:
            issues.append(_issue("word.fonts", "recipe-word-fonts"))
    for name, (low, high) in WORD_RANGES.items():
        if name not in table:
            continue
        raw = table[name]
        if isinstance(raw, bool) or not _expect(raw, (int, float), f"word.{name}", issues,
                                                "recipe-kind-number"):
            if isinstance(raw, bool):
                issues.append(_issue(f"word.{name}", "recipe-expected",
                                     kind=note("recipe-kind-number"), value=raw))
            continue
        if not low <= raw <= high:
            issues.append(_issue(f"word.{name}", "recipe-out-of-range", low=low, high=high,
                                 value=raw))
            continue
        values[name] = float(raw)
    return replace(WordOptions(), **values)


def _parse_options(table: Any, issues: list[RecipeIssue]) -> Options:
    if not isinstance(table, dict):
        issues.append(_issue("options", "recipe-options-not-a-table"))
        return Options()
    defaults = Options()
    allowed = {f.name for f in fields(Options)}
    _unknown(table, allowed, "options.", issues)
    values: dict[str, Any] = {}
    for f in fields(Options):
        if f.name not in table:
            continue
        raw = table[f.name]
        key = f"options.{f.name}"
        default = getattr(defaults, f.name)
        if isinstance(default, bool):
            if _expect(raw, bool, key, issues, "recipe-kind-bool"):
                values[f.name] = raw
        elif isinstance(default, StrEnum):
            enum = type(default)
            choices = [e.value for e in enum]
            if raw in choices:
                values[f.name] = enum(raw)
            else:
                # the values as they are typed, listed as each language lists them here
                listed = Words(" / ".join(choices), ", ".join(choices))
                issues.append(_issue(key, "recipe-not-a-choice", choices=listed))
        elif _expect(raw, str, key, issues, "recipe-kind-text"):
            values[f.name] = raw.strip()
    return replace(defaults, **values)


def _parse_themes(items: Any, issues: list[RecipeIssue]) -> tuple[ThemeChoice, ...]:
    if not isinstance(items, list):
        issues.append(_issue("themes", "recipe-themes-not-an-array"))
        return ()
    out: list[ThemeChoice] = []
    for i, item in enumerate(items, start=1):
        prefix = f"themes[{i}]"
        if not isinstance(item, dict):
            issues.append(_issue(prefix, "recipe-theme-not-a-table"))
            continue
        _unknown(item, _THEME_KEYS, prefix + ".", issues)
        name = item.get("name", "")
        if not isinstance(name, str) or not name.strip():
            issues.append(_issue(f"{prefix}.name", "recipe-no-theme-name"))
            continue
        indicators = regions = None
        if "indicators" in item:
            indicators = _str_list(item["indicators"], f"{prefix}.indicators", issues)
        if "regions" in item:
            # an empty list is read as no choice (every region), not as "no region at all"
            regions = _str_list(item["regions"], f"{prefix}.regions", issues) or None
        comparison = COMPARISON_ALIASES.get(str(item.get("comparison", "同比")).strip().lower())
        if comparison is None:
            issues.append(_issue(f"{prefix}.comparison", "recipe-comparison"))
            comparison = Comparison.YOY
        title = item.get("title", "")
        if not isinstance(title, str):
            issues.append(_issue(f"{prefix}.title", "recipe-not-text"))
            title = ""
        start = _period(item.get("from"), f"{prefix}.from", issues)
        end = _period(item.get("to"), f"{prefix}.to", issues)
        if start is not None and end is not None and start.first_key > end.last_key:
            issues.append(_issue(f"{prefix}.from", "recipe-from-after-to", start=start.label,
                                 end=end.label))
        out.append(ThemeChoice(name.strip(), indicators, regions, start, end, comparison,
                               title.strip()))
    return tuple(out)


def read_recipe(path: Path) -> Recipe:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise RecipeError(path, [_issue("", "recipe-not-found")]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RecipeError(path, [_issue("", "recipe-not-toml", error=str(exc))]) from exc
    except UnicodeDecodeError as exc:
        raise RecipeError(path, [_issue("", "recipe-not-utf8")]) from exc
    return parse_recipe(doc, base_dir=path.resolve().parent, path=path)


def check_recipe(recipe: Recipe, dataset: Dataset) -> list[RecipeIssue]:
    """Names in the recipe that the workbook does not have (a misspelt theme, code or region
    would otherwise quietly leave content out), each with the nearest name it does have."""
    issues: list[RecipeIssue] = []
    themes = [t.name for t in dataset.themes]
    codes = [i.code for i in dataset.indicators]
    regions = list(dataset.region_names)

    def missing(key: str, what: str, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        if close:
            issues.append(_issue(key, "recipe-not-in-workbook-guess", what=note(what), name=name,
                                 guess=close[0]))
        else:
            issues.append(_issue(key, "recipe-not-in-workbook", what=note(what), name=name))

    for i, choice in enumerate(recipe.themes, start=1):
        key = f"themes[{i}]"
        if choice.name not in themes:
            missing(f"{key}.name", "recipe-what-theme", choice.name, themes)
        for code in choice.indicators or ():
            if code not in codes:
                missing(f"{key}.indicators", "recipe-what-code", code, codes)
        for region in choice.regions or ():
            if region not in regions:
                missing(f"{key}.regions", "recipe-what-region", region, regions)
    return issues


# --- writing ------------------------------------------------------------------------------
def recipe_to_dict(recipe: Recipe, base_dir: Path | None = None) -> dict[str, Any]:
    """The TOML document; the dataset path is written relative to ``base_dir`` when it can be."""
    dataset = recipe.dataset
    ds_path = recipe.dataset_path()
    if ds_path is not None and base_dir is not None:
        try:
            dataset = Path(os.path.relpath(ds_path.resolve(), base_dir.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            dataset = str(ds_path)
    briefing = {"title": recipe.title, "subtitle": recipe.subtitle,
                "organisation": recipe.organisation, "date": recipe.date,
                "brand": recipe.brand, "dataset": dataset}
    options: dict[str, Any] = {}
    for f in fields(Options):
        value = getattr(recipe.options, f.name)
        options[f.name] = value.value if isinstance(value, StrEnum) else value
    themes = []
    for t in recipe.themes:
        item: dict[str, Any] = {"name": t.name}
        if t.title:
            item["title"] = t.title
        if t.indicators is not None:
            item["indicators"] = list(t.indicators)
        if t.regions is not None:
            item["regions"] = list(t.regions)
        if t.period_from is not None:
            item["from"] = t.period_from.label
        if t.period_to is not None:
            item["to"] = t.period_to.label
        item["comparison"] = t.comparison.value
        themes.append(item)
    doc: dict[str, Any] = {"briefing": {k: v for k, v in briefing.items() if v or k == "title"},
                           "options": options}
    if themes:
        doc["themes"] = themes
    if recipe.issues:
        doc["issues"] = list(recipe.issues)
    if recipe.next_steps:
        doc["next_steps"] = list(recipe.next_steps)
    if recipe.summary:
        doc["summary"] = list(recipe.summary)
    word = {f.name: getattr(recipe.word, f.name) for f in fields(WordOptions)
            if getattr(recipe.word, f.name) != f.default}
    if word:  # only what differs from GB/T 9704, so older recipes read back unchanged
        doc["word"] = word
    return doc


HEADER = ("# xzbrief 汇报配方(briefing recipe)。说明见 docs/recipe.md。\n"
          "# 用 xzbrief build 本文件 生成汇报;也可在 xzbrief-gui 中打开编辑。\n\n")


def write_recipe(recipe: Recipe, path: Path) -> None:
    """Atomic write, so a crash never leaves half a recipe."""
    path = Path(path)
    text = HEADER + tomli_w.dumps(recipe_to_dict(recipe, path.resolve().parent))
    atomic_write_bytes(path, text.encode("utf-8"))  # raises atomic.SaveBlocked
