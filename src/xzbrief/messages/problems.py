"""The workbook problems' words (what the dataset checks report), in Chinese and English with
a hint each, keyed by a stable code.

One table so the wording is reviewed in one place and tests can check that every code is
used and every template's placeholders are filled.
"""

from __future__ import annotations

from dataclasses import dataclass

from xzbrief.messages.lang import Lang

TEMPLATE_HINT_ZH = "可运行 xzbrief dataset template 模板.xlsx 生成一份标准模板对照"
TEMPLATE_HINT_EN = "run `xzbrief dataset template out.xlsx` for a blank workbook to compare with"
PERIOD_FORMS = "2025年、2025年11月、2025年1—11月、2025年三季度、2025年上半年、2021—2025年"
NUMBER_HINT_ZH = "数值格只填数字,单位写在「指标」表的「单位」列;缺数请留空(不会当作 0)"
NUMBER_HINT_EN = ("put only a number here (the unit belongs in 指标); leave it empty when "
                  "missing")


@dataclass(frozen=True)
class Msg:
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""

    def text(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

    def hint_text(self, lang: Lang) -> str:
        return self.hint_zh if lang == "zh" else self.hint_en


MESSAGES: dict[str, Msg] = {
    # --- the file itself --------------------------------------------------------------------
    "file-missing": Msg("找不到文件 {path}", "file not found: {path}",
                        "检查路径是否正确", "check the path"),
    "file-is-dir": Msg("{path} 是文件夹,不是工作簿", "{path} is a folder, not a workbook",
                       "请选择 .xlsx 文件", "choose an .xlsx file"),
    "file-no-permission": Msg("没有权限读取 {path}", "no permission to read {path}",
                              "检查文件权限,或复制到自己的文件夹再试",
                              "check permissions or copy it to your own folder"),
    "file-unreadable": Msg("无法读取 {path}:{reason}", "cannot read {path}: {reason}"),
    "file-too-large": Msg("文件有 {size_mb} MB,超过 {limit_mb} MB 的上限",
                          "the file is {size_mb} MB, over the {limit_mb} MB limit",
                          "删除不需要的工作表或图片后另存", "remove unneeded sheets or images"),
    "file-empty": Msg("文件是空的(0 字节)", "the file is empty (0 bytes)",
                      "可能保存或复制没有完成;请在 Excel 中重新保存",
                      "saving or copying did not finish; save it again in Excel"),
    "file-xls": Msg("这是旧版 Excel 97-2003 工作簿(.xls),xzbrief 只读取 .xlsx",
                    "this is an old Excel 97-2003 workbook (.xls); xzbrief reads .xlsx only",
                    "在 Excel 中「文件 → 另存为」,保存类型选「Excel 工作簿(*.xlsx)」",
                    "in Excel use File > Save As > Excel Workbook (*.xlsx)"),
    "file-et": Msg("这是 WPS 表格文件(.et),xzbrief 只读取 .xlsx",
                   "this is a WPS Spreadsheets file (.et); xzbrief reads .xlsx only",
                   "在 WPS 中「另存为」,文件类型选「Excel 文件(*.xlsx)」",
                   "in WPS use Save As and choose Excel (*.xlsx)"),
    "file-csv": Msg("这是 CSV 文本文件,不是 Excel 工作簿",
                    "this is a CSV text file, not an Excel workbook",
                    "用 Excel 打开后按模板整理工作表,另存为 .xlsx; " + TEMPLATE_HINT_ZH,
                    "open it in Excel, arrange the sheets as in the template, save as .xlsx"),
    "file-ods": Msg("这是 OpenDocument 表格(.ods)", "this is an OpenDocument spreadsheet (.ods)",
                    "另存为「Excel 2007-365 (.xlsx)」", "save it as Excel 2007-365 (.xlsx)"),
    "file-xlsb": Msg("这是 Excel 二进制工作簿(.xlsb)", "this is an Excel binary workbook (.xlsb)",
                     "在 Excel 中另存为「Excel 工作簿(*.xlsx)」", "save it as .xlsx in Excel"),
    "file-html": Msg("这是网页格式的表格(有些系统导出的 .xls 实际上是网页)",
                     "this is an HTML table (some systems export .xls files that are web pages)",
                     "用 Excel 打开后另存为「Excel 工作簿(*.xlsx)」",
                     "open it in Excel and save as Excel Workbook (*.xlsx)"),
    "file-xml2003": Msg("这是 Excel 2003 XML 表格", "this is an Excel 2003 XML spreadsheet",
                        "在 Excel 中另存为 .xlsx", "save it as .xlsx in Excel"),
    "file-encrypted": Msg("工作簿设置了打开密码,无法读取", "the workbook is password-protected",
                          "在 Excel 中「文件 → 信息 → 保护工作簿 → 用密码进行加密」,"
                          "清空密码后另存一份",
                          "in Excel remove the password (File > Info > Protect Workbook) and "
                          "save a copy"),
    "file-lock": Msg("{name} 是 Excel 打开工作簿时生成的临时锁定文件,不是工作簿",
                     "{name} is the lock file Excel keeps while the workbook is open",
                     "请选择同一文件夹中名称不以 ~$ 开头的那个工作簿",
                     "choose the workbook itself (its name does not start with ~$)"),
    "file-truncated": Msg("文件不完整或已损坏", "the file is incomplete or damaged",
                          "可能下载或复制中断;请重新复制,或在 Excel 中打开后重新保存",
                          "a download or copy was cut short; copy it again or re-save in Excel"),
    "file-corrupt": Msg("工作簿内容无法解析:{reason}", "the workbook cannot be parsed: {reason}",
                        "在 Excel 中打开并另存为新的 .xlsx",
                        "open it in Excel and save a new copy"),
    "file-part-missing": Msg("工作簿缺少内部文件 {part}(某个工作表的内容丢失)",
                             "the workbook lacks its part {part} (a sheet's content is missing)",
                             "在 Excel 中打开并另存为新的 .xlsx",
                             "open it in Excel and save a new copy"),
    "file-not-workbook": Msg("这不是 Excel 工作簿", "this is not an Excel workbook",
                             "请选择 .xlsx 文件", "choose an .xlsx file"),
    "file-office-other": Msg("这是 Word 或 PowerPoint 文件,不是 Excel 工作簿",
                             "this is a Word or PowerPoint file, not an Excel workbook",
                             "请选择 .xlsx 文件", "choose an .xlsx file"),
    "file-zip-bomb": Msg("文件解压后异常巨大({reason}),已拒绝读取",
                         "the file expands to an abnormal size ({reason}); refused",
                         "这可能是恶意文件;请向发送者核实",
                         "it may be hostile; check with the sender"),
    "file-zip-duplicate": Msg("文件中有两个同名的内部文件 {member},"
                              "不同程序可能读到不同内容,已拒绝读取",
                              "the file holds two entries named {member}; programs may read "
                              "different ones, so it is refused",
                              "正常的 Office 文件不会这样,可能被篡改;请用 Office 重新另存",
                              "real Office files never do this; it may have been tampered "
                              "with. Save a fresh copy in Office"),
    "file-xml-bomb": Msg("文件含有 XML 实体定义(DTD,位于 {member}),已拒绝读取",
                         "the file contains XML entity declarations ({member}); refused",
                         "正常的 Excel 文件不含此类内容,可能是恶意文件",
                         "real Excel files never contain these; it may be hostile"),
    # --- sheets and headers -----------------------------------------------------------------
    "sheet-missing": Msg("缺少工作表「{name}」", "sheet '{name}' is missing",
                         TEMPLATE_HINT_ZH, TEMPLATE_HINT_EN),
    "data-sheet-missing": Msg("没有数据工作表(名称以「数据」开头的工作表)",
                              "no data sheet (a sheet whose name starts with 数据)",
                              TEMPLATE_HINT_ZH, TEMPLATE_HINT_EN),
    "header-missing": Msg("前 30 行内找不到表头(应包含:{columns})",
                          "no header row in the first 30 rows (expected: {columns})",
                          TEMPLATE_HINT_ZH, TEMPLATE_HINT_EN),
    "column-missing": Msg("缺少列「{column}」(表头在第 {row} 行)",
                          "column '{column}' is missing (header in row {row})",
                          "在表头行添加该列", "add the column to the header row"),
    "column-unknown": Msg("列「{header}」既不是已知列也不是期间,已忽略",
                          "column '{header}' is neither a known column nor a period; ignored",
                          "期间列的写法如 " + PERIOD_FORMS, "period headers look like 2025年"),
    "sheet-ignored": Msg("工作表名称以「数据」开头,但找不到表头,已忽略",
                         "sheet name starts with 数据 but it has no header row; ignored",
                         "如是数据表,请按模板填写表头;否则请改名",
                         "add the template's header row, or rename the sheet"),
    "sheet-hidden-skipped": Msg("工作表已隐藏,其数据未读取", "hidden sheet: its data was not read",
                                "隐藏的数据表通常是旧副本;如需使用,请在 Excel 中取消隐藏",
                                "hidden data sheets are usually old copies; unhide it to use it"),
    "sheet-hidden-read": Msg("工作表已隐藏,仍照常读取", "hidden sheet: read as usual"),
    "rows-hidden": Msg("第 {rows} 行在 Excel 中被隐藏,仍照常读取",
                       "rows {rows} are hidden in Excel and are read as usual",
                       "隐藏行里的数字也会进入汇报;不需要的行请删除",
                       "numbers in hidden rows reach the deck too; delete rows you don't want"),
    "sheet-too-large": Msg("工作表的使用区域过大({rows} 行 × {cols} 列),无法读取",
                           "the sheet's used range is too large ({rows} rows x {cols} columns)",
                           "删除表格下方和右侧多余的行和列(选中后右键「删除」,不是只清除内容)后保存",
                           "delete the unused rows and columns below and right of the table"),
    "cell-stray": Msg("单元格远在表格之外(下方或右侧很远处),其内容已忽略",
                      "the cell lies far outside the table (far below or right); ignored",
                      "如是误输入(例如一个空格),请删除该单元格的内容",
                      "if it was typed by mistake (e.g. a space), clear the cell"),
    "cell-stray-more": Msg("另有 {count} 个远在表格之外的单元格,其内容已忽略",
                           "{count} more cells far outside the table were ignored"),
    "column-duplicate": Msg("期间列「{header}」与 {first} 重复,本列已忽略",
                            "period column '{header}' repeats {first}; this column is ignored",
                            "每个期间(及状态)只保留一列", "keep one column per period and status"),
    "sheet-no-rows": Msg("没有数据行", "no data rows", "在表头下方逐行填写", "fill rows below "
                         "the header"),
    "merged-data": Msg("数据区域内有合并单元格 {range}", "merged cells {range} inside the data",
                       "取消合并,并在每一行填写完整的值",
                       "unmerge and fill the value in every row"),
    # --- cells ------------------------------------------------------------------------------
    "text-control-chars": Msg("文字中有不可见的控制字符,已删除",
                              "invisible control characters were removed from the text",
                              "通常来自从网页或其他系统复制;可在 Excel 中用 CLEAN() 清理",
                              "usually pasted from elsewhere; Excel's CLEAN() removes them"),
    "code-empty": Msg("指标编码为空", "indicator code is empty",
                      "为每个指标填写唯一编码,如 CY01", "give each indicator a unique code"),
    "code-duplicate": Msg("指标编码「{code}」重复(首次出现在 {first})",
                          "indicator code '{code}' repeats (first at {first})",
                          "每个指标编码只能出现一次", "each code may appear once"),
    "name-empty": Msg("指标名称为空", "indicator name is empty"),
    "theme-empty": Msg("专题为空", "theme is empty", "填写所属专题", "fill in the theme"),
    "decimals-invalid": Msg("小数位「{value}」应为 0—6 的整数",
                            "decimals '{value}' must be a whole number 0-6"),
    "parent-unknown": Msg("上级指标「{code}」不在指标表中",
                          "parent indicator '{code}' is not in 指标",
                          "填写总量指标的编码,或留空", "use the total's code, or leave empty"),
    "parent-self": Msg("上级指标不能是自己", "an indicator cannot be its own parent"),
    "parent-unit": Msg("分项单位「{unit}」与上级指标 {parent} 的单位「{parent_unit}」不同",
                       "part unit '{unit}' differs from its total {parent} ('{parent_unit}')",
                       "分项与总量应使用相同单位", "parts and total should share a unit"),
    "theme-unlisted": Msg("专题「{theme}」不在「专题」表中,已按出现顺序排在最后",
                          "theme '{theme}' is not in 专题; placed last",
                          "在「专题」表中添加该专题", "add it to the 专题 sheet"),
    "theme-duplicate": Msg("专题「{theme}」重复(首次出现在 {first})",
                           "theme '{theme}' repeats (first at {first})"),
    "region-duplicate": Msg("地区「{region}」重复(首次出现在 {first})",
                            "region '{region}' repeats (first at {first})"),
    "region-unlisted": Msg("地区「{region}」不在「地区」表中,已排在最后",
                           "region '{region}' is not in 地区; placed last",
                           "在「地区」表中添加,或检查是否写错(如 徐州市/徐州)",
                           "add it to 地区 or check the spelling"),
    "order-invalid": Msg("顺序「{value}」应为数字", "order '{value}' must be a number"),
    "data-code-empty": Msg("本行有数据,但指标编码为空", "the row has data but no indicator code",
                           "填写指标编码,或删除本行", "fill in the code or delete the row"),
    "data-code-unknown": Msg("指标编码「{code}」不在「指标」表中",
                             "indicator code '{code}' is not in 指标",
                             "先在「指标」表中添加该指标,或检查拼写",
                             "add it to 指标 first, or check the spelling"),
    "region-empty": Msg("地区为空", "region is empty", "填写地区,如 徐州市", "fill in the region"),
    "period-empty": Msg("期间为空", "period is empty", "写法如 " + PERIOD_FORMS,
                        "e.g. 2025年, 2025年11月"),
    "period-unknown": Msg("期间「{value}」无法识别", "period '{value}' not recognised",
                          "写法如 " + PERIOD_FORMS,
                          "e.g. 2025年, 2025年11月, 2025年1—11月, 2025Q3"),
    "period-year-range": Msg("年份 {year} 超出 1900—2100", "year {year} is outside 1900-2100"),
    "period-month-range": Msg("月份 {month} 不在 1—12 之间", "month {month} is not within 1-12"),
    "period-span-order": Msg("起止年份 {start}—{end} 顺序不对", "span {start}-{end} runs backwards",
                             "先写起始年,如 2021—2025年", "start year first, e.g. 2021—2025年"),
    "status-invalid": Msg("状态「{value}」无法识别", "status '{value}' not recognised",
                          "填写 实际、预计 或 目标;留空为实际",
                          "use 实际, 预计 or 目标; empty means 实际"),
    "value-text": Msg("数值以文本形式存储(「{raw}」),已按 {value} 读取",
                      "number stored as text ('{raw}'), read as {value}",
                      "在 Excel 中选中该格,点击感叹号「转换为数字」",
                      "in Excel use 'Convert to Number'"),
    "value-not-number": Msg("「{raw}」不是数字", "'{raw}' is not a number",
                            NUMBER_HINT_ZH, NUMBER_HINT_EN),
    "value-qualified": Msg("「{raw}」把「{word}」写进了数值格",
                           "'{raw}' puts '{word}' in the value cell",
                           "数值格只填数字,「{word}」请写在「限定」列(原文怎么写就怎么填)",
                           "keep only the number here and put '{word}' in the 限定 column"),
    "value-with-text": Msg("「{raw}」含有文字「{text}」", "'{raw}' contains the text '{text}'",
                           NUMBER_HINT_ZH, NUMBER_HINT_EN),
    "value-nonfinite": Msg("数值不是有限数(NaN 或无穷大)", "the value is NaN or infinite",
                           NUMBER_HINT_ZH, NUMBER_HINT_EN),
    "value-bool": Msg("单元格是逻辑值(TRUE/FALSE),不是数值",
                      "the cell is a logical value (TRUE/FALSE), not a number",
                      NUMBER_HINT_ZH, NUMBER_HINT_EN),
    "value-type": Msg("单元格「{raw}」不是数值", "the cell '{raw}' is not a number",
                      NUMBER_HINT_ZH, NUMBER_HINT_EN),
    "value-date": Msg("单元格是日期或时间({raw}),不是数值",
                      "the cell is a date or time ({raw}), not a number",
                      "将单元格格式改为「常规」或「数值」后重新填写",
                      "format the cell as General or Number and type the value again"),
    "value-percent-unit": Msg("「{raw}」带百分号,但指标单位是「{unit}」",
                              "'{raw}' has a percent sign but the unit is '{unit}'",
                              "百分比指标的单位应为 %;否则去掉百分号",
                              "use the unit % for percentages, or drop the sign"),
    "value-excel-error": Msg("单元格是 Excel 错误值 {error}",
                             "the cell holds the Excel error {error}",
                             "修正公式,或在缺数时清空该格", "fix the formula, or clear the cell"),
    "value-bad-date": Msg("单元格设为日期/时间格式,但其中的数值超出了日期范围",
                          "the cell is formatted as a date or time but its number is beyond "
                          "the calendar",
                          "把单元格格式改为「常规」或「数值」,再核对其中的数",
                          "format the cell as General or Number and check the value"),
    "value-uncalculated": Msg("公式没有计算结果(文件未经 Excel 计算保存)",
                              "formula has no calculated value (the file was never saved by "
                              "Excel)",
                              "在 Excel 中打开该文件并保存一次",
                              "open the file in Excel and save it"),
    "value-percent-format": Msg("单元格以百分比格式显示,但指标单位是「{unit}」,"
                                "已按原值 {value} 读取",
                                "the cell is formatted as a percentage but the unit is '{unit}'; "
                                "read as {value}",
                                "核对单位;百分比指标的单位应为 %",
                                "check the unit; percentage indicators use %"),
    "unit-mismatch": Msg("单位「{unit}」与指标表中的「{expected}」不一致",
                         "unit '{unit}' contradicts '{expected}' in 指标",
                         "换算成指标表的单位,或清空本列", "convert to the 指标 unit or clear it"),
    "qualifier-invalid": Msg("限定「{value}」不可用", "qualifier '{value}' is not allowed",
                             "可用:{allowed}", "allowed: {allowed}"),
    "row-duplicate": Msg("与 {first} 重复(同一指标、地区、期间和状态)",
                         "repeats {first} (same indicator, region, period and status)",
                         "删除重复行,或改正期间/状态", "delete one of them"),
    "highlight-theme-unknown": Msg("专题「{theme}」不在指标或专题表中",
                                   "theme '{theme}' is not in 指标 or 专题",
                                   "检查专题名称是否一致", "check the theme name"),
    "units-differ": Msg("指标 {code} 在不同工作表中的单位不一致:{where}",
                        "indicator {code} has different units on different sheets: {where}",
                        "统一换算成「指标」表的单位", "convert all of them to the unit in 指标"),
    # --- pre-flight statistical checks (dataset/checks.py) -----------------------------------
    "check-parts-total": Msg("{name}({period},{region})的分项合计 {parts} 与总量 {total} "
                             "相差 {diff},超出四舍五入范围;分项:{cells}",
                             "{name} ({period}, {region}): the parts add up to {parts}, the total "
                             "is {total} (off by {diff}, more than rounding); parts: {cells}",
                             "核对分项与总量,或检查「上级指标」是否填对",
                             "check the parts and the total, or the 上级指标 column"),
    "check-magnitude": Msg("{name}({region})在 {period} 的数值 {value} 约为相邻数值 {neighbour} 的 "
                           "{ratio} 倍,可能单位填错(如把万元当作亿元)",
                           "{name} ({region}) {period}: {value} is about {ratio} times its "
                           "neighbours ({neighbour}); a unit mix-up such as 万元 for 亿元?",
                           "核对该单元格的数量级和单位", "check the cell's magnitude and unit"),
    "check-jump": Msg("{name}({region}){period} 较 {base} 变化 {change},幅度异常",
                      "{name} ({region}) {period}: {change} against {base}, an unusual change",
                      "如数据无误,请在「备注」中说明原因(有备注时不再提示)",
                      "if it is right, explain it in 备注 (a note silences this check)"),
    "check-gap": Msg("{name}({region})缺少 {missing} 的数据,图表中将出现空缺",
                     "{name} ({region}) has no data for {missing}; charts will show gaps",
                     "补齐缺少的期间,或在配方中缩小期间范围",
                     "fill in the missing periods or narrow the recipe's period range"),
    "check-empty-value": Msg("{name}({region},{period})数值为空,图表中显示为空缺(不会当作 0)",
                             "{name} ({region}, {period}) is empty and shows as a gap (never 0)",
                             "如有数据请补上;确实缺数可保留空白",
                             "fill it in if the number exists; otherwise leave it empty"),
    "check-stale-estimate": Msg("{name}({region})的 {period} 仍是预计数,"
                                "按工作簿的数据截至日期 {date} 应已有实际数",
                                "{name} ({region}) {period} is still an estimate, though actuals "
                                "should exist by the workbook's date {date}",
                                "更新为实际数,并把「状态」改为实际",
                                "replace it with the actual value and set 状态 to 实际"),
    "check-stale-estimate-today": Msg("{name}({region})的 {period} 仍是预计数,到今天({date})"
                                      "应已有实际数",
                                      "{name} ({region}) {period} is still an estimate, though "
                                      "actuals should exist by today ({date})",
                                      "更新为实际数,并把「状态」改为实际",
                                      "replace it with the actual value and set 状态 to 实际"),
    # --- statistics conventions (issue 8): period kinds, indicator kinds ---------------------
    "check-mixed-kinds": Msg("{name}({region})同时有{kinds}数据:汇报按期间类型分开展示,"
                             "图表只画其中一种({chart}),最新的{latest}领头,其余类型各取最新一期"
                             "并注明期间;未展示的数字在生成时逐一列出",
                             "{name} ({region}) mixes {kinds} figures: the deck shows them "
                             "apart, the chart draws one kind ({chart}), the newest ({latest}) "
                             "leads, the newest of each other kind is shown with its period; "
                             "figures not shown are listed when the deck is built",
                             "这不是错误;如某类数据不需要进汇报,可删去或在配方中缩小期间范围",
                             "not an error; remove figures the deck should not use, or narrow "
                             "the recipe's period range"),
    "kind-invalid": Msg("「类型」填的是「{value}」,不认识", "类型 「{value}」 is not a kind",
                        "可填:总量、增速、比重、数量、指数、位次;留空则按单位和名称推断",
                        "use 总量, 增速, 比重, 数量, 指数 or 位次, or leave it empty"),
    "key-invalid": Msg("「重点」填的是「{value}」,只能填 是 或 否", "重点 「{value}」 is not 是/否",
                       "填「是」的指标在主要指标页优先展示", "是 puts it first on 主要指标"),
    "pattern-no-value": Msg("「表述」中没有 {{值}}:「{value}」", "表述 has no {{值}}: 「{value}」",
                            "如「{{值}}家企业入选工信部再生资源综合利用规范企业」",
                            "e.g. 「{{值}}家企业入选…」"),
    "growth-code-unknown": Msg("「增速指标」{code} 不在「指标」表中",
                               "增速指标 {code} is not an indicator",
                               "填写本指标增速所在行的指标编码,或留空",
                               "give the code of this indicator's growth rate, or leave it empty"),
    "growth-code-not-rate": Msg("「增速指标」{code} 的类型是「{kind}」,不是增速,未连写",
                                "增速指标 {code} is a {kind}, not a growth rate; not linked",
                                "填写增速指标的编码(单位 %,类型为增速)",
                                "give a growth rate's code"),
    "kind-explain": Msg("{name}:类型按{reason}推断为「{kind}」", "{name}: kind {kind} inferred "
                        "from {reason}", "如不对,请在「指标」表的「类型」列填写",
                        "set the 类型 column if this is wrong"),
    # --- hardening (issue 12): text a spreadsheet would run, numbers and text beyond limits -----
    "text-formula-like": Msg("文字以「{start}」开头,Excel 等表格程序可能把它当作公式执行",
                             "the text starts with '{start}', which a spreadsheet may run as a "
                             "formula",
                             "汇报中的图表数据一律按文字保存,不会执行;建议改写该文字,"
                             "避免以 = + - @ 开头",
                             "chart data in the deck keeps it as plain text; better reword it "
                             "so it does not start with = + - @"),
    "text-link-like": Msg("文字「{start}」是一个链接或网络路径,表格程序可能把它当作外部链接",
                          "the text '{start}' is a link or network path a spreadsheet may "
                          "follow as an external link",
                          "汇报中的图表数据一律按文字保存,不含链接;如非有意,请删去链接",
                          "chart data in the deck keeps it as plain text, never a link; "
                          "remove it unless it is meant to be read"),
    "value-too-large": Msg("数值 {value} 超出汇报能显示的范围(绝对值须小于 10 的 15 次方)",
                           "the value {value} is beyond what a deck can show (its size must be "
                           "below 10^15)",
                           "多半是单位或小数点错误,或误粘贴了编号;请核对该单元格",
                           "usually a unit or decimal-point slip, or a pasted ID number; check "
                           "the cell"),
    "text-too-long": Msg("文字长达 {length} 个字符,超过 {limit} 个字符的上限,"
                         "汇报中只显示前 {limit} 个字符",
                         "the text is {length} characters long, over the limit of {limit}; "
                         "slides show the first {limit}",
                         "请精简该单元格,或把长篇说明放在汇报之外",
                         "shorten the cell, or keep long explanations outside the deck"),
    "sheet-hidden-only": Msg("唯一的数据表已隐藏,其数据未读取,汇报将没有任何数据",
                             "the only data sheet is hidden, so no data was read and the deck "
                             "would be empty",
                             "在 Excel 中右键工作表标签 →「取消隐藏」后保存",
                             "unhide it in Excel (right-click a sheet tab > Unhide) and save"),
}
