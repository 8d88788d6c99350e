"""Warnings as data: a ``Note`` is a catalogue code and its parameters; ``text(lang)`` words
it. The planner, the layout, the brand reader and the pipeline return notes, never sentences,
so the CLI's ``note:`` lines and the app's 警告 list follow the user's language.

A parameter is a plain value (names from the workbook stay as the user wrote them), ``Words``
(a phrase we say in both languages), another ``Note`` (a note about a page or a template
wraps the inner note), or a tuple of those (listed with 、 in Chinese, commas in English).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Union

from xzbrief.messages.lang import Lang


@dataclass(frozen=True)
class Words:
    """A phrase already said in both languages (a reason from the file system, a status)."""

    zh: str
    en: str

    def text(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


Param = Union[str, int, float, Words, "Note", tuple["Param", ...]]


@dataclass(frozen=True)
class Note:
    """One warning: ``code`` names its words in ``NOTES``; ``params`` fill them."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    def text(self, lang: Lang) -> str:
        zh, en = NOTES[self.code]
        return (zh if lang == "zh" else en).format(
            **{key: _said(value, lang) for key, value in self.params})

    def param(self, key: str) -> Param | None:
        return dict(self.params).get(key)


def note(code: str, /, **params: Param) -> Note:
    """A note; an unknown code fails here, where it is made, not when it is shown."""
    if code not in NOTES:
        raise KeyError(f"no message {code!r} in the catalogue")
    return Note(code, tuple(params.items()))


def join(items: Iterable[Param]) -> tuple[Param, ...]:
    """A list parameter: 甲、乙 in Chinese, "a, b" in English."""
    return tuple(items)


def _said(value: Param, lang: Lang) -> str | int | float:
    if isinstance(value, (Words, Note)):
        return value.text(lang)
    if isinstance(value, tuple):
        return ("、" if lang == "zh" else ", ").join(str(_said(v, lang)) for v in value)
    return value


