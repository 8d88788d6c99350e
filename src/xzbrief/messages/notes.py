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


Param = Union[str, int, float, Words, "Note", "Run", tuple["Param", ...]]


@dataclass(frozen=True)
class Run:
    """A list parameter whose Chinese runs its items together with no 、 — quoted names, as in
    「目录」「结束」 (a plain tuple from ``join`` lists with 、)."""

    items: tuple[Param, ...]

    def text(self, lang: Lang) -> str:
        return ("" if lang == "zh" else ", ").join(str(_said(v, lang)) for v in self.items)


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
    if isinstance(value, (Words, Note, Run)):
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
    # --- templates that cannot be used (TemplateError: a UserError carries one of these) ------
    "template-not-found": ("找不到模板「{spec}」;内置品牌有:{known},或给出 .pptx 文件路径",
                           "template “{spec}” not found; built-in brands: {known}, or give the "
                           "path of a .pptx file"),
    "template-unreadable": ("无法读取模板 {path}", "cannot read template {path}"),
    "template-not-pptx": ("模板 {file} 不是 PowerPoint 文件(.pptx)",
                          "template {file} is not a PowerPoint file (.pptx)"),
    "template-not-presentation": ("模板 {file} 不是 PowerPoint 演示文稿",
                                  "template {file} is not a PowerPoint presentation"),
    "template-macros": ("模板 {file} 含有宏(.pptm/.potm),不会使用:宏代码会被带进每一份汇报。"
                        "请在 PowerPoint 中「另存为」.pptx 后再选用{part}",
                        "template {file} contains macros (.pptm/.potm) and is refused: they "
                        "would travel into every deck. Save it as .pptx in PowerPoint first{part}"),
    "template-macro-part": ("(宏部件:{part})", " (macro part: {part})"),
    "template-external-links": ("模板 {file} 含有指向外部的链接(如 {listing}),打开汇报时会访问外部"
                                "地址,不会使用。请在 PowerPoint 中断开链接(「文件 → 信息 → 编辑指向"
                                "文件的链接」)后另存",
                                "template {file} links to external files ({listing}); refused "
                                "because opening a deck would reach them. Break the links in "
                                "PowerPoint and save again"),
    "template-part-damaged": ("模板 {file} 中的 {part} 已损坏(不是完好的 XML)",
                              "{part} in template {file} is damaged (not well-formed XML)"),
    "template-incomplete": ("模板 {file} 的结构不完整,无法使用({reason})。"
                            "请在 PowerPoint 中打开并另存为 .pptx 后再选用,或改用内置品牌",
                            "template {file} is incomplete and cannot be used ({reason}); open "
                            "it in PowerPoint and save it again, or use a built-in brand"),
    "template-cannot-open": ("模板 {file} 无法打开:{reason}",
                             "template {file} cannot be opened: {reason}"),
    "template-not-landscape": ("模板 {file} 的页面不是横向演示页面(现为 {width:.2f}×{height:.2f} "
                               "厘米);请在 PowerPoint「设计 → 幻灯片大小」中选宽屏(16:9)或"
                               "标准(4:3)后另存再选用",
                               "template {file} is not a landscape slide ({width:.2f} x "
                               "{height:.2f} cm); set Design > Slide Size to Widescreen (16:9) "
                               "or Standard (4:3) and save it again"),
    "template-no-content-layout": ("模板 {file} 缺少带标题占位符的内容版式(名称应为 {wanted} 之一);"
                                   "模板中的版式有:{have}",
                                   "template {file} has no content layout with a title "
                                   "placeholder (named one of {wanted}); its layouts are: {have}"),
    "none": ("(无)", "(none)"),
    # --- decks that cannot be refreshed (RefreshError, a UserError) ----------------------------
    "refresh-no-record": ("{deck} 中没有 xzbrief 的生成记录(不是由 xzbrief 生成,或记录已被删除),"
                          "无法更新;请用 xzbrief 重新生成",
                          "{deck} carries no xzbrief record (not made by xzbrief, or the record "
                          "was removed) and cannot be refreshed; build it again with xzbrief"),
    "refresh-cannot-open": ("{deck} 无法打开:{reason}", "cannot open {deck}: {reason}"),
    "refresh-workbook-missing": ("找不到汇报所用的工作簿「{name}」;请用 --data 指定",
                                 "cannot find the deck's workbook “{name}”; name it with --data"),
    "refresh-recipe-bad": ("汇报记录中的配方无法读取:{reason}",
                           "the recipe the deck recorded cannot be read: {reason}"),
    "refresh-chart-linked": ("{deck} 第{page}页的图表「{name}」链接到外部工作簿;xzbrief 只更新内嵌"
                             "数据的图表,请先在 PowerPoint 中断开链接(文件 > 信息 > 编辑指向文件"
                             "的链接)",
                             "the chart “{name}” on slide {page} of {deck} is linked to an "
                             "outside workbook; xzbrief only refreshes charts with embedded data: "
                             "break the link in PowerPoint first"),
    # --- what a refresh could not do in a chart (render/deck_patch.py) -------------------------
    "refresh-chart-problem": ("图表「{name}」:{note}", "chart “{name}”: {note}"),
    "refresh-series-missing": ("系列「{name}」在新数据中没有,未改动",
                               "series “{name}” is not in the new data; left as it is"),
    "refresh-series-no-cache": ("系列「{name}」没有数值缓存,未改动",
                                "series “{name}” has no cached values; left as it is"),
    "refresh-no-embedded-workbook": ("图表没有内嵌工作簿(另一个办公软件另存时丢弃了它),"
                                     "只更新了图表缓存;在 PowerPoint 中“编辑数据”将不可用",
                                     "the chart has no embedded workbook (another office "
                                     "program dropped it on saving); only the chart's cache was "
                                     "updated, and Edit Data in PowerPoint will not work"),
    "refresh-embedded-sheet": ("内嵌工作簿的工作表「{sheet}」无法更新({reason}),只更新了图表缓存",
                               "sheet “{sheet}” of the embedded workbook could not be updated "
                               "({reason}); only the chart's cache was updated"),
    # --- xzbrief refresh's own lines ----------------------------------------------------------
    "refresh-table-head": ("页 | 位置 | 原文 | 新文 | 出处 | 处理",
                           "slide | place | old | new | source | action"),
    "refresh-slide-deleted": ("已删除", "deleted"),
    "refresh-found-by": ("({how})", " ({how})"),
    "refresh-found-name": ("形状名", "shape name"),
    "refresh-found-placeholder": ("占位符", "placeholder"),
    "refresh-found-notes": ("备注页", "notes"),
    "refresh-reason": ("    说明:{reason}", "    note: {reason}"),
    "refresh-totals": ("共 {n} 项:更新 {update},请核对 {eye},保留 {kept},无法放置 {unplaced}。",
                       "{n} items: {update} updates, {eye} need your eye, {kept} kept, "
                       "{unplaced} not placed."),
    "refresh-fitting-totals": ("其中 {resized} 处调小了字号才放得下新文字,"
                               "{no_room} 处放不下(请看一眼)。",
                               "Of these, {resized} set smaller so that the new text fits, "
                               "{no_room} do not fit (please look)."),
    "refresh-fitting-along": ("另有 {n} 处指标卡数字随本页调小的数字调为同一字号。",
                              "Card numbers set to the size of one on their page that had to "
                              "shrink: {n}."),
    "refresh-head": ("汇报:{deck}(记录位于 {found_in});数据:{data}",
                     "deck: {deck} (record in {found_in}); data: {data}"),
    "refresh-nothing-changed": ("数字和文字均无变化,无需更新。",
                                "Nothing changed; nothing to refresh."),
    "refresh-nothing-updatable": ("没有可以自动更新的内容,未写文件。",
                                  "Nothing can be updated; no file written."),
    "refresh-confirm": ("写入 {path}?[y/N] ", "write {path}? [y/N] "),
    "refresh-not-confirmed": ("未确认,未写入;不询问直接写入请加 --yes",
                              "not confirmed, nothing written; add --yes to write without "
                              "asking"),
    "refresh-not-written": ("未写入。", "Not written."),
    "refresh-written": ("已写入 {path}({n} 处更新)", "written {path} ({n} updates)"),
    # --- a file that cannot be saved (atomic.SaveBlocked: the reason, then the whole refusal) ----
    "save-blocked": ("无法保存 {path}:{reason}。原文件未改动;可另存为 {suggestion}",
                     "cannot save {path}: {reason}. The old file is untouched; try {suggestion}"),
    "save-disk-full": ("磁盘已满", "the disk is full"),
    "save-too-large": ("文件超过了该磁盘或系统允许的大小",
                       "the file is larger than the disk or system allows"),
    "save-name-too-long": ("文件名过长", "the file name is too long"),
    "save-permission": ("没有写入权限", "permission denied"),
    "save-disk-read-only": ("磁盘是只读的", "the disk is read-only"),
    "save-folder-gone": ("所在文件夹不存在或已被移走", "its folder does not exist or was moved"),
    "save-path-not-folder": ("路径中有一项不是文件夹", "part of the path is not a folder"),
    "save-is-folder": ("这是一个文件夹", "it is a folder"),
    "save-io-error": ("磁盘或网络读写出错", "a disk or network I/O error"),
    "save-bad-name": ("文件名含有该磁盘不允许的字符", "the name has characters this disk refuses"),
    "save-too-many-open": ("同时打开的文件太多", "too many open files"),
    "save-in-use": ("文件正被其他程序使用", "the file is in use by another program"),
    "save-across-disks": ("无法在不同磁盘之间移动文件", "cannot move the file across disks"),
    "save-quota": ("超出磁盘配额", "the disk quota is exceeded"),
    "save-refused": ("系统报告写入失败({detail})", "the system refused the write ({detail})"),
    "save-no-folder": ("所在文件夹不存在", "its folder does not exist"),
    "save-file-read-only": ("文件是只读的", "the file is read-only"),
    "save-folder-not-writable": ("没有写入该文件夹的权限", "the folder is not writable"),
    "save-open-in": ("文件可能正在 {app} 中打开,请先关闭",
                     "it may be open in {app}; close it first"),
    "save-not-a-deck-name": ("汇报文件须以 .pptx 结尾(Word 汇报材料以 .docx 结尾)",
                             "a deck file must end in .pptx (a Word document in .docx)"),
    "save-is-workbook": ("这是汇报所用的工作簿", "it is the workbook the deck is made from"),
    "save-is-template": ("这是汇报使用的模板文件", "it is the deck's own template"),
    "save-not-a-pptx-name": ("汇报文件须以 .pptx 结尾", "a deck file must end in .pptx"),
    "save-is-refreshed-deck": ("这是要更新的汇报本身", "it is the deck being refreshed"),
    # --- a recipe (*.brief.toml) that cannot be used: recipe.RecipeIssue, after its key -------
    # {value}: the recipe's own value as TOML read it (English shows it as Python writes it)
    "recipe-expected": ("应为{kind},实为「{value}」", "expected {kind}, got {value!r}"),
    "recipe-kind-text": ("文字", "a string"),
    "recipe-kind-number": ("数字", "a number"),
    "recipe-kind-bool": ("true 或 false", "true or false"),
    "recipe-unknown-key": ("未知的键;可用的键:{known}", "unknown key; known keys: {known}"),
    "recipe-unknown-key-guess": ("未知的键;是不是「{guess}」?可用的键:{known}",
                                 "unknown key; did you mean {guess!r}? known keys: {known}"),
    "recipe-top-level-key": ("未知的键;「{key}」是顶层的键,须写在文件开头、第一个 [表] 之前;"
                             "可用的键:{known}",
                             "unknown key; {key!r} is a top-level key and must come before the "
                             "first [table]; known keys: {known}"),
    "recipe-not-texts": ("应为文字或文字列表", "expected a string or a list of strings"),
    "recipe-bad-period": ("期间「{value}」无法识别(写法如 2025年、2025年11月)",
                          "period {value!r} not recognised (e.g. 2025年)"),
    "recipe-control-characters": ("含有不可见的控制字符,请删除后保存",
                                  "contains invisible control characters"),
    "recipe-briefing-not-a-table": ("应为表 [briefing]", "expected a [briefing] table"),
    "recipe-options-not-a-table": ("应为表 [options]", "expected an [options] table"),
    "recipe-word-not-a-table": ("应为表 [word]", "expected a [word] table"),
    "recipe-no-title": ("缺少标题", "the title is missing"),
    "recipe-word-fonts": ("应为 GB2312 或 GBK", "expected GB2312 or GBK"),
    "recipe-out-of-range": ("应在 {low:g} 到 {high:g} 之间,实为 {value}",
                            "expected {low:g} to {high:g}, got {value}"),
    "recipe-not-a-choice": ("应为 {choices} 之一", "expected one of {choices}"),
    "recipe-themes-not-an-array": ("应为 [[themes]] 表数组",
                                   "expected an array of [[themes]] tables"),
    "recipe-theme-not-a-table": ("应为表", "expected a table"),
    "recipe-no-theme-name": ("缺少专题名称", "the theme name is missing"),
    "recipe-comparison": ("应为 同比、较上期、年均 或 无", "expected 同比, 较上期, 年均 or 无"),
    "recipe-not-text": ("应为文字", "expected a string"),
    "recipe-from-after-to": ("起始期间「{start}」晚于结束期间「{end}」",
                             "from {start} is after to {end}"),
    "recipe-not-found": ("找不到配方文件", "recipe file not found"),
    "recipe-not-toml": ("TOML 格式错误:{error}", "not valid TOML: {error}"),
    "recipe-not-utf8": ("文件不是 UTF-8 编码", "not UTF-8"),
    "recipe-not-in-workbook": ("{what}「{name}」不在工作簿中",
                               "{what} {name!r} is not in the workbook"),
    "recipe-not-in-workbook-guess": ("{what}「{name}」不在工作簿中;是不是「{guess}」?",
                                     "{what} {name!r} is not in the workbook; did you mean "
                                     "{guess!r}?"),
    "recipe-what-theme": ("专题", "theme"),
    "recipe-what-code": ("指标编码", "indicator code"),
    "recipe-what-region": ("地区", "region"),
    # --- xzbrief diff: what changed between two decks (diff.DeckChanges.lines) -----------------
    "diff-slide": ("第{n}页「{title}」", "slide {n} \"{title}\""),
    "diff-slide-removed": ("第{n}页(已删除)「{title}」", "slide {n} (removed) \"{title}\""),
    "diff-slide-new": ("第{n}页(新增)「{title}」", "slide {n} (new) \"{title}\""),
    "diff-item": ("{what} {how}:{body}", "{what} {how}: {body}"),
    "diff-what-number": ("数字", "number"),
    "diff-what-text": ("文字", "text"),
    "diff-how-changed": ("改变", "changed"),
    "diff-how-added": ("新增", "added"),
    "diff-how-removed": ("删除", "removed"),
    "diff-label": ("{label}:", "{label}: "),  # what a number is, before it
    "diff-where": ("({cell})", " ({cell})"),  # the workbook cell, after it
    "diff-estimate": ("(预计)", " (estimate)"),
    "diff-none": ("数字和文字均无变化。", "No number or sentence changed."),
    "diff-count": ("共 {n} 处变化。", "{n} changes."),
    # --- a recipe naming what the workbook lacks (build.RecipeMismatch: head, names, fix) ----
    "recipe-mismatch-head": ("配方与工作簿不符:", "the recipe does not match the workbook:"),
    "recipe-mismatch-fix": ("请在配方中改正或删去这些名称;"
                            "在 xzbrief-gui 中打开配方可一键移除它们",
                            "correct or remove these names in the recipe; opened in "
                            "xzbrief-gui, they can be removed in one click"),
    "recipe-mismatch-fix-in-app": ("点击「从配方中移除这些名称」去掉它们,"
                                   "或改用工作簿中的名称,再保存配方",
                                   "click “Remove these names from the recipe”, or choose "
                                   "names the workbook has, then save the recipe"),
    # --- words inside other notes ----------------------------------------------------------------
    "quoted-name": ("「{name}」", "“{name}”"),  # a user's name in a list (join)
    "coverage-estimate": ("预计", " (estimate)"),  # after a figure the deck leaves out
    "coverage-target": ("目标", " (target)"),
    # --- xzbrief-gui started without a screen ---------------------------------------------------
    "gui-no-display": ("没有图形显示环境(DISPLAY 未设置)。可在桌面环境中运行,"
                       "或设置 QT_QPA_PLATFORM=offscreen 做无界面测试。",
                       "no graphical display (DISPLAY is not set). Run it on a desktop, or set "
                       "QT_QPA_PLATFORM=offscreen for a test without a screen."),
    # --- the pipeline ---------------------------------------------------------------------------
    "step-read": ("读取工作簿 {name}", "reading workbook {name}"),
    "step-brand": ("读取模板「{name}」", "reading template {name}"),
    "step-plan": ("规划幻灯片", "planning slides"),
    "step-write": ("写入 {name}({n} 页)", "writing {name} ({n} slides)"),
    "step-slide": ("第 {i}/{n} 页", "slide {i}/{n}"),
    "step-docx": ("写入汇报材料 {name}", "writing the document {name}"),
    "step-pdf": ("用 LibreOffice 导出 PDF", "exporting PDF with LibreOffice"),
    "step-done": ("完成", "done"),
    "pdf-unavailable": ("未找到 LibreOffice,无法导出 PDF。请安装 LibreOffice"
                        "(https://zh-cn.libreoffice.org)后重试",
                        "LibreOffice was not found, so no PDF was made. Install LibreOffice "
                        "and try again"),
    "pdf-failed": ("LibreOffice 转换 PDF 失败:{detail}",
                   "LibreOffice could not convert the deck to PDF: {detail}"),
    "pdf-timeout": ("超过 {seconds} 秒未完成", "not done after {seconds} s"),
    "pdf-unknown": ("未知错误", "unknown error"),
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
    "cli-file-missing": ("找不到文件 {path}", "file not found: {path}"),
    "cli-note": ("提示:{note}", "note: {note}"),
    "cli-interrupted": ("已中断", "interrupted"),
    "cli-internal-error": ("内部错误(程序缺陷),请将以下信息反馈给维护人员:",
                           "internal error (a bug), please report this to the maintainers:"),
    "cli-lang-env-unknown": ("XZBRIEF_LANG={value} 不是可用的语言(zh、en),使用 zh",
                             "XZBRIEF_LANG={value} is not a language we have (zh, en); using zh"),
    "cli-brands-head": ("内置品牌模板:", "built-in brands:"),
    "cli-layouts-head": ("自定义模板(.pptx/.potx)须包含以下名称的版式:",
                         "your own template (.pptx/.potx) needs layouts named:"),
    "cli-diff-not-xzbrief": ("{name} 不是由 xzbrief 生成的汇报(其中没有数字出处记录),无法比较;"
                             "请用 xzbrief 重新生成后再比较",
                             "{name} was not made by xzbrief (it carries no provenance record) "
                             "and cannot be compared; build it again with xzbrief first"),
    "cli-diff-data": ("数据:{old} ({old_sha}) → {new} ({new_sha})",
                      "data: {old} ({old_sha}) → {new} ({new_sha})"),
    "cli-workbook-unreadable": ("无法读取 {path}", "cannot read {path}"),
    "cli-summary": ("汇总:指标 {indicators} 个,地区 {regions} 个,期间 {periods} 个,数据 {rows} 行,"
                    "要点 {highlights} 条;错误 {errors} 个,警告 {warnings} 个",
                    "summary: indicators {indicators}, regions {regions}, periods {periods}, "
                    "rows {rows}, highlights {highlights}; errors {errors}, warnings {warnings}"),
    "cli-explain-growth": ("{name}:与增速指标「{rate}」({code})同期连写,如「{name}X{unit},增长Y%」",
                           "{name}: written with its growth rate “{rate}” ({code}), as in "
                           "“{name} X {unit}, up Y%”"),
    "cli-template-suffix": ("模板须保存为 .xlsx", "the template must end in .xlsx"),
    "cli-template-exists": ("{path} 已存在;如需覆盖请加 --force",
                            "{path} exists; add --force to overwrite it"),
    "cli-template-no-folder": ("文件夹不存在:{path}", "no such folder: {path}"),
    "cli-template-unwritable": ("无法写入 {path}:{reason}", "cannot write {path}: {reason}"),
    "cli-template-written": ("已生成模板:{path}", "template written: {path}"),
    # --- the command line's help (argparse) ---------------------------------------------------
    "help-positionals": ("位置参数",
                         "positional arguments"),
    "help-optionals": ("选项",
                       "options"),
    "help-help": ("显示本帮助并退出",
                  "show this help message and exit"),
    "help-main-about": ("徐州产业体系汇报材料生成器:从 Excel 指标库生成汇报 PPT 和 Word 汇报材料",
                        "briefing decks and documents from an Excel indicator workbook"),
    "help-main-version": ("显示版本号并退出",
                          "show the version and exit"),
    "help-main-lang": ("提示语言(默认 zh;也可设置环境变量 XZBRIEF_LANG)",
                       "message language (default zh; or set XZBRIEF_LANG)"),
    "help-main-title": ("命令",
                        "commands"),
    "help-build-build": ("生成汇报 PPT",
                         "build a deck"),
    "help-build-build-about": ("生成汇报:不带参数时使用随附的徐州配方和数据集;"
                               "只给 --data 时包含该工作簿的全部专题。",
                               "build a deck: with no arguments from the shipped Xuzhou recipe "
                               "and workbook; with --data alone, every theme of that workbook."),
    "help-build-recipe": ("汇报配方 .brief.toml",
                          "briefing recipe .brief.toml"),
    "help-build-data": ("工作簿 .xlsx(覆盖配方中的路径)",
                        "workbook .xlsx (overrides the recipe's)"),
    "help-build-output": ("输出的 .pptx(默认:当前文件夹,以标题命名);"
                          "以 .docx 结尾时只生成 Word 汇报材料;"
                          "可给两次(一个 .pptx、一个 .docx)同时生成两者",
                          "the .pptx to write (default: named by the title, in the current "
                          "folder); ending in .docx writes the Word document alone; give it "
                          "twice (a .pptx and a .docx) for both"),
    "help-build-pdf": ("同时用 LibreOffice 导出 PDF",
                       "also export a PDF with LibreOffice"),
    "help-build-docx": ("同时生成 Word 汇报材料(公文格式 .docx,与 PPT 同名、同文件夹)",
                        "also write the Word document (.docx in 公文 format, beside the deck, "
                        "same name)"),
    "help-build-quiet": ("不显示进度",
                         "no progress lines"),
    "help-build-max-slides": ("页数超过 N 时不生成并说明(默认 {large_deck};0 表示不限)",
                              "write nothing and say so when the deck would have more than N "
                              "slides (default {large_deck}; 0: no limit)"),
    "help-build-templates": ("列出内置品牌模板",
                             "list built-in brands"),
    "help-dataset-dataset": ("检查工作簿、生成模板",
                             "check a workbook, write a template"),
    "help-dataset-check": ("检查工作簿并列出全部问题",
                           "check a workbook and list every problem"),
    "help-dataset-path": ("工作簿 .xlsx(默认:随附的徐州数据集)",
                          "workbook .xlsx (default: the shipped Xuzhou one)"),
    "help-dataset-json": ("机器可读的 JSON 输出",
                          "machine-readable JSON output"),
    "help-dataset-explain": ("列出按单位和名称推断的指标类型、增速与总量的连写",
                             "show inferred indicator kinds and level–growth links"),
    "help-dataset-template": ("生成空白工作簿模板",
                              "write a blank workbook"),
    "help-dataset-out": ("输出的 .xlsx 路径",
                         "the .xlsx to write"),
    "help-dataset-force": ("覆盖已存在的文件",
                           "overwrite an existing file"),
    "help-diff-diff": ("比较两份汇报的数字和文字",
                       "what changed between two decks"),
    "help-diff-old": ("上一次的汇报 .pptx",
                      "the earlier deck .pptx"),
    "help-diff-new": ("这一次的汇报 .pptx",
                      "the new deck .pptx"),
    "help-refresh-refresh": ("用工作簿的新数据更新已编辑的汇报",
                             "refresh an edited deck with the workbook's new data"),
    "help-refresh-refresh-about": ("用工作簿的新数据更新已编辑过的汇报:先列出每处变化,"
                                   "确认后写入新文件「<名称>（更新）.pptx」;"
                                   "用户改过的文字、移动过的形状一律保留。",
                                   "refresh an edited deck with the workbook's new data: every "
                                   "change is listed first, and once confirmed a new file "
                                   "“<name>（更新）.pptx” is written; text you edited and shapes "
                                   "you moved are kept."),
    "help-refresh-deck": ("已编辑的汇报 .pptx", "the edited deck .pptx"),
    "help-refresh-data": ("工作簿 .xlsx(默认:汇报记录的工作簿,在汇报旁边)",
                          "workbook .xlsx (default: the one the deck records, beside the deck)"),
    "help-refresh-output": ("输出 .pptx(默认:<名称>（更新）.pptx)",
                            "the .pptx to write (default: <name>（更新）.pptx)"),
    "help-refresh-yes": ("不询问,直接写入", "write without asking"),
    "help-refresh-plan-only": ("只列出变化,不写文件", "list the changes, write nothing"),
    "help-build-brand": ("品牌模板:{names}(也可写 {aliases}),或 .pptx 路径(相对于当前文件夹)",
                         "brand: {aliases} ({names}), or a .pptx path (relative to the current "
                         "folder)"),
    "help-lang": ("提示语言(zh、en)", "message language (zh, en)"),
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
