"""Every UI text, in one typed table (Chinese first, English switch).

Widgets read ``texts().open_workbook`` — a misspelt key is a mypy error, not a blank label — and
re-read them when ``language_changed`` fires.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from xzbrief.messages import Lang, pick_lang


@dataclass(frozen=True)
class UiText:
    app_name: str
    # menus and actions
    menu_file: str
    menu_view: str
    menu_help: str
    open_workbook: str
    open_recipe: str
    save_recipe: str
    save_recipe_as: str
    recent_workbooks: str
    recent_recipes: str
    no_recent: str
    generate: str
    quit: str
    language: str
    about: str
    open_in_spreadsheet: str
    # dataset panel
    dataset: str
    no_dataset: str
    summary: str
    data_as_of: str
    problems: str
    errors_tab: str
    warnings_tab: str
    no_problems: str
    reloaded: str
    loading: str
    deck_note: str
    reload_failed: str
    show_problems: str
    # selection
    selection: str
    search: str
    regions: str
    periods: str
    period_from: str
    period_to: str
    any_period: str
    comparison: str
    comparison_names: tuple[str, str, str, str]
    comparison_no_base: str
    drag_hint: str
    # deck settings
    deck_settings: str
    title: str
    subtitle: str
    organisation: str
    date: str
    brand: str
    own_template: str
    choose_template: str
    template_filter: str
    options: str
    opt_agenda: str
    opt_sections: str
    opt_key_figures: str
    opt_summary: str
    opt_indicator_table: str
    opt_check_workbook: str
    opt_highlights: str
    opt_notes: str
    opt_sources: str
    opt_appendix: str
    opt_marking: str
    marking_default: str
    opt_closing: str
    opt_numbering: str
    opt_structure: str
    structure_names: tuple[str, str]
    issues_text: str
    next_steps_text: str
    one_per_line: str
    # preview and generate
    preview: str
    slides_count: str
    no_slides: str
    empty_themes: str
    empty_regions: str
    generate_button: str
    also_pdf: str
    also_docx: str
    open_docx: str
    no_libreoffice: str
    cancel: str
    generating: str
    generated: str
    open_deck: str
    open_folder: str
    open_check: str
    generate_failed: str
    save_blocked: str
    save_elsewhere: str
    large_deck_title: str
    large_deck: str
    drop_missing: str
    cancelled: str
    data_has_errors: str
    deck_filter: str
    workbook_filter: str
    new_workbook: str
    new_workbook_done: str
    new_workbook_failed: str
    workbook_name: str
    recipe_filter: str
    # dialogs
    unsaved_title: str
    unsaved_text: str
    error_title: str
    error_text: str
    about_text: str
    untitled: str
    changes_since_last: str
    no_changes: str


ZH = UiText(
    app_name="xzbrief 汇报助手",
    menu_file="文件(&F)", menu_view="视图(&V)", menu_help="帮助(&H)",
    open_workbook="打开工作簿…", open_recipe="打开汇报配方…", save_recipe="保存配方",
    save_recipe_as="配方另存为…", recent_workbooks="最近的工作簿", recent_recipes="最近的配方",
    no_recent="(无)", generate="生成汇报", quit="退出", language="English",
    about="关于 xzbrief", open_in_spreadsheet="在表格软件(Excel / WPS)中打开",
    dataset="数据", no_dataset="尚未打开工作簿",
    summary="指标 {ind} 个 · 地区 {reg} 个 · 期间 {per} 个 · 数据 {rows} 行",
    data_as_of="数据截至:{as_of}", problems="问题", errors_tab="错误 {n}", warnings_tab="警告 {n}",
    no_problems="没有发现问题", deck_note="汇报:", reloaded="工作簿已更新,已重新读取",
    loading="正在读取工作簿…",
    reload_failed="工作簿保存后有错误,仍显示上次正确的数据",
    show_problems="查看问题",
    selection="选择内容", search="搜索指标…", regions="地区",
    periods="期间", period_from="从", period_to="到", any_period="不限",
    comparison="比较", comparison_names=("同比", "较上期", "年均", "无"),
    comparison_no_base="所选期间里没有「{comparison}」要比的更早数据,汇报中将不写{comparison}。"
                       "把「从」提前,或把比较改为「无」。",
    drag_hint="拖动专题可调整顺序",
    deck_settings="汇报设置", title="标题", subtitle="副标题", organisation="汇报单位",
    date="日期", brand="品牌模板", own_template="我的模板…", choose_template="选择 PowerPoint 模板",
    template_filter="PowerPoint 模板 (*.pptx *.potx)", options="选项", opt_agenda="目录页",
    opt_sections="章节页", opt_key_figures="主要指标卡片页", opt_highlights="亮点页",
    opt_summary="综述页", opt_indicator_table="主要指标完成情况表",
    opt_check_workbook="另存数据核对表(.核对.xlsx)",
    opt_notes="演讲者备注", opt_sources="数据来源脚注", opt_appendix="数据核对表(附录页)",
    opt_marking="密级标记", marking_default="内部资料 注意保存", opt_closing="结束语",
    opt_numbering="标题编号", opt_structure="结构", structure_names=("按专题", "汇报式"),
    issues_text="存在问题", next_steps_text="下一步工作", one_per_line="每行一段",
    preview="预览", slides_count="共 {n} 页", no_slides="没有可生成的幻灯片",
    empty_themes="没有勾选任何专题或指标。\n请在「选择内容」中至少勾选一项,才能预览和生成。",
    empty_regions="没有勾选任何地区。\n请在「选择内容」的「地区」中至少勾选一个。",
    generate_button="生成 PPT", also_pdf="同时导出 PDF",
    also_docx="同时生成汇报材料（Word）", open_docx="打开汇报材料",
    no_libreoffice="未安装 LibreOffice,无法导出 PDF", cancel="取消", generating="正在生成…",
    generated="已生成 {path}", open_deck="打开汇报", open_folder="打开所在文件夹",
    open_check="数据核对表",
    generate_failed="生成失败", save_blocked="无法保存", save_elsewhere="另存为…",
    large_deck_title="页数较多", large_deck="本次将生成 {n} 页，确定继续吗？",
    drop_missing="从配方中移除这些名称",
    cancelled="已取消", data_has_errors="工作簿有错误,请先修正(见「问题」)",
    deck_filter="PowerPoint 演示文稿 (*.pptx)",
    workbook_filter="Excel / WPS 表格 (*.xlsx *.xlsm *.xls *.et);;所有文件 (*)",
    new_workbook="新建空白指标库…", workbook_name="指标库.xlsx",
    new_workbook_done="已生成空白指标库 {path}:用 Excel 或 WPS 填写并保存后,这里会自动刷新",
    new_workbook_failed="无法写入 {path}:{reason}",
    recipe_filter="汇报配方 (*.brief.toml *.toml)",
    unsaved_title="未保存的修改", unsaved_text="配方有未保存的修改,要保存吗?",
    error_title="出错了", error_text="程序遇到意外错误,但仍可继续使用。详情已记录到日志:\n{log}",
    about_text="xzbrief {version}\n从本地 Excel / WPS 指标库生成可编辑的中文汇报 PPT,全程离线。",
    untitled="未命名配方", changes_since_last="与上次生成相比的变化",
    no_changes="数字和文字均无变化",
)

EN = UiText(
    app_name="xzbrief briefing assistant",
    menu_file="&File", menu_view="&View", menu_help="&Help",
    open_workbook="Open workbook…", open_recipe="Open recipe…", save_recipe="Save recipe",
    save_recipe_as="Save recipe as…", recent_workbooks="Recent workbooks",
    recent_recipes="Recent recipes", no_recent="(none)", generate="Generate deck", quit="Quit",
    language="中文", about="About xzbrief", open_in_spreadsheet="Open in spreadsheet program",
    dataset="Data", no_dataset="No workbook open",
    summary="{ind} indicators · {reg} regions · {per} periods · {rows} rows",
    data_as_of="Data as of {as_of}", problems="Problems", errors_tab="Errors {n}",
    warnings_tab="Warnings {n}", no_problems="No problems found", deck_note="Deck: ",
    reloaded="The workbook changed and was read again", loading="Reading the workbook…",
    reload_failed="The saved workbook has errors; showing the last good data",
    show_problems="Show the problems",
    selection="Content", search="Search indicators…", regions="Regions",
    periods="Periods", period_from="From", period_to="To",
    any_period="Any", comparison="Compare",
    comparison_names=("Year on year", "Previous period", "Average annual", "None"),
    comparison_no_base="The chosen periods hold no earlier data for “{comparison}”, so the deck "
                       "will not state it. Start the range earlier, or choose None.",
    drag_hint="Drag themes to reorder",
    deck_settings="Deck settings", title="Title", subtitle="Subtitle",
    organisation="Presented by", date="Date", brand="Brand", own_template="My template…",
    choose_template="Choose a PowerPoint template",
    template_filter="PowerPoint templates (*.pptx *.potx)", options="Options",
    opt_agenda="Agenda", opt_sections="Section dividers", opt_key_figures="Key figure cards page",
    opt_summary="Summary (综述) page", opt_indicator_table="Main indicators table",
    opt_check_workbook="Data-check workbook beside the deck (.核对.xlsx)",
    opt_highlights="Highlights", opt_notes="Speaker notes", opt_sources="Source footnotes",
    opt_appendix="Data check table (appendix)", opt_marking="Marking",
    marking_default="内部资料 注意保存", opt_closing="Closing line",
    opt_numbering="Heading numbers", opt_structure="Structure",
    structure_names=("By theme", "Report"), issues_text="Issues",
    next_steps_text="Next steps", one_per_line="one paragraph per line",
    preview="Preview", slides_count="{n} slides", no_slides="Nothing to show",
    empty_themes="No theme or indicator is ticked.\nTick at least one under Selection to "
                 "preview and generate.",
    empty_regions="No region is ticked.\nTick at least one under Regions in Selection.",
    generate_button="Generate PPT", also_pdf="Also export PDF",
    also_docx="Also write the Word document (汇报材料)", open_docx="Open document",
    no_libreoffice="LibreOffice is not installed: no PDF export", cancel="Cancel",
    generating="Generating…", generated="Written {path}", open_deck="Open deck",
    open_folder="Open folder", open_check="Data check", generate_failed="Generation failed",
    save_blocked="Cannot save", save_elsewhere="Save as…", cancelled="Cancelled",
    large_deck_title="A long deck", large_deck="This will generate {n} slides. Continue?",
    drop_missing="Remove these names from the recipe",
    data_has_errors="The workbook has errors; fix them first (see Problems)",
    deck_filter="PowerPoint presentation (*.pptx)",
    workbook_filter="Excel / WPS spreadsheets (*.xlsx *.xlsm *.xls *.et);;All files (*)",
    new_workbook="New blank indicator workbook…", workbook_name="indicators.xlsx",
    new_workbook_done="Blank workbook written to {path}: fill it in Excel or WPS and save; "
                      "the app reloads it",
    new_workbook_failed="Could not write {path}: {reason}",
    recipe_filter="Briefing recipe (*.brief.toml *.toml)",
    unsaved_title="Unsaved changes", unsaved_text="The recipe has unsaved changes. Save them?",
    error_title="Something went wrong",
    error_text="An unexpected error occurred; you can keep working. Details were logged to:\n{log}",
    about_text="xzbrief {version}\nEditable Chinese briefing decks from a local Excel workbook, "
               "fully offline.",
    untitled="Untitled recipe", changes_since_last="Changes since the last deck",
    no_changes="No number or sentence changed",
)


class Language(QObject):
    """The current UI language; widgets retranslate on ``changed``."""

    changed = Signal(str)

    def __init__(self, code: str = "zh") -> None:
        super().__init__()
        self.code: Lang = pick_lang(code)

    def set(self, code: str) -> None:
        lang = pick_lang(code)
        if lang != self.code:
            self.code = lang
            self.changed.emit(lang)


LANGUAGE = Language()


def ui_lang() -> Lang:
    """The app's language, for everything it shows from the core (notes, problems)."""
    return LANGUAGE.code


def texts() -> UiText:
    return ZH if LANGUAGE.code == "zh" else EN