# code -> (Chinese, English). Names in 「」 are the user's own (a theme, an indicator, a
# title): they stay as written; in English they are quoted with “”.
NOTES: dict[str, tuple[str, str]] = {
    # --- the planner: what the deck leaves out --------------------------------------------
    "plan-theme-missing": ("配方中的专题「{name}」不在工作簿中,已跳过",
                           "the recipe's theme “{name}” is not in the workbook; skipped"),
    "plan-theme-empty": ("专题「{name}」没有可展示的内容,已跳过",
                         "theme “{name}” has nothing to show; skipped"),
    "plan-indicator-missing": ("专题「{theme}」:指标 {code} 不在工作簿中,已跳过",
                               "theme “{theme}”: indicator {code} is not in the workbook; "
                               "skipped"),
    "plan-indicator-no-data": ("专题「{theme}」:指标「{name}」在所选地区和期间没有数据,已跳过",
                               "theme “{theme}”: indicator “{name}” has no data for the "
                               "chosen regions and periods; skipped"),
    "plan-parts-exceed-total": ("「{name}」的分项合计大于总量,未画构成图",
                                "the parts of “{name}” add up to more than its total; no "
                                "composition chart drawn"),
    "plan-parts-exceed-total-period": ("「{name}」{period}的分项合计大于总量",
                                       "the parts of “{name}” add up to more than its total "
                                       "in {period}"),
    "plan-lines-dropped": ("「{title}」页的文字较多,已在页面上省略 {n} 句(完整内容见备注)",
                           "the “{title}” slide has too much text: {n} sentence(s) left off "
                           "the slide (all of it is in the notes)"),
    "plan-figures-unshown": ("指标「{name}」有 {n} 个数字未在汇报中以数字出现(较早的期间、"
                             "其他期间类型或对比地区):{figures}{more}",
                             "indicator “{name}”: {n} figure(s) do not appear as numbers in "
                             "the deck (earlier periods, other kinds of period or compared "
                             "regions): {figures}{more}"),
    "plan-figure": ("{region}{period}{status} {number}{unit}({ref}){compared}",
                    "{region} {period}{status} {number} {unit} ({ref}){compared}"),
    "plan-figure-compared": ("[仅用于比较]", " [used only for comparison]"),
    "plan-figures-more": (" 等(另有 {n} 个)", " and {n} more"),
    "plan-table-capped": ("主要指标完成情况表只列 {pages} 页(重点指标在前),"
                          "未列入的指标:{names}{more}",
                          "the key indicators table is kept to {pages} slide(s) (key indicators "
                          "first); indicators not in it: {names}{more}"),
    "plan-table-more": (" 等 {n} 项", " ({n} in all)"),
    # --- the layout: text made smaller or cut to fit ----------------------------------------
    "layout-on-slide": ("第 {page} 页:{note}", "slide {page}: {note}"),
    "layout-title-long": ("标题「{title}」过长,已缩小到 {size:g} 磅仍可能超出标题框",
                          "the title “{title}” is long: at {size:g} pt it may still overflow "
                          "its box"),
    "layout-agenda-shrunk": ("目录条目较多,已缩小字号",
                             "the agenda has many entries; its type was made smaller"),
    "layout-card-label-long": ("指标名称「{label}」较长,卡片中已缩小字号",
                               "the indicator name “{label}” is long; made smaller on its card"),
    "layout-card-note-long": ("「{label}」的备注较长,卡片中可能显示不全",
                              "the note of “{label}” is long and may not show in full on its "
                              "card"),
    "layout-card-note-dropped": ("「{label}」的备注放不下,仅保留在备注页",
                                 "the note of “{label}” does not fit its card; it is kept in "
                                 "the speaker notes only"),
    "layout-text-min-size": ("文字较多,已按最小字号排版,可能超出版面",
                             "much text: set at the smallest size, it may overflow the slide"),
    "layout-table-long": ("表格行数较多,可能超出版面",
                          "the table has many rows and may overflow the slide"),
    "layout-footnote-long": ("脚注较长,已缩到 8 磅仍可能显示不全",
                             "the footnote is long: at 8 pt it may still not show in full"),
    # --- the brand template -------------------------------------------------------------------
    "template-note": ("模板 {file}:{note}", "template {file}: {note}"),
    "template-slides-ignored": ("模板 {file} 中的 {n} 张幻灯片不会出现在汇报中",
                                "the {n} slide(s) in template {file} will not appear in the "
                                "deck"),
    "template-layout-fallback": ("模板 {file} 没有{missed}版式,已改用「{used}」版式",
                                 "template {file} has no {missed} layout; using “{used}” "
                                 "instead"),
    "template-potx": ("模板 {file} 是 .potx 模板文件,已按演示文稿读取",
                      "template {file} is a .potx template; read as a presentation"),
    "template-active-removed": ("模板 {file} 中的嵌入对象或控件({listing})已移除,不会带进汇报",
                                "embedded objects or controls ({listing}) were removed from "
                                "template {file}; they do not travel into the deck"),
    "template-links-removed": ("模板 {file} 中的 {n} 个外部超链接已移除",
                               "{n} external hyperlink(s) were removed from template {file}"),
    "template-more-repairs": ("另有 {n} 处类似修补", "{n} more repairs of the same kind"),
    "repair-rels-added": ("{part} 缺少关系文件 {rels},已补上",
                          "{part} had no relationships file {rels}; added"),
    "repair-target-missing": ("{part} 引用的 {target} 不存在,已略去",
                              "{target}, referenced by {part}, does not exist; left out"),
    "repair-shape-broken": ("{part} 中的「{label}」缺少图片或引用的部件,已删除",
                            "“{label}” in {part} lacks its picture or referenced part; "
                            "removed"),
    "repair-notes-master": ("备注母版 {part} 缺少备注正文占位符,已改用内置备注母版",
                            "the notes master {part} has no notes body placeholder; the "
                            "built-in notes master is used"),
    "repair-theme-added": ("母版 {part} 没有主题(配色和字体),已改用内置主题",
                           "the master {part} has no theme (colours and fonts); the built-in "
                           "theme is used"),
    "repair-ink-removed": ("{part} 中的墨迹注释已删除", "ink annotations in {part} were removed"),
    "repair-bad-values": ("{part} 中的 {listing} 不是有效数值,已改用默认值",
                          "{listing} in {part} are not valid values; defaults are used"),
    # --- the pipeline ---------------------------------------------------------------------------
    "step-read": ("读取工作簿 {name}", "reading workbook {name}"),
    "step-brand": ("读取模板「{name}」", "reading template {name}"),
    "step-plan": ("规划幻灯片", "planning slides"),
    "step-write": ("写入 {name}({n} 页)", "writing {name} ({n} slides)"),
    "step-slide": ("第 {i}/{n} 页", "slide {i}/{n}"),
    "step-docx": ("写入汇报材料 {name}", "writing the document {name}"),
    "step-pdf": ("用 LibreOffice 导出 PDF", "exporting PDF with LibreOffice"),
    "step-done": ("完成", "done"),
    "build-check-workbook-blocked": ("数据核对表未写入:{reason}",
                                     "the data-check workbook was not written: {reason}"),
    # --- the command line's own lines (xzbrief build) -------------------------------------------
    "cli-recipe-bad": ("配方有误:", "the recipe has problems:"),
    "cli-workbook-missing": ("找不到工作簿 {path}", "workbook not found: {path}"),
    "cli-outputs": ("-o 最多给一个 .pptx 和一个 .docx", "-o takes at most one .pptx and one .docx"),
    "cli-too-many-slides": ("汇报将有 {slides} 页,超过上限 {limit} 页,未生成。请在配方中缩小专题或"
                            "期间范围;确需生成时加上 --max-slides {slides}",
                            "the deck would have {slides} slides, over the limit of {limit}; "
                            "nothing was written. Narrow the recipe's themes or periods, or pass "
                            "--max-slides {slides}"),
    "cli-pdf-missing": ("已生成 {path},但{reason}", "{path} was written, but {reason}"),
    "cli-check-workbook": (";数据核对表:{path}", "; data-check workbook: {path}"),
    "cli-done-document": ("已生成汇报材料,用时 {seconds:.2f} 秒{check}",
                          "document written in {seconds:.2f} s{check}"),
    "cli-done-deck": ("已生成 {n} 页,用时 {seconds:.2f} 秒{check}",
                      "{n} slides written in {seconds:.2f} s{check}"),
    "cli-done-both": ("已生成 {n} 页及汇报材料,用时 {seconds:.2f} 秒{check}",
                      "{n} slides and the document written in {seconds:.2f} s{check}"),
    # --- the built-in brands (display names and descriptions) -----------------------------------
    "brand-政务红": ("政务红", "Government red"),
    "brand-科技蓝": ("科技蓝", "Tech blue"),
    "brand-生态绿": ("生态绿", "Eco green"),
    "brand-about-政务红": ("红色主色、金色点缀,适合向领导汇报",
                        "red with gold accents, for briefing the leadership"),
    "brand-about-科技蓝": ("深蓝主色、青色点缀,适合科技、数字化专题",
                        "deep blue with cyan accents, for technology and digital themes"),
    "brand-about-生态绿": ("绿色主色,适合绿色低碳专题", "green, for green and low-carbon themes"),
}
